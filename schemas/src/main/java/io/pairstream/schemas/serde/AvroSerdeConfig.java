package io.pairstream.schemas.serde;

import io.pairstream.schemas.config.ConfigValidation;
import io.pairstream.schemas.registry.RegistryClientConfig;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration of the Avro serde: the registry client's keys plus the serde's own, named as in Confluent's serde. */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Register the record's schema when serializing; when false the schema must already be registered.";

    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    private static final String USE_LATEST_VERSION_DOC = "Serialize with the latest registered schema of the subject instead of the record's own (needs auto.register.schemas=false).";

    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    private static final String SUBJECT_NAME_STRATEGY_DOC = "How the registry subject is named: TopicNameStrategy (default), RecordNameStrategy or TopicRecordNameStrategy "
            + "(Confluent class names and TOPIC_NAME, RECORD_NAME, TOPIC_RECORD_NAME are accepted).";

    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    private static final String SPECIFIC_AVRO_READER_DOC = "Deserialize into generated SpecificRecord classes (found by the writer schema's full name) instead of GenericRecord.";

    public static final ConfigDef CONFIG = RegistryClientConfig.define(new ConfigDef())
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, false, Importance.LOW, USE_LATEST_VERSION_DOC)
            .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, "TopicNameStrategy", AvroSerdeConfig::validateStrategy, Importance.LOW, SUBJECT_NAME_STRATEGY_DOC)
            .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, "TopicNameStrategy", AvroSerdeConfig::validateStrategy, Importance.LOW, SUBJECT_NAME_STRATEGY_DOC)
            .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, false, Importance.LOW, SPECIFIC_AVRO_READER_DOC);

    private AvroSerdeConfig(Map<String, ?> props) {
        super(CONFIG, props, false);
    }

    /** Parses and validates, reporting every bad key at once. */
    public static AvroSerdeConfig of(Map<String, ?> props) {
        ConfigValidation.requireValid(CONFIG, props, "Avro serde");
        return new AvroSerdeConfig(props);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION_CONFIG);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG;
        return SubjectNameStrategy.parse(key, getString(key));
    }

    private static void validateStrategy(String name, Object value) {
        SubjectNameStrategy.parse(name, (String) value);
    }
}

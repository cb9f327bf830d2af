package io.pairstream.schemas;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.records.TrainingMetrics;
import io.pairstream.schemas.records.UnpairedImage;
import io.pairstream.schemas.records.UnpairedText;
import org.apache.avro.Schema;

/** The topics of the data flow, each with its default name and the Avro record its values carry. */
public enum Topic {
    RAW_PAIRS("pairs.raw", ImageTextPair.getClassSchema()),
    UNPAIRED_IMAGES("images.raw", UnpairedImage.getClassSchema()),
    UNPAIRED_TEXTS("texts.raw", UnpairedText.getClassSchema()),
    DEAD_LETTERS("pairs.dlq", DeadLetter.getClassSchema()),
    REJECTED_PAIRS("pairs.rejected", RejectedPair.getClassSchema()),
    POSITIVE_PAIRS("pairs.positive", PositivePair.getClassSchema()),
    QUALITY_METRICS("curation.metrics", PairQualityWindow.getClassSchema()),
    TRAINING_METRICS("training.metrics", TrainingMetrics.getClassSchema());

    private final String defaultName;
    private final Schema valueSchema;

    Topic(String defaultName, Schema valueSchema) {
        this.defaultName = defaultName;
        this.valueSchema = valueSchema;
    }

    public String defaultName() {
        return defaultName;
    }

    public Schema valueSchema() {
        return valueSchema;
    }
}

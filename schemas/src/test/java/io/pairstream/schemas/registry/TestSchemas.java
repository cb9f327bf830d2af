package io.pairstream.schemas.registry;

import org.apache.avro.Schema;

/** Small schemas of one record in three versions, for registry and serde tests. */
public final class TestSchemas {

    private TestSchemas() {
    }

    /** v1: name. */
    public static final Schema USER_V1 = SchemaRepository.parse("""
            {"type":"record","name":"User","namespace":"test","fields":[
              {"name":"name","type":"string"}]}""");

    /** v2: adds an optional field with a default, compatible both ways with v1. */
    public static final Schema USER_V2 = SchemaRepository.parse("""
            {"type":"record","name":"User","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"email","type":["null","string"],"default":null}]}""");

    /** Adds a required field without a default: a v3 reader cannot read v1 data (breaks BACKWARD). */
    public static final Schema USER_INCOMPATIBLE = SchemaRepository.parse("""
            {"type":"record","name":"User","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"age","type":"int"}]}""");
}

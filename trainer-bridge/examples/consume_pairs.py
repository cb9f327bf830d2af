#!/usr/bin/env python3
"""Reads PositivePair records from pairs.positive the way an external trainer would.

Needs only confluent_kafka (Debian: python3-confluent-kafka) and the standard library: the
Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary) is decoded here,
with the writer's schema fetched from the Schema Registry by id. Each record's images are PNG bytes,
ready for PIL/torchvision in a real training loop.

    consume_pairs.py --bootstrap 127.0.0.1:9092 --registry http://127.0.0.1:8081 [--topic pairs.positive] [--max 10]
"""
import argparse
import json
import struct
import urllib.request

from confluent_kafka import Consumer


class Reader:
    """Avro binary decoding of the types the pairstream schemas use."""

    def __init__(self, data, pos):
        self.data, self.pos = data, pos

    def long(self):
        shift, value = 0, 0
        while True:
            b = self.data[self.pos]
            self.pos += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return (value >> 1) ^ -(value & 1)

    def raw(self, n):
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def read(self, schema, named):
        if isinstance(schema, list):                       # union: branch index, then the value
            return self.read(schema[self.long()], named)
        if isinstance(schema, str):
            if schema in named:
                return self.read(named[schema], named)
            return self.primitive(schema)
        kind = schema["type"]
        if kind == "record":
            named[schema["name"]] = schema
            named[schema.get("namespace", "") + "." + schema["name"]] = schema
            return {f["name"]: self.read(f["type"], named) for f in schema["fields"]}
        if kind == "enum":
            named[schema["name"]] = schema
            return schema["symbols"][self.long()]
        if kind == "array":
            items = []
            while True:
                count = self.long()
                if count == 0:
                    return items
                if count < 0:                               # block with its byte size
                    count = -count
                    self.long()
                items.extend(self.read(schema["items"], named) for _ in range(count))
        return self.primitive(kind)                         # e.g. {"type": "long", "logicalType": ...}

    def primitive(self, kind):
        if kind == "null":
            return None
        if kind == "boolean":
            return self.raw(1) != b"\x00"
        if kind in ("int", "long"):
            return self.long()
        if kind == "float":
            return struct.unpack("<f", self.raw(4))[0]
        if kind == "double":
            return struct.unpack("<d", self.raw(8))[0]
        if kind == "bytes":
            return self.raw(self.long())
        if kind == "string":
            return self.raw(self.long()).decode("utf-8")
        raise ValueError("unsupported Avro type " + kind)


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--bootstrap", required=True)
    args.add_argument("--registry", required=True)
    args.add_argument("--topic", default="pairs.positive")
    args.add_argument("--group", default="external-trainer")
    args.add_argument("--max", type=int, default=10)
    options = args.parse_args()

    schemas = {}
    consumer = Consumer({"bootstrap.servers": options.bootstrap, "group.id": options.group,
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed",
                         "enable.auto.commit": False})
    consumer.subscribe([options.topic])
    seen = 0
    try:
        while seen < options.max:
            message = consumer.poll(10.0)
            if message is None:
                break
            if message.error():
                raise SystemExit(str(message.error()))
            value = message.value()
            magic, schema_id = struct.unpack(">bI", value[:5])
            if magic != 0:
                raise SystemExit("not Confluent wire format: magic byte %d" % magic)
            if schema_id not in schemas:
                with urllib.request.urlopen("%s/schemas/ids/%d" % (options.registry, schema_id)) as response:
                    schemas[schema_id] = json.loads(json.loads(response.read())["schema"])
            pair = Reader(value, 5).read(schemas[schema_id], {})
            print("%d:%d anchor=%s positive=%s strategy=%s percentile=%.1f hints=%d labels=%s/%s images=%s/%s bytes" % (
                message.partition(), message.offset(), pair["anchorId"], pair["positiveId"], pair["strategy"],
                pair["similarityPercentile"], len(pair["falseNegativeHints"]), pair["anchorLabel"],
                pair["positiveLabel"], len(pair["anchorImage"] or b""), len(pair["positiveImage"] or b"")))
            # A trainer would now decode the PNGs, train a step, and only then commit:
            consumer.commit(message=message, asynchronous=False)
            seen += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    main()

"""Drives a Schema Registry with Confluent's own Python client (Debian python3-confluent-kafka)
and prints what it saw as JSON, for ConfluentPythonClientIT. Usage: confluent_registry_client.py URL"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError


def record(*fields):
    return Schema(json.dumps({"type": "record", "name": "Interop", "namespace": "test", "fields": list(fields)}), "AVRO")


V1 = record({"name": "name", "type": "string"})
V2 = record({"name": "name", "type": "string"}, {"name": "email", "type": ["null", "string"], "default": None})
BREAKING = record({"name": "name", "type": "string"}, {"name": "age", "type": "int"})

client = SchemaRegistryClient({"url": sys.argv[1]})
seen = {}
seen["id1"] = client.register_schema("interop-value", V1)
seen["id2"] = client.register_schema("interop-value", V2)
latest = client.get_latest_version("interop-value")
seen["latest"] = [latest.version, latest.schema_id, latest.subject]
seen["lookup_version"] = client.lookup_schema("interop-value", V1).version
seen["by_id_fields"] = [f["name"] for f in json.loads(client.get_schema(seen["id2"]).schema_str)["fields"]]
seen["subjects"] = client.get_subjects()
seen["versions"] = client.get_versions("interop-value")
seen["v1_schema_id"] = client.get_version("interop-value", 1).schema_id
seen["breaking_is_compatible"] = client.test_compatibility("interop-value", BREAKING)
seen["set_compatibility"] = client.set_compatibility("interop-value", "FULL")
seen["get_compatibility"] = client.get_compatibility("interop-value")
try:
    client.register_schema("interop-value", BREAKING)
    seen["breaking_error"] = None
except SchemaRegistryError as e:
    seen["breaking_error"] = [e.http_status_code, e.error_code]
try:
    client.get_latest_version("nobody-value")
    seen["missing_error"] = None
except SchemaRegistryError as e:
    seen["missing_error"] = [e.http_status_code, e.error_code]
seen["deleted_version"] = client.delete_version("interop-value", 2)
seen["deleted_subject"] = client.delete_subject("interop-value")
print(json.dumps(seen))

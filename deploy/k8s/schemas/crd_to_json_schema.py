"""Turns the vendored CustomResourceDefinitions (crds/, SOURCES.md) into strict JSON
schemas that kubeconform reads from disk, one file per served version:

    OUT/<group>/<kind in lower case>_<version>.json

(kubeconform: -schema-location 'OUT/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json').

Strict means what the API server's structural pruning would silently drop is an
error here: every object that lists its properties and neither declares
additionalProperties nor x-kubernetes-preserve-unknown-fields gets
additionalProperties: false. OpenAPI v3 spellings that JSON schema does not know
are rewritten: nullable → a "null" type, x-kubernetes-int-or-string → integer or
string. apiVersion and kind are pinned to the CRD's group/version and kind.

Usage: python crd_to_json_schema.py OUT CRD.yaml...
"""

import json
import sys
from pathlib import Path

import yaml


def strict(schema):
    """A copy of an OpenAPI v3 structural schema as a strict JSON schema."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {}
    for key, value in schema.items():
        if key in ("properties", "patternProperties", "definitions"):
            result[key] = {name: strict(sub) for name, sub in value.items()}
        elif key.startswith("x-kubernetes-") or key == "nullable":
            continue
        else:
            result[key] = strict(value)
    if schema.get("x-kubernetes-int-or-string"):
        result.pop("type", None)
        result.setdefault("anyOf", [{"type": "integer"}, {"type": "string"}])
    if schema.get("nullable") and "type" in result:
        types = result["type"] if isinstance(result["type"], list) else [result["type"]]
        result["type"] = types + ["null"]
    if (
        "properties" in schema
        and "additionalProperties" not in schema
        and not schema.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def schemas_of(crd):
    """(group, kind, version, JSON schema) for every served version of one CRD."""
    spec = crd["spec"]
    group, kind = spec["group"], spec["names"]["kind"]
    for version in spec["versions"]:
        if not version.get("served", True):
            continue
        schema = strict(version["schema"]["openAPIV3Schema"])
        properties = schema.setdefault("properties", {})
        properties["apiVersion"] = {"type": "string", "enum": [f"{group}/{version['name']}"]}
        properties["kind"] = {"type": "string", "enum": [kind]}
        # metadata is checked by the API server's own rules, not by the CRD
        properties["metadata"] = {"type": "object"}
        schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
        schema["additionalProperties"] = False
        yield group, kind, version["name"], schema


def convert(out_dir, crd_files):
    written = []
    for crd_file in crd_files:
        for document in yaml.safe_load_all(Path(crd_file).read_text()):
            if not document or document.get("kind") != "CustomResourceDefinition":
                continue
            for group, kind, version, schema in schemas_of(document):
                target = Path(out_dir) / group / f"{kind.lower()}_{version}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(schema))
                written.append(target)
    return written


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    written = convert(arguments[0], arguments[1:])
    print(f"{len(written)} schemas in {arguments[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Reads YAML the way go-yaml/libyaml tools (kubectl, kustomize, Argo CD) do: PyYAML's
libyaml-based YAML 1.1 loader. Input on stdin: JSON {"manifest": str, "configs": [str]}.
Output: JSON {"objects": [...], "configs": [{key: value-as-Flink-reads-it}]}."""
import json
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def flink_string(value):
    # Flink turns YAML scalars into strings: booleans as true/false, numbers as written.
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return None
    return str(value)


request = json.load(sys.stdin)
objects = [o for o in yaml.load_all(request["manifest"], Loader=Loader) if o is not None]
configs = []
for text in request["configs"]:
    loaded = yaml.load(text, Loader=Loader) or {}
    configs.append({k: flink_string(v) for k, v in loaded.items()})
json.dump({"objects": objects, "configs": configs, "libyaml": Loader is not yaml.SafeLoader}, sys.stdout)

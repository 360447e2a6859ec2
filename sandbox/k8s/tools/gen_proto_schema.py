"""Writes sandbox/k8s/proto_schema.py: the protobuf field table of Kubernetes' built-in kinds.

Run by hand when the emulator should learn newer fields:

    python -m sandbox.k8s.tools.gen_proto_schema --api <kubernetes/api> --apimachinery <kubernetes/apimachinery>

Each directory is a checkout or a git directory (read at HEAD). The field numbers and wire
types come from each package's `generated.proto`; from `types.go` comes what protobuf does
not say but JSON needs: the JSON name, `,inline` members, and whether a zero value means
"set" (a pointer, or no `omitempty`) or "absent". Only this table is committed, never their
files.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

API_PACKAGES = ["core/v1", "apps/v1", "batch/v1", "rbac/v1", "policy/v1", "authentication/v1", "authorization/v1",
                "autoscaling/v1", "networking/v1", "coordination/v1", "scheduling/v1", "storage/v1", "discovery/v1",
                "events/v1", "admissionregistration/v1"]
MACHINERY_PACKAGES = {"pkg/apis/meta/v1": "meta.v1", "pkg/runtime": "runtime", "pkg/util/intstr": "intstr",
                      "pkg/api/resource": "resource"}
PREFIXES = [("k8s.io.apimachinery.pkg.apis.meta.v1.", "meta.v1."), ("k8s.io.apimachinery.pkg.runtime.", "runtime."),
            ("k8s.io.apimachinery.pkg.util.intstr.", "intstr."), ("k8s.io.apimachinery.pkg.api.resource.", "resource."),
            ("k8s.io.api.", "")]
FIELD = re.compile(r"^\s*(optional|repeated)?\s*([\w.]+|map<\s*[\w.]+\s*,\s*[\w.]+\s*>)\s+(\w+)\s*=\s*(\d+)\s*;")
GO_FIELD = re.compile(r"^\s*(?:(\w+)\s+)?([\w.*\[\]]+)\s+`([^`]*)`")


def read(root: str, path: str) -> str | None:
    file = Path(root) / path
    if file.is_file():
        return file.read_text()
    result = subprocess.run(["git", "--git-dir", root, "show", f"HEAD:{path}"], capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def short(name: str, package: str) -> str:
    name = name.lstrip(".")
    for long, brief in PREFIXES:
        if name.startswith(long):
            return brief + name[len(long):]
    return f"{package}.{name}" if "." not in name else name


def go_fields(source: str) -> dict[tuple[str, str], tuple[str, bool, bool]]:
    """(struct, proto name) -> (json name, zero is meaningful, inline); (type, "") for a named
    slice type (`type Verbs []string`), which protobuf wraps in a message and JSON writes as a list."""
    found = {}
    struct = None
    for line in source.splitlines():
        named_slice = re.match(r"^type (\w+) \[\][\w.*]+\s*$", line)
        if named_slice:
            found[(named_slice.group(1), "")] = ("", False, False)
            continue
        start = re.match(r"^type (\w+) struct \{", line)
        if start:
            struct = start.group(1)
            continue
        if line.startswith("}"):
            struct = None
            continue
        if not struct or 'protobuf:"' not in line:
            continue
        match = GO_FIELD.match(line)
        if not match:
            continue
        go_type, tags = match.group(2), match.group(3)
        named = re.search(r'protobuf:"[^"]*name=(\w+)', tags)
        if not named:
            continue
        proto_name = named.group(1)
        json_tag = re.search(r'json:"([^"]*)"', tags)
        json_parts = (json_tag.group(1) if json_tag else proto_name).split(",")
        # encoding/json inlines an embedded struct whose JSON name is empty (`json:""` or `,inline`).
        inline = "inline" in json_parts[1:] or (match.group(1) is None and json_parts[0] == "")
        json_name = json_parts[0] or proto_name
        keep_zero = go_type.startswith("*") or "omitempty" not in json_parts[1:]
        found[(struct, proto_name)] = (json_name, keep_zero, inline)
    return found


def messages(proto: str, package: str, go: dict) -> dict[str, str]:
    table = {}
    current, fields = None, []
    for line in proto.splitlines():
        start = re.match(r"^message (\w+) \{", line)
        if start:
            current, fields = start.group(1), []
            continue
        if line.startswith("}") and current:
            wrapper = (current, "") in go and [f.split("=")[0] for f in fields] == ["items"]
            table[f"{package}.{current}"] = ("@list " if wrapper else "") + " ".join(fields)
            current = None
            continue
        match = FIELD.match(line) if current else None
        if not match:
            continue
        label, kind, name, number = match.groups()
        if kind.startswith("map<"):
            key, value = [part.strip() for part in kind[4:-1].split(",")]
            kind = f"map<{short(key, package) if '.' in key or key[0].isupper() else key},"
            kind += (short(value, package) if "." in value or value[0].isupper() else value) + ">"
        elif "." in kind or kind[0].isupper():
            kind = short(kind, package)
        json_name, keep_zero, inline = go.get((current, name), (name, False, False))
        prefix = ("[]" if label == "repeated" else "") + ("^" if inline else "")
        fields.append(f"{json_name}={number}:{prefix}{kind}{'*' if keep_zero else ''}")
    return table


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", required=True)
    parser.add_argument("--apimachinery", required=True)
    parser.add_argument("--output", default=str(Path(__file__).resolve().parents[1] / "proto_schema.py"))
    args = parser.parse_args()
    table: dict[str, str] = {}
    sources = [(args.api, path, path.replace("/", ".")) for path in API_PACKAGES]
    sources += [(args.apimachinery, path, brief) for path, brief in MACHINERY_PACKAGES.items()]
    for root, path, package in sources:
        proto = read(root, f"{path}/generated.proto")
        if proto is None:
            raise SystemExit(f"no {path}/generated.proto under {root}")
        go = {}
        for name in ("types.go", "meta.go", "time.go", "micro_time.go", "duration.go", "quantity.go", "intstr.go",
                     "types_proto.go"):
            source = read(root, f"{path}/{name}")
            if source:
                go.update(go_fields(source))
        table.update(messages(proto, package, go))
    lines = ['"""Protobuf field table of the built-in kinds: generated by tools/gen_proto_schema.py from',
             "Kubernetes' generated.proto and types.go; do not edit by hand.",
             "",
             "Each message maps to `json=number:type` fields; `[]` repeated, `^` inlined into the parent",
             "object in JSON, `*` a zero value is kept (pointer or no omitempty); `@list` marks a named",
             "slice type that protobuf wraps in a message of `items` and JSON writes as a plain list.",
             '"""', "", "MESSAGES = {"]
    for name in sorted(table):
        lines.append(f"    {name!r}: {table[name]!r},")
    lines.append("}")
    Path(args.output).write_text("\n".join(lines) + "\n")
    print(f"{len(table)} messages -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

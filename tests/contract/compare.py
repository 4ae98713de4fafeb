"""Compares a served contract with the official ZGW spec.

Every official path, method, operationId, parameter, request/response property, required flag and
enum must be present in ours and compatible: a client written against the official spec must work.
Compatible means: we accept every request the official spec allows (no extra required request
fields, every official enum value accepted) and we return every property the official response has.
"""

from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete", "head")


@dataclass
class Spec:
    raw: dict

    def resolve(self, node, depth: int = 0) -> dict:
        """Follow $ref and merge allOf; oneOf/anyOf of enums become one enum."""
        if depth > 20 or not isinstance(node, dict):
            return node or {}
        if "$ref" in node:
            ref = node["$ref"]
            target = self.raw
            for part in ref.split("#/", 1)[1].split("/"):
                target = target[part]
            merged = {**self.resolve(target, depth + 1), **{k: v for k, v in node.items() if k != "$ref"}}
            return merged
        if "allOf" in node:
            merged = {k: v for k, v in node.items() if k != "allOf"}
            for part in node["allOf"]:
                resolved = self.resolve(part, depth + 1)
                for key, value in resolved.items():
                    if key == "properties":
                        merged.setdefault("properties", {}).update(value)
                    elif key == "required":
                        merged["required"] = sorted(set(merged.get("required", [])) | set(value))
                    else:
                        merged.setdefault(key, value)
            return merged
        for key in ("oneOf", "anyOf"):
            if key in node:
                options = [self.resolve(o, depth + 1) for o in node[key]]
                if all("enum" in o for o in options):
                    merged = {k: v for k, v in node.items() if k != key}
                    merged["enum"] = [v for o in options for v in o["enum"]]
                    merged.setdefault("type", "string")
                    return merged
        return node

    def operations(self):
        for path, item in self.raw.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    yield path, method, item[method], item.get("parameters", [])


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def _enum(schema: dict) -> set | None:
    values = schema.get("enum")
    return None if values is None else {v for v in values if v is not None}


def _compare_schema(official: Spec, ours: Spec, a: dict, b: dict, where: str, report: Report, *, request: bool, depth: int = 0) -> None:
    a = official.resolve(a)
    b = ours.resolve(b)
    if depth > 6 or not a:
        return
    type_a, type_b = a.get("type"), b.get("type")
    if type_a and type_b and type_a != type_b:
        report.add(where, f"type {type_b!r}, official {type_a!r}")
        return
    enum_a, enum_b = _enum(a), _enum(b)
    if enum_a is not None:
        if enum_b is None:
            report.add(where, f"no enum, official {sorted(enum_a)}")
        elif request and not enum_a <= enum_b:
            report.add(where, f"does not accept {sorted(enum_a - enum_b)}")
        elif not request and not enum_b <= enum_a | {""}:
            report.add(where, f"may return {sorted(enum_b - enum_a)}")
    if type_a == "array":
        _compare_schema(official, ours, a.get("items", {}), b.get("items", {}), f"{where}[]", report, request=request, depth=depth + 1)
        return
    props_a = a.get("properties", {})
    props_b = b.get("properties", {})
    for name, prop_a in props_a.items():
        prop_a_resolved = official.resolve(prop_a)
        read_only = prop_a.get("readOnly") or prop_a_resolved.get("readOnly")
        if request and read_only:
            continue
        if name not in props_b:
            report.add(where, f"missing property {name!r}")
            continue
        _compare_schema(official, ours, prop_a, props_b[name], f"{where}.{name}", report, request=request, depth=depth + 1)
    required_a = set(a.get("required", []))
    required_b = set(b.get("required", []))
    if request:
        extra = required_b - required_a
        if extra:
            report.add(where, f"requires {sorted(extra)} which the official request does not")
    else:
        missing = {n for n in required_a - required_b if n in props_b}
        if missing:
            report.add(where, f"does not promise {sorted(missing)} which the official response requires")


def _body_schema(spec: Spec, container: dict | None) -> dict:
    if not container:
        return {}
    content = spec.resolve(container).get("content", {})
    for media in ("application/json", "application/problem+json"):
        if media in content:
            return content[media].get("schema", {})
    return {}


def compare(official_raw: dict, ours_raw: dict, *, known_differences: dict[str, str]) -> list[str]:
    official, ours = Spec(official_raw), Spec(ours_raw)
    report = Report()
    our_ops = {(p, m): (op, params) for p, m, op, params in ours.operations()}
    for path, method, op, path_params in official.operations():
        where = f"{method.upper()} {path}"
        if (path, method) not in our_ops:
            report.add(where, "operation missing")
            continue
        our_op, our_path_params = our_ops[(path, method)]
        if our_op.get("operationId") != op.get("operationId"):
            report.add(where, f"operationId {our_op.get('operationId')!r}, official {op.get('operationId')!r}")
        our_params = {
            (p["in"], p["name"].lower() if p["in"] == "header" else p["name"]): ours.resolve(p)
            for p in our_op.get("parameters", []) + our_path_params
        }
        for declared in op.get("parameters", []) + path_params:
            param = official.resolve(declared)
            key = (param["in"], param["name"].lower() if param["in"] == "header" else param["name"])
            if key not in our_params:
                report.add(where, f"parameter {param['in']}:{param['name']} missing")
                continue
            mine = our_params[key]
            if mine.get("required", False) and not param.get("required", False):
                report.add(where, f"parameter {param['name']} required, official optional")
            _compare_schema(
                official, ours, param.get("schema", {}), mine.get("schema", {}), f"{where} ?{param['name']}", report, request=True
            )
        if method in ("post", "put", "patch"):
            _compare_schema(
                official,
                ours,
                _body_schema(official, op.get("requestBody")),
                _body_schema(ours, our_op.get("requestBody")),
                f"{where} body",
                report,
                request=True,
            )
        success = [s for s in op.get("responses", {}) if s.startswith("2")]
        our_success = [s for s in our_op.get("responses", {}) if s.startswith("2")]
        for status in success:
            if status not in our_success:
                report.add(where, f"status {status} not documented (ours: {our_success})")
                continue
            if method != "head":
                _compare_schema(
                    official,
                    ours,
                    _body_schema(official, op["responses"][status]),
                    _body_schema(ours, our_op["responses"][status]),
                    f"{where} {status}",
                    report,
                    request=False,
                )
    problems = []
    for problem in report.problems:
        if not any(problem.startswith(known) for known in known_differences):
            problems.append(problem)
    return problems


def without_external_refs(node):
    """The official spec with its `$ref`s into another API's spec left open (the Zaken API's
    `_expand`-ed zaaktype, statustype, ...; the Documenten API's informatieobjecttype): those are
    that API's own contract, compared in its own test, and not in ../shared as the URL names it."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return {}
        return {key: without_external_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [without_external_refs(item) for item in node]
    return node

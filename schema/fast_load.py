"""A schema's load compiled for speed: the same rules, without marshmallow's overhead.

Loading a record through marshmallow costs some 30 µs; a bulk import loads
hundreds of thousands. `fast_loader(schema)` reads each field's type,
validators and default once and generates one Python function that loads a
record the way the schema does, field by field:

- a value that plainly passes its field (the right type, every validator
  met, as an inline test) is taken as it is;
- any other value goes through the field's own `deserialize`, which converts
  it ("12.5" to a Decimal) or rejects it;
- the schema's `@validates_schema` methods then run on the loaded record.

It returns the loaded record, or None when any rule fails: the caller then
loads the record with the schema itself, for the schema's messages. So the
schema stays the one definition: an inline test must be exact for its
validator (a function validator is called, unless it carries a sound
`plainly` shortcut that is tried first, see schema.fields), and a field type
without an inline test always goes through its field.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from marshmallow import RAISE, Schema, ValidationError, fields, missing, validate
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA

# Inline tests of the values a field type loads as themselves, by exact field class.
PLAIN_TYPES: dict[type, str] = {
    fields.String: "type({v}) is str",
    fields.Integer: "type({v}) is int",
    fields.Float: "type({v}) is float and isfinite({v})",
    fields.Boolean: "type({v}) is bool",
}


class _Source:
    """The generated function's text and the objects it names."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, object] = {
            "isfinite": math.isfinite,
            "ValidationError": ValidationError,
            "MISSING": missing,
        }

    def name(self, obj: object) -> str:
        """A name for `obj` in the generated function's globals."""
        key = f"_{len(self.names)}"
        self.names[key] = obj
        return key


def _passes(validator) -> Callable[[object], bool]:
    """Whether a value passes a validator, as marshmallow decides it."""

    def passes(value) -> bool:
        try:
            return validator(value) is not False
        except ValidationError:
            return False

    return passes


def _rule_test(validator, source: _Source) -> str:
    """An inline test, exact for `validator`, of the value `v` (of the field's type)."""
    if isinstance(validator, validate.Length):
        low = validator.equal if validator.equal is not None else validator.min
        high = validator.equal if validator.equal is not None else validator.max
        tests = [f"len(v) >= {low!r}"] if low is not None else []
        if high is not None:
            tests.append(f"len(v) <= {high!r}")
        return " and ".join(tests) or "True"
    if isinstance(validator, validate.Range):
        low, high = validator.min, validator.max
        tests = []
        if low is not None:
            tests.append(f"v {'>=' if validator.min_inclusive else '>'} {source.name(low)}")
        if high is not None:
            tests.append(f"v {'<=' if validator.max_inclusive else '<'} {source.name(high)}")
        return " and ".join(tests) or "True"
    if isinstance(validator, validate.OneOf):
        return f"v in {source.name(frozenset(validator.choices))}"
    if isinstance(validator, validate.Regexp):
        return f"{source.name(validator.regex.match)}(v) is not None"
    exact = f"{source.name(_passes(validator))}(v)"
    plainly = getattr(validator, "plainly", None)
    return exact if plainly is None else f"({source.name(plainly)}(v) or {exact})"


def _plain_test(field: fields.Field, source: _Source) -> str:
    """An inline test of `v` that holds where `field` surely loads `v` as itself."""
    own = getattr(field, "plain_value", None)
    if own is not None:
        kind = f"{source.name(own)}(v)"
    elif type(field) in PLAIN_TYPES:
        kind = PLAIN_TYPES[type(field)].format(v="v")
    else:
        return "False"
    test = " and ".join([kind, *(f"({_rule_test(r, source)})" for r in field.validators)])
    return f"v is None or ({test})" if field.allow_none else test


def fast_loader(schema: Schema) -> Callable[[Mapping], dict | None]:
    """A function loading records as `schema` does: the loaded record, or None if one fails."""
    hooks = type(schema).resolve_hooks()
    unsupported = [tag for tag in (PRE_LOAD, POST_LOAD, VALIDATES) if hooks.get(tag)]
    if unsupported:
        raise ValueError(f"{type(schema).__name__} has {unsupported} hooks: load it in full")
    source = _Source()
    known = frozenset(field.data_key or name for name, field in schema.load_fields.items())
    lines = ["def load(record):"]
    strict = f" or not record.keys() <= {source.name(known)}" if schema.unknown == RAISE else ""
    lines.append(f"    if type(record) is not dict{strict}:\n        return None")
    lines.append("    loaded = {}")
    for name, field in schema.load_fields.items():
        key = field.data_key or name
        lines.append(f"    v = record.get({key!r}, MISSING)")
        lines.append("    if v is MISSING:")
        default = field.load_default
        if field.required:
            lines.append("        return None")
        elif default is missing:
            lines.append("        pass")
        elif callable(default):
            lines.append(f"        loaded[{name!r}] = {source.name(default)}()")
        else:
            lines.append(f"        loaded[{name!r}] = {source.name(default)}")
        lines.append(f"    elif {_plain_test(field, source)}:")
        lines.append(f"        loaded[{name!r}] = v")
        lines.append("    else:")
        lines.append("        try:")
        lines.append(
            f"            loaded[{name!r}] = {source.name(field)}.deserialize(v, {name!r}, record)"
        )
        lines.append("        except ValidationError:")
        lines.append("            return None")
    rules = [
        (source.name(getattr(schema, attr)), kwargs.get("pass_original", False))
        for attr, many, kwargs in hooks.get(VALIDATES_SCHEMA, ())
        if not many
    ]
    if rules:
        unknown = source.name(schema.unknown)
        lines.append("    try:")
        for rule, pass_original in rules:
            original = "record, " if pass_original else ""
            lines.append(
                f"        {rule}(loaded, {original}partial=None, many=False, unknown={unknown})"
            )
        lines.append("    except ValidationError:")
        lines.append("        return None")
    lines.append("    return loaded")
    text = "\n".join(lines) + "\n"
    namespace = dict(source.names)
    exec(compile(text, f"<fast load of {type(schema).__name__}>", "exec"), namespace)
    load = namespace["load"]
    load.source = text  # what was generated, for reading and for tests
    return load

"""JSON out with orjson: UTF-8 with Korean unescaped, exact numbers."""

from __future__ import annotations

from decimal import Decimal

import orjson


def _default(value):
    """Serialise the types orjson does not know natively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps_bytes(obj, *, indent: bool = False) -> bytes:
    """Serialise `obj` to UTF-8 JSON bytes."""
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(obj, default=_default, option=option)

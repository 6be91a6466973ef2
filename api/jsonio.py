"""JSON in and out with orjson: UTF-8 with Korean unescaped, exact numbers."""

from __future__ import annotations

from decimal import Decimal

import orjson
from flask.json.provider import JSONProvider


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


class OrjsonProvider(JSONProvider):
    """Flask's JSON provider backed by orjson; strict on input (no NaN, no Infinity)."""

    mimetype = "application/json"

    def dumps(self, obj, **kwargs) -> str:
        return dumps_bytes(obj, indent=bool(kwargs.get("indent"))).decode("utf-8")

    def loads(self, s, **kwargs):
        return orjson.loads(s)

    def response(self, *args, **kwargs):
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(dumps_bytes(obj), mimetype=self.mimetype)

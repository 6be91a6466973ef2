"""Flask's JSON in and out through orjson (see core.jsonio)."""

from __future__ import annotations

import orjson
from flask.json.provider import JSONProvider

from core.jsonio import dumps_bytes


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

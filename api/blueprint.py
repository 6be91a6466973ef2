"""The blueprint class every resource uses: flask-smorest's, with a stricter, cheaper query.

webargs hands marshmallow a proxy over werkzeug's MultiDict, and marshmallow
asks it for every field a schema declares. A MultiDict answers an absent key
by raising and catching an HTTP exception, so a claim list with two filters
given and seventeen not paid seventeen exceptions per request: most of the
cost of parsing its query. Here the query string is read once into a plain
dict; the schemas, their validation and the error responses are unchanged.

A parameter given twice where the schema takes one value (`limit=1&limit=2`)
is refused, not silently read as its first value. A view that takes no query
schema takes no query at all: `api.request_checks` refuses any parameter sent
to it, unless the view is marked `takes_query` (it reads one itself).
Validating a query string is a pure function of its text and the schema (no
field reads the database or the clock), so each worker keeps the arguments of
the query strings it validated last (`ValidatedQueries`) and hands out copies.
That is not a response cache: the arguments say what was asked, never what
the data holds, so no write can make them stale. A query string that fails
validation is not kept; it fails again, with the same 400, every time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping

import flask_smorest
from flask import Request
from marshmallow import Schema, ValidationError, fields
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import MultiDict

QUERY_MARK = "_takes_query"
VALIDATED_QUERIES = 1024  # query strings remembered per worker


def takes_query(view: Callable) -> Callable:
    """Mark a view that reads query parameters (by a schema, or itself)."""
    setattr(view, QUERY_MARK, True)
    return view


def reads_query(view: Callable | None) -> bool:
    """Whether a view was marked as reading query parameters."""
    return bool(getattr(view, QUERY_MARK, False))


class QueryValues(Mapping):
    """A query string's values by name, answering absent names without an exception.

    Like a MultiDict, `[name]` gives the first value and `getlist` all of them.
    """

    def __init__(self, args: MultiDict) -> None:
        self._lists = dict(args.lists())

    def __getitem__(self, name: str) -> str:
        return self._lists[name][0]

    def get(self, name: str, default=None):
        values = self._lists.get(name)
        return default if values is None else values[0]

    def getlist(self, name: str) -> list[str]:
        return list(self._lists.get(name, ()))

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


class ValidatedQueries:
    """The arguments of the query strings validated last, least recently used dropped first."""

    def __init__(self, size: int = VALIDATED_QUERIES) -> None:
        self.size = size
        self._found: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()  # a worker serves requests on several threads

    def get(self, key: tuple) -> dict | None:
        """A fresh copy of the arguments kept under `key`, or None."""
        with self._lock:
            found = self._found.get(key)
            if found is None:
                return None
            self._found.move_to_end(key)
        return copy_arguments(found)

    def put(self, key: tuple, arguments: dict) -> None:
        """Keep a copy of `arguments` under `key`."""
        with self._lock:
            self._found[key] = copy_arguments(arguments)
            self._found.move_to_end(key)
            while len(self._found) > self.size:
                self._found.popitem(last=False)

    def __len__(self) -> int:
        return len(self._found)


def copy_arguments(arguments: dict) -> dict:
    """A copy a view may change: its own dict and its own lists (the values are immutable)."""
    return {k: list(v) if isinstance(v, list) else v for k, v in arguments.items()}


class QueryParser(FlaskParser):
    """webargs' Flask parser, reading query strings through `QueryValues`, once per text."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.validated = ValidatedQueries()

    def load_querystring(self, req: Request, schema):
        values = QueryValues(req.args)
        repeated = {
            name: [f"Give this parameter once; it was given {len(given)} times."]
            for name, given in values._lists.items()
            if len(given) > 1
            and name in schema.fields
            and not isinstance(schema.fields[name], fields.List)
        }
        if repeated:
            raise ValidationError(repeated)
        return self._makeproxy(values, schema)

    def parse(self, argmap, req=None, *, location=None, validate=None, **kwargs):
        """Validate the query string, or return what validating the same text gave before."""
        if location != "query" or validate is not None or not isinstance(argmap, Schema):
            return super().parse(argmap, req, location=location, validate=validate, **kwargs)
        req = req or self.get_default_request()
        key = (argmap, kwargs.get("unknown"), req.query_string)
        arguments = self.validated.get(key)
        if arguments is None:
            arguments = super().parse(argmap, req, location=location, **kwargs)
            self.validated.put(key, arguments)
        return arguments


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's blueprint with the query parser above."""

    ARGUMENTS_PARSER = QueryParser()

    def arguments(self, schema, *, location: str = "json", **kwargs):
        """flask-smorest's `arguments`, marking views that read the query string."""
        decorator = super().arguments(schema, location=location, **kwargs)
        if location != "query":
            return decorator
        return lambda view: takes_query(decorator(view))

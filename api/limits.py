"""Rate limits: writes per token, extraction per client address.

Counters live in the storage named by RATELIMIT_STORAGE_URI ("memory://" by
default: per worker process, so the effective limit is per worker; point it
at a shared store such as Redis when several servers share the load).
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, Response, current_app, g
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def writer() -> str:
    """Writes are counted per token name (set by `require_token`)."""
    return g.get("token_name") or get_remote_address()


limiter = Limiter(key_func=writer, storage_uri="memory://", headers_enabled=True)


def marking(decorator):
    """A limit decorator that also notes, for the limiter's hooks, that a limit applied."""

    def apply(view):
        limited = decorator(view)

        @wraps(view)
        def marked(*args, **kwargs):
            g.rate_limited = True
            return limited(*args, **kwargs)

        return marked

    return apply


write_limit = marking(limiter.limit(lambda: current_app.config["WRITE_RATE_LIMIT"]))
extract_limit = marking(
    limiter.limit(lambda: current_app.config["EXTRACT_RATE_LIMIT"], key_func=get_remote_address)
)


# Statuses a client is told to come back after a while (RFC 9110: Retry-After).
RETRY_STATUSES = frozenset({429, 503})


def retry_after_only_when_refused(response: Response) -> Response:
    """Retry-After tells a refused client when to come back; on a success it misleads.

    Flask-Limiter adds it, with the rate-limit headers, to every limited response.
    """
    if response.status_code not in RETRY_STATUSES:
        response.headers.pop("Retry-After", None)
    return response


def after_limited(hook):
    """An after-request hook of the limiter, run only for requests a limit applied to."""

    @wraps(hook)
    def run(response):
        return hook(response) if g.get("rate_limited") else response

    return run


def teardown_limited(hook):
    """A teardown hook of the limiter, run only for requests a limit applied to."""

    @wraps(hook)
    def run(error=None):
        if g.get("rate_limited"):
            hook(error)

    return run


def init_app(app: Flask) -> None:
    """Attach the limiter with the app's settings.

    Our limits are decorators, and a decorated view checks its own limits
    when it is called. The extension also checks, before every request, the
    default and application-wide limits: unless the settings name some, on
    every read it would only resolve an empty set, a tenth of a cheap
    request's time. Flask-Limiter has no switch for that check, so the
    before-request functions its `init_app` adds are dropped again, which
    needs no name of its internals; tests/test_limits.py fails if a new
    version needs them for the decorated limits, or adds the check elsewhere.
    Its after-request and teardown functions (rate-limit headers, the
    per-request context) cost a read as much again for nothing: they run only
    for requests a decorated limit applied to (`marking` notes those).
    """
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    # Registered before the limiter's own, so it runs after it (Flask runs them reversed).
    app.after_request(retry_after_only_when_refused)
    checks = app.before_request_funcs.setdefault(None, [])
    afters = app.after_request_funcs.setdefault(None, [])
    teardowns = app.teardown_request_funcs.setdefault(None, [])
    before = (list(checks), list(afters), list(teardowns))
    limiter.init_app(app)
    if not (app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION")):
        checks[:] = before[0]
        afters[:] = [f if f in before[1] else after_limited(f) for f in afters]
        teardowns[:] = [f if f in before[2] else teardown_limited(f) for f in teardowns]

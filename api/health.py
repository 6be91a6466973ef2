"""Liveness and readiness: is the process up and can it reach its database?"""

from __future__ import annotations

from flask import Blueprint

from api.errors import problem
from schema.db import database
from schema.models import Claim

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 with the claim count when the database answers, 503 otherwise."""
    try:
        claims = Claim.select().count()
    except Exception:  # any database failure means "not ready"; the detail is logged
        database.close()
        return problem(503, "The database is not reachable.")
    return {"status": "ok", "claims": claims}

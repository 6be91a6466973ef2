"""Liveness and readiness: is the process up and can it reach its database?"""

from __future__ import annotations

from flask import Blueprint

from api.errors import problem
from schema.db import database

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 with the newest claim id when the database answers, 503 otherwise.

    MAX(id) reads one index entry; a COUNT would read every claim on each poll.
    """
    try:
        latest = database.execute_sql('SELECT MAX("id") FROM "claim"').fetchone()[0]
    except Exception:  # any database failure means "not ready"; the detail is logged
        database.close()
        return problem(503, "The database is not reachable.")
    return {"status": "ok", "latest_claim_id": latest}

"""The review queue's pages: candidates in their sentences, accept, correct or reject.

Reading the queue is public, like every read; deciding needs a signed-in
reviewer (api.page_session) and the form's CSRF token. A decision is the
API's correction (core.review.decide), so it leaves the same version in the
claim's history as `PATCH /v1/claims/{id}` would.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, request
from marshmallow import ValidationError

from api import page_session
from api.claims import find_claim
from api.errors import Problem
from api.pages import page_headers, render
from core import review
from core.claim_rows import claim_body
from core.claim_writes import StaleVersion
from core.rejections import ClaimRejected
from extractor.vocabulary import QUALIFIERS, UNITS

bp = Blueprint("review", __name__)
bp.after_request(page_headers)

QUEUE_PAGE = 50


def show_queue(status: int = 200, failed: int | None = None, errors: dict | None = None):
    """The queue page; `failed` names the candidate whose decision was refused."""
    cursor = request.args.get("cursor") or None
    return render(
        "review.html",
        "/v1/claims?status=candidate",
        status,
        queue=review.review_queue(cursor, QUEUE_PAGE),
        failed=failed,
        errors=errors or {},
        units=UNITS,
        qualifiers=QUALIFIERS,
    )


@bp.get("/review")
def queue():
    """Candidates from extraction, document by document, each in its sentence."""
    unknown = sorted(set(request.args) - {"cursor"})
    if unknown:
        raise Problem(400, f"Unknown parameter: {', '.join(unknown)}.")
    return show_queue()


def corrections(form, current: dict) -> dict:
    """The correction fields a reviewer changed, as the claim schema reads them.

    Only changed fields are sent, so an unchanged span is not re-checked; a
    new quote without new offsets is looked up in the text.
    """
    shown = {
        "value": str(current["value"]),
        "unit": current["unit"],
        "qualifier": current["qualifier"],
        "speaker": (current["speaker"] or {}).get("id") or "",
        "stated_as": current["stated_as"],
        "start": str(current["source"]["start"]),
        "end": str(current["source"]["end"]),
    }
    changed = {}
    for name, before in shown.items():
        after = form.get(name, before).strip()
        if after != before:
            changed[name] = after
    for name in ("start", "end"):
        if name in changed and changed[name].isdigit():
            changed[name] = int(changed[name])
    if "speaker" in changed and not changed["speaker"]:
        changed["speaker"] = None  # the reporter's own narration
    if "stated_as" in changed and not {"start", "end"} & set(changed):
        changed.pop("start", None)
    override = form.get("value_override_reason", "").strip()
    if override:
        changed["value_override_reason"] = override
    return changed


@bp.post("/review/<int:claim_id>")
def decide(claim_id):
    """Accept, correct or reject one candidate (signed in, with the form's token)."""
    page_session.check_form()
    author = page_session.reviewer()
    if author is None:
        raise Problem(401, "Sign in with a write token to review candidates.")
    decision = request.form.get("decision", "")
    version = request.form.get("version", "")
    if not version.isdigit():
        raise Problem(400, "The form lacks the candidate's version; reload the page.")
    current = claim_body(find_claim(claim_id))
    following = review.next_candidate(claim_id)
    try:
        review.decide(
            claim_id,
            decision,
            corrections(request.form, current),
            request.form.get("reason", ""),
            int(version),
            author,
        )
    except ValidationError as error:
        return show_queue(422, claim_id, error.normalized_messages())
    except ClaimRejected as error:
        if error.status in (404, 409, 400):
            raise Problem(error.status, error.message) from None
        return show_queue(error.status, claim_id, {error.field: [error.message]})
    except StaleVersion:
        raise Problem(
            412, f"Claim {claim_id} changed since this page was loaded; reload the queue."
        ) from None
    done = {"accept": "승인", "correct": "수정 후 승인", "reject": "반려"}[decision]
    flash(f"#{claim_id} {current['stated_as']}: {done}했습니다.")
    return redirect("/review" + (f"#candidate-{following}" if following else ""), 303)


def local_path(target: str | None) -> str:
    """A redirect target on this site only (never `//elsewhere` or a full URL)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/review"
    parts = urlsplit(target)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@bp.get("/sign-in")
def sign_in_form():
    """The sign-in form: a write token, kept in a session cookie."""
    return render("sign_in.html", "/v1/claims", next=local_path(request.args.get("next")))


@bp.post("/sign-in")
def sign_in():
    """Check the token; on success go on to where the reviewer was headed."""
    page_session.check_form()
    target = local_path(request.form.get("next"))
    name = page_session.sign_in(request.form.get("token", ""))
    if name is None:
        return render(
            "sign_in.html",
            "/v1/claims",
            403,
            next=target,
            error="이 토큰으로는 쓸 수 없습니다. This token is not valid for writes.",
        )
    flash(f"{name}(으)로 로그인했습니다.")
    return redirect(target, 303)


@bp.post("/sign-out")
def sign_out():
    """End the session."""
    page_session.check_form()
    page_session.sign_out()
    return redirect("/", 303)

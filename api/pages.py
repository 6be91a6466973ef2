"""The reader's pages: search, documents with their claims marked, claims, speakers.

Server-rendered HTML beside the JSON API, under / instead of /v1. Each view
parses the request, calls the same core functions the API's views call, and
renders a template; every page links to its JSON twin. Pages work without
JavaScript (static/pages.js only adds hover cards, copying and shortcuts),
load nothing from elsewhere (a strict Content-Security-Policy says so) and
answer conditional GETs with ETags.
"""

from __future__ import annotations

from urllib.parse import unquote, urlencode

from flask import Blueprint, Flask, render_template, request, session
from marshmallow import ValidationError

from api import page_session
from api.claims import find_claim, find_record
from api.documents import find_document
from api.errors import Problem
from api.provenance import citation
from api.speakers import find_speaker
from api.speakers import represent as speaker_representation
from core import figures, history, labels, queries, reading
from core.citations import FORMATS, LANGUAGES, not_citable
from core.claim_filters import FILTERS, claim_query_args
from core.claim_rows import claim_body
from core.value_chart import value_charts
from core.verification import verify_claim
from extractor.vocabulary import ATTRIBUTIONS, KINDS, QUALIFIERS, UNITS
from schema.models import Document

bp = Blueprint("pages", __name__)

PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The search page takes the claim list's arguments: every filter, sorting and paging.
SEARCH_FIELDS = (*FILTERS, "sort", "cursor", "limit")
# Those the form has no field for; kept as hidden fields when a link gave them.
UNSHOWN_FIELDS = ("document", "status", "limit")
SEARCH_PAGE_SIZE = 20
SPEAKER_CHART_LIMIT = 2000  # the newest claims a speaker's page charts


def render(template: str, json_twin: str, status: int = 200, **context):
    """A page with the context every template uses."""
    html = render_template(template, json_twin=json_twin, **context)
    return html, status


def search_arguments(args) -> tuple[dict, dict, dict]:
    """(the form's values, the claim list's arguments, errors by field) from a query.

    Empty form fields are left out; names the form does not have are errors,
    as in the API. The arguments are loaded by the API's own schema.
    """
    given: dict = {}
    errors: dict = {}
    for name in args:
        values = [v for v in args.getlist(name) if v.strip()]
        if name not in SEARCH_FIELDS:
            errors[name] = ["Unknown field."]
        elif len(values) > 1:
            errors[name] = ["Give this once."]
        elif values:
            given[name] = values[0]
    if errors:
        return given, {}, errors
    try:
        loaded = claim_query_args.load(
            {"limit": SEARCH_PAGE_SIZE, **given, "facet": ["unit", "speaker"], "count": True}
        )
    except ValidationError as error:
        return given, {}, error.normalized_messages()
    return given, loaded, {}


def search_link(given: dict, **changes) -> str:
    """The search page's URL for the given form values with some changed (no cursor)."""
    params = {k: v for k, v in given.items() if k != "cursor"}
    params.update({k: v for k, v in changes.items() if v is not None})
    return "/?" + urlencode(params) if params else "/"


@bp.get("/")
def search():
    """Search claims with the claim list's filters; facets as links, cursor paging."""
    given, args, errors = search_arguments(request.args)
    page = queries.list_claims(args) if not errors else None
    claims = []
    if page is not None:
        links = queries.restatements([row.id for row in page.rows])
        claims = [claim_body(row, links.get(row.id)) for row in page.rows]
    return render(
        "search.html",
        "/v1/claims?" + urlencode(given) if given else "/v1/claims",
        400 if errors else 200,
        given=given,
        errors=errors,
        page=page,
        claims=claims,
        search_link=search_link,
        unshown={k: v for k, v in given.items() if k in UNSHOWN_FIELDS},
        units=UNITS,
        kinds=KINDS,
        qualifiers=QUALIFIERS,
        attributions=ATTRIBUTIONS,
    )


@bp.get("/documents/<string:document_id>")
def document(document_id):
    """The article exactly as stored, every claim marked at its offsets."""
    annotated = reading.annotated_document(find_document(document_id))
    figures.with_figure_facts(annotated.claims)
    return render(
        "document.html",
        f"/v1/documents/{document_id}",
        doc=annotated.document,
        annotated=annotated,
        claims_by_id={c["id"]: c for c in annotated.claims},
    )


@bp.get("/claims/<int:claim_id>")
def claim(claim_id):
    """One claim: its sentence in context, citations, verification and history."""
    row = find_claim(claim_id)
    body = claim_body(row, queries.restatements([row.id]).get(row.id))
    figures.with_figure_facts([body])
    record = find_record(claim_id)
    source_document = Document.get_by_id(body["document"]["id"])
    offset, context = reading.claim_in_context(body, source_document.text)
    return render(
        "claim.html",
        f"/v1/claims/{claim_id}",
        claim=body,
        context=context,
        context_offset=offset,
        language=source_document.language,
        verification=verify_claim(record, source_document),
        not_citable=not_citable(body),
        citations={
            (name, lang): citation(body, name, lang) for lang in LANGUAGES for name in FORMATS
        }
        if not_citable(body) is None
        else {},
        versions=history.changes(history.claim_history(record)),
    )


@bp.get("/speakers/<string:speaker_id>")
def speaker(speaker_id):
    """A person or organisation: roles over time and their figures charted."""
    record = find_speaker(speaker_id)
    claims = reading.all_claims(
        {"speaker_id": speaker_id, "sort": "-published"}, most=SPEAKER_CHART_LIMIT
    )
    return render(
        "speaker.html",
        f"/v1/speakers/{speaker_id}",
        speaker=speaker_representation(speaker_id),
        versions=history.changes(history.speaker_history(record)),
        claims=claims,
        charts=value_charts(claims),
        capped=len(claims) >= SPEAKER_CHART_LIMIT,
    )


@bp.get("/figures/<string:figure_id>")
def figure(figure_id):
    """One figure's appearances side by side, with the figure's conflicts and the claims
    each involves (the same detail `GET /v1/figures/{id}` answers)."""
    readable = figure_id.isdigit() and len(figure_id) < 19  # SQLite's integers end at 2^63
    found = figures.figure_detail(int(figure_id)) if readable else None
    if found is None:
        raise Problem(404, f"No figure {figure_id!r}.")
    appearances = reading.all_claims({"figure": figure_id, "status": "all"})
    involved = {claim for conflict in found["conflicts"] for claim in conflict["claims"]}
    return render(
        "figure.html",
        f"/v1/figures/{figure_id}",
        figure_id=figure_id,
        figure=found,
        involved=involved,
        comparison=reading.compare_appearances(appearances),
    )


def page_headers(response):
    """Pages: a strict CSP, and an ETag so an unchanged page is a 304 without a body."""
    response.headers["Content-Security-Policy"] = PAGE_CSP
    # Browsers send a form's Origin only when the referrer policy lets them; other
    # sites still learn nothing.
    response.headers["Referrer-Policy"] = "same-origin"
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        signed_in = "token" in session
        response.headers["Cache-Control"] = "private, no-cache" if signed_in else "no-cache"
        response.add_etag()
        response.make_conditional(request)
    return response


bp.after_request(page_headers)


def context() -> dict:
    """What every template may use: labels, the reviewer and the form token."""
    return {
        "labels": labels,
        "citation_formats": FORMATS,
        "citation_languages": LANGUAGES,
        "reviewer": page_session.reviewer,
        "csrf_token": page_session.csrf_token,
        "tokens_of": reading.sentence_tokens,
    }


def init_app(app: Flask) -> None:
    """Register the pages (before anything else claims `/`) and their template helpers."""
    page_session.init_app(app)
    app.context_processor(context)
    app.register_blueprint(bp)
    from api import review

    app.register_blueprint(review.bp)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.add_template_filter(labels.quantity, "quantity")
    app.add_template_filter(labels.claim_quantity, "claim_quantity")
    app.add_template_filter(labels.speaker_phrase, "speaker_phrase")
    app.add_template_filter(unquote, "unquote")

"""The extraction resource: candidate claims for a posted text, nothing stored."""

from __future__ import annotations

from api.blueprint import Blueprint
from api.errors import Problem
from api.limits import extract_limit
from api.openapi import problem_responses
from core import candidates
from extractor.extract import detect_language
from schema.schemas import MAX_EXTRACT_CHARS, CandidatePageSchema, ExtractRequestSchema

blp = Blueprint("extraction", __name__, url_prefix="/v1/extract", description="Find claims.")


def check_length(text: str) -> None:
    """Extraction costs grow with the text: refuse what is over the documented limit."""
    if len(text) > MAX_EXTRACT_CHARS:
        raise Problem(413, f"Texts for extraction are limited to {MAX_EXTRACT_CHARS} characters.")


@blp.route("", methods=["POST"])
@blp.doc(responses=problem_responses(400, 413, 415, 422, 429))
@extract_limit
@blp.arguments(ExtractRequestSchema())
@blp.response(200, CandidatePageSchema)
def extract(data):
    """Extract candidate claims (value, unit, qualifier, speaker, offsets) from a text."""
    check_length(data["text"])
    language = data["language"]
    if language == "auto":
        language = detect_language(data["text"])
    return {
        "data": candidates.extract(data["text"], language, data["published"]),
        "language": language,
    }

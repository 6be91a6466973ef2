"""Why a write was refused: the record, the field at fault, and the HTTP status it means.

Each resource has its own class, so a refused speaker is not reported as a
refused claim: the HTTP layer names the problem type after `resource`.
"""

from __future__ import annotations


class Rejected(Exception):
    """A record that cannot be stored as given, with the field at fault."""

    resource = "record"

    def __init__(self, field: str, message: str, status: int = 422, **extra):
        super().__init__(message)
        self.field, self.message, self.status = field, message, status
        self.extra = extra  # more members of the problem body, e.g. the existing record


class StaleVersion(Exception):
    """The record changed since the version the writer read (its ETag)."""


class ClaimRejected(Rejected):
    """A claim whose quote, number or references do not check out."""

    resource = "claim"


class DocumentRejected(Rejected):
    """A document that exists already, or supersedes one that does not."""

    resource = "document"


class SpeakerRejected(Rejected):
    """A speaker that exists already."""

    resource = "speaker"

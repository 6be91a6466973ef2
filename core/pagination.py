"""Opaque keyset cursors: the sort they belong to and the last row's sort key.

A cursor says where the previous page ended, not how many rows to skip, so
page 10,000 costs what page 1 costs and rows inserted meanwhile cause neither
repeats nor gaps.
"""

from __future__ import annotations

import base64
import binascii
import json


class CursorError(ValueError):
    """The cursor is malformed, tampered with, or belongs to another sort."""


def encode_cursor(sort: str, key, last_id) -> str:
    """Pack the sort name and the last row's (key, id) into a URL-safe token."""
    raw = json.dumps([sort, key, last_id], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(token: str, sort: str) -> tuple:
    """Unpack a cursor made by `encode_cursor` for the same `sort`."""
    try:
        padded = token + "=" * (-len(token) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise CursorError("Not a cursor issued by this API.") from None
    if not (isinstance(payload, list) and len(payload) == 3):
        raise CursorError("Not a cursor issued by this API.")
    cursor_sort, key, last_id = payload
    if cursor_sort != sort:
        raise CursorError(f"This cursor belongs to sort={cursor_sort}, not sort={sort}.")
    if isinstance(last_id, bool) or not isinstance(last_id, int | str):
        raise CursorError("Not a cursor issued by this API.")
    if isinstance(last_id, int) and not 0 <= last_id < 2**63:
        raise CursorError("Not a cursor issued by this API.")
    return key, last_id

"""marshmallow fields for the domain's values."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields

from schema.models import exact_number

# Beyond this a "claim value" is not a number a news article states (and
# SQLite's INTEGER is 64-bit): reject it instead of storing a rounded float.
MAX_ABS_VALUE = Decimal(10) ** 18
MAX_DIGITS = 30


class ExactNumber(fields.Field):
    """A number kept exactly: int when integral, Decimal otherwise.

    Accepts JSON numbers or numeric strings; refuses booleans, NaN, infinities
    and absurd magnitudes with a message instead of a rounded value.
    """

    default_error_messages = {
        "invalid": "Not a valid number.",
        "special": "NaN and infinity are not claim values.",
        "range": f"Magnitude must be below 1e{MAX_ABS_VALUE.adjusted()}.",
        "precision": f"At most {MAX_DIGITS} significant digits.",
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise self.make_error("invalid")
        if isinstance(value, str) and len(value) > MAX_DIGITS + 10:
            raise self.make_error("invalid")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.make_error("special")
        try:
            number = Decimal(value.strip() if isinstance(value, str) else str(value))
        except (InvalidOperation, ValueError):
            raise self.make_error("invalid") from None
        if not number.is_finite():
            raise self.make_error("special")
        if abs(number) >= MAX_ABS_VALUE:
            raise self.make_error("range")
        if len(number.normalize().as_tuple().digits) > MAX_DIGITS:
            raise self.make_error("precision")
        return exact_number(number)

    @staticmethod
    def plain_value(value) -> bool:
        """Whether `value` surely loads as itself: an int in range (see schema.fast_load)."""
        return type(value) is int and -MAX_ABS_VALUE < value < MAX_ABS_VALUE

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        number = exact_number(value)
        return number if isinstance(number, int) else float(number)


def require_nonblank(value: str) -> None:
    """Reject strings that are empty once white space is ignored."""
    if not value.strip():
        raise ValidationError("Must not be blank.")


# The same rule without a call or an exception (strip() drops what isspace() names).
require_nonblank.plainly = lambda value: value != "" and not value.isspace()


def reject_control_characters(value: str) -> None:
    """Reject NUL and other C0 controls (except tab and line breaks) in text input."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValidationError("Must not contain control characters.")


# Printable text holds no control character; other text (a tab, a no-break space) is
# left to the rule itself (see schema.fast_load).
reject_control_characters.plainly = str.isprintable


class UtcDateTime(fields.DateTime):
    """Timestamps are stored as naive UTC; say so on the wire (…+00:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return super()._serialize(value, attr, obj, **kwargs)

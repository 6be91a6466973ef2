"""The compiled load (schema.fast_load) decides exactly as the schema it comes from."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from schema.fast_load import fast_loader
from schema.fields import reject_control_characters, require_nonblank
from schema.schemas import ImportedClaimSchema
from tests.test_import_rules import BASE, DELETE, SCHEMA_CASES, case_id

SCHEMA = ImportedClaimSchema()
LOAD = fast_loader(SCHEMA)
PLACED = {**BASE, "start": 10, "end": 10 + len(BASE["stated_as"])}
ACCEPTED = [
    ("value", "12.5"),
    ("value", 12.5),
    ("value", "3500"),
    ("confidence", 0.5),
    ("confidence", 1),
    ("subject", "LG\tTV\u00a0sales"),
    ("subject", None),
    ("speaker", None),
    ("restates", 0),
    ("qualifier", DELETE),
    ("status", "candidate"),
]


def schema_verdict(record: dict) -> dict | None:
    try:
        return SCHEMA.load(record)
    except ValidationError:
        return None


@pytest.mark.parametrize("case", SCHEMA_CASES + ACCEPTED, ids=case_id)
def test_the_compiled_load_agrees_with_the_schema(case):
    name, value = case
    record = {k: v for k, v in PLACED.items() if not (k == name and value is DELETE)}
    if value is not DELETE:
        record[name] = value
    if name == "document":
        record.pop("document", None)  # an imported claim never names one
    assert LOAD(record) == schema_verdict(record)


def test_accepted_cases_are_accepted():
    for name, value in ACCEPTED:
        record = {**PLACED, name: value} if value is not DELETE else dict(PLACED)
        assert LOAD(record) is not None, name


def passes(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def test_the_validators_shortcuts_are_sound():
    # A shortcut may only say "passes" where the validator passes.
    for code in range(0x3000):
        text = f"a{chr(code)}b"
        if reject_control_characters.plainly(text):
            assert passes(reject_control_characters, text), hex(code)
        for sample in (chr(code), text, chr(code) * 2):
            assert require_nonblank.plainly(sample) == passes(require_nonblank, sample), hex(code)

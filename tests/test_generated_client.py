"""A client generated from /openapi.json (openapi-python-client) reads typed records.

The OpenAPI document is only as good as the clients made from it: a nullable
reference rendered as `anyOf` with a bare object made every generated speaker
an untyped dict (`claim.speaker.name` raised AttributeError). Here a client
is generated from the served document and used against the real server.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

PACKAGE = "claims_client"


@pytest.fixture
def generated(app, tmp_path, monkeypatch):
    """The client package generated from the app's OpenAPI document, importable."""
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(app.test_client().get("/openapi.json").json), encoding="utf-8")
    config = tmp_path / "config.yml"
    config.write_text(f"post_hooks: []\npackage_name_override: {PACKAGE}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec),
         "--output-path", str(tmp_path / PACKAGE), "--meta", "none", "--config", str(config),
         "--fail-on-warning"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


@pytest.fixture
def server(live_server):
    """The API served as `make serve` serves it, on the test's seeded database."""
    return live_server()


def test_generated_client_lists_and_reads_typed_claims(generated, server):
    models = generated("models")
    with generated("client").Client(base_url=server.base_url) as client:
        read_typed_claims(generated, models, client)


def read_typed_claims(generated, models, client) -> None:
    """List claims by speaker, read one, and use its typed speaker, document and source."""
    page = generated("api.claims.get_v1_claims").sync(client=client, speaker="조 사장")
    assert isinstance(page, models.ClaimPage) and page.data
    for claim in page.data:
        assert isinstance(claim.speaker, models.SpeakerRef)
        assert (claim.speaker.id, claim.speaker.name) == ("jo-joo-wan", "조주완")

    by_speaker = generated("api.speakers.get_v1_speakers_speaker_id_claims").sync(
        speaker_id="park-hyoung-sei", client=client
    )
    assert {c.speaker.name for c in by_speaker.data} == {"박형세"}

    claim = generated("api.claims.get_v1_claims_claim_id").sync(claim_id=3, client=client)
    assert isinstance(claim, models.Claim)
    assert isinstance(claim.speaker, models.SpeakerRef) and claim.speaker.role
    assert isinstance(claim.document, models.DocumentRef) and claim.document.outlet == "중앙일보"
    source = claim.source
    assert isinstance(source, models.Source)
    start, end = source.start - source.sentence_start, source.end - source.sentence_start
    assert source.sentence[start:end] == claim.stated_as

    every = generated("api.claims.get_v1_claims").sync(client=client).data
    assert any(c.speaker is None for c in every), "narration has no speaker"

"""The benchmark harness's pure parts: wrk parsing, marking, parameter picking, the query set."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bench import ceiling, figures, load, params, report, smoke, workload
from bench.run import count_claims, durations, ensure_database

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8000/v1/claims/1
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.00us    1.03ms   1.20s    90.00%
    Req/Sec     1.57k   100.00     1.80k    70.00%
  Latency Distribution
     50%  640.00us
     75%    1.50ms
     90%    3.25ms
     99%    2.10s
  31234 requests in 10.00s, 50.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 12
  Non-2xx or 3xx responses: 5
Requests/sec:   3123.40
Transfer/sec:      5.01MB
"""


def test_wrk_report_becomes_numbers_in_milliseconds():
    result = load.parse(WRK_OUTPUT)
    assert result.requests == 31234
    assert result.duration_s == pytest.approx(10.0)
    assert result.rps == pytest.approx(3123.40)
    assert result.p50_ms == pytest.approx(0.64)
    assert result.p75_ms == pytest.approx(1.5)
    assert result.p90_ms == pytest.approx(3.25)
    assert result.p99_ms == pytest.approx(2100.0)
    assert result.avg_ms == pytest.approx(0.812)
    assert result.max_ms == pytest.approx(1200.0)
    assert result.bytes_read == pytest.approx(50.12 * 2**20)


def test_wrk_failures_are_counted_not_hidden():
    result = load.parse(WRK_OUTPUT)
    assert result.non_2xx == 5
    assert result.socket_errors == {"connect": 0, "read": 2, "write": 0, "timeout": 12}
    assert result.errors == 19
    assert result.as_dict()["errors"] == 19


def test_clean_wrk_report_has_no_errors():
    clean = re.sub(r"  (Socket errors|Non-2xx).*\n", "", WRK_OUTPUT)
    result = load.parse(clean)
    assert result.errors == 0 and result.socket_errors == {}


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("812.00us", 0.812),
        ("5µs", 0.005),
        ("1.23ms", 1.23),
        ("2.00s", 2000.0),
        ("1.50m", 90_000.0),
        ("0.00us", 0.0),
    ],
)
def test_wrk_time_units(text, ms):
    assert load.to_ms(text) == pytest.approx(ms)


@pytest.mark.parametrize("text", ["", "12", "3.0xs", "ms"])
def test_unknown_time_units_are_refused(text):
    with pytest.raises(load.WrkError):
        load.to_ms(text)


def test_unexpected_wrk_output_is_an_error():
    without_percentiles = WRK_OUTPUT.replace("     99%    2.10s\n", "")
    with pytest.raises(load.WrkError):
        load.parse(without_percentiles)


def test_lua_script_rotates_escaped_paths():
    script = load.lua_script(["/v1/claims/1", '/odd"path\\'])
    assert '"/v1/claims/1"' in script
    assert '"/odd\\"path\\\\"' in script
    assert "i % #paths + 1" in script


def test_lua_script_sends_each_path_its_headers():
    script = load.lua_script(["/a", "/b"], [{"If-None-Match": '"x1"'}, {}])
    assert '["If-None-Match"] = "\\"x1\\""' in script
    assert 'wrk.format("GET", paths[i], headers[i])' in script


def measured(rps: float, p50: float, p99: float, errors: int = 0) -> dict:
    """A wrk result as stored in the run."""
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "errors": errors}


def rounds_of(**sides: list[tuple]) -> list[dict]:
    """Rounds of wrk results: side name -> one (rps, p50, p99[, errors]) per round."""
    count = max(len(v) for v in sides.values())
    return [{side: measured(*runs[i]) for side, runs in sides.items()} for i in range(count)]


def test_ratio_is_none_when_a_side_is_missing():
    assert report.ratio(10, 4) == 2.5
    assert report.ratio(None, 4) is None
    assert report.ratio(10, 0) is None
    assert report.ratio(10, None) is None


def test_paired_ratios_are_taken_round_by_round():
    # Round 2 ran on a busier machine: both sides slowed, the ratio held.
    rounds = rounds_of(ours=[(1000, 1, 2), (500, 2, 4), (1100, 1, 2)], table=[(100, 9, 20)] * 3)
    rounds[1]["table"] = measured(50, 18, 40)
    found = report.paired(rounds, "ours", "table")
    assert found["ratios"] == [10.0, 10.0, 11.0]
    assert found["median"] == 10.0 and found["spread"] == pytest.approx(0.1)
    assert not found["noisy"]
    assert report.paired(rounds, "ours", "canned") is None


def test_a_spread_over_thirty_percent_is_flagged():
    rounds = rounds_of(ours=[(1000, 1, 2), (1000, 1, 2), (1000, 1, 2)], table=[(100, 9, 20)] * 3)
    rounds[2]["table"] = measured(200, 9, 20)
    found = report.paired(rounds, "ours", "table")
    assert found["median"] == 10.0 and found["spread"] == pytest.approx(0.5)
    assert found["noisy"]


def list_query(ours, table, canned, http, ceiling_rps, kind="list", name="by_speaker") -> dict:
    """A query record with three rounds of each side."""
    return {
        "name": name,
        "kind": kind,
        "rounds": rounds_of(
            ours=[ours] * 3, table=[table] * 3, canned=[canned] * 3, http_ceiling=[http] * 3
        ),
        "ceiling_rps": ceiling_rps,
    }


def test_list_query_passing_every_target_against_the_faster_form():
    query = list_query((1000, 2.0, 9.0), (150, 10.0, 30.0), (190, 12.0, 30.0), (1900, 1, 2), 2400)
    result = report.evaluate_query(query)
    assert result["reference_form"] == "canned"  # faster than the bare table rows
    assert result["vs_reference"]["median"] == pytest.approx(1000 / 190)
    assert result["vs_ceiling"] == pytest.approx(1000 / 2400)
    assert result["vs_http_ceiling"]["median"] == pytest.approx(1000 / 1900)
    assert set(result["marks"].values()) == {report.PASS}


def test_list_query_missing_each_target():
    query = list_query((400, 5.0, 12.0), (100, 10.0, 30.0), (90, 10.0, 30.0), (900, 1, 2), 1500)
    marks = report.evaluate_query(query)["marks"]
    assert marks["vs_reference"] == report.FAIL  # 4x, not 5x
    assert marks["p99_below_reference_p50"] == report.FAIL  # 12 ms >= 10 ms
    assert marks["vs_ceiling"] == report.FAIL  # 0.27 < 1/3
    assert marks["vs_http_ceiling"] == report.FAIL  # 0.44 < 1/2
    assert marks["no_errors"] == report.PASS


def test_errors_fail_a_query_whatever_its_speed():
    query = list_query((9000, 0.1, 0.2, 3), (100, 10.0, 30.0), (90, 9, 9), (9000, 1, 1), 1000)
    assert set(report.evaluate_query(query)["marks"].values()) == {report.FAIL}


def test_lookups_have_no_ceiling_target_and_missing_sides_are_na():
    query = {"name": "claim_by_id", "kind": "lookup", "rounds": rounds_of(ours=[(900, 1, 2)])}
    marks = report.evaluate_query(query)["marks"]
    assert marks["vs_ceiling"] == report.NA
    assert marks["vs_http_ceiling"] == report.NA
    assert marks["vs_reference"] == report.NA
    assert marks["p99_below_reference_p50"] == report.NA


def test_deep_page_seeding_and_memory_marks():
    queries = {
        "page_1": {"ours": measured(100, 10.0, 20.0)},
        "page_deep": {"ours": measured(100, 11.9, 30.0)},
    }
    deep = report.deep_page(queries)
    assert deep["p50_ratio"] == pytest.approx(1.19) and deep["mark"] == report.PASS
    queries["page_deep"]["ours"]["p50_ms"] = 12.5
    assert report.deep_page(queries)["mark"] == report.FAIL
    stats = {"import_claims_per_s": 30_000, "raw_executemany_claims_per_s": 100_000}
    assert report.seeding(stats)["mark"] == report.FAIL
    assert report.seeding({**stats, "import_claims_per_s": 50_000})["mark"] == report.PASS
    assert report.seeding(None)["mark"] == report.NA
    assert report.memory([80.0, 149.9])["mark"] == report.PASS
    assert report.memory([80.0, 150.0])["mark"] == report.FAIL
    assert report.memory([])["mark"] == report.NA


def test_table_and_json_show_every_query(tmp_path: Path):
    page_1 = list_query(
        (500, 3.0, 8.0), (90, 20.0, 50.0), (80, 20, 50), (900, 1, 2), 1200, name="page_1"
    )
    page_1["rows"] = {"ours": 50, "table": 50, "canned": 50}
    page_1["deployments"] = {"table": "datasette serve, immutable", "canned": "gunicorn"}
    deep = {
        "name": "page_deep",
        "kind": "list",
        "rounds": rounds_of(ours=[(480, 3.1, 8.2)] * 3),
        "ceiling_rps": None,
    }
    run = {
        "params": {"deep_page": 10_000},
        "build": {"import_claims_per_s": 60_000, "raw_executemany_claims_per_s": 100_000},
        "ours_worker_rss_mb": [70.0, 71.5],
        "load_average": {"start": [0.2, 0.3, 0.4], "end": [1.0, 0.5, 0.4]},
        "queries": [page_1, deep],
    }
    summary = report.evaluate(run)
    text = report.table(run, summary)
    assert "page_1" in text and "page_deep" in text and "page 10,000 vs page 1" in text
    assert "50/50" in text and "datasette serve, immutable" in text
    assert "start 0.20, 0.30, 0.40; end 1.00, 0.50, 0.40" in text
    assert summary["failed"] == 0 and summary["passed"] > 0
    out = tmp_path / "bench.json"
    report.write_json(out, run, summary)
    assert '"summary"' in out.read_text()
    table = report.markdown(run, summary)  # the README's table, from the same figures
    assert "| page_1 | 500 | 3.00 | 8.00 | 90 | 20.0 | 50.0 | 5.6× (0%) |" in table
    assert "- page_1: row/table URL (bare row); datasette serve, immutable" in table
    assert report.main([str(out)]) == 0


def test_durations_scale_with_the_database():
    assert durations(10_000)["load_s"] == 2
    assert durations(1_000_000)["load_s"] == 5
    assert 2 < durations(100_000)["load_s"] < 5


def test_sample_ids_are_spread_and_deterministic():
    assert params.sample_ids(1, 100, 5) == [1, 26, 51, 75, 100]
    assert params.sample_ids(7, 7, 5) == [7]
    assert params.sample_ids(5, 4, 3) == []


def test_frequent_bigram_skips_particles_and_endings():
    sentences = ["에서 에서 에서 반도체 반도체 했다 했다 했다", "반도체를 전기차"]
    assert params.frequent_bigram(sentences) == "반도"
    with pytest.raises(ValueError):
        params.frequent_bigram(["no Hangul here", "가"])


def test_value_window_takes_whole_values_near_the_median():
    counts = [(1, 100), (2, 100), (3, 5000), (4, 150), (5, 160), (6, 90)]
    assert params.value_window(counts, 300) == (3, 4, 310)
    assert params.value_window([(7, 1)], 300) == (0, 0, 1)
    assert params.value_window([(1, 300), (2, 300), (3, 300)], 300) == (1, 1, 300)
    with pytest.raises(ValueError):
        params.value_window([], 300)


def test_deep_page_is_page_ten_thousand_at_a_million():
    assert params.deep_page_for(1_000_000) == 10_000
    assert params.deep_page_for(50) == 2


def test_count_rows_of_each_response_shape():
    assert smoke.count_rows(b'{"data": [{"id": 1}, {"id": 2}], "next": null}', "json") == 2
    assert smoke.count_rows(b'{"id": 3, "value": 5}', "json") == 1
    assert smoke.count_rows(b'{"rows": [[1], [2], [3]]}', "json") == 3
    assert smoke.count_rows(b'a,b\r\n1,"two\nlines"\r\n3,4\r\n', "csv") == 2
    assert smoke.count_rows(b'{"id": 1}\n{"id": 2}\n', "ndjson") == 2
    assert smoke.count_rows(b"<html>", "json") is None


@pytest.fixture
def seeded_path(app, database_url: str) -> Path:
    """The seeded SQLite file behind the `app` fixture."""
    return Path(database_url.removeprefix("sqlite:///"))


@pytest.mark.sqlite_only("the benchmark reads its SQLite database directly")
def test_parameters_come_from_the_seeded_database(seeded_path: Path):
    picked = params.pick(seeded_path)
    with closing(sqlite3.connect(seeded_path)) as conn:
        speakers = {r[0] for r in conn.execute("SELECT speaker_id FROM claim")}
        units = {r[0] for r in conn.execute("SELECT unit FROM claim")}
        sentences = [r[0] for r in conn.execute("SELECT sentence FROM claim")]
        ids = {r[0] for r in conn.execute("SELECT id FROM claim")}
    assert picked.claims == len(ids)
    assert picked.speaker in speakers and picked.speaker_claims >= 1
    assert picked.unit in units
    assert picked.value_min <= picked.value_max and picked.range_rows >= 1
    assert re.fullmatch(r"[\uac00-\ud7a3]{2}", picked.term)
    assert picked.term not in params.STOP_BIGRAMS
    assert picked.term_rows >= sum(picked.term in s for s in sentences) >= 1
    assert set(picked.lookup_ids) <= ids and picked.lookup_ids
    assert params.pick(seeded_path) == picked  # deterministic


def served(client, path: str) -> bytes:
    """The whole body of a 200 response (streamed exports included), closed after reading."""
    with client.get(path) as response:
        body = response.get_data()
        assert response.status_code == 200, (path, body[:300])
    return body


@pytest.mark.sqlite_only("the benchmark reads its SQLite database directly")
def test_every_query_runs_on_our_api_and_as_raw_sql(seeded_path: Path, client):
    picked = params.pick(seeded_path)
    queries = workload.build(picked)
    assert {q.kind for q in queries} == {workload.LOOKUP, workload.LIST, workload.EXPORT}
    with closing(ceiling.connect(seeded_path)) as conn:
        for query in queries:
            assert query.ours and query.reference and query.sql
            bodies = [served(client, path) for path in query.ours[:3]]
            rows = [conn.execute(sql, args).fetchall() for sql, args in query.sql[0]]
            assert ceiling.one_request(conn, query.sql[0]) > 0
            api_rows = smoke.count_rows(bodies[0], smoke.response_format(query.name))
            if query.name != "facet_unit":  # its second statement is the facet, not rows
                assert api_rows == len(rows[0]), query.name


@pytest.mark.sqlite_only("the benchmark reads its SQLite database directly")
def test_a_database_with_n_claims_is_reused_not_rebuilt(seeded_path: Path):
    claims = count_claims(seeded_path)
    assert claims and count_claims(seeded_path.with_name("missing.db")) is None
    stats = {"claims": claims, "import_claims_per_s": 1.0, "raw_executemany_claims_per_s": 2.0}
    Path(f"{seeded_path}.build.json").write_text(json.dumps(stats))
    assert ensure_database(claims, seeded_path) == stats
    assert count_claims(seeded_path) == claims


def test_generated_figures_read_as_their_values_at_the_sizes_news_gives():
    """Every generated span states its value, and no figure is larger than news would print.

    A capex of "약 73580조원" (more than the world's output) once came out of the
    generator; sizes now come from ranges per kind of figure.
    """
    import random
    from decimal import Decimal

    from bench.generate import KRW_PER_USD, articles, make_speakers
    from extractor.numbers import read_quantity

    speakers = make_speakers(random.Random(1), people=40, organizations=8)
    claims = [c for a in articles(3000, speakers, random.Random(2)) for c in a["claims"]]
    largest = {"KRW": 10**14, "USD": 10**11, "units": 10**9, "people": 10**8, "items": 10**9}
    units = set()
    for claim in claims:
        read = read_quantity(claim["stated_as"])
        assert read is not None, claim["stated_as"]
        assert Decimal(str(read.value)) == Decimal(str(claim["value"])), claim["stated_as"]
        assert read.qualifier == claim["qualifier"], claim["stated_as"]
        value = Decimal(str(claim["value"]))
        units.add(claim["unit"])
        assert value <= largest.get(claim["unit"], 10**4), claim["stated_as"]
        if claim["unit"] == "percent":
            assert 0 < value <= 60
    assert {"KRW", "USD", "units", "people", "items", "percent", "year"} <= units
    # A won restatement follows its dollar figure: the same amount at the rate, rounded.
    restated = [
        (claims[i - 1]["value"], c["value"])
        for i, c in enumerate(claims)
        if c["restates"] is not None
    ]
    assert restated
    for usd, krw in restated:
        assert abs(krw / (usd * KRW_PER_USD) - 1) < 0.05, (usd, krw)


@pytest.mark.sqlite_only("the benchmark reads its SQLite database directly")
def test_canned_queries_run_our_sql_with_datasettes_string_parameters(seeded_path: Path):
    """Datasette passes a canned query's parameters as text; the rows must not change."""
    queries = workload.build(params.pick(seeded_path))
    canned = {q.name: q.canned_sql() for q in queries}
    assert canned["facet_unit"] is None  # two statements: no single canned query
    assert all(sql for name, sql in canned.items() if name != "facet_unit")
    with closing(ceiling.connect(seeded_path)) as conn:
        for query in queries:
            if canned[query.name] is None:
                continue
            for request in query.sql[:3]:
                sql, args = request[0]
                as_text = {f"p{i}": str(arg) for i, arg in enumerate(args)}
                assert conn.execute(canned[query.name], as_text).fetchall() == (
                    conn.execute(sql, args).fetchall()
                ), query.name
            urls = query.canned("claims")
            assert len(urls) == len(query.sql) and urls[0].startswith(f"/claims/{query.name}.")


@pytest.mark.sqlite_only("the benchmark reads its SQLite database directly")
def test_the_http_ceiling_app_serves_the_raw_statements(seeded_path: Path, tmp_path, monkeypatch):
    from bench import ceiling_app

    queries = workload.build(params.pick(seeded_path))
    ceiling_app.write_queries(tmp_path / "q.json", {q.name: q.sql for q in queries})
    monkeypatch.setenv(ceiling_app.QUERIES_ENV, str(tmp_path / "q.json"))
    monkeypatch.setenv(ceiling_app.DB_ENV, str(seeded_path))
    app = ceiling_app.create_app()
    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    with closing(ceiling.connect(seeded_path)) as conn:
        for query in queries:
            path = ceiling_app.paths(query.name, len(query.sql))[0]
            body = b"".join(app({"PATH_INFO": path}, start_response))
            assert body == ceiling.one_request_body(conn, query.sql[0]), query.name
    assert set(statuses) == {"200 OK"}
    assert b"".join(app({"PATH_INFO": "/nothing/0"}, start_response)) == b""
    assert statuses[-1] == "404 Not Found"


def test_linking_cost_is_the_median_ratio_with_each_runs_own():
    results = [
        {"link": False, "import_seconds": 10.0},
        {"link": True, "import_seconds": 11.0},
        {"link": False, "import_seconds": 20.0},
        {"link": True, "import_seconds": 30.0},
    ]
    summary = figures.import_summary(results)
    assert summary["ratio_per_run"] == [1.1, 1.5]
    assert summary["ratio_median"] == round(20.5 / 15.0, 3) and not summary["met"]
    assert figures.import_summary(results[:2])["met"]


@pytest.mark.sqlite_only("the benchmark builds SQLite files")
def test_the_same_articles_are_imported_with_and_without_linking(tmp_path: Path):
    # Enough claims for the generator's news-sized values to repeat across outlets.
    results, linked = figures.import_times(2000, 1, tmp_path)
    assert [r["link"] for r in results] == [False, True]
    assert results[0]["claims"] == results[1]["claims"] >= 2000
    assert not (tmp_path / "figures-2000-unlinked.db").exists()  # only the linked one is kept
    counts = figures.figure_counts(linked)
    assert counts["figures"] > 0 and counts["linked_claims"] >= 2 * counts["figures"]

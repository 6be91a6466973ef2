"""Build a realistic claims database of N claims through the project's import path.

Korean and English news sentences with the number forms the extractor reads
(1200만 대 이상, 120억 달러, 약 16조원, "$12 billion", "more than 4,200"), with
figures of the size news gives (two significant digits, capex in billions of
dollars, restated in won at 1,300 a dollar, growth in single digits), speakers
and documents skewed the way real archives are (a few speakers and outlets say
most things), streamed into `core.bulk_import.import_file`. The same claim rows are
then written with plain `sqlite3.executemany` into an empty copy of the schema,
so the import speed can be stated as a ratio to SQLite's own. The articles are
first written to a JSON Lines file, and the timed import reads that file, as
`flask --app api import` does: parsing is part of the measured cost.

    python -m bench.generate --n 1000000 --database-url sqlite:///var/bench/claims.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import orjson

from api.database import create_schema
from core import bulk_import, import_checks, speaker_writes
from schema.db import SQLITE_PRAGMAS, database, open_database
from schema.models import Claim

SURNAMES = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍".split()
GIVEN = (
    "민준 서연 도윤 지우 하준 서윤 시우 지민 주원 하은 예준 수아 유진 건우 성훈 다은 재원 은지 "
    "태호 현우"
).split()
KO_ORGS = (
    "한빛전자 대한모빌리티 누리반도체 새솔바이오 미래에너지 푸른통신 한결건설 온누리금융 "
    "다온제약 가람항공 세움로보틱스 하늘게임즈 바른식품 늘봄화학 한강증권 새벽배터리"
).split()
EN_FIRST = "Sarah James Maria David Emily Daniel Laura Kevin Anna Robert Grace Thomas".split()
EN_LAST = "Kim Lee Park Smith Chen Garcia Novak Okafor Tanaka Silva Brown Muller".split()
EN_ORGS = [
    "Northwind Energy",
    "Bluepeak Systems",
    "Harbor Motors",
    "Vantage Semiconductors",
    "Keystone Foods",
    "Orbit Telecom",
    "Summit Pharma",
    "Redwood Capital",
]
KO_ROLES = ["대표", "사장", "부사장", "본부장", "전무", "상무", "연구소장", "최고재무책임자(CFO)"]
EN_ROLES = ["chief executive", "chief financial officer", "president", "head of research"]
KO_THINGS = ["반도체", "전기차", "배터리", "스마트폰", "데이터센터", "가맹점", "신약", "로봇"]
EN_THINGS = ["chips", "electric vehicles", "batteries", "phones", "data centres", "robots"]
OUTLETS_KO = ["한빛일보", "누리경제", "미래일보", "가람신문", "새벽뉴스", "다온경제"]
OUTLETS_EN = ["Korea Herald", "Financial Daily", "Tech Wire", "Business Ledger"]


# Figures as news reports them: two significant digits, on a scale that fits what
# is counted (a company's capex is billions of dollars, not the world's GDP).
KRW_PER_USD = 1300  # the won's rate of 2023-2024, rounded as articles round it
KO_COUNTS = [
    # (counter, unit, what is counted, low, high): the range of figures news gives
    ("대", "units", ["스마트폰", "전기차", "태블릿", "로봇청소기", "노트북"], 10**4, 3 * 10**8),
    ("개", "items", ["협력 업체", "가맹점", "매장", "특허"], 20, 10**4),
    ("명", "people", ["가입자", "이용자", "임직원", "고객"], 500, 5 * 10**7),
]
EN_COUNTS = {  # thing: (low, high) sold or built in a year
    "chips": (10**6, 5 * 10**8),
    "electric vehicles": (10**4, 2 * 10**6),
    "batteries": (10**5, 5 * 10**7),
    "phones": (10**6, 2.5 * 10**8),
    "data centres": (5, 120),
    "robots": (1000, 5 * 10**5),
}


def two_digits(value: int) -> int:
    """`value` rounded to two significant digits, as articles round figures."""
    scale = 10 ** max(0, len(str(value)) - 2)
    return round(value / scale) * scale


def round_figure(rng: random.Random, low: float, high: float) -> int:
    """A figure between `low` and `high`, spread evenly in magnitude, to two digits."""
    return two_digits(round(math.exp(rng.uniform(math.log(low), math.log(high)))))


def korean_figure(value: int) -> str:
    """An integer as Korean news writes it: '1억5000만', '120억', '16조', '4200'."""
    parts = []
    for name, size in (("조", 10**12), ("억", 10**8), ("만", 10**4)):
        if value >= size:
            parts.append(f"{value // size}{name}")
            value %= size
    if value or not parts:
        parts.append(str(value))
    return "".join(parts)


def korean_won(value: int) -> tuple[str, int]:
    """A won amount rounded to two significant digits, as a restatement gives it."""
    rounded = two_digits(value)
    return f"약 {korean_figure(rounded)}원", rounded


def english_figure(value: int) -> str:
    """A count as English news writes it: '4,200', '1.8 million', '250 million'."""
    if value < 10**6:
        return f"{value:,}"
    millions = value / 10**6
    return f"{millions:g} million"


def _korean_sentence(rng: random.Random, speaker: dict | None) -> tuple[str, list[dict]]:
    """One Korean news sentence and the claims it makes."""
    kind = rng.random()
    if kind < 0.3 and speaker is not None:
        counter, unit, things, low, high = rng.choice(KO_COUNTS)
        thing = rng.choice(things)
        value = round_figure(rng, low, high)
        figure = korean_figure(value)
        # "4200개", "650명", but "1200만 대", "3억 명": a space after a written-out scale
        stated = f"{figure}{'' if figure[-1].isdigit() else ' '}{counter} 이상"
        name = f"{speaker['name'][0]} {speaker['role']}" if speaker["kind"] == "person" else ""
        lead = f"{name}은" if name else f"{speaker['name']}는"
        before = f"{lead} 기자들에게 “올해 {thing} 규모가 "
        after = "로 늘어날 것”이라고 말했다."
        claim = {
            "value": value,
            "unit": unit,
            "kind": "count",
            "qualifier": "at_least",
            "attribution": "direct_quote",
            "speaker": speaker["id"],
            "subject": f"올해 {thing} 규모",
        }
        return before + stated + after, [(len(before), stated, claim)]
    thing = rng.choice(KO_THINGS)
    if kind < 0.55:
        value = round_figure(rng, 10**8, 4 * 10**10)  # 1억 to 400억 달러
        dollars = f"{korean_figure(value)} 달러"
        org = (
            speaker["name"]
            if speaker and speaker["kind"] == "organization"
            else rng.choice(KO_ORGS)
        )
        before = f"{org}는 올해 {thing} 설비투자에 "
        claims = [
            (
                len(before),
                dollars,
                {
                    "value": value,
                    "unit": "USD",
                    "kind": "money",
                    "qualifier": "exact",
                    "attribution": "narration",
                    "speaker": None,
                    "subject": f"{org} {thing} 설비투자",
                },
            )
        ]
        text = before + dollars
        if rng.random() < 0.6:  # "120억 달러(약 16조원)": the won figure restates it
            won, won_value = korean_won(value * KRW_PER_USD)
            text += "("
            claims.append(
                (
                    len(text),
                    won,
                    {
                        "value": won_value,
                        "unit": "KRW",
                        "kind": "money",
                        "qualifier": "approx",
                        "attribution": "narration",
                        "speaker": None,
                        "subject": f"{org} {thing} 설비투자 (원화)",
                        "restates": -1,
                    },
                )
            )
            text += won + ")"
        return text + "를 쓰겠다는 계획을 내놨다.", claims
    if kind < 0.75:
        growth = min(60.0, max(0.1, rng.lognormvariate(math.log(6), 0.8)))
        pct = f"{growth:.1f}%"
        before = f"업계에 따르면 국내 {thing} 시장은 지난해보다 "
        claim = {
            "value": pct[:-1],
            "unit": "percent",
            "kind": "percent",
            "qualifier": "exact",
            "attribution": "according_to",
            "speaker": None,
            "subject": f"{thing} 시장 성장률",
        }
        return before + pct + " 성장했다.", [(len(before), pct, claim)]
    year = rng.randint(2005, 2024)
    stated = f"{year}년부터"
    org = rng.choice(KO_ORGS)
    before = f"{org}는 "
    claim = {
        "value": year,
        "unit": "year",
        "kind": "date",
        "qualifier": "since",
        "attribution": "narration",
        "speaker": None,
        "subject": f"{org} {thing} 사업 시작",
    }
    return before + stated + f" {thing} 사업을 키워 왔다.", [(len(before), stated, claim)]


def _english_sentence(rng: random.Random, speaker: dict | None) -> tuple[str, list[dict]]:
    """One English news sentence and the claims it makes."""
    thing = rng.choice(EN_THINGS)
    if speaker is not None and rng.random() < 0.5:
        value = round_figure(rng, *EN_COUNTS[thing])
        stated = f"more than {english_figure(value)}"
        before = f"“We expect to sell {stated}"
        text = before + f" {thing} this year,” said {speaker['name']}."
        claim = {
            "value": value,
            "unit": "items",
            "kind": "count",
            "qualifier": "more_than",
            "attribution": "direct_quote",
            "speaker": speaker["id"],
            "subject": thing,
        }
        return text, [(len("“We expect to sell "), stated, claim)]
    value = round_figure(rng, 10**8, 9 * 10**10)  # $100 million to $90 billion
    stated = f"${value / 10**9:g} billion" if value >= 10**9 else f"${value / 10**6:g} million"
    org = rng.choice(EN_ORGS)
    before = f"According to {org}, spending on {thing} will reach "
    claim = {
        "value": value,
        "unit": "USD",
        "kind": "money",
        "qualifier": "exact",
        "attribution": "according_to",
        "speaker": None,
        "subject": f"{org} {thing} spending",
    }
    return before + stated + " next year.", [(len(before), stated, claim)]


def make_speakers(rng: random.Random, people: int, organizations: int) -> list[dict]:
    """Korean and English people and organisations with roles and aliases."""
    speakers = []
    for i in range(people):
        if i % 4 == 3:
            name = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
            speakers.append(
                {
                    "id": f"person-{i}",
                    "name": name,
                    "kind": "person",
                    "role": rng.choice(EN_ROLES),
                    "organization": rng.choice(EN_ORGS),
                    "language": "en",
                    "aliases": [name.split()[-1]],
                }
            )
        else:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            role = rng.choice(KO_ROLES)
            speakers.append(
                {
                    "id": f"person-{i}",
                    "name": name,
                    "kind": "person",
                    "role": role,
                    "organization": rng.choice(KO_ORGS),
                    "language": "ko",
                    "aliases": [f"{name[0]} {role}"],
                }
            )
    for i in range(organizations):
        korean = i % 3 != 2
        base = rng.choice(KO_ORGS if korean else EN_ORGS)
        speakers.append(
            {
                "id": f"org-{i}",
                "name": f"{base}{i}" if korean else f"{base} {i}",
                "kind": "organization",
                "role": None,
                "organization": None,
                "language": "ko" if korean else "en",
                "aliases": [],
            }
        )
    return speakers


def as_speaker_record(speaker: dict) -> dict:
    """A generated speaker as the API and fixtures take it (without its language)."""
    return {k: v for k, v in speaker.items() if k != "language"}


def store_speakers(speakers: list[dict]) -> None:
    """Store generated speakers in one transaction, through the API's own write path."""
    with database.atomic():
        for speaker in speakers:
            speaker_writes.add_speaker(as_speaker_record(speaker))


def articles(n_claims: int, speakers: list[dict], rng: random.Random) -> Iterator[dict]:
    """Articles of a few sentences each until `n_claims` claims are made (streamed)."""
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(speakers))]  # Zipf-like skew
    made, number = 0, 0
    start = dt.date(2015, 1, 1)
    while made < n_claims:
        number += 1
        korean = rng.random() < 0.7
        parts, claims, length = [], [], 0
        for _ in range(rng.randint(3, 12)):
            speaker = rng.choices(speakers, weights)[0] if rng.random() < 0.6 else None
            if speaker is not None and (speaker["language"] == "ko") != korean:
                speaker = None
            sentence, found = (_korean_sentence if korean else _english_sentence)(rng, speaker)
            for offset, stated, claim in found:
                restates = claim.pop("restates", None)
                claims.append(
                    {
                        **claim,
                        "stated_as": stated,
                        "start": length + offset,
                        "end": length + offset + len(stated),
                        "restates": None if restates is None else len(claims) + restates,
                    }
                )
            parts.append(sentence)
            length += len(sentence) + 1
            if made + len(claims) >= n_claims:
                break
        claims = claims[: n_claims - made]
        made += len(claims)
        days = int((1 - rng.random() ** 2) * 3650)  # skewed towards recent years
        yield {
            "document": {
                "id": f"bench-{number}",
                "title": f"{'기사' if korean else 'Article'} {number}",
                "outlet": rng.choice(OUTLETS_KO if korean else OUTLETS_EN),
                "url": None if rng.random() < 0.2 else f"https://news.invalid/{number}",
                "author": None,
                "published": (start + dt.timedelta(days=days)).isoformat(),
                "language": "ko" if korean else "en",
                "text": " ".join(parts),
            },
            "claims": claims,
        }


def write_articles(path: Path, n: int, speakers: list[dict], rng: random.Random) -> None:
    """Write the generated articles as JSON Lines (the import's input format)."""
    with path.open("wb") as handle:
        for article in articles(n, speakers, rng):
            handle.write(orjson.dumps(article) + b"\n")


def raw_executemany_rate(path: str) -> float:
    """Claims/s of plain sqlite3 executemany of the imported rows into an empty schema.

    The empty copy has the claim table and its indexes; not the triggers that
    count changes (schema/changes.py), which the import pays for.
    """
    target = Path(path).with_suffix(".raw.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(path)
    raw = sqlite3.connect(target, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():  # the app's settings; no parent tables here
        if name != "foreign_keys":
            raw.execute(f"PRAGMA {name} = {value}")
    for (sql,) in source.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'claim' AND sql IS NOT NULL "
        "AND type IN ('table', 'index') ORDER BY type = 'index'"
    ):
        raw.execute(sql)
    columns = ", ".join(f'"{c}"' for c in bulk_import.CLAIM_COLUMNS)
    insert = (
        f"INSERT INTO claim ({columns}) VALUES ({', '.join('?' * len(bulk_import.CLAIM_COLUMNS))})"
    )
    rows = source.execute(f"SELECT {columns} FROM claim ORDER BY id")
    spent, count = 0.0, 0
    raw.execute("BEGIN")
    while batch := rows.fetchmany(import_checks.BATCH):
        started = time.perf_counter()
        raw.executemany(insert, batch)
        spent += time.perf_counter() - started
        count += len(batch)
    started = time.perf_counter()
    raw.execute("COMMIT")
    spent += time.perf_counter() - started
    source.close()
    raw.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return count / spent if spent else 0.0


def sqlite_path(database_url: str) -> str:
    """The file of an SQLite URL; the benchmark's databases are files it can delete."""
    if not database_url.startswith("sqlite:///"):
        raise ValueError("the benchmark database is an SQLite file URL")
    return database_url.removeprefix("sqlite:///")


def generate(n: int, source: Path, seed: int = 7) -> list[dict]:
    """Write `n` generated claims' articles to `source`; return their speakers."""
    rng = random.Random(seed)
    speakers = make_speakers(rng, people=max(20, n // 200), organizations=max(5, n // 1000))
    write_articles(source, n, speakers, rng)
    return speakers


def import_generated(
    source: Path, speakers: list[dict], database_url: str, *, link: bool = True
) -> dict:
    """A new database at `database_url` with the articles of `source`; the import's timing.

    Only `import_file` is timed, as `flask --app api import` runs it; `link`
    False leaves the claims out of figures, to measure what linking adds.
    """
    path = sqlite_path(database_url)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_database(database_url)
    create_schema(database_url)
    with database.connection_context():
        store_speakers(speakers)
        started = time.perf_counter()
        report = bulk_import.import_file(source, author="bench", reason="generated", link=link)
        elapsed = time.perf_counter() - started
        claims = Claim.select().count()
    return {
        "claims": claims,
        "documents": report.documents,
        "speakers": len(speakers),
        "import_seconds": round(elapsed, 2),
        "import_claims_per_s": round(report.claims / elapsed) if elapsed else 0,
    }


def build_database(n: int, database_url: str, seed: int = 7) -> dict:
    """Create the database at `database_url` with `n` claims; return speed figures."""
    path = sqlite_path(database_url)
    source = Path(path).with_suffix(".jsonl")
    speakers = generate(n, source, seed)
    try:
        stats = import_generated(source, speakers, database_url)
    finally:
        source.unlink()
    return {**stats, "raw_executemany_claims_per_s": round(raw_executemany_rate(path))}


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        stats = build_database(args.n, args.database_url, args.seed)
    except (ValueError, bulk_import.ImportRejected) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name, value in stats.items():
        print(f"{name}: {value}")
    ratio = stats["import_claims_per_s"] / max(1, stats["raw_executemany_claims_per_s"])
    print(f"import speed / raw executemany: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

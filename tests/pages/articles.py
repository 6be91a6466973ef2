"""Articles written for the pages' tests: ranges, restatements, a nested and a crossing span.

Written by us, not taken from the seed: a Korean article whose claims cover
every way marks meet, an English one, and candidates awaiting review.
"""

from __future__ import annotations

from bench.article import Article, Stated

SPEAKERS = [
    {
        "id": "kim-min-su",
        "name": "김민수",
        "name_en": "Kim Min-su",
        "kind": "person",
        "role": "사장",
        "organization": "한빛전자",
        "aliases": ["김 사장"],
    },
    {
        "id": "hanbit",
        "name": "한빛전자",
        "name_en": "Hanbit Electronics",
        "kind": "organization",
        "role": None,
        "organization": None,
        "aliases": ["Hanbit"],
    },
    {
        "id": "jane-park",
        "name": "Jane Park",
        "name_en": "Jane Park",
        "kind": "person",
        "role": "chief financial officer",
        "organization": "Hanbit Electronics",
        "aliases": ["Park"],
    },
]

HANBIT_TEXT = (
    "한빛전자, 올해 설비투자 25억 달러…“고객사 1200곳 넘길 것”\n"
    "\n"
    "한빛전자가 올해 설비투자에 25억 달러(약 3조3000억원)를 쓰겠다고 2일 밝혔다. "
    "지난해보다 12% 늘어난 규모다.\n"
    "\n"
    "김민수 한빛전자 사장은 “올해 고객사는 1200곳 이상으로 늘 것”이라며 "
    "“인력은 3000~3500명을 유지하겠다”고 말했다.\n"
    "\n"
    "업계에 따르면 한빛전자의 국내 시장 점유율은 약 21%로, 2019년부터 1위를 지키고 있다.\n"
)

# Claims in the order they are stored (their ids follow it).
HANBIT = Article(
    id="hanbit-2024-03-02-capex",
    title="한빛전자, 올해 설비투자 25억 달러…“고객사 1200곳 넘길 것”",
    text=HANBIT_TEXT,
    speakers=SPEAKERS,
    claims=[
        Stated("25억 달러", 2_500_000_000, "USD", "money", attribution="indirect_quote",
               speaker="hanbit", occurrence=2, subject="올해 설비투자"),
        Stated("약 3조3000억원", 3_300_000_000_000, "KRW", "money", "approx",
               "indirect_quote", "hanbit", restates=0, subject="올해 설비투자 (원화)"),
        # Nested in the restatement: the won figure recorded without its hedge.
        Stated("3조3000억원", 3_300_000_000_000, "KRW", "money", "exact", "narration"),
        Stated("12%", 12, "percent", "percent", subject="설비투자 증가율"),
        Stated("1200곳 이상", 1200, "companies", "count", "at_least", "direct_quote",
               "kim-min-su", subject="올해 고객사"),
        # A range: two claims on one span.
        Stated("3000~3500명", 3000, "people", "count", "at_least", "direct_quote",
               "kim-min-su", subject="유지할 인력 (하한)"),
        Stated("3000~3500명", 3500, "people", "count", "at_most", "direct_quote",
               "kim-min-su", override="the upper end of the range", subject="유지할 인력 (상한)"),
        Stated("약 21%", 21, "percent", "percent", "approx", "according_to",
               subject="국내 시장 점유율"),
        # Crossing the one before: recorded by a reviewer with its particle.
        Stated("21%로", 21, "percent", "percent", "exact", "according_to",
               override="recorded with its particle"),
        Stated("2019년부터", 2019, "year", "date", "since", subject="1위 시작 연도"),
    ],
)  # fmt: skip

ENGLISH = Article(
    id="hanbit-2024-03-03-results",
    title="Hanbit Electronics lifts spending",
    language="en",
    outlet="The Daily Ledger",
    published="2024-03-03",
    author="Sam Lee",
    text=(
        "Hanbit Electronics lifts spending\n\n"
        "Hanbit Electronics will spend $2.5 billion on factories this year, "
        "chief financial officer Jane Park said on Sunday. "
        "\"We expect more than 1,200 customers,\" Park said.\n"
    ),
    speakers=SPEAKERS,
    claims=[
        Stated("$2.5 billion", 2_500_000_000, "USD", "money", attribution="indirect_quote",
               speaker="jane-park", subject="spending this year"),
        Stated("more than 1,200", 1200, "companies", "count", "more_than", "direct_quote",
               "jane-park", subject="customers"),
    ],
)  # fmt: skip

REVIEW_TEXT = (
    "누리전자, 신제품 40만 대 판매\n"
    "\n"
    "누리전자는 신제품이 출시 석 달 만에 40만 대 팔렸다고 5일 밝혔다. "
    "박지은 누리전자 부사장은 “연말까지 100만 대를 넘길 것”이라고 말했다.\n"
)

# Extracted candidates awaiting review (status candidate), in text order as extraction
# stores them.
REVIEW = Article(
    id="nuri-2024-03-05-sales",
    title="누리전자, 신제품 40만 대 판매",
    text=REVIEW_TEXT,
    published="2024-03-05",
    speakers=[
        {
            "id": "park-ji-eun",
            "name": "박지은",
            "name_en": "Park Ji-eun",
            "kind": "person",
            "role": "부사장",
            "organization": "누리전자",
            "aliases": ["박 부사장"],
        }
    ],
    claims=[
        Stated("석 달", 3, "months", "duration", status="candidate", override="석 is three"),
        Stated("40만 대", 400_000, "units", "count", occurrence=2, status="candidate",
               attribution="indirect_quote", subject="신제품 판매량"),
        Stated("5일", 5, "date", "date", status="candidate"),
        Stated("100만 대", 1_000_000, "units", "count", status="candidate",
               attribution="direct_quote"),
    ],
)  # fmt: skip

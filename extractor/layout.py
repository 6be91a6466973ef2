"""The parts of a news article: headline, subheads, byline, dateline, captions, body.

Real articles carry furniture around the prose. A number in a byline, a dateline,
a photo caption or a "related articles" line is never a claim; a number in a
headline or subhead is a claim only when the body does not state it too
(LABELLING.md section 6). `read_layout` labels every line of a text with what it
is, by shape alone: where the line stands, how long it is, how it ends and the
marks newsrooms put on furniture (`By`, `기자 =`, `▲`, `[사진=…]`, `Photo:`, `/뉴스1`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

HEADLINE, SUBHEAD, BYLINE, DATELINE, CAPTION, RELATED, BODY = (
    "headline", "subhead", "byline", "dateline", "caption", "related", "body"
)  # fmt: skip
# Parts whose numbers are never claims.
FURNITURE = frozenset({BYLINE, DATELINE, CAPTION, RELATED})
# Parts whose numbers are claims only when the body does not repeat them.
DISPLAY = frozenset({HEADLINE, SUBHEAD})

# A line ends like a sentence with a stop or a Korean sentence ending, before any closing
# quote; a line that merely ends on a quote ("…2030년까지 일자리 1만 개"") is a display line.
_SENTENCE_END = re.compile(r"(?:[.!?。]|다|요|음|함)[\"'”’)\]]*\s*$")
_BYLINE = re.compile(
    r"^(?:By|BY|Written by|Reporting by|\(Reporting by|\(Editing|Edited by|Additional reporting)\b"
    r"|^(?:Published|Updated|Posted|Last updated|First published|Modified)\b"
    r"|^(?:입력|수정|승인|등록|발행|기사입력|최종수정)\s*[:：]?\s*\d"
    r"|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$"
    r"|(?:기자|특파원|논설위원|선임기자|객원기자)\s*$"
    r"|^[가-힣]{2,4}\s*(?:기자|특파원|논설위원)(?:\s|$)"
    r"|^(?:Copyright|©|ⓒ|\(c\))|무단\s*전재|재배포\s*금지|저작권자"
    r"|^(?:영상편집|영상취재|촬영기자|그래픽|취재|편집|사진)\s*[:：]"
    r"|^[■□◆◇▷▶☞※]\s*(?:제보|전화|이메일|카카오톡|카톡|문의)"
    r"|^[▷▶]\s*(?:전화|이메일|카카오톡)"
    r"|^(?:Contact|Email|E-mail|Tel|Phone|Follow)\s*[:：]"
    r"|^\d{4}[.-]\d{1,2}[.-]\d{1,2}\.?\s+\d{1,2}:\d{2}"
    r"|^\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}"
    r"|^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r" \d{1,2},? \d{4}"
)
_CAPTION = re.compile(
    r"^(?:▲|△|▶|◀|\(사진|\[사진|사진\s*=|사진\s*설명|\[포토\]|Photo\b|PHOTO\b|Pictured\b|Caption\b|"
    r"Image\b|Picture\b|Above\b|Top\b:|Left\b:|Right\b:|File photo\b|\(Photo\b)"
    r"|\bCredit\s*[:：]|\b(?:Photo|Image)\s*(?:by|credit|courtesy)\b|\((?:[A-Z][\w ]*)?Photo\b"
    r"|[.!?]\s+(?:Photo|Picture|Image|Photograph)\s*[:/]\s*[^.]{2,60}$"
    r"|^(?:Chart|Graphic|Graph|Table|Map|Infographic)\s*[:：]"
    r"|\d{4}\.\d{1,2}\.\d{1,2}\.?\s*/\s*\S+\s*$"
    r"|/\s*(?:뉴스1|연합뉴스|뉴시스|News1|Yonhap|Newsis|AP|AFP|Reuters|EPA|게티이미지|"
    r"Getty Images)\s*$"
    r"|\[(?:사진|그래픽|자료)\s*=\s*[^\]]+\]\s*$"
    r"|(?:제공|촬영)\s*\]?\s*$"
    r"|\b(?:is|are) (?:seen|pictured|shown)\b.*\[[^\]]{2,30}\]\s*$"
)
_RELATED = re.compile(
    r"^[▶▷■◆·•\-\s]*(?:관련\s*기사|\[관련\s*기사\])"
    r"|^(?:Related|RELATED|Read more|READ MORE|See also|More from|More on|Also read|"
    r"Recommended|Most read|관련\s*기사|\[관련\s*기사\]|<관련\s*기사>|함께\s*보면|추천\s*기사|"
    r"많이\s*본\s*기사|이 시각)"
)
_BROADCAST_MARK = re.compile(
    r"^\[(?:앵커|리포트|기자|인터뷰|앵커 멘트|앵커멘트|클로징|녹취|현장음)[^\]]*\]\s*$"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# "SEOUL, Nov 27 (Reuters) - ", "COLUMBUS, Ohio (AP) — ", "(Reuters) - "
_DATELINE_EN = re.compile(
    rf"(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, (?!{_MONTH_ABBR} \d)[A-Z][A-Za-z.]+"
    r"(?: [A-Z][a-z.]+)?)?"
    rf"(?:,? {_MONTH_ABBR} \d{{1,2}})?(?: \([^)]{{1,40}}\))?|\([A-Z][^)]{{1,40}}\)) ?[-—–]+ "
)
# "(세종=OO뉴스) 홍길동 기자 = ", "[서울=OO뉴스] 홍길동 기자 =", "홍길동 기자 = "
_DATELINE_KO = re.compile(
    r"(?:[(\[【<][^)\]】>\n]{1,40}[=|][^)\]】>\n]{0,40}[)\]】>](?:\s*[가-힣]{2,4}\s*(?:기자|특파원))?"
    r"(?:\s*=)?|[가-힣]{2,4}\s*(?:기자|특파원)\s*=)\s*"
)


@dataclass(frozen=True)
class Part:
    """One line of a text and what it is."""

    start: int
    end: int
    kind: str


class Layout:
    """The parts of one text, found by offset."""

    def __init__(self, parts: list[Part]):
        self.parts = parts
        self._starts = [part.start for part in parts]

    def kind_at(self, offset: int) -> str:
        """What the line holding `offset` is (body when between lines)."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.parts[index].end:
            return self.parts[index].kind
        return BODY

    def body_start(self, offset: int) -> int:
        """Where the prose of the line at `offset` begins, after any dateline prefix."""
        index = bisect_right(self._starts, offset) - 1
        return self.parts[index].start if index >= 0 else 0


# A mark that opens a heading between a story's sections.
_SECTION_MARK = re.compile(r"[◆◇■□●○▶▷◈※]\s*\S")


def _is_body_line(line: str) -> bool:
    """A paragraph of prose: long enough, or ending like a sentence."""
    stripped = line.strip()
    if len(stripped) >= 120:
        return True
    return len(stripped) >= 30 and _SENTENCE_END.search(stripped) is not None


def read_layout(text: str) -> Layout:
    """Label every line of `text`; a dateline prefix becomes a part of its own."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n\r\u2028\u2029]+", text)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    parts: list[Part] = []
    seen_body = False
    in_related = False
    for index, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        kind = _furniture_kind(line)
        if kind == RELATED:
            in_related = True
        elif in_related and kind is None and not _is_body_line(line):
            kind = RELATED
        elif kind is None:
            in_related = False
        if kind is None:
            if _BROADCAST_MARK.match(line):
                kind = BYLINE
            elif index == 0 and len(line) < 150:
                kind = HEADLINE  # a first line of prose length is a lede, not a headline
            elif _SECTION_MARK.match(line) and len(line) <= 90:
                kind = SUBHEAD  # "◆ 발전단가 250원…": a section's heading inside the story
            elif not seen_body:
                kind = BODY if _is_body_line(line) else SUBHEAD
            elif _is_body_line(line):
                kind = BODY
            else:
                kind = SUBHEAD if len(line) <= 90 and not re.search(r"[.!?]$", line) else BODY
        if kind == BODY:
            seen_body = True
            dateline = _DATELINE_EN.match(text, start, end) or _DATELINE_KO.match(text, start, end)
            if dateline and dateline.end() < end:
                parts.append(Part(start, dateline.end(), DATELINE))
                start = dateline.end()
        parts.append(Part(start, end, kind))
    return Layout(parts)


def _furniture_kind(line: str) -> str | None:
    """Byline, caption or related-articles line, by its marks; None for anything else."""
    if _RELATED.match(line):
        return RELATED
    if _CAPTION.search(line) and not _long_prose(line):
        return CAPTION
    if _BYLINE.search(line) and len(line) < 160:
        return BYLINE
    return None


def _long_prose(line: str) -> bool:
    """A body paragraph that merely mentions a photo credit word in passing."""
    return len(line) > 200 and line.count(". ") >= 2

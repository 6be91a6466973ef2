"""Command line: print the claim candidates of one text file as JSON lines.

    python -m extractor FILE [--language ko|en|auto] [--published YYYY-MM-DD]

Each line is one candidate (`Candidate.to_dict()`), UTF-8 with Korean unescaped.
A missing or undecodable file is reported in one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from extractor.extract import extract_claims


def _date(value: str) -> datetime.date:
    """Parse --published, so a bad date is a usage error rather than a traceback."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from error


def main(argv: list[str] | None = None) -> int:
    """Run the extractor on one file and print its candidates."""
    parser = argparse.ArgumentParser(
        prog="python -m extractor", description="Extract quantitative claims from a text file."
    )
    parser.add_argument("file", type=Path, help="UTF-8 text file")
    parser.add_argument("--language", choices=("ko", "en", "auto"), default="auto")
    parser.add_argument("--published", type=_date, default=None, help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    try:
        # Bytes, not read_text: newline translation would shift every offset.
        text = args.file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(f"error: is a directory, not a file: {args.file}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as error:
        print(f"error: {args.file} is not UTF-8 text ({error.reason} at byte {error.start})",
              file=sys.stderr)  # fmt: skip
        return 2
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    sys.stdout.reconfigure(encoding="utf-8")  # Korean unescaped whatever the locale
    try:
        for candidate in extract_claims(text, language=args.language, published=args.published):
            sys.stdout.write(json.dumps(candidate.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # `| head` closed the pipe: stop quietly, as other line-oriented tools do.
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

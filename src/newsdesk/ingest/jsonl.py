"""JSON Lines: one article a line, ``text`` plus optional ``title``, ``url``, ``outlet``, ``published``, ``byline``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator

from newsdesk.dates import parse_date
from newsdesk.errors import ParseError
from newsdesk.ingest import sanitize
from newsdesk.records import Draft, Format

__all__ = ["drafts"]

log = logging.getLogger(__name__)

OPTIONAL = ("title", "url", "outlet", "published", "byline")


def drafts(content: str, *, source: str) -> Iterator[Draft | ParseError]:
    """One draft per line; a bad line yields a :class:`ParseError` naming ``source#line`` instead."""
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        item = f"{source}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ParseError(
                f"invalid JSON: {exc.msg} at column {exc.colno}",
                item=item,
                hint="each line must be one JSON object",
            )
            continue
        except ValueError as exc:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
            limit = sys.get_int_max_str_digits()
            what = f"a number of more than {limit:,} digits" if "digits" in str(exc) else str(exc)
            yield ParseError(f"unreadable JSON: {what}", item=item, hint="write long numbers as strings")
            continue
        except RecursionError:
            yield ParseError(
                "unreadable JSON: nested too deeply", item=item, hint="each line must be one flat JSON object"
            )
            continue
        if not isinstance(record, dict):
            yield ParseError(
                f"expected a JSON object, got {type(record).__name__}",
                item=item,
                hint='write {"text": "...", "title": "..."} on each line',
            )
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ParseError("missing or empty 'text'", item=item, hint='each line needs a non-empty "text" string')
            continue
        nested = [k for k in OPTIONAL if isinstance(record.get(k), dict | list)]
        if nested:
            yield ParseError(
                f"'{nested[0]}' is a JSON {type(record[nested[0]]).__name__}, not a string",
                item=item,
                hint=f"write {', '.join(OPTIONAL)} as strings",
            )
            continue
        # A JSON "\ud800" is a lone surrogate, which neither UTF-8 nor a log line can hold.
        fields = {k: sanitize.text(str(record[k])).strip() or None for k in OPTIONAL if record.get(k) not in (None, "")}
        warnings: tuple[str, ...] = ()
        if "published" in fields:
            stated = fields["published"]
            fields["published"] = parse_date(stated or "")
            if fields["published"] is None:
                log.warning("%s: cannot read published date %r; leaving it unknown", item, stated)
                warnings = (f"cannot read published date {stated!r}; leaving it unknown",)
        yield Draft(
            source=item,
            raw=line,
            text=text,
            format=Format.JSONL,
            title=fields.get("title"),
            url=fields.get("url"),
            outlet=fields.get("outlet"),
            published=fields.get("published"),
            byline=fields.get("byline"),
            warnings=warnings,
        )

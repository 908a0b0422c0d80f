"""A brief written out as Markdown, one self-contained HTML file, or JSON."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsdesk.dates import as_read

if TYPE_CHECKING:
    import jinja2

__all__ = ["FORMATS", "ONE_ORIGIN", "how_reported", "html", "markdown", "plural", "render", "told_by"]

FORMATS = ("md", "html", "json")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 article``, ``2 articles``; ``nouns`` for a plural that is not ``noun`` + s (``story``, ``stories``)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def told_by(side: dict[str, Any], name: Callable[[str], str] = str) -> str:
    """Who gives a side's value, for a reader: the outlets of its articles, then how many independent origins they
    are when fewer (and which, when an origin is not one of those outlets: a wire they relay, the report they
    copy). ``name`` writes an outlet or origin (the brief numbers an article with no outlet)."""
    outlets = side.get("outlets") or side["origins"]  # (a side made before outlets were told)
    origins = side["origins"]
    said = ", ".join(map(name, outlets))
    if set(origins) <= set(outlets):
        return said if len(origins) >= len(outlets) else f"{said}; {_count(len(origins))}"
    return f"{said}; {_count(len(origins))}: {', '.join(map(name, origins))}"


def _count(origins: int) -> str:
    return "one origin" if origins == 1 else f"{origins} independent origins"


# What a contradiction whose two values come from one origin says of it.
ONE_ORIGIN = "both values from one origin: a copy or rewrite differs from its original"


def how_reported(origin: dict[str, Any]) -> str:
    """How an independent origin of a claim backs it, in the words the CLI, the web and the briefs all use: "own
    reporting", "2 relaying" (articles that credit it), both ("own reporting, 2 relaying"), or "AI-written
    aggregate, not counted". An origin no article relays reports itself, whatever its ``own`` (a row made before
    ``own`` was kept has none)."""
    if not origin.get("counted", True):
        return "AI-written aggregate, not counted"
    relaying = origin["relaying"]
    own = origin.get("own") or not relaying
    return ", ".join(part for part, on in (("own reporting", own), (f"{relaying} relaying", relaying)) if on)


@functools.cache
def _env() -> jinja2.Environment:
    import jinja2  # loaded when a brief is written as HTML, not to list the formats

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsdesk.report", "templates"),
        autoescape=True,  # article text is hostile input: everything is escaped, always
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["as_read"] = _when
    env.tests["background_entry"] = lambda entry: bool(entry.get("background"))  # a brief's Background section
    env.filters["reported"] = how_reported
    env.filters["unnamed"] = _unnamed
    env.filters["no_date"] = _no_date
    return env


def render(brief: dict[str, Any], fmt: str) -> str:
    """``brief`` in ``fmt`` (one of :data:`FORMATS`)."""
    return {"md": markdown, "html": html, "json": _json}[fmt](brief)


def html(brief: dict[str, Any]) -> str:
    """One HTML file: inline CSS, no script, and a policy that forbids every outside request."""
    return _env().get_template("brief.html").render(brief=brief, one_origin=ONE_ORIGIN)


def _json(brief: dict[str, Any]) -> str:
    return json.dumps(brief, ensure_ascii=False, indent=2) + "\n"


def _md(text: str | None) -> str:
    """Text made inert in Markdown: no HTML, links, emphasis or headings from article data. Parentheses are
    escaped only after a bracket, where a link's address would begin: "(AFP)" reads as written in plain text."""
    out = " ".join((text or "").split())
    for char in "\\`*_{}[]<>#+!|":
        out = out.replace(char, "\\" + char)
    return out.replace("](", "]\\(")


def _quoted(quote: dict[str, Any]) -> str:
    """A direct quote in quotation marks; reported speech as it stands, after its cue in italics, marked as such."""
    if quote["direct"]:
        return f"“{_md(quote['text'])}”"
    cue = f"*{_md(quote['cue'])}* " if quote.get("cue") else ""
    return f"{cue}{_md(quote['text'])} (reported)"


def _ref(item: dict[str, Any]) -> str:
    if item["start"] == item["end"]:  # the article as a whole (an entry from its title or publication day)
        return f"[{item['ref']}]"
    return f"[{item['ref']}, chars {item['start']}–{item['end']}]"


def _origins(claim: dict[str, Any]) -> str:
    return ", ".join(f"{_md(o['name'])} ({how_reported(o)})" for o in claim["origins"])


def _claims(brief: dict[str, Any]) -> list[str]:
    """The Corroborated, Single-source and Disputed sections."""
    out = ["## Corroborated", ""]
    for c in brief["corroborated"]:
        out.append(
            f"- {_md(c['text'])} {_ref(c)}: {plural(c['articles'], 'article')}, "
            f"{plural(c['independent'], 'independent origin')}: {_origins(c)}"
        )
    out += [] if brief["corroborated"] else ["No claim is backed by two independent origins."]
    out += ["", "## Single-source", ""]
    for c in brief["single_source"]:
        out.append(f"- {_md(c['text'])} {_ref(c)}: {plural(c['articles'], 'article')}, one origin: {_origins(c)}")
    out += [] if brief["single_source"] else ["No claim repeated by several articles rests on one origin."]
    out += ["", "## Disputed", ""]
    for item in brief["disputed"]:
        sides = " / ".join(
            f"{_md(str(side['shown']))}: {_md(side['text'])} {_ref(side)} ({_md(side['told_by'])})"
            for side in item["sides"]
        )
        one = f" ({ONE_ORIGIN})" if item.get("one_origin") else ""
        out.append(f"- {_md(item['slot'] or item['kind'])} ({item['kind']}): {sides}{one}")
    out += [] if brief["disputed"] else ["No contradictions found."]
    return [*out, ""]


def _only_here(term: dict[str, Any]) -> str:
    """ ", only here" for a group's own wording, too rare to test (a brief made before it has no such key)."""
    return "" if term.get("significant", True) else ", only here"


def _framing(brief: dict[str, Any]) -> list[str]:
    """The Framing section: each outlet's distinctive words, loaded words, claims it leaves out; competing names."""
    framing = brief["framing"]
    out = ["## Framing", ""]
    if framing["note"]:
        return [*out, _md(framing["note"]), ""]
    for group in framing["groups"]:
        terms = ", ".join(
            f"{_md(t['term'])} ({t['count']} vs {t['others']}{_only_here(t)}) {_ref(t)}" for t in group["terms"]
        )
        counted = plural(group["articles"], "article")
        out.append(f"- **{_md(group['name'])}** ({counted}): {terms or 'no wording of its own'}")
        for row in group["loaded"]:
            instead = f"; neutral: {_md(row['alternative'])}" if row["alternative"] else ""
            out.append(f"  - loaded: {_md(row['text'])} ×{row['count']}{instead} {_ref(row)}")
        for claim in group["omitted"]:
            out.append(f"  - leaves out: {_md(claim['text'])} ({claim['origins']} other origins carry it)")
    for pair in framing["pairs"]:
        out.append("- competing names: " + " / ".join(f"{_md(s['term'])} ({_md(s['group'])})" for s in pair["sides"]))
    return [*out, ""]


_UNDATED_SHOWN = 3  # headlines of undated reports written beside their count


def _no_date(brief: dict[str, Any]) -> str:
    """The line saying how many reports a brief's timeline leaves out for naming no date of their own (their
    headlines are no developments of a day), and what the most reported of them report: "6 reports name no date of
    their own, not listed here: Fire breaks out at the summit (6 reports)"."""
    reports = brief["undated_reports"]
    verb = "names" if reports == 1 else "name"
    line = f"{plural(reports, 'report')} {verb} no date of {'its' if reports == 1 else 'their'} own, not listed here"
    heads = [h for h in brief.get("undated_headlines") or [] if h["text"]]
    if not heads:
        return line
    shown = "; ".join(f"{h['text']} ({plural(h['articles'], 'report')})" for h in heads[:_UNDATED_SHOWN])
    return f"{line}: {shown}" + ("; …" if len(heads) > _UNDATED_SHOWN else "")


_UNNAMED_SHOWN = 4  # descriptions of unnamed sources written beside their count


def _unnamed(brief: dict[str, Any]) -> str:
    """The line counting the quotes of sources a brief does not list as actors, for they are described, not named:
    "13 quotes of unnamed sources not listed (authorities, officials, a report, …)"."""
    names = brief.get("unnamed_sources") or []
    shown = ", ".join(names[:_UNNAMED_SHOWN]) + (", …" if len(names) > _UNNAMED_SHOWN else "")
    return f"{plural(brief['unnamed_quotes'], 'quote')} of unnamed sources not listed ({shown})"


def _when(entry: dict[str, Any]) -> str:
    """A brief's timeline entry's date as a reader reads it (:func:`~newsdesk.dates.as_read`), or for an entry of
    undated reports the weekday they name, its date not given: "Thursday (date not given, 5 reports)"."""
    if entry.get("weekday"):
        return f"{entry['weekday']} (date not given, {plural(entry['articles'], 'report')})"
    return as_read(entry["date"], entry.get("precision"))


def _timeline_line(entry: dict[str, Any]) -> str:
    mark = " (estimated)" if entry["estimated"] else ""
    if entry.get("ahead"):
        mark += " (expected then)"
    return f"- **{_md(_when(entry))}**{mark}: {_md(entry['text'])} {_ref(entry)}"


def markdown(brief: dict[str, Any]) -> str:
    """The brief as Markdown; article text is escaped so that it cannot become markup."""
    story = brief["story"]
    out = [f"# {_md(story['title'] or '(untitled story)')}", ""]
    counts = f"{plural(brief['articles'], 'article')}, {plural(len(brief['events']), 'event')}"
    out.append(f"Story `{story['id']}`: {counts}.")
    out += ["", "## Summary", ""]
    out += [f"- {_md(s['text'])} {_ref(s)}" for s in brief["summary"]] or ["No sentences to summarise."]
    background = [e for e in brief["timeline"] if e.get("background")]
    if background:
        out += ["", "## Background", ""]
        out += [_timeline_line(e) for e in background]
        if brief.get("background_left"):
            left = brief["background_left"]
            out.append(
                f"- … and {plural(left, 'earlier date')} (`newsdesk timeline {brief['story']['id']}` lists them all)"
            )
    out += ["", "## Timeline", ""]
    out += [_timeline_line(e) for e in brief["timeline"] if not e.get("background")]
    if brief.get("undated_reports"):
        out.append(f"- {_md(_no_date(brief))}")
    out += ["", "## Key actors", ""]
    for actor in brief["actors"]:
        out.append(f"### {_md(actor['name'])} ({actor['kind']})")
        out += [f"- {_quoted(q)} {_ref(q)}" for q in actor["quotes"]]
        if actor["more_quotes"]:
            more = actor["more_quotes"]
            out.append(f"- … and {more} more quote{'s' if more != 1 else ''}")
        out.append("")
    if not brief["actors"]:
        out += [brief["empty"].get("quotes", "No quoted speakers found."), ""]
    if brief.get("unattributed_quotes"):
        out += [f"{plural(brief['unattributed_quotes'], 'quote')} with no identified speaker not listed.", ""]
    if brief.get("unnamed_quotes"):
        out += [f"{_md(_unnamed(brief))}.", ""]
    out += _claims(brief)
    out += _framing(brief)
    out += ["## Positions", ""]
    for p in brief["positions"]:
        shifts = f" ({'; '.join(p['shifts'])})" if p["shifts"] else ""
        how = "said" if p["said"] else "reported"
        out.append(
            f"- **{_md(p['actor'])}** {p['position']} *{_md(p['issue'])}* ({p['date'] or 'undated'}){shifts}: "
            f"{_md(p['text'])} ({how}) {_ref(p)}"
        )
    out += ([] if brief["positions"] else ["No actor's position found."]) + [""]
    out += ["## Outlets", "", "| outlet | articles | copies | credits |", "| --- | --- | --- | --- |"]
    for row in brief["outlets"]:
        cites = ", ".join(_md(c) for c in row["cites"]) or "—"
        out.append(f"| {_md(row['outlet'])} | {row['articles']} | {row['copies']} | {cites} |")
    out += ["", "## Origins", ""]
    for origin in brief["origins"]:
        credits = f"; credits {', '.join(_md(c) for c in origin['cites'])}" if origin["cites"] else ""
        out.append(
            f"- {_md(origin['name'])} ({_md(origin['outlet'] or 'outlet not stated')}): "
            f"{plural(origin['articles'], 'article')} from {', '.join(_md(o) for o in origin['outlets'])}{credits}"
        )
    out += ["", "## Sources", ""]
    for source in brief["sources"]:
        where = f" <{source['url']}>" if source["url"] else ""
        out.append(
            f"{source['ref']}. {_md(source['outlet'] or 'outlet not stated')}, "
            f"{_md(source['title'] or '(no title)')}, {source['published'] or 'undated'}, "
            f"article `{source['id']}`{where}"
        )
    return "\n".join(out).rstrip() + "\n"

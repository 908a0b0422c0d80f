"""Fuzz ingest: odd bytes, encodings, HTML, feeds, JSONL lines and file names through ``Corpus.ingest`` (issue 19).

A seeded generator writes a folder of items of three kinds: known-good ones (a text of 20+ words holding a
unique sentinel word), known-bad ones (each must give exactly one named failure), and random ones (at most one
failure each, never an internal error). One ingest of the whole folder runs the real pipeline, analysis
included; a second ingest of the same folder must add nothing.

``NEWSDESK_FUZZ_ITEMS`` sets how many items (default 400), ``NEWSDESK_FUZZ_SEED`` the seed (default 19, or
``random``); ``make fuzz`` runs a longer round with a random seed. A failing run names its seed.
"""

from __future__ import annotations

import html
import json
import logging
import os
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from newsdesk.corpus import Corpus
from newsdesk.ingest import sanitize
from newsdesk.settings import IngestSettings, Settings
from newsdesk.store import Store

pytestmark = pytest.mark.slow

ITEMS = int(os.environ.get("NEWSDESK_FUZZ_ITEMS", "400"))
_SEED = os.environ.get("NEWSDESK_FUZZ_SEED", "19")
SEED = random.SystemRandom().randrange(1_000_000) if _SEED == "random" else int(_SEED)

# An invented vocabulary: harbour towns, boards and ferries, so texts read as news without copying any.
WORDS = (
    "ferry harbour board council crossing timetable winter commuters union pier dock tide storm repairs vote "
    "budget fares mayor engineers delay morning evening island mainland route captain crew passengers cargo "
    "week month plan report inquiry agreed rejected said announced warned expected"
).split()
PLACES = ("Lantry", "Saltmere", "Vessa", "Orwick", "Kessel", "Brannock", "Dunmoor")
ACCENTED = ("café", "naïve", "Zürich", "résumé", "São", "façade", "über")
CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
CODECS += ("cp1252", "latin-1")
ODD_NAMES = (
    b"plain",
    b"caf\xe9",  # Latin-1 byte: undecodable as UTF-8
    b"\xff\xfe\xfd",
    b"new\nline",
    b"tab\tand\rcr",
    b"back\\slash",
    b"%s%d{}%n",
    b"\\x41\\u0041",
    b"quote'\"",
    b"sp ace  s",
    "emoji 😀 ñ".encode(),
    b"-dash",
    b"\x1b[31mred",
    b"l" * 200,
)


@dataclass
class Folder:
    """What was written, and what each unit (a file, a JSONL line, a feed item) must give."""

    root: Path
    good: dict[str, str] = field(default_factory=dict)  # sentinel -> unit name
    bad: set[str] = field(default_factory=set)  # unit names that must fail once
    random: set[str] = field(default_factory=set)  # single-article files whose outcome is not known
    direct: list[Path] = field(default_factory=list)  # files without an extension: a folder skips them, so name them
    count: int = 0


def _sentinel(rng: random.Random) -> str:
    return "fz" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))


def _sentences(rng: random.Random, sentinel: str, *, accents: bool = True) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randrange(22, 40))]
    words.insert(rng.randrange(len(words)), sentinel)
    if accents and rng.random() < 0.6:
        words.insert(rng.randrange(len(words)), rng.choice(ACCENTED))
    place = rng.choice(PLACES)
    return f"The {place} " + " ".join(words) + "."


def _name(folder: Folder, rng: random.Random, ext: str) -> tuple[Path, str]:
    """A fresh odd file name with ``ext``, and the name ingest must report for it."""
    folder.count += 1
    raw = f"{folder.count:04d}-".encode() + rng.choice(ODD_NAMES) + ext.encode()
    path = Path(os.fsdecode(bytes(folder.root) + b"/" + raw))
    if not ext:  # read only when named: its format is sniffed from its content
        folder.direct.append(path)
    return path, sanitize.path(str(path))


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


# -- known-good items ----------------------------------------------------------------------------------


def good_text(folder: Folder, rng: random.Random) -> None:
    sentinel = _sentinel(rng)
    codec = rng.choice(CODECS)
    text = f"{rng.choice(PLACES)} ferry news\n\n" + _sentences(rng, sentinel) + "\n"
    path, name = _name(folder, rng, rng.choice([".txt", ".TXT", ".text", ""]))
    _write(path, text.encode(codec))
    folder.good[sentinel] = name


def good_mixed(folder: Folder, rng: random.Random) -> None:
    # UTF-8 pasted next to cp1252: read with one code page (and a warning), the ASCII sentinel survives.
    sentinel = _sentinel(rng)
    text = _sentences(rng, sentinel, accents=False)
    path, name = _name(folder, rng, ".txt")
    _write(path, f"{text} Le café est fermé.\n".encode() + "Déjà vu à Zürich, naïve façade.\n".encode("cp1252"))
    folder.good[sentinel] = name


def good_html(folder: Folder, rng: random.Random) -> None:
    sentinel = _sentinel(rng)
    title = f"{rng.choice(PLACES)} {rng.choice(WORDS)} {rng.choice(WORDS)}"
    paragraphs = "".join(f"<p>{html.escape(_sentences(rng, s))}</p>" for s in (sentinel, _sentinel(rng)))
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )
    path, name = _name(folder, rng, rng.choice([".html", ".htm", ""]))
    _write(path, page.encode("utf-8"))
    folder.good[sentinel] = name


def jsonl_file(folder: Folder, rng: random.Random) -> None:
    """A JSONL file of good and bad lines, each line its own unit."""
    path, name = _name(folder, rng, rng.choice([".jsonl", ".ndjson", ".JSONL"]))
    lines = []
    for number in range(1, rng.randrange(2, 7)):
        unit = f"{name}#{number}"
        if rng.random() < 0.5:
            sentinel = _sentinel(rng)
            record: dict[str, object] = {"text": _sentences(rng, sentinel)}
            odd = rng.choice(["\ud800", "\udfff", "\udce9", "😀", "\x00", "", "\n"])
            for key in rng.sample(["title", "outlet", "byline", "url", "published"], rng.randrange(0, 4)):
                record[key] = rng.choice([f"{key} {odd}", 12345, 1.5e300, True, f"https://fuzz.invalid/{odd}"])
            lines.append(json.dumps(record))
            folder.good[sentinel] = unit
        else:
            lines.append(
                rng.choice(
                    [
                        '{"text": "x", "n": ' + "7" * rng.randrange(4400, 9000) + "}",
                        '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
                        '{"text": ' + '{"a":' * 3000 + "1" + "}" * 3000 + "}",
                        json.dumps([1, 2]),
                        json.dumps("\ud800"),
                        json.dumps({"title": "no text here"}),
                        json.dumps({"text": 5}),
                        json.dumps({"text": "   "}),
                        json.dumps({"text": "two words"}),
                        json.dumps({"text": _sentences(rng, _sentinel(rng)), "byline": ["a", "b"]}),
                        json.dumps({"text": _sentences(rng, _sentinel(rng)), "title": {"x": 1}}),
                        '{"text": "unterminated',
                        "{not json at all}",
                    ]
                )
            )
            folder.bad.add(unit)
    codec = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16"])
    _write(path, ("\n".join(lines) + "\n").encode(codec))


def feed_file(folder: Folder, rng: random.Random) -> None:
    """An RSS or Atom feed of good items and items that fail alone (only a link: pages are never fetched)."""
    path, name = _name(folder, rng, rng.choice([".xml", ".rss", ".atom", ""]))
    atom = rng.random() < 0.4
    entries = []
    for number in range(1, rng.randrange(2, 6)):
        sentinel = _sentinel(rng)
        body = html.escape(f"<p>{_sentences(rng, sentinel)}</p>")
        link = f"https://fuzz.invalid/{sentinel}"
        kind = rng.choice(["content", "content", "link-only", "empty"])
        if atom:
            inner = {
                "content": f'<content type="html">{body}</content><link href="{link}"/>',
                "link-only": f'<link href="{link}"/>',
                "empty": "",
            }[kind]
            entries.append(f"<entry><title>Item {number}</title><id>urn:fz:{sentinel}</id>{inner}</entry>")
        else:
            inner = {
                "content": f"<description>{body}</description>",
                "link-only": f"<link>{link}</link>",
                "empty": "",
            }[kind]
            entries.append(f"<item><title>Item {number}</title>{inner}</item>")
        if kind == "content":
            folder.good[sentinel] = link if atom else f"{name}#{number}"
        elif kind == "link-only":  # named by its link
            folder.bad.add(link)
        else:  # an empty item is named feed#N; feedparser takes an Atom entry's id for its missing link
            folder.bad.add(f"urn:fz:{sentinel}" if atom else f"{name}#{number}")
    if atom:
        doc = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Fuzz Post</title>' + "".join(entries) + "</feed>"
    else:
        doc = '<rss version="2.0"><channel><title>Fuzz Post</title>' + "".join(entries) + "</channel></rss>"
    _write(path, ('<?xml version="1.0" encoding="utf-8"?>\n' + doc).encode())


# -- known-bad and random items ---------------------------------------------------------------------------


def bad_file(folder: Folder, rng: random.Random) -> None:
    data, ext = rng.choice(
        [
            (b"", ".txt"),
            (b" \n\t\n", ".txt"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(300)), ".txt"),
            (b"\x00" * 64 + b"\x01\x02\x03" * 40, ".html"),
            (b"Too short.", ".txt"),
            (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss><channel></channel></rss>', ".xml"),
            (b"<rss version='2.0'><channel><title>No items</title></channel></rss>", ".rss"),
            (b"this is not a feed at all, only words", ".xml"),
        ]
    )
    path, name = _name(folder, rng, ext)
    _write(path, data)
    folder.bad.add(name)


def random_file(folder: Folder, rng: random.Random) -> None:
    kind = rng.randrange(4)
    if kind == 0:  # random bytes
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    elif kind == 1:  # random code points, some of them lone surrogates, in a random encoding
        text = "".join(chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x3000)])) for _ in range(400))
        text += "".join(chr(rng.randrange(0xD800, 0xE000)) for _ in range(rng.randrange(3)))
        codec = rng.choice(["utf-8", "utf-16", "utf-16-le", "utf-32-be", "cp1252", "latin-1", "gb18030"])
        data = text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")
    elif kind == 2:  # tag soup
        tags = ["<p>", "</p>", "<div>", "<script>", "</script>", "<![CDATA[", "&amp;", "&#xD800;", "<br/>", "<!--"]
        data = "".join(rng.choice(tags + WORDS) + " " for _ in range(200)).encode()
    else:  # a good text cut at a random byte
        whole = _sentences(rng, _sentinel(rng)).encode(rng.choice(["utf-16", "utf-8"]))
        data = whole[: rng.randrange(1, len(whole))]
    path, name = _name(folder, rng, rng.choice([".txt", ".html", ".xml", ""]))
    _write(path, data)
    folder.random.add(name)


MAKERS: list[tuple[Callable[[Folder, random.Random], None], int]] = [
    (good_text, 30),
    (good_mixed, 5),
    (good_html, 10),
    (jsonl_file, 10),
    (feed_file, 10),
    (bad_file, 15),
    (random_file, 20),
]


def make_folder(root: Path, items: int, seed: int) -> Folder:
    rng = random.Random(seed)
    folder = Folder(root=root)
    makers, weights = zip(*MAKERS, strict=True)
    for _ in range(items):
        rng.choices(makers, weights)[0](folder, rng)
    return folder


def test_issue_19_fuzz_ingest_loses_nothing_and_names_every_failure(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    why = f"NEWSDESK_FUZZ_SEED={SEED} NEWSDESK_FUZZ_ITEMS={ITEMS}"
    (tmp_path / "in").mkdir()
    folder = make_folder(tmp_path / "in", ITEMS, SEED)
    requests: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(599)

    settings = Settings(ingest=IngestSettings(fetch_feed_pages=False))
    with (
        Corpus(Store(tmp_path / "fuzz.db"), settings=settings) as corpus,
        httpx.Client(transport=httpx.MockTransport(refuse)) as client,
        caplog.at_level(logging.WARNING),
    ):
        report = corpus.ingest([folder.root, *folder.direct], client=client)
        again = corpus.ingest([folder.root, *folder.direct], client=client)
        articles = list(corpus.store.articles())
        unfound = [s for s in folder.good if not corpus.search(s)]

    assert requests == [], why
    # trafilatura logs its own errors on tag soup; what must not appear is newsdesk logging a traceback.
    logged = [r for r in caplog.records if r.exc_info or (r.name.startswith("newsdesk") and r.levelno >= 40)]
    assert logged == [], why
    assert not [f for f in report.failures if "internal error" in f.message], why
    analysis = [f for f in report.failures if f.stage not in ("ingest", "clean", "store")]
    assert analysis == [], why

    failed = Counter(f.item for f in report.failures)
    assert [item for item, n in failed.items() if n > 1] == [], why
    # Every good item is stored, once, and findable by its sentinel.
    holding = {s: [a for a in articles if s in a.text] for s in folder.good}
    assert {s: len(found) for s, found in holding.items() if len(found) != 1} == {}, why
    assert unfound == [], why
    assert [folder.good[s] for s in folder.good if folder.good[s] in failed] == [], why
    # Every bad unit is exactly one failure named after it; no failure names anything that was not written.
    assert sorted(folder.bad - set(failed)) == [], why
    units = set(folder.good.values()) | folder.bad | folder.random
    strays = [i for i in failed if i not in units and i.split("#")[0] not in folder.random]
    assert strays == [], why
    # Random files give at most one outcome each: a failure, or an article, or (a repeat) nothing new.
    stored = Counter(a.source for a in articles)
    both = [n for n in folder.random if failed[n] and stored[n]]
    assert both == [], why
    # Ingesting the same folder again adds nothing, and fails the same items.
    assert again.added == (), why
    assert Counter(f.item for f in again.failures) == failed, why

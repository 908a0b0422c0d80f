"""The claims stage's steps written out for speed (issue 17, decision 0052's revision of 2026-12-06, night) give what
the plain forms give: a claim relayed is the record ``dataclasses.replace`` makes, a sentence's terms read in C are the
terms of the loop over its words, the slot is the one of the generators, and the title test joins only the sentences
that may read as the title."""

from __future__ import annotations

import dataclasses
import itertools
import random
import re
import sys

import pytest

from newsdesk.claims import extract, match, values
from newsdesk.records import Article, Claim, Mention, Modality, Value
from tests.conftest import shared_path


def _terms_looped(text: str, offset: int = 0, mentions: tuple[Mention, ...] = ()) -> tuple[str, ...]:
    """``extract.terms`` as it was written before, a loop over the words (the reference)."""
    text = extract._plain_verbs(text)  # (phrasal verbs read as their verbs first, as ``terms`` reads them)
    out: dict[str, None] = {}
    end = offset + len(text)
    covered: set[int] = set()
    roles: set[str] = set()
    for m in mentions:
        if offset <= m.start and m.end <= end:
            out[f"#{extract.name_key(m.text)}"] = None
            if m.entity_id:
                out[f"@{m.entity_id}"] = None
            covered.update(range(m.start - offset, m.end - offset))
            if m.role:
                roles.update(w.casefold() for w in extract.WORD.findall(m.role))
    for w in extract.WORD.finditer(text):
        at = w.start()
        if at in covered:
            continue
        word, term, name = extract._reading(w.group())
        if term is None or (roles and word in roles):
            continue
        if name and not at:
            term = extract.stem(word)
        out[term] = None
    return tuple(out)


def _slot_generated(vals: list[Value], found: tuple[str, ...]) -> str:
    """``extract._slot`` as it was written before, with generators (the reference)."""
    words = list(itertools.islice((t for t in found if not t.startswith(("@", "#"))), 2))
    if not vals:
        return " ".join(words)
    v = next((v for v in vals if v.kind != "date"), vals[0])
    unit = v.unit if v.kind not in ("date", "time", "age") else v.kind
    return " · ".join(x for x in (unit, " ".join(words)) if x)


# Names as a model tags them and as they sit in text: glued to a hyphen or a possessive, opening the sentence,
# inside a word, empty, with a title written with them.
_CAPITALISED = re.compile(r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*")


def _mentions(sentence: str, offset: int, rng: random.Random) -> tuple[Mention, ...]:
    found = []
    for m in _CAPITALISED.finditer(sentence):
        start, end = m.span()
        if rng.random() < 0.3 and end - start > 3:  # a name cut inside a word: "Hong Kong" of "Hong Kong-based"
            end -= rng.randint(1, 2)
        if rng.random() < 0.1 and start:  # a name whose word starts before it
            start -= 1
        found.append(
            Mention(
                text=sentence[start:end],
                start=offset + start,
                end=offset + end,
                type="PERSON",
                entity_id=f"e{start}" if rng.random() < 0.7 else None,
                role="Special Envoy of the" if rng.random() < 0.05 else None,
            )
        )
    if rng.random() < 0.02:
        found.append(Mention(text="", start=offset, end=offset, type="ORG"))
    return tuple(found)


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("dev-news").glob("*.txt"))]
    polnear = sorted(shared_path("data", "polnear", "train", "text").glob("*.txt"))[:60]
    texts += [p.read_text(encoding="utf-8") for p in polnear]
    found = [t[s:e] for t in texts for s, e in extract.sentences(t)]
    found += [
        "Hong Kong-based officials said Obama's plan, the U.S.-backed deal and the ex-Obama aide's view stood.",
        "Reuters reported that O'Neill’s team and Jean-Luc met İstanbul officials and Straße crews.",
        "Trump",
        "",
        "  The 12 members of the Board met.",
    ]
    return found


def test_terms_read_in_c_are_the_loops_terms(sentences: list[str]) -> None:
    rng = random.Random(7)
    checked = named = 0
    for sentence in sentences:
        offset = rng.choice((0, 17))
        for mentions in ((), _mentions(sentence, offset, rng)):
            assert extract.terms(sentence, offset, mentions) == _terms_looped(sentence, offset, mentions), sentence
            checked += 1
            named += bool(mentions)
    assert checked > 2_000 and named > 500


def test_a_relayed_claim_is_the_record_replace_makes() -> None:
    """``extract._relayed`` writes :class:`Claim`'s fields out rather than asking ``dataclasses.replace``: the same
    record, every field of it (a field added to ``Claim`` fails here until ``_relayed`` writes it)."""
    given = {}
    for n, f in enumerate(dataclasses.fields(Claim)):
        given[f.name] = {"start": 3, "end": 9, "modality": Modality.ASSERTED}.get(f.name, f"v{n}")
    given["asserted_kind"], given["via"] = "article", ()
    claim = Claim(**given)
    for kind in ("outlet", "wire"):
        relayed = extract._relayed(claim, ["Reuters", "AP"], kind)
        assert relayed == dataclasses.replace(
            claim,
            via=("Reuters", "AP"),
            asserted_by="Reuters",
            asserted_kind=kind,
            modality=Modality.REPORTED,
        )
    hedged = dataclasses.replace(claim, modality=Modality.HEDGED)
    assert extract._relayed(hedged, ["AFP"]).modality == Modality.HEDGED
    assert extract._relayed(dataclasses.replace(claim, via=("X",)), ["AFP"]) == dataclasses.replace(claim, via=("X",))


def test_the_slot_is_the_generators_slot() -> None:
    rng = random.Random(3)
    kinds = ("date", "time", "age", "count", "money", "number")
    for _ in range(3_000):
        vals = [
            Value(kind=k, value="1", unit=rng.choice(("", "people killed", "day")), text="1", start=0, end=1)
            for k in rng.choices(kinds, k=rng.randint(0, 3))
        ]
        found = tuple(rng.choices(("#who", "@e1", "fire", "tower", "kill", "", "#a"), k=rng.randint(0, 5)))
        assert extract._slot(vals, found) == _slot_generated(vals, found)


def test_a_sentence_reads_as_the_title_only_with_as_many_words(sentences: list[str]) -> None:
    """The title test joins a sentence's words only where it has as many as the title has spaces and one: wherever
    the joined form equals the title's, it does (no character's case-folded form holds a space, and stripping dots
    strips no space)."""
    assert all(
        " " not in chr(c).casefold() for c in range(sys.maxunicode + 1) if c != 0x20 and not 0xD800 <= c <= 0xDFFF
    )
    rng = random.Random(5)
    met = 0
    for sentence in sentences[:800]:
        for title in (
            sentence,
            sentence.upper() + ".",
            " ".join(sentence.split()[:-1]),
            sentence + " ..",
            sentence.rstrip(".") + " .",
            "\t".join(sentence.split()) + "..",
            sentence.replace("ss", "ß"),
        ):
            norm = " ".join(title.split()).casefold()
            joined = " ".join(sentence.split()).casefold().rstrip(".")
            if norm and joined == norm.rstrip("."):
                met += 1
                assert len(sentence.split()) == norm.count(" ") + 1
            if rng.random() < 0.01:  # and in ``find``: the sentence is no claim exactly where the title reads as it
                article = Article(id="a", source="s", text=f"Opening line of it all.\n{sentence}", title=title)
                found = {c.text for c in extract.find(article)}
                body = sentence.strip()
                long_lede = body.rstrip().endswith(".") and len(body.split()) > extract.LEDE_WORDS
                if joined == norm.rstrip(".") and norm and not long_lede:
                    assert body not in found
    assert met > 1_000


def test_lower_form_of_an_ascii_text_is_asked_of_no_search() -> None:
    assert not any(values.NOT_ASCII_CASE.search(chr(c)) for c in range(128))
    assert values.lower_form("The MAYOR said") == "the mayor said"
    assert values.lower_form("The \u212aelvin") is None


def test_a_stored_text_read_by_the_scanner_is_what_json_loads_reads() -> None:
    """``store.claims._loads`` asks the decoder's scanner directly for the texts the store writes, and gives what
    ``json.loads`` gives (or raises what it raises) for any text."""
    import json

    from newsdesk.store import claims as stored

    rng = random.Random(11)
    texts = ["[]", " []", "[] ", "[]x", "[1,]", "", "[", "NaN", '"s"', '{"k": [1, 2.5, null, true]}', "\t[1]\n"]
    for _ in range(500):
        words = ["#hong kong", "@e12", "fire", "é", "\u2019s", 'say "no"', "a\\b", "\u00a0", "\ud83d\ude00"]
        given = rng.choices(words, k=rng.randint(0, 6))
        texts.append(json.dumps(given, ensure_ascii=rng.random() < 0.5))
    texts.append(json.dumps([{"kind": "count", "value": "12", "unit": "people", "start": 3, "bound": ""}]))
    for text in texts:
        try:
            want: object = repr(json.loads(text))
        except ValueError as exc:
            want = type(exc)
        try:
            got: object = repr(stored._loads(text))
        except ValueError as exc:
            got = type(exc)
        assert got == want, text


def test_a_stored_value_is_made_of_its_fields() -> None:
    from newsdesk.store import claims as stored

    full = {"kind": "count", "value": "12", "unit": "people", "text": "12 people", "start": 3, "end": 12, "bound": ""}
    assert stored._value(full) == Value(**full)
    assert stored._value({k: v for k, v in full.items() if k != "bound"}) == Value(**full)
    assert stored._value({**full, "extra": 1, "bound": "about"}) == Value(**{**full, "bound": "about"})


class _Looped(match.Story):
    """``Story.remember`` as it was before a cluster's first reading had a way of its own: every new reading walks
    the loop over its terms (the reference)."""

    def remember(self, member: match.Member, cluster_id: str) -> None:
        number, new = self._number(member, cluster_id)
        if not new:
            for term in self._full.intersection(member.terms):
                self._again(term, cluster_id)
            return
        self._answers.clear()
        by_term = self._held.setdefault(cluster_id, {})
        for term in member.terms:
            posting = self.index.setdefault(term, {})
            held = by_term.setdefault(term, [])
            if len(held) < match.PER_CLUSTER:
                held.append(number)
                posting[number] = cluster_id
                if len(posting) >= match.POSTING:
                    self._full.add(term)
                    if len(posting) > match.POSTING:
                        self._drop(term, posting)
            else:
                self._unlisted.setdefault(term, set()).add(number)
                self._partial.add(number)
                if held and len(posting) >= match.POSTING and next(reversed(posting)) != held[-1]:
                    self._again(term, cluster_id)


@pytest.mark.parametrize(("posting", "per_cluster"), [(4, 2), (7, 3), (2_000, 16)])
def test_a_clusters_first_reading_is_indexed_as_the_loop_indexes_it(
    posting: int, per_cluster: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lists that fill and drop readings, clusters of one reading and of many, readings given again: the index, the
    lists of each cluster, the full lists and the readings left out are the loop's."""
    monkeypatch.setattr(match, "POSTING", posting)
    monkeypatch.setattr(match, "PER_CLUSTER", per_cluster)
    rng = random.Random(posting)
    words = [f"w{k}" for k in range(12)]
    made, looped = match.Story("s"), _Looped("s")
    clusters: list[str] = []
    readings: list[tuple[frozenset[str], str]] = []
    for k in range(400):
        if readings and rng.random() < 0.2:  # a reading given again (a copy's claim)
            terms, cluster = rng.choice(readings)
        else:
            terms = frozenset(rng.sample(words, rng.randint(0, 6)))
            cluster = rng.choice(clusters) if clusters and rng.random() < 0.4 else f"c{len(clusters)}"
            if cluster not in clusters:
                clusters.append(cluster)
            readings.append((terms, cluster))
        for story in (made, looped):
            story.remember(match.Member(f"k{k}", "a", terms, (), False), cluster)
        assert made._full == looped._full and made._partial == looped._partial  # (at every step)
    for story in (made, looped):
        story._held = {c: {t: held for t, held in by_term.items() if held} for c, by_term in story._held.items()}
    assert [(t, list(p.items())) for t, p in made.index.items()] == [
        (t, list(p.items())) for t, p in looped.index.items()
    ]
    assert made._held == looped._held
    assert (made._full, made._unlisted, made._partial) == (looped._full, looped._unlisted, looped._partial)
    assert made._full or posting == 2_000


def _stem_plain(word: str) -> str:
    """``extract.stem`` as it was before its searches were skipped where their letters are not (the reference)."""
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    w = extract._ISE.sub(r"iz\1", w)
    w = extract._DOUBLED_VOWEL.sub(r"\1\2", w)
    w = extract._DOUBLED.sub(r"\1\2", w) if len(w) > 6 else w
    for suffix in extract._SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w


def test_a_stem_is_the_one_every_search_gives(sentences: list[str]) -> None:
    words = {w for s in sentences for w in extract.WORD.findall(s)}
    words |= {"travelled", "recognising", "Organisations", "stopped", "refereeing", "bidding\n", "raised\n", "ised"}
    assert len(words) > 5_000
    for word in words:
        assert extract.stem.__wrapped__(word) == _stem_plain(word), word

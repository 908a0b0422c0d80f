"""``normalize.text`` removes, spaces and unglues in whole-text passes: the text the line-by-line passes gave."""

from __future__ import annotations

import re
import unicodedata

from newsdesk.clean import language, normalize
from tests.conftest import shared_path

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _by_lines(raw: str) -> str:
    """The text as ``normalize.text`` gave it before (decision 0053, revision): character by character, then line
    by line, then paragraph by paragraph."""
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = _CONTROL.sub("", raw.translate(_INVISIBLE))
    paragraphs: list[str] = []
    block: list[str] = []
    for line in raw.split("\n"):
        line = normalize._SPACES.sub(" ", line).strip()
        if line:
            block.append(line)
            continue
        paragraphs.extend(normalize._unwrap(block))
        block = []
    paragraphs.extend(normalize._unwrap(block))
    return "\n\n".join(normalize._GLUED.sub(" ", p) for p in paragraphs)


WRITTEN = [
    "a\u200bb\x00c\u00ad d\t\u00a0 e\r\nfoo.Bar baz\n\n\nx.Yy zz.Qq",
    "ab.Cd\n\nef!Gh and U.S. Army, global.espreso.tv",
    "\ufeff  \n \u2028 \n\x0b\x0cend.",
    "the end of a line\ncontinues here.\n\nNew paragraph.It goes on!Then?More",
    "",
]


def test_the_text_is_the_one_the_line_by_line_passes_gave() -> None:
    paths = (
        sorted(shared_path("dev-news").glob("*.txt"))
        + sorted(shared_path("seeds").rglob("*.txt"))
        + sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))
    )
    texts = [p.read_text(encoding="utf-8") for p in paths] + WRITTEN
    assert len(texts) > 50
    for text in texts:
        assert normalize.text(text) == _by_lines(text)


def test_the_language_is_scored_by_the_same_counts() -> None:
    # Missing function words count 0 through ``dict.get``, as through the Counter's own lookup.
    paths = sorted(shared_path("dev-news").glob("*.txt"))[:20]
    for text in [p.read_text(encoding="utf-8") for p in paths] + ["der die und das " * 10, "short"]:
        words = language._WORD.findall(text[:20000])
        counts = language.Counter(map(str.casefold, words))
        for stop in language._SETS.values():
            assert sum(map(counts.get, stop, language.repeat(0))) == sum(counts[w] for w in stop)
        assert language.detect(text) in (None, *language._SETS)

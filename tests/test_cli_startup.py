"""The command starts at once: importing the CLI loads no heavy library, and --version answers quickly."""

from __future__ import annotations

import json
import subprocess
import sys

# Each of these costs tens to hundreds of milliseconds on import; a command that needs one imports it itself.
HEAVY = (
    "spacy",
    "scipy",
    "datasketch",
    "numpy",
    "trafilatura",
    "htmldate",
    "feedparser",
    "httpx",
    "uvicorn",
    "starlette",
    "jinja2",
)


def _loaded(code: str) -> list[str]:
    """The modules of HEAVY that a fresh interpreter has loaded after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _loaded("import newsdesk.cli") == []


def test_help_and_version_load_no_heavy_library() -> None:
    for args in (["--version"], ["--help"], ["brief", "--help"], ["serve", "--help"]):
        code = f"from newsdesk.cli import cli\ntry:\n    cli({args!r})\nexcept SystemExit:\n    pass"
        assert _loaded(code) == [], args


def test_the_public_api_still_loads_the_corpus_on_use() -> None:
    # `import newsdesk` is light too; newsdesk.Corpus and newsdesk.open load the corpus when first used.
    assert _loaded("import newsdesk") == []
    loaded = _loaded("import newsdesk\nassert newsdesk.open and newsdesk.Corpus.__name__ == 'Corpus'")
    assert "numpy" not in loaded and "spacy" not in loaded  # reading needs neither
    grouping = _loaded("import newsdesk.grouping")
    assert "numpy" in grouping  # grouping articles still does
    # ... but not datasketch, whose LSH module pulls in scipy: dedupe works its MinHash out in numpy.
    assert "datasketch" not in grouping and "scipy" not in grouping

"""Settings: defaults < newsdesk.toml < NEWSDESK_* environment < overrides; typos refused with a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import ConfigError
from newsdesk.settings import Settings, describe, load
from newsdesk.settings import home as state_home


def test_defaults_without_a_file(home: Path) -> None:
    assert load() == Settings()


def test_precedence(home: Path) -> None:
    (home / "newsdesk.toml").write_text("[fetch]\ntimeout = 5\nmax_bytes = 100\n")
    settings = load(env={"NEWSDESK_FETCH_TIMEOUT": "7"}, overrides={"fetch": {"max_redirects": 1}})
    assert settings.fetch.timeout == 7.0  # env beats file
    assert settings.fetch.max_bytes == 100  # file beats default
    assert settings.fetch.max_redirects == 1  # override
    assert settings.ingest == Settings().ingest  # a partial file changes only its keys


def test_unknown_key_suggests(home: Path) -> None:
    (home / "newsdesk.toml").write_text("[fetch]\ntimout = 5\n")
    with pytest.raises(ConfigError, match=r"Unknown setting 'timout' in \[fetch\].*Did you mean 'timeout'"):
        load()


def test_unknown_section_and_bad_value(home: Path) -> None:
    with pytest.raises(ConfigError, match=r"Unknown section \[fetc\].*Did you mean 'fetch'"):
        load(overrides={"fetc": {}})
    with pytest.raises(ConfigError, match=r"Bad value 'soon' for \[fetch\] timeout"):
        load(env={"NEWSDESK_FETCH_TIMEOUT": "soon"})
    with pytest.raises(ConfigError, match="Bad value 'maybe'"):
        load(env={"NEWSDESK_FETCH_ALLOW_PRIVATE": "maybe"})


def test_bad_toml_and_missing_file(home: Path) -> None:
    (home / "bad.toml").write_text("[fetch\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(home / "bad.toml")
    with pytest.raises(ConfigError, match="does not exist"):
        load(home / "none.toml")


def test_stage_list_from_env(home: Path) -> None:
    assert load(env={"NEWSDESK_PIPELINE_STAGES": "cites, other"}).pipeline.stages == ("cites", "other")


def test_every_setting_has_help() -> None:
    rows = describe(Settings())
    assert rows
    assert all(help_text for *_, help_text in rows)


def test_home_honours_env(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert state_home() == home / "home"
    monkeypatch.delenv("NEWSDESK_HOME")
    assert state_home() == Path.home() / ".newsdesk"

"""A throwaway PostgreSQL server for the tests: started by the test run, on a unix socket in a temporary folder.

``NEWSDESK_TEST_POSTGRES`` (a ``postgresql://`` URL of a server where the user may create databases) uses a
running server instead. Otherwise the server binaries are looked for (``pg_config --bindir``,
``/usr/lib/postgresql/*/bin``, the PATH); ``initdb`` and ``postgres`` refuse to run as root, so as root they run
as the ``postgres`` user through ``runuser``. Every reason the server cannot start is returned as a message, which
the fixtures skip with.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "NEWSDESK_TEST_POSTGRES"


def _bindir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@contextmanager
def server() -> Iterator[tuple[str | None, str]]:
    """Yield ``(url of the server's maintenance database, "")``, or ``(None, why it cannot start)``."""
    if importlib.util.find_spec("psycopg") is None:
        yield None, "psycopg is not installed (pip install 'psycopg[binary]'; it is in the dev group)"
        return
    if os.environ.get(ENV):
        yield os.environ[ENV], ""
        return
    bindir = _bindir()
    if bindir is None:
        yield None, "PostgreSQL's server is not installed (apt-get install -y postgresql; .ci/run does it)"
        return
    run_as: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            yield None, "running as root, and there is no postgres user to run the server as"
            return
        run_as = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    data, log = root / "data", root / "server.log"
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    root.chmod(0o700)
    started = False
    try:
        init = subprocess.run(
            [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if init.returncode:
            yield None, f"initdb failed: {(init.stderr or init.stdout).strip()[-300:]}"
            return
        options = f"-k {root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        start = subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60",
             "start"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if start.returncode:
            tail = log.read_text(errors="replace")[-300:] if log.exists() else start.stderr
            yield None, f"the PostgreSQL server did not start: {tail.strip()}"
            return
        started = True
        yield f"postgresql://postgres@/postgres?host={root}", ""
    finally:
        if started:
            subprocess.run(
                [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True, check=False,
            )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def database_url(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server_url``."""
    base, _, query = server_url.partition("?")
    head = base.rsplit("/", 1)[0]
    return f"{head}/{name}" + (f"?{query}" if query else "")

"""A throwaway PostgreSQL server for tests: one temporary cluster a session, a database a test.

The cluster lives in a directory made with `tempfile.mkdtemp`, listens on 127.0.0.1 only (TCP on
a free port; its Unix socket sits inside that directory) and trusts every connection: it holds
nothing but test data and is removed at the end of the session. PostgreSQL refuses to run as
root, so when the tests run as root the directory is handed to the `postgres` system user (made
with `useradd --system` if the machine has none) and `initdb`/`pg_ctl` run via `runuser`.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import pytest

BINARIES = ("initdb", "pg_ctl", "postgres")
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
NOT_FOUND = "PostgreSQL binaries (initdb, pg_ctl) not found; install Debian's postgresql package"
SUPERUSER = "postgres"
OS_USER = "postgres"
# Speed over durability: a crash loses a cluster that is deleted anyway.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",  # no fsync of data or WAL files
    "synchronous_commit": "off",  # COMMIT returns before its WAL is flushed
    "full_page_writes": "off",  # no torn-page protection needed without crash recovery
    "max_connections": "50",  # fewer backends, less shared memory to reserve
}


class PostgresStartError(RuntimeError):
    """The test cluster could not be created or started; the message ends with its log."""


def find_pg_bin() -> Path | None:
    """Directory holding initdb, pg_ctl and postgres: PATH first, then Debian's newest."""
    candidates: list[Path] = []
    found = shutil.which("initdb")
    if found:
        candidates += [Path(found).parent, Path(found).resolve().parent]
    debian = [Path(d) for d in glob.glob(DEBIAN_BIN_GLOB)]
    debian.sort(key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)], reverse=True)
    candidates += debian
    for directory in candidates:
        if all(os.access(directory / name, os.X_OK) for name in BINARIES):
            return directory
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_user() -> pwd.struct_passwd | None:
    """The OS user to run the server as when we are root (created if missing), else None."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(OS_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", OS_USER], check=True)
        return pwd.getpwnam(OS_USER)


class PostgresCluster:
    """A PostgreSQL cluster in a temporary directory; start() it, or use it as a context manager."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        self.bin_dir = bin_dir or find_pg_bin()
        if self.bin_dir is None:
            raise PostgresStartError(NOT_FOUND)
        self.base_dir: Path | None = None
        self.port = 0
        self.user: pwd.struct_passwd | None = None  # whom the server runs as, None: as us

    @property
    def data_dir(self) -> Path:
        assert self.base_dir is not None, "cluster not started"
        return self.base_dir / "data"

    @property
    def log_path(self) -> Path:
        assert self.base_dir is not None, "cluster not started"
        return self.base_dir / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL of a database in this cluster."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{quote(dbname, safe='')}"

    def start(self) -> None:
        """Create the cluster with initdb and start it; clean up and raise on failure."""
        self.user = user = _server_user()
        self.base_dir = base = Path(tempfile.mkdtemp(prefix="pg-harness-"))
        try:
            if user is not None:
                _check_reachable(base.parent, user)
                os.chown(base, user.pw_uid, user.pw_gid)
            data = str(self.data_dir)
            initdb = ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C"]
            self._run("initdb", *initdb, "--no-sync")  # no fsync: the cluster is thrown away
            for _attempt in range(3):  # the free port may be taken before the server binds it
                self.port = _free_port()
                settings = {
                    **SETTINGS,
                    "port": str(self.port),
                    "unix_socket_directories": f"'{base}'",
                }
                self.log_path.unlink(missing_ok=True)  # judge only this attempt's log
                with (self.data_dir / "postgresql.conf").open("a") as conf:  # the last value wins
                    conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
                try:
                    self._run(
                        "pg_ctl", "-D", data, "-l", str(self.log_path), "-w", "-t", "30", "start"
                    )
                    return
                except PostgresStartError:
                    if "could not bind" not in self.log_tail():
                        raise
            raise PostgresStartError(f"no free port found\n{self.log_tail()}")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove the directory; safe to call twice."""
        if self.base_dir is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            for mode in ("fast", "immediate"):  # immediate only if fast did not stop it
                stop = self._command("pg_ctl", "-D", str(self.data_dir), "-m", mode, "stop")
                done = subprocess.run(stop, check=False, capture_output=True, cwd=self.base_dir)
                if done.returncode == 0:
                    break
        shutil.rmtree(self.base_dir, ignore_errors=True)
        self.base_dir = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        self._admin("CREATE DATABASE {}", name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, terminating its open connections first (FORCE, PostgreSQL 13+)."""
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)

    @contextmanager
    def temporary_database(self, name: str) -> Iterator[str]:
        """Yield the URL of a new database that is dropped afterwards."""
        url = self.create_database(name)
        try:
            yield url
        finally:
            self.drop_database(name)

    def __enter__(self) -> PostgresCluster:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _admin(self, template: str, name: str) -> None:
        """Run one statement on a database name (quoted) in the maintenance database."""
        import psycopg  # noqa: PLC0415  (only tests that use PostgreSQL need psycopg)
        from psycopg import sql  # noqa: PLC0415

        statement = sql.SQL(template).format(sql.Identifier(name))
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(statement)

    def _command(self, tool: str, *args: str) -> list[str]:
        assert self.bin_dir is not None
        command = [str(self.bin_dir / tool), *args]
        return (
            command if self.user is None else ["runuser", "-u", self.user.pw_name, "--", *command]
        )

    def _run(self, tool: str, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}  # no PGDATA, PGPORT
        done = subprocess.run(
            self._command(tool, *args),
            capture_output=True,
            text=True,
            env=env,
            cwd=self.base_dir,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise PostgresStartError(
                f"{tool} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
                f"\n--- server log tail ---\n{self.log_tail()}"
            )


def _check_reachable(parent: Path, user: pwd.struct_passwd) -> None:
    """The server user must be able to traverse every directory above its own."""
    for directory in (parent, *parent.parents):
        st = directory.stat()
        if not (st.st_mode & stat.S_IXOTH or st.st_uid == user.pw_uid):
            raise PostgresStartError(
                f"{directory} is not searchable by user {user.pw_name}; "
                "point TMPDIR at a world-searchable directory such as the system temp dir"
            )


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A running PostgreSQL server for the whole session; skipped only without binaries."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip(NOT_FOUND)
    with PostgresCluster(bin_dir) as cluster:
        yield cluster


@pytest.fixture
def postgres_url(
    postgres_cluster: PostgresCluster, request: pytest.FixtureRequest
) -> Iterator[str]:
    """URL of a fresh, uniquely named database, dropped after the test."""
    stem = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40]
    with postgres_cluster.temporary_database(f"t_{stem}_{secrets.token_hex(4)}") as url:
        yield url

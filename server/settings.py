"""Settings of the stamp server: home directory, database URL, public base URL.

``STAMP_SERVER_HOME`` (default: the platform's user data directory for "stamp-server") holds the
embedded SQLite database and the card-signing key. ``STAMP_SERVER_DATABASE_URL`` replaces the
embedded database (e.g. ``postgresql+psycopg://user@host/db``); ``STAMP_SERVER_PUBLIC_URL`` is
the base of card URLs. Command-line options win over the environment, and the environment over
a configuration file (``server.config_file``, read into these variables by the command line).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "stamp-server"
HOME_ENV = "STAMP_SERVER_HOME"
DATABASE_URL_ENV = "STAMP_SERVER_DATABASE_URL"
PUBLIC_URL_ENV = "STAMP_SERVER_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080"
DATABASE_FILE = "stamp-server.sqlite3"
SIGNING_KEY_FILE = "card-signing-key.pem"


def home_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$STAMP_SERVER_HOME`` or the platform's user data directory."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


@dataclass(frozen=True, slots=True)
class Settings:
    """What a server process needs to know; ``embedded_database`` is the default SQLite file."""

    home: Path
    database_url: str
    public_url: str = DEFAULT_PUBLIC_URL
    embedded_database: bool = False

    @property
    def signing_key_path(self) -> Path:
        return self.home / SIGNING_KEY_FILE

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        database_url: str | None = None,
        public_url: str | None = None,
    ) -> Settings:
        """Settings from the environment, with explicit values (command-line options) first."""
        env = os.environ if environ is None else environ
        home = home_dir(env)
        url = database_url or env.get(DATABASE_URL_ENV) or ""
        embedded = not url
        if embedded:
            url = sqlite_url(home / DATABASE_FILE)
        base = public_url or env.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL
        return cls(
            home=home,
            database_url=url,
            public_url=base.rstrip("/"),
            embedded_database=embedded,
        )

    def to_env(self) -> dict[str, str]:
        """Environment variables that give another process (a uvicorn worker) these settings."""
        env = {HOME_ENV: str(self.home), PUBLIC_URL_ENV: self.public_url}
        if not self.embedded_database:
            env[DATABASE_URL_ENV] = self.database_url
        return env

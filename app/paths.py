"""Where the terminal keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "stamp-terminal"
HOME_ENV = "STAMP_TERMINAL_HOME"
CONFIG_ENV = "STAMP_TERMINAL_CONFIG"
DATABASE_NAME = "terminal.sqlite3"


def data_dir(environ: dict[str, str] | None = None) -> Path:
    """The data directory: ``$STAMP_TERMINAL_HOME`` or the platform's user data directory."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file(environ: dict[str, str] | None = None) -> Path:
    """The configuration file.

    ``$STAMP_TERMINAL_CONFIG`` names it directly; with ``$STAMP_TERMINAL_HOME`` set it is
    ``config.toml`` in that directory (so one variable moves a whole terminal); otherwise it is
    ``config.toml`` in the platform's user configuration directory.
    """
    env = os.environ if environ is None else environ
    explicit = env.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    home = env.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "config.toml"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def database_file(environ: dict[str, str] | None = None) -> Path:
    """The outbox database inside the data directory."""
    return data_dir(environ) / DATABASE_NAME

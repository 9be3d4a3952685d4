"""``stamp-terminal config set KEY VALUE``: store one setting in the configuration file.

The value is checked as the terminal would read it, then written into the TOML file with the
other keys kept. The manager PIN is stored as its salted hash, never as the digits; secrets are
never printed back.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from app import paths
from app.config import KEYS, load_config, read_file, write_config
from app.errors import ConfigError
from app.manager_pin import hash_pin, pin_problem

MANAGER_PIN = "manager_pin"


def add_config_actions(config_parser: argparse.ArgumentParser) -> None:
    """``config set KEY VALUE`` under the ``config`` command (which alone shows the settings)."""
    actions = config_parser.add_subparsers(dest="config_action", metavar="ACTION")
    setter = actions.add_parser(
        "set", help="store one setting in the configuration file (the manager PIN as a hash)"
    )
    setter.add_argument("key", metavar="KEY", help="a configuration key, e.g. manager_pin")
    setter.add_argument("value", metavar="VALUE")


def config_path(home: Path | None, config: Path | None) -> Path:
    """The configuration file the other commands read, with ``--home`` and ``--config``."""
    environ = dict(os.environ)
    if home is not None:
        environ[paths.HOME_ENV] = str(home)
    if config is not None:
        environ[paths.CONFIG_ENV] = str(config)
    return paths.config_file(environ)


def stored_value(key: str, raw: str, path: Path) -> object:
    """The value to write for ``key``: checked like the file's own values; a PIN is hashed."""
    if key == MANAGER_PIN:
        problem = pin_problem(raw.strip())
        if problem is not None:
            raise ConfigError(f"configuration key '{MANAGER_PIN}': {problem}")
        return hash_pin(raw.strip())
    return getattr(load_config(path, {}, {key: raw}), key)


def set_value(path: Path, key: str, raw: str) -> str:
    """Write ``key`` into the file at ``path``; the line to print (secrets as ``(set)``)."""
    value = stored_value(key, raw, path)
    values = read_file(path)
    values[key] = value
    write_config(path, values)
    shown = "(set)" if KEYS[key].metadata["secret"] else repr(value)
    note = " as a salted hash" if key == MANAGER_PIN else ""
    return f"{key} = {shown} — stored{note} in {path}"


def run_config_set(home: Path | None, config: Path | None, key: str, raw: str) -> int:
    """The ``config set`` command; exit code 0 (errors raise :class:`ConfigError`)."""
    print(set_value(config_path(home, config), key, raw))
    return 0

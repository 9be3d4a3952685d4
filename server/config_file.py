"""The server's configuration file: TOML, read into the ``STAMP_SERVER_*`` variables it sets.

``stamp-server --config FILE`` (or ``STAMP_SERVER_CONFIG=FILE``) names it. Each key sets the
environment variable ``STAMP_SERVER_<KEY>`` (``database_url`` is ``STAMP_SERVER_DATABASE_URL``),
so the three layers combine simply: the file gives values, the environment overrides the file,
command-line options override both. Example (``packaging/stamp-server.toml``)::

    database_url = "postgresql+psycopg://stamp@db.example/stamp"
    public_url = "https://stamps.example"
    host = "0.0.0.0"
    port = 8080

Error messages name the file and the key, never a value (a database URL may hold a password).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

CONFIG_ENV = "STAMP_SERVER_CONFIG"
ENV_PREFIX = "STAMP_SERVER_"

KEYS: dict[str, tuple[type, ...]] = {
    "home": (str,),
    "database_url": (str,),
    "public_url": (str,),
    "host": (str,),
    "port": (int,),
    "workers": (int,),
    "log_format": (str,),
    "graceful_timeout": (int,),
}
"""Every key a configuration file may hold, with the TOML types it may have."""


class ConfigFileError(ValueError):
    """The configuration file cannot be read or holds something it may not."""


def env_name(key: str) -> str:
    """The environment variable a configuration key sets: ``port`` -> ``STAMP_SERVER_PORT``."""
    return ENV_PREFIX + key.upper()


def read_config_file(path: Path) -> dict[str, str]:
    """The environment variables ``path`` sets, as text; ``ConfigFileError`` if it is wrong."""
    try:
        with path.expanduser().open("rb") as stream:
            data = tomllib.load(stream)
    except OSError as exc:
        raise ConfigFileError(
            f"the configuration file {path} cannot be read ({exc.strerror or exc})"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"the configuration file {path} is not valid TOML: {exc}") from None
    found: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise ConfigFileError(
                f"the configuration file {path} has an unknown key {key!r} (known: {known})"
            )
        kinds = KEYS[key]
        if isinstance(value, bool) or not isinstance(value, kinds):
            kind = "an integer" if int in kinds else "a string"
            raise ConfigFileError(f"in the configuration file {path}, {key} must be {kind}")
        found[env_name(key)] = str(value)
    return found


def configured_environment(
    config: str | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment with the configuration file's values under it (the environment wins).

    ``config`` (the ``--config`` option) or else ``$STAMP_SERVER_CONFIG`` names the file; with
    neither, the environment as it is.
    """
    env = dict(os.environ if environ is None else environ)
    path = config or env.get(CONFIG_ENV)
    if not path:
        return env
    return {**read_config_file(Path(path)), **env}

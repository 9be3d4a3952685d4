"""Terminal configuration: one TOML file, overridden by environment variables, then by flags.

Every key can be set in the file (``key = value``), by ``STAMP_TERMINAL_<KEY>`` in the
environment and by ``--<key-with-dashes> VALUE`` on the command line; the later source wins.
Unknown keys and bad values raise one :class:`~app.errors.ConfigError` naming the key and the
source it came from.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import json
import os
import stat
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from app.errors import ConfigError
from app.policy.rules import PolicySettings

ENV_PREFIX = "STAMP_TERMINAL_"


def _key(help_text: str, *, choices: tuple[str, ...] = (), secret: bool = False) -> Any:
    return {"help": help_text, "choices": choices, "secret": secret}


@dataclass(frozen=True, slots=True)
class Config:
    """All settings of one terminal; ``repr`` never shows secrets."""

    server_url: str = field(default="", metadata=_key("Base URL of the stamp server."))
    api_key: str = field(
        default="", repr=False, metadata=_key("The merchant's API key.", secret=True)
    )
    terminal_token: str = field(
        default="", repr=False, metadata=_key("This terminal's bearer token.", secret=True)
    )
    app_id: str = field(
        default="", metadata=_key("The merchant's app id, for registering members.")
    )
    app_secret: str = field(
        default="",
        repr=False,
        metadata=_key("The app's secret that signs member registrations.", secret=True),
    )
    stamp_value: str = field(
        default="", metadata=_key("Stamp code sent with STAMP events when the card's is unknown.")
    )
    card_public_key: str = field(
        default="", metadata=_key("Public key (base64url) that verifies signed card codes.")
    )
    require_signed_codes: bool = field(
        default=False, metadata=_key("Refuse card codes without a valid signature.")
    )
    debounce_seconds: float = field(
        default=3.0, metadata=_key("The same card again within this time gives no new event.")
    )
    max_stamps_per_visit: int = field(
        default=10, metadata=_key("Most stamps the cashier may give in one purchase.")
    )
    cooldown_seconds: float = field(
        default=0.0, metadata=_key("Least time between two visits of one card (0: off).")
    )
    max_stamps_per_day: int = field(
        default=0, metadata=_key("Most stamps per card per day (0: off).")
    )
    limit_action: Literal["refuse", "review"] = field(
        default="refuse",
        metadata=_key("What a broken limit does.", choices=("refuse", "review")),
    )
    offline_redemption: bool = field(
        default=False,
        metadata=_key("Allow one redemption per card while offline, until the next sync."),
    )
    sync_batch_size: int = field(default=100, metadata=_key("Events sent per request."))
    camera: str = field(default="camera:0", metadata=_key("Camera URI (camera:0, video:FILE)."))
    decoder: str = field(default="zxing", metadata=_key("QR decoder.", choices=("zxing", "pyzbar")))
    nfc_device: str = field(default="usb", metadata=_key("NFC reader URI (usb, udp:HOST:PORT)."))
    wedge_device: str = field(
        default="", metadata=_key("Barcode scanner's event device (wedge:/dev/input/...).")
    )
    language: str = field(
        default="en", metadata=_key("Display language.", choices=("en", "de", "ko", "zh"))
    )
    manager_pin: str = field(
        default="",
        repr=False,
        metadata=_key(
            "Hash of the manager PIN; set it with 'config set manager_pin DIGITS'.", secret=True
        ),
    )

    def policy(self) -> PolicySettings:
        """The scan policy these settings describe."""
        return PolicySettings(
            debounce_seconds=self.debounce_seconds,
            max_stamps_per_visit=self.max_stamps_per_visit,
            cooldown_seconds=self.cooldown_seconds,
            max_stamps_per_day=self.max_stamps_per_day,
            limit_action=self.limit_action,
            offline_redemption=self.offline_redemption,
            require_signed_codes=self.require_signed_codes,
        )

    def public_view(self) -> dict[str, Any]:
        """Every setting, with secrets shown only as set or not set."""
        view: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            view[f.name] = ("(set)" if value else "(not set)") if f.metadata["secret"] else value
        return view


KEYS: dict[str, dataclasses.Field[Any]] = {f.name: f for f in fields(Config)}


def env_name(key: str) -> str:
    """The environment variable that overrides ``key``."""
    return ENV_PREFIX + key.upper()


def _to_int(raw: object) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise TypeError
    value = int(raw)
    if value < 0:
        raise ValueError
    return value


def _to_float(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise TypeError
    value = float(raw)
    if not 0 <= value < float("inf"):
        raise ValueError
    return value


def _to_text(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError
    return raw.strip()


def _convert(key: str, raw: object, origin: str) -> object:
    f = KEYS[key]
    kind = "str" if str(f.type).startswith("Literal") else str(f.type)
    convert, expected = _CONVERTERS[kind]
    where = f"configuration key '{key}' ({origin})"
    try:
        value = convert(raw)
    except (ValueError, TypeError):
        raise ConfigError(f"{where}: expected {expected}, got {raw!r}") from None
    choices: tuple[str, ...] = f.metadata["choices"]
    if choices and value not in choices:
        raise ConfigError(f"{where}: must be one of {', '.join(choices)}, got {raw!r}")
    return value


def convert_value(key: str, raw: object, origin: str) -> object:
    """``raw`` for ``key`` checked and converted exactly as :func:`load_config` does it.

    ``origin`` says where the value came from, for the :class:`ConfigError` naming the key.
    """
    if key not in KEYS:
        raise _unknown(key, origin)
    return _convert(key, raw, origin)


def _to_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
    raise ValueError


_CONVERTERS: dict[str, tuple[Callable[[object], object], str]] = {
    "bool": (_to_bool, "true or false"),
    "int": (_to_int, "a whole number of 0 or more"),
    "float": (_to_float, "a number of 0 or more"),
    "str": (_to_text, "text"),
}


def _unknown(key: str, origin: str) -> ConfigError:
    close = difflib.get_close_matches(key, KEYS, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return ConfigError(f"unknown configuration key '{key}' ({origin}).{hint}")


def read_file(path: Path) -> dict[str, object]:
    """The raw keys of a TOML configuration file; a missing file is an empty configuration."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file {path}: {exc.strerror}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from None


def load_config(
    path: Path,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, object] | None = None,
) -> Config:
    """Read ``path``, then the environment, then ``overrides`` (from flags), validated."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for key, raw in read_file(path).items():
        if key not in KEYS:
            raise _unknown(key, f"in {path}")
        values[key] = _convert(key, raw, f"in {path}")
    for key in KEYS:
        name = env_name(key)
        if name in env:
            values[key] = _convert(key, env[name], f"from {name}")
    for key, raw in (overrides or {}).items():
        if key not in KEYS:
            raise _unknown(key, "from the command line")
        values[key] = _convert(key, raw, f"from --{key.replace('_', '-')}")
    config = Config(**values)  # type: ignore[arg-type]
    try:
        config.policy()
    except ValueError as exc:
        raise ConfigError(f"configuration: {exc}") from None
    return config


def write_config(path: Path, values: Mapping[str, object]) -> None:
    """Write ``values`` as a TOML file (only simple scalars), replacing it atomically.

    The text goes to a new file beside ``path`` (only its owner may read it, as it holds
    secrets; a file that is replaced keeps its permissions), is flushed to the disk and then
    takes the old file's place in one rename: after a crash there is the old file or the new
    one, never a part of one.
    """
    for key in values:
        if key not in KEYS:
            raise _unknown(key, "to write")
    text = "".join(f"{key} = {_toml_value(value)}\n" for key, value in values.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(out.fileno(), stat.S_IMODE(path.stat().st_mode))
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(path.parent)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    # A JSON string is a TOML basic string, once DEL (which TOML wants escaped) is escaped.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def _sync_directory(directory: Path) -> None:
    """Make the rename itself survive a power cut (where the system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)

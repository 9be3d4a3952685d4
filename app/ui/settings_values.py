"""What the settings screen shows and saves, without Qt: the fields, their checks, the saving.

Each shown key has a :class:`SettingSpec` (its section, label, kind and range). A typed value
is checked with the conversion :func:`~app.config.load_config` uses (:func:`convert_setting`),
so the screen can never save what loading would refuse; :func:`plan_changes` keeps only the
keys whose value really changed (a secret that was not touched is never written), and
:func:`save_changes` merges them into the file, keeping every key the screen does not show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx

from app.config import KEYS, Config, convert_value, env_name, load_config, read_file, write_config
from app.errors import ConfigError

Kind = Literal["text", "secret", "number", "flag", "choice", "device"]
Option = tuple[object, str]

SECTIONS: tuple[tuple[str, str], ...] = (
    ("server", "Server"),
    ("devices", "Devices"),
    ("policies", "Policies"),
    ("language", "Language"),
)
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "ko": "한국어", "zh": "中文"}
RESTART_SECTIONS = frozenset({"server", "devices"})
ORIGIN = "in the settings screen"
URL_PROBLEM = (
    "Server address: type the whole address with http:// or https://, "
    "e.g. https://stamps.example.com."
)
NOT_SAVED = "Nothing was saved."


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One key as the settings screen shows it."""

    key: str
    section: str
    label: str
    kind: Kind
    hint: str = ""
    options: tuple[Option, ...] = ()
    minimum: float = 0
    maximum: float = 0
    example: str = ""

    @property
    def secret(self) -> bool:
        return bool(KEYS[self.key].metadata["secret"])

    @property
    def whole(self) -> bool:
        """A number without a fraction (the key is an ``int``)."""
        return str(KEYS[self.key].type) == "int"

    @property
    def needs_restart(self) -> bool:
        """Saved at once, but used only when the kiosk is started again."""
        return self.section in RESTART_SECTIONS

    def problem(self) -> str:
        """What to type instead of a value this field cannot take."""
        if self.kind == "number":
            what = "a whole number" if self.whole else "a number of seconds"
            return (
                f"{self.label}: type {what} from {format_number(self.minimum)} to "
                f"{format_number(self.maximum)}, e.g. {self.example}."
            )
        if self.key == "server_url":
            return URL_PROBLEM
        return f"{self.label}: choose one of the values offered."


def _hint(key: str) -> str:
    return str(KEYS[key].metadata["help"])


def _choices(key: str, names: Mapping[str, str]) -> tuple[Option, ...]:
    return tuple((code, names.get(code, code)) for code in KEYS[key].metadata["choices"])


ON_OFF: tuple[Option, ...] = ((True, "On"), (False, "Off"))

SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "server_url", "server", "Server address", "text", "e.g. https://stamps.example.com"
    ),
    SettingSpec("api_key", "server", "API key", "secret", _hint("api_key")),
    SettingSpec("terminal_token", "server", "Terminal token", "secret", _hint("terminal_token")),
    SettingSpec("app_id", "server", "App id", "text", _hint("app_id")),
    SettingSpec("app_secret", "server", "App secret", "secret", _hint("app_secret")),
    SettingSpec(
        "camera", "devices", "Camera", "device", "camera:0, camera:/dev/v4l/by-id/…, video:FILE"
    ),
    SettingSpec(
        "nfc_device", "devices", "NFC reader", "device", "usb, usb:VID:PID, tty:USB0:pn532"
    ),
    SettingSpec("wedge_device", "devices", "Barcode scanner", "device", "wedge:/dev/input/by-id/…"),
    SettingSpec(
        "debounce_seconds",
        "policies",
        "Same card again within (seconds)",
        "number",
        _hint("debounce_seconds"),
        maximum=3600,
        example="3",
    ),
    SettingSpec(
        "max_stamps_per_visit",
        "policies",
        "Most stamps per purchase",
        "number",
        _hint("max_stamps_per_visit"),
        minimum=1,
        maximum=1000,
        example="10",
    ),
    SettingSpec(
        "cooldown_seconds",
        "policies",
        "Least time between visits (seconds)",
        "number",
        _hint("cooldown_seconds"),
        maximum=7 * 86400,
        example="0 (off) or 600",
    ),
    SettingSpec(
        "max_stamps_per_day",
        "policies",
        "Most stamps per card and day",
        "number",
        _hint("max_stamps_per_day"),
        maximum=1000,
        example="0 (off) or 5",
    ),
    SettingSpec(
        "limit_action",
        "policies",
        "When a visit breaks a limit",
        "choice",
        "Review keeps the stamps, held until a manager releases them on the Events screen.",
        _choices("limit_action", {"refuse": "Refuse it", "review": "Hold for review"}),
    ),
    SettingSpec(
        "offline_redemption",
        "policies",
        "Rewards while offline",
        "flag",
        _hint("offline_redemption"),
        ON_OFF,
    ),
    SettingSpec(
        "require_signed_codes",
        "policies",
        "Signed card codes only",
        "flag",
        _hint("require_signed_codes"),
        ON_OFF,
    ),
    SettingSpec(
        "language", "language", "Language", "choice", "", _choices("language", LANGUAGE_NAMES)
    ),
)
SPEC = {spec.key: spec for spec in SPECS}


class BadSetting(ValueError):
    """A value a field cannot take; the message says what to type instead."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def format_number(value: float) -> str:
    """A number as a person types it: ``3`` rather than ``3.0``, every digit kept."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def shown_value(spec: SettingSpec, value: object) -> object:
    """What a field shows for a stored value: numbers as text, everything else as it is."""
    if spec.kind == "number" and isinstance(value, int | float):
        return format_number(value)
    return value


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a server address, or None (an empty one means no server)."""
    if not url:
        return None
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return URL_PROBLEM
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return URL_PROBLEM
    return None


def convert_setting(spec: SettingSpec, raw: object) -> object:
    """``raw`` from a field, converted as loading the file converts it; BadSetting if it cannot
    be one (or lies outside the field's range)."""
    if spec.kind == "number" and isinstance(raw, str) and not spec.whole:
        raw = raw.strip().replace(",", ".")
    try:
        value = convert_value(spec.key, raw, ORIGIN)
    except ConfigError:
        raise BadSetting(spec.key, spec.problem()) from None
    if spec.kind == "number":
        assert isinstance(value, int | float)
        if not spec.minimum <= value <= spec.maximum:
            raise BadSetting(spec.key, spec.problem())
    if spec.key == "server_url":
        problem = url_problem(str(value))
        if problem is not None:
            raise BadSetting(spec.key, problem)
    return value


@dataclass(frozen=True, slots=True)
class Plan:
    """The changed keys with their new values, or the problems that stop the saving."""

    changes: dict[str, object] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def plan_changes(
    current: Config, edited: Mapping[str, object], locked: Collection[str] = ()
) -> Plan:
    """Compare the fields with ``current``: only keys whose value changed are saved; a key
    ``locked`` (set by the environment) is never saved from the screen."""
    changes: dict[str, object] = {}
    problems: dict[str, str] = {}
    for key, raw in edited.items():
        if key in locked:
            continue
        try:
            value = convert_setting(SPEC[key], raw)
        except BadSetting as bad:
            problems[key] = bad.message
            continue
        if value != getattr(current, key):
            changes[key] = value
    if problems:
        return Plan({}, problems)
    try:
        with_changes(current, changes).policy()
    except ValueError as exc:
        return Plan({}, {"": f"These policies do not fit together: {exc}"})
    return Plan(changes)


def with_changes(config: Config, changes: Mapping[str, object]) -> Config:
    """``config`` with ``changes``, values converted by :func:`convert_setting`."""
    return dataclasses.replace(config, **changes)  # type: ignore[arg-type]


def locked_keys(environ: Mapping[str, str]) -> dict[str, str]:
    """The keys set by ``STAMP_TERMINAL_<KEY>`` variables, with the variable's name."""
    return {key: env_name(key) for key in KEYS if env_name(key) in environ}


def locked_note(variable: str) -> str:
    return (
        f"Set by {variable} on this computer, which overrides the settings file — change it there."
    )


def save_changes(path: Path, changes: Mapping[str, object]) -> None:
    """Write ``changes`` into the file at ``path``, keeping its other keys, atomically.

    The merged file is checked as the terminal would load it before anything is written;
    ConfigError or OSError leave the file as it was.
    """
    values = read_file(path)
    values.update(changes)
    load_config(path, {}, values)
    write_config(path, values)


def save_problem(error: BaseException, path: Path) -> str:
    """The message for a failed save."""
    if isinstance(error, ConfigError):
        return (
            f"Not saved: the settings file has a problem ({error}). Correct the file, or ask "
            "whoever set up the terminal. Nothing was changed."
        )
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        return (
            f"Not saved: the settings file {path} cannot be written ({reason}). Check that the "
            "disk is not full and that the kiosk may write there. Nothing was changed."
        )
    return "Not saved: something went wrong. Try again; if it keeps happening, restart the kiosk."


def saved_text(changes: Mapping[str, object], language_installed: bool = True) -> tuple[str, str]:
    """What to say after saving ``changes`` (its tone ``ok`` or ``warn``): what works now and
    what after a restart."""
    if not changes:
        return "Nothing to save — no setting was changed.", "ok"
    parts = ["Saved."]
    tone = "ok"
    if any(SPEC[key].section == "policies" for key in changes):
        parts.append("The policies apply from the next scan.")
    if "language" in changes:
        name = LANGUAGE_NAMES.get(str(changes["language"]), str(changes["language"]))
        if language_installed:
            parts.append(f"The language is now {name}.")
        else:
            parts.append(
                f"{name} is not installed on this terminal yet, so the screens stay in English."
            )
            tone = "warn"
    later = [SPEC[key].label for key in changes if SPEC[key].needs_restart]
    if later:
        parts.append(
            f"Restart the kiosk to use the new {_listed(later)} (leave it with Ctrl+Shift+Q "
            "and the manager PIN, then start it again)."
        )
    return " ".join(parts), tone


def _listed(labels: list[str]) -> str:
    words = [label[0].lower() + label[1:] if label[1:2].islower() else label for label in labels]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"

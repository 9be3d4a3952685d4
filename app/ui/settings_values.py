"""What the settings screen shows and saves: the fields, their checks, the saving.

Each shown key has a :class:`SettingSpec` (its section, label, kind and range). A typed value
is checked with the conversion :func:`~app.config.load_config` uses (:func:`convert_setting`),
so the screen can never save what loading would refuse; :func:`plan_changes` keeps only the
keys whose value really changed (a secret that was not touched is never written), and
:func:`save_changes` merges them into the file, keeping every key the screen does not show.

No widgets here; the words are Qt translations (``Settings`` context). Labels, hints and
problems are :data:`~app.ui.i18n.Words`, rendered each time they are shown, so the screen
follows a language change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx
from PySide6.QtCore import QCoreApplication

from app.config import KEYS, Config, convert_value, env_name, load_config, read_file, write_config
from app.errors import ConfigError
from app.ui.i18n import Words, as_is

Kind = Literal["text", "secret", "number", "flag", "choice", "device"]
Option = tuple[object, Words]

SECTIONS: tuple[tuple[str, Words], ...] = (
    ("server", lambda: QCoreApplication.translate("Settings", "Server")),
    ("devices", lambda: QCoreApplication.translate("Settings", "Devices")),
    ("policies", lambda: QCoreApplication.translate("Settings", "Policies")),
    ("language", lambda: QCoreApplication.translate("Settings", "Language")),
)
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "ko": "한국어", "zh": "中文"}
"""Each language by its own name: never translated."""
RESTART_SECTIONS = frozenset({"server", "devices"})
ORIGIN = "in the settings screen"
NO_WORDS = as_is("")


def url_problem_text() -> str:
    return QCoreApplication.translate(
        "Settings",
        "Server address: type the whole address with http:// or https://, "
        "e.g. https://stamps.example.com.",
    )


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One key as the settings screen shows it; its words are rendered when read."""

    key: str
    section: str
    label_words: Words
    kind: Kind
    hint_words: Words = NO_WORDS
    options: tuple[Option, ...] = ()
    minimum: float = 0
    maximum: float = 0
    example_words: Words = NO_WORDS
    noun_words: Words | None = None
    """The label inside a sentence ("the new server address"), when it differs."""

    @property
    def label(self) -> str:
        return self.label_words()

    @property
    def hint(self) -> str:
        return self.hint_words()

    @property
    def noun(self) -> str:
        return (self.noun_words or self.label_words)()

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
            if self.whole:
                text = QCoreApplication.translate(
                    "Settings",
                    "{label}: type a whole number from {minimum} to {maximum}, e.g. {example}.",
                )
            else:
                text = QCoreApplication.translate(
                    "Settings",
                    "{label}: type a number of seconds from {minimum} to {maximum}, "
                    "e.g. {example}.",
                )
            return text.format(
                label=self.label,
                minimum=format_number(self.minimum),
                maximum=format_number(self.maximum),
                example=self.example_words(),
            )
        if self.key == "server_url":
            return url_problem_text()
        return QCoreApplication.translate(
            "Settings", "{label}: choose one of the values offered."
        ).format(label=self.label)


def _choices(key: str, names: Mapping[str, Words]) -> tuple[Option, ...]:
    return tuple((code, names.get(code, as_is(code))) for code in KEYS[key].metadata["choices"])


ON_OFF: tuple[Option, ...] = (
    (True, lambda: QCoreApplication.translate("Settings", "On")),
    (False, lambda: QCoreApplication.translate("Settings", "Off")),
)

SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "server_url",
        "server",
        lambda: QCoreApplication.translate("Settings", "Server address"),
        "text",
        lambda: QCoreApplication.translate("Settings", "e.g. https://stamps.example.com"),
        noun_words=lambda: QCoreApplication.translate("Settings", "server address"),
    ),
    SettingSpec(
        "api_key",
        "server",
        lambda: QCoreApplication.translate("Settings", "API key"),
        "secret",
        lambda: QCoreApplication.translate("Settings", "The merchant's API key."),
    ),
    SettingSpec(
        "terminal_token",
        "server",
        lambda: QCoreApplication.translate("Settings", "Terminal token"),
        "secret",
        lambda: QCoreApplication.translate("Settings", "This terminal's bearer token."),
        noun_words=lambda: QCoreApplication.translate("Settings", "terminal token"),
    ),
    SettingSpec(
        "app_id",
        "server",
        lambda: QCoreApplication.translate("Settings", "App id"),
        "text",
        lambda: QCoreApplication.translate(
            "Settings", "The merchant's app id, for registering members."
        ),
        noun_words=lambda: QCoreApplication.translate("Settings", "app id"),
    ),
    SettingSpec(
        "app_secret",
        "server",
        lambda: QCoreApplication.translate("Settings", "App secret"),
        "secret",
        lambda: QCoreApplication.translate(
            "Settings", "The app's secret that signs member registrations."
        ),
        noun_words=lambda: QCoreApplication.translate("Settings", "app secret"),
    ),
    SettingSpec(
        "camera",
        "devices",
        lambda: QCoreApplication.translate("Settings", "Camera"),
        "device",
        as_is("camera:0, camera:/dev/v4l/by-id/…, video:FILE"),
        noun_words=lambda: QCoreApplication.translate("Settings", "camera"),
    ),
    SettingSpec(
        "nfc_device",
        "devices",
        lambda: QCoreApplication.translate("Settings", "NFC reader"),
        "device",
        as_is("usb, usb:VID:PID, tty:USB0:pn532"),
    ),
    SettingSpec(
        "wedge_device",
        "devices",
        lambda: QCoreApplication.translate("Settings", "Barcode scanner"),
        "device",
        as_is("wedge:/dev/input/by-id/…"),
        noun_words=lambda: QCoreApplication.translate("Settings", "barcode scanner"),
    ),
    SettingSpec(
        "debounce_seconds",
        "policies",
        lambda: QCoreApplication.translate("Settings", "Same card again within (seconds)"),
        "number",
        lambda: QCoreApplication.translate(
            "Settings", "The same card again within this time gives no new event."
        ),
        maximum=3600,
        example_words=as_is("3"),
    ),
    SettingSpec(
        "max_stamps_per_visit",
        "policies",
        lambda: QCoreApplication.translate("Settings", "Most stamps per purchase"),
        "number",
        lambda: QCoreApplication.translate(
            "Settings", "Most stamps the cashier may give in one purchase."
        ),
        minimum=1,
        maximum=1000,
        example_words=as_is("10"),
    ),
    SettingSpec(
        "cooldown_seconds",
        "policies",
        lambda: QCoreApplication.translate("Settings", "Least time between visits (seconds)"),
        "number",
        lambda: QCoreApplication.translate(
            "Settings", "Least time between two visits of one card (0: off)."
        ),
        maximum=7 * 86400,
        example_words=lambda: QCoreApplication.translate("Settings", "0 (off) or 600"),
    ),
    SettingSpec(
        "max_stamps_per_day",
        "policies",
        lambda: QCoreApplication.translate("Settings", "Most stamps per card and day"),
        "number",
        lambda: QCoreApplication.translate("Settings", "Most stamps per card per day (0: off)."),
        maximum=1000,
        example_words=lambda: QCoreApplication.translate("Settings", "0 (off) or 5"),
    ),
    SettingSpec(
        "limit_action",
        "policies",
        lambda: QCoreApplication.translate("Settings", "When a visit breaks a limit"),
        "choice",
        lambda: QCoreApplication.translate(
            "Settings",
            "Review keeps the stamps, held until a manager releases them on the Events screen.",
        ),
        _choices(
            "limit_action",
            {
                "refuse": lambda: QCoreApplication.translate("Settings", "Refuse it"),
                "review": lambda: QCoreApplication.translate("Settings", "Hold for review"),
            },
        ),
    ),
    SettingSpec(
        "offline_redemption",
        "policies",
        lambda: QCoreApplication.translate("Settings", "Rewards while offline"),
        "flag",
        lambda: QCoreApplication.translate(
            "Settings", "Allow one redemption per card while offline, until the next sync."
        ),
        ON_OFF,
    ),
    SettingSpec(
        "require_signed_codes",
        "policies",
        lambda: QCoreApplication.translate("Settings", "Signed card codes only"),
        "flag",
        lambda: QCoreApplication.translate(
            "Settings", "Refuse card codes without a valid signature."
        ),
        ON_OFF,
    ),
    SettingSpec(
        "language",
        "language",
        lambda: QCoreApplication.translate("Settings", "Language"),
        "choice",
        options=_choices("language", {c: as_is(n) for c, n in LANGUAGE_NAMES.items()}),
    ),
)
SPEC = {spec.key: spec for spec in SPECS}


class BadSetting(ValueError):
    """A value a field cannot take; the message says what to type instead (``words``: the
    message, rendered when it is shown)."""

    def __init__(self, key: str, words: Words) -> None:
        super().__init__(f"{key}: the value cannot be used")
        self.key = key
        self.words = words

    @property
    def message(self) -> str:
        return self.words()


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
        return url_problem_text()
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return url_problem_text()
    return None


def convert_setting(spec: SettingSpec, raw: object) -> object:
    """``raw`` from a field, converted as loading the file converts it; BadSetting if it cannot
    be one (or lies outside the field's range)."""
    if spec.kind == "number" and isinstance(raw, str) and not spec.whole:
        raw = raw.strip().replace(",", ".")
    try:
        value = convert_value(spec.key, raw, ORIGIN)
    except ConfigError:
        raise BadSetting(spec.key, spec.problem) from None
    if spec.kind == "number":
        assert isinstance(value, int | float)
        if not spec.minimum <= value <= spec.maximum:
            raise BadSetting(spec.key, spec.problem)
    if spec.key == "server_url" and url_problem(str(value)) is not None:
        raise BadSetting(spec.key, url_problem_text)
    return value


@dataclass(frozen=True, slots=True)
class Plan:
    """The changed keys with their new values, or the problems that stop the saving (by key;
    ``""`` for the policies as a whole)."""

    changes: dict[str, object] = field(default_factory=dict)
    problems: dict[str, Words] = field(default_factory=dict)


def plan_changes(
    current: Config, edited: Mapping[str, object], locked: Collection[str] = ()
) -> Plan:
    """Compare the fields with ``current``: only keys whose value changed are saved; a key
    ``locked`` (set by the environment) is never saved from the screen."""
    changes: dict[str, object] = {}
    problems: dict[str, Words] = {}
    for key, raw in edited.items():
        if key in locked:
            continue
        try:
            value = convert_setting(SPEC[key], raw)
        except BadSetting as bad:
            problems[key] = bad.words
            continue
        if value != getattr(current, key):
            changes[key] = value
    if problems:
        return Plan({}, problems)
    try:
        with_changes(current, changes).policy()
    except ValueError as exc:
        return Plan({}, {"": misfit_words(str(exc))})
    return Plan(changes)


def misfit_words(reason: str) -> Words:
    """Why the policies do not fit together (``reason``: the policy's own words)."""
    return lambda: QCoreApplication.translate(
        "Settings", "These policies do not fit together: {reason}"
    ).format(reason=reason)


def with_changes(config: Config, changes: Mapping[str, object]) -> Config:
    """``config`` with ``changes``, values converted by :func:`convert_setting`."""
    return dataclasses.replace(config, **changes)  # type: ignore[arg-type]


def locked_keys(environ: Mapping[str, str]) -> dict[str, str]:
    """The keys set by ``STAMP_TERMINAL_<KEY>`` variables, with the variable's name."""
    return {key: env_name(key) for key in KEYS if env_name(key) in environ}


def locked_note(variable: str) -> str:
    return QCoreApplication.translate(
        "Settings",
        "Set by {variable} on this computer, which overrides the settings file — change it there.",
    ).format(variable=variable)


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
        return QCoreApplication.translate(
            "Settings",
            "Not saved: the settings file has a problem ({error}). Correct the file, or ask "
            "whoever set up the terminal. Nothing was changed.",
        ).format(error=error)
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        return QCoreApplication.translate(
            "Settings",
            "Not saved: the settings file {path} cannot be written ({reason}). Check that the "
            "disk is not full and that the kiosk may write there. Nothing was changed.",
        ).format(path=path, reason=reason)
    return QCoreApplication.translate(
        "Settings",
        "Not saved: something went wrong. Try again; if it keeps happening, restart the kiosk.",
    )


def saved_text(changes: Mapping[str, object], language_installed: bool = True) -> tuple[str, str]:
    """What to say after saving ``changes`` (its tone ``ok`` or ``warn``): what works now and
    what after a restart."""
    if not changes:
        return QCoreApplication.translate(
            "Settings", "Nothing to save — no setting was changed."
        ), "ok"
    parts = [QCoreApplication.translate("Settings", "Saved.")]
    tone = "ok"
    if any(SPEC[key].section == "policies" for key in changes):
        parts.append(
            QCoreApplication.translate("Settings", "The policies apply from the next scan.")
        )
    if "language" in changes:
        name = LANGUAGE_NAMES.get(str(changes["language"]), str(changes["language"]))
        if language_installed:
            text = QCoreApplication.translate("Settings", "The language is now {language}.")
        else:
            text = QCoreApplication.translate(
                "Settings",
                "{language} is not installed on this terminal yet, so the screens stay in English.",
            )
            tone = "warn"
        parts.append(text.format(language=name))
    later = [SPEC[key].noun for key in changes if SPEC[key].needs_restart]
    if later:
        parts.append(
            QCoreApplication.translate(
                "Settings",
                "Restart the kiosk to use the new {settings} (leave it with Ctrl+Shift+Q and the "
                "manager PIN, then start it again).",
            ).format(settings=listed(later))
        )
    return " ".join(parts), tone


def listed(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) == 1:
        return words[0]
    return QCoreApplication.translate("Settings", "{first} and {last}").format(
        first=", ".join(words[:-1]), last=words[-1]
    )

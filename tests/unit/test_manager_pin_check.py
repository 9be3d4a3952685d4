"""The manager PIN: stored as a salted scrypt hash, checked with a lockout, set from the CLI."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from app.cli import run
from app.config import Config, load_config
from app.manager_pin import (
    LOCKOUT_SECONDS,
    MAX_WRONG,
    PinChecker,
    hash_pin,
    is_pin_hash,
    parse_hash,
    pin_problem,
    verify_pin,
)

STORED = hash_pin("2468")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_hash_is_salted_scrypt_in_text_form() -> None:
    scheme, salt_text, hash_text = STORED.split("$")
    assert scheme == "scrypt"
    salt = base64.b64decode(salt_text)
    expected = hashlib.scrypt(b"2468", salt=salt, n=2**14, r=8, p=1, dklen=32)
    assert base64.b64decode(hash_text) == expected
    assert "2468" not in STORED
    assert hash_pin("2468") != STORED  # a fresh salt every time
    assert is_pin_hash(STORED)


def test_verify_accepts_only_the_right_pin() -> None:
    assert verify_pin(STORED, "2468")
    assert not verify_pin(STORED, "2469")
    assert not verify_pin(STORED, "24680")
    assert not verify_pin(STORED, "")
    assert not verify_pin("2468", "2468")  # digits in the configuration are not a stored PIN


@pytest.mark.parametrize(
    "text",
    ["", "2468", "scrypt$abc", "bcrypt$AAAA$BBBB", "scrypt$!!!$AAAA", "scrypt$AAAAAAAAAAA=$QUJD"],
)
def test_text_that_is_not_a_stored_pin_is_recognised(text: str) -> None:
    assert parse_hash(text) is None
    assert not is_pin_hash(text)


@pytest.mark.parametrize(
    "pin", ["123", "123456789", "12a4", "\uff11\uff12\uff13\uff14", " 1234", ""]
)
def test_a_pin_must_be_four_to_eight_ascii_digits(pin: str) -> None:
    assert pin_problem(pin) == "The manager PIN must be 4 to 8 digits (0-9)."
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin(pin)


def test_no_pin_configured_refuses_with_how_to_set_one() -> None:
    checker = PinChecker("")
    assert not checker.configured
    refusal = checker.refusal()
    assert refusal is not None
    assert "No manager PIN is set" in refusal
    assert "stamp-terminal config set manager_pin" in refusal
    result = checker.check("1234")
    assert not result.granted
    assert result.message == refusal


def test_digits_in_the_configuration_are_refused_not_compared() -> None:
    checker = PinChecker("2468")
    refusal = checker.refusal()
    assert refusal is not None
    assert "not a stored PIN" in refusal
    assert "stamp-terminal config set manager_pin" in refusal
    assert not checker.check("2468").granted


def test_wrong_pins_say_how_many_tries_are_left() -> None:
    checker = PinChecker(STORED, clock=FakeClock())
    first = checker.check("1111")
    assert not first.granted
    assert first.message == (
        "Wrong PIN — nothing was changed. 4 more wrong tries lock the pad for 60 s."
    )
    for _ in range(2):
        checker.check("1111")
    assert checker.check("1111").message.endswith("1 more wrong try lock the pad for 60 s.")


def test_five_wrong_pins_in_a_row_lock_the_pad_for_a_minute() -> None:
    clock = FakeClock()
    checker = PinChecker(STORED, clock=clock)
    results = [checker.check("0000") for _ in range(MAX_WRONG)]
    assert not any(r.granted for r in results)
    assert results[-1].message.startswith("5 wrong PINs in a row — the PIN pad is locked for 60 s")
    assert checker.locked_seconds() == 60

    clock.now += 20.5
    locked = checker.check("2468")
    assert not locked.granted
    assert "locked for 40 s" in locked.message
    assert checker.refusal() == locked.message

    clock.now += LOCKOUT_SECONDS
    assert checker.refusal() is None
    assert checker.check("2468").granted


def test_a_right_pin_clears_the_wrong_ones_in_a_row() -> None:
    checker = PinChecker(STORED, clock=FakeClock())
    for _ in range(MAX_WRONG - 1):
        checker.check("0000")
    assert checker.check("2468").granted
    for _ in range(MAX_WRONG - 1):
        assert not checker.check("0000").granted
    assert checker.locked_seconds() == 0


def test_register_counts_a_result_computed_elsewhere() -> None:
    checker = PinChecker(STORED, clock=FakeClock())
    assert checker.matches("2468")
    assert not checker.matches("1357")
    assert checker.register(True).granted
    assert not checker.register(False).granted


def test_neither_the_pin_nor_its_hash_appear_in_reprs() -> None:
    checker = PinChecker(STORED)
    assert STORED not in repr(checker)
    assert repr(checker) == "PinChecker(set=True, locked=False)"
    config = Config(manager_pin=STORED)
    assert STORED not in repr(config)
    assert config.public_view()["manager_pin"] == "(set)"


def test_config_set_stores_the_hash_never_the_digits(
    isolated_terminal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["config", "set", "manager_pin", "73915"]) == 0
    out = capsys.readouterr().out
    assert "73915" not in out
    assert "manager_pin = (set)" in out
    config_file = isolated_terminal_home / "config.toml"
    text = config_file.read_text(encoding="utf-8")
    assert "73915" not in text
    stored = load_config(config_file, {}).manager_pin
    assert is_pin_hash(stored)
    assert verify_pin(stored, "73915")
    assert not verify_pin(stored, "73916")

    assert run(["config"]) == 0
    shown = capsys.readouterr().out
    assert "manager_pin = '(set)'" in shown
    assert stored not in shown


def test_config_set_keeps_the_other_keys_and_checks_values(
    isolated_terminal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["config", "set", "debounce_seconds", "5"]) == 0
    assert run(["config", "set", "manager_pin", "1234"]) == 0
    config = load_config(isolated_terminal_home / "config.toml", {})
    assert config.debounce_seconds == 5.0
    assert verify_pin(config.manager_pin, "1234")
    capsys.readouterr()

    assert run(["config", "set", "manager_pin", "12"]) == 2
    assert "must be 4 to 8 digits" in capsys.readouterr().err
    assert run(["config", "set", "debounce_seconds", "soon"]) == 2
    assert "expected a number" in capsys.readouterr().err
    assert run(["config", "set", "debounse_seconds", "5"]) == 2
    assert "Did you mean 'debounce_seconds'?" in capsys.readouterr().err
    after = load_config(isolated_terminal_home / "config.toml", {})
    assert after == config

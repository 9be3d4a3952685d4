"""Configuration: file, environment and flags, with one clear message per bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Config, env_name, load_config, write_config
from app.errors import ConfigError


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml", environ={})
    assert config == Config()
    assert config.debounce_seconds == 3.0
    assert config.max_stamps_per_visit == 10


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_config(path, {"debounce_seconds": 5, "server_url": "http://a", "max_stamps_per_day": 4})
    env = {env_name("debounce_seconds"): "7.5", env_name("offline_redemption"): "yes"}
    config = load_config(path, environ=env, overrides={"max_stamps_per_day": "9"})
    assert config.server_url == "http://a"
    assert config.debounce_seconds == 7.5
    assert config.offline_redemption is True
    assert config.max_stamps_per_day == 9


def test_unknown_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("debounce_secs = 2\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"unknown configuration key 'debounce_secs'.*debounce_seconds"
    ):
        load_config(path, environ={})


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("debounce_seconds", "soon", "a number of 0 or more"),
        ("max_stamps_per_visit", "-1", "a whole number"),
        ("offline_redemption", "maybe", "true or false"),
        ("limit_action", "shout", "refuse, review"),
        ("decoder", "opencv", "zxing, pyzbar"),
    ],
)
def test_bad_environment_value_names_key_and_variable(key: str, value: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(Path("/nonexistent/config.toml"), environ={env_name(key): value})
    text = str(info.value)
    assert f"'{key}'" in text
    assert env_name(key) in text
    assert expected in text


def test_wrong_type_in_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('max_stamps_per_visit = "ten"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="max_stamps_per_visit"):
        load_config(path, environ={})


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("server_url = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path, environ={})


def test_secrets_never_in_repr_or_public_view() -> None:
    config = Config(api_key="sk-very-secret", terminal_token="tok-very-secret")
    assert "very-secret" not in repr(config)
    view = config.public_view()
    assert view["api_key"] == "(set)"
    assert "very-secret" not in str(view)

"""The settings screen's checks, saving and connection test, without Qt."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from live_server import free_port

from app.config import Config, load_config, read_file, write_config
from app.errors import ConfigError
from app.manager_pin import hash_pin
from app.ui.connection_check import check_connection, clock_text
from app.ui.settings_devices import device_state_text, found_devices
from app.ui.settings_values import (
    SPEC,
    SPECS,
    BadSetting,
    convert_setting,
    locked_keys,
    plan_changes,
    save_changes,
    save_problem,
    saved_text,
    url_problem,
)
from hardware.device import DeviceState, DeviceStatus


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("debounce_seconds", "3", 3.0),
        ("debounce_seconds", " 1,5 ", 1.5),
        ("debounce_seconds", "0", 0.0),
        ("max_stamps_per_visit", "2", 2),
        ("max_stamps_per_day", "0", 0),
        ("cooldown_seconds", "600", 600.0),
        ("limit_action", "review", "review"),
        ("offline_redemption", True, True),
        ("language", "ko", "ko"),
        ("server_url", " https://stamps.example.com ", "https://stamps.example.com"),
        ("server_url", "", ""),
        ("camera", "video:/srv/demo.mp4", "video:/srv/demo.mp4"),
    ],
)
def test_accepted_values_load_back_unchanged(
    tmp_path: Path, key: str, raw: object, expected: object
) -> None:
    value = convert_setting(SPEC[key], raw)
    assert value == expected
    path = tmp_path / "config.toml"
    write_config(path, {key: value})
    assert getattr(load_config(path, {}), key) == expected


@pytest.mark.parametrize(
    ("key", "raw", "wanted"),
    [
        ("debounce_seconds", "soon", "type a number of seconds from 0 to 3600, e.g. 3"),
        ("debounce_seconds", "-1", "from 0 to 3600"),
        ("debounce_seconds", "inf", "from 0 to 3600"),
        ("max_stamps_per_visit", "0", "type a whole number from 1 to 1000, e.g. 10"),
        ("max_stamps_per_visit", "2.5", "a whole number"),
        ("max_stamps_per_day", "1001", "from 0 to 1000"),
        ("limit_action", "shout", "choose one of the values offered"),
        ("limit_action", None, "choose one of the values offered"),
        ("language", "fr", "choose one of the values offered"),
        ("server_url", "stamps.example.com", "with http:// or https://"),
        ("server_url", "ftp://stamps.example.com", "with http:// or https://"),
    ],
)
def test_refused_values_say_what_to_type(key: str, raw: object, wanted: str) -> None:
    with pytest.raises(BadSetting) as info:
        convert_setting(SPEC[key], raw)
    assert info.value.key == key
    assert SPEC[key].label in info.value.message
    assert wanted in info.value.message


def test_url_problem() -> None:
    assert url_problem("") is None
    assert url_problem("http://127.0.0.1:8000") is None
    assert url_problem("https://stamps.example.com/base") is None
    assert url_problem("http://") is not None
    assert url_problem("just words") is not None


def test_only_changed_keys_are_planned_and_untouched_secrets_never() -> None:
    current = Config(api_key="key-1", terminal_token="token-1", debounce_seconds=3.0)
    edited = {spec.key: getattr(current, spec.key) for spec in SPECS}
    edited["debounce_seconds"] = "3"  # the same number, typed
    assert plan_changes(current, edited) == plan_changes(current, {})
    assert plan_changes(current, edited).changes == {}

    edited["max_stamps_per_visit"] = "4"
    edited["terminal_token"] = " token-2 "
    plan = plan_changes(current, edited)
    assert plan.changes == {"max_stamps_per_visit": 4, "terminal_token": "token-2"}
    assert not plan.problems


def test_a_locked_key_is_never_planned_and_problems_stop_everything() -> None:
    current = Config()
    plan = plan_changes(current, {"debounce_seconds": "9"}, locked={"debounce_seconds"})
    assert plan.changes == {}
    plan = plan_changes(current, {"debounce_seconds": "x", "max_stamps_per_visit": "0"})
    assert plan.changes == {}
    assert set(plan.problems) == {"debounce_seconds", "max_stamps_per_visit"}
    plan = plan_changes(current, {"debounce_seconds": "x", "max_stamps_per_day": "2"})
    assert plan.changes == {}


def test_locked_keys_come_from_the_environment() -> None:
    environ = {"STAMP_TERMINAL_API_KEY": "k", "STAMP_TERMINAL_HOME": "/x", "PATH": "/bin"}
    assert locked_keys(environ) == {"api_key": "STAMP_TERMINAL_API_KEY"}


def test_saving_keeps_the_other_keys_and_the_file_stays_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "config.toml"
    stored_pin = hash_pin("2468")
    write_config(path, {"manager_pin": stored_pin, "sync_batch_size": 50, "api_key": "k-1"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    save_changes(path, {"debounce_seconds": 4.5, "server_url": 'http://a/"q"\\'})
    config = load_config(path, {})
    assert config.manager_pin == stored_pin
    assert config.sync_batch_size == 50
    assert config.api_key == "k-1"
    assert config.debounce_seconds == 4.5
    assert config.server_url == 'http://a/"q"\\'
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("debounce_seconds = 3\n", encoding="utf-8")
    path.chmod(0o640)
    save_changes(path, {"max_stamps_per_day": 2})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert read_file(path) == {"debounce_seconds": 3, "max_stamps_per_day": 2}


def test_text_with_any_character_is_written_as_valid_toml(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = 'line\nnext\t"quoted" \\ back \x7f del \x01 ctl 한국어 中文'
    write_config(path, {"stamp_value": text})
    assert load_config(path, {}).stamp_value == text.strip()


def test_a_broken_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("debounce_secs = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        save_changes(path, {"max_stamps_per_day": 2})
    assert path.read_text(encoding="utf-8") == "debounce_secs = 2\n"
    message = save_problem(info.value, path)
    assert message.startswith("Not saved: the settings file has a problem")
    assert "debounce_secs" in message
    assert message.endswith("Nothing was changed.")


def test_an_unwritable_place_is_reported(tmp_path: Path) -> None:
    path = tmp_path / ("c" * 245 + ".toml")  # no room left for the longer temporary name
    with pytest.raises(OSError) as info:
        save_changes(path, {"max_stamps_per_day": 2})
    message = save_problem(info.value, path)
    assert message.startswith(f"Not saved: the settings file {path} cannot be written")
    assert "disk is not full" in message
    assert list(tmp_path.iterdir()) == []


def test_saved_text_says_what_works_now_and_what_after_a_restart() -> None:
    assert saved_text({}) == ("Nothing to save — no setting was changed.", "ok")
    text, tone = saved_text({"max_stamps_per_day": 2})
    assert (text, tone) == ("Saved. The policies apply from the next scan.", "ok")
    text, tone = saved_text({"server_url": "http://a", "camera": "camera:1", "debounce_seconds": 1})
    assert tone == "ok"
    assert "The policies apply from the next scan." in text
    assert "Restart the kiosk to use the new server address and camera" in text
    text, tone = saved_text({"language": "de"})
    assert (text, tone) == ("Saved. The language is now Deutsch.", "ok")
    text, tone = saved_text({"language": "ko"}, language_installed=False)
    assert tone == "warn"
    assert "한국어 is not installed on this terminal yet, so the screens stay in English." in text


def test_found_devices_are_offered_by_their_addresses(tmp_path: Path) -> None:
    dev = tmp_path / "dev"
    (dev / "v4l" / "by-id").mkdir(parents=True)
    (dev / "input" / "by-id").mkdir(parents=True)
    for name in ("video10", "video2", "video0", "video-other"):
        (dev / name).write_text("", encoding="utf-8")
    (dev / "v4l" / "by-id" / "usb-Cam-video-index0").write_text("", encoding="utf-8")
    (dev / "input" / "by-id" / "usb-Scanner-event-kbd").write_text("", encoding="utf-8")
    (dev / "input" / "by-id" / "usb-Mouse-event-mouse").write_text("", encoding="utf-8")
    found = found_devices(dev)
    assert found["camera"] == (
        f"camera:{dev}/v4l/by-id/usb-Cam-video-index0",
        "camera:0",
        "camera:2",
        "camera:10",
    )
    assert found["nfc_device"] == ("usb",)
    assert found["wedge_device"] == (f"wedge:{dev}/input/by-id/usb-Scanner-event-kbd",)
    assert found_devices(tmp_path / "nothing")["camera"] == ()


def test_device_states_in_words() -> None:
    assert device_state_text("", None) == ("Not used.", "ok")
    assert device_state_text("usb", None)[1] == "warn"
    ready = DeviceState("usb", DeviceStatus.READY)
    assert device_state_text("usb", ready) == ("Working.", "ok")
    missing = DeviceState("usb", DeviceStatus.MISSING, "Plug the reader in.")
    assert device_state_text("usb", missing) == ("Not found — Plug the reader in.", "warn")
    broken = DeviceState("usb", DeviceStatus.ERROR, "Replug it.")
    assert device_state_text("usb", broken) == ("Not working — Replug it.", "bad")


def test_clock_text() -> None:
    assert clock_text(800) == "The clocks agree."
    assert clock_text(-1500) == "The clocks agree."
    assert clock_text(95_000).startswith("This computer's clock is 95 s behind the server's")
    assert clock_text(-600_000).startswith("This computer's clock is 10 min ahead of the server's")


class HtmlPage(BaseHTTPRequestHandler):
    """A web server that is not a stamp server: every request gets an HTML page."""

    def do_POST(self) -> None:
        body = b"<html><body>Welcome to the hotel Wi-Fi</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def html_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HtmlPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def credentials(url: str) -> Config:
    return Config(server_url=url, api_key="a-key", terminal_token="a-token")


def test_a_web_page_is_not_a_stamp_server(html_server: str) -> None:
    report = check_connection(credentials(f"http://{html_server}"))
    assert not report.ok
    assert report.message.startswith(
        f"Something answers at http://{html_server}, but it is not a stamp server."
    )
    assert "not JSON" in report.details
    assert "a-key" not in report.details + report.message


def test_https_to_a_plain_server_is_a_tls_problem(html_server: str) -> None:
    report = check_connection(credentials(f"https://{html_server}"))
    assert not report.ok
    assert report.message.startswith(f"The secure connection to https://{html_server} failed (")
    assert "http:// or https://" in report.message


def test_a_closed_port_is_unreachable() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    report = check_connection(credentials(url))
    assert not report.ok
    assert report.message.startswith(f"The server cannot be reached at {url}.")
    assert "try again later" in report.message


def test_nothing_is_sent_without_an_address_or_credentials() -> None:
    assert "Type the server address first" in check_connection(Config()).message
    report = check_connection(Config(server_url="http://127.0.0.1:9", api_key="k"))
    assert report.message.startswith("Type the API key and the terminal token first")
    assert "http:// or https://" in check_connection(credentials("stamps")).message

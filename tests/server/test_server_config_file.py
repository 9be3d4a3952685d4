"""Configuration by file (TOML), overridden by the environment, overridden by the flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live_server import free_port
from serve_process import ServeProcess, run_cli, server_env

from server.cli import main
from server.config_file import ConfigFileError, configured_environment, read_config_file
from server.db.engine import create_db_engine
from server.db.migrate import current_revision, head_revision
from server.serve_options import ServeOptions
from server.settings import sqlite_url


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def revision_of(path: Path) -> str | None:
    engine = create_db_engine(sqlite_url(path))
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def test_each_key_sets_its_environment_variable(tmp_path: Path) -> None:
    config = write(
        tmp_path / "server.toml",
        'database_url = "sqlite:///x.db"\nport = 9000\nworkers = 2\nlog_format = "json"\n'
        'graceful_timeout = 45\nhome = "/srv/stamp"\nhost = "0.0.0.0"\n'
        'public_url = "https://stamps.example"\n',
    )
    assert read_config_file(config) == {
        "STAMP_SERVER_DATABASE_URL": "sqlite:///x.db",
        "STAMP_SERVER_PORT": "9000",
        "STAMP_SERVER_WORKERS": "2",
        "STAMP_SERVER_LOG_FORMAT": "json",
        "STAMP_SERVER_GRACEFUL_TIMEOUT": "45",
        "STAMP_SERVER_HOME": "/srv/stamp",
        "STAMP_SERVER_HOST": "0.0.0.0",
        "STAMP_SERVER_PUBLIC_URL": "https://stamps.example",
    }


def test_flags_win_over_the_environment_which_wins_over_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "server.toml", 'port = 9000\nworkers = 3\nlog_format = "json"\n')
    env = configured_environment(str(config), {"STAMP_SERVER_WORKERS": "2"})
    options = ServeOptions.from_env(env, log_format="text")
    assert (options.port, options.workers, options.log_format) == (9000, 2, "text")
    assert options.host == "127.0.0.1"
    assert options.graceful_timeout == 30
    by_variable = configured_environment(None, {"STAMP_SERVER_CONFIG": str(config)})
    assert ServeOptions.from_env(by_variable).port == 9000
    assert configured_environment(None, {"A": "1"}) == {"A": "1"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('databse_url = "postgresql://u:secretpw@h/db"', ["unknown key 'databse_url'"]),
        ('port = "secretpw"', ["port must be an integer"]),
        ("workers = true", ["workers must be an integer"]),
        ('log_format = ["secretpw"]', ["log_format must be a string"]),
        ('database_url = "secretpw', ["not valid TOML"]),
    ],
)
def test_a_wrong_file_is_named_with_its_key_never_its_value(
    tmp_path: Path, text: str, words: list[str]
) -> None:
    config = write(tmp_path / "server.toml", text)
    with pytest.raises(ConfigFileError) as caught:
        read_config_file(config)
    message = str(caught.value)
    assert str(config) in message
    assert all(word in message for word in words), message
    assert "secretpw" not in message


def test_wrong_options_say_what_is_expected() -> None:
    with pytest.raises(ValueError, match="STAMP_SERVER_PORT must be an integer"):
        ServeOptions.from_env({"STAMP_SERVER_PORT": "eighty"})
    with pytest.raises(ValueError, match="workers must be at least 1"):
        ServeOptions.from_env({}, workers=0)
    with pytest.raises(ValueError, match="log format must be one of text, json"):
        ServeOptions.from_env({"STAMP_SERVER_LOG_FORMAT": "xml"})


def test_migrate_takes_the_database_from_file_environment_or_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from_file, from_env, from_flag = (tmp_path / f"{n}.sqlite3" for n in ("file", "env", "flag"))
    config = write(tmp_path / "server.toml", f'database_url = "{sqlite_url(from_file)}"\n')
    monkeypatch.setenv("STAMP_SERVER_HOME", str(tmp_path / "home"))
    assert main(["migrate", "--config", str(config)]) == 0
    assert revision_of(from_file) == head_revision()
    monkeypatch.setenv("STAMP_SERVER_DATABASE_URL", sqlite_url(from_env))
    monkeypatch.setenv("STAMP_SERVER_CONFIG", str(config))
    assert main(["migrate"]) == 0
    assert revision_of(from_env) == head_revision()
    assert main(["migrate", "--database-url", sqlite_url(from_flag)]) == 0
    assert revision_of(from_flag) == head_revision()
    assert capsys.readouterr().out.count(f'"revision": "{head_revision()}"') == 3


def test_a_wrong_file_stops_the_command_with_a_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path / "server.toml", 'prot = 8080\ndatabase_url = "postgresql://u:pw@h/d"')
    assert main(["migrate", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stamp-server: the configuration file")
    assert "unknown key 'prot'" in err
    assert main(["migrate", "--config", str(tmp_path / "missing.toml")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_serve_reads_the_file_and_the_environment_overrides_it(tmp_path: Path) -> None:
    port = free_port()
    config = write(
        tmp_path / "server.toml",
        f'database_url = "{sqlite_url(tmp_path / "db.sqlite3")}"\n'
        f'public_url = "https://stamps.example"\nhost = "127.0.0.1"\nport = {free_port()}\n'
        'log_format = "json"\ngraceful_timeout = 10\n',
    )
    env = server_env(tmp_path / "home", None, STAMP_SERVER_PORT=str(port))
    run_cli(env, "migrate", "--config", str(config))
    demo = run_cli(env, "init-demo", "--config", str(config))
    assert demo["cardUrl"].startswith("https://stamps.example/c/")
    server = ServeProcess(env, tmp_path / "logs", "--config", str(config), port=port)
    server.start()
    try:
        server.wait_ready()
    finally:
        assert server.stop() == 0
    records = [json.loads(line) for line in server.stderr().splitlines()]
    assert any(f"127.0.0.1:{port}" in record["message"] for record in records)


PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def unit_settings() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in (PACKAGING / "stamp-server.service").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_the_packaged_configuration_and_unit_fit_together() -> None:
    example = read_config_file(PACKAGING / "stamp-server.toml")
    options = ServeOptions.from_env(example)
    assert options.log_format == "json"
    unit = unit_settings()
    assert unit["Environment"] == ["STAMP_SERVER_CONFIG=/etc/stamp-server/stamp-server.toml"]
    assert unit["ExecStartPre"][0].endswith("stamp-server migrate")
    assert unit["ExecStart"][0].endswith("stamp-server serve")
    assert unit["KillSignal"] == ["SIGTERM"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["User"] == ["stamp-server"]
    assert int(unit["TimeoutStopSec"][0]) > options.graceful_timeout
    assert example["STAMP_SERVER_HOME"] == "/var/lib/" + unit["StateDirectory"][0]


def test_an_unreachable_database_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STAMP_SERVER_HOME", str(tmp_path / "home"))
    url = f"postgresql+psycopg://stamp:pw-5e2b@127.0.0.1:{free_port()}/stamp"
    for command in ("migrate", "serve"):
        assert main([command, "--database-url", url]) == 1
        err = capsys.readouterr().err
        assert "the database cannot be reached (OperationalError)" in err, err
        assert "Traceback" not in err
        assert "pw-5e2b" not in err

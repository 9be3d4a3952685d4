"""The terminal bundle and its Debian package, run as an installer would, outside the sources.

Built once per session (``conftest.built``; ``$STAMP_BUNDLE_DIR`` names a prebuilt bundle),
copied to an ``opt/stamp-terminal`` folder outside the source tree and run there with a clean
environment: no PYTHONPATH, no virtual environment, another working directory.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from package_kit import ROOT, Built, control_fields, run_program, write_qr_png

from app import __version__
from app.store import migrations
from app.store.database import open_database

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

CARD_URL = "https://stamps.example/c/3fa85f64-5717-4562-b3fc-2c963f66afa6"
UNIT = "lib/systemd/system/stamp-terminal-kiosk.service"


@pytest.fixture(scope="module")
def packaged(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files other than the bundle, unpacked from its data archive."""
    folder = tmp_path_factory.mktemp("packaged")
    tar = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(built.deb)], capture_output=True, check=True
    )
    subprocess.run(
        ["tar", "-x", "--exclude=./opt", "-C", str(folder)], input=tar.stdout, check=True
    )
    return folder


def test_the_bundle_reports_its_version(built: Built, tmp_path: Path) -> None:
    done = run_program(built.program, "--version", home=tmp_path / "home", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"stamp-terminal {__version__}"


def test_the_demo_explains_it_needs_a_source_checkout(built: Built, tmp_path: Path) -> None:
    done = run_program(built.program, "demo", home=tmp_path / "home", cwd=tmp_path)
    assert done.returncode == 2
    assert "source checkout" in done.stderr
    assert done.stderr.count("\n") == 1


def test_status_on_an_empty_data_directory_creates_the_database(
    built: Built, tmp_path: Path
) -> None:
    home = tmp_path / "empty-home"
    done = run_program(built.program, "status", "--json", home=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["database"] == str(home / "terminal.sqlite3")
    assert status["queue"] == {"pending": 0, "sent": 0, "rejected": 0, "review": 0}
    assert status["lastSuccessfulSync"] is None
    with sqlite3.connect(home / "terminal.sqlite3") as conn:
        assert migrations.user_version(conn) == migrations.LATEST


@pytest.mark.parametrize("decoder", ["zxing", "pyzbar"])
def test_decode_reads_a_card_code(built: Built, tmp_path: Path, decoder: str) -> None:
    image = write_qr_png(tmp_path / "card.png", CARD_URL)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_program(
        built.program,
        "decode",
        "--decoder",
        decoder,
        str(image),
        home=tmp_path / "h",
        cwd=elsewhere,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [code["text"] for code in result["codes"]] == [CARD_URL]


def test_a_database_of_a_newer_release_is_refused_and_left_alone(
    built: Built, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    database = home / "terminal.sqlite3"
    open_database(database).close()
    with sqlite3.connect(database) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    before = database.read_bytes()
    done = run_program(built.program, "status", "--json", home=home, cwd=tmp_path)
    assert done.returncode == 4
    assert done.stdout == ""
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1
    assert f"schema version {migrations.LATEST + 1}" in message
    assert "newer terminal release" in message
    assert "Nothing was changed" in message
    assert database.read_bytes() == before


def test_a_version_1_database_is_migrated_with_its_pending_events(
    built: Built, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "outbox-v1.sqlite3", home / "terminal.sqlite3")
    done = run_program(built.program, "status", "--json", home=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["queue"] == {"pending": 2, "sent": 1, "rejected": 1, "review": 0}
    with sqlite3.connect(home / "terminal.sqlite3") as conn:
        assert migrations.user_version(conn) == migrations.LATEST


def test_the_bundle_carries_resources_and_leaves_out_server_and_system_libraries(
    built: Built,
) -> None:
    internal = built.bundle / "_internal"
    for name in ("style/kiosk.qss", "sounds/success.wav", "sounds/error.wav"):
        assert (internal / "resources" / name).read_bytes() == (
            ROOT / "resources" / name
        ).read_bytes()
    for translation in (ROOT / "resources").glob("i18n/*.qm"):
        assert (internal / "resources" / "i18n" / translation.name).is_file()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqwayland.so").is_file()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert not (internal / "PySide6" / "Qt" / "plugins" / "platformthemes").exists()
    libraries = {path.name for path in internal.rglob("*.so*")}
    assert not {n for n in libraries if n.startswith(("libzbar", "libusb", "libxcb", "libX11"))}
    licensed = (internal / "licenses" / "README.txt").read_text(encoding="utf-8")
    assert "PySide6_Essentials" in licensed
    assert "nfcpy" in licensed
    for left_out in ("fastapi", "uvicorn", "SQLAlchemy", "pytest", "mypy"):
        assert f"\n{left_out}-" not in licensed


def test_no_library_of_the_bundle_searches_outside_it(built: Built) -> None:
    searched = {}
    for path in (built.bundle / "_internal").rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        dynamic = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
        ).stdout
        for paths in re.findall(r"\((?:RPATH|RUNPATH)\).*\[(.*)\]", dynamic):
            foreign = [p for p in paths.split(":") if "$ORIGIN" not in p]
            if foreign:
                searched[str(path)] = foreign
    assert searched == {}


def test_lintian_finds_no_errors(built: Built) -> None:
    done = subprocess.run(
        ["lintian", "--fail-on", "error", str(built.deb)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not re.search(r"^E: ", done.stdout, re.MULTILINE), done.stdout


def test_the_package_declares_what_a_counter_pc_needs(built: Built) -> None:
    fields = control_fields(built.deb)
    assert fields["Package"] == "stamp-terminal"
    assert fields["Version"] == __version__
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert fields["Architecture"] == architecture
    depends = {relation.split()[0] for relation in fields["Depends"].split(", ")}
    assert {
        "libc6",
        "adduser",
        "libusb-1.0-0",
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
        "libegl1",
        "libgl1",
        "libfontconfig1",
        "libdbus-1-3",
        "libpulse0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libwayland-client0",
    } <= depends
    recommends = fields["Recommends"].split(", ")
    assert {"cage", "libzbar0", "fonts-noto-cjk"} <= set(recommends)
    conffiles = subprocess.run(
        ["dpkg-deb", "--info", str(built.deb), "conffiles"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert conffiles == ["/etc/stamp-terminal/config.toml", "/etc/pam.d/stamp-terminal-kiosk"]


def test_the_package_installs_its_files_owned_by_root_and_no_data(
    built: Built, packaged: Path
) -> None:
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(built.deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    entries = {
        line.split()[-1] if " -> " not in line else line.split()[-3]: line for line in listing
    }
    assert all(line.split()[1] == "root/root" for line in listing)
    assert all(line.startswith("drwxr-xr-x") for line in listing if line.startswith("d"))
    expected = {
        "./opt/stamp-terminal/stamp-terminal": "-rwxr-xr-x",
        "./usr/bin/stamp-terminal": "-rwxr-xr-x",
        f"./{UNIT}": "-rw-r--r--",
        "./lib/udev/rules.d/60-stamp-terminal-nfc.rules": "-rw-r--r--",
        "./lib/modprobe.d/blacklist-stamp-terminal-nfc.conf": "-rw-r--r--",
        "./etc/stamp-terminal/config.toml": "-rw-r--r--",
        "./usr/share/doc/stamp-terminal/copyright": "-rw-r--r--",
        "./usr/share/doc/stamp-terminal/changelog.gz": "-rw-r--r--",
        "./usr/share/man/man1/stamp-terminal.1.gz": "-rw-r--r--",
    }
    for path, mode in expected.items():
        assert entries[path].startswith(mode), entries.get(path)
    assert not [path for path in entries if path.startswith("./var/")]
    for source, installed in [
        ("udev/60-stamp-terminal-nfc.rules", "lib/udev/rules.d"),
        ("modprobe/blacklist-stamp-terminal-nfc.conf", "lib/modprobe.d"),
    ]:
        packaged_copy = packaged / installed / Path(source).name
        assert packaged_copy.read_bytes() == (ROOT / "packaging" / source).read_bytes()
    changelog = (packaged / "usr/share/doc/stamp-terminal/changelog.gz").read_bytes()
    assert changelog[3] & 0x08 == 0  # gzip -n: no file name
    assert changelog[4:8] == b"\0\0\0\0"  # gzip -n: no time stamp


@pytest.fixture
def kiosk_user_home() -> Iterator[Path]:
    """A folder the unprivileged user ``nobody`` owns (cage refuses to run as root)."""
    folder = Path(tempfile.mkdtemp(prefix="stamp-kiosk-"))
    folder.chmod(0o755)
    for name in ("home", "runtime"):
        (folder / name).mkdir(mode=0o700)
        shutil.chown(folder / name, "nobody")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_kiosk_service_shows_the_kiosk_full_screen_under_cage(
    built: Built, packaged: Path, kiosk_user_home: Path
) -> None:
    """The unit's own command line and environment, on a headless cage, as an unprivileged
    user: the kiosk opens its window and asks the compositor for the full screen."""
    unit = (packaged / UNIT).read_text(encoding="utf-8")
    settings = dict(re.findall(r"^(\w+)=(.*)$", unit, re.MULTILINE))
    assert settings["Restart"] == "always"
    assert settings["User"] == "stamp-kiosk"
    home = kiosk_user_home / "home"
    config = home / "config.toml"
    config.write_bytes((packaged / "etc/stamp-terminal/config.toml").read_bytes())
    shutil.chown(config, "nobody")
    environment = dict(
        line.split("=", 1) for line in re.findall(r"^Environment=(.*)$", unit, re.MULTILINE)
    )
    assert environment["STAMP_TERMINAL_HOME"] == "/var/lib/stamp-terminal"
    assert environment["STAMP_TERMINAL_CONFIG"] == "/etc/stamp-terminal/config.toml"
    environment |= {
        "STAMP_TERMINAL_HOME": str(home),
        "STAMP_TERMINAL_CONFIG": str(config),
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "XDG_RUNTIME_DIR": str(kiosk_user_home / "runtime"),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",
        "WAYLAND_DEBUG": "client",
    }
    command = shlex.split(settings["ExecStart"].replace("/opt/stamp-terminal", str(built.bundle)))
    assert command[0] == "/usr/bin/cage"
    log_path = kiosk_user_home / "kiosk.log"
    with log_path.open("wb") as log:
        cage = subprocess.Popen(
            ["runuser", "-u", "nobody", "--", "env", "-i"]
            + [f"{key}={value}" for key, value in environment.items()]
            + command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            cwd=home,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        text = ""
        while time.monotonic() < deadline and cage.poll() is None:
            text = log_path.read_text(errors="replace")
            if re.search(r"xdg_toplevel@\d+\.set_fullscreen\(", text):
                break
            time.sleep(0.5)
        still_running = cage.poll() is None
    finally:
        if cage.poll() is None:
            os.killpg(cage.pid, signal.SIGTERM)
        try:
            cage.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(cage.pid, signal.SIGKILL)
            cage.wait()
    text = log_path.read_text(errors="replace")
    assert still_running, text[-3000:]
    assert re.search(r"xdg_toplevel@\d+\.set_fullscreen\(", text), text[-3000:]
    assert re.search(r'xdg_toplevel@\d+\.set_title\("Stamp terminal"\)', text), text[-3000:]
    assert "Traceback" not in text

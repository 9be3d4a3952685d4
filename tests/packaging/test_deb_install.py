"""Install, upgrade, remove and purge the Debian package with dpkg, as on a counter PC.

dpkg runs for real, maintainer scripts included, in a throw-away copy of this machine
(``dpkg_sandbox.py``: an overlay on ``/`` in a private mount namespace, root needed). What it
cannot show: services being started (no systemd runs in the copy, so the scripts only enable
the unit) and udev reloading the reader rule; ``test_bundle`` runs the unit's command line
under cage instead.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from package_kit import ROOT, Built, control_fields

from app.store import migrations

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SANDBOX = Path(__file__).with_name("dpkg_sandbox.py")
DATA = "/var/lib/stamp-terminal"
DATABASE = f"{DATA}/terminal.sqlite3"
SETTINGS = "/etc/stamp-terminal/config.toml"
WANTS = "/etc/systemd/system/multi-user.target.wants"


def older_package(deb: Path, folder: Path) -> Path:
    """The same package with an older version number, as the release installed before."""
    tree = folder / "tree"
    subprocess.run(["dpkg-deb", "--raw-extract", str(deb), str(tree)], check=True)
    control = tree / "DEBIAN" / "control"
    version = control_fields(deb)["Version"]
    control.write_text(
        control.read_text().replace(f"Version: {version}\n", f"Version: {version}~old\n")
    )
    older = folder / "old.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Znone", "--build", str(tree), str(older)],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(tree)
    return older


def in_sandbox(workdir: Path, shared: Path, commands: list[str]) -> list[dict[str, Any]]:
    """Run ``commands`` one after the other in one throw-away copy of the machine."""
    commands_file = workdir / "commands.json"
    commands_file.write_text(json.dumps(commands))
    done = subprocess.run(
        [
            *("unshare", "--mount", "--fork", sys.executable, str(SANDBOX)),
            *(str(workdir / "sandbox"), str(shared), str(commands_file)),
        ],
        capture_output=True,
        text=True,
        timeout=800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def test_install_upgrade_remove_and_purge_keep_the_data_until_the_purge(
    built: Built, tmp_path: Path
) -> None:
    assert os.geteuid() == 0, "dpkg installs into the sandbox as root: run the tests as root"
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(built.deb, shared / "new.deb")
    older_package(built.deb, shared)
    shutil.copy(ROOT / "tests" / "data" / "outbox-v1.sqlite3", shared / "outbox-v1.sqlite3")
    steps = {
        "install": "dpkg -i /mnt/old.deb",
        "user": "id -nG stamp-kiosk",
        "owners": f"stat -c '%n %U %G %a' {DATA} /etc/stamp-terminal {SETTINGS}",
        "enabled": f"readlink {WANTS}/stamp-terminal-kiosk.service",
        "set pin": "stamp-terminal config set manager_pin 2580",
        "pin stored": f"grep -q '^manager_pin = ' {SETTINGS} && ! grep -q 2580 {SETTINGS}",
        "pending events": "install -o stamp-kiosk -g stamp-kiosk -m 0640 /mnt/outbox-v1.sqlite3 "
        + DATABASE,
        "before upgrade": f"md5sum {DATABASE} {SETTINGS}",
        "upgrade": "dpkg -i /mnt/new.deb",
        "after upgrade": f"md5sum {DATABASE} {SETTINGS}",
        "version": "stamp-terminal --version && dpkg-query -W -f '${Version}' stamp-terminal",
        "status": "stamp-terminal status --json",
        "database owner": f"stat -c '%U' {DATABASE} && cp {DATABASE} /mnt/after.sqlite3",
        "remove": "dpkg -r stamp-terminal",
        "after remove": f"test ! -e /opt/stamp-terminal && test ! -e /usr/bin/stamp-terminal"
        f" && md5sum {DATABASE} {SETTINGS} && id -u stamp-kiosk",
        "purge": "dpkg -P stamp-terminal",
        "after purge": f"test ! -e {DATA} && test ! -e /etc/stamp-terminal && echo gone",
    }
    results = dict(zip(steps, in_sandbox(tmp_path, shared, list(steps.values())), strict=True))
    failed = {name: r for name, r in results.items() if r["rc"] != 0}
    assert failed == {}

    device_groups = {"plugdev", "video", "input", "audio", "render"}
    present = {group for group in device_groups if group in {g.gr_name for g in grp.getgrall()}}
    assert {"plugdev", "video"} <= present  # the reader and the webcam
    assert set(results["user"]["out"].split()) == {"stamp-kiosk"} | present
    owners = [line.split() for line in results["owners"]["out"].splitlines()]
    assert owners == [
        [DATA, "stamp-kiosk", "stamp-kiosk", "750"],
        ["/etc/stamp-terminal", "root", "stamp-kiosk", "770"],
        [SETTINGS, "stamp-kiosk", "stamp-kiosk", "600"],
    ]
    assert results["enabled"]["out"].strip().endswith("/stamp-terminal-kiosk.service")
    assert "stored as a salted hash" in results["set pin"]["out"]

    # The upgrade touched neither the database nor the settings the installer changed.
    assert results["after upgrade"]["out"] == results["before upgrade"]["out"]
    version = control_fields(built.deb)["Version"]
    assert results["version"]["out"] == f"stamp-terminal {version}\n{version}"
    # The new version migrated the old database on its first start, keeping its events.
    status = json.loads(results["status"]["out"])
    assert status["queue"] == {"pending": 2, "sent": 1, "rejected": 1, "review": 0}
    assert status["database"] == DATABASE
    assert results["database owner"]["out"].strip() == "stamp-kiosk"
    with sqlite3.connect(shared / "after.sqlite3") as conn:
        assert migrations.user_version(conn) == migrations.LATEST

    # Removing keeps the data and the settings; purging deletes them.
    settings_line = results["after upgrade"]["out"].splitlines()[1]
    assert settings_line in results["after remove"]["out"]
    assert DATABASE in results["after remove"]["out"]
    assert results["after purge"]["out"].strip() == "gone"

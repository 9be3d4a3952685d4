"""The pieces of the terminal package, each on its own (the built package: test_bundle)."""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from package_kit import PACKAGING, ROOT, load_script

from app import resources
from app.config import KEYS, Config, load_config

DEBIAN = PACKAGING / "debian"


def test_the_settings_template_changes_no_default_and_documents_every_key(tmp_path: Path) -> None:
    template = DEBIAN / "config.toml"
    assert load_config(template, {}, {}) == Config()
    text = template.read_text(encoding="utf-8")
    examples = re.findall(r"^# ([a-z_]+ = .+)$", text, re.MULTILINE)
    documented = {line.split(" = ")[0] for line in examples}
    assert documented == set(KEYS) - {"manager_pin"}
    assert "config set manager_pin" in text
    uncommented = tmp_path / "config.toml"
    uncommented.write_text("".join(f"{line}\n" for line in examples if "..." not in line))
    config = load_config(uncommented, {}, {})
    assert config.server_url == "https://stamps.example.com"
    assert config.nfc_device == "usb"


def test_the_kiosk_unit_runs_the_bundle_under_cage_as_the_kiosk_user() -> None:
    unit = (DEBIAN / "stamp-terminal-kiosk.service").read_text(encoding="utf-8")
    settings = dict(re.findall(r"^(\w+)=(.*)$", unit, re.MULTILINE))
    assert settings["ExecStart"].startswith("/usr/bin/cage ")
    assert settings["ExecStart"].endswith(" -- /opt/stamp-terminal/stamp-terminal run")
    assert settings["User"] == "stamp-kiosk"
    assert settings["Restart"] == "always"
    assert settings["StartLimitIntervalSec"] == "0"
    assert settings["WantedBy"] == "multi-user.target"
    environment = re.findall(r"^Environment=(.*)$", unit, re.MULTILINE)
    assert "STAMP_TERMINAL_HOME=/var/lib/stamp-terminal" in environment
    assert "STAMP_TERMINAL_CONFIG=/etc/stamp-terminal/config.toml" in environment
    build_deb = load_script("build_deb")
    installed = {destination for _source, destination, _mode in build_deb.FILES}
    assert f"etc/pam.d/{settings['PAMName']}" in installed


@pytest.mark.parametrize("script", ["postinst", "prerm", "postrm", "stamp-terminal.sh"])
def test_the_shell_scripts_parse(script: str) -> None:
    path = DEBIAN / script
    assert path.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    done = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def command_wrapper(tmp_path: Path) -> Path:
    """The /usr/bin/stamp-terminal wrapper, starting a program that prints its environment in
    place of the bundle."""
    program = tmp_path / "print-environment"
    program.write_text("#!/bin/sh\nexec env\n")
    program.chmod(0o755)
    wrapper = tmp_path / "stamp-terminal"
    text = (DEBIAN / "stamp-terminal.sh").read_text(encoding="utf-8")
    assert "BUNDLE=/opt/stamp-terminal/stamp-terminal\n" in text
    wrapper.write_text(text.replace("/opt/stamp-terminal/stamp-terminal", str(program)))
    wrapper.chmod(0o755)
    return wrapper


def wrapped_environment(wrapper: Path, *arguments: str, **environment: str) -> dict[str, str]:
    done = subprocess.run(
        [str(wrapper), *arguments],
        env={"PATH": os.defpath, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def test_the_command_works_on_the_kiosk_files_unless_told_otherwise(tmp_path: Path) -> None:
    wrapper = command_wrapper(tmp_path)
    kiosk = wrapped_environment(wrapper)
    assert kiosk["STAMP_TERMINAL_HOME"] == "/var/lib/stamp-terminal"
    assert kiosk["STAMP_TERMINAL_CONFIG"] == "/etc/stamp-terminal/config.toml"
    chosen = wrapped_environment(wrapper, STAMP_TERMINAL_HOME="/srv/other")
    assert chosen["STAMP_TERMINAL_HOME"] == "/srv/other"
    assert "STAMP_TERMINAL_CONFIG" not in chosen
    for flag in ("--home", "--home=/srv/other", "--config"):
        assert "STAMP_TERMINAL_HOME" not in wrapped_environment(wrapper, flag)


def test_only_the_qt_plugins_the_kiosk_loads_are_kept() -> None:
    sys.path.append(str(PACKAGING / "pyinstaller_hooks"))
    spec = importlib.util.spec_from_file_location(
        "qt_plugins", PACKAGING / "pyinstaller_hooks" / "qt_plugins.py"
    )
    assert spec is not None and spec.loader is not None
    qt_plugins = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(qt_plugins)
    plugins = "PySide6/Qt/plugins"
    kept = qt_plugins.kept_plugins(
        [
            ("/q/libqxcb.so", f"{plugins}/platforms"),
            ("/q/libqwayland.so", f"{plugins}/platforms"),
            ("/q/libqoffscreen.so", f"{plugins}/platforms"),
            ("/q/libqvnc.so", f"{plugins}/platforms"),
            ("/q/libqgtk3.so", f"{plugins}/platformthemes"),
            ("/q/libqtvirtualkeyboardplugin.so", f"{plugins}/platforminputcontexts"),
            ("/q/libcomposeplatforminputcontextplugin.so", f"{plugins}/platforminputcontexts"),
            ("/q/libffmpegmediaplugin.so", f"{plugins}/multimedia"),
            ("/q/libqjpeg.so", f"{plugins}/imageformats"),
            ("/q/libxdg-shell.so", f"{plugins}/wayland-shell-integration"),
            ("/q/libQt6Core.so.6", "PySide6/Qt/lib"),
        ]
    )
    assert [Path(source).name for source, _ in kept] == [
        "libqxcb.so",
        "libqwayland.so",
        "libqoffscreen.so",
        "libcomposeplatforminputcontextplugin.so",
        "libqjpeg.so",
        "libxdg-shell.so",
        "libQt6Core.so.6",
    ]


def readelf_run_paths(path: Path) -> list[str]:
    dynamic = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        p
        for found in re.findall(r"\((?:RPATH|RUNPATH)\).*\[(.*)\]", dynamic)
        for p in found.split(":")
    ]


def test_run_paths_off_the_bundle_are_dropped_and_the_module_still_loads(tmp_path: Path) -> None:
    elf_runpath = load_script("elf_runpath")
    origin = importlib.util.find_spec("_json")
    assert origin is not None and origin.origin is not None
    module = tmp_path / Path(origin.origin).name
    shutil.copy(origin.origin, module)
    before = readelf_run_paths(module)
    changed = elf_runpath.drop_foreign_run_paths(module)
    assert changed == any("$ORIGIN" not in p for p in before)
    assert all("$ORIGIN" in p for p in readelf_run_paths(module))
    assert elf_runpath.drop_foreign_run_paths(module) is False
    load = (
        "import importlib.util, sys; "
        f"spec = importlib.util.spec_from_file_location('_json', {str(module)!r}); "
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
        "print(m.scanstring('\"ok\"', 1))"
    )
    done = subprocess.run([sys.executable, "-c", load], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "('ok', 4)"


def test_run_paths_inside_the_bundle_are_kept(tmp_path: Path) -> None:
    elf_runpath = load_script("elf_runpath")
    qt = Path(importlib.util.find_spec("PySide6").origin or "").parent / "Qt" / "lib"  # type: ignore[union-attr]
    library = tmp_path / "libQt6Core.so.6"
    shutil.copy(qt / "libQt6Core.so.6", library)
    before = library.read_bytes()
    assert readelf_run_paths(library) == ["$ORIGIN"]
    assert elf_runpath.drop_foreign_run_paths(library) is False
    assert library.read_bytes() == before


def test_dependencies_keep_the_versions_dpkg_shlibdeps_found() -> None:
    deb_metadata = load_script("deb_metadata")
    merged = deb_metadata.merge_depends(
        ["libc6 (>= 2.34)", "libpulse0 (>= 5.0)"], ["adduser", "libpulse0", "libusb-1.0-0"]
    )
    assert merged == ["adduser", "libc6 (>= 2.34)", "libpulse0 (>= 5.0)", "libusb-1.0-0"]


def test_the_manual_page_lists_every_exit_code_of_the_command() -> None:
    deb_metadata = load_script("deb_metadata")
    codes = deb_metadata.exit_codes((ROOT / "app" / "cli.py").read_text(encoding="utf-8"))
    assert [code for code, _meaning in codes] == [str(n) for n in range(8)]
    page = deb_metadata.manual_page(
        "usage: stamp-terminal [-h]\n.hidden line\n  --home HOME  a\\b\n",
        codes,
        "1.2.3",
        datetime(2026, 1, 2, tzinfo=UTC),
    )
    assert page.startswith('.TH STAMP\\-TERMINAL 1 "2026-01-02" "stamp-terminal 1.2.3"')
    assert "\\&.hidden line" in page
    assert "\\-\\-home HOME  a\\eb" in page
    assert page.count(".TP\n.B ") == 8


def test_the_changelog_gets_an_entry_for_a_version_it_does_not_have() -> None:
    deb_metadata = load_script("deb_metadata")
    source = (DEBIAN / "changelog").read_text(encoding="utf-8")
    top = re.match(r"stamp-terminal \(([^)]+)\)", source)
    assert top is not None
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert deb_metadata.changelog(source, top.group(1), "M <m@example.org>", when) == source
    newer = deb_metadata.changelog(source, "9.9.9", "M <m@example.org>", when)
    assert newer.startswith("stamp-terminal (9.9.9) unstable; urgency=medium\n")
    assert " -- M <m@example.org>  Fri, 02 Jan 2026 03:04:05 +0000\n" in newer
    assert newer.endswith(source)


def test_checksums_leave_out_conffiles_and_the_control_folder(tmp_path: Path) -> None:
    deb_metadata = load_script("deb_metadata")
    for name, content in {
        "DEBIAN/control": "x",
        "etc/stamp-terminal/config.toml": "y",
        "usr/bin/stamp-terminal": "z",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    sums = deb_metadata.md5sums(tmp_path, ["/etc/stamp-terminal/config.toml"])
    assert sums == "fbade9e36a3f36d3d676c1b808451dd7  usr/bin/stamp-terminal\n"
    packed = deb_metadata.gzip_n(b"text")
    assert packed == deb_metadata.gzip_n(b"text")
    assert gzip.decompress(packed) == b"text"


def test_resources_are_found_beside_the_sources_and_inside_a_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.resource_path("style", "kiosk.qss").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.bundle_dir() is None  # not frozen: _MEIPASS alone is not a bundle
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert resources.bundle_dir() == tmp_path
    assert (
        resources.resource_path("sounds", "success.wav")
        == tmp_path / "resources" / "sounds" / "success.wav"
    )

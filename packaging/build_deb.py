"""Wrap the terminal bundle into a Debian package: ``stamp-terminal_<version>_<arch>.deb``.

    python packaging/build_deb.py [--bundle dist/stamp-terminal] [--out dist]

Build the bundle first (``build_bundle.py``). Needs dpkg-deb and dpkg-shlibdeps (package
dpkg-dev), and the libraries the bundle links to installed on the build machine: the package
depends on the Debian packages that provide them. What the package installs:

    /opt/stamp-terminal/                     the bundle
    /usr/bin/stamp-terminal                  the command (debian/stamp-terminal.sh runs the bundle)
    /lib/systemd/system/stamp-terminal-kiosk.service   the kiosk, under cage, at boot
    /lib/udev/rules.d/60-stamp-terminal-nfc.rules      the NFC readers for the kiosk user
    /lib/modprobe.d/blacklist-stamp-terminal-nfc.conf  the kernel's NFC drivers kept off them
    /etc/stamp-terminal/config.toml          the settings template (a conffile)
    /etc/pam.d/stamp-terminal-kiosk          the kiosk's login session (a conffile)
    /usr/share/doc/stamp-terminal/           copyright, changelog, README.Debian
    /usr/share/man/man1/stamp-terminal.1.gz  the manual page

The maintainer scripts (debian/postinst, prerm, postrm) create the user stamp-kiosk and the
data folder /var/lib/stamp-terminal, which no upgrade or removal touches; only a purge deletes it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_bundle import NAME, project_version
from deb_metadata import (
    DEFAULT_MAINTAINER,
    PACKAGE,
    Control,
    PackagingError,
    build_date,
    changelog,
    exit_codes,
    gzip_n,
    installed_size_kib,
    is_elf,
    manual_page,
    md5sums,
    merge_depends,
    shlib_depends,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEBIAN = HERE / "debian"
BUNDLE_DIR = "opt/stamp-terminal"
CONFFILES = ("/etc/stamp-terminal/config.toml", "/etc/pam.d/stamp-terminal-kiosk")
# (source, destination in the package, mode)
FILES = (
    (DEBIAN / "stamp-terminal.sh", "usr/bin/stamp-terminal", 0o755),
    (
        DEBIAN / "stamp-terminal-kiosk.service",
        "lib/systemd/system/stamp-terminal-kiosk.service",
        0o644,
    ),
    (
        HERE / "udev" / "60-stamp-terminal-nfc.rules",
        "lib/udev/rules.d/60-stamp-terminal-nfc.rules",
        0o644,
    ),
    (
        HERE / "modprobe" / "blacklist-stamp-terminal-nfc.conf",
        "lib/modprobe.d/blacklist-stamp-terminal-nfc.conf",
        0o644,
    ),
    (DEBIAN / "config.toml", "etc/stamp-terminal/config.toml", 0o644),
    (DEBIAN / "stamp-terminal-kiosk.pam", "etc/pam.d/stamp-terminal-kiosk", 0o644),
    (DEBIAN / "copyright", "usr/share/doc/stamp-terminal/copyright", 0o644),
    (DEBIAN / "README.Debian", "usr/share/doc/stamp-terminal/README.Debian", 0o644),
    (DEBIAN / "lintian-overrides", "usr/share/lintian/overrides/stamp-terminal", 0o644),
    (DEBIAN / "postinst", "DEBIAN/postinst", 0o755),
    (DEBIAN / "prerm", "DEBIAN/prerm", 0o755),
    (DEBIAN / "postrm", "DEBIAN/postrm", 0o755),
)


def host_architecture() -> str:
    """The Debian architecture of this machine (amd64, arm64, armhf, ...)."""
    done = subprocess.run(
        ["dpkg", "--print-architecture"],  # noqa: S607 - dpkg from the system's PATH
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PackagingError("dpkg --print-architecture failed: build on Debian or a derivative.")
    return done.stdout.strip()


def copy_bundle(bundle: Path, root: Path) -> None:
    """The bundle under /opt, owned by root: folders 0755, the program 0755, the rest 0644."""
    target = root / BUNDLE_DIR
    shutil.copytree(bundle, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path == target / NAME else 0o644)


def bundle_help(bundle: Path) -> str:
    """``stamp-terminal --help`` of the bundle, for the manual page."""
    done = subprocess.run(  # noqa: S603 - the bundle's own program
        [str(bundle / NAME), "--help"],
        env={"PATH": os.defpath, "LANG": "C.UTF-8", "COLUMNS": "80", "HOME": str(bundle)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise PackagingError(f"'{bundle / NAME} --help' failed: {done.stderr.strip()[-300:]}")
    return done.stdout


def write(path: Path, data: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    path.chmod(mode)


def assemble(bundle: Path, workdir: Path, version: str, architecture: str, maintainer: str) -> Path:
    """Lay out the package tree ``workdir/debian/stamp-terminal``; return it."""
    root = workdir / "debian" / PACKAGE
    (root / "DEBIAN").mkdir(parents=True)
    write(
        workdir / "debian" / "control",
        f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n",
    )
    copy_bundle(bundle, root)
    for source, destination, mode in FILES:
        write(root / destination, source.read_bytes(), mode)
    when = build_date()
    log = changelog((DEBIAN / "changelog").read_text(encoding="utf-8"), version, maintainer, when)
    write(root / "usr/share/doc/stamp-terminal/changelog.gz", gzip_n(log.encode("utf-8")))
    page = manual_page(
        bundle_help(bundle),
        exit_codes((ROOT / "app" / "cli.py").read_text(encoding="utf-8")),
        version,
        when,
    )
    write(root / "usr/share/man/man1/stamp-terminal.1.gz", gzip_n(page.encode("utf-8")))
    for folder in [root, *root.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)
    elf_files = sorted(p for p in (root / BUNDLE_DIR).rglob("*") if is_elf(p))
    control = Control(
        version=version,
        architecture=architecture,
        installed_size_kib=installed_size_kib(root),
        maintainer=maintainer,
        depends=merge_depends(shlib_depends(root, elf_files)),
    )
    write(root / "DEBIAN" / "control", control.text())
    write(root / "DEBIAN" / "conffiles", "".join(f"{c}\n" for c in CONFFILES))
    write(root / "DEBIAN" / "md5sums", md5sums(root, CONFFILES))
    return root


def build_deb(
    bundle: Path,
    out: Path,
    *,
    version: str | None = None,
    architecture: str | None = None,
    maintainer: str | None = None,
    compression: str = "xz",
    level: int | None = None,
) -> Path:
    """Build the package from ``bundle`` into ``out``; return the .deb file."""
    if not (bundle / NAME).is_file():
        raise PackagingError(
            f"{bundle / NAME} is missing: build the bundle first (build_bundle.py)."
        )
    if shutil.which("dpkg-deb") is None:
        raise PackagingError("dpkg-deb is missing: build on Debian or a derivative.")
    version = version or project_version()
    architecture = architecture or host_architecture()
    maintainer = maintainer or os.environ.get("STAMP_DEB_MAINTAINER") or DEFAULT_MAINTAINER
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{version}_{architecture}.deb"
    with tempfile.TemporaryDirectory(prefix="stamp-deb-") as scratch:
        root = assemble(bundle, Path(scratch), version, architecture, maintainer)
        command = [
            "dpkg-deb",
            "--root-owner-group",
            f"-Z{compression}",
            *([f"-z{level}"] if level is not None else []),
            "--build",
            str(root),
            str(deb),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise PackagingError(f"dpkg-deb failed: {done.stderr.strip()[-500:]}")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / NAME)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", help="package version (default: the project's)")
    parser.add_argument("--arch", help="Debian architecture (default: this machine's)")
    parser.add_argument("--maintainer", help="'Name <email>' for the Maintainer field")
    parser.add_argument(
        "--compression",
        choices=["xz", "gzip", "none"],
        default="xz",
        help="compression of the package's contents (default: xz, the smallest)",
    )
    parser.add_argument(
        "--level", type=int, choices=range(10), help="compression level (default: dpkg-deb's)"
    )
    args = parser.parse_args(argv)
    try:
        deb = build_deb(
            args.bundle.resolve(),
            args.out.resolve(),
            version=args.version,
            architecture=args.arch,
            maintainer=args.maintainer,
            compression=args.compression,
            level=args.level,
        )
    except PackagingError as exc:
        print(f"build_deb: {exc}", file=sys.stderr)
        return 1
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())

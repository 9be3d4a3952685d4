"""The generated parts of the Debian package: control, changelog, manual page, checksums.

Used by ``build_deb.py``; every function takes what it needs and returns text or bytes, so the
package tree is assembled in one place.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import io
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

PACKAGE = "stamp-terminal"
DEFAULT_MAINTAINER = "Stamp terminal maintainers <stamp-terminal@example.org>"

# What the kiosk needs besides the libraries dpkg-shlibdeps reads off the bundle: libusb is
# loaded by nfcpy at run time (not linked), Qt's xcb and Wayland platform plugins load these
# libraries only when they start, and the maintainer scripts use adduser and deb-systemd-helper.
DEPENDS = (
    "adduser",
    "init-system-helpers (>= 1.54~)",
    "libusb-1.0-0",
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
    "libpulse0",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)
# The kiosk service runs cage (which needs Xwayland) in a logind session (libpam-systemd);
# libzbar0 serves the optional pyzbar decoder, Noto CJK the Korean and Chinese screens, and a
# sound server the success and error sounds.
RECOMMENDS = (
    "cage",
    "xwayland",
    "libpam-systemd",
    "libzbar0",
    "fonts-noto-cjk",
    "pipewire-pulse | pulseaudio",
)
# sqlite3 backs the database up while the kiosk runs (README.Debian).
SUGGESTS = ("sqlite3",)
DESCRIPTION = """\
offline-first loyalty stamp terminal for the shop counter
 The cashier scans the customer's QR code with a webcam, or the customer taps
 an NFC card on the reader; each scan becomes a stamp on the customer's digital
 stamp card. Every scan is kept in a local database first and synced to the
 stamp server later, so the counter keeps working without a network and every
 scan counts exactly once.
 .
 The package starts the kiosk full screen at boot (stamp-terminal-kiosk.service,
 under the cage compositor) as the user stamp-kiosk, gives that user the
 Sony RC-S380 and PN533-based NFC readers and keeps the kernel's NFC drivers
 off them. Settings are in /etc/stamp-terminal/config.toml, the database in
 /var/lib/stamp-terminal."""


class PackagingError(Exception):
    """The package cannot be built; the message says why and what to do."""


@dataclass(frozen=True)
class Control:
    """The fields of ``DEBIAN/control``."""

    version: str
    architecture: str
    installed_size_kib: int
    maintainer: str = DEFAULT_MAINTAINER
    depends: Sequence[str] = field(default_factory=tuple)
    recommends: Sequence[str] = RECOMMENDS
    suggests: Sequence[str] = SUGGESTS

    def text(self) -> str:
        return (
            f"Package: {PACKAGE}\n"
            f"Version: {self.version}\n"
            f"Architecture: {self.architecture}\n"
            f"Maintainer: {self.maintainer}\n"
            f"Installed-Size: {self.installed_size_kib}\n"
            f"Depends: {', '.join(self.depends)}\n"
            f"Recommends: {', '.join(self.recommends)}\n"
            f"Suggests: {', '.join(self.suggests)}\n"
            "Section: misc\n"
            "Priority: optional\n"
            f"Description: {DESCRIPTION}\n"
        )


def merge_depends(found: Iterable[str], wanted: Iterable[str] = DEPENDS) -> list[str]:
    """``found`` (from dpkg-shlibdeps, with versions) plus every ``wanted`` package not in it."""
    merged: dict[str, str] = {}
    for relation in [*found, *wanted]:
        merged.setdefault(relation.split()[0], relation)
    return sorted(merged.values())


def shlib_depends(package_root: Path, elf_files: Sequence[Path]) -> list[str]:
    """The system libraries the bundle's programs and libraries link to, as dependencies.

    Runs ``dpkg-shlibdeps`` from the folder above ``debian/`` (``package_root`` is
    ``debian/stamp-terminal``, with its ``DEBIAN`` folder); libraries inside the package are
    found through their ``$ORIGIN`` run paths and need no dependency.
    """
    workdir = package_root.parent.parent
    command = ["dpkg-shlibdeps", "-O", "--warnings=0", *(str(f) for f in elf_files)]
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, files of the package
            command, cwd=workdir, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise PackagingError(
            "dpkg-shlibdeps is missing: install the Debian package dpkg-dev."
        ) from None
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "error" in line]
        raise PackagingError(
            "dpkg-shlibdeps could not resolve the bundle's libraries (install the packages "
            "that provide them on the build machine): " + " | ".join(errors[:5])
        )
    match = re.search(r"^shlibs:Depends=(.*)$", done.stdout, re.MULTILINE)
    if match is None:
        return []
    return [part.strip() for part in match.group(1).split(",") if part.strip()]


def is_elf(path: Path) -> bool:
    """Whether ``path`` is a regular file holding an ELF program or library."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def installed_size_kib(root: Path) -> int:
    """Installed-Size as dpkg-gencontrol counts it: each file rounded up to a KiB."""
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        size = 0 if path.is_dir() or path.is_symlink() else path.stat().st_size
        total += max(1, -(-size // 1024))
    return total


def md5sums(root: Path, conffiles: Iterable[str]) -> str:
    """``DEBIAN/md5sums``: every regular file of the package except conffiles and DEBIAN/."""
    skipped = {c.lstrip("/") for c in conffiles}
    lines = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("DEBIAN/") or relative in skipped:
            continue
        if path.is_file() and not path.is_symlink():
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {relative}\n")
    return "".join(lines)


def gzip_n(data: bytes) -> bytes:
    """``gzip -9n``: the best compression, without a file name or time stamp."""
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as file:
        file.write(data)
    return out.getvalue()


def build_date() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def changelog(source: str, version: str, maintainer: str, when: datetime) -> str:
    """The package's changelog; an entry for ``version`` is added on top when it has none."""
    top = re.match(rf"{re.escape(PACKAGE)} \(([^)]+)\)", source)
    if top is not None and top.group(1) == version:
        return source
    entry = (
        f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
        f"  * Build of version {version}.\n\n"
        f" -- {maintainer}  {format_datetime(when)}\n\n"
    )
    return entry + source


def exit_codes(cli_source: str) -> list[tuple[str, str]]:
    """The exit-code table of ``app/cli.py``'s docstring, as (code, meaning) pairs."""
    doc = ast.get_docstring(ast.parse(cli_source)) or ""
    return re.findall(r"^(\d)\s{2,}(.+)$", doc, re.MULTILINE)


def _roff(text: str) -> str:
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(
        "\\&" + line if line.startswith((".", "'")) else line for line in escaped.splitlines()
    )


def manual_page(
    help_text: str, codes: Sequence[tuple[str, str]], version: str, when: datetime
) -> str:
    """``stamp-terminal(1)``: the command's own help, its exit codes and its files."""
    date = when.strftime("%Y-%m-%d")
    status = "".join(f".TP\n.B {code}\n{_roff(meaning)}\n" for code, meaning in codes)
    return (
        f'.TH STAMP\\-TERMINAL 1 "{date}" "stamp-terminal {version}" "User Commands"\n'
        ".SH NAME\n"
        "stamp\\-terminal \\- offline\\-first loyalty stamp terminal for the shop counter\n"
        ".SH SYNOPSIS\n"
        ".B stamp\\-terminal\n"
        "[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]\n"
        ".SH DESCRIPTION\n"
        "The kiosk (\\fBstamp\\-terminal run\\fR, started at boot by "
        "\\fBstamp\\-terminal\\-kiosk.service\\fR) and the commands an installer or a manager "
        "uses to set it up and check on it. Run as root, the command runs as the kiosk user "
        "\\fBstamp\\-kiosk\\fR on the kiosk's own database and settings, unless "
        "\\fB\\-\\-home\\fR, \\fB\\-\\-config\\fR, \\fBSTAMP_TERMINAL_HOME\\fR or "
        "\\fBSTAMP_TERMINAL_CONFIG\\fR name others. \\fBstamp\\-terminal \\fIcommand\\fB "
        "\\-\\-help\\fR describes each command.\n"
        ".SH OPTIONS\n"
        ".nf\n"
        f"{_roff(help_text.rstrip())}\n"
        ".fi\n"
        ".SH EXIT STATUS\n"
        f"{status}"
        ".SH FILES\n"
        ".TP\n"
        ".I /etc/stamp\\-terminal/config.toml\n"
        "the settings (\\fBstamp\\-terminal config set\\fR \\fIkey value\\fR writes one)\n"
        ".TP\n"
        ".I /var/lib/stamp\\-terminal/terminal.sqlite3\n"
        "the terminal's database: recorded scans, events waiting to be synced, known cards\n"
        ".SH SEE ALSO\n"
        ".I /usr/share/doc/stamp\\-terminal/README.Debian\n"
    )

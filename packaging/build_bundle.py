"""Build the terminal bundle: ``dist/stamp-terminal/``, a PyInstaller one-folder build.

    python packaging/build_bundle.py [--dist DIR] [--work DIR]

Run it with the project's environment (``pip install -e '.[package]'``), on the Debian release
and architecture the terminal will run on: the bundle carries its Python and Qt but uses the
system's libraries (see ``stamp-terminal.spec``). The bundle's ``stamp-terminal`` is checked to
start before the script ends; ``build_deb.py`` then wraps it into a Debian package.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from elf_runpath import drop_foreign_run_paths

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "stamp-terminal.spec"
NAME = "stamp-terminal"


class BuildError(Exception):
    """The bundle could not be built; the message says why and what to do."""


def project_version() -> str:
    """``app.__version__``, read from the source without importing the application."""
    for line in (ROOT / "app" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise BuildError("app/__init__.py does not set __version__.")


def build_bundle(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the bundle folder ``dist/stamp-terminal``."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError(
            "PyInstaller is not installed in this Python: run pip install -e '.[package]' first."
        )
    dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    done = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603 - fixed arguments
    if done.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit code {done.returncode}); see its output above.")
    bundle = dist / NAME
    finish_binaries(bundle)
    check_bundle(bundle)
    return bundle


def interpreter_binaries(bundle: Path) -> list[Path]:
    """The Python interpreter's own libraries in the bundle: libpython and lib-dynload."""
    internal = bundle / "_internal"
    found = [p for p in internal.glob("libpython3*") if p.is_file() and not p.is_symlink()]
    found += sorted(internal.glob("python3*/lib-dynload/*.so"))
    return found


def finish_binaries(bundle: Path) -> None:
    """Strip the interpreter's libraries and drop run paths that point off the bundle.

    The wheels' libraries are left as their upstreams built them: stripping a library that
    auditwheel has patched can break it.
    """
    strip = shutil.which("strip")
    if strip is None:
        raise BuildError("strip is missing: install the Debian package binutils.")
    for path in interpreter_binaries(bundle):
        command = [strip, "--strip-unneeded", "--remove-section=.comment", str(path)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise BuildError(f"strip failed on {path}: {done.stderr.strip()}")
    for path in sorted((bundle / "_internal").rglob("*")):
        if path.is_file() and not path.is_symlink():
            drop_foreign_run_paths(path)


def check_bundle(bundle: Path) -> None:
    """The bundle's program starts on its own and reports the project's version."""
    program = bundle / NAME
    if not program.is_file():
        raise BuildError(f"{program} is missing after the build.")
    environment = {"PATH": os.defpath, "LANG": "C.UTF-8", "HOME": str(bundle)}
    done = subprocess.run(  # noqa: S603 - the program just built
        [str(program), "--version"],
        env=environment,
        cwd=bundle.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    expected = f"{NAME} {project_version()}"
    if done.returncode != 0 or done.stdout.strip() != expected:
        raise BuildError(
            f"The bundle does not start: '{program} --version' gave exit code "
            f"{done.returncode}, {done.stdout.strip()!r} {done.stderr.strip()[-400:]!r}."
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's scratch"
    )
    parser.add_argument("--keep-work", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        bundle = build_bundle(args.dist.resolve(), args.work.resolve())
    except BuildError as exc:
        print(f"build_bundle: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep_work:
            shutil.rmtree(args.work, ignore_errors=True)
    print(f"{bundle} built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Keep the kiosk's translations in step with the code.

``python resources/i18n/update.py`` extracts every ``tr()`` / ``QCoreApplication.translate``
text of ``app/ui`` into the ``.ts`` source of each language (new texts come in unfinished, texts
no longer in the code are marked obsolete and dropped), then compiles each ``.ts`` into the
``.qm`` the kiosk loads. ``--check`` changes nothing: it exits 1 when a ``.ts`` misses a text of
the code or has an unfinished one, or when a ``.qm`` is not the compilation of its ``.ts``.
Uses ``pyside6-lupdate`` and ``pyside6-lrelease`` from PySide6.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("de", "ko", "zh")
SOURCES = sorted((ROOT / "app" / "ui").glob("*.py"))


def tool(name: str) -> str:
    """A PySide6 tool beside the running interpreter (a virtual environment) or on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 into this environment")
    return found


def ts_file(code: str, directory: Path = HERE) -> Path:
    return directory / f"stamp_terminal_{code}.ts"


def qm_file(code: str, directory: Path = HERE) -> Path:
    return directory / f"stamp_terminal_{code}.qm"


def extract(code: str, ts: Path) -> None:
    """Merge the texts of the code into ``ts`` (created when missing)."""
    options = ["-locations", "none", "-no-obsolete", "-source-language", "en"]
    target = ["-target-language", code, "-ts", str(ts)]
    subprocess.run(  # noqa: S603 - PySide6's own tool, fixed arguments
        [tool("pyside6-lupdate"), *map(str, SOURCES), *options, *target],
        check=True,
        capture_output=True,
    )


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run(  # noqa: S603 - PySide6's own tool, fixed arguments
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None while unfinished."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own files
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None
            text = translation.text if translation is not None else None
            found[(name, message.findtext("source", ""))] = (text or "") if done else None
    return found


def same_translations(qm: Path, compiled: Path, texts: dict[tuple[str, str], str | None]) -> bool:
    """Whether two .qm files translate every text alike (byte equality would also hold, but
    only for the same version of lrelease)."""
    if qm.read_bytes() == compiled.read_bytes():
        return True
    from PySide6.QtCore import QTranslator  # noqa: PLC0415 - only when the bytes differ

    ours, fresh = QTranslator(), QTranslator()
    if not (ours.load(str(qm)) and fresh.load(str(compiled))):
        return False
    return all(
        ours.translate(context, source) == fresh.translate(context, source)
        for context, source in texts
    )


def problems(code: str) -> list[str]:
    """What is out of step for the language ``code`` (empty: nothing)."""
    ts, qm = ts_file(code), qm_file(code)
    if not ts.exists():
        return [f"{ts.name} is missing"]
    found: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / ts.name
        extract(code, fresh)
        wanted = set(messages(fresh))
        have = messages(ts)
        found += [f"{ts.name}: no entry for {ctx}: {src!r}" for ctx, src in wanted - set(have)]
        found += [
            f"{ts.name}: unfinished {ctx}: {src!r}" for (ctx, src), t in have.items() if t is None
        ]
        compiled = Path(scratch) / qm.name
        compile_ts(ts, compiled)
        if not qm.exists() or not same_translations(qm, compiled, have):
            found.append(f"{qm.name} is not the compilation of {ts.name}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args()
    if args.check:
        found = [problem for code in LANGUAGES for problem in problems(code)]
        for problem in found:
            print(problem)
        return 1 if found else 0
    for code in LANGUAGES:
        extract(code, ts_file(code))
        compile_ts(ts_file(code), qm_file(code))
        unfinished = sum(t is None for t in messages(ts_file(code)).values())
        print(f"{code}: {len(messages(ts_file(code)))} texts, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

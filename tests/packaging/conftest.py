"""One build of the terminal bundle and its Debian package for all the packaging tests."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from package_kit import Built, build


@pytest.fixture(scope="session")
def built() -> Iterator[Built]:
    """The bundle and the package, in a folder other users may read (the kiosk test runs the
    bundle as an unprivileged user)."""
    workdir = Path(tempfile.mkdtemp(prefix="stamp-package-"))
    workdir.chmod(0o755)
    try:
        yield build(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

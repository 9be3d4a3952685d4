"""Run commands as root in a throw-away copy of this machine, to install packages for real.

    unshare --mount --fork python dpkg_sandbox.py WORKDIR SHARED COMMANDS.json

In a private mount namespace the root file system is overlaid with a RAM disk (every write
lands there and vanishes with the namespace), ``SHARED`` is mounted at ``/mnt`` (to hand in
packages and take out files), ``/run`` and ``/tmp`` are empty, and each command runs with
``chroot`` in that copy. Without ``/run/systemd/system`` and ``/run/udev`` the maintainer
scripts leave the running system's services and devices alone, as in an image being built.
Prints one JSON list: for each command its exit code, standard output and standard error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ENVIRONMENT = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "DEBIAN_FRONTEND": "noninteractive",
    "HOME": "/root",
}


def mount(*arguments: str) -> None:
    subprocess.run(["mount", *arguments], check=True)


def prepare(workdir: Path, shared: Path) -> Path:
    """Mount the overlaid copy of ``/`` and return its root."""
    layers = workdir / "layers"
    root = workdir / "root"
    layers.mkdir(parents=True)
    root.mkdir()
    mount("-t", "tmpfs", "-o", "size=4g,mode=0755", "tmpfs", str(layers))
    (layers / "upper").mkdir()
    (layers / "work").mkdir()
    options = f"lowerdir=/,upperdir={layers / 'upper'},workdir={layers / 'work'}"
    mount("-t", "overlay", "-o", options, "overlay", str(root))
    mount("--rbind", "/dev", str(root / "dev"))
    mount("-t", "proc", "proc", str(root / "proc"))
    mount("-t", "tmpfs", "-o", "mode=0755", "tmpfs", str(root / "run"))
    mount("-t", "tmpfs", "-o", "mode=1777", "tmpfs", str(root / "tmp"))
    mount("--bind", str(shared), str(root / "mnt"))
    return root


def main(workdir: str, shared: str, commands_file: str) -> int:
    commands = json.loads(Path(commands_file).read_text(encoding="utf-8"))
    root = prepare(Path(workdir), Path(shared))
    results = []
    for command in commands:
        done = subprocess.run(
            ["chroot", str(root), "/bin/sh", "-c", command],
            env=ENVIRONMENT,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        results.append(
            {"command": command, "rc": done.returncode, "out": done.stdout, "err": done.stderr}
        )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

"""Drop the run paths of ELF files that point outside the bundle (as ``chrpath -d`` does).

A Python built by pyenv or from source links its extension modules with a run path to the
build machine's ``.../lib``; in the bundle that folder does not exist, and on a kiosk it must
not be searched. Only run paths relative to the file itself (``$ORIGIN``) are kept: they are
how the wheels' libraries find each other inside the bundle. The file is edited in place,
nothing moves: a shortened run path is rewritten in its own place, an emptied one is removed
from the dynamic section (the entries after it move up by one).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

PT_LOAD = 1
PT_DYNAMIC = 2
DT_NULL = 0
DT_STRTAB = 5
DT_RPATH = 15
DT_RUNPATH = 29


@dataclass(frozen=True)
class _Layout:
    """Where one ELF class (32 or 64 bits) keeps the fields this module reads."""

    header: str  # e_phoff, e_phentsize, e_phnum, read at offset header_at
    header_at: int
    segment: str  # a program header
    dynamic: str  # d_tag, d_val
    wide: bool

    def segment_fields(self, values: tuple[int, ...]) -> tuple[int, int, int, int]:
        """p_type, p_offset, p_vaddr, p_filesz of an unpacked program header."""
        if self.wide:  # p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, ...
            return values[0], values[2], values[3], values[5]
        return values[0], values[1], values[2], values[4]  # p_type, p_offset, p_vaddr, _, p_filesz


ELF32 = _Layout(header="I10xHH", header_at=0x1C, segment="8I", dynamic="iI", wide=False)
ELF64 = _Layout(header="Q14xHH", header_at=0x20, segment="2I6Q", dynamic="qQ", wide=True)


def _is_foreign(entry: str) -> bool:
    return "$ORIGIN" not in entry and "${ORIGIN}" not in entry


def drop_foreign_run_paths(path: Path) -> bool:
    """Remove the run-path entries of ``path`` that are not relative to it; True if changed."""
    data = bytearray(path.read_bytes())
    if data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        return False
    layout = ELF64 if data[4] == 2 else ELF32
    order = "<" if data[5] == 1 else ">"
    phoff, phentsize, phnum = struct.unpack_from(order + layout.header, data, layout.header_at)
    segments = [
        layout.segment_fields(
            struct.unpack_from(order + layout.segment, data, phoff + i * phentsize)
        )
        for i in range(phnum)
    ]
    dynamic = [(offset, size) for kind, offset, _vaddr, size in segments if kind == PT_DYNAMIC]
    if not dynamic:
        return False
    start, size = dynamic[0]
    entry_size = struct.calcsize(order + layout.dynamic)
    entries = [
        struct.unpack_from(order + layout.dynamic, data, start + i * entry_size)
        for i in range(size // entry_size)
    ]
    count = next((i for i, (tag, _v) in enumerate(entries) if tag == DT_NULL), len(entries))
    strtab = next((value for tag, value in entries[:count] if tag == DT_STRTAB), None)
    if strtab is None:
        return False
    table = _file_offset(segments, strtab)
    changed = False
    kept = []
    for tag, value in entries[:count]:
        if tag in (DT_RPATH, DT_RUNPATH):
            at = table + value
            end = data.index(0, at)
            old = data[at:end].decode("utf-8", "surrogateescape").split(":")
            new = [entry for entry in old if not _is_foreign(entry)]
            if new != old:
                changed = True
                if not new:
                    continue  # the whole entry goes
                text = ":".join(new).encode("utf-8", "surrogateescape")
                data[at:end] = text + b"\0" * (end - at - len(text))
        kept.append((tag, value))
    if not changed:
        return False
    for i in range(count):
        tag, value = kept[i] if i < len(kept) else (DT_NULL, 0)
        struct.pack_into(order + layout.dynamic, data, start + i * entry_size, tag, value)
    path.write_bytes(bytes(data))
    return True


def _file_offset(segments: list[tuple[int, int, int, int]], address: int) -> int:
    """The file offset of a virtual address, through the loadable segment that holds it."""
    for kind, offset, vaddr, size in segments:
        if kind == PT_LOAD and vaddr <= address < vaddr + size:
            return address - vaddr + offset
    raise ValueError(f"address {address:#x} is in no loadable segment")

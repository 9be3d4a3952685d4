"""Draw the card page's icons: icon.svg, icon-192.png and icon-512.png, from one geometry.

Run ``python -m server.web.make_icons`` after changing the drawing and commit the files it
writes into server/web/static (the script itself lives outside that folder, which is served).
Only the standard library is used (the PNGs are anti-aliased with signed distances and written
with zlib and struct): no image library, and no Qt, in the server.

The drawing is a stamp card (four stamps collected, two to go) on the shop's brown. It keeps
inside the central circle of 80 % of the side, the safe zone of a maskable icon, so launchers
may cut it to any shape.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

Color = tuple[int, int, int]

BROWN: Color = (0x6B, 0x3E, 0x26)
PAPER: Color = (0xFF, 0xFA, 0xF3)
PNG_SIZES = (192, 512)
SVG_SIZE = 512


@dataclass(frozen=True, slots=True)
class RoundedRect:
    cx: float
    cy: float
    half_width: float
    half_height: float
    radius: float
    color: Color

    def distance(self, x: float, y: float) -> float:
        qx = abs(x - self.cx) - (self.half_width - self.radius)
        qy = abs(y - self.cy) - (self.half_height - self.radius)
        outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
        return outside + min(max(qx, qy), 0.0) - self.radius

    def bounds(self) -> tuple[float, float, float, float]:
        return (
            self.cx - self.half_width,
            self.cy - self.half_height,
            self.cx + self.half_width,
            self.cy + self.half_height,
        )

    def svg(self, size: int) -> str:
        return (
            f'<rect x="{_n((self.cx - self.half_width) * size)}" '
            f'y="{_n((self.cy - self.half_height) * size)}" '
            f'width="{_n(2 * self.half_width * size)}" height="{_n(2 * self.half_height * size)}" '
            f'rx="{_n(self.radius * size)}" fill="{_hex(self.color)}"/>'
        )


@dataclass(frozen=True, slots=True)
class Circle:
    """A disc, or with ``stroke`` a ring of that width."""

    cx: float
    cy: float
    radius: float
    color: Color
    stroke: float = 0.0

    def distance(self, x: float, y: float) -> float:
        from_centre = math.hypot(x - self.cx, y - self.cy)
        if self.stroke:
            return abs(from_centre - self.radius) - self.stroke / 2
        return from_centre - self.radius

    def bounds(self) -> tuple[float, float, float, float]:
        reach = self.radius + self.stroke / 2
        return (self.cx - reach, self.cy - reach, self.cx + reach, self.cy + reach)

    def svg(self, size: int) -> str:
        centre = f'cx="{_n(self.cx * size)}" cy="{_n(self.cy * size)}" r="{_n(self.radius * size)}"'
        if self.stroke:
            return (
                f'<circle {centre} fill="none" stroke="{_hex(self.color)}" '
                f'stroke-width="{_n(self.stroke * size)}"/>'
            )
        return f'<circle {centre} fill="{_hex(self.color)}"/>'


Shape = RoundedRect | Circle


def shapes() -> list[Shape]:
    """The drawing on a unit square, painted in order over the brown ground."""
    drawn: list[Shape] = [RoundedRect(0.5, 0.5, 0.32, 0.23, 0.06, PAPER)]
    for index in range(6):
        cx = 0.31 + 0.19 * (index % 3)
        cy = 0.40 + 0.20 * (index // 3)
        if index < 4:
            drawn.append(Circle(cx, cy, 0.07, BROWN))
        else:
            drawn.append(Circle(cx, cy, 0.062, BROWN, stroke=0.018))
    return drawn


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _hex(color: Color) -> str:
    return "#{:02x}{:02x}{:02x}".format(*color)


def svg() -> str:
    """The icon as SVG (presentation attributes only: no style, no script)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_SIZE} {SVG_SIZE}" '
        f'width="{SVG_SIZE}" height="{SVG_SIZE}">',
        f'<rect width="{SVG_SIZE}" height="{SVG_SIZE}" fill="{_hex(BROWN)}"/>',
        *(shape.svg(SVG_SIZE) for shape in shapes()),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def pixels(size: int) -> list[bytearray]:
    """RGB rows of the icon at ``size`` pixels, each edge pixel blended by its coverage."""
    rows = [bytearray(BROWN * size) for _ in range(size)]
    for shape in shapes():
        left, top, right, bottom = (int(edge * size) for edge in shape.bounds())
        for y in range(max(top - 1, 0), min(bottom + 2, size)):
            row = rows[y]
            for x in range(max(left - 1, 0), min(right + 2, size)):
                inside = 0.5 - shape.distance((x + 0.5) / size, (y + 0.5) / size) * size
                coverage = min(max(inside, 0.0), 1.0)
                if coverage <= 0.0:
                    continue
                for channel in range(3):
                    old = row[3 * x + channel]
                    row[3 * x + channel] = round(old + (shape.color[channel] - old) * coverage)
    return rows


def png(size: int) -> bytes:
    """The icon as an 8-bit RGB PNG of ``size`` x ``size`` pixels."""
    raw = b"".join(b"\x00" + bytes(row) for row in pixels(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def write_icons(directory: Path) -> list[Path]:
    """Write icon.svg and the PNGs into ``directory``; the paths written."""
    written = [directory / "icon.svg"]
    written[0].write_text(svg(), encoding="utf-8")
    for size in PNG_SIZES:
        path = directory / f"icon-{size}.png"
        path.write_bytes(png(size))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_icons(Path(__file__).resolve().with_name("static")):
        sys.stdout.write(f"wrote {path}\n")

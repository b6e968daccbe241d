#!/usr/bin/env python3
"""Draws the app's icons (assets/icon-32.png, icon-192.png, icon-512.png, icon.svg): a timeline, a
vertical rule with three events, on the accent colour. The favicon is a PNG, not the SVG:
Chromium renders an SVG favicon as a document in the page's own process, again after every
URL change (~5 ms a keystroke). Standard library only; run once
after changing the design, and commit the output."""
import struct, zlib, pathlib

ACCENT = (138, 45, 31)
PAPER = (247, 245, 240)
# Shapes in a 0..1 square: (kind, params)
SHAPES = [("rect", 0.30, 0.18, 0.345, 0.82)]
DOTS = [(0.3225, 0.30, 0.065), (0.3225, 0.50, 0.065), (0.3225, 0.70, 0.065)]
BARS = [(0.43, 0.275, 0.78, 0.325), (0.43, 0.475, 0.70, 0.525), (0.43, 0.675, 0.74, 0.725)]


def inside(x, y):
    r = 0.18  # corner radius of the background
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    for _, x0, y0, x1, y1 in SHAPES:
        if x0 <= x <= x1 and y0 <= y <= y1:
            return PAPER
    for dx, dy, dr in DOTS:
        if (x - dx) ** 2 + (y - dy) ** 2 <= dr * dr:
            return PAPER
    for x0, y0, x1, y1 in BARS:
        h = (y1 - y0) / 2
        if y0 <= y <= y1 and x0 <= x <= x1:
            return PAPER
    return ACCENT


def png(size):
    ss = 4
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(ss):
                for si in range(ss):
                    c = inside((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = ss * ss
            a = acc[3] // n
            if a:
                row += bytes([acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], a])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg():
    parts = [f'<rect width="100" height="100" rx="18" fill="rgb{ACCENT}"/>']
    for _, x0, y0, x1, y1 in SHAPES:
        parts.append(f'<rect x="{x0*100:g}" y="{y0*100:g}" width="{(x1-x0)*100:g}" height="{(y1-y0)*100:g}" fill="rgb{PAPER}"/>')
    for dx, dy, dr in DOTS:
        parts.append(f'<circle cx="{dx*100:g}" cy="{dy*100:g}" r="{dr*100:g}" fill="rgb{PAPER}"/>')
    for x0, y0, x1, y1 in BARS:
        parts.append(f'<rect x="{x0*100:g}" y="{y0*100:g}" width="{(x1-x0)*100:g}" height="{(y1-y0)*100:g}" fill="rgb{PAPER}"/>')
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">' + "".join(parts) + "</svg>\n"


out = pathlib.Path(__file__).resolve().parent.parent / "assets"
out.mkdir(exist_ok=True)
for size in (32, 192, 512):
    (out / f"icon-{size}.png").write_bytes(png(size))
(out / "icon.svg").write_text(svg())

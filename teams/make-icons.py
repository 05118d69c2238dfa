#!/usr/bin/env python3
"""Writes color.png (192x192, full colour) and outline.png (32x32, white on transparent) for the Teams app.

Standard library only (zlib + struct), so the icons can be regenerated anywhere: python3 make-icons.py
The mark is a speech bubble holding a plus sign: a chat assistant for a clinic.
"""
import struct
import zlib


def png(path, size, pixel):
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            rows.extend(pixel(x, y))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def bubble(x, y, s):
    """True inside a rounded speech bubble with a tail, in a unit square scaled to s."""
    u, v = x / s, y / s
    left, top, right, bottom, r = 0.12, 0.14, 0.88, 0.72, 0.14
    cx = min(max(u, left + r), right - r)
    cy = min(max(v, top + r), bottom - r)
    inside_box = left <= u <= right and top <= v <= bottom and (u - cx) ** 2 + (v - cy) ** 2 <= r * r
    # Tail: a triangle below the bubble's lower left.
    tail = 0.72 <= v <= 0.88 and 0.26 <= u <= 0.42 and (u - 0.26) <= (0.88 - v) * 1.0
    return inside_box or tail


def plus(x, y, s):
    u, v = x / s, y / s
    arm, half = 0.30, 0.065
    cx, cy = 0.5, 0.43
    return (abs(u - cx) <= half and abs(v - cy) <= arm / 1.5) or (abs(v - cy) <= half and abs(u - cx) <= arm / 1.5)


def color(x, y):
    s = 192
    teal, white = (0x0E, 0x7C, 0x86, 255), (255, 255, 255, 255)
    if plus(x + 0.5, y + 0.5, s) and bubble(x + 0.5, y + 0.5, s):
        return teal
    if bubble(x + 0.5, y + 0.5, s):
        return white
    return teal


def outline(x, y):
    s = 32
    inside = bubble(x + 0.5, y + 0.5, s)
    if not inside:
        return (0, 0, 0, 0)
    # White outline: bubble pixels with a neighbour outside, plus the plus sign.
    edge = any(not bubble(x + 0.5 + dx, y + 0.5 + dy, s) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
    return (255, 255, 255, 255) if edge or plus(x + 0.5, y + 0.5, s) else (0, 0, 0, 0)


png("color.png", 192, color)
png("outline.png", 32, outline)

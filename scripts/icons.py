#!/usr/bin/env python3
"""Makes the app's PNG icons (public/*.png) from public/icon.svg; the PNGs are committed, so
run this again only after changing the SVG: `python3 scripts/icons.py`.

Why PNGs: an installed app needs them (Android's install prompt and launcher want 192 and 512
pixel PNGs, iOS takes only a PNG apple-touch-icon), and a launcher that cuts icons into a
circle or a squircle needs a "maskable" one, drawn to the edges with the glyph inside the
central safe zone (a circle of 40 % of the size around the centre).

How: headless Chromium (CHROMIUM, default /usr/bin/chromium) renders each SVG at the exact
size, so the icon looks as the browser draws icon.svg (same fonts for 管: Noto Sans CJK SC).
Needs Python 3 with Pillow, which checks every result (size, and that the maskable icons
hold nothing but the theme colour outside the safe zone).

Writes, beside icon.svg:
- icon-192.png, icon-512.png: the SVG as it is (rounded corners, transparent outside them),
  the manifest's "any" icons;
- icon-maskable-192.png, icon-maskable-512.png: the same drawing on a full-bleed square of
  the theme colour (the manifest's "maskable" icons);
- apple-touch-icon.png (180): the full-bleed drawing too, since iOS rounds the corners itself
  and would fill transparent ones with black;
- shortcut-new.png, shortcut-patrol.png, shortcut-day.png (96): the manifest's shortcuts
  (new request, patrol, my day), one character each on the theme colour.
"""

import math
import os
import re
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUBLIC = os.path.join(ROOT, "public")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
THEME = (0x1F, 0x6F, 0x5C)
# The maskable safe zone: a circle of this fraction of the size around the centre.
SAFE_RADIUS = 0.4

FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
SHORTCUT_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">
  <rect width="96" height="96" fill="#1f6f5c"/>
  <text x="48" y="64" font-size="44" text-anchor="middle" fill="#f4f6f5"
        font-family="{font}">{glyph}</text>
</svg>"""
SHORTCUTS = {"shortcut-new.png": "报", "shortcut-patrol.png": "巡", "shortcut-day.png": "日"}


def render(svg_text, size, out):
    """Renders `svg_text` at `size`×`size` pixels into the PNG `out` (transparent background)."""
    with tempfile.TemporaryDirectory() as tmp:
        svg = os.path.join(tmp, "icon.svg")
        with open(svg, "w", encoding="utf-8") as f:
            f.write(svg_text)
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--default-background-color=00000000",
                f"--window-size={size},{size}",
                f"--screenshot={out}",
                svg,
            ],
            check=True,
            capture_output=True,
        )
    img = Image.open(out)
    if img.size != (size, size):
        sys.exit(f"{out}: {img.size}, wanted {size}×{size}")
    # Smaller files, same pixels: no metadata, best compression.
    img.convert("RGBA").save(out, optimize=True)
    return img.convert("RGBA")


def full_bleed(svg_text):
    """The SVG with its background square drawn to the edges (no rounded corners)."""
    out, n = re.subn(r'(<rect width="512" height="512") rx="\d+"', r"\1", svg_text)
    if n != 1:
        sys.exit("icon.svg: no rounded background <rect> found; update scripts/icons.py")
    return out


def check_safe_zone(img, name):
    """Fails unless every pixel outside the safe circle is the theme colour (the glyph stays
    whole whatever shape a launcher cuts)."""
    size = img.size[0]
    c = size / 2
    r = SAFE_RADIUS * size
    px = img.load()
    for y in range(size):
        for x in range(size):
            if math.hypot(x + 0.5 - c, y + 0.5 - c) <= r:
                continue
            red, green, blue, alpha = px[x, y]
            if alpha != 255 or max(abs(red - THEME[0]), abs(green - THEME[1]), abs(blue - THEME[2])) > 2:
                sys.exit(f"{name}: pixel ({x},{y}) = {px[x, y]} outside the safe zone")


def main():
    with open(os.path.join(PUBLIC, "icon.svg"), encoding="utf-8") as f:
        svg = f.read()
    bleed = full_bleed(svg)
    for size in (192, 512):
        render(svg, size, os.path.join(PUBLIC, f"icon-{size}.png"))
        name = f"icon-maskable-{size}.png"
        check_safe_zone(render(bleed, size, os.path.join(PUBLIC, name)), name)
    check_safe_zone(render(bleed, 180, os.path.join(PUBLIC, "apple-touch-icon.png")), "apple")
    for name, glyph in SHORTCUTS.items():
        render(SHORTCUT_SVG.format(font=FONT, glyph=glyph), 96, os.path.join(PUBLIC, name))
    print("icons written to", PUBLIC)


if __name__ == "__main__":
    main()

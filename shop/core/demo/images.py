"""Product images and producer logos drawn locally with Pillow (nothing is downloaded).

Deterministic: the same title, group and code always give the same picture. A background
colour and a simple motif per OCOP product group, the product's name in Vietnamese (DejaVu
Sans when installed; otherwise Pillow's default font and the name without tone marks).
"""

from __future__ import annotations

import io
import math
import unicodedata
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

SIZE = 600
LOGO_SIZE = 240
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Background, motif colour per group of Decision 148 (1 food … 6 tourism services).
PALETTE = {
    "1": ((196, 98, 45), (240, 178, 122)),
    "2": ((122, 38, 66), (214, 131, 160)),
    "3": ((46, 110, 64), (150, 206, 150)),
    "4": ((128, 86, 40), (222, 184, 135)),
    "5": ((60, 120, 110), (160, 214, 200)),
    "6": ((30, 88, 140), (140, 190, 230)),
}
LEGAL_TYPE_COLOURS = {
    "enterprise": (25, 70, 120),
    "cooperative": (40, 110, 60),
    "household": (150, 80, 30),
}


def ascii_fold(text: str) -> str:
    """ "Tỏi Lý Sơn" → "Toi Ly Son" (keeps case), for fonts without Vietnamese glyphs."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ord(ch) < 128)


@cache
def font(size: int, bold: bool = False):
    """(font, supports_vietnamese)."""
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size), True
    return ImageFont.load_default(size=size), False


def _text(value: str, supports_vietnamese: bool) -> str:
    return value if supports_vietnamese else ascii_fold(value)


def _wrap(draw, text, typeface, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _motif(draw, group: str, colour, centre, radius):
    cx, cy = centre
    if group == "1":  # a bowl with steam
        draw.pieslice((cx - radius, cy - radius, cx + radius, cy + radius), 0, 180, fill=colour)
        for dx in (-radius // 2, 0, radius // 2):
            draw.arc(
                (cx + dx - 18, cy - radius, cx + dx + 18, cy - 20), 200, 340, fill=colour, width=8
            )
    elif group == "2":  # a bottle
        draw.rounded_rectangle(
            (cx - radius // 2, cy - radius // 3, cx + radius // 2, cy + radius),
            radius=24,
            fill=colour,
        )
        draw.rectangle((cx - 18, cy - radius, cx + 18, cy - radius // 3), fill=colour)
    elif group == "3":  # a leaf
        draw.ellipse((cx - radius, cy - radius // 2, cx + radius, cy + radius // 2), fill=colour)
        draw.line((cx - radius, cy, cx + radius, cy), fill=(255, 255, 255), width=5)
    elif group == "4":  # a woven diamond pattern
        step = radius // 2
        for i in range(-2, 3):
            for j in range(-2, 3):
                x, y = cx + i * step, cy + j * step
                if (i + j) % 2 == 0:
                    draw.polygon(
                        [
                            (x, y - step // 2),
                            (x + step // 2, y),
                            (x, y + step // 2),
                            (x - step // 2, y),
                        ],
                        fill=colour,
                    )
    elif group == "5":  # a flower
        for k in range(6):
            angle = k * math.pi / 3
            px, py = cx + radius * 0.5 * math.cos(angle), cy + radius * 0.5 * math.sin(angle)
            draw.ellipse((px - 40, py - 40, px + 40, py + 40), fill=colour)
    else:  # mountains and the sun: tourism
        draw.ellipse((cx + 20, cy - radius, cx + 100, cy - radius + 80), fill=colour)
        draw.polygon(
            [
                (cx - radius, cy + radius // 2),
                (cx - 20, cy - radius // 2),
                (cx + 60, cy + radius // 2),
            ],
            fill=colour,
        )
        draw.polygon(
            [(cx - 10, cy + radius // 2), (cx + 70, cy - 10), (cx + radius, cy + radius // 2)],
            fill=colour,
        )


def product_image(title: str, group: str, code: str) -> bytes:
    """A 600×600 JPEG for a product: group colour and motif, name and code."""
    background, accent = PALETTE.get(group, PALETTE["1"])
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, SIZE - 20, SIZE - 20), outline=accent, width=6)
    _motif(draw, group, accent, (SIZE // 2, 215), 130)

    return _finish(image, draw, "OCOP Quảng Ngãi", title, code, accent)


def _finish(image, draw, label: str, title: str, code: str, accent) -> bytes:
    """The label at the top, the title centred below the picture, the code at the bottom;
    the image as JPEG."""
    label_font, vietnamese = font(22, bold=True)
    draw.text((40, 38), _text(label, vietnamese), font=label_font, fill=accent)

    title_font, vietnamese = font(40, bold=True)
    lines = _wrap(draw, _text(title, vietnamese), title_font, SIZE - 90)[:3]
    y = 390 if len(lines) < 3 else 370
    for line in lines:
        width = draw.textlength(line, font=title_font)
        draw.text(((SIZE - width) / 2, y), line, font=title_font, fill=(255, 255, 255))
        y += 52
    code_font, _ = font(20)
    draw.text((40, SIZE - 62), code, font=code_font, fill=accent)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


# Background and accent per gift occasion (Tết red, Mid-Autumn night blue, others).
GIFT_PALETTE = {
    "tet": ((170, 28, 36), (246, 196, 70)),
    "trung-thu": ((28, 46, 96), (246, 206, 110)),
}
GIFT_DEFAULT = ((120, 40, 70), (240, 200, 150))


def gift_image(title: str, occasion: str, code: str) -> bytes:
    """A 600×600 JPEG for a gift bundle: a tied gift box in the occasion's colours, the
    bundle's name and code."""
    background, accent = GIFT_PALETTE.get(occasion, GIFT_DEFAULT)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, SIZE - 20, SIZE - 20), outline=accent, width=6)
    cx, top, bottom, half = SIZE // 2, 150, 330, 130
    # The box, its lid and the ribbon crossing both.
    draw.rectangle((cx - half, top + 30, cx + half, bottom), fill=accent)
    draw.rectangle((cx - half - 15, top, cx + half + 15, top + 40), fill=accent)
    draw.rectangle((cx - half - 15, top, cx + half + 15, top + 40), outline=background, width=3)
    draw.rectangle((cx - 16, top, cx + 16, bottom), fill=background)
    # The bow.
    draw.ellipse((cx - 90, top - 60, cx - 6, top + 4), outline=accent, width=14)
    draw.ellipse((cx + 6, top - 60, cx + 90, top + 4), outline=accent, width=14)
    draw.ellipse((cx - 16, top - 22, cx + 16, top + 10), fill=accent)

    return _finish(image, draw, "Quà đặc sản Quảng Ngãi", title, code, accent)


def producer_logo(name: str, legal_type: str) -> bytes:
    """A 240×240 PNG logo: a coloured disc with the initials of the producer's own name."""
    colour = LEGAL_TYPE_COLOURS.get(legal_type, (90, 90, 90))
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, LOGO_SIZE - 10, LOGO_SIZE - 10), fill=colour)
    words = [w for w in name.split() if w[:1].isalpha()]
    skip = {"công", "ty", "tnhh", "cổ", "phần", "htx", "cơ", "sở", "hộ", "kinh", "doanh"}
    own = [w for w in words if w.lower() not in skip] or words
    typeface, vietnamese = font(72, bold=True)
    initials = _text("".join(w[0] for w in own[-2:]).upper(), vietnamese)
    width = draw.textlength(initials, font=typeface)
    draw.text(((LOGO_SIZE - width) / 2, 72), initials, font=typeface, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def save(path: str, content: bytes) -> str:
    """Write ``content`` at exactly ``path`` in the default storage (replacing nothing)."""
    saved = default_storage.save(path, ContentFile(content))
    return saved

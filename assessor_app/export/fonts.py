"""Registers the shipped DejaVu fonts so every name, however accented, prints as letters, not boxes."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def register_fonts(font_dir: Path) -> None:
    """Idempotent: reportlab keeps a process-wide font registry, so register each face once."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in (REGULAR, BOLD):
        if name not in registered:
            path = Path(font_dir) / f"{name}.ttf"
            if not path.exists():
                raise FileNotFoundError(f"font file {path} is missing from the resources folder")
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)

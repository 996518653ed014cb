"""Cell contents shared by every page of the record: escaped paragraphs, label-value fields, signature images."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer

from assessor_app.domain.lar_model import missing_image_sha256
from assessor_app.export.styles import BODY, LABEL, TINY


def p(text: str, style=BODY) -> Paragraph:
    """Plain text as a paragraph: markup characters escaped, line breaks kept, long words split to fit."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def field(label: str, value: str, style=BODY) -> Paragraph:
    return Paragraph(f'<font name="{LABEL.fontName}">{escape(label)}</font> {escape(value or "")}'
                     .replace("\n", "<br/>"), style)


def numeral(value) -> str:
    return "" if value is None else str(value)


def signature(png: bytes | None, width: float = 45 * mm, height: float = 11 * mm) -> Flowable:
    """A specimen or drawn signature scaled into its box; an empty box of the same height where there is none."""
    if not png:
        return Spacer(width, height)
    missing = missing_image_sha256(png)
    if missing:  # exported with --allow-incomplete: say so where the signature would be
        return Paragraph(f'<font name="{LABEL.fontName}">signature image missing:</font> {missing[:12]}', TINY)
    try:
        image = Image(io.BytesIO(png), width=width, height=height, kind="proportional")
        image.hAlign = "LEFT"
        return image
    except Exception:  # a damaged image must not stop the whole record from printing
        return p("[signature image could not be read]", TINY)

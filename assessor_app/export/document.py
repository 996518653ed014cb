"""Writing flowables to an A4 PDF deterministically, with the record's running footer on every page."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from assessor_app.export.fonts import REGULAR, register_fonts

MARGIN = 15 * mm


class _NumberedDocument(BaseDocTemplate):
    """Two passes so every footer can say 'page N of M'."""

    def __init__(self, path, footer_text: str, **kwargs):
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + 6 * mm, **kwargs)
        self.footer_text = footer_text
        self.page_total = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def _footer(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7)
        total = self.page_total or "?"
        canvas.drawString(MARGIN, 9 * mm, self.footer_text)
        canvas.drawRightString(A4[0] - MARGIN, 9 * mm, f"Page {doc.page} of {total}")
        canvas.restoreState()


def write_pdf(path: Path, build_story: Callable[[], list[Flowable]], *, font_dir: Path, title: str,
              footer_text: str) -> Path:
    """Lay out the story twice (the first pass counts pages); same story, same bytes (invariant mode).

    The file appears only when complete: it is written beside its target and renamed over it."""
    register_fonts(font_dir)
    path = Path(path)
    counting = _NumberedDocument(io.BytesIO(), footer_text, invariant=1, title=title, author="assessor-app")
    counting.build(build_story())
    partial = path.with_name(path.name + ".partial")
    final = _NumberedDocument(str(partial), footer_text, invariant=1, title=title, author="assessor-app")
    final.page_total = counting.page
    try:
        final.build(build_story())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path

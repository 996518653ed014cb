"""Writing flowables to an A4 PDF deterministically, with the record's running footer on every page."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from assessor_app.export.fonts import BOLD, REGULAR, register_fonts

MARGIN = 15 * mm
FOOTER_SIZE = 7
HEADING_SIZE = 11
PAGE_TOTAL_FORM = "PageTotal"
PAGE_TEMPLATE = "page"


class _PageTotalCanvas(Canvas):
    """Footers refer to a form holding the page count, defined once the count is known: one layout pass, not two."""

    def save(self):
        self.beginForm(PAGE_TOTAL_FORM)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.drawString(0, 0, str(self._pageNumber - 1))  # _pageNumber is already one past the last page
        self.endForm()
        super().save()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut a footer line with an ellipsis rather than let it run into the page number."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _NumberedDocument(BaseDocTemplate):
    """A4 portrait; every page carries the footer lines and 'Page N of M'; headed templates repeat a heading."""

    def __init__(self, path, footer_lines: Sequence[str], footer_right: str,
                 headed_pages: dict[str, Sequence[str]], **kwargs):
        # Pages start in the embedded font, so no unembedded Helvetica is even named in the file.
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + 6 * mm, initialFontName=REGULAR, **kwargs)
        self.footer_lines = tuple(footer_lines)
        self.footer_right = footer_right
        self.headed_pages = {k: tuple(v) for k, v in headed_pages.items()}
        templates = [PageTemplate(id=PAGE_TEMPLATE, frames=[self._frame(0)], onPage=self._decorate)]
        for template_id, lines in self.headed_pages.items():
            # A headed page leads to another headed page of the same kind until the story says otherwise.
            templates.append(PageTemplate(id=template_id, frames=[self._frame(len(lines) * 6 * mm + 3 * mm)],
                                          onPage=self._decorate, autoNextPageTemplate=template_id))
        self.addPageTemplates(templates)

    def _frame(self, heading_height: float) -> Frame:
        return Frame(self.leftMargin, self.bottomMargin, self.width, self.height - heading_height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        right = A4[0] - MARGIN
        reserve = stringWidth("00000", REGULAR, FOOTER_SIZE)
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 14 * mm, right, 14 * mm)
        width = self.width - 45 * mm
        for i, line in enumerate(self.footer_lines[:2]):
            canvas.drawString(MARGIN, (10.5 - 3.5 * i) * mm, _fit(line, REGULAR, FOOTER_SIZE, width))
        canvas.drawRightString(right - reserve, 10.5 * mm, f"Page {doc.page} of ")
        canvas.saveState()
        canvas.translate(right - reserve, 10.5 * mm)
        canvas.doForm(PAGE_TOTAL_FORM)
        canvas.restoreState()
        if self.footer_right:
            canvas.drawRightString(right, 7 * mm, self.footer_right)
        template = doc.pageTemplate.id
        if template in self.headed_pages:
            canvas.setFont(BOLD, HEADING_SIZE)
            top = A4[1] - MARGIN - HEADING_SIZE
            for i, line in enumerate(self.headed_pages[template]):
                canvas.drawCentredString(A4[0] / 2, top - i * 6 * mm, line)
        canvas.restoreState()


def write_pdf(path: Path, build_story: Callable[[], list[Flowable]], *, font_dir: Path, title: str,
              footer_text: str | Sequence[str], footer_right: str = "",
              headed_pages: dict[str, Sequence[str]] | None = None, subject: str = "") -> Path:
    """Lay the story out once; same story, same bytes (invariant mode: no dates, fixed ids).

    The file appears only when complete: it is written beside its target and renamed over it."""
    register_fonts(font_dir)
    path = Path(path)
    lines = (footer_text,) if isinstance(footer_text, str) else tuple(footer_text)
    partial = path.with_name(path.name + ".partial")
    document = _NumberedDocument(str(partial), lines, footer_right, headed_pages or {}, invariant=1, title=title,
                                 author="assessor-app", subject=subject, creator="assessor-app")
    try:
        document.build(build_story(), canvasmaker=_PageTotalCanvas)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path

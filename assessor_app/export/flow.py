"""Page-flow helpers: tables that split cleanly, footers that never start a page alone, 'continued' captions."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

# Below this much room a row is not split inside itself: the rest of the table goes to the next page instead.
MIN_IN_ROW_SPLIT = 40 * mm


class FlowTable(Table):
    """A table that splits between rows, and inside a row only when there is real room for it.

    reportlab offers a split table's remainder the space left under the first part; when the next rows are bound
    by a span (an LO cell) they cannot go whole, and it would split them inside the row, printing the repeated
    header and a line or two in that sliver. So a remainder only splits into a frame that is still empty."""

    _remainder = False

    def split(self, avail_width, avail_height):
        frame = getattr(self, "_frame", None)  # set by the frame while it asks for the split
        if self._remainder and frame is not None and not getattr(frame, "_atTop", True):
            return []
        self._calc(avail_width, avail_height)
        parts = self._splitRows(avail_height, doInRowSplit=0)
        if not parts and self.splitInRow and avail_height >= MIN_IN_ROW_SPLIT:
            parts = self._splitRows(avail_height, doInRowSplit=1)
        for part in parts[1:]:
            part._remainder = True
        return parts


class KeepWithFooter(Flowable):
    """A table followed by footer flowables; when the table breaks across pages, its last part keeps the footer."""

    def __init__(self, body: Flowable, footer: list[Flowable], gap: float = 0):
        super().__init__()
        self.body, self.footer, self.gap = body, list(footer), gap
        self._sizes: list[tuple[float, float]] = []

    def _footer_height(self, avail_width: float, avail_height: float) -> float:
        self._sizes = [f.wrap(avail_width, avail_height) for f in self.footer]
        return self.gap + sum(h for _, h in self._sizes)

    def wrap(self, avail_width, avail_height):
        _, body_height = self.body.wrap(avail_width, avail_height)
        self._body_height = body_height
        self.width = avail_width
        self.height = body_height + self._footer_height(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        footer_height = self._footer_height(avail_width, avail_height)
        _, body_height = self.body.wrap(avail_width, avail_height)
        # If the table alone fits, shorten it so some rows move over with the footer; else split where it must.
        room = avail_height - footer_height if body_height <= avail_height else avail_height
        self.body._frame = getattr(self, "_frame", None)  # so the table knows whether the frame is still empty
        try:
            parts = self.body.split(avail_width, room)
        finally:
            del self.body._frame
        if len(parts) < 2:
            return []
        return [*parts[:-1], KeepWithFooter(parts[-1], self.footer, self.gap)]

    def draw(self):
        y = self.height - self._body_height
        self.body.drawOn(self.canv, 0, y)
        y -= self.gap
        for flowable, (_, h) in zip(self.footer, self._sizes):
            y -= h
            flowable.drawOn(self.canv, 0, y)


class ContinuedTable(FlowTable):
    """A table whose first row is a caption; on every page after the first the caption reads `continued`."""

    continued = None

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        for part in parts[1:]:
            part.continued = self.continued
            if self.continued is not None:
                # A new row list: the rows are shared with the part already on the earlier page.
                part._cellvalues[0] = [self.continued, *part._cellvalues[0][1:]]
        return parts


class RuledRows(Flowable):
    """Empty ruled rows under a table, as many as fit in what is left of the page: the paper form's blank lines."""

    def __init__(self, widths: tuple[float, ...], row_height: float, colour, line_width: float = 0.5):
        super().__init__()
        self.widths, self.row_height, self.colour, self.line_width = widths, row_height, colour, line_width
        self.rows = 0

    def wrap(self, avail_width, avail_height):
        self.rows = max(0, int((avail_height - 1) // self.row_height))
        self.width = sum(self.widths)
        self.height = self.rows * self.row_height
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []  # never carried to another page: the rows are only there to fill this one

    def draw(self):
        if not self.rows:
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(self.line_width)
        x = 0.0
        for width in (0.0, *self.widths):
            x += width
            canvas.line(x, 0, x, self.height)
        for row in range(self.rows):
            canvas.line(0, row * self.row_height, self.width, row * self.row_height)
        canvas.restoreState()

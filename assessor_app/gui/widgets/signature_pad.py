"""A pad to sign on with the mouse, a pen or a finger (or to load a scanned signature into); saves a PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#10205a")  # dark blue ink, legible on the printed record in black and white too
PAPER = QColor("#ffffff")


class SignaturePad(QWidget):
    """Strokes drawn here are kept as lines (redrawn at any size); `to_png()` renders them on white.
    A loaded image replaces the strokes; clear() empties the pad."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Signature pad")
        self.setToolTip("Sign here with the mouse, a pen or a finger")
        self.setMinimumHeight(120)
        self._strokes: list[list[QPointF]] = []  # in widget coordinates normalised to 0..1
        self._image: QImage | None = None

    def sizeHint(self) -> QSize:
        return QSize(420, 140)

    # -- state -------------------------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return self._image is None and not any(len(s) > 1 for s in self._strokes)

    def clear(self) -> None:
        self._strokes, self._image = [], None
        self.update()
        self.changed.emit()

    def load_image(self, path: Path) -> bool:
        """Use a scanned or photographed signature; False (pad unchanged) when the file is not an image."""
        image = QImage(str(path))
        if image.isNull():
            return False
        self._strokes, self._image = [], image
        self.update()
        self.changed.emit()
        return True

    def to_png(self, size: QSize = QSize(600, 200)) -> bytes:
        """The signature as a PNG on white, the strokes scaled to `size`."""
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(PAPER)
        painter = QPainter(image)
        self._draw(painter, QRectF(0, 0, size.width(), size.height()), ink_width=3.0)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data)

    def save_png(self, path: Path) -> Path:
        Path(path).write_bytes(self.to_png())
        return Path(path)

    # -- input: mouse, tablet pen, touch ----------------------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        if self._image is not None:  # drawing over a loaded image starts a fresh signature
            self._image = None
        self._strokes.append([self._normalised(point)])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._strokes:
            self._strokes[-1].append(self._normalised(point))
            self.update()

    def _end(self) -> None:
        self.changed.emit()

    def _normalised(self, point: QPointF) -> QPointF:
        return QPointF(min(max(point.x() / max(self.width(), 1), 0.0), 1.0),
                       min(max(point.y() / max(self.height(), 1), 0.0), 1.0))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                position = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(position)
                else:
                    self._extend(position)
                if kind == QEvent.Type.TouchEnd:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # -- drawing -----------------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        baseline = self.height() * 0.78
        painter.setPen(QPen(QColor("#b0b0b0"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(12, baseline), QPointF(self.width() - 12, baseline))
        if self.is_empty():
            painter.setPen(QColor("#808080"))
            painter.drawText(self.rect().adjusted(12, 8, -12, -8), Qt.AlignmentFlag.AlignLeft, "Sign here")
        self._draw(painter, QRectF(self.rect()), ink_width=2.5)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()

    def _draw(self, painter: QPainter, area: QRectF, ink_width: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._image is not None:
            scaled = self._image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.x() + (area.width() - scaled.width()) / 2,
                            area.y() + (area.height() - scaled.height()) / 2, scaled.width(), scaled.height())
            painter.drawImage(target, self._image)
            return
        painter.setPen(QPen(INK, ink_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(self._scaled(stroke[0], area))
            for point in stroke[1:]:
                path.lineTo(self._scaled(point, area))
            painter.drawPath(path)

    @staticmethod
    def _scaled(point: QPointF, area: QRectF) -> QPointF:
        return QPointF(area.x() + point.x() * area.width(), area.y() + point.y() * area.height())

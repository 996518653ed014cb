"""A signature pad: drawn with the mouse, a pen or a finger, cleared and redrawn, saved as a PNG image."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

INK = QPen(QColor("#10206b"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)


class SignatureCanvas(QWidget):
    """The drawing surface. Pen and touch arrive as mouse events too (Qt synthesises them), so one path serves all."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self.setMinimumSize(QSize(320, 110))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    def sizeHint(self) -> QSize:
        return QSize(420, 130)

    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._strokes.append([event.position()])
            self.update()

    def mouseMoveEvent(self, event) -> None:
        if self._strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self._strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._strokes and event.button() == Qt.MouseButton.LeftButton:
            self._strokes[-1].append(event.position())
            self.update()
            self.changed.emit()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#b0b0b0"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 28
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        self._draw(painter)

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(INK)
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)

    def image(self) -> QImage:
        """The ink on white, at the pad's size (what the printed record draws)."""
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        return image

    def save_png(self, path: Path) -> Path:
        if not self.image().save(str(path), "PNG"):
            raise OSError(f"could not write the signature image {path}")
        return Path(path)


class SignaturePad(QWidget):
    """A captioned canvas with a Clear button: `caption` says who signs."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.canvas = SignatureCanvas()
        self.caption = QLabel(caption)
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.canvas.clear)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.canvas)

    def is_empty(self) -> bool:
        return self.canvas.is_empty()

    def save_png(self, path: Path) -> Path:
        return self.canvas.save_png(path)

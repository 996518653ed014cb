"""The signature pad: drawn with mouse events, cleared, loaded from an image, saved as a PNG with ink on it."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from assessor_app.gui.widgets.signature_pad import SignaturePad


def draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def inked_pixels(png: bytes) -> int:
    image = QImage.fromData(png)
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).lightness() < 128)


def zigzag():
    return [(20 + i * 30, 30 if i % 2 else 90) for i in range(12)]


def test_drawing_with_the_mouse_inks_the_png_and_clear_empties_it(qtbot, tmp_path):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 140)
    pad.show()
    assert pad.is_empty() and inked_pixels(pad.to_png()) == 0
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, zigzag())
    assert not pad.is_empty()
    saved = pad.save_png(tmp_path / "signature.png")
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and inked_pixels(saved.read_bytes()) > 50
    pad.resize(800, 200)  # the strokes are kept as lines: redrawn at the new size
    assert inked_pixels(pad.to_png()) > 50
    pad.clear()
    assert pad.is_empty() and inked_pixels(pad.to_png()) == 0


def test_load_from_an_image_and_refuse_a_non_image(qtbot, tmp_path):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    scan = QImage(300, 100, QImage.Format.Format_RGB32)
    scan.fill(QColor("white"))
    for x in range(20, 280):
        scan.setPixelColor(x, 50, QColor("black"))
        scan.setPixelColor(x, 51, QColor("black"))
    scan.save(str(tmp_path / "scan.png"))
    (tmp_path / "notes.txt").write_text("not a picture")
    assert not pad.load_image(tmp_path / "notes.txt") and pad.is_empty()
    assert pad.load_image(tmp_path / "scan.png") and not pad.is_empty()
    assert inked_pixels(pad.to_png()) > 20

"""Attachments strip: files copied in the background with progress, image thumbnails, opened as a verified copy with
the system viewer, removal undoable."""

from pathlib import Path

from PySide6.QtGui import QColor, QDesktopServices, QImage

from assessor_app.gui.widgets.thumbnails import AttachmentStrip
from tests.gui.helpers import open_window


def test_attach_show_open_and_undo_removal(qtbot, demo_dir, tmp_path, monkeypatch):
    window, session = open_window(qtbot, demo_dir)
    learner = session.roster.learners()[0]
    item, _ = session.evidence.add(learner.id, "product", "2026-03-02", title="Rota")
    photo, notes = tmp_path / "rota.png", tmp_path / "notes.txt"
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#208040"))
    assert image.save(str(photo))
    notes.write_text("shift notes")
    strip = AttachmentStrip(window.context, item.id)
    qtbot.addWidget(strip)
    strip.show()
    seen = []
    strip.progress.valueChanged.connect(seen.append)
    strip.add_files([photo, notes])
    strip.wait()
    assert [a.name for a in session.evidence.item(item.id).attachments] == ["rota.png", "notes.txt"]
    assert strip.list.count() == 2 and seen, "no progress was shown"
    thumbnail = strip.list.item(0).icon().pixmap(96, 96).toImage()
    assert thumbnail.pixelColor(48, 48) == QColor("#208040"), "the photo's thumbnail is not the photo"

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True)
    assert strip.open_item(strip.list.item(1))
    assert opened[0].name == "notes.txt" and opened[0].read_text() == "shift notes"

    strip.list.setCurrentRow(1)
    strip.remove_current()
    assert [a.name for a in session.evidence.item(item.id).attachments] == ["rota.png"]
    assert strip.list.count() == 1
    window.undo_stack.undo()
    assert [a.name for a in session.evidence.item(item.id).attachments] == ["rota.png", "notes.txt"]
    session.store.close()


def test_a_vanished_file_is_reported_and_nothing_attached(qtbot, demo_dir, tmp_path):
    window, session = open_window(qtbot, demo_dir)
    learner = session.roster.learners()[0]
    item, _ = session.evidence.add(learner.id, "product", "2026-03-02", title="Rota")
    strip = AttachmentStrip(window.context, item.id)
    qtbot.addWidget(strip)
    problems = []
    strip.failed.connect(problems.append)
    strip.add_files([tmp_path / "gone.jpg"])
    strip.wait()
    assert problems and "no longer there" in problems[0]
    assert session.evidence.item(item.id).attachments == ()
    session.store.close()

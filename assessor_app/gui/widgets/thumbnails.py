"""An evidence item's attachments: thumbnails for images, a type icon for others; drop files or pick them to attach.

Files are copied into the data folder on a worker thread (gui/background.py) with a progress bar, then recorded
on the GUI thread in one short write; double-click opens a verified copy in the system viewer; Delete removes
one (undoable)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (QFileDialog, QFileIconProvider, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from assessor_app.domain.evidence import Attachment
from assessor_app.gui.background import BackgroundTask
from assessor_app.gui.undo.evidence_commands import push_detach
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

THUMBNAIL = QSize(96, 96)
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class Cancelled(Exception):
    """The user stopped a copy; the file store keeps nothing of it."""


class AttachmentStrip(QWidget):
    """`evidence_id` may be "" while the item is not saved yet: dropped files then wait in `pending` until
    `attach_pending(evidence_id)` is called on saving."""

    attached = Signal(object)  # the Attachment, once recorded
    failed = Signal(str)

    def __init__(self, context: WindowContext, evidence_id: str = "", parent=None):
        super().__init__(parent)
        self._context = context
        self.evidence_id = evidence_id
        self.pending: list[Path] = []
        self.task: BackgroundTask | None = None
        self._queue: list[Path] = []
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMBNAIL)
        self.list.setGridSize(QSize(THUMBNAIL.width() + 40, THUMBNAIL.height() + 36))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(THUMBNAIL.height() + 48)
        self.list.setMaximumHeight(2 * THUMBNAIL.height() + 80)
        self.list.setAccessibleName("Attachments")
        self.list.itemActivated.connect(self.open_item)
        self.list.setToolTip("Drop photos or documents here; double-click opens one; Delete removes it")
        self.add_button = QPushButton("Attach &files…")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Stop copying")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.note = QLabel("Drop files here to attach them")
        self.note.setStyleSheet("color: #666;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        context.events.changed.connect(self._on_changed)
        self.reload()

    # -- showing ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.list.clear()
        if self.evidence_id:
            for attachment in self._context.session.evidence.item(self.evidence_id).attachments:
                self._add_row(attachment.name, attachment, self._context.session.blobs.path_of(attachment.sha256))
        for path in self.pending:
            self._add_row(f"{path.name} (on saving)", None, path)

    def _add_row(self, label: str, attachment: Attachment | None, path: Path) -> None:
        row = QListWidgetItem(self._icon(path, attachment.media_type if attachment else ""), label)
        row.setData(ATTACHMENT_ROLE, attachment)
        row.setToolTip(f"{label} · {attachment.size:,} bytes" if attachment else label)
        self.list.addItem(row)

    @staticmethod
    def _icon(path: Path, media_type: str) -> QIcon:
        """A thumbnail read at its small size (the reader scales while decoding, so a big photo costs little)."""
        if media_type.startswith("image/") or (not media_type and QImageReader.imageFormat(str(path))):
            reader = QImageReader(str(path))
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
        return QFileIconProvider().icon(QFileIconProvider.IconType.File)

    def _on_changed(self, changes) -> None:
        if self.evidence_id and changes.touches("attachment") and self.isVisible():
            self.reload()

    # -- attaching -------------------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, "Attach files", str(Path.home()))
        self.add_files([Path(name) for name in chosen])

    def add_files(self, paths: list[Path]) -> None:
        if not self.evidence_id:
            self.pending.extend(paths)
            self.reload()
            return
        self._queue.extend(paths)
        if self.task is None:
            self._next()

    def attach_pending(self, evidence_id: str) -> None:
        """The item is saved: copy in what was dropped before it existed."""
        self.evidence_id, waiting, self.pending = evidence_id, self.pending, []
        self.add_files(waiting)

    def _next(self) -> None:
        if not self._queue:
            self.task = None
            self.progress.hide()
            self.cancel_button.hide()
            self.note.show()
            return
        source = self._queue.pop(0)
        attachments = self._context.session.attachments

        def work(progress):
            def moved(done: int, total: int) -> None:
                if progress.cancelled():
                    raise Cancelled()
                progress.report(done >> 10, max(total >> 10, 1), source.name)  # KiB: a 2 GB file fits an int
            return attachments.copy_in(source, moved)

        self.note.hide()
        self.progress.setFormat(f"{source.name} %p%")
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.task = BackgroundTask(work, self)
        self.task.progressed.connect(lambda done, total, _label: (self.progress.setMaximum(total),
                                                                  self.progress.setValue(done)))
        self.task.succeeded.connect(lambda stored: self._record(source, stored))
        self.task.failed.connect(self._copy_failed)
        self.task.finished.connect(self._next)
        self.task.start()

    def _record(self, source: Path, stored: tuple[str, int]) -> None:
        try:
            attachment, changes = self._context.session.attachments.record(self.evidence_id, *stored, source.name)
        except ServiceError as refused:
            self.failed.emit(str(refused))
            return
        self._context.announce(changes)
        self.attached.emit(attachment)

    def _copy_failed(self, message: str) -> None:
        if self.task is not None and not self.task.progress.cancelled():
            self.failed.emit(message)

    def cancel(self) -> None:
        self._queue.clear()
        if self.task is not None:
            self.task.cancel()

    def wait(self) -> None:
        """Until every copy started has finished (closing the form, and the tests)."""
        while self.task is not None:
            self.task.wait()
            QCoreApplication.processEvents()  # delivers the copy's result, which records it and starts the next

    # -- opening and removing --------------------------------------------------------------------------------
    def open_item(self, row: QListWidgetItem) -> bool:
        """Open a verified copy (named as attached, so the system knows its type) in the system viewer."""
        attachment: Attachment | None = row.data(ATTACHMENT_ROLE)
        if attachment is None:
            return False
        folder = Path(tempfile.mkdtemp(prefix="assessor-open-"))
        try:
            target = self._context.session.attachments.save_as(attachment.id, folder / attachment.name)
        except (OSError, ServiceError) as problem:
            self.failed.emit(f"cannot open {attachment.name}: {problem}")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove_current(self) -> None:
        row = self.list.currentItem()
        if row is None:
            return
        attachment: Attachment | None = row.data(ATTACHMENT_ROLE)
        if attachment is None:
            self.pending = [p for p in self.pending if f"{p.name} (on saving)" != row.text()]
            self.reload()
            return
        context = self._context
        try:
            push_detach(context.undo_stack, context.session, context.events, attachment.id, attachment.name)
        except ServiceError as refused:
            self.failed.emit(str(refused))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_current()
            return
        super().keyPressEvent(event)

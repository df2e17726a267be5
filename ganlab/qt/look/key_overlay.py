"""The F1 list of keyboard shortcuts: big text on a white card over the dimmed window, for a projector."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpOverlay", text)  # the context translators already use


def _key_text(keys: str) -> str:
    """Keys as the platform names them (Ctrl+Q is Cmd-Q on a Mac); text that is not a key sequence ('1-9') as is."""
    sequence = QKeySequence.fromString(keys, QKeySequence.SequenceFormat.PortableText)
    if not sequence.isEmpty() and sequence.toString(QKeySequence.SequenceFormat.PortableText) == keys:
        return sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return keys


class HelpOverlay(QWidget):
    """The keyboard shortcuts over the whole window, in two big columns on a white card over a dimmed window.

    A child of `parent` that covers it and follows its size. toggle() shows or hides it (the main window binds it
    to `?`); Esc, `?` or a click hide it, and the focus goes back where it was. Pass the descriptions already
    translated (they belong to the caller's translation context); call set_shortcuts() again after a language
    change."""

    BACKDROP = QColor(0, 0, 0, 170)

    def __init__(self, parent: QWidget, shortcuts: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("HelpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._previous_focus: QWidget | None = None
        self.key_labels: list[QLabel] = []
        self.text_labels: list[QLabel] = []

        self.card = QFrame(self)
        self.card.setObjectName("HelpOverlayCard")
        self.card.setStyleSheet(
            "#HelpOverlayCard { background: white; border: 3px solid black; border-radius: 14px; }"
            " #HelpOverlayCard QLabel { color: black; background: transparent; border: none; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(32, 24, 32, 24)
        card_layout.setSpacing(16)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout.addWidget(self.title)
        columns = QHBoxLayout()
        columns.setSpacing(48)
        self.columns = (QGridLayout(), QGridLayout())
        for grid in self.columns:
            grid.setHorizontalSpacing(20)
            grid.setVerticalSpacing(10)
            grid.setColumnStretch(1, 1)
            columns.addLayout(grid, 1)
        card_layout.addLayout(columns)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout.addWidget(self.hint)

        self.retranslate()
        self.set_shortcuts(shortcuts)
        self.hide()
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)

    # ---- content
    def retranslate(self) -> None:
        self.title.setText(_tr("Keyboard shortcuts"))
        self.hint.setText(_tr("Press ? or Esc, or click anywhere, to close this list."))
        self.setAccessibleName(_tr("Keyboard shortcuts"))

    def set_shortcuts(self, shortcuts: Iterable[tuple[str, str]]) -> None:
        """(keys, description) pairs; the first half in the left column, the rest in the right."""
        pairs = [(str(keys), str(text)) for keys, text in shortcuts]
        for label in (*self.key_labels, *self.text_labels):
            label.setParent(None)
            label.deleteLater()
        self.key_labels, self.text_labels = [], []
        half = math.ceil(len(pairs) / 2)
        bold = QFont()
        bold.setBold(True)  # only the weight is set: the size still comes from the card
        for index, (keys, text) in enumerate(pairs):
            key_label, text_label = QLabel(_key_text(keys)), QLabel(text)
            for label in (key_label, text_label):
                label.setTextFormat(Qt.TextFormat.PlainText)
            key_label.setFont(bold)
            key_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text_label.setWordWrap(True)
            grid = self.columns[0 if index < half else 1]
            row = index if index < half else index - half
            grid.addWidget(key_label, row, 0)
            grid.addWidget(text_label, row, 1)
            self.key_labels.append(key_label)
            self.text_labels.append(text_label)
        for grid in self.columns:  # spare height goes below the last row, not between the rows
            for row in range(grid.rowCount()):
                grid.setRowStretch(row, 0)
            grid.setRowStretch(half, 1)

    def _update_fonts(self) -> None:
        """Sizes from the application font at the time it is shown, so presenter mode makes the list bigger too."""
        size = max(QFontInfo(QApplication.font()).pointSizeF() * 1.25, 16.0)
        font = QFont(QApplication.font())
        font.setPointSizeF(size)
        self.card.setFont(font)
        title = QFont(font)
        title.setPointSizeF(size * 1.35)
        title.setBold(True)
        self.title.setFont(title)

    # ---- showing and hiding
    def toggle(self) -> None:
        if self.isHidden():
            self.show_overlay()
        else:
            self.hide_overlay()

    def show_overlay(self) -> None:
        self._update_fonts()
        self.setGeometry(self.parentWidget().rect())
        focused = QApplication.focusWidget()
        self._previous_focus = focused if focused is not None and focused is not self else None
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide_overlay(self) -> None:
        if self.isHidden():
            return
        self.hide()
        previous, self._previous_focus = self._previous_focus, None
        try:
            if previous is not None and previous.isVisible():
                previous.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # the widget that had the focus has been deleted since
            pass

    # ---- events
    @staticmethod
    def _closes(event: QKeyEvent) -> bool:
        return event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question) or event.text() == "?"

    def event(self, event: QEvent) -> bool:
        # Esc and ? close the overlay even where the window has a shortcut on them.
        if event.type() == QEvent.Type.ShortcutOverride and self._closes(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self._closes(event):
            self.hide_overlay()
            event.accept()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.hide_overlay()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.card.setMaximumSize(max(200, self.width() - 48), max(120, self.height() - 48))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.BACKDROP)
        painter.end()

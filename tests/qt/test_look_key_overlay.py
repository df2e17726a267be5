"""The shortcut overlay: two columns of keys over the window, shown and hidden from the keyboard or a click."""

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ganlab.qt.look.key_overlay import HelpOverlay

SHORTCUTS = (
    ("Space", "Play / pause"),
    ("Right", "One iteration"),
    ("D", "One discriminator step"),
    ("G", "One generator step"),
    ("1-9", "Load preset 1-9"),
)


@pytest.fixture
def window(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(400, 300)
    button = QPushButton("Play", parent)  # the focus (a line edit would take ? as text, not as a shortcut)
    overlay = HelpOverlay(parent, SHORTCUTS)
    question = QAction(parent)
    question.setShortcut(QKeySequence("?"))
    question.triggered.connect(overlay.toggle)
    parent.addAction(question)
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitActive(parent)
    button.setFocus()
    return parent, overlay, button


def test_overlay_lists_the_shortcuts_in_two_columns(window):
    _, overlay, _ = window
    assert [label.text() for label in overlay.text_labels] == [text for _, text in SHORTCUTS]
    assert [label.text() for label in overlay.key_labels][-1] == "1-9"
    left, right = overlay.columns
    assert (left.count(), right.count()) == (6, 4)  # 3 and 2 rows of (keys, description)
    assert left.itemAtPosition(2, 1).widget().text() == "One discriminator step"
    assert right.itemAtPosition(0, 1).widget().text() == "One generator step"
    overlay.set_shortcuts(SHORTCUTS[:2])
    assert [label.text() for label in overlay.text_labels] == ["Play / pause", "One iteration"]


def test_overlay_toggles_covers_the_parent_and_closes_on_esc(qtbot, window):
    parent, overlay, button = window
    assert overlay.isHidden()
    overlay.toggle()
    assert overlay.isVisible() and overlay.geometry() == parent.rect()
    assert overlay.card.font().pointSizeF() > QApplication.font().pointSizeF()  # big text
    parent.resize(700, 520)
    assert overlay.geometry() == parent.rect() and overlay.width() == 700
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert overlay.isHidden()
    overlay.toggle()
    overlay.toggle()
    assert overlay.isHidden()


def test_overlay_opens_and_closes_with_question_mark_and_closes_on_click(qtbot, window):
    parent, overlay, button = window
    escape = QAction(parent)  # a window shortcut on Esc must not steal it from the overlay
    escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    fired = []
    escape.triggered.connect(lambda: fired.append(True))
    parent.addAction(escape)

    qtbot.keyClick(button, "?")  # the window's ? action
    assert overlay.isVisible() and overlay.hasFocus()
    qtbot.keyClick(overlay, "?")
    assert overlay.isHidden()
    assert button.hasFocus()  # the focus goes back where it was
    overlay.toggle()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert overlay.isHidden() and not fired
    qtbot.keyClick(button, Qt.Key.Key_Escape)
    assert fired  # with the overlay gone, the window's Esc works again
    overlay.toggle()
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)
    assert overlay.isHidden()


class _Shouting(QTranslator):
    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name; an empty translator would not announce a language change
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return source.upper() if context == "HelpOverlay" else source


def test_overlay_strings_are_translated_in_its_context(qtbot, window):
    _, overlay, _ = window
    assert overlay.title.text() == "Keyboard shortcuts"
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: overlay.title.text() == "KEYBOARD SHORTCUTS", timeout=2000)
        assert overlay.hint.text() == overlay.hint.text().upper()
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: overlay.title.text() == "Keyboard shortcuts", timeout=2000)

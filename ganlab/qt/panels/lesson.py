"""The Lesson panel: a guided lesson, one step at a time, with buttons that set the app up for each step.

The lessons are text files parsed by ganlab.app.lessons (no Qt there); this widget only shows them. A button does not
touch the app itself: it emits action_requested with its Action (verb and checked arguments), and the main window
runs it. Nothing here takes keyboard focus, so Space and the arrow keys stay the window's shortcuts.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ganlab.app.lessons import (
    DEFAULT_LANGUAGE,
    Action,
    Lesson,
    LessonError,
    Step,
    ValidationContext,
    load_lessons,
    resolve_language,
)

TEXT_SCALE = 1.25  # the step's text, relative to the application font: read from the back of a classroom
TEXT_MIN_POINTS = 12.0
TITLE_SCALE = 1.35


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonPanel", text)


def _no_focus(widget: QWidget) -> QWidget:
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space / arrows belong to the window (play, step)
    return widget


class LessonPanel(QWidget):
    """A lesson chooser, the current step's title, text and action buttons, and Back / Next."""

    action_requested = Signal(object)  # a ganlab.app.lessons.Action: a button of the current step was pressed

    def __init__(
        self,
        language: str = DEFAULT_LANGUAGE,
        context: ValidationContext | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.folder = folder  # tutorials/ to read (None: the installed one); tests pass their own
        self.language = ""
        self.lessons: list[Lesson] = []
        self.error = ""  # why no lessons could be loaded, or ""
        self.lesson_index = -1
        self.step_index = 0
        self.action_buttons: list[QPushButton] = []

        layout = QVBoxLayout(self)
        self.chooser = _no_focus(QComboBox())
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        self.chooser.currentIndexChanged.connect(self._chosen)
        layout.addWidget(self.chooser)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(max(TEXT_MIN_POINTS, title_font.pointSizeF()) * TITLE_SCALE)
        self.title.setFont(title_font)
        layout.addWidget(self.title)

        self.text = _no_focus(QTextBrowser())
        self.text.setOpenLinks(False)  # a lesson has no links; nothing it says is ever opened
        self.text.setOpenExternalLinks(False)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        text_font = QFont(self.font())
        text_font.setPointSizeF(max(TEXT_MIN_POINTS, text_font.pointSizeF() * TEXT_SCALE))
        self.text.setFont(text_font)
        layout.addWidget(self.text, 1)

        self.actions_box = QWidget()
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.actions_box)

        navigation = QHBoxLayout()
        self.back_button = _no_focus(QPushButton())
        self.back_button.clicked.connect(self.previous_step)
        self.position_label = QLabel()
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = _no_focus(QPushButton())
        self.next_button.clicked.connect(self.next_step)
        navigation.addWidget(self.back_button)
        navigation.addWidget(self.position_label, 1)
        navigation.addWidget(self.next_button)
        layout.addLayout(navigation)

        self.set_language(language)

    # --- what is shown ---------------------------------------------------------------------------------------------

    def current_lesson(self) -> Lesson | None:
        return self.lessons[self.lesson_index] if 0 <= self.lesson_index < len(self.lessons) else None

    def current_step(self) -> Step | None:
        lesson = self.current_lesson()
        return lesson.steps[self.step_index] if lesson is not None else None

    def set_language(self, code: str) -> None:
        """Reload every lesson in the language closest to `code`, staying on the same lesson and step."""
        lesson = self.current_lesson()
        key, step = (lesson.key, self.step_index) if lesson is not None else ("", 0)
        self.language = resolve_language(code, self.folder)
        try:
            self.lessons, self.error = load_lessons(self.language, self.context, self.folder), ""
        except (LessonError, OSError) as exc:  # a broken or missing file: say so in the panel, do not crash the app
            self.lessons, self.error = [], str(exc)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for number, each in enumerate(self.lessons, start=1):
            self.chooser.addItem(f"{number}. {each.title}", each.key)
            if each.intro:
                self.chooser.setItemData(number - 1, each.intro, Qt.ItemDataRole.ToolTipRole)
        self.chooser.blockSignals(False)
        keys = [each.key for each in self.lessons]
        self.lesson_index = -1
        self.set_lesson(keys.index(key) if key in keys else 0, step)

    def set_lesson(self, lesson: int | str, step: int = 0) -> None:
        """Show a lesson (by index or key) at a step (clamped to the lesson's steps)."""
        if isinstance(lesson, str):
            keys = [each.key for each in self.lessons]
            if lesson not in keys:
                raise KeyError(f"no lesson {lesson!r} (lessons: {', '.join(keys)})")
            lesson = keys.index(lesson)
        if not self.lessons:
            self.lesson_index, self.step_index = -1, 0
        else:
            self.lesson_index = min(max(lesson, 0), len(self.lessons) - 1)
            self.step_index = min(max(step, 0), len(self.lessons[self.lesson_index].steps) - 1)
        self._refresh()

    def set_step(self, step: int) -> None:
        if self.current_lesson() is not None:
            self.set_lesson(self.lesson_index, step)

    def next_step(self) -> None:
        """The next step; from a lesson's last step, the first step of the next lesson."""
        lesson = self.current_lesson()
        if lesson is None:
            return
        if self.step_index + 1 < len(lesson.steps):
            self.set_lesson(self.lesson_index, self.step_index + 1)
        elif self.lesson_index + 1 < len(self.lessons):
            self.set_lesson(self.lesson_index + 1, 0)

    def previous_step(self) -> None:
        if self.current_lesson() is not None and self.step_index > 0:
            self.set_lesson(self.lesson_index, self.step_index - 1)

    # --- drawing ---------------------------------------------------------------------------------------------------

    def _chosen(self, index: int) -> None:
        if index >= 0 and index != self.lesson_index:
            self.set_lesson(index, 0)

    def _refresh(self) -> None:
        lesson, step = self.current_lesson(), self.current_step()
        self.back_button.setText(_tr("Back"))
        if lesson is None or step is None:
            self.title.setText(_tr("No lessons"))
            message = self.error or _tr("No lessons were found.")
            self.text.setHtml(f"<p>{html.escape(message)}</p>")
            self._set_buttons(())
            self.position_label.setText("")
            self.next_button.setText(_tr("Next"))
            for widget in (self.back_button, self.next_button, self.chooser):
                widget.setEnabled(False)
            return
        self.chooser.setEnabled(True)
        if self.chooser.currentIndex() != self.lesson_index:
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(self.lesson_index)
            self.chooser.blockSignals(False)
        self.title.setText(step.title)
        self.text.setHtml(step.html)
        self._set_buttons(step.actions)
        count = len(lesson.steps)
        self.position_label.setText(_tr("Step {i} of {n}").format(i=self.step_index + 1, n=count))
        last = self.step_index + 1 == count
        self.back_button.setEnabled(self.step_index > 0)
        self.next_button.setText(_tr("Next lesson") if last else _tr("Next"))
        self.next_button.setEnabled(not last or self.lesson_index + 1 < len(self.lessons))

    def _set_buttons(self, actions: tuple[Action, ...]) -> None:
        for button in self.action_buttons:
            self.actions_layout.removeWidget(button)
            button.deleteLater()
        self.action_buttons = []
        for action in actions:
            button = _no_focus(QPushButton(action.label))
            button.setToolTip(action.command)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, action=action: self.action_requested.emit(action))
            self.actions_layout.addWidget(button)
            self.action_buttons.append(button)
        self.actions_box.setVisible(bool(actions))

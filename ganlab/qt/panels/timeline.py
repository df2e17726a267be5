"""A scrubber over the run's kept history: drag back to any past snapshot, press Live to follow training again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from ganlab.core.history import DEFAULT_MEMORY_CAP_BYTES, SnapshotHistory
from ganlab.core.snapshot import Snapshot

# Keys the scrubber takes for itself while it has focus (it takes focus only when clicked): the window's
# Right shortcut (step one iteration) would otherwise step training instead of the scrubber.
SCRUB_KEYS = (
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineBar", text)


class _ScrubSlider(QSlider):
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in SCRUB_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                event.accept()
                return True
        return super().event(event)


class TimelineBar(QWidget):
    """Slider position i shows history[i]. Live: the slider follows the newest snapshot. Scrubbing: it stays put.

    Scrubbing starts when the user moves the slider off the newest snapshot and lasts until Live (or go_live()),
    even if the user drags back to the end. Positions are indices into the kept history, not iterations: once
    old history has thinned, the left part of the slider covers more iterations per step than the right part.
    """

    scrubbed = Signal(object)  # the Snapshot at the slider, each time the user moves it (drag or keys)
    live_requested = Signal()  # the user pressed Live

    def __init__(
        self,
        parent: QWidget | None = None,
        memory_cap_bytes: int = DEFAULT_MEMORY_CAP_BYTES,
        history: SnapshotHistory | None = None,
    ) -> None:
        """history: the run record's timeline (recorded by its owner); None: keep one of its own."""
        super().__init__(parent)
        self._own_history = history is None
        self.history = SnapshotHistory(memory_cap_bytes) if history is None else history
        self._scrubbing = False
        self._scrub_iteration: int | None = None  # the iteration on show while scrubbing (indices shift on thinning)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.slider = _ScrubSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.slider.setToolTip(_tr("Drag back through training; Left/Right step through the kept snapshots"))
        self.slider.valueChanged.connect(self._slider_moved)
        self.label = QLabel()
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(_tr("iteration 000000 of 000000")))
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.live_button = QPushButton(_tr("Live"))
        self.live_button.setToolTip(_tr("Follow training again"))
        self.live_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.live_button.setEnabled(False)
        self.live_button.clicked.connect(self._live_clicked)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.live_button)
        self._show_label()

    # ---- feeding
    def add(self, snapshot: Snapshot) -> None:
        """Record one published snapshot. Live, the slider moves to it; scrubbing, it stays on its snapshot."""
        if self._own_history:
            self.history.add(snapshot)
        self.follow()

    def follow(self) -> None:
        """Move the slider to what the history holds now (after an add, or a record restored whole)."""
        if not len(self.history):
            self._set_slider(0, 0)
            self._show_label()
            return
        last = len(self.history) - 1
        if self._scrubbing and self._scrub_iteration is not None:
            position = self.history.index_of_iteration(self._scrub_iteration)  # thinning or a rewind shifts indices
            self._scrub_iteration = self.history.iteration_at(position)
        else:
            position = last
        self._set_slider(last, position)
        self._show_label()

    def _set_slider(self, maximum: int, value: int) -> None:
        blocked = self.slider.blockSignals(True)
        try:
            if self.slider.maximum() != maximum:
                self.slider.setMaximum(maximum)
            if self.slider.value() != value:
                self.slider.setValue(value)
        finally:
            self.slider.blockSignals(blocked)
        self.slider.setEnabled(maximum > 0)

    def _show_label(self) -> None:
        if not len(self.history):
            self.label.setText(_tr("no iterations yet"))
            return
        shown = self.history.iteration_at(self.slider.value())
        newest = self.history.iteration_at(len(self.history) - 1)
        self.label.setText(_tr("iteration {0} of {1}").format(shown, newest))

    # ---- the user
    def _slider_moved(self, value: int) -> None:
        if not len(self.history):
            return
        value = min(value, len(self.history) - 1)
        if not self._scrubbing and value == len(self.history) - 1:
            return  # nothing to show that live does not show already
        self._scrubbing = True
        self._scrub_iteration = self.history.iteration_at(value)
        self.live_button.setEnabled(True)
        self._show_label()
        self.scrubbed.emit(self.history[value])

    def _live_clicked(self) -> None:
        self.go_live()
        self.live_requested.emit()

    # ---- state
    def is_scrubbing(self) -> bool:
        return self._scrubbing

    def current(self) -> Snapshot | None:
        """The snapshot at the slider (the newest one while live), or None before any."""
        return self.history[self.slider.value()] if len(self.history) else None

    def go_live(self) -> None:
        """Follow training again: the slider jumps to the newest snapshot and moves on with each add()."""
        self._scrubbing = False
        self._scrub_iteration = None
        self.live_button.setEnabled(False)
        if self.slider.hasFocus():
            self.slider.clearFocus()  # give Right back to the window's "step one iteration"
        if len(self.history):
            self._set_slider(len(self.history) - 1, len(self.history) - 1)
        self._show_label()

    def clear(self) -> None:
        if self._own_history:
            self.history.clear()
        self.go_live()
        self._set_slider(0, 0)
        self._show_label()

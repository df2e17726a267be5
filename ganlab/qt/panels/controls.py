"""Play / step / reset and the run's settings: a shared base bound to one Settings, and the 1-D panel on it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ganlab.app.choices import SPEEDS
from ganlab.app.kinds import ALL_PRESETS
from ganlab.app.one_d import OVERLAYS
from ganlab.core.distributions import CUSTOM, NOISE_PRIORS, TARGETS
from ganlab.core.i18n import N_
from ganlab.core.losses import LOSSES
from ganlab.core.run_config import LIMITS, RunConfig
from ganlab.core.settings import ConfigError, Settings
from ganlab.qt.i18n import table_tr

WidgetValue = str | int | float  # what a bound widget holds: a combo box's key, a spin box's number

RESET_MARK = " \u21ba"  # the "restarts the run" mark beside a label
ACTIVATION_LABELS = {"leaky_relu": N_("Leaky ReLU"), "relu": N_("ReLU"), "tanh": N_("tanh"), "elu": N_("ELU")}
# Groups of controls a teacher can hide for a simpler layout (View menu; saved in session files). "problem" and
# "networks" are the advanced ones presenter mode hides.
HIDEABLE_GROUPS = {
    "speed": N_("Speed"),
    "training": N_("Training settings"),
    "overlays": N_("Figure 1 overlays"),
    "problem": N_("Data and noise"),
    "networks": N_("Networks"),
}
ADVANCED_GROUPS = ("problem", "networks")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ControlsPanel", text)


class SettingsPanel(QWidget):
    """What both control panels share: the preset box, Play / Step / Reset, the speed, and widgets bound to fields.

    Subclasses build their own groups with the factories below and register each widget with _bind(field, widget).
    """

    config_edited = Signal(object)  # a new Settings from the user
    preset_chosen = Signal(str)
    play_toggled = Signal(bool)
    step_requested = Signal(str)  # 'step', 'step_d' or 'step_g'
    reset_requested = Signal()
    speed_changed = Signal(object, bool)  # steps per second (None: flat out), narrate each D / G sub-step
    edit_refused = Signal(str)  # a combination of settings the run cannot take; the widgets went back

    # What each optimiser choice is called; a kind whose settings fix the momentum says which (the 1-D runs).
    OPTIMIZER_LABELS: ClassVar[dict[str, str]] = {"adam": N_("Adam"), "sgd": N_("SGD with momentum")}
    LIMITS_OF: dict[str, tuple[float, float]] = {}

    def __init__(self, config: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.layout_ = QVBoxLayout(self)
        self.groups: dict[str, QWidget] = {}  # name -> a group a teacher may hide (HIDEABLE_GROUPS)
        # field -> (widget, read the widget, write the widget)
        self._bindings: dict[str, tuple[QWidget, Callable[[], WidgetValue], Callable[[WidgetValue], None]]] = {}

        self.preset = QComboBox()
        self.preset.addItem(_tr("Choose a preset..."), "")
        for preset in ALL_PRESETS.values():
            self.preset.addItem(table_tr(preset.title), preset.key)
            self.preset.setItemData(self.preset.count() - 1, table_tr(preset.lesson), Qt.ItemDataRole.ToolTipRole)
        self.preset.activated.connect(self._preset_activated)
        self.layout_.addWidget(self.preset)

        buttons = QGridLayout()
        self.play_button = self._button(_tr("Play"), _tr("Train continuously (Space)"), checkable=True)
        self.play_button.toggled.connect(self._play_toggled)
        self.step_button = self._button(_tr("Step"), _tr("One iteration: k D steps, then G steps (Right)"))
        self.step_d_button = self._button(_tr("Step D"), _tr("One discriminator step only (D)"))
        self.step_g_button = self._button(_tr("Step G"), _tr("One generator step only (G)"))
        self.reset_button = self._button(_tr("Reset"), _tr("Start the run again from new networks (R)"))
        self.step_button.clicked.connect(lambda: self.step_requested.emit("step"))
        self.step_d_button.clicked.connect(lambda: self.step_requested.emit("step_d"))
        self.step_g_button.clicked.connect(lambda: self.step_requested.emit("step_g"))
        self.reset_button.clicked.connect(self.reset_requested)
        buttons.addWidget(self.play_button, 0, 0, 1, 2)
        buttons.addWidget(self.step_button, 1, 0, 1, 2)
        buttons.addWidget(self.step_d_button, 2, 0)
        buttons.addWidget(self.step_g_button, 2, 1)
        buttons.addWidget(self.reset_button, 3, 0, 1, 2)
        self.layout_.addLayout(buttons)

        speed_box = QGroupBox(_tr("Speed"))
        speed_form = QFormLayout(speed_box)
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(table_tr(speed.label), (speed.per_second, speed.narrate))
        self.speed.setToolTip(_tr("Narrated speeds play one D or G step at a time and say what each does"))
        self.speed.currentIndexChanged.connect(lambda _: self.speed_changed.emit(*self.speed.currentData()))
        speed_form.addRow(_tr("Play at"), self.speed)
        self.layout_.addWidget(speed_box)
        self.groups["speed"] = speed_box

        self.lesson = QLabel()
        self.lesson.setWordWrap(True)
        self.lesson.setStyleSheet("color: #444;")

    def _add_training_group(self, g_steps: bool) -> None:
        """The settings that apply at once, the same for both kinds of run (1-D runs also choose the G steps)."""
        live = QGroupBox(_tr("Training (applies at once)"))
        form = QFormLayout(live)
        self.loss = self._combo({k: v.label for k, v in LOSSES.items()})
        self.optimizer_d = self._combo(self.OPTIMIZER_LABELS)
        self.optimizer_g = self._combo(self.OPTIMIZER_LABELS)
        self.lr_d = self._rate("lr_d")
        self.lr_g = self._rate("lr_g")
        self.k = self._count("k")
        rows = [
            ("loss", _tr("Generator loss")),
            ("optimizer_d", _tr("D optimiser")),
            ("optimizer_g", _tr("G optimiser")),
            ("lr_d", _tr("D learning rate")),
            ("lr_g", _tr("G learning rate")),
            ("k", _tr("k (D steps per iteration)")),
        ]
        if g_steps:
            self.g_steps = self._count("g_steps")
            rows.append(("g_steps", _tr("G steps per iteration")))
        self.batch_size = self._count("batch_size")
        rows.append(("batch_size", _tr("Batch size")))
        for field, label in rows:
            form.addRow(label, self._bind(field, getattr(self, field)))
        self.layout_.addWidget(live)
        self.groups["training"] = live

    def set_group_visible(self, name: str, visible: bool) -> None:
        if name in self.groups:
            self.groups[name].setVisible(visible)

    def _finish(self) -> None:
        """After the subclass added its groups: the lesson line, the stretch, the bindings, the first config."""
        self.layout_.addWidget(self.lesson)
        self.layout_.addStretch(1)
        for field, (widget, read, _) in self._bindings.items():
            changed = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.valueChanged
            changed.connect(lambda *_, field=field, read=read: self._edited(field, read()))
        self.set_config(self.config)

    # ---- widget factories
    def _toggles(
        self, title: str, table: Mapping[str, tuple[str, str]], emit: Callable[[str, bool], None], checked: bool
    ) -> tuple[QGroupBox, dict[str, QCheckBox]]:
        """A group of check boxes, one per (name -> label, tip) row of a table; each toggle emits (name, shown)."""
        group = QGroupBox(title)
        group_layout = QVBoxLayout(group)
        boxes: dict[str, QCheckBox] = {}
        for name, (label, tip) in table.items():
            box = QCheckBox(table_tr(label))
            box.setToolTip(table_tr(tip))
            box.setChecked(checked)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(lambda shown, name=name: emit(name, shown))
            group_layout.addWidget(box)
            boxes[name] = box
        return group, boxes

    def _button(self, text: str, tip: str, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and arrows belong to the window's shortcuts
        button.setMinimumHeight(34)
        return button

    def _combo(self, items: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for key, label in items.items():
            combo.addItem(table_tr(label), key)
        return combo

    def _rate(self, field: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setDecimals(6)  # the smallest allowed rate, 1e-6, must show as itself
        box.setRange(*self.LIMITS_OF[field])
        box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        box.setKeyboardTracking(False)  # apply when the number is complete, not at each keystroke
        return box

    def _count(self, field: str) -> QSpinBox:
        box = QSpinBox()
        low, high = self.LIMITS_OF[field]
        box.setRange(int(low), int(high))
        box.setKeyboardTracking(False)
        return box

    def _bind(self, field: str, widget: QWidget) -> QWidget:
        if isinstance(widget, QComboBox):
            write = lambda key, combo=widget: combo.setCurrentIndex(combo.findData(key))  # noqa: E731
            self._bindings[field] = (widget, widget.currentData, write)
        else:
            self._bindings[field] = (widget, widget.value, widget.setValue)
        return widget

    # ---- model <-> widgets
    def set_config(self, config: Settings) -> None:
        """Show config without emitting edits."""
        self.config = config
        for field, (widget, _, write) in self._bindings.items():
            widget.blockSignals(True)
            write(getattr(config, field))
            widget.blockSignals(False)

    def _changes(self, field: str, value: WidgetValue) -> dict[str, WidgetValue | None]:
        return {field: value}

    def _edited(self, field: str, value: WidgetValue) -> None:
        if getattr(self.config, field) == value:
            return
        try:
            config = self.config.replace(**self._changes(field, value))
        except ConfigError as exc:
            self.set_config(self.config)  # the widgets show what the run really uses
            self.edit_refused.emit(str(exc))
            return
        self.config = config
        self.set_config(config)
        self.preset.setCurrentIndex(0)
        self.config_edited.emit(self.config)

    def _preset_activated(self, index: int) -> None:
        key = self.preset.itemData(index)
        if key:
            self.preset_chosen.emit(key)

    def show_preset(self, key: str) -> None:
        self.preset.setCurrentIndex(max(self.preset.findData(key), 0))
        self.lesson.setText(table_tr(ALL_PRESETS[key].lesson) if key in ALL_PRESETS else "")

    def _play_toggled(self, playing: bool) -> None:
        self.play_button.setText(_tr("Pause") if playing else _tr("Play"))
        self.play_toggled.emit(playing)

    def set_playing(self, playing: bool) -> None:
        """Reflect the state without emitting (e.g. after a divergence paused the run)."""
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.setText(_tr("Pause") if playing else _tr("Play"))
        self.play_button.blockSignals(False)


class ControlsPanel(SettingsPanel):
    """The 1-D run's settings (RunConfig), Figure 1's overlays, and drawing or loading p_data."""

    overlay_toggled = Signal(str, bool)  # an OVERLAYS name of the density panel, shown or hidden
    draw_requested = Signal(bool)  # start (True) or cancel drawing p_data on Figure 1
    load_samples_requested = Signal()
    OPTIMIZER_LABELS: ClassVar[dict[str, str]] = {"adam": N_("Adam"), "sgd": N_("SGD, momentum 0.9 (the paper)")}
    LIMITS_OF = LIMITS

    def __init__(self, config: RunConfig, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        layout = self.layout_

        self._add_training_group(g_steps=True)

        view, self.overlay_boxes = self._toggles(_tr("Show on Figure 1"), OVERLAYS, self.overlay_toggled.emit, False)
        layout.addWidget(view)
        self.groups["overlays"] = view

        rebuild = QGroupBox(_tr("Problem (restarts the run") + RESET_MARK + ")")
        rebuild_form = QFormLayout(rebuild)
        self.target = self._combo({k: v.label for k, v in TARGETS.items()})
        self.noise = self._combo({k: v.label for k, v in NOISE_PRIORS.items()})
        self.seed = self._count("seed")
        rebuild_form.addRow(_tr("Data p_data") + RESET_MARK, self.target)
        rebuild_form.addRow(_tr("Noise prior p_z") + RESET_MARK, self.noise)
        rebuild_form.addRow(_tr("Seed") + RESET_MARK, self.seed)
        self.draw_button = self._button(_tr("Draw p_data..."), _tr("Drag over Figure 1 to draw your own data density"))
        self.draw_button.setCheckable(True)
        self.draw_button.toggled.connect(self.draw_requested)
        self.load_button = self._button(_tr("Load samples..."), _tr("A CSV or text file of numbers, one per line"))
        self.load_button.clicked.connect(self.load_samples_requested)
        own = QGridLayout()
        own.addWidget(self.draw_button, 0, 0)
        own.addWidget(self.load_button, 0, 1)
        rebuild_form.addRow(own)
        layout.addWidget(rebuild)
        self.groups["problem"] = rebuild

        model = QGroupBox(_tr("Networks (restarts the run") + RESET_MARK + ")")
        model_form = QFormLayout(model)
        self.g_width = self._count("g_width")
        self.g_depth = self._count("g_depth")
        self.d_width = self._count("d_width")
        self.d_depth = self._count("d_depth")
        self.activation = self._combo(ACTIVATION_LABELS)
        self.noise_dim = self._count("noise_dim")
        self.d_warmup = self._count("d_warmup")
        self.d_warmup.setToolTip(_tr("D steps in the first iteration instead of k: puts D ahead of G"))
        model_form.addRow(_tr("G width") + RESET_MARK, self.g_width)
        model_form.addRow(_tr("G hidden layers") + RESET_MARK, self.g_depth)
        model_form.addRow(_tr("D width") + RESET_MARK, self.d_width)
        model_form.addRow(_tr("D hidden layers") + RESET_MARK, self.d_depth)
        model_form.addRow(_tr("Activation") + RESET_MARK, self.activation)
        model_form.addRow(_tr("Noise dimension") + RESET_MARK, self.noise_dim)
        model_form.addRow(_tr("D head start (steps)") + RESET_MARK, self.d_warmup)
        layout.addWidget(model)
        self.groups["networks"] = model

        for field in ("target", "noise", "activation", "seed", "g_width", "g_depth", "d_width", "d_depth"):
            self._bind(field, getattr(self, field))
        for field in ("noise_dim", "d_warmup"):
            self._bind(field, getattr(self, field))
        self._finish()

    def set_config(self, config: RunConfig) -> None:
        custom = self.target.findData(CUSTOM)
        if config.target == CUSTOM and custom < 0:
            self.target.addItem(_tr("Custom (drawn or loaded)"), CUSTOM)
        elif config.target != CUSTOM and custom >= 0:
            self.target.removeItem(custom)
        super().set_config(config)

    def _changes(self, field: str, value: WidgetValue) -> dict[str, WidgetValue | None]:
        if field == "target" and value != CUSTOM:
            return {field: value, "custom_density": None}  # leaving a drawn or loaded density for a built-in one
        return {field: value}

    def set_drawing(self, drawing: bool) -> None:
        self.draw_button.blockSignals(True)
        self.draw_button.setChecked(drawing)
        self.draw_button.setText(_tr("Cancel drawing") if drawing else _tr("Draw p_data..."))
        self.draw_button.blockSignals(False)

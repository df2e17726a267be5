"""The plane run's settings (PlaneConfig) on the shared controls base, the fixes for mode collapse, and the layers."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from ganlab.app.plane import LAYERS
from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.i18n import N_
from ganlab.core.plane.config import PLANE_LIMITS, PlaneConfig
from ganlab.core.plane.targets import CUSTOM, PLANE_TARGETS
from ganlab.qt.i18n import table_tr
from ganlab.qt.panels.controls import ACTIVATION_LABELS, RESET_MARK, SettingsPanel

# Each fix in one sentence, shown beside its control (the "explained in the app").
FIXES = {
    "unroll": (
        N_("Unrolled D"),
        N_("G's loss looks k D steps ahead (Metz et al. 2017): G cannot win by exploiting D's current blind spot."),
    ),
    "pack": (
        N_("Packing"),
        N_("D judges m samples at once (PacGAN): a batch of look-alike fakes is easy to call fake."),
    ),
    "r1": (
        N_("R1 penalty"),
        N_("Penalises D's slope on real data (Mescheder et al. 2018), which keeps the game from circling."),
    ),
    "minibatch_features": (
        N_("Minibatch discrimination"),
        N_("D sees how close each sample is to the rest of its batch (Salimans et al. 2016)."),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlaneControls", text)


class PlaneControls(SettingsPanel):
    layer_toggled = Signal(str, bool)  # a LAYERS name, shown or hidden
    LIMITS_OF: ClassVar[dict[str, tuple[float, float]]] = PLANE_LIMITS
    OPTIMIZER_LABELS: ClassVar[dict[str, str]] = {"adam": N_("Adam"), "sgd": N_("SGD, momentum 0.9 (the paper)")}

    def __init__(self, config: PlaneConfig, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        layout = self.layout_
        self._add_training_group(g_steps=True)

        fixes = QGroupBox(_tr("Fixes for mode collapse"))
        fixes_layout = QVBoxLayout(fixes)
        form = QFormLayout()
        self.unroll, self.pack = self._count("unroll"), self._count("pack")
        self.r1, self.minibatch_features = self._rate("r1"), self._count("minibatch_features")
        for field in FIXES:
            widget = getattr(self, field)
            label, tip = FIXES[field]
            widget.setToolTip(table_tr(tip))
            form.addRow(table_tr(label) + (RESET_MARK if field in PlaneConfig.RESET_OF else ""), widget)
            self._bind(field, widget)
        fixes_layout.addLayout(form)
        layout.addWidget(fixes)

        layers, self.layer_boxes = self._toggles(_tr("Layers of the plane"), LAYERS, self.layer_toggled.emit, True)
        layout.addWidget(layers)
        self.groups["overlays"] = layers

        problem = QGroupBox(_tr("Data and noise (restart the run") + RESET_MARK + ")")
        problem_form = QFormLayout(problem)
        self.target = self._combo({key: target.label for key, target in PLANE_TARGETS.items()})
        self.noise = self._combo({key: prior.label for key, prior in NOISE_PRIORS.items()})
        self.noise_dim, self.seed = self._count("noise_dim"), self._count("seed")
        problem_form.addRow(_tr("Data p_data"), self.target)
        problem_form.addRow(_tr("Noise prior p_z"), self.noise)
        problem_form.addRow(_tr("Noise dimension (1 or 2)"), self.noise_dim)
        problem_form.addRow(_tr("Seed"), self.seed)
        layout.addWidget(problem)
        self.groups["problem"] = problem

        networks = QGroupBox(_tr("Networks (restart the run") + RESET_MARK + ")")
        networks_form = QFormLayout(networks)
        self.g_width, self.g_depth = self._count("g_width"), self._count("g_depth")
        self.d_width, self.d_depth = self._count("d_width"), self._count("d_depth")
        self.activation = self._combo(ACTIVATION_LABELS)
        self.d_warmup = self._count("d_warmup")
        for label, field in (
            (_tr("G width"), "g_width"),
            (_tr("G hidden layers"), "g_depth"),
            (_tr("D width"), "d_width"),
            (_tr("D hidden layers"), "d_depth"),
            (_tr("Activation"), "activation"),
            (_tr("D head start (steps)"), "d_warmup"),
        ):
            networks_form.addRow(label, getattr(self, field))
        layout.addWidget(networks)
        self.groups["networks"] = networks
        for field in ("target", "noise", "noise_dim", "seed", "g_width", "g_depth", "d_width", "d_depth"):
            self._bind(field, getattr(self, field))
        self._bind("activation", self.activation)
        self._bind("d_warmup", self.d_warmup)
        self._finish()

    def set_config(self, config: PlaneConfig) -> None:
        custom = self.target.findData(CUSTOM)
        if config.target == CUSTOM and custom < 0:
            self.target.addItem(table_tr(N_("Your points")), CUSTOM)
        elif config.target != CUSTOM and custom >= 0:
            self.target.removeItem(custom)
        super().set_config(config)

    def _changes(self, field: str, value: object) -> dict[str, object]:
        if field == "target" and value != CUSTOM:
            return {field: value, "custom_points": None}  # from the user's points back to a built-in target
        return {field: value}

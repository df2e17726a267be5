"""The image run's settings (ImageConfig) on the shared controls base: what applies live, what restarts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QWidget

from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.i18n import N_
from ganlab.core.image_config import FROM_FILE, IMAGE_LIMITS, ImageConfig
from ganlab.qt.panels.controls import RESET_MARK, SettingsPanel, WidgetValue

DATASET_LABELS = {
    "mnist_5k": N_("MNIST sample: 5,000 digits, 28x28"),
    "digits_8x8": N_("Small digits: 1,797 images, 8x8 (quick)"),
}
ARCHITECTURE_LABELS = {
    "dcgan": N_("Small DCGAN (convolutional)"),
    "mlp": N_("The paper's MLP (maxout D, dropout)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImageControlsPanel", text)


class ImageControlsPanel(SettingsPanel):
    open_dataset_requested = Signal()
    LIMITS_OF = IMAGE_LIMITS

    def __init__(self, config: ImageConfig, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        layout = self.layout_

        self._add_training_group(g_steps=False)

        rebuild = QGroupBox(_tr("Data and networks (restart the run") + RESET_MARK + ")")
        form = QFormLayout(rebuild)
        self.dataset = self._combo(DATASET_LABELS)
        self.architecture = self._combo(ARCHITECTURE_LABELS)
        self.noise = self._combo({k: v.label for k, v in NOISE_PRIORS.items()})
        self.noise_dim = self._count("noise_dim")
        self.g_width = self._count("g_width")
        self.d_width = self._count("d_width")
        self.seed = self._count("seed")
        self.g_width.setToolTip(_tr("MLP: hidden units per layer. DCGAN: channels of the last feature map"))
        self.d_width.setToolTip(_tr("MLP: maxout units per layer. DCGAN: channels of the first feature map"))
        self.open_button = self._button(
            _tr("Open a data set..."), _tr("MNIST IDX files, an .npz, or a folder of images")
        )
        self.open_button.clicked.connect(self.open_dataset_requested)
        form.addRow(_tr("Data") + RESET_MARK, self.dataset)
        form.addRow(self.open_button)
        form.addRow(_tr("Networks") + RESET_MARK, self.architecture)
        form.addRow(_tr("Noise prior p_z") + RESET_MARK, self.noise)
        form.addRow(_tr("Noise dimension") + RESET_MARK, self.noise_dim)
        form.addRow(_tr("G width") + RESET_MARK, self.g_width)
        form.addRow(_tr("D width") + RESET_MARK, self.d_width)
        form.addRow(_tr("Seed") + RESET_MARK, self.seed)
        layout.addWidget(rebuild)
        self.groups["networks"] = rebuild

        for field in ("dataset", "architecture", "noise", "noise_dim", "g_width", "d_width", "seed"):
            self._bind(field, getattr(self, field))
        self._finish()

    def set_config(self, config: ImageConfig) -> None:
        own = self.dataset.findData(FROM_FILE)
        if config.dataset == FROM_FILE:
            if own < 0:
                self.dataset.addItem("", FROM_FILE)
                own = self.dataset.count() - 1
            self.dataset.setItemText(own, _tr("Your file: {name}").format(name=config.data_path.rsplit("/", 1)[-1]))
            self.dataset.setItemData(own, config.data_path, 3)  # the full path as the tooltip
        elif own >= 0:
            self.dataset.removeItem(own)
        super().set_config(config)

    def _changes(self, field: str, value: WidgetValue) -> dict[str, WidgetValue | None]:
        if field == "dataset" and value != FROM_FILE:
            return {field: value, "data_path": ""}  # back from the user's file to a shipped set
        return {field: value}

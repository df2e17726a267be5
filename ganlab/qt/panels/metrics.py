"""The numbers behind the picture: divergences, V(D, G) against the theory's C(G), and D's accuracy."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ganlab.core.i18n import N_
from ganlab.core.snapshot import Snapshot
from ganlab.qt.i18n import table_tr

MINUS_LOG_4 = -math.log(4.0)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MetricsPanel", text)


def _number(value: float, digits: int = 4) -> str:
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.{digits}f}"


class MetricsPanel(QWidget):
    """A table of exact-on-the-grid metrics; each row's tooltip says what it means."""

    ROWS = (
        (
            "jsd",
            N_("JSD(p_data ‖ p_g)"),
            N_("Jensen-Shannon divergence, nats: 0 when p_g = p_data, log 2 = 0.693 when apart."),
        ),
        (
            "kl",
            N_("KL(p_data ‖ p_g)"),
            N_("Infinite wherever the data has mass and G has none: one reason for the JSD."),
        ),
        (
            "kl_reverse",
            N_("KL(p_g ‖ p_data)"),
            N_("Infinite wherever G puts mass the data never has."),
        ),
        (
            "w1",
            N_("W1(p_data, p_g)"),
            N_("Wasserstein-1 (earth mover's) distance, in units of x: how far mass must move."),
        ),
        (
            "value",
            N_("V(D, G)"),
            N_("E_data[log D(x)] + E_z[log(1 - D(G(z)))]: the game's value with the current D."),
        ),
        (
            "c_of_g",
            N_("C(G) = -log 4 + 2 JSD"),
            N_("The value with the optimal D* (Theorem 1). V(D, G) <= C(G)."),
        ),
        (
            "minus_log_4",
            N_("-log 4"),
            N_("The global minimum of C(G), reached exactly when p_g = p_data."),
        ),
        (
            "d_acc",
            N_("D accuracy real / fake"),
            N_("Share of the data D calls real, and of G's samples D calls fake."),
        ),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        for row, (key, name, tip) in enumerate(self.ROWS):
            label = QLabel(table_tr(name))
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            for widget in (label, value):
                widget.setToolTip(table_tr(tip))
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        grid.setRowStretch(len(self.ROWS), 1)
        self.values["minus_log_4"].setText(_number(MINUS_LOG_4))

    def update_snapshot(self, snapshot: Snapshot) -> None:
        for key in ("jsd", "kl", "kl_reverse", "w1", "value", "c_of_g"):
            self.values[key].setText(_number(getattr(snapshot, key)))
        self.values["d_acc"].setText(f"{_number(snapshot.d_acc_real, 2)} / {_number(snapshot.d_acc_fake, 2)}")

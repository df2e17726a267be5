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


# Both KLs, as every kind with densities on a grid shows them.
KL_ROWS = (
    ("kl", N_("KL(p_data ‖ p_g)"), N_("Infinite wherever the data has mass and G has none: one reason for the JSD.")),
    ("kl_reverse", N_("KL(p_g ‖ p_data)"), N_("Infinite wherever G puts mass the data never has.")),
)


class NumbersPanel(QWidget):
    """A table of a kind's numbers: ROWS of (snapshot field, name, what it means: the tooltip). Fields the snapshot
    has are shown as they come; a subclass fills the others (a constant, two values in one row)."""

    ROWS: tuple[tuple[str, str, str], ...] = ()
    DIGITS: dict[str, int] = {}  # decimals of a row, where not 4 (a count, a percentage)

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

    def update_snapshot(self, snapshot: object) -> None:
        for key, label in self.values.items():
            value = getattr(snapshot, key, None)
            if isinstance(value, float | int):
                label.setText(_number(float(value), self.DIGITS.get(key, 4)))


class MetricsPanel(NumbersPanel):
    """The 1-D run's exact-on-the-grid metrics, V(D, G) against the theory's C(G), and D's accuracy."""

    ROWS = (
        (
            "jsd",
            N_("JSD(p_data ‖ p_g)"),
            N_("Jensen-Shannon divergence, nats: 0 when p_g = p_data, log 2 = 0.693 when apart."),
        ),
        *KL_ROWS,
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
        self.values["minus_log_4"].setText(_number(MINUS_LOG_4))

    def update_snapshot(self, snapshot: Snapshot) -> None:
        super().update_snapshot(snapshot)
        self.values["d_acc"].setText(f"{_number(snapshot.d_acc_real, 2)} / {_number(snapshot.d_acc_fake, 2)}")


class PlaneMetricsPanel(NumbersPanel):
    """The plane's numbers: the modes G covers (PacGAN's definitions) and the distances between data and G."""

    DIGITS = {"modes_covered": 0, "high_quality_pct": 1}
    ROWS = (
        (
            "modes_covered",
            N_("Modes covered"),
            N_("Modes with at least one of 2,500 samples of G within 3 sigma of it (PacGAN)."),
        ),
        (
            "high_quality_pct",
            N_("High-quality samples, %"),
            N_("Share of G's samples within 3 sigma of their nearest mode."),
        ),
        (
            "mode_kl",
            N_("Reverse KL over the modes"),
            N_("KL between the modes' share of G's high-quality samples and the true weights: 0 when balanced."),
        ),
        (
            "js",
            N_("JS(p_data, p_g)"),
            N_("Jensen-Shannon divergence on the 64 x 64 grid, nats, with the mass outside it kept: <= log 2."),
        ),
        *KL_ROWS,
        (
            "w1",
            N_("W1, 64 fakes to 64 reals"),
            N_(
                "Exact earth mover's distance between 64 of G's samples and 64 of the data's (a small-sample estimate)."
            ),
        ),
    )

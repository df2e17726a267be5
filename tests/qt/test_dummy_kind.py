"""A kind of run defined only here (a Dirac GAN: p_data a point mass at 0, G a point mass at theta, D(x) = psi * x)
opens in the window, trains through the CLI's loop, saves and reopens as a session and is driven by a lesson, with
no edit to shared code for its sake: the run-kinds table and the view it names are the only extension points."""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QLabel, QWidget
from torch import nn

from ganlab.app.kinds import register_kind, unregister_kind
from ganlab.app.lessons import all_verbs, default_context, parse_lesson
from ganlab.app.lessons.vocabulary import Verb
from ganlab.app.run_kind import Preset, RunKind
from ganlab.core.adversarial import AlgorithmOne, discriminator_step, make_optimizer
from ganlab.core.losses import LOSSES
from ganlab.core.settings import OPTIMIZERS, Settings
from ganlab.core.snapshot import FrozenArrays
from ganlab.qt.kinds.base import DockSpec, KindView
from ganlab.qt.panels.controls import SettingsPanel


@dataclass(frozen=True)
class DiracConfig(Settings):
    CHOICES_OF: ClassVar[dict[str, tuple[str, ...]]] = {
        "loss": tuple(LOSSES),
        "optimizer_d": OPTIMIZERS,
        "optimizer_g": OPTIMIZERS,
    }
    LIMITS_OF: ClassVar[dict[str, tuple[float, float]]] = {
        "lr_d": (1e-6, 1.0),
        "lr_g": (1e-6, 1.0),
        "k": (0, 50),
        "batch_size": (1, 64),
        "seed": (0, 2**31 - 1),
        "steps": (1, 1_000_000),
        "theta0": (-10.0, 10.0),
    }
    RESET_OF: ClassVar[frozenset[str]] = frozenset({"seed", "theta0"})
    KIND: ClassVar[str] = "Dirac test run"

    loss: str = "non_saturating"
    optimizer_d: str = "sgd"
    optimizer_g: str = "sgd"
    lr_d: float = 0.05
    lr_g: float = 0.05
    k: int = 1
    batch_size: int = 8
    seed: int = 0
    steps: int = 40
    theta0: float = 1.0


@dataclass(frozen=True)
class DiracSnapshot(FrozenArrays):
    trajectory: np.ndarray  # (theta, psi) now, as a 1 x 2 array: a kind's snapshot may carry any arrays
    iteration: int
    d_steps: int
    g_steps: int
    d_loss: float
    g_loss: float
    g_grad_norm: float
    theta: float
    phase: str
    device: str
    created: float

    ARRAYS: ClassVar[tuple[str, ...]] = ("trajectory",)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"trajectory": self.trajectory}


class DiracTrainer(AlgorithmOne):
    RANDOM_STREAMS = ("noise_rng", "penalty_rng")

    def __init__(self, config: DiracConfig, device: torch.device | str = "cpu") -> None:
        self.config = config
        self.device = torch.device(device)
        self.generator = nn.Linear(1, 1)
        self.discriminator = nn.Linear(1, 1, bias=False)
        with torch.no_grad():
            self.generator.weight.zero_()
            self.generator.bias.fill_(config.theta0)
            self.discriminator.weight.zero_()
        self.opt_g = make_optimizer(config.optimizer_g, self.generator.parameters(), config.lr_g, 0.0)
        self.opt_d = make_optimizer(config.optimizer_d, self.discriminator.parameters(), config.lr_d, 0.0)
        self.noise_rng = torch.Generator().manual_seed(config.seed + 1)
        self.penalty_rng = torch.Generator().manual_seed(config.seed + 3)
        self.iteration = self.d_steps = self.g_steps = 0
        self._d_loss = self._g_loss = self._g_grad_norm = torch.tensor(math.nan)

    def noise_batch(self) -> torch.Tensor:
        return torch.randn(self.config.batch_size, 1, generator=self.noise_rng)

    def step_d(self) -> None:
        real = torch.zeros(self.config.batch_size, 1)
        with torch.no_grad():
            fake = self.generator(self.noise_batch())
        self._d_loss = discriminator_step(self.loss, self.discriminator, self.opt_d, real, fake, self.penalty_rng)
        self.d_steps += 1

    def plan_iteration(self) -> list[str]:
        return ["d"] * self.config.k + ["g"]

    def apply(self, config: DiracConfig) -> None:
        self.set_learning_rates(config.lr_d, config.lr_g)
        self.config = config

    @property
    def theta(self) -> float:
        return float(self.generator.bias.detach())

    def snapshot(self, phase: str = "iteration") -> DiracSnapshot:
        d_loss, g_loss, norm = self.losses()
        psi = float(self.discriminator.weight.detach())
        return DiracSnapshot(
            np.array([[self.theta, psi]]), self.iteration, self.d_steps, self.g_steps, d_loss, g_loss, norm,
            self.theta, phase, str(self.device), time.monotonic(),
        )  # fmt: skip


class DiracControls(SettingsPanel):
    LIMITS_OF = DiracConfig.LIMITS_OF

    def __init__(self, config: DiracConfig) -> None:
        super().__init__(config)
        self._add_training_group(g_steps=False)
        self._finish()


class DiracView(KindView):
    def __init__(self, kind: RunKind, controller: object, window: object) -> None:
        super().__init__(kind, controller, window)
        self.picture = QLabel("no run yet")
        self.central = self.picture
        self.controls = DiracControls(controller.configs[kind.name])
        self.controls.config_edited.connect(controller.edit)
        self.panel = QWidget()
        self.docks = [DockSpec("dirac_panel", "Dirac", self.panel, export_widget=self.panel)]
        self.exportable_central = ("dirac", "Dirac", self.picture)
        self.drawn: list[int] = []
        self.waves = 0

    def show_snapshot(self, snapshot: DiracSnapshot) -> None:
        self.drawn.append(snapshot.iteration)
        self.picture.setText(f"theta {snapshot.theta:.4f}")

    def status(self, snapshot: DiracSnapshot) -> str:
        return f"theta {snapshot.theta:.3f}"

    def lesson_handlers(self) -> dict:
        def wave(args: tuple) -> None:
            self.waves += 1

        return {"wave": wave}


def _export(trainer: DiracTrainer, path: str) -> None:
    np.savez(path, trajectory=trainer.snapshot().trajectory)


DIRAC = RunKind(
    name="dirac_test",
    config_class=DiracConfig,
    make_trainer=DiracTrainer,
    snapshot_type=DiracSnapshot,
    presets=(Preset("dirac_test", "Dirac GAN (test)", "theta and psi circle the equilibrium.", DiracConfig()),),
    report=lambda trainer: {"theta": trainer.theta, "d_loss": trainer.losses()[0]},
    summary=lambda preset: f"theta0={preset.config.theta0}",
    export=_export,
    export_suffixes=(".npz",),
    view=f"{__name__}:DiracView",
    panels=("dirac_panel",),
    lesson_verbs={"wave": Verb((), "wave at the class")},
    series=("d_loss", "g_loss", "theta"),
)

LESSON = """# The Dirac GAN

## Look
The generator is a point at theta.

[button: Wave | wave]
[button: Step | step]
[button: Show the panel | show dirac_panel]
[button: Faster D | set lr_d 0.1]
"""


@pytest.fixture
def dirac():
    register_kind(DIRAC)
    yield DIRAC
    unregister_kind(DIRAC.name)


def test_the_kind_trains_through_the_cli_loop(dirac, tmp_path, capsys):
    from ganlab.cli import main

    out = tmp_path / "dirac.npz"
    assert (
        main(["train", "--preset", "dirac_test", "--steps", "20", "--every", "10", "--json", "--export", str(out)]) == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["step"] for r in rows] == [10, 20] and rows[-1]["final"] is True
    assert rows[-1]["theta"] != pytest.approx(1.0)  # G moved
    assert np.load(out)["trajectory"][0, 0] == pytest.approx(rows[-1]["theta"])
    assert main(["train", "--preset", "dirac_test", "--g-steps", "2"]) == 2  # a flag this kind has no field for


def test_a_lesson_validates_against_the_kind_and_every_verb_has_a_handler(dirac, qtbot):
    from ganlab.qt.window.main_window import MainWindow

    lesson = parse_lesson(LESSON, context=default_context())
    verbs = [action.verb for step in lesson.steps for action in step.actions]
    assert verbs == ["wave", "step", "show", "set"]
    window = MainWindow(preset="dirac_test", device="cpu", transport="thread")
    qtbot.addWidget(window)
    try:
        assert set(window.lesson_handlers) == all_verbs()
    finally:
        window.close()


def test_the_kind_opens_in_the_window_is_driven_by_a_lesson_and_saves_as_a_session(dirac, qtbot, tmp_path):
    from ganlab.qt.window.main_window import MainWindow

    window = MainWindow(preset="dirac_test", device="cpu", transport="thread")
    qtbot.addWidget(window)
    window.show()
    c = window.controller
    view = window.views["dirac_test"]
    try:
        qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
        assert window.kind == "dirac_test" and window.pages.currentWidget() is view.picture
        assert window.docks["dirac_test"]["dirac_panel"].isVisible()
        assert not window.docks["1d"]["charts"].isVisible()
        for step in parse_lesson(LESSON, context=default_context()).steps:
            for action in step.actions:
                window.run_lesson_action(action)
        qtbot.waitUntil(lambda: c.snapshot.iteration == 1, timeout=10_000)
        assert view.waves == 1 and view.drawn[-1] == 1 and c.config.lr_d == 0.1
        assert len(c.record.series) >= 1 and "theta" in window.figure_label.text()
        c.run_iterations(5)
        qtbot.waitUntil(lambda: c.snapshot.iteration == 6 and not c.playing, timeout=10_000)
        theta = c.snapshot.theta
        path = tmp_path / "dirac.ganlab"
        window.save_session_to(str(path))
        qtbot.waitUntil(path.exists, timeout=10_000)
        c.reset()
        qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 0, timeout=10_000)
        assert window.open_session_from(str(path))
        qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 6, timeout=10_000)
        assert c.snapshot.theta == pytest.approx(theta, abs=1e-7) and c.config.lr_d == 0.1
    finally:
        window.close()
    assert not c.client.is_running()


def test_every_views_docks_are_panels_its_row_names(dirac, qtbot):
    """The `show` lesson verb is checked against the rows' panels (no Qt); each view's docks must be among them."""
    from ganlab.qt.window.main_window import MainWindow

    window = MainWindow(preset="dirac_test", device="cpu", transport="thread")
    qtbot.addWidget(window)
    try:
        for view in window.views.values():
            assert {spec.name for spec in view.docks} <= set(view.kind.panels), view.kind.name
    finally:
        window.close()

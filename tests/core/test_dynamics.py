"""The paper's claims, reproduced headless: saturation of the minimax loss, D -> D*, V -> -log 4."""

import math

import numpy as np
import pytest

from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.losses import LOSSES
from ganlab.core.trainer import Trainer

FIGURE1 = ALL_PRESETS["figure1"].config


def _first_generator_gradient(loss: str) -> float:
    trainer = Trainer(FIGURE1.replace(loss=loss, d_warmup=200))  # D trained ahead: 200 steps, then one G step
    trainer.step()
    assert trainer.d_steps == 200 and trainer.g_steps == 1
    return trainer.losses()[2]


def test_minimax_gradient_is_tiny_when_d_is_ahead():
    minimax, non_saturating = _first_generator_gradient("minimax"), _first_generator_gradient("non_saturating")
    assert minimax < non_saturating / 10
    assert non_saturating > 1.0


def _w1_trace(loss: str, iterations: int, every: int) -> tuple[list[float], float]:
    trainer = Trainer(ALL_PRESETS["saturation"].config.replace(loss=loss))
    trace, largest_gradient = [], 0.0
    for i in range(1, iterations + 1):
        trainer.step()
        largest_gradient = max(largest_gradient, trainer.losses()[2])
        if i % every == 0:
            trace.append(trainer.snapshot().w1)
    return trace, largest_gradient


def test_saturation_preset_minimax_stays_stuck_non_saturating_reaches_the_data():
    stuck, stuck_gradient = _w1_trace("minimax", 300, 100)
    freed, _ = _w1_trace("non_saturating", 300, 100)
    start = Trainer(ALL_PRESETS["saturation"].config).snapshot().w1
    assert start > 3.5  # G starts ~4 away from the data
    assert min(stuck) > 0.95 * start and stuck_gradient < 0.01
    assert min(freed) < 1.0


def test_switching_the_loss_live_frees_the_generator():
    trainer = Trainer(ALL_PRESETS["saturation"].config)
    for _ in range(150):
        trainer.step()
    stuck = trainer.snapshot().w1
    trainer.apply(trainer.config.replace(loss="non_saturating"))
    for _ in range(150):
        trainer.step()
    assert stuck > 3.5 and trainer.snapshot().w1 < 1.0


def test_a_trained_discriminator_approaches_the_optimal_one():
    # An affine G on Gaussian noise has an exactly Gaussian p_g; freeze it and let D learn (Proposition 1).
    trainer = Trainer(FIGURE1.replace(noise="gaussian", g_depth=0))
    for _ in range(300):
        trainer.step()
    trainer.apply(trainer.config.replace(g_steps=0, batch_size=2048))
    g_before = [p.detach().clone() for p in trainer.generator.parameters()]
    for _ in range(4000):
        trainer.step()
    assert all(np.array_equal(a, b.detach()) for a, b in zip(g_before, trainer.generator.parameters(), strict=True))
    snap = trainer.snapshot()
    mass = snap.p_data + snap.p_g
    where = mass > 0.1 * mass.max()
    assert np.nanmax(np.abs(snap.d - snap.d_star)[where]) < 0.05
    assert snap.value == pytest.approx(snap.c_of_g, abs=0.03)  # V(D*, G) = C(G)


def test_value_approaches_minus_log_4_at_convergence():
    trainer = Trainer(FIGURE1)
    for _ in range(FIGURE1.steps):
        trainer.step()
    snap = trainer.snapshot()
    assert snap.jsd < 0.01
    assert snap.value == pytest.approx(-math.log(4), abs=0.02)
    assert snap.c_of_g == pytest.approx(-math.log(4), abs=0.02)
    assert 0.3 < 0.5 * (snap.d_acc_real + snap.d_acc_fake) < 0.7  # D can no longer tell


@pytest.mark.parametrize("loss", list(LOSSES))
def test_every_loss_trains_figure1_without_nan(loss):
    trainer = Trainer(FIGURE1.replace(loss=loss))
    start, closest = trainer.snapshot().w1, math.inf
    for i in range(1, 801):
        trainer.step()
        assert trainer.divergence() is None
        if i % 100 == 0:
            snap = trainer.snapshot()
            assert np.isfinite(snap.d).all() and np.isfinite(snap.p_g).all()
            closest = min(closest, snap.w1)
    assert closest < start / 3  # G got most of the way to the data (critic losses oscillate around it)

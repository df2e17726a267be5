import math

import numpy as np
import pytest
import torch

from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.run_config import RunConfig
from ganlab.core.trainer import ARROWS, GRID_BINS, Trainer, resolve_device

SMALL = RunConfig(g_width=16, d_width=16, batch_size=64)


def _params(module):
    return [p.detach().clone() for p in module.parameters()]


def _changed(before, module):
    return [not torch.equal(a, b) for a, b in zip(before, module.parameters(), strict=True)]


def test_step_d_changes_only_d():
    trainer = Trainer(SMALL)
    g0, d0 = _params(trainer.generator), _params(trainer.discriminator)
    trainer.step_d()
    assert not any(_changed(g0, trainer.generator))
    assert all(_changed(d0, trainer.discriminator))
    assert (trainer.d_steps, trainer.g_steps, trainer.iteration) == (1, 0, 0)


def test_step_g_changes_only_g():
    trainer = Trainer(SMALL)
    g0, d0 = _params(trainer.generator), _params(trainer.discriminator)
    trainer.step_g()
    assert all(_changed(g0, trainer.generator))
    assert not any(_changed(d0, trainer.discriminator))
    assert (trainer.d_steps, trainer.g_steps, trainer.iteration) == (0, 1, 0)
    assert trainer.losses()[2] > 0  # the gradient norm was measured


def test_iteration_is_k_d_steps_then_g_steps():
    trainer = Trainer(SMALL.replace(k=3, g_steps=2))
    trainer.step()
    trainer.step()
    assert (trainer.iteration, trainer.d_steps, trainer.g_steps) == (2, 6, 4)


def test_same_seed_same_run_other_seed_other_run():
    def run(seed):
        trainer = Trainer(SMALL.replace(seed=seed))
        for _ in range(30):
            trainer.step()
        return trainer.snapshot()

    a, b, c = run(3), run(3), run(4)
    for name in ("p_g", "d", "g_z"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.p_g, c.p_g)
    assert (a.d_loss, a.g_loss) == (b.d_loss, b.g_loss)


def test_snapshot_contents():
    trainer = Trainer(SMALL)
    snap = trainer.snapshot()
    assert snap.x.shape == snap.p_data.shape == snap.p_g.shape == snap.d.shape == (GRID_BINS,)
    assert snap.z.shape == snap.g_z.shape == (ARROWS,)
    assert snap.z[0] == -1.0 and snap.z[-1] == 1.0  # the uniform prior's whole line
    assert np.all((snap.d > 0) & (snap.d < 1))
    dx = snap.x[1] - snap.x[0]
    assert snap.p_data.sum() * dx == pytest.approx(1.0, abs=1e-3)
    assert snap.p_g.sum() * dx <= 1.0 + 1e-9
    assert 0.3 < snap.jsd <= math.log(2)  # an untrained G is far from the data
    assert math.isnan(snap.d_loss)  # nothing trained yet
    with pytest.raises(ValueError):
        snap.p_g[0] = 1.0  # frozen arrays


def test_snapshot_g_z_is_the_generator_on_those_z():
    trainer = Trainer(SMALL)
    snap = trainer.snapshot()
    with torch.no_grad():
        expected = trainer.generator(torch.tensor(snap.z, dtype=torch.float32)[:, None]).view(-1).numpy()
    np.testing.assert_allclose(snap.g_z, expected, rtol=1e-6)


def test_live_changes_apply_without_reset():
    trainer = Trainer(SMALL)
    trainer.step()
    trainer.apply(trainer.config.replace(lr_d=0.005, lr_g=0.0007, loss="minimax", k=4))
    assert trainer.opt_d.param_groups[0]["lr"] == 0.005
    assert trainer.opt_g.param_groups[0]["lr"] == 0.0007
    assert trainer.iteration == 1
    trainer.step()
    assert trainer.d_steps == 1 + 4
    with pytest.raises(ValueError, match="rebuilds"):
        trainer.apply(trainer.config.replace(target="uniform"))


def test_checkpoint_restore_replays_identically():
    trainer = Trainer(SMALL)
    for _ in range(5):
        trainer.step()
    saved = trainer.checkpoint()
    for _ in range(5):
        trainer.step()
    first = trainer.snapshot()
    trainer.restore(saved)
    assert trainer.iteration == 5
    for _ in range(5):
        trainer.step()
    second = trainer.snapshot()
    np.testing.assert_array_equal(first.p_g, second.p_g)
    np.testing.assert_array_equal(first.d, second.d)


def test_divergence_is_detected():
    trainer = Trainer(SMALL)
    assert trainer.divergence() is None  # NaN before the first step is not a divergence
    trainer.step()
    assert trainer.divergence() is None
    with torch.no_grad():
        next(trainer.discriminator.parameters()).fill_(float("nan"))
    trainer.step_d()
    assert trainer.divergence() == "D loss = nan"


def test_training_reduces_the_divergence():
    trainer = Trainer(ALL_PRESETS["figure1"].config)
    start = trainer.snapshot().jsd
    for _ in range(1000):
        trainer.step()
    end = trainer.snapshot().jsd
    assert start > 0.5
    assert end < 0.1


def test_devices():
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_device("auto").type in ("cpu", "cuda", "mps")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA"):
            resolve_device("cuda")


def test_noise_dim_above_one():
    trainer = Trainer(SMALL.replace(noise_dim=3, noise="gaussian"))
    trainer.step()
    snap = trainer.snapshot()
    assert snap.z.shape == (ARROWS,) and np.isfinite(snap.p_g).all()


def test_snapshot_survives_a_generator_that_blew_up():
    trainer = Trainer(SMALL)
    with torch.no_grad():
        last = list(trainer.generator.parameters())[-1]
        last.fill_(1e37)
    snap = trainer.snapshot()
    assert snap.p_g.shape == snap.x.shape
    assert snap.jsd == pytest.approx(math.log(2))  # all of G's mass is far outside the view

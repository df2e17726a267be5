"""The plane's trainer and settings: the snapshot, Algorithm 1's two moves, the selected loss's arrows, the fixes for
mode collapse, checkpoints."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch

from ganlab.core.plane.config import PlaneConfig
from ganlab.core.plane.objectives import copy_optimizer_state, d_objective, functional_step
from ganlab.core.plane.trainer import PlaneTrainer
from ganlab.core.settings import ConfigError

SMALL = PlaneConfig(g_width=32, d_width=32, batch_size=64)


def params(module: torch.nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in module.parameters()]


def same(a: list[torch.Tensor], b: list[torch.Tensor]) -> bool:
    return all(torch.equal(x, y) for x, y in zip(a, b, strict=True))


def test_the_snapshot_shapes_and_meaning():
    trainer = PlaneTrainer(SMALL)
    trainer.step()
    snap = trainer.snapshot("iteration")
    shapes = {"fakes": (512, 2), "reals": (512, 2), "d_grid": (64, 64), "manifold": (21, 21, 2), "arrows": (512, 2)}
    shapes |= {"p_data": (64, 64), "p_g": (64, 64)}
    for name, shape in shapes.items():
        array = getattr(snap, name)
        assert array.shape == shape, name
        assert array.dtype == np.float32 and not array.flags.writeable, name
        assert np.all(np.isfinite(array)), name
    assert (snap.iteration, snap.d_steps, snap.g_steps) == (1, 1, 1)
    assert snap.d_is_probability and 0.0 <= snap.d_grid.min() <= snap.d_grid.max() <= 1.0
    cell = (5.0 / 64) ** 2
    assert snap.p_data.sum() * cell == pytest.approx(1.0, abs=1e-5)  # ring-8 lies inside its view
    assert 0.0 < snap.p_g.sum() * cell <= 1.0 + 1e-6
    assert 0.0 <= snap.js <= math.log(2) and snap.w1 > 0.0 and snap.kl_reverse >= 0.0
    assert 0 <= snap.modes_covered <= 8 and 0.0 <= snap.high_quality_pct <= 100.0
    assert snap.bounds == ((-2.5, 2.5), (-2.5, 2.5)) and snap.phase == "iteration" and snap.loss == "non_saturating"
    np.testing.assert_allclose(snap.fakes, trainer.generator(trainer._view_z[:512]).detach().numpy(), atol=1e-6)


def test_1d_noise_draws_a_curve_and_targets_without_modes_give_nan():
    trainer = PlaneTrainer(SMALL.replace(noise_dim=1, noise="gaussian", target="swiss_roll"))
    snap = trainer.snapshot("start")
    assert snap.manifold.shape == (441, 2)
    assert trainer.run_info().manifold_z.shape == (441, 1)
    assert math.isnan(snap.modes_covered) and math.isnan(snap.high_quality_pct) and math.isnan(snap.mode_kl)


def test_a_critic_loss_shows_a_score():
    trainer = PlaneTrainer(SMALL.replace(loss="wgan_gp"))
    for _ in range(20):
        trainer.step_d()
    snap = trainer.snapshot()
    assert not snap.d_is_probability
    assert snap.d_grid.max() > 1.0 or snap.d_grid.min() < 0.0  # a score, not squashed into (0, 1)


def test_d_step_changes_only_d_and_g_step_only_g():
    trainer = PlaneTrainer(SMALL)
    g0, d0 = params(trainer.generator), params(trainer.discriminator)
    trainer.step_d()
    g1, d1 = params(trainer.generator), params(trainer.discriminator)
    assert same(g0, g1) and not same(d0, d1)
    trainer.step_g()
    g2, d2 = params(trainer.generator), params(trainer.discriminator)
    assert same(d1, d2) and not same(g1, g2)
    assert all(p.requires_grad for p in trainer.discriminator.parameters())


def test_after_a_d_head_start_minimax_arrows_are_a_tenth_of_non_saturating():
    config = SMALL.replace(loss="minimax", batch_size=256)
    trainer = PlaneTrainer(config)
    for _ in range(200):
        trainer.step_d()  # D learns to reject G's samples with confidence: D(G(z)) -> 0
    minimax = np.linalg.norm(trainer.snapshot().arrows, axis=1).mean()
    trainer.apply(config.replace(loss="non_saturating"))
    non_saturating = np.linalg.norm(trainer.snapshot().arrows, axis=1).mean()
    # Per fake, |d/dx log(1 - D)| / |d/dx log D| = D / (1 - D): small where D is sure the sample is fake.
    assert 0.0 < minimax < non_saturating / 10


def test_the_arrows_are_minus_the_per_sample_gradient_of_g_s_loss():
    trainer = PlaneTrainer(SMALL)
    for _ in range(5):
        trainer.step()
    snap = trainer.snapshot()
    x = torch.tensor(snap.fakes[:3]).requires_grad_(True)
    logits = trainer.discriminator(x)
    (grad,) = torch.autograd.grad(torch.nn.functional.softplus(-logits).sum(), x)  # -log D per sample
    np.testing.assert_allclose(snap.arrows[:3], -grad.numpy(), rtol=1e-4, atol=1e-7)


FIXES = {
    "unroll": {"unroll": 3},
    "pack": {"pack": 2},
    "r1": {"r1": 1.0},
    "minibatch": {"minibatch_features": 4},
    "all at once, wgan-gp": {"unroll": 2, "pack": 3, "r1": 0.5, "minibatch_features": 2, "loss": "wgan_gp"},
    "unrolled sgd, hinge": {"unroll": 2, "optimizer_d": "sgd", "loss": "hinge"},
}


@pytest.mark.parametrize("fix", list(FIXES))
def test_each_fix_trains_without_nan(fix):
    trainer = PlaneTrainer(SMALL.replace(batch_size=32, **FIXES[fix]))
    g0 = params(trainer.generator)
    for _ in range(50):
        trainer.step()
    assert trainer.divergence() is None
    assert not same(g0, params(trainer.generator))
    snap = trainer.snapshot()
    for name, array in snap.arrays().items():
        assert np.all(np.isfinite(array)), name


def test_unrolling_changes_g_s_gradient_but_leaves_d_alone():
    trainer = PlaneTrainer(SMALL)
    for _ in range(10):
        trainer.step()
    state = trainer.state_dict()
    d_before = params(trainer.discriminator)
    d_grads = [p.grad.clone() for p in trainer.discriminator.parameters()]
    d_moments = [s["exp_avg"].clone() for s in trainer.opt_d.state.values()]
    trainer.step_g()
    plain = [p.grad.clone() for p in trainer.generator.parameters()]
    trainer.load_state_dict(state)
    trainer.apply(trainer.config.replace(unroll=5))
    trainer.step_g()
    unrolled = [p.grad.clone() for p in trainer.generator.parameters()]
    assert not same(plain, unrolled)
    difference = sum(float((a - b).norm()) for a, b in zip(plain, unrolled, strict=True))
    assert difference > 1e-4 * sum(float(a.norm()) for a in plain)
    # The unrolled copies did not leak into D: its parameters, gradients and Adam moments are as before.
    assert same(d_before, params(trainer.discriminator))
    assert same(d_grads, [p.grad for p in trainer.discriminator.parameters()])
    assert same(d_moments, [s["exp_avg"] for s in trainer.opt_d.state.values()])


def test_state_dict_round_trips_exactly():
    config = SMALL.replace(pack=2, minibatch_features=3, unroll=1)
    original = PlaneTrainer(config)
    for _ in range(4):
        original.step()
    copy_of = PlaneTrainer(config)
    assert copy_of.load_state_dict(original.state_dict()) == ()
    for _ in range(3):
        original.step()
        copy_of.step()
    assert same(params(original.generator), params(copy_of.generator))
    assert same(params(original.discriminator), params(copy_of.discriminator))
    a, b = original.snapshot(), copy_of.snapshot()
    for name in a.arrays():
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert (a.iteration, a.d_loss, a.g_loss) == (b.iteration, b.d_loss, b.g_loss)


def test_live_settings_apply_and_the_rest_need_a_new_trainer():
    trainer = PlaneTrainer(SMALL)
    trainer.apply(SMALL.replace(loss="hinge", unroll=2, r1=3.0, lr_d=5e-4, k=2))
    assert trainer.opt_d.param_groups[0]["lr"] == 5e-4 and trainer.plan_iteration() == ["d", "d", "g"]
    for change in ({"pack": 2}, {"minibatch_features": 1}, {"target": "grid25"}, {"noise_dim": 1}):
        with pytest.raises(ValueError, match="rebuilds"):
            trainer.apply(SMALL.replace(**change))


def test_a_d_head_start_in_the_first_iteration():
    trainer = PlaneTrainer(SMALL.replace(d_warmup=5, k=2))
    assert trainer.plan_iteration() == ["d"] * 5 + ["g"]
    trainer.step()
    assert trainer.plan_iteration() == ["d", "d", "g"]


def test_custom_points_train_and_round_trip_through_json():
    points = [[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]]
    config = SMALL.replace(target="custom", custom_points=points)
    assert config.custom_points == ((0.0, 0.0), (1.0, 1.0), (2.0, 0.5))
    assert PlaneConfig.from_json(config.to_json()) == config
    trainer = PlaneTrainer(config)
    trainer.step()
    assert trainer.snapshot().p_data.sum() > 0 and trainer.target.key == "custom"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"target": "custom"}, "needs custom_points"),
        ({"target": "custom", "custom_points": []}, "no points"),
        ({"target": "custom", "custom_points": [[1.0]]}, "not usable"),
        ({"custom_points": [[1.0, 2.0]]}, "only used with target"),
        ({"pack": 5}, "pack must be between 1 and 4"),
        ({"unroll": 11}, "unroll"),
        ({"r1": -1.0}, "r1"),
        ({"noise_dim": 3}, "noise_dim"),
        ({"target": "moons"}, "target must be one of"),
    ],
)
def test_bad_settings_get_a_message(changes, message):
    with pytest.raises(ConfigError, match=message):
        SMALL.replace(**changes)


def test_the_defaults_are_plain_and_serialisable():
    config = PlaneConfig()
    assert (config.unroll, config.pack, config.r1, config.minibatch_features) == (0, 1, 0.0, 0)
    assert json.loads(config.to_json())["target"] == "ring8"
    assert PlaneConfig.from_json(config.to_json()) == config


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_an_unrolled_step_moves_d_as_its_own_optimiser_would(optimizer):
    trainer = PlaneTrainer(SMALL.replace(optimizer_d=optimizer))
    for _ in range(3):
        trainer.step()  # the optimiser has moments by now
    real, fake = trainer.real_batch(), trainer.fake_batch().detach()
    originals = list(trainer.discriminator.parameters())
    value = d_objective(trainer.loss, trainer.discriminator, real, fake, 0.0, trainer.penalty_rng)
    grads = torch.autograd.grad(value, originals)
    state = copy_optimizer_state(trainer.opt_d, originals)
    stepped = functional_step(trainer.opt_d, [p.detach() for p in originals], grads, state)
    trainer.opt_d.zero_grad(set_to_none=True)
    for p, g in zip(originals, grads, strict=True):
        p.grad = g.clone()
    trainer.opt_d.step()
    for mine, torch_s in zip(stepped, originals, strict=True):
        torch.testing.assert_close(mine, torch_s.detach(), rtol=1e-5, atol=1e-7)

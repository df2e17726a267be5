"""Each loss pinned to hand-computed values, two-sided."""

import math

import pytest
import torch

from ganlab.core.losses import LOSSES

LOG2 = math.log(2.0)


def _t(*values):
    return torch.tensor(values, dtype=torch.float64)


def test_table_has_the_paper_losses_and_more():
    assert set(LOSSES) == {"minimax", "non_saturating", "least_squares", "wgan_clip", "wgan_gp", "hinge"}


def test_discriminator_cross_entropy_at_indifference():
    # D(x) = D(G(z)) = 1/2 everywhere: -[log 1/2 + log 1/2] = log 4, the -V(D*, G) of the paper's optimum.
    for key in ("minimax", "non_saturating"):
        assert float(LOSSES[key].d_loss(_t(0.0, 0.0), _t(0.0))) == pytest.approx(2 * LOG2, abs=1e-12)


def test_discriminator_cross_entropy_values():
    real, fake = _t(2.0), _t(-1.0)
    expected = math.log(1 + math.exp(-2.0)) + math.log(1 + math.exp(-1.0))
    assert float(LOSSES["minimax"].d_loss(real, fake)) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("key", "logit", "expected"),
    [
        ("minimax", 0.0, -LOG2),  # log(1 - 1/2)
        ("minimax", -5.0, -math.log1p(math.exp(-5.0))),  # log(1 - sigmoid(-5)) = -0.006715
        ("non_saturating", 0.0, LOG2),  # -log 1/2
        ("non_saturating", -5.0, math.log1p(math.exp(5.0))),  # -log sigmoid(-5) = 5.006715
        ("least_squares", 0.25, 0.5 * 0.75**2),
        ("hinge", 1.5, -1.5),
        ("wgan_clip", 0.25, -0.25),
        ("wgan_gp", -2.0, 2.0),
    ],
)
def test_generator_loss_values(key, logit, expected):
    assert float(LOSSES[key].g_loss(_t(logit))) == pytest.approx(expected, abs=1e-12)


def test_minimax_saturates_where_non_saturating_does_not():
    # D rejects a fake confidently (D(G(z)) = sigmoid(-5) ~ 0.0067): the paper's early-training regime.
    grads = {}
    for key in ("minimax", "non_saturating"):
        logit = _t(-5.0).requires_grad_(True)
        LOSSES[key].g_loss(logit).backward()
        grads[key] = float(logit.grad)
    sigmoid = 1 / (1 + math.exp(5.0))
    assert grads["minimax"] == pytest.approx(-sigmoid, rel=1e-9)
    assert grads["non_saturating"] == pytest.approx(-(1 - sigmoid), rel=1e-9)
    assert abs(grads["minimax"]) < abs(grads["non_saturating"]) / 100


def test_least_squares_and_hinge_discriminators():
    assert float(LOSSES["least_squares"].d_loss(_t(1.0, 0.0), _t(0.5))) == pytest.approx(0.25 + 0.125, abs=1e-12)
    assert float(LOSSES["hinge"].d_loss(_t(0.5, 2.0), _t(-0.5, 1.0))) == pytest.approx(0.25 + 1.25, abs=1e-12)


def test_losses_stay_finite_when_d_saturates():
    huge = _t(80.0, -80.0)
    for loss in LOSSES.values():
        assert math.isfinite(float(loss.d_loss(huge, huge)))
        assert math.isfinite(float(loss.g_loss(huge)))


def test_wasserstein_critic_loss():
    for key in ("wgan_clip", "wgan_gp"):
        assert float(LOSSES[key].d_loss(_t(1.0, 3.0), _t(-1.0, 0.0))) == pytest.approx(-0.5 - 2.0, abs=1e-12)
    assert LOSSES["wgan_clip"].weight_clip and not LOSSES["wgan_clip"].gradient_penalty
    assert LOSSES["wgan_gp"].gradient_penalty and LOSSES["wgan_gp"].weight_clip is None


def test_gradient_penalty_values():
    from torch import nn

    from ganlab.core.losses import clip_weights, gradient_penalty

    critic = nn.Linear(1, 1, bias=True).double()
    with torch.no_grad():
        critic.weight.fill_(3.0)
    real, fake = _t(1.0, 2.0).view(-1, 1), _t(-1.0, 0.5).view(-1, 1)
    # a linear critic has slope 3 everywhere: (|3| - 1)^2 = 4 for every per-sample mix
    assert gradient_penalty(critic, real, fake, torch.Generator().manual_seed(0)).item() == pytest.approx(4.0)
    with torch.no_grad():
        critic.weight.fill_(1.0)
    assert gradient_penalty(critic, real, fake, torch.Generator().manual_seed(0)).item() == pytest.approx(0.0)
    clip_weights(critic, 0.1)
    assert critic.weight.item() == pytest.approx(0.1) and abs(critic.bias.item()) <= 0.1

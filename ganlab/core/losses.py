"""The loss table: one entry per GAN objective, pure functions of D's raw outputs.

D's network ends in a linear layer. For the log-likelihood losses its output is a logit and D(x) = sigmoid(logit);
writing log D = -softplus(-logit) and log(1 - D) = -softplus(logit) keeps every loss finite when D saturates. For the
other losses D's output is a score (a critic), drawn on its own axis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.functional import softplus

Tensor = torch.Tensor

WEIGHT_CLIP = 0.1  # WGAN weight clipping bound (Arjovsky et al. use 0.01 on images; a 1-D critic needs more room)
GRADIENT_PENALTY = 1.0  # WGAN-GP lambda (Gulrajani et al. use 10 on images; 1 keeps a 1-D critic lively)


@dataclass(frozen=True)
class Loss:
    key: str
    label: str
    d_loss: Callable[[Tensor, Tensor], Tensor]  # (D's outputs on real, on fake) -> scalar to minimise
    g_loss: Callable[[Tensor], Tensor]  # D's outputs on G(z) -> scalar G minimises (a mean over the batch)
    d_is_probability: bool  # True: sigmoid(output) is P(real); False: the output is a critic score
    real_threshold: float  # D's output above which a sample counts as classified "real" (for D's accuracy)
    weight_clip: float | None = None  # clamp D's weights to [-c, c] after each D step
    gradient_penalty: float = 0.0  # lambda of the per-sample penalty (|grad_x D(x_hat)| - 1)^2


def _bce_d(real: Tensor, fake: Tensor) -> Tensor:
    # -[log D(x) + log(1 - D(G(z)))], the discriminator side of V(D, G) in Eq. 1
    return softplus(-real).mean() + softplus(fake).mean()


def _minimax_g(fake: Tensor) -> Tensor:
    # G minimises log(1 - D(G(z))): flat when D confidently rejects fakes (the paper's saturation remark)
    return -softplus(fake).mean()


def _non_saturating_g(fake: Tensor) -> Tensor:
    # G maximises log D(G(z)) instead: same fixed point, strong gradients early on
    return softplus(-fake).mean()


def _least_squares_d(real: Tensor, fake: Tensor) -> Tensor:
    return 0.5 * ((real - 1.0) ** 2).mean() + 0.5 * (fake**2).mean()


def _least_squares_g(fake: Tensor) -> Tensor:
    return 0.5 * ((fake - 1.0) ** 2).mean()


def _wasserstein_d(real: Tensor, fake: Tensor) -> Tensor:
    return fake.mean() - real.mean()


def _hinge_d(real: Tensor, fake: Tensor) -> Tensor:
    return torch.relu(1.0 - real).mean() + torch.relu(1.0 + fake).mean()


def _critic_g(fake: Tensor) -> Tensor:
    return -fake.mean()


LOSSES: dict[str, Loss] = {
    loss.key: loss
    for loss in (
        Loss("minimax", "Minimax (saturating)", _bce_d, _minimax_g, True, 0.0),
        Loss("non_saturating", "Non-saturating", _bce_d, _non_saturating_g, True, 0.0),
        Loss("least_squares", "Least squares", _least_squares_d, _least_squares_g, False, 0.5),
        Loss("wgan_clip", "Wasserstein (weight clipping)", _wasserstein_d, _critic_g, False, 0.0, WEIGHT_CLIP),
        Loss(
            "wgan_gp", "Wasserstein (gradient penalty)", _wasserstein_d, _critic_g, False, 0.0, None, GRADIENT_PENALTY
        ),
        Loss("hinge", "Hinge", _hinge_d, _critic_g, False, 0.0),
    )
}


def gradient_penalty(critic: nn.Module, real: Tensor, fake: Tensor, generator: torch.Generator) -> Tensor:
    """Mean over the batch of (|d critic / d x at x_hat| - 1)^2, x_hat a per-sample random mix of real and fake."""
    mix = torch.rand(real.shape[0], 1, generator=generator).to(real.device)
    x_hat = (mix * real + (1.0 - mix) * fake).requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.norm(dim=1) - 1.0) ** 2).mean()


def clip_weights(module: nn.Module, bound: float) -> None:
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.clamp_(-bound, bound)

"""The loss table: one entry per GAN objective, pure functions of D's raw outputs.

D's network ends in a linear layer; for the log-likelihood losses its output is a logit and D(x) = sigmoid(logit).
Writing log D = -softplus(-logit) and log(1 - D) = -softplus(logit) keeps every loss finite even when D saturates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch.nn.functional import softplus

Tensor = torch.Tensor


@dataclass(frozen=True)
class Loss:
    key: str
    label: str
    d_loss: Callable[[Tensor, Tensor], Tensor]  # (D's outputs on real, on fake) -> scalar to minimise
    g_loss: Callable[[Tensor], Tensor]  # D's outputs on G(z) -> scalar G minimises
    d_is_probability: bool  # True: draw sigmoid(output) in [0, 1]; False: D is a critic score


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


def _hinge_d(real: Tensor, fake: Tensor) -> Tensor:
    return torch.relu(1.0 - real).mean() + torch.relu(1.0 + fake).mean()


def _hinge_g(fake: Tensor) -> Tensor:
    return -fake.mean()


LOSSES: dict[str, Loss] = {
    loss.key: loss
    for loss in (
        Loss("minimax", "Minimax (saturating)", _bce_d, _minimax_g, True),
        Loss("non_saturating", "Non-saturating", _bce_d, _non_saturating_g, True),
        Loss("least_squares", "Least squares", _least_squares_d, _least_squares_g, False),
        Loss("hinge", "Hinge", _hinge_d, _hinge_g, False),
    )
}

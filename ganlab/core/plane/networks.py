"""D for the plane: an MLP on packs of m points (PacGAN), with an optional minibatch-discrimination layer.

G is the plain core.models.mlp (z -> x); only D changes with the fixes for mode collapse, so only D lives here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch
from torch import nn

from ganlab.core.models import ACTIVATIONS

KERNEL_DIM = 5  # C of each minibatch-discrimination kernel (Salimans et al. use B = 100 kernels of C = 50 on images)


def packed(points: torch.Tensor, pack: int) -> torch.Tensor:
    """(n * pack, 2) points -> (n, 2 * pack) packs: consecutive points are judged together."""
    return points.reshape(-1, 2 * pack)


@contextlib.contextmanager
def second_order(discriminator: nn.Module, needed: bool = True) -> Iterator[None]:
    """Within: D's minibatch layer computes its distances in a form that can be differentiated twice (R1, WGAN-GP,
    unrolled steps take gradients of gradients). Outside, it uses the faster torch.cdist."""
    layer = getattr(discriminator, "minibatch", None)
    if layer is None or not needed:
        yield
        return
    layer.second_order = True
    try:
        yield
    finally:
        layer.second_order = False


class MinibatchDiscrimination(nn.Module):
    """Salimans et al. 2016, Sec. 3.2: each sample's features gain, per kernel b, how close the other samples are.

    M_i = f_i T reshaped (kernels, C); c_b(i, j) = exp(-|M_i,b - M_j,b|_1); o_b(i) = the mean of c_b(i, j) over the
    other samples j of the batch (the paper sums; the mean keeps the scale independent of the batch size, and lets a
    grid point be judged against a reference batch it is not part of). A collapsed G gives o close to 1, which D sees.
    """

    def __init__(self, in_features: int, kernels: int, kernel_dim: int = KERNEL_DIM) -> None:
        super().__init__()
        self.kernels, self.kernel_dim = kernels, kernel_dim
        self.tensor = nn.Parameter(torch.randn(in_features, kernels * kernel_dim) * 0.1)
        self.second_order = False  # set by second_order(): a gradient of a gradient will go through this layer

    def forward(self, features: torch.Tensor, context: torch.Tensor | None = None) -> torch.Tensor:
        """(n, F) -> (n, F + kernels); context: (n_ref, F) features of the batch to compare with (default: itself)."""
        m = (features @ self.tensor).view(-1, self.kernels, self.kernel_dim).transpose(0, 1)  # (B, n, C)
        ref = m if context is None else (context @ self.tensor).view(-1, self.kernels, self.kernel_dim).transpose(0, 1)
        if self.second_order and torch.is_grad_enabled():  # torch.cdist has no double backward
            distance = (m[:, :, None] - ref[:, None]).abs().sum(dim=3)
        else:  # batched L1 without the (B, n, n_ref, C) temporary: ~2x faster, ~100 MB less for a 64 x 64 grid
            distance = torch.cdist(m, ref, p=1.0)
        closeness = torch.exp(-distance)  # (B, n, n_ref)
        if context is None:  # leave out c(i, i) = 1
            o = (closeness.sum(dim=2) - 1.0) / max(m.shape[1] - 1, 1)
        else:
            o = closeness.mean(dim=2)
        return torch.cat([features, o.T], dim=1)


class PlaneDiscriminator(nn.Module):
    """packs (n, 2 * pack) -> one raw output each (a logit, or a critic's score): hidden layers, then the optional
    minibatch layer, then a linear head. forward(x, context) judges x against the packs `context` when given."""

    def __init__(self, pack: int, width: int, depth: int, activation: str, minibatch_features: int = 0) -> None:
        super().__init__()
        act = ACTIVATIONS[activation]
        layers: list[nn.Module] = []
        size = 2 * pack
        for _ in range(depth):
            layers += [nn.Linear(size, width), act()]  # (n, size) -> (n, width)
            size = width
        self.body = nn.Sequential(*layers)
        self.minibatch = MinibatchDiscrimination(size, minibatch_features) if minibatch_features else None
        self.head = nn.Linear(size + minibatch_features, 1)  # (n, size + kernels) -> (n, 1)
        self.pack = pack

    def forward(self, x: torch.Tensor, context: torch.Tensor | None = None) -> torch.Tensor:
        features = self.body(x)
        if self.minibatch is not None:
            features = self.minibatch(features, None if context is None else self.body(context))
        return self.head(features)

"""Multilayer perceptrons for G and D, as in the paper's 1-D experiments."""

from __future__ import annotations

from torch import nn

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "leaky_relu": nn.LeakyReLU,
    "tanh": nn.Tanh,
    "elu": nn.ELU,
}


def mlp(in_dim: int, out_dim: int, width: int, depth: int, activation: str) -> nn.Sequential:
    """in_dim -> [width -> act] x depth -> out_dim. depth counts hidden layers (0 gives a linear map)."""
    act = ACTIVATIONS[activation]
    layers: list[nn.Module] = []
    size = in_dim
    for _ in range(depth):
        layers += [nn.Linear(size, width), act()]  # (batch, size) -> (batch, width)
        size = width
    layers.append(nn.Linear(size, out_dim))  # (batch, size) -> (batch, out_dim)
    return nn.Sequential(*layers)

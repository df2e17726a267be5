"""Generators and discriminators for small grey images: the paper's fully connected nets and a small DCGAN.

Every network speaks flat images: G maps z of shape (batch, noise_dim) to (batch, H*W) pixels in [0, 1] (a sigmoid),
D maps (batch, H*W) to one output per image (batch, 1), a logit or a critic score as the loss decides. Keeping the
interface flat lets the image trainer reuse the 1-D helpers of losses.py unchanged: gradient_penalty mixes real and
fake per sample with a (batch, 1) weight and takes the gradient's norm over dim 1, which is the whole image here.
"""

from __future__ import annotations

import torch
from torch import nn

ARCHITECTURES = ("mlp", "dcgan")
# The paper's code (pylearn2, adversarial/mnist.yaml) drew every weight uniformly from [-irange, irange], biases 0.
PAPER_G_IRANGE = 0.05
PAPER_D_IRANGE = 0.005


class Maxout(nn.Module):
    """A linear layer with `units` outputs, each the max over `pieces` linear pieces (Goodfellow et al. 2013)."""

    def __init__(self, in_features: int, units: int, pieces: int) -> None:
        super().__init__()
        self.units, self.pieces = units, pieces
        self.linear = nn.Linear(in_features, units * pieces)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # (batch, in) -> (batch, units * pieces) -> (batch, units, pieces) -> (batch, units)
        return self.linear(x).view(-1, self.units, self.pieces).amax(dim=2)


class SeededDropout(nn.Module):
    """Dropout whose masks come from its own torch.Generator, so a run is reproducible whatever else draws numbers.

    The generator is attached by the trainer (`generator` attribute); without one the global stream is used.
    """

    def __init__(self, p: float) -> None:
        super().__init__()
        if not 0.0 <= p < 1.0:
            raise ValueError(f"dropout probability must be in [0, 1) (got {p})")
        self.p = p
        self.generator: torch.Generator | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        keep = torch.rand(x.shape, generator=self.generator, device=x.device) >= self.p  # same shape as x
        return x * keep / (1.0 - self.p)

    def extra_repr(self) -> str:
        return f"p={self.p}"


def uniform_init(module: nn.Module, irange: float) -> nn.Module:
    """Every Linear weight ~ U(-irange, irange) and every bias 0, as the paper's code did (global torch RNG)."""
    with torch.no_grad():
        for layer in module.modules():
            if isinstance(layer, nn.Linear):
                layer.weight.uniform_(-irange, irange)
                if layer.bias is not None:
                    layer.bias.zero_()
    return module


def fits(architecture: str, height: int, width: int) -> bool:
    """Whether the architecture can make images of this size (the DCGAN needs sides that are multiples of 4)."""
    try:
        _check_size(height, width, architecture)
    except ValueError:
        return False
    return True


def _check_size(height: int, width: int, architecture: str) -> None:
    if height < 1 or width < 1:
        raise ValueError(f"image size must be positive (got {height}x{width})")
    if architecture == "dcgan" and (height % 4 or width % 4):
        raise ValueError(
            f"the DCGAN upsamples twice by 2: height and width must be multiples of 4 (got {height}x{width})"
        )


def mlp_generator(noise_dim: int, height: int, width: int, hidden: int = 1200, depth: int = 2) -> nn.Sequential:
    """The paper's MNIST generator: z -> [hidden -> ReLU] x depth -> sigmoid over H*W pixels (1200, 1200 in the paper).

    Weights start as in the paper's code, U(-0.05, 0.05); the trainer sets the output biases to the data's marginals.
    """
    _check_size(height, width, "mlp")
    pixels = height * width
    layers: list[nn.Module] = []
    size = noise_dim
    for _ in range(depth):
        layers += [nn.Linear(size, hidden), nn.ReLU()]  # (batch, size) -> (batch, hidden)
        size = hidden
    layers += [nn.Linear(size, pixels), nn.Sigmoid()]  # (batch, size) -> (batch, H*W) in [0, 1]
    return uniform_init(nn.Sequential(*layers), PAPER_G_IRANGE)


def mlp_discriminator(
    height: int,
    width: int,
    hidden: int = 240,
    depth: int = 2,
    pieces: int = 5,
    dropout: float = 0.5,
    input_dropout: float = 0.2,
) -> nn.Sequential:
    """The paper's MNIST discriminator: dropout on the input and between maxout layers (240 units x 5 pieces), a logit.

    pieces = 0 swaps maxout for Linear + LeakyReLU(0.2), a cheaper unit with the same role. Weights start as in the
    paper's code, U(-0.005, 0.005): D begins almost undecided.
    """
    _check_size(height, width, "mlp")
    layers: list[nn.Module] = []
    size = height * width
    for layer in range(depth):
        layers.append(SeededDropout(input_dropout if layer == 0 else dropout))  # (batch, size), same shape
        if pieces:
            layers.append(Maxout(size, hidden, pieces))  # (batch, size) -> (batch, hidden)
        else:
            layers += [nn.Linear(size, hidden), nn.LeakyReLU(0.2)]  # (batch, size) -> (batch, hidden)
        size = hidden
    layers += [SeededDropout(dropout if depth else input_dropout), nn.Linear(size, 1)]  # (batch, size) -> (batch, 1)
    return uniform_init(nn.Sequential(*layers), PAPER_D_IRANGE)


def dcgan_generator(noise_dim: int, height: int, width: int, channels: int = 32) -> nn.Sequential:
    """Radford et al.'s recipe, small: linear to a (2c, H/4, W/4) map, two stride-2 transposed convs up to H x W."""
    _check_size(height, width, "dcgan")
    h4, w4 = height // 4, width // 4
    c2 = 2 * channels
    return nn.Sequential(
        nn.Linear(noise_dim, c2 * h4 * w4, bias=False),  # (batch, noise_dim) -> (batch, 2c * H/4 * W/4)
        nn.BatchNorm1d(c2 * h4 * w4),
        nn.ReLU(),
        nn.Unflatten(1, (c2, h4, w4)),  # -> (batch, 2c, H/4, W/4), e.g. (batch, 64, 7, 7) at 28x28
        nn.ConvTranspose2d(c2, channels, 4, stride=2, padding=1, bias=False),  # -> (batch, c, H/2, W/2)
        nn.BatchNorm2d(channels),
        nn.ReLU(),
        nn.ConvTranspose2d(channels, 1, 4, stride=2, padding=1),  # -> (batch, 1, H, W)
        nn.Sigmoid(),
        nn.Flatten(),  # -> (batch, H*W) in [0, 1]
    )


def dcgan_discriminator(height: int, width: int, channels: int = 32) -> nn.Sequential:
    """Two stride-2 convs with LeakyReLU(0.2) and a linear output; no BatchNorm, so per-sample penalties stay valid."""
    _check_size(height, width, "dcgan")
    h4, w4 = height // 4, width // 4
    c2 = 2 * channels
    return nn.Sequential(
        nn.Unflatten(1, (1, height, width)),  # (batch, H*W) -> (batch, 1, H, W)
        nn.Conv2d(1, channels, 4, stride=2, padding=1),  # -> (batch, c, H/2, W/2)
        nn.LeakyReLU(0.2),
        nn.Conv2d(channels, c2, 4, stride=2, padding=1),  # -> (batch, 2c, H/4, W/4)
        nn.LeakyReLU(0.2),
        nn.Flatten(),  # -> (batch, 2c * H/4 * W/4)
        nn.Linear(c2 * h4 * w4, 1),  # -> (batch, 1): a logit or a critic score
    )


def build_networks(
    architecture: str,
    noise_dim: int,
    height: int,
    width: int,
    g_width: int,
    d_width: int,
    maxout_pieces: int = 5,
    dropout: float = 0.5,
    input_dropout: float = 0.2,
) -> tuple[nn.Sequential, nn.Sequential]:
    """(G, D) for one architecture; widths are hidden units for 'mlp' and base channels for 'dcgan'."""
    if architecture == "mlp":
        return (
            mlp_generator(noise_dim, height, width, g_width),
            mlp_discriminator(
                height, width, d_width, pieces=maxout_pieces, dropout=dropout, input_dropout=input_dropout
            ),
        )
    if architecture == "dcgan":
        return dcgan_generator(noise_dim, height, width, g_width), dcgan_discriminator(height, width, d_width)
    raise ValueError(f"architecture must be one of {', '.join(ARCHITECTURES)} (got {architecture!r})")

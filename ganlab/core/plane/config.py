"""The settings of a plane run: the target, 1-D or 2-D noise, G and D, the loss, optimisers, Algorithm 1's k, and the
fixes for mode collapse as settings (all off by default)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.losses import LOSSES
from ganlab.core.models import ACTIVATIONS
from ganlab.core.plane.targets import CUSTOM, MAX_CUSTOM_POINTS, PLANE_TARGETS, PlaneTarget, custom_points
from ganlab.core.settings import OPTIMIZERS, ConfigError, Settings

# (field, lowest, highest) for every bounded number; the controls' spin boxes use the same limits.
PLANE_LIMITS: dict[str, tuple[float, float]] = {
    "noise_dim": (1, 2),  # the plane shows z itself beside x: a line or a square
    "g_width": (1, 1024),
    "g_depth": (0, 8),
    "d_width": (1, 1024),
    "d_depth": (0, 8),
    "lr_d": (1e-6, 1.0),
    "lr_g": (1e-6, 1.0),
    "k": (0, 50),
    "g_steps": (0, 50),
    "d_warmup": (0, 10_000),
    "batch_size": (1, 4096),
    "seed": (0, 2**31 - 1),
    "steps": (1, 10_000_000),
    "unroll": (0, 10),
    "pack": (1, 4),
    "r1": (0.0, 1000.0),
    "minibatch_features": (0, 16),
}

PLANE_CHOICES: dict[str, tuple[str, ...]] = {
    "target": (*PLANE_TARGETS, CUSTOM),
    "noise": tuple(NOISE_PRIORS),
    "activation": tuple(ACTIVATIONS),
    "loss": tuple(LOSSES),
    "optimizer_d": OPTIMIZERS,
    "optimizer_g": OPTIMIZERS,
}

# Changing these rebuilds the networks or the data, so the run starts again; the rest apply live. pack changes D's
# input size and minibatch_features adds a layer to D; unroll and r1 only change how the losses are computed.
PLANE_RESET_FIELDS = frozenset(
    {
        "target",
        "custom_points",
        "noise",
        "noise_dim",
        "g_width",
        "g_depth",
        "d_width",
        "d_depth",
        "activation",
        "seed",
        "d_warmup",
        "pack",
        "minibatch_features",
    }
)


@dataclass(frozen=True)
class PlaneConfig(Settings):
    """One plane run. The defaults: ring-8, 2-D uniform noise, small ReLU MLPs, the non-saturating loss, Adam."""

    CHOICES_OF: ClassVar[dict[str, tuple[str, ...]]] = PLANE_CHOICES
    LIMITS_OF: ClassVar[dict[str, tuple[float, float]]] = PLANE_LIMITS
    RESET_OF: ClassVar[frozenset[str]] = PLANE_RESET_FIELDS
    KIND: ClassVar[str] = "plane run configuration"

    target: str = "ring8"
    noise: str = "uniform"
    noise_dim: int = 2
    g_width: int = 64
    g_depth: int = 2
    d_width: int = 64
    d_depth: int = 2
    activation: str = "relu"
    loss: str = "non_saturating"
    optimizer_d: str = "adam"  # changing an optimiser applies live, with fresh optimiser state
    optimizer_g: str = "adam"
    lr_d: float = 1e-3
    lr_g: float = 1e-3
    k: int = 1  # D steps per iteration (Algorithm 1)
    g_steps: int = 1  # G steps per iteration
    d_warmup: int = 0  # D steps in the first iteration instead of k: a D head start (saturation)
    batch_size: int = 256  # samples per step; with packing, packs per step (each of `pack` samples)
    seed: int = 0
    steps: int = 5000  # the run's default length in iterations
    # The fixes for mode collapse, all off by default:
    unroll: int = 0  # G's loss through this many differentiable D steps (Metz et al. 2017)
    pack: int = 1  # D judges this many samples at once, concatenated (PacGAN, Lin et al. 2018)
    r1: float = 0.0  # gamma of the zero-centred gradient penalty gamma/2 E|grad_x D(x_real)|^2 (Mescheder et al.)
    minibatch_features: int = 0  # minibatch-discrimination kernels in D (Salimans et al. 2016); 0: none
    # target "custom": the user's points ((x, y), ...), a drawing or a two-column file
    custom_points: tuple[tuple[float, float], ...] | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.target == CUSTOM or self.custom_points is not None:
            self._check_custom()
        if self.k == 0 and self.g_steps == 0:
            raise ConfigError("k and g_steps are both 0: an iteration would train nothing")

    def _check_custom(self) -> None:
        if self.target != CUSTOM:
            raise ConfigError(f"custom_points is only used with target '{CUSTOM}'")
        if self.custom_points is None:
            raise ConfigError(f"target '{CUSTOM}' needs custom_points: [[x, y], ...]")
        try:
            if len(self.custom_points) > MAX_CUSTOM_POINTS:
                raise ValueError(f"{len(self.custom_points)} points are more than {MAX_CUSTOM_POINTS}")
            custom_points(self.custom_points)
            points = tuple((float(x), float(y)) for x, y in self.custom_points)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"custom_points are not usable: {exc}") from None
        object.__setattr__(self, "custom_points", points)  # JSON lists become hashable tuples

    def make_target(self) -> PlaneTarget:
        """The data distribution this run trains on."""
        return custom_points(self.custom_points) if self.target == CUSTOM else PLANE_TARGETS[self.target]

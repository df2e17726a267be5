"""The settings of a 1-D run (Figure 1): target, noise, both networks, the loss, optimisers and Algorithm 1's k."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ganlab.core.distributions import CUSTOM, NOISE_PRIORS, TARGETS, Target, custom_target
from ganlab.core.losses import LOSSES
from ganlab.core.models import ACTIVATIONS
from ganlab.core.settings import OPTIMIZERS, ConfigError, Settings

# (field, lowest, highest) for every bounded number; the GUI's spin boxes use the same limits.
LIMITS: dict[str, tuple[float, float]] = {
    "noise_dim": (1, 64),
    "g_width": (1, 1024),
    "g_depth": (0, 8),
    "d_width": (1, 1024),
    "d_depth": (0, 8),
    "lr_d": (1e-6, 1.0),
    "lr_g": (1e-6, 1.0),
    "k": (0, 50),
    "g_steps": (0, 50),
    "batch_size": (1, 8192),
    "seed": (0, 2**31 - 1),
    "d_warmup": (0, 10_000),
    "steps": (1, 10_000_000),
}

CHOICES: dict[str, tuple[str, ...]] = {
    "target": (*TARGETS, CUSTOM),
    "noise": tuple(NOISE_PRIORS),
    "activation": tuple(ACTIVATIONS),
    "loss": tuple(LOSSES),
    "optimizer_d": OPTIMIZERS,
    "optimizer_g": OPTIMIZERS,
}

# Changing these rebuilds the networks or the data, so the run starts again; the rest apply live.
RESET_FIELDS = frozenset(
    {
        "target",
        "custom_density",
        "noise",
        "noise_dim",
        "g_width",
        "g_depth",
        "d_width",
        "d_depth",
        "activation",
        "seed",
        "d_warmup",
    }
)


@dataclass(frozen=True)
class RunConfig(Settings):
    CHOICES_OF: ClassVar[dict[str, tuple[str, ...]]] = CHOICES
    LIMITS_OF: ClassVar[dict[str, tuple[float, float]]] = LIMITS
    RESET_OF: ClassVar[frozenset[str]] = RESET_FIELDS

    target: str = "gaussian"
    noise: str = "uniform"
    noise_dim: int = 1
    g_width: int = 32
    g_depth: int = 2
    d_width: int = 32
    d_depth: int = 2
    activation: str = "leaky_relu"
    loss: str = "non_saturating"
    optimizer_d: str = "adam"  # changing an optimiser applies live, with fresh optimiser state
    optimizer_g: str = "adam"
    lr_d: float = 1e-3
    lr_g: float = 1e-3
    k: int = 1  # D steps per iteration (Algorithm 1)
    g_steps: int = 1  # G steps per iteration
    d_warmup: int = 0  # D steps in the first iteration instead of k: puts D ahead of G (the saturation lesson)
    batch_size: int = 128
    seed: int = 0
    steps: int = 2000  # the run's default length in iterations (the CLI's --steps)
    # target "custom": (low, high, density values on an even grid over [low, high]), drawn or from a sample file
    custom_density: tuple[float, float, tuple[float, ...]] | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.target == CUSTOM or self.custom_density is not None:
            self._check_custom()
        if self.k == 0 and self.g_steps == 0:
            raise ConfigError("k and g_steps are both 0: an iteration would train nothing")

    def _check_custom(self) -> None:
        if self.target != CUSTOM:
            raise ConfigError("custom_density is only used with target 'custom'")
        if self.custom_density is None:
            raise ConfigError("target 'custom' needs custom_density: [low, high, [values...]]")
        try:
            low, high, values = self.custom_density
            table = (float(low), float(high), tuple(float(v) for v in values))
            custom_target(*table)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"custom_density is not a usable density: {exc}") from None
        object.__setattr__(self, "custom_density", table)  # JSON lists become hashable tuples

    def make_target(self) -> Target:
        """The data distribution this run trains on."""
        return custom_target(*self.custom_density) if self.target == CUSTOM else TARGETS[self.target]

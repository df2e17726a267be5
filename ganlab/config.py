"""The whole run as one validated, frozen dataclass, with a JSON round trip and the named presets."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from ganlab.core.distributions import CUSTOM, NOISE_PRIORS, TARGETS, Target, custom_target
from ganlab.core.losses import LOSSES
from ganlab.core.models import ACTIVATIONS

SCHEMA_VERSION = 1
OPTIMIZERS = ("adam", "sgd")


class ConfigError(ValueError):
    """A setting is missing, unknown or out of range; the message names it."""


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
class Settings:
    """A frozen, validated set of run settings with a versioned JSON round trip (RunConfig, ImageConfig).

    Subclasses name their allowed values (CHOICES_OF), numeric bounds (LIMITS_OF), the fields that rebuild the
    networks (RESET_OF) and what they are called in messages (KIND).
    """

    CHOICES_OF: ClassVar[dict[str, tuple[str, ...]]] = {}
    LIMITS_OF: ClassVar[dict[str, tuple[float, float]]] = {}
    RESET_OF: ClassVar[frozenset[str]] = frozenset()
    KIND: ClassVar[str] = "run configuration"

    def __post_init__(self) -> None:
        for name, allowed in self.CHOICES_OF.items():
            value = getattr(self, name)
            if value not in allowed:
                raise ConfigError(f"{name} must be one of {', '.join(allowed)} (got {value!r})")
        for name, (low, high) in self.LIMITS_OF.items():
            value = getattr(self, name)
            expected = float if isinstance(low, float) else int
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{name} must be a number (got {value!r})")
            if expected is int and not float(value).is_integer():
                raise ConfigError(f"{name} must be a whole number (got {value!r})")
            if not low <= value <= high:
                raise ConfigError(f"{name} must be between {low:g} and {high:g} (got {value!r})")
            object.__setattr__(self, name, expected(value))

    def replace(self, **changes: Any) -> Self:
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)

    def needs_reset(self, other: Self) -> bool:
        """True when going from self to other must rebuild the trainer."""
        return any(getattr(self, name) != getattr(other, name) for name in self.RESET_OF)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **dataclasses.asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        if not isinstance(data, dict):
            raise ConfigError(f"a {cls.KIND} must be a JSON object")
        data = dict(data)
        version = data.pop("schema_version", None)
        if version is None:
            raise ConfigError(f"not a ganlab {cls.KIND}: it has no schema_version")
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise ConfigError(f"schema_version {version!r} is newer than this ganlab understands ({SCHEMA_VERSION})")
        unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**data)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Self:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"not valid JSON: {exc}") from None
        return cls.from_dict(data)


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


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    lesson: str  # one sentence: what the class should see
    config: RunConfig


# Settings found by sweeping seeds on 2 CPU cores: ReLU-family nets 64 wide, D learning 5x faster than G (a
# two-time-scale rule). With uniform z a ReLU G has a piecewise-constant density; 64 units make its steps fine enough.
_TOY = RunConfig(g_width=64, d_width=64, lr_d=1e-3, lr_g=2e-4, batch_size=512)

PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset(
            "figure1",
            "Figure 1: learning a Gaussian",
            "p_g (green) slides onto p_data (black) and D(x) (blue) flattens to 1/2, as in Figure 1 (a)-(d).",
            _TOY.replace(target="gaussian", steps=6000),
        ),
        Preset(
            "saturation",
            "Saturation: minimax vs non-saturating",
            "D starts far ahead (500 steps) and rejects every fake: under the minimax loss log(1 - D(G(z))) is flat "
            "and G barely moves. Switch the loss to non-saturating and G runs to the data.",
            _TOY.replace(target="far_gaussian", loss="minimax", d_warmup=500, optimizer_g="sgd", lr_g=0.005, steps=600),
        ),
        Preset(
            "k_steps",
            "k D steps per G step",
            "D takes five steps for each step of G (Algorithm 1's k = 5): switch on D* and see D stay close to it, "
            "where with k = 1 it lags behind. Set k back to 1 to compare.",
            _TOY.replace(target="gaussian", k=5, steps=3000),
        ),
        Preset(
            "helvetica",
            "G trained too much: the Helvetica scenario",
            "Ten G steps for every D step on two modes: G chases the stale D's peak and maps almost every z to one x "
            "(p_g becomes a spike). Set G steps to 1 and k to 5 to let D keep up.",
            _TOY.replace(target="two_modes", g_steps=10, lr_g=1e-3, steps=2000),
        ),
        Preset(
            "two_modes",
            "Two modes",
            "G must split its single lump of noise in two: watch the arrows fan out to both modes.",
            _TOY.replace(target="two_modes", steps=8000),
        ),
        Preset(
            "three_modes",
            "Three modes",
            "A harder target: G often covers two modes first and bridges the third late.",
            _TOY.replace(target="three_modes", steps=10000),
        ),
        Preset(
            "uniform",
            "Uniform box",
            "Sharp edges: the smooth generator rounds the corners of a box-shaped density.",
            _TOY.replace(target="uniform", steps=6000),
        ),
        Preset(
            "skewed",
            "Skewed (log-normal)",
            "A long right tail: G stretches the noise far to the right and squeezes it near the mode.",
            _TOY.replace(target="lognormal", steps=6000),
        ),
    )
}

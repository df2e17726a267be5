"""The settings base of every kind of run: a frozen, validated dataclass with a versioned JSON round trip.

Each kind's settings class (run_config.RunConfig, image_config.ImageConfig, ...) names its allowed values, numeric
bounds and the fields that rebuild the networks beside its fields; the controls, the CLI and session files read them.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, ClassVar, Self

SCHEMA_VERSION = 1
OPTIMIZERS = ("adam", "sgd")


class ConfigError(ValueError):
    """A setting is missing, unknown or out of range; the message names it."""


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

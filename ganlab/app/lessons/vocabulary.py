"""What a lesson's buttons may do: the kinds of argument, the verbs, and the context a file is checked against.

The verbs every kind of run understands are SHARED_VERBS; a verb that makes sense for one kind only lives in that
kind's row (RunKind.lesson_verbs), so a new kind brings its own verbs without an edit here. A ValidationContext
gathers, from the run-kinds table, everything a button may name: presets, settings, panels, speeds and verbs.

Nothing here imports the run-kinds table at module level: the rows import Verb from this module.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass, field

from ganlab.app.choices import SPEED_NAMES

Setting = tuple[str, ...] | tuple[float, float]  # allowed strings, or a numeric (low, high) range
ArgumentValue = str | int | float | bool  # what a word of a button's command becomes (Argument.parse)


# --- arguments -----------------------------------------------------------------------------------------------------


class Argument(abc.ABC):
    """One argument of a verb: its name in the usage line and how a word of the file becomes its value."""

    usage = "ARG"

    @abc.abstractmethod
    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> ArgumentValue:
        """The value of `word`, or ValueError saying what is wrong with it."""


def _not_one_of(word: str, options: tuple[str, ...]) -> ValueError:
    return ValueError(f"{word!r} is not one of {', '.join(options)}")


@dataclass(frozen=True)
class OneOf(Argument):
    """One of a fixed list of words."""

    options: tuple[str, ...]
    values: tuple[ArgumentValue, ...] | None = None  # what each option becomes (default: the word itself)

    @property
    def usage(self) -> str:
        return "|".join(self.options)

    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> ArgumentValue:
        if word not in self.options:
            raise _not_one_of(word, self.options)
        return word if self.values is None else self.values[self.options.index(word)]


@dataclass(frozen=True)
class InContext(Argument):
    """One of the words a context lists under `attribute` (panels, speeds): they depend on the kinds of run."""

    attribute: str
    usage: str = "NAME"

    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> str:
        options = tuple(getattr(context, self.attribute))
        if word not in options:
            raise _not_one_of(word, options)
        return word


@dataclass(frozen=True)
class Integer(Argument):
    low: int
    high: int
    usage: str = "N"

    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> int:
        return int(_number(word, self.low, self.high, whole=True))


@dataclass(frozen=True)
class PresetKey(Argument):
    usage = "KEY"

    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> str:
        if word not in context.presets:
            raise ValueError(f"unknown preset {word!r} (presets: {', '.join(sorted(context.presets))})")
        return word


@dataclass(frozen=True)
class FieldName(Argument):
    usage = "FIELD"

    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> str:
        if word not in context.fields:
            raise ValueError(f"unknown setting {word!r} (settings: {', '.join(sorted(context.fields))})")
        return word


@dataclass(frozen=True)
class FieldValue(Argument):
    """The value of the setting named by the argument before it: a choice, a whole number or a number."""

    usage = "VALUE"

    def parse(self, word: str, context: ValidationContext, before: tuple[ArgumentValue, ...]) -> ArgumentValue:
        name = before[-1]
        allowed = context.fields[name]
        if all(isinstance(option, str) for option in allowed):
            if word not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)} (got {word!r})")
            return word
        low, high = allowed
        whole = isinstance(low, int) and isinstance(high, int)
        try:
            return _number(word, low, high, whole=whole)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None


def _number(word: str, low: float, high: float, whole: bool) -> int | float:
    try:
        value = int(word) if whole else float(word)
    except ValueError:
        raise ValueError(f"{word!r} is not a {'whole number' if whole else 'number'}") from None
    if not low <= value <= high:  # NaN fails this too
        raise ValueError(f"{word} is out of range ({low:g} to {high:g})")
    return value


# --- verbs ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verb:
    """What a button's first word asks for: its arguments, and what it means (one line, for authors)."""

    arguments: tuple[Argument, ...]
    meaning: str  # tutorials/README.md lists the same table

    def usage(self, name: str) -> str:
        return " ".join((name, *(argument.usage for argument in self.arguments)))


# The verbs of every kind of run: verb -> its arguments and what the app does with it. The window dispatches on it.
SHARED_VERBS: dict[str, Verb] = {
    "preset": Verb((PresetKey(),), "load a preset (data, networks, settings); the run starts again"),
    "play": Verb((), "play: train continuously at the chosen speed"),
    "pause": Verb((), "pause training"),
    "step": Verb((), "one iteration of Algorithm 1: k D steps, then the G steps"),
    "step_d": Verb((), "one discriminator step"),
    "step_g": Verb((), "one generator step"),
    "reset": Verb((), "start the run again from fresh networks (same settings)"),
    "live": Verb((), "leave the timeline: back to the live run"),
    "run": Verb((Integer(1, 100_000),), "play exactly N iterations, then pause"),
    "set": Verb((FieldName(), FieldValue()), "change one setting, e.g. set loss non_saturating, set k 5"),
    "show": Verb((InContext("panels", "PANEL"),), "bring a panel to the front"),
    "speed": Verb((InContext("speeds"),), "play speed: full, 100, 20 or 5 iterations/s, narrated or slow"),
}


# --- the context ---------------------------------------------------------------------------------------------------


def kinds_panels() -> tuple[str, ...]:
    """Every panel some kind of run can bring to the front, in the kinds' order, each once."""
    from ganlab.app.kinds import RUN_KINDS  # at call time: the rows import this module

    return tuple(dict.fromkeys(panel for kind in RUN_KINDS.values() for panel in kind.panels))


def kinds_verbs() -> dict[str, Verb]:
    """The shared verbs, then each kind's own; ValueError where two define the same verb differently."""
    from ganlab.app.kinds import RUN_KINDS

    verbs = dict(SHARED_VERBS)
    for kind in RUN_KINDS.values():
        for name, verb in kind.lesson_verbs.items():
            if verbs.get(name, verb) != verb:  # one dispatch table: a verb means one thing
                raise ValueError(f"kind of run {kind.name!r} redefines the lesson verb {name!r}")
            verbs[name] = verb
    return verbs


@dataclass(frozen=True)
class ValidationContext:
    """What the app can do, as the parser needs to know it.

    fields maps a setting's name to either a tuple of allowed strings or a numeric (low, high) range; a range whose
    ends are both ints takes whole numbers only. panels and verbs default to those of the run-kinds table when the
    context is made (a test may give only presets and fields).
    """

    presets: frozenset[str]
    fields: Mapping[str, Setting]
    panels: tuple[str, ...] = field(default_factory=kinds_panels)
    speeds: tuple[str, ...] = SPEED_NAMES
    verbs: Mapping[str, Verb] = field(default_factory=kinds_verbs)


def default_context() -> ValidationContext:
    """The presets, settings, panels and verbs of every kind of run in the table now.

    A setting two kinds share takes the union of their choices or the wider of their ranges (a button does not know
    which kind of run will be loaded when it is pressed). Not cached: a kind may be registered later (tests do).
    """
    from ganlab.app.kinds import ALL_PRESETS, RUN_KINDS

    kinds = list(RUN_KINDS.values())
    fields: dict[str, Setting] = {}
    for kind in kinds:
        for name, allowed in kind.config_class.CHOICES_OF.items():
            fields[name] = tuple(dict.fromkeys((*fields.get(name, ()), *allowed)))
    for kind in kinds:
        for name, (low, high) in kind.config_class.LIMITS_OF.items():
            if name in fields:
                old_low, old_high = fields[name]
                low, high = min(low, old_low), max(high, old_high)
            fields[name] = (low, high)
    return ValidationContext(frozenset(ALL_PRESETS), fields)


def all_verbs(context: ValidationContext | None = None) -> frozenset[str]:
    """Every verb a lesson may use (shared and the kinds'): the window needs a handler for each."""
    return frozenset((default_context() if context is None else context).verbs)


def describe_vocabulary(context: ValidationContext | None = None) -> list[tuple[str, str]]:
    """(usage, meaning) of every verb, shared ones first: for the authors' guide and error messages."""
    verbs = (default_context() if context is None else context).verbs
    return [(verb.usage(name), verb.meaning) for name, verb in verbs.items()]

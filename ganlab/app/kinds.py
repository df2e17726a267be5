"""The run-kinds table: one row per kind of run (see run_kind.RunKind), and the presets of all of them in menu order.

A new kind of run is a new package plus one row in KINDS. Everything else (window, CLI, session files, lessons,
the child-process trainer) finds a kind through this table; a test may register a kind of its own (register_kind).
"""

from __future__ import annotations

from ganlab.app.images import IMAGES
from ganlab.app.one_d import ONE_D
from ganlab.app.plane import PLANE
from ganlab.app.run_kind import Preset, RunKind
from ganlab.core.settings import Settings

KINDS: tuple[RunKind, ...] = (ONE_D, IMAGES, PLANE)

# The Presets menu's order, and keys 1-9: the classroom sequence first, then each kind's remaining presets.
MENU_ORDER = (
    "figure1",
    "saturation",
    "k_steps",
    "helvetica",
    "two_modes",
    "digits",
    "latent",
    "three_modes",
    "uniform",
    "skewed",
    "paper_mlp",
    "ring8",
    "ring8_unrolled",
    "grid25",
)

RUN_KINDS: dict[str, RunKind] = {}
ALL_PRESETS: dict[str, Preset] = {}  # key -> preset, in menu order
PRESET_KINDS: dict[str, RunKind] = {}  # preset key -> its kind


def register_kind(kind: RunKind) -> None:
    """Add a kind (and its presets, after the others) to the tables every layer reads."""
    if kind.name in RUN_KINDS:
        raise ValueError(f"a kind of run named {kind.name!r} exists already")
    clash = [p.key for p in kind.presets if p.key in ALL_PRESETS]
    if clash:
        raise ValueError(f"preset names taken already: {', '.join(clash)}")
    RUN_KINDS[kind.name] = kind
    for preset in kind.presets:
        ALL_PRESETS[preset.key] = preset
        PRESET_KINDS[preset.key] = kind


def unregister_kind(name: str) -> None:
    kind = RUN_KINDS.pop(name)
    for preset in kind.presets:
        del ALL_PRESETS[preset.key]
        del PRESET_KINDS[preset.key]


def restarts(running: Settings, wanted: Settings) -> bool:
    """The one rule for "apply live or restart": another kind of run, or a setting that rebuilds the networks."""
    return type(wanted) is not type(running) or running.needs_reset(wanted)


def kind_of(config: Settings) -> RunKind:
    """The kind whose settings class this is; TypeError for anything else."""
    for kind in RUN_KINDS.values():
        if kind.owns(config):
            return kind
    raise TypeError(f"no kind of run takes settings of type {type(config).__name__}")


def _register_built_in() -> None:
    by_key = {preset.key: (preset, kind) for kind in KINDS for preset in kind.presets}
    order = [*MENU_ORDER, *(key for key in by_key if key not in MENU_ORDER)]
    for kind in KINDS:
        RUN_KINDS[kind.name] = kind
    for key in order:
        preset, kind = by_key[key]
        ALL_PRESETS[key] = preset
        PRESET_KINDS[key] = kind


_register_built_in()

"""Every named starting point of the app, 1-D and image, in one table (the Presets menu, the preset box, keys 1-9)."""

from __future__ import annotations

from typing import Protocol

from ganlab.config import PRESETS, Settings
from ganlab.core.image_trainer import IMAGE_PRESETS


class AnyPreset(Protocol):
    key: str
    title: str
    lesson: str
    config: Settings


# The menu's order, and keys 1-9: the classroom sequence first (issue 5's list), the extras after.
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
)
_ALL = {**PRESETS, **IMAGE_PRESETS}
ALL_PRESETS: dict[str, AnyPreset] = {key: _ALL[key] for key in (*MENU_ORDER, *(k for k in _ALL if k not in MENU_ORDER))}

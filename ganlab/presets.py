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


ALL_PRESETS: dict[str, AnyPreset] = {**PRESETS, **IMAGE_PRESETS}

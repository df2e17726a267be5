"""Small tables the command line, lessons and the window all read: play speeds, transports, languages."""

from __future__ import annotations

from dataclasses import dataclass

from ganlab.core.i18n import N_

# Where the trainer runs. The child process wins on 2 cores: a QThread shares the GIL with the GUI's painting and
# loses about half its speed (see `ganlab bench`). ganlab.qt.worker maps each name to its client.
TRANSPORTS = {
    "process": "a spawned child process (pipes; the default)",
    "thread": "a QThread in the window's process",
}
DEFAULT_TRANSPORT = "process"

# The interface's languages, each named in its own language as language menus show them. English is the source;
# every other one ships a translation in resources/i18n.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Speed:
    name: str  # as lessons name it (`speed narrated`)
    label: str  # as the speed box shows it
    per_second: float | None  # iterations (narrated: D or G sub-steps) per second; None: flat out
    narrate: bool  # one D or G sub-step at a time, each captioned


SPEEDS = (
    Speed("full", N_("Full speed"), None, False),
    Speed("100", N_("100 iterations/s"), 100.0, False),
    Speed("20", N_("20 iterations/s"), 20.0, False),
    Speed("5", N_("5 iterations/s"), 5.0, False),
    Speed("narrated", N_("Narrated: 2 steps/s"), 2.0, True),
    Speed("slow", N_("Narrated slow motion: 1 step every 2 s"), 0.5, True),
)
SPEED_NAMES = tuple(speed.name for speed in SPEEDS)

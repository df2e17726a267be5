"""What a kind of run is, as data: the row each kind adds to the run-kinds table (ganlab.app.kinds.RUN_KINDS).

The app, the CLI, session files and lessons only ever go through a row: a new kind of run is a new package that
defines its settings, trainer, snapshot and view, plus one row here. The row names its Qt view by "module:Class" so
that this layer stays free of Qt; the window imports the view when the kind is first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch

from ganlab.app.lessons.vocabulary import Verb
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.settings import Settings


@dataclass(frozen=True)
class Preset:
    """A named starting point: the Presets menu, the preset box, keys 1-9, `ganlab train --preset`."""

    key: str
    title: str  # marked for translation (N_) by whoever defines it
    lesson: str  # one sentence: what the class should see
    config: Settings
    session: str = ""  # a session file under resources/ to start from (trained networks), or "" for new ones


# The numbers a headless run reports from a trainer: name -> value (None where a value is undefined or infinite).
Report = Callable[[AlgorithmOne], dict[str, float | None]]


@dataclass(frozen=True)
class RunKind:
    """One kind of run. name is stable: session files and the child-process trainer find the row by it."""

    name: str
    config_class: type[Settings]
    make_trainer: Callable[[Settings, torch.device], AlgorithmOne]
    snapshot_type: type
    presets: tuple[Preset, ...]
    report: Report  # headless figures, one JSON line per report (ganlab train)
    summary: Callable[[Preset], str]  # `ganlab presets`: the preset's settings in a few words
    export: Callable[[AlgorithmOne, str], None]  # ganlab train --export FILE (raises OSError, ValueError)
    export_suffixes: tuple[str, ...]  # what --export accepts
    view: str  # "module:Class" of the Qt view: controls panel, central view, docks (see ganlab.qt.kinds)
    captions: Mapping[str, str] = field(default_factory=dict)  # snapshot phase -> what just happened (N_ marked)
    panels: tuple[str, ...] = ()  # what its view can bring to the front (the `show` lesson verb)
    lesson_verbs: Mapping[str, Verb] = field(default_factory=dict)  # lesson verbs of this kind only (`overlay`)
    series: tuple[str, ...] = ()  # snapshot scalars recorded over iterations (charts, metrics CSV)
    timeline: bool = False  # keep every snapshot for scrubbing back (core.history.SnapshotHistory)
    cli_threads: int = 1  # torch threads for a headless run (small nets: 1 is fastest)
    save_weights: Callable[[AlgorithmOne, str], None] | None = None  # ganlab train --save-weights FILE, if offered
    # Before a session of this kind opens: the files its settings name must still be usable (ValueError says why).
    check_files: Callable[[Settings], None] | None = None

    def owns(self, config: Any) -> bool:
        return type(config) is self.config_class

"""The plane kind of run: GAN Lab's ground (2-D data, D's heat-map, G's manifold) with the mode-collapse experiments.
Its presets, the layers its view draws, its headless report and its row."""

from __future__ import annotations

import numpy as np
import torch

from ganlab.app.lessons.vocabulary import OneOf, Verb
from ganlab.app.one_d import json_number
from ganlab.app.run_kind import Preset, RunKind
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.i18n import N_
from ganlab.core.plane.config import PlaneConfig
from ganlab.core.plane.snapshot import PlaneSnapshot
from ganlab.core.plane.trainer import PlaneTrainer

# The plane's layers, each toggled in the controls and by the `layer` lesson verb: name -> (label, what it shows).
LAYERS = {
    "heatmap": (
        N_("D's decision heat-map"),
        N_("D(x) over the plane: blue where D says real, orange where it says fake"),
    ),
    "contour": (N_("D = 1/2 contour"), N_("Where D cannot tell real from fake")),
    "density": (N_("Data density contours"), N_("The exact p_data, at a few levels")),
    "reals": (N_("Real samples"), N_("512 fixed samples of p_data")),
    "fakes": (N_("Fake samples"), N_("G(z) for 512 fixed z: the same z every frame")),
    "manifold": (N_("G's manifold"), N_("The image of a regular z grid: how G folds the noise onto the plane")),
    "arrows": (N_("G's push on its samples"), N_("-d loss_G / dx on each fake, for the loss chosen")),
}

PRESETS = (
    Preset(
        "ring8",
        N_("Ring of 8 Gaussians: mode collapse"),
        N_(
            "Eight modes on a ring (radius 2, sigma 0.02): watch the fakes gather on a few modes while D's heat-map "
            "chases them; the numbers count the modes covered. Then try the fixes: unrolled D, packing, R1."
        ),
        PlaneConfig(target="ring8"),
    ),
    Preset(
        "ring8_unrolled",
        N_("Ring of 8, G against an unrolled D"),
        N_(
            "The same ring, with G's loss taken through 5 unrolled D steps (Metz et al. 2017): compare the modes "
            "covered with the plain ring at the same iteration."
        ),
        PlaneConfig(target="ring8", unroll=5),
    ),
    Preset(
        "grid25",
        N_("Grid of 25 Gaussians"),
        N_("Twenty-five modes on a 5 x 5 grid (sigma 0.05): a harder target for the same networks."),
        PlaneConfig(target="grid25"),
    ),
)

CAPTIONS = {
    "start": N_("Untrained: G puts its samples wherever its random weights send them."),
    "d": N_("D step: D's heat-map turns blue on real samples and orange on fakes."),
    "g": N_("G step: every fake moves along its arrow, toward where D says real."),
    "iteration": N_("One iteration of Algorithm 1: k D steps, then a G step."),
}

FIX_FIELDS = ("unroll", "pack", "r1", "minibatch_features")  # the settings that fight mode collapse
REPORTED = ("d_loss", "g_loss", "g_grad_norm", "js", "w1", "modes_covered", "high_quality_pct", "mode_kl")


def report(trainer: AlgorithmOne) -> dict[str, float | None]:
    snapshot = trainer.snapshot()
    return {name: json_number(getattr(snapshot, name)) for name in REPORTED}


def export(trainer: AlgorithmOne, path: str) -> None:
    """The final snapshot's arrays (fakes, reals, D's heat-map, the manifold, the arrows, both densities) as .npz."""
    np.savez(path, **trainer.snapshot().arrays())


def summary(preset: Preset) -> str:
    c = preset.config
    fixes = [
        f"{name}={getattr(c, name)}" for name in ("unroll", "pack", "r1", "minibatch_features") if getattr(c, name)
    ]
    return ", ".join([c.target, c.loss.replace("_", "-"), *fixes, f"{c.steps} steps"])


def make_trainer(config: PlaneConfig, device: torch.device) -> PlaneTrainer:
    return PlaneTrainer(config, device)


PLANE = RunKind(
    name="plane",
    config_class=PlaneConfig,
    make_trainer=make_trainer,
    snapshot_type=PlaneSnapshot,
    presets=PRESETS,
    report=report,
    summary=summary,
    export=export,
    export_suffixes=(".npz",),
    view="ganlab.qt.kinds.plane:PlaneView",
    captions=CAPTIONS,
    panels=("charts", "numbers"),
    lesson_verbs={
        "layer": Verb((OneOf(tuple(LAYERS)), OneOf(("on", "off"), (True, False))), "show or hide a layer of the plane"),
    },
    series=REPORTED,
)

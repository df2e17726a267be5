"""The 1-D kind of run: Figure 1 of Goodfellow et al. 2014, live. Its presets, headless report and its row."""

from __future__ import annotations

import math

import numpy as np
import torch

from ganlab.app.lessons.vocabulary import OneOf, Verb
from ganlab.app.run_kind import Preset, RunKind
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.i18n import N_
from ganlab.core.run_config import RunConfig
from ganlab.core.snapshot import Snapshot
from ganlab.core.trainer import Trainer

# Settings found by sweeping seeds on 2 CPU cores: ReLU-family nets 64 wide, D learning 5x faster than G (a
# two-time-scale rule). With uniform z a ReLU G has a piecewise-constant density; 64 units make its steps fine enough.
_TOY = RunConfig(g_width=64, d_width=64, lr_d=1e-3, lr_g=2e-4, batch_size=512)

PRESETS = (
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


# What a narrated step just did, in the words of Algorithm 1 (shown above Figure 1 when stepping or narrating).
CAPTIONS = {
    "start": N_("Untrained: G puts its samples wherever its random weights send them."),
    "d": N_("D step: push D(x) up on real samples, down on G's samples (the blue curve moves)."),
    "g": N_('G step: move G\'s samples toward where D says "real" (the arrows move).'),
    "iteration": N_("One iteration of Algorithm 1: k D steps, then a G step."),
}

# Overlays on Figure 1 (name -> label, tip): the controls' boxes, the `overlay` lesson verb, captures and GIFs.
OVERLAYS = {
    "d_star": (
        N_("Optimal D*(x)"),
        N_("p_data / (p_data + p_g): where D would be if trained to the end (Proposition 1)"),
    ),
    "push": (
        N_("G's push on its samples"),
        N_("-d loss_G / dx on each G(z): where and how hard the chosen loss moves it"),
    ),
    "histogram": (N_("Histogram of G's samples"), N_("The raw samples behind the smooth green p_g")),
}

# Snapshot scalars each headless report carries (besides step and d_acc).
REPORTED = ("d_loss", "g_loss", "g_grad_norm", "jsd", "kl", "kl_reverse", "w1", "value", "c_of_g")


def json_number(value: float) -> float | None:
    """JSON has no NaN or infinity: those (e.g. KL where G has no mass, V for a critic loss) become null."""
    return float(value) if math.isfinite(value) else None


def report(trainer: AlgorithmOne) -> dict[str, float | None]:
    snapshot = trainer.snapshot()
    row = {name: json_number(getattr(snapshot, name)) for name in REPORTED}
    row["d_acc"] = json_number(0.5 * (snapshot.d_acc_real + snapshot.d_acc_fake))
    return row


def export(trainer: AlgorithmOne, path: str) -> None:
    """The final snapshot's arrays (x, p_data, p_g, D, D*, the arrows) as .npz."""
    np.savez(path, **trainer.snapshot().arrays())


def summary(preset: Preset) -> str:
    c = preset.config
    return f"{c.target}, {c.loss.replace('_', '-')}, k={c.k}, {c.steps} steps"


def make_trainer(config: RunConfig, device: torch.device) -> Trainer:
    return Trainer(config, device)


ONE_D = RunKind(
    name="1d",
    config_class=RunConfig,
    make_trainer=make_trainer,
    snapshot_type=Snapshot,
    presets=PRESETS,
    report=report,
    summary=summary,
    export=export,
    export_suffixes=(".npz",),
    view="ganlab.qt.kinds.one_d:OneDView",
    captions=CAPTIONS,
    panels=("charts", "saturation", "captures", "numbers"),
    lesson_verbs={
        "overlay": Verb(
            (OneOf(tuple(OVERLAYS)), OneOf(("on", "off"), (True, False))), "show or hide an overlay on Figure 1"
        ),
        "capture": Verb((), "capture Figure 1 into the strip (a)-(d)"),
    },
    series=REPORTED,
    timeline=True,
)

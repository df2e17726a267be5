"""The image kind of run: the "move to digits" lesson, the paper's Figures 2 and 3. Its presets, the trainer built on
the run's data set (read here, through the data layer: the core reads no files), its headless report and its row."""

from __future__ import annotations

import numpy as np
import torch
from safetensors.torch import save_file

from ganlab.app.lessons.vocabulary import OneOf, Verb
from ganlab.app.one_d import json_number
from ganlab.app.run_kind import Preset, RunKind
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.i18n import N_
from ganlab.core.image_config import FROM_FILE, ImageConfig
from ganlab.core.image_snapshot import ImageSnapshot
from ganlab.core.image_trainer import ImageTrainer
from ganlab.data.export import save_grid_png
from ganlab.data.images import builtin, load_dataset

# Tuned on 2 CPU cores against a small digit classifier (benchmarks/digits_quality.py). `digits`: 16 base channels
# train ~1.8x faster per step than 32 and look as good at the same wall time; batch 32 and Adam at 2e-3 (ten times
# the usual 2e-4) gave the cleanest strokes soonest. The classifier finds every class among the 64 samples from
# ~1,000 steps (~10 s); most samples read clearly as digits from ~2,000 (~20 s); 4,000 steps take ~30-40 s.
# `paper_mlp`: the paper's nets (ReLU G 1200-1200, maxout D 240x5 with dropout, its uniform init, batch 100, k = 1);
# only the optimiser is changed, because the paper's SGD (0.1, momentum 0.5) collapsed to one to five shapes within
# 2,000 steps here (seeds 0-2), where the paper trained for hundreds of epochs. 800 steps take ~45 s on one thread.
PRESETS = (
    Preset(
        "digits",
        "Digits: a small DCGAN on MNIST",
        "Blobs become strokes within seconds and readable digits of every class within about twenty; the 64 "
        "samples come from the same z throughout, so each one keeps its place in the grid while it learns.",
        ImageConfig(),
    ),
    Preset(
        "latent",
        "Latent space: morph one digit into another",
        "Starts from the digits preset already trained (4,000 iterations, seed 0): drag the slider in the latent "
        "panel to walk from one sample's z to another's, as in the paper's Figure 3; try the spherical path.",
        ImageConfig(),
        session="sessions/digits_trained.ganlab",
    ),
    Preset(
        "paper_mlp",
        "The paper's fully connected GAN on MNIST",
        "The 2014 nets (ReLU generator, maxout discriminator with dropout): speckled digits, far too many 1s "
        "(partial mode collapse). Switch both optimisers to SGD at 0.1, as in the paper, and G soon draws only one "
        "or two shapes.",
        ImageConfig(
            architecture="mlp",
            noise="uniform",
            noise_dim=100,
            g_width=1200,
            d_width=240,
            lr_d=1e-3,
            lr_g=1e-3,
            batch_size=100,
            steps=800,
        ),
    ),
)

CAPTIONS = {
    "start": N_("Untrained: G turns each fixed z into noise; D has not learned what a digit looks like."),
    "d": N_("D step: D learns to tell training images from G's samples (watch the frames' colours)."),
    "g": N_("G step: every sample moves toward what D currently calls real (watch the grid)."),
    "iteration": N_("One iteration of Algorithm 1: k D steps, then a G step."),
}


def load_images(name: str) -> tuple[np.ndarray, np.ndarray | None]:
    """A shipped data set as float32 (N, H, W) in [0, 1] (white ink on black) and int64 labels."""
    dataset = builtin(name)
    return dataset.images, dataset.labels


def load_training_set(config: ImageConfig) -> tuple[np.ndarray, np.ndarray | None, str]:
    """The run's training images (a shipped set or the user's file), their labels, and the set's name."""
    if config.dataset != FROM_FILE:
        return (*load_images(config.dataset), config.dataset)
    dataset = load_dataset(config.data_path)
    return dataset.images, dataset.labels, dataset.name


def image_trainer(config: ImageConfig, device: str | torch.device = "cpu") -> ImageTrainer:
    """An ImageTrainer on the run's own data set (config.dataset, or the user's file at config.data_path)."""
    images, labels, name = load_training_set(config)
    return ImageTrainer(config, images, labels, device, dataset_name=name)


def check_files(config: ImageConfig) -> None:
    """A user's data set named by saved settings must still be where it was (DatasetError says what is wrong)."""
    if config.dataset == FROM_FILE:
        load_dataset(config.data_path)


def report(trainer: AlgorithmOne) -> dict[str, float | None]:
    d_loss, g_loss, g_grad_norm = trainer.losses()
    return {"d_loss": json_number(d_loss), "g_loss": json_number(g_loss), "g_grad_norm": json_number(g_grad_norm)}


def export(trainer: AlgorithmOne, path: str) -> None:
    """The samples of the fixed noise: as .npz (float32 (64, H, W) in [0, 1]), or drawn as a grid in a .png."""
    samples = trainer.samples()
    if path.lower().endswith(".png"):
        save_grid_png(samples, path)
    else:
        np.savez(path, samples=samples)


def save_weights(trainer: AlgorithmOne, path: str) -> None:
    """G's weights as safetensors, with the run's settings in the metadata."""
    state = {name: value.detach().cpu().contiguous() for name, value in trainer.generator.state_dict().items()}
    save_file(state, path, metadata={"config": trainer.config.to_json()})


def summary(preset: Preset) -> str:
    c = preset.config
    return f"{c.dataset}, {c.architecture}, {c.steps} steps; headless: ganlab train"


IMAGES = RunKind(
    name="image",
    config_class=ImageConfig,
    make_trainer=image_trainer,
    snapshot_type=ImageSnapshot,
    presets=PRESETS,
    report=report,
    summary=summary,
    export=export,
    export_suffixes=(".npz", ".png"),
    view="ganlab.qt.kinds.images:ImageView",
    captions=CAPTIONS,
    panels=("charts", "samples", "nearest", "latent"),
    lesson_verbs={
        "latent": Verb((OneOf(("random", "slerp", "lerp")),), "latent path: new random endpoints, or the path shape"),
    },
    series=("d_loss", "g_loss", "g_grad_norm", "d_real_mean", "d_fake_mean"),
    cli_threads=2,  # measured: 2 threads 1.5x faster than 1 on these convolutions
    save_weights=save_weights,
    check_files=check_files,
)

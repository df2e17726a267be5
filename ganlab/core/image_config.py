"""The settings of an image run: the data set, G and D (fully connected as in the paper, or a small DCGAN), the loss,
optimisers with momentum, k and the batch size. The defaults are the `digits` preset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.image_models import ARCHITECTURES
from ganlab.core.losses import LOSSES
from ganlab.core.settings import OPTIMIZERS, ConfigError, Settings

DATASETS = ("mnist_5k", "digits_8x8")  # the data sets shipped in resources/datasets
FROM_FILE = "file"  # ImageConfig.dataset for a user's own copy: data_path names the file or folder

# (field, lowest, highest) for every bounded number, as in config.LIMITS.
IMAGE_LIMITS: dict[str, tuple[float, float]] = {
    "noise_dim": (1, 512),
    "g_width": (1, 4096),
    "d_width": (1, 4096),
    "maxout_pieces": (0, 16),
    "dropout": (0.0, 0.9),
    "input_dropout": (0.0, 0.9),
    "lr_d": (1e-6, 1.0),
    "lr_g": (1e-6, 1.0),
    "momentum_d": (0.0, 0.999),
    "momentum_g": (0.0, 0.999),
    "k": (0, 50),
    "batch_size": (1, 4096),
    "seed": (0, 2**31 - 1),
    "steps": (1, 10_000_000),
    "train_images": (0, 10_000_000),
}

IMAGE_CHOICES: dict[str, tuple[str, ...]] = {
    "dataset": (*DATASETS, FROM_FILE),
    "architecture": ARCHITECTURES,
    "noise": tuple(NOISE_PRIORS),
    "loss": tuple(LOSSES),
    "optimizer_d": OPTIMIZERS,
    "optimizer_g": OPTIMIZERS,
}

# Changing these rebuilds the networks or the data, so the run starts again; the rest apply live.
IMAGE_RESET_FIELDS = frozenset(
    {
        "dataset",
        "data_path",
        "train_images",
        "architecture",
        "noise",
        "noise_dim",
        "g_width",
        "d_width",
        "maxout_pieces",
        "dropout",
        "input_dropout",
        "seed",
    }
)


@dataclass(frozen=True)
class ImageConfig(Settings):
    """One image run. The defaults are the `digits` preset: a small DCGAN on 28x28 MNIST (see IMAGE_PRESETS)."""

    CHOICES_OF: ClassVar[dict[str, tuple[str, ...]]] = IMAGE_CHOICES
    LIMITS_OF: ClassVar[dict[str, tuple[float, float]]] = IMAGE_LIMITS
    RESET_OF: ClassVar[frozenset[str]] = IMAGE_RESET_FIELDS
    KIND: ClassVar[str] = "image run configuration"

    dataset: str = "mnist_5k"
    data_path: str = ""  # dataset "file": an IDX file or folder, an .npz, or a folder of images (data.images)
    train_images: int = 0  # use the first n images of the data set (0: all of them)
    architecture: str = "dcgan"
    noise: str = "gaussian"
    noise_dim: int = 32
    g_width: int = 16  # 'mlp': hidden units per layer; 'dcgan': base channels (the first map has 2x)
    d_width: int = 16
    maxout_pieces: int = 5  # 'mlp' D: pieces per maxout unit (0: Linear + LeakyReLU instead)
    dropout: float = 0.5  # 'mlp' D: dropout before each hidden-to-next layer
    input_dropout: float = 0.2  # 'mlp' D: dropout on the input pixels (the paper keeps 80%)
    loss: str = "non_saturating"
    optimizer_d: str = "adam"
    optimizer_g: str = "adam"
    lr_d: float = 2e-3
    lr_g: float = 2e-3
    momentum_d: float = 0.5  # Adam's beta1, or SGD's momentum
    momentum_g: float = 0.5
    k: int = 1  # D steps per iteration (Algorithm 1)
    batch_size: int = 32
    seed: int = 0
    steps: int = 4000  # the run's default length in iterations

    def __post_init__(self) -> None:
        super().__post_init__()
        if (self.dataset == FROM_FILE) != bool(self.data_path):
            raise ConfigError(f'data_path is for dataset "{FROM_FILE}" only, and that dataset needs one')

"""What an image run sends to the views: a frozen picture per frame, the run's fixed facts once, answers on request.

Kept apart from the 1-D Snapshot because the two share only their counters: an image frame is G's 64 samples of the
fixed noise and D's verdict on them, not densities on a line. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ganlab.core.snapshot import FrozenArrays


@dataclass(frozen=True)
class ImageSnapshot(FrozenArrays):
    samples: np.ndarray  # G on the fixed noise: float32 (64, H, W) in [0, 1], the same z every frame
    verdict: np.ndarray  # D on each sample: P(real) for probability losses, else the critic's score
    real_verdict: np.ndarray  # D on the fixed real grid (ImageRunInfo.real), same scale as verdict
    iteration: int
    d_steps: int
    g_steps: int
    d_loss: float
    g_loss: float
    g_grad_norm: float
    loss: str
    d_is_probability: bool
    phase: str  # what changed last: "start", "d", "g", "iteration", "play", "settings", "restored", "run_end"
    device: str
    created: float  # time.monotonic() when built

    ARRAYS: ClassVar[tuple[str, ...]] = ("samples", "verdict", "real_verdict")
    ARRAY_DTYPE: ClassVar[type[np.floating]] = np.float32

    def arrays(self) -> dict[str, np.ndarray]:
        """What an export of the snapshot writes: G's samples of the fixed z and D's verdict on each."""
        return {"samples": self.samples, "verdict": self.verdict}

    @property
    def d_real_mean(self) -> float:
        return float(np.mean(self.real_verdict))

    @property
    def d_fake_mean(self) -> float:
        return float(np.mean(self.verdict))


@dataclass(frozen=True)
class ImageRunInfo:
    """Facts that stay fixed for a whole image run, sent once after a start or reset."""

    dataset: str  # what the run trains on, in words
    count: int  # training images
    image_shape: tuple[int, int]
    noise: str  # the prior's name ("gaussian", "uniform")
    noise_dim: int
    fixed_noise: np.ndarray  # (64, noise_dim): the z behind the sample grid, for picking latent endpoints
    real: np.ndarray  # (64, H, W) training images for the real-data grid
    real_labels: np.ndarray | None  # their classes, when the data set has labels


@dataclass(frozen=True)
class NearestImages:
    """The paper's Figure 2 check for some samples of the grid: each one's nearest training image."""

    request: int  # the caller's request number: an answer older than the newest question is dropped
    indices: tuple[int, ...]  # which grid samples
    samples: np.ndarray  # (n, H, W) those samples now
    nearest: np.ndarray  # (n, H, W) each one's nearest training image
    distances: np.ndarray  # (n,) Euclidean pixel distances (pixels in [0, 1])
    labels: tuple[int | None, ...]  # the nearest images' classes, when known
    iteration: int


@dataclass(frozen=True)
class DecodedImages:
    """G's images for z vectors the latent panel asked for."""

    request: int
    images: np.ndarray  # (n, H, W) in [0, 1]
    iteration: int

"""What every image loader returns and checks: ImageDataset (grayscale float32 in [0, 1], (N, H, W)) and
DatasetError, whose message names the file and says what is wrong in plain words."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_IMAGES = 10
MAX_SIDE = 64  # the app's image models are small: larger images would train far too slowly on a laptop


class DatasetError(ValueError):
    """The data cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class ImageDataset:
    """N grayscale images, float32 in [0, 1], shape (N, H, W); labels int64 (N,) or None."""

    name: str
    images: np.ndarray
    labels: np.ndarray | None
    source: str  # where it came from: a built-in's file, or the path(s) of the user's files
    class_names: tuple[str, ...] | None = None  # label i is class_names[i] (image folders with named subfolders)

    def __post_init__(self) -> None:
        if self.images.dtype != np.float32 or self.images.ndim != 3:
            raise ValueError(f"images must be float32 (N, H, W), got {self.images.dtype} {self.images.shape}")
        if self.labels is not None and (self.labels.dtype != np.int64 or self.labels.shape != self.images.shape[:1]):
            raise ValueError(f"labels must be int64 ({len(self.images)},), got {self.labels.dtype} {self.labels.shape}")

    @property
    def image_shape(self) -> tuple[int, int]:
        return int(self.images.shape[1]), int(self.images.shape[2])

    def __len__(self) -> int:
        return int(self.images.shape[0])


def check_side(height: int, width: int, shown: str) -> None:
    if height > MAX_SIDE or width > MAX_SIDE:
        raise DatasetError(
            f"{shown}: images are {width}x{height} pixels; the app's models are small and take images of at most "
            f"{MAX_SIDE}x{MAX_SIDE}: shrink them first"
        )
    if height < 1 or width < 1:
        raise DatasetError(f"{shown}: images are {width}x{height} pixels, which is empty")


def check_count(count: int, shown: str) -> None:
    if count < MIN_IMAGES:
        raise DatasetError(f"{shown}: has {count} images; a GAN needs at least {MIN_IMAGES} to learn from")


def finish(name: str, shown: str, images: np.ndarray, labels: np.ndarray | None, source: str) -> ImageDataset:
    """The checks every loader shares (count, size), then the data set."""
    check_count(len(images), shown)
    check_side(images.shape[1], images.shape[2], shown)
    return ImageDataset(name, np.ascontiguousarray(images, dtype=np.float32), labels, source)

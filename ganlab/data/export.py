"""Pictures of image samples for files: the 8x8 grid the CLI and the benchmarks write."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ganlab.data.atomic import atomic_write


def sample_grid(images: np.ndarray, columns: int = 8, gap: int = 2, scale: int = 3) -> np.ndarray:
    """(N, H, W) floats in [0, 1] -> one uint8 picture: a grid with grey gaps, each pixel scale x scale."""
    count, height, width = images.shape
    rows = -(-count // columns)
    grid = np.full((rows * (height + gap) + gap, columns * (width + gap) + gap), 0.35, np.float32)
    for i, image in enumerate(images):
        top, left = gap + (i // columns) * (height + gap), gap + (i % columns) * (width + gap)
        grid[top : top + height, left : left + width] = image
    grid = np.kron(grid, np.ones((scale, scale), np.float32))
    return (np.clip(grid, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def save_grid_png(images: np.ndarray, path: str | Path) -> None:
    """Write the sample grid as an 8-bit greyscale PNG, atomically (OSError naming the path if it cannot be written)."""
    from PIL import Image

    picture = Image.fromarray(sample_grid(images), mode="L")
    with atomic_write(path) as temporary:
        picture.save(temporary, format="PNG")

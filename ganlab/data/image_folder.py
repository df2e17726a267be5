"""A user's folder of images (PNG, JPEG, BMP, GIF; class subfolders become labels), read with Pillow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ganlab.data.image_dataset import DatasetError, ImageDataset, check_count, check_side, finish

if TYPE_CHECKING:
    from PIL import Image

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
IMAGE_KINDS = "/".join(IMAGE_SUFFIXES)  # ".png/.jpg/.jpeg/.bmp/.gif" for messages


def load_image_folder(path: str | Path) -> ImageDataset:
    """Every .png/.jpg/.jpeg/.bmp/.gif in the folder, as grayscale; all must have the same size.

    With images in class subfolders (one level: digits/3/a.png) the subfolder names become labels: the numbers
    themselves when every name is a whole number, otherwise 0, 1, ... in sorted order (kept in class_names).
    Nothing is inverted: MNIST-style pictures are white ink on black; black-on-white scans stay black-on-white.
    """
    from PIL import Image  # Pillow is needed only here

    folder = Path(path)
    if not folder.is_dir():
        raise DatasetError(f"{folder.name}: no such folder")
    files, classes = image_files(folder)
    if not files:
        raise DatasetError(f"{folder.name}: folder has no {IMAGE_KINDS} images")
    check_count(len(files), folder.name)  # before decoding anything
    first_size = None
    pictures = []
    for file in files:
        shown = file.relative_to(folder).as_posix()
        try:
            with Image.open(file) as picture:
                size = picture.size  # (width, height), known before decoding the pixels
                if first_size is None:
                    first_size, first_shown = size, shown
                    check_side(size[1], size[0], shown)
                elif size != first_size:
                    raise DatasetError(
                        f"{shown} is {size[0]}x{size[1]} but {first_shown} is {first_size[0]}x{first_size[1]}; "
                        "all images must have the same size"
                    )
                pictures.append(_grayscale(picture))
        except DatasetError:
            raise
        except Exception as exc:  # Pillow raises many kinds (UnidentifiedImageError, OSError, DecompressionBomb...)
            raise DatasetError(f"{shown}: not a readable image ({exc})") from None
    images = np.stack(pictures)
    labels = class_names = None
    if classes:
        names = sorted({file.parent.name for file in files})
        if all(name.isdigit() for name in names):
            labels = np.array([int(file.parent.name) for file in files], np.int64)
        else:
            class_names = tuple(names)
            labels = np.array([names.index(file.parent.name) for file in files], np.int64)
    dataset = finish(folder.name, folder.name, images, labels, f"{folder} ({len(files)} image files)")
    return ImageDataset(dataset.name, dataset.images, dataset.labels, dataset.source, class_names)


def image_files(folder: Path) -> tuple[list[Path], bool]:
    """(image files in sorted order, whether they come from class subfolders)."""

    def pictures(place: Path) -> list[Path]:
        return sorted(
            p for p in place.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and p.name[0] != "."
        )

    top = pictures(folder)
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and p.name[0] != ".")
    nested = [file for sub in subfolders for file in pictures(sub)]
    if top and nested:
        raise DatasetError(
            f"{folder.name}: has images both in the folder itself and in subfolders; put them all in class "
            "subfolders (one per label) or all directly in the folder"
        )
    return (nested, True) if nested else (top, False)


def _grayscale(picture: Image.Image) -> np.ndarray:
    """float32 (H, W) in [0, 1] from any Pillow image (the first frame of a GIF)."""
    if picture.mode in ("I;16", "I;16B", "I;16L"):  # 16-bit grayscale PNG
        return (np.asarray(picture, dtype=np.float32) / 65535.0).astype(np.float32)
    return np.asarray(picture.convert("L"), dtype=np.float32) / 255.0

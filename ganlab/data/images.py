"""Image data sets: the digits shipped in resources/datasets, and loaders for a user's own files (no Qt, no network).

Every loader returns an ImageDataset of grayscale float32 images in [0, 1], shape (N, H, W). Nothing is inverted:
MNIST-style data are white ink (1) on a black background (0), and a folder of black-on-white scans stays that way.
Every problem raises DatasetError, whose message names the file and says what is wrong in plain words.
"""

from __future__ import annotations

import gzip
import math
import re
import zipfile
import zlib
from pathlib import Path

import numpy as np

from ganlab.data.image_dataset import MAX_SIDE, MIN_IMAGES, DatasetError, ImageDataset, finish
from ganlab.data.image_folder import IMAGE_KINDS, IMAGE_SUFFIXES, image_files, load_image_folder
from ganlab.data.resources import resources_dir

BUILTIN_NAMES = ("mnist_5k", "digits_8x8")

_IDX_IMAGES = re.compile(r"images[.-]idx3-ubyte(\.gz)?$")
_IDX_IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions (N, H, W)
_IDX_LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension (N,)
_NPZ_IMAGES = ("images", "x", "x_train")
_NPZ_LABELS = ("labels", "y", "y_train")  # paired by position with _NPZ_IMAGES

__all__ = [
    "IMAGE_KINDS",
    "IMAGE_SUFFIXES",
    "MAX_SIDE",
    "MIN_IMAGES",
    "DatasetError",
    "ImageDataset",
    "builtin",
    "load_dataset",
    "load_idx",
    "load_image_folder",
    "load_npz",
]


# ---------------------------------------------------------------------------------------------------- built-ins


def builtin(name: str) -> ImageDataset:
    """A data set shipped with ganlab: "mnist_5k" (5000 x 28x28 MNIST) or "digits_8x8" (1797 x 8x8, scikit-learn)."""
    if name not in BUILTIN_NAMES:
        raise DatasetError(f"unknown built-in data set {name!r} (choose {' or '.join(BUILTIN_NAMES)})")
    path = resources_dir() / "datasets" / f"{name}.npz"
    data = load_npz(path)
    return ImageDataset(name, data.images, data.labels, f"built-in: {path.name} (see resources/datasets/README.md)")


# ---------------------------------------------------------------------------------------------------- dispatch


def load_dataset(path: str | Path) -> ImageDataset:
    """Whatever the user chose: a folder with MNIST IDX files, an IDX file, a .npz archive or a folder of images."""
    path = Path(path)
    if path.is_dir():
        if _find_idx_images(path) is not None:
            return load_idx(path)
        if not image_files(path)[0]:
            raise DatasetError(f"{path.name}: folder has no {IMAGE_KINDS} images and no MNIST IDX files")
        return load_image_folder(path)
    if not path.is_file():
        raise DatasetError(f"{path.name}: no such file or folder")
    if path.suffix.lower() == ".npz":
        return load_npz(path)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        raise DatasetError(f"{path.name}: one picture is not a data set; choose the folder that holds the images")
    if "idx" in path.name.lower() or path.suffix.lower() in ("", ".gz", ".ubyte"):
        return load_idx(path)
    raise DatasetError(
        f"{path.name}: unknown kind of data file; choose an MNIST IDX file, a .npz archive or a folder of images"
    )


# ---------------------------------------------------------------------------------------------------- IDX


def load_idx(path_or_folder: str | Path) -> ImageDataset:
    """MNIST / Fashion-MNIST IDX files, raw or .gz: an images file (labels found beside it) or a folder holding them.

    A folder may be laid out as torchvision does (FOLDER/MNIST/raw/, FOLDER/raw/) or hold the files itself; the
    train split is preferred, and `source` says which file was read.
    """
    path = Path(path_or_folder)
    if path.is_dir():
        found = _find_idx_images(path)
        if found is None:
            raise DatasetError(
                f"{path.name}: folder has no MNIST IDX images file (such as train-images-idx3-ubyte or its .gz)"
            )
        path = found
    images = _read_idx(path, _IDX_IMAGES_MAGIC, "image")
    source = str(path)
    labels = None
    labels_path = _labels_beside(path)
    if labels_path is not None:
        labels = _read_idx(labels_path, _IDX_LABELS_MAGIC, "labels").astype(np.int64)
        if len(labels) != len(images):
            raise DatasetError(
                f"{labels_path.name}: labels file has {len(labels)} labels "
                f"but the images file {path.name} has {len(images)} images"
            )
        source += f" (labels: {labels_path.name})"
    name = path.name.removesuffix(".gz")
    return finish(name, path.name, images.astype(np.float32) / 255.0, labels, source)


def _find_idx_images(folder: Path) -> Path | None:
    """The IDX images file to use in folder (torchvision layouts included): train split first, uncompressed first."""
    places = [folder / "MNIST" / "raw", folder / "FashionMNIST" / "raw", folder / "raw", folder]
    places += sorted(p for p in folder.glob("*/raw") if p not in places)
    for place in places:
        if not place.is_dir():
            continue
        files = [p for p in place.iterdir() if p.is_file() and _IDX_IMAGES.search(p.name.lower())]
        if files:
            return min(files, key=lambda p: (not p.name.lower().startswith("train"), p.suffix == ".gz", p.name))
    return None


def _labels_beside(images_path: Path) -> Path | None:
    """train-images-idx3-ubyte[.gz] -> train-labels-idx1-ubyte[.gz] in the same folder, if it is there."""
    stem = images_path.name.removesuffix(".gz")
    if "images" not in stem:
        return None
    labels_stem = stem.replace("images", "labels").replace("idx3", "idx1")
    for candidate in (labels_stem, labels_stem + ".gz"):
        if (images_path.parent / candidate).is_file():
            return images_path.parent / candidate
    return None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, un-gzipped if they are gzip data (whatever the file's name says)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise DatasetError(f"{path.name}: the file is empty")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise DatasetError(
                f"{path.name}: the gzip data is truncated or corrupt ({exc}); download the file again"
            ) from None
        if not data:
            raise DatasetError(f"{path.name}: the file is empty once unzipped")
    return data


def _read_idx(path: Path, magic_expected: int, kind: str) -> np.ndarray:
    """The uint8 array of an IDX file whose magic number must be magic_expected (3-D images or 1-D labels)."""
    data = _read_bytes(path)
    ndim = magic_expected & 0xFF
    header = 4 + 4 * ndim
    if len(data) < 4:
        raise DatasetError(f"{path.name}: too short to be an IDX file ({len(data)} bytes)")
    magic = int.from_bytes(data[:4], "big")
    if magic != magic_expected:
        hint = ""
        if magic == _IDX_LABELS_MAGIC:
            hint = "; this is a labels file"
        elif magic == _IDX_IMAGES_MAGIC:
            hint = "; this is an images file"
        raise DatasetError(
            f"{path.name}: not an IDX {kind} file (magic number 0x{magic:08x}, expected 0x{magic_expected:08x}{hint})"
        )
    if len(data) < header:
        raise DatasetError(f"{path.name}: the file is truncated inside its header ({len(data)} bytes)")
    dims = [int(d) for d in np.frombuffer(data, ">u4", count=ndim, offset=4)]
    expected, actual = math.prod(dims), len(data) - header
    what = f"{dims[0]} images of {dims[1]}x{dims[2]}" if ndim == 3 else f"{dims[0]} labels"
    if actual < expected:
        raise DatasetError(
            f"{path.name}: the file is truncated: its header promises {what} ({expected:,} bytes) "
            f"but only {actual:,} bytes follow; download it again"
        )
    if actual > expected:
        raise DatasetError(
            f"{path.name}: the file has {actual - expected:,} bytes more than its header describes ({what}); "
            "it is damaged or not an IDX file"
        )
    return np.frombuffer(data, np.uint8, offset=header).reshape(dims)


# ---------------------------------------------------------------------------------------------------- .npz


def load_npz(path: str | Path) -> ImageDataset:
    """A NumPy .npz archive: images in `images`, `x` or `x_train`, shaped (N, H, W) or (N, H*W) with H = W (a
    single channel axis of size 1 is dropped); uint8 / integers 0-255 or floats 0-1 (or 0-255), scaled to [0, 1].
    Optional labels in `labels`, `y` or `y_train`. Pickled (object) arrays are refused: loading them can run code.
    """
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path.name}: no such file")
    if path.stat().st_size == 0:
        raise DatasetError(f"{path.name}: the file is empty")
    try:
        archive = np.load(path, allow_pickle=False)
    except ValueError as exc:
        if "pickle" in str(exc).lower():  # neither a .npz nor a .npy header: NumPy refused to try it as a pickle
            raise DatasetError(
                f"{path.name}: not a .npz archive (NumPy does not recognise it; pickle files are refused "
                "because loading them can run code)"
            ) from None
        raise DatasetError(f"{path.name}: not a readable .npz archive ({exc})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise DatasetError(f"{path.name}: the .npz archive is truncated or corrupt ({exc})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise DatasetError(f"{path.name}: holds a single array, not a .npz archive of named arrays (use numpy.savez)")
    with archive:
        names = list(archive.files)
        key = next((k for k in _NPZ_IMAGES if k in names), None)
        if key is None:
            found = ", ".join(names) if names else "nothing"
            wanted = f"{', '.join(_NPZ_IMAGES[:-1])} or {_NPZ_IMAGES[-1]}"
            raise DatasetError(f"{path.name}: no array named {wanted} (found: {found})")
        paired = _NPZ_LABELS[_NPZ_IMAGES.index(key)]
        label_key = next((k for k in (paired, *_NPZ_LABELS) if k in names), None)
        raw = _npz_array(archive, path, key)
        raw_labels = _npz_array(archive, path, label_key) if label_key else None
    images = _npz_images(raw, path, key)
    labels = None if raw_labels is None else _npz_labels(raw_labels, len(images), path, label_key)
    source = f"{path} (array {key}" + (f", labels {label_key})" if label_key else ")")
    return finish(path.stem, path.name, images, labels, source)


def _npz_array(archive: np.lib.npyio.NpzFile, path: Path, key: str) -> np.ndarray:
    try:
        return archive[key]
    except ValueError as exc:
        if "pickle" in str(exc).lower() or "object" in str(exc).lower():
            raise DatasetError(
                f"{path.name}: array {key!r} holds Python objects (pickled data); ganlab refuses to load pickles "
                "because they can run code. Save plain number arrays instead"
            ) from None
        raise DatasetError(f"{path.name}: array {key!r} cannot be read ({exc})") from None
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise DatasetError(f"{path.name}: array {key!r} is damaged ({exc})") from None


def _npz_images(raw: np.ndarray, path: Path, key: str) -> np.ndarray:
    """raw -> float32 (N, H, W) in [0, 1]."""
    if raw.ndim == 4 and raw.shape[1] == 1:  # (N, 1, H, W), as PyTorch stores them
        raw = raw[:, 0]
    elif raw.ndim == 4 and raw.shape[3] == 1:  # (N, H, W, 1), as Keras stores them
        raw = raw[..., 0]
    if raw.ndim == 2:
        side = math.isqrt(raw.shape[1])
        if side * side != raw.shape[1]:
            raise DatasetError(
                f"{path.name}: array {key!r} has shape {raw.shape}: {raw.shape[1]} pixels per image is not a square "
                "number, so the image size is unknown; save the images as (N, height, width)"
            )
        raw = raw.reshape(raw.shape[0], side, side)
    if raw.ndim != 3:
        raise DatasetError(
            f"{path.name}: array {key!r} has shape {raw.shape}; expected 2-D grayscale images stacked as "
            "(N, height, width) or flattened as (N, height*width)"
        )
    if raw.dtype == np.bool_:
        return raw.astype(np.float32)
    if not (np.issubdtype(raw.dtype, np.integer) or np.issubdtype(raw.dtype, np.floating)):
        raise DatasetError(f"{path.name}: array {key!r} holds {raw.dtype} values, not numbers")
    if raw.size == 0:
        return raw.astype(np.float32)
    if np.issubdtype(raw.dtype, np.floating) and not np.isfinite(raw).all():
        raise DatasetError(f"{path.name}: array {key!r} contains NaN or infinite values")
    low, high = float(raw.min()), float(raw.max())
    if np.issubdtype(raw.dtype, np.floating) and low >= 0.0 and high <= 1.0:
        return raw.astype(np.float32)
    if low >= 0 and high <= 255:
        return raw.astype(np.float32) / np.float32(255)
    raise DatasetError(
        f"{path.name}: array {key!r} has values from {low:g} to {high:g}; expected 0-255 (uint8) or 0-1 (floats)"
    )


def _npz_labels(raw: np.ndarray, count: int, path: Path, key: str) -> np.ndarray:
    if raw.ndim != 1:
        raise DatasetError(f"{path.name}: labels array {key!r} has shape {raw.shape}; expected one number per image")
    if len(raw) != count:
        raise DatasetError(f"{path.name}: labels array {key!r} has {len(raw)} labels but there are {count} images")
    if np.issubdtype(raw.dtype, np.integer) or raw.dtype == np.bool_:
        return raw.astype(np.int64)
    if np.issubdtype(raw.dtype, np.floating) and np.isfinite(raw).all() and (raw == np.round(raw)).all():
        return raw.astype(np.int64)
    raise DatasetError(f"{path.name}: labels array {key!r} must hold whole numbers (it holds {raw.dtype})")

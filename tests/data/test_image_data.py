"""The image data layer: built-in digits, IDX / .npz / image-folder loaders and their error messages (no Qt)."""

from __future__ import annotations

import gzip
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import ganlab.data.resources as resources_module
from ganlab.data.images import (
    DatasetError,
    ImageDataset,
    builtin,
    load_dataset,
    load_idx,
    load_image_folder,
    load_npz,
)
from ganlab.data.resources import resources_dir

RNG = np.random.default_rng(7)


def pixels(n: int = 12, h: int = 5, w: int = 7) -> np.ndarray:
    """Random uint8 images that use both ends of the range (0 and 255)."""
    images = RNG.integers(0, 256, size=(n, h, w), dtype=np.uint8)
    images[0, 0, 0], images[0, 0, 1] = 0, 255
    return images


def as_float(images: np.ndarray) -> np.ndarray:
    return images.astype(np.float32) / np.float32(255)


def idx_images_bytes(images: np.ndarray) -> bytes:
    return struct.pack(">IIII", 0x00000803, *images.shape) + images.astype(np.uint8).tobytes()


def idx_labels_bytes(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 0x00000801, len(labels)) + labels.astype(np.uint8).tobytes()


def write(path: Path, data: bytes, gz: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def write_mnist(folder: Path, prefix: str, images: np.ndarray, labels: np.ndarray | None, gz: bool) -> Path:
    suffix = ".gz" if gz else ""
    path = write(folder / f"{prefix}-images-idx3-ubyte{suffix}", idx_images_bytes(images), gz)
    if labels is not None:
        write(folder / f"{prefix}-labels-idx1-ubyte{suffix}", idx_labels_bytes(labels), gz)
    return path


def message(excinfo: pytest.ExceptionInfo) -> str:
    return str(excinfo.value)


# ------------------------------------------------------------------------------------------------ built-ins


@pytest.mark.parametrize(("name", "shape"), [("mnist_5k", (5000, 28, 28)), ("digits_8x8", (1797, 8, 8))])
def test_builtins_load_with_the_right_shapes_values_and_classes(name: str, shape: tuple[int, int, int]) -> None:
    data = builtin(name)
    assert isinstance(data, ImageDataset)
    assert data.name == name
    assert data.images.shape == shape and data.images.dtype == np.float32
    assert data.images.min() == 0.0 and data.images.max() == 1.0
    assert data.labels is not None and data.labels.dtype == np.int64 and data.labels.shape == (shape[0],)
    assert sorted(set(data.labels.tolist())) == list(range(10))
    assert f"{name}.npz" in data.source
    assert len(data) == shape[0] and data.image_shape == shape[1:]


def test_digits_8x8_keeps_scikit_learns_17_levels_and_class_counts() -> None:
    data = builtin("digits_8x8")
    levels = np.unique(np.round(data.images * 255).astype(int))
    assert levels.tolist() == [round(v * 255 / 16) for v in range(17)]
    assert np.bincount(data.labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    # scikit-learn's first digit is a 0: a ring of ink (row 1: 0 0 13 15 10 15 5 0) around an empty centre.
    assert data.labels[0] == 0 and data.images[0, 3, 3] == 0.0 and data.images[0, 3, 4] == 0.0
    np.testing.assert_array_equal(np.round(data.images[0, 1] * 255), [0, 0, 207, 239, 159, 239, 80, 0])


def test_unknown_builtin_names_the_choices() -> None:
    with pytest.raises(DatasetError) as excinfo:
        builtin("cifar10")
    assert "'cifar10'" in message(excinfo) and "mnist_5k" in message(excinfo) and "digits_8x8" in message(excinfo)


def test_resources_dir_in_the_source_tree() -> None:
    folder = resources_dir()
    assert folder == Path(resources_module.__file__).resolve().parents[2] / "resources"
    assert (folder / "datasets" / "mnist_5k.npz").is_file() and (folder / "datasets" / "digits_8x8.npz").is_file()


def test_resources_dir_falls_back_to_the_wheels_data_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources_module, "__file__", str(tmp_path / "site" / "ganlab" / "data" / "resources.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    with pytest.raises(FileNotFoundError) as excinfo:
        resources_dir()
    assert "resources" in str(excinfo.value) and str(tmp_path / "prefix") in str(excinfo.value)
    installed = tmp_path / "prefix" / "share" / "ganlab" / "resources"
    installed.mkdir(parents=True)
    assert resources_dir() == installed


def test_images_module_imports_no_qt_and_no_pillow() -> None:
    code = "import ganlab.data.images, sys; assert 'PySide6' not in sys.modules and 'PIL' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------------------------------------ IDX


@pytest.mark.parametrize("gz", [False, True], ids=["raw", "gz"])
def test_idx_images_and_labels_round_trip(tmp_path: Path, gz: bool) -> None:
    images, labels = pixels(), np.arange(12) % 10
    path = write_mnist(tmp_path, "train", images, labels, gz)
    data = load_idx(path)
    np.testing.assert_array_equal(data.images, as_float(images))
    assert data.images.dtype == np.float32 and data.images.shape == (12, 5, 7)
    assert data.images[0, 0, 0] == 0.0 and data.images[0, 0, 1] == 1.0
    assert data.labels is not None and data.labels.dtype == np.int64
    np.testing.assert_array_equal(data.labels, labels)
    assert path.name in data.source and "train-labels-idx1-ubyte" in data.source


@pytest.mark.parametrize("gz", [False, True], ids=["raw", "gz"])
def test_idx_without_labels_file(tmp_path: Path, gz: bool) -> None:
    images = pixels()
    data = load_idx(write_mnist(tmp_path, "t10k", images, None, gz))
    np.testing.assert_array_equal(data.images, as_float(images))
    assert data.labels is None


def test_idx_gzipped_images_with_raw_labels_and_dotted_names(tmp_path: Path) -> None:
    images, labels = pixels(), np.arange(12)[::-1] % 10
    path = write(tmp_path / "train-images.idx3-ubyte.gz", idx_images_bytes(images), gz=True)
    write(tmp_path / "train-labels.idx1-ubyte", idx_labels_bytes(labels))
    data = load_idx(path)
    np.testing.assert_array_equal(data.images, as_float(images))
    np.testing.assert_array_equal(data.labels, labels)


def test_idx_named_gz_but_already_unzipped_still_loads(tmp_path: Path) -> None:
    images = pixels()
    path = write(tmp_path / "train-images-idx3-ubyte.gz", idx_images_bytes(images))  # a browser unzipped it
    np.testing.assert_array_equal(load_idx(path).images, as_float(images))


@pytest.mark.parametrize("layout", ["MNIST/raw", "FashionMNIST/raw", "raw", "."])
def test_idx_torchvision_folder_prefers_the_train_split(tmp_path: Path, layout: str) -> None:
    raw = tmp_path / "data" / layout
    train, test = pixels(20, 6, 6), pixels(10, 6, 6)
    train_labels, test_labels = np.arange(20) % 10, np.full(10, 3)
    write_mnist(raw, "t10k", test, test_labels, gz=True)
    write_mnist(raw, "train", train, train_labels, gz=True)
    write_mnist(raw, "train", train, train_labels, gz=False)  # torchvision keeps both
    for loader in (load_idx, load_dataset):
        data = loader(tmp_path / "data")
        np.testing.assert_array_equal(data.images, as_float(train))
        np.testing.assert_array_equal(data.labels, train_labels)
        assert data.source == f"{raw / 'train-images-idx3-ubyte'} (labels: train-labels-idx1-ubyte)"


def test_idx_folder_without_idx_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError) as excinfo:
        load_idx(tmp_path / "empty")
    assert message(excinfo).startswith("empty: ") and "IDX" in message(excinfo)


def test_idx_wrong_magic_number(tmp_path: Path) -> None:
    path = write(tmp_path / "train-images-idx3-ubyte.gz", idx_labels_bytes(np.arange(12)), gz=True)
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert message(excinfo).startswith(
        "train-images-idx3-ubyte.gz: not an IDX image file (magic number 0x00000801, expected 0x00000803"
    )


def test_idx_labels_file_with_wrong_magic(tmp_path: Path) -> None:
    path = write_mnist(tmp_path, "train", pixels(), None, gz=False)
    write(tmp_path / "train-labels-idx1-ubyte", idx_images_bytes(pixels()))
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert "train-labels-idx1-ubyte: not an IDX labels file (magic number 0x00000803" in message(excinfo)


@pytest.mark.parametrize("gz", [False, True], ids=["raw", "gz"])
def test_idx_truncated_pixels(tmp_path: Path, gz: bool) -> None:
    data = idx_images_bytes(pixels())[:-100]
    path = write(tmp_path / ("train-images-idx3-ubyte" + (".gz" if gz else "")), data, gz)
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    text = message(excinfo)
    assert text.startswith(path.name + ": ") and "truncated" in text
    assert "12 images of 5x7 (420 bytes)" in text and "only 320 bytes" in text


def test_idx_truncated_header(tmp_path: Path) -> None:
    path = write(tmp_path / "train-images-idx3-ubyte", struct.pack(">II", 0x803, 12))
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert message(excinfo).startswith("train-images-idx3-ubyte: ") and "truncated" in message(excinfo)


def test_idx_extra_bytes_after_the_data(tmp_path: Path) -> None:
    path = write(tmp_path / "train-images-idx3-ubyte", idx_images_bytes(pixels()) + b"\0" * 5)
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert message(excinfo).startswith("train-images-idx3-ubyte: the file has 5 bytes more than its header")


def test_idx_label_count_mismatch(tmp_path: Path) -> None:
    path = write_mnist(tmp_path, "t10k", pixels(12), None, gz=True)
    write(tmp_path / "t10k-labels-idx1-ubyte.gz", idx_labels_bytes(np.zeros(60)), gz=True)
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert message(excinfo) == (
        "t10k-labels-idx1-ubyte.gz: labels file has 60 labels but the images file "
        "t10k-images-idx3-ubyte.gz has 12 images"
    )


@pytest.mark.parametrize("damage", ["cut", "flip"])
def test_idx_corrupt_gzip(tmp_path: Path, damage: str) -> None:
    packed = bytearray(gzip.compress(idx_images_bytes(pixels(40, 20, 20))))
    if damage == "cut":
        packed = packed[: len(packed) // 2]
    else:
        packed[len(packed) // 2] ^= 0xFF
    path = write(tmp_path / "train-images-idx3-ubyte.gz", bytes(packed))
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert message(excinfo).startswith("train-images-idx3-ubyte.gz: the gzip data is truncated or corrupt")


def test_idx_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "train-images-idx3-ubyte", b"")
    with pytest.raises(DatasetError) as excinfo:
        load_idx(path)
    assert message(excinfo) == "train-images-idx3-ubyte: the file is empty"


def test_idx_too_few_and_too_large(tmp_path: Path) -> None:
    few = write_mnist(tmp_path / "few", "train", pixels(3), None, gz=False)
    with pytest.raises(DatasetError) as excinfo:
        load_idx(few)
    assert message(excinfo).startswith("train-images-idx3-ubyte: has 3 images; a GAN needs at least 10")
    large = write_mnist(tmp_path / "large", "train", pixels(10, 100, 100), None, gz=True)
    with pytest.raises(DatasetError) as excinfo:
        load_idx(large)
    text = message(excinfo)
    assert text.startswith("train-images-idx3-ubyte.gz: images are 100x100") and "at most 64x64" in text
    assert "small" in text


# ------------------------------------------------------------------------------------------------ .npz


def test_npz_images_uint8_with_labels(tmp_path: Path) -> None:
    images, labels = pixels(), np.arange(12, dtype=np.uint8) % 10
    np.savez(tmp_path / "digits.npz", images=images, labels=labels)
    data = load_npz(tmp_path / "digits.npz")
    np.testing.assert_array_equal(data.images, as_float(images))
    np.testing.assert_array_equal(data.labels, labels)
    assert data.labels.dtype == np.int64 and data.name == "digits" and "digits.npz" in data.source


def test_npz_x_flattened_floats_0_1_with_y(tmp_path: Path) -> None:
    images = as_float(pixels(15, 6, 6))
    labels = np.arange(15.0) % 4  # whole numbers stored as floats
    np.savez_compressed(tmp_path / "flat.npz", x=images.reshape(15, 36), y=labels)
    data = load_npz(tmp_path / "flat.npz")
    np.testing.assert_array_equal(data.images, images)
    np.testing.assert_array_equal(data.labels, labels.astype(np.int64))


def test_npz_keras_style_x_train_and_floats_0_255(tmp_path: Path) -> None:
    train, test = pixels(12, 4, 4), pixels(10, 4, 4)
    np.savez(
        tmp_path / "mnist.npz",
        x_test=test,
        y_test=np.zeros(10),
        x_train=train.astype(np.float64),  # 0-255 stored as floats
        y_train=np.arange(12) % 10,
    )
    data = load_npz(tmp_path / "mnist.npz")
    np.testing.assert_array_equal(data.images, as_float(train))
    np.testing.assert_array_equal(data.labels, np.arange(12) % 10)
    assert "x_train" in data.source and "y_train" in data.source


@pytest.mark.parametrize("layout", ["NCHW", "NHWC"])
def test_npz_single_channel_axis_is_dropped(tmp_path: Path, layout: str) -> None:
    images = pixels(10, 3, 5)
    stored = images[:, None] if layout == "NCHW" else images[..., None]
    np.savez(tmp_path / "c.npz", images=stored)
    data = load_npz(tmp_path / "c.npz")
    np.testing.assert_array_equal(data.images, as_float(images))
    assert data.labels is None


def test_npz_without_an_images_array(tmp_path: Path) -> None:
    np.savez(tmp_path / "digits.npz", a=np.zeros(3), b=np.ones(3))
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "digits.npz")
    assert message(excinfo) == "digits.npz: no array named images, x or x_train (found: a, b)"


class _Trap:
    """Unpickling this would create a file: proof that a pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return open, (str(self.marker), "w")


def test_npz_with_a_pickled_object_array_is_refused_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "pickle-ran"
    np.savez(tmp_path / "evil.npz", images=np.array([_Trap(marker)] * 12, dtype=object))
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "evil.npz")
    assert message(excinfo).startswith("evil.npz: array 'images' holds Python objects") and "pickle" in message(excinfo)
    assert not marker.exists()


def test_a_plain_pickle_renamed_npz_is_refused(tmp_path: Path) -> None:
    import pickle

    marker = tmp_path / "pickle-ran"
    (tmp_path / "evil.npz").write_bytes(pickle.dumps(_Trap(marker)))
    with pytest.raises(DatasetError) as excinfo:
        load_dataset(tmp_path / "evil.npz")
    assert message(excinfo).startswith("evil.npz: not a .npz archive") and "pickle" in message(excinfo)
    assert not marker.exists()


def test_npz_empty_and_corrupt_files(tmp_path: Path) -> None:
    (tmp_path / "empty.npz").write_bytes(b"")
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "empty.npz")
    assert message(excinfo) == "empty.npz: the file is empty"
    np.savez(tmp_path / "cut.npz", images=pixels(40, 20, 20))
    whole = (tmp_path / "cut.npz").read_bytes()
    (tmp_path / "cut.npz").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "cut.npz")
    assert message(excinfo).startswith("cut.npz: ") and "truncated or corrupt" in message(excinfo)


@pytest.mark.parametrize(
    ("array", "words"),
    [
        (np.zeros(12), "expected 2-D grayscale images"),
        (np.zeros((12, 3, 8, 8)), "expected 2-D grayscale images"),  # colour
        (np.zeros((12, 50)), "50 pixels per image is not a square number"),
        (np.full((12, 4, 4), -1.0), "values from -1 to 0; expected 0-255 (uint8) or 0-1"),
        (np.full((12, 4, 4), np.nan), "NaN"),
        (np.full((12, 4, 4), "a"), "not numbers"),
    ],
    ids=["1-D", "colour", "not-square", "negative", "nan", "strings"],
)
def test_npz_images_that_cannot_be_used(tmp_path: Path, array: np.ndarray, words: str) -> None:
    if array.dtype == np.float64 and not np.isnan(array).any() and array.min() < 0:
        array[0, 0, 0] = 0.0
    np.savez(tmp_path / "bad.npz", images=array)
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "bad.npz")
    assert message(excinfo).startswith("bad.npz: array 'images'") and words in message(excinfo)


def test_npz_labels_that_do_not_match(tmp_path: Path) -> None:
    np.savez(tmp_path / "n.npz", images=pixels(12), labels=np.zeros(60, np.uint8))
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "n.npz")
    assert message(excinfo) == "n.npz: labels array 'labels' has 60 labels but there are 12 images"
    np.savez(tmp_path / "f.npz", images=pixels(12), labels=np.linspace(0, 1, 12))
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "f.npz")
    assert message(excinfo).startswith("f.npz: labels array 'labels' must hold whole numbers")


def test_npz_too_few_and_too_large(tmp_path: Path) -> None:
    np.savez(tmp_path / "few.npz", images=pixels(5))
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "few.npz")
    assert message(excinfo) == "few.npz: has 5 images; a GAN needs at least 10 to learn from"
    np.savez(tmp_path / "big.npz", x=pixels(10, 65, 65))
    with pytest.raises(DatasetError) as excinfo:
        load_npz(tmp_path / "big.npz")
    assert message(excinfo).startswith("big.npz: images are 65x65 pixels; the app's models are small")
    np.savez(tmp_path / "edge.npz", x=pixels(10, 64, 64))
    assert load_npz(tmp_path / "edge.npz").image_shape == (64, 64)


# ------------------------------------------------------------------------------------------------ image folders


def save_gray(path: Path, image: np.ndarray, mode: str = "L") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.fromarray(image, mode="L")
    (picture if mode == "L" else picture.convert(mode)).save(path)


def test_image_folder_with_numbered_class_subfolders(tmp_path: Path) -> None:
    images = pixels(12, 6, 6)
    expected_labels = []
    for i, image in enumerate(images):
        label = [3, 7, 9][i % 3]
        suffix = [".png", ".bmp", ".gif", ".PNG"][i % 4]
        save_gray(tmp_path / "digits" / str(label) / f"img_{i:02d}{suffix}", image, "RGB" if i == 5 else "L")
        expected_labels.append((label, f"img_{i:02d}"))
    (tmp_path / "digits" / "3" / "notes.txt").write_text("not an image")
    data = load_image_folder(tmp_path / "digits")
    # files are read class by class (sorted subfolders), then by name
    order = sorted(range(12), key=lambda i: (expected_labels[i][0], expected_labels[i][1]))
    np.testing.assert_array_equal(data.images, as_float(images[order]))
    np.testing.assert_array_equal(data.labels, [expected_labels[i][0] for i in order])
    assert data.labels.dtype == np.int64 and data.class_names is None
    assert data.name == "digits" and "12 image files" in data.source
    np.testing.assert_array_equal(load_dataset(tmp_path / "digits").images, data.images)


def test_image_folder_with_named_classes_and_jpeg(tmp_path: Path) -> None:
    flat = np.full((6, 6), 200, np.uint8)
    for i in range(10):
        save_gray(tmp_path / "shapes" / ["dog", "cat"][i % 2] / f"{i}.jpg", flat)
    data = load_image_folder(tmp_path / "shapes")
    assert data.class_names == ("cat", "dog")
    assert data.labels.tolist() == [0] * 5 + [1] * 5
    np.testing.assert_allclose(data.images, 200 / 255, atol=2 / 255)  # JPEG is lossy, a flat grey nearly exact


def test_image_folder_flat_has_no_labels(tmp_path: Path) -> None:
    images = pixels(10, 4, 4)
    for i, image in enumerate(images):
        save_gray(tmp_path / "flat" / f"{i}.png", image)
    data = load_image_folder(tmp_path / "flat")
    np.testing.assert_array_equal(data.images, as_float(images))
    assert data.labels is None


def test_image_folder_without_images(tmp_path: Path) -> None:
    (tmp_path / "nothing" / "sub").mkdir(parents=True)
    (tmp_path / "nothing" / "readme.txt").write_text("hello")
    with pytest.raises(DatasetError) as excinfo:
        load_image_folder(tmp_path / "nothing")
    assert message(excinfo) == "nothing: folder has no .png/.jpg/.jpeg/.bmp/.gif images"
    with pytest.raises(DatasetError) as excinfo:
        load_dataset(tmp_path / "nothing")
    assert message(excinfo).startswith("nothing: folder has no .png/.jpg/.jpeg/.bmp/.gif images")


def test_image_folder_mixed_sizes_names_the_first_odd_file(tmp_path: Path) -> None:
    for i in range(1, 11):
        side = 32 if i in (7, 9) else 28
        save_gray(tmp_path / "mixed" / f"img_{i}.png", np.zeros((side, side), np.uint8))
    with pytest.raises(DatasetError) as excinfo:
        load_image_folder(tmp_path / "mixed")
    assert message(excinfo).startswith("img_7.png is 32x32 but img_1.png is 28x28")


def test_image_folder_too_few_too_large_and_unreadable(tmp_path: Path) -> None:
    for i in range(4):
        save_gray(tmp_path / "few" / f"{i}.png", np.zeros((8, 8), np.uint8))
    with pytest.raises(DatasetError) as excinfo:
        load_image_folder(tmp_path / "few")
    assert message(excinfo) == "few: has 4 images; a GAN needs at least 10 to learn from"
    for i in range(10):
        save_gray(tmp_path / "big" / f"{i}.png", np.zeros((128, 96), np.uint8))
    with pytest.raises(DatasetError) as excinfo:
        load_image_folder(tmp_path / "big")
    assert message(excinfo).startswith("0.png: images are 96x128 pixels") and "at most 64x64" in message(excinfo)
    for i in range(10):
        save_gray(tmp_path / "broken" / f"{i}.png", np.zeros((8, 8), np.uint8))
    (tmp_path / "broken" / "5.png").write_bytes(b"not a png at all")
    with pytest.raises(DatasetError) as excinfo:
        load_image_folder(tmp_path / "broken")
    assert message(excinfo).startswith("5.png: not a readable image")


def test_image_folder_with_images_at_two_levels(tmp_path: Path) -> None:
    for i in range(10):
        save_gray(tmp_path / "both" / ("a" if i % 2 else ".") / f"{i}.png", np.zeros((8, 8), np.uint8))
    with pytest.raises(DatasetError) as excinfo:
        load_image_folder(tmp_path / "both")
    assert message(excinfo).startswith("both: has images both in the folder itself and in subfolders")


# ------------------------------------------------------------------------------------------------ dispatch


def test_load_dataset_dispatches_on_what_the_path_is(tmp_path: Path) -> None:
    images = pixels()
    idx = write_mnist(tmp_path / "idx", "train", images, np.arange(12) % 10, gz=True)
    np.savez(tmp_path / "a.npz", images=images)
    for i, image in enumerate(images):
        save_gray(tmp_path / "pics" / f"{i:02d}.png", image)
    for path in (idx, tmp_path / "idx", tmp_path / "a.npz", tmp_path / "pics"):
        np.testing.assert_array_equal(load_dataset(path).images, as_float(images))
    assert load_dataset(idx).labels is not None and load_dataset(tmp_path / "pics").labels is None


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing.npz", "missing.npz: no such file or folder"),
        ("samples.csv", "samples.csv: unknown kind of data file"),
        ("one.png", "one.png: one picture is not a data set"),
    ],
)
def test_load_dataset_refuses_what_it_cannot_use(tmp_path: Path, name: str, words: str) -> None:
    if name != "missing.npz":
        (tmp_path / name).write_bytes(b"1,2,3\n")
    with pytest.raises(DatasetError) as excinfo:
        load_dataset(tmp_path / name)
    assert message(excinfo).startswith(words)

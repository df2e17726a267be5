"""The window on an image run with a real trainer behind it: presets across kinds, clicks, latent, Figure 2."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.image_snapshot import ImageSnapshot


@pytest.fixture
def small_digits(monkeypatch):
    # The quick 8x8 set keeps the test fast; everything else is the digits preset as shipped.
    digits = ALL_PRESETS["digits"]
    small = digits.config.replace(dataset="digits_8x8", g_width=8, d_width=8)
    monkeypatch.setitem(ALL_PRESETS, "digits", type(digits)(digits.key, digits.title, digits.lesson, small))
    from ganlab.app import kinds as presets

    monkeypatch.setitem(presets.ALL_PRESETS, "digits", ALL_PRESETS["digits"])


@pytest.fixture
def window(small_digits, live_window):
    return live_window


def _load_digits(window, qtbot):
    window.controller.load_preset("digits")
    qtbot.waitUntil(lambda: isinstance(window.controller.snapshot, ImageSnapshot), timeout=30_000)
    qtbot.waitUntil(
        lambda: (
            window.views["image"].samples.info is not None and window.views["image"].latent.preview.images is not None
        ),
        timeout=10_000,
    )


def test_a_digits_preset_switches_the_window_to_images_and_back(window, qtbot):
    _load_digits(window, qtbot)
    assert window.kind == "image" and window.pages.currentWidget() is window.views["image"].samples
    assert window.docks["image"]["latent"].isVisible() and not window.docks["1d"]["saturation"].isVisible()
    assert window.views["image"].samples.real.count() == 64 and window.views["image"].samples.samples.count() == 64
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.controller.snapshot.iteration == 1, timeout=10_000)
    assert len(window.views["image"].charts.history) == 2
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.snapshot.iteration > 30, timeout=30_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    window.controller.load_preset("figure1")
    qtbot.waitUntil(
        lambda: window.kind == "1d" and window.controller.snapshot.__class__.__name__ == "Snapshot", timeout=30_000
    )
    assert window.pages.currentIndex() == 0 and not window.docks["image"]["latent"].isVisible()


def test_clicks_pick_latent_endpoints_and_figure2_samples(window, qtbot):
    _load_digits(window, qtbot)
    info = window.views["image"].samples.info
    window.views["image"]._sample_clicked(7, Qt.KeyboardModifier.NoModifier)
    window.views["image"]._sample_clicked(9, Qt.KeyboardModifier.ShiftModifier)
    np.testing.assert_allclose(window.views["image"].latent.a, info.fixed_noise[7])
    np.testing.assert_allclose(window.views["image"].latent.b, info.fixed_noise[9])
    assert (
        window.views["image"].samples.samples.marks[7] == "A"
        and window.views["image"].samples.samples.marks[9] == "2 B"
    )  # 9: also in Figure 2
    # the strip's ends are G(A) and G(B): the same images as those grid samples
    qtbot.waitUntil(lambda: window.views["image"].latent._in_flight is None, timeout=10_000)
    np.testing.assert_allclose(
        window.views["image"].latent.strip.images[0], window.controller.snapshot.samples[7], atol=1e-5
    )
    np.testing.assert_allclose(
        window.views["image"].latent.strip.images[-1], window.controller.snapshot.samples[9], atol=1e-5
    )
    qtbot.waitUntil(
        lambda: window.views["image"].samples.pairs.count() == 8, timeout=10_000
    )  # the first four, from the start
    window.views["image"]._sample_clicked(7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.views["image"].samples.pairs.count() == 10, timeout=10_000)
    assert window.views["image"].samples.nearest.indices == (0, 9, 18, 27, 7)


def test_the_slider_answers_while_training(window, qtbot):
    _load_digits(window, qtbot)
    latent = window.views["image"].latent
    shown = []
    latent.pictures_shown.connect(shown.append)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    for value in range(0, 100, 10):
        latent.slider.setValue(value)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: latent._in_flight is None and not latent._stale, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert len(shown) >= 3


def test_a_broken_data_set_gives_a_dialog_and_keeps_the_run(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert not window.views["image"].open_dataset_from(str(broken))
    assert shown and "broken.npz" in shown[0][1]
    assert window.kind == "1d"


def test_an_odd_sized_data_set_trains_on_the_fully_connected_nets(window, qtbot, tmp_path):
    path = tmp_path / "odd.npz"
    np.savez(path, images=(np.random.default_rng(0).random((30, 10, 9)) * 255).astype(np.uint8))
    assert window.views["image"].open_dataset_from(str(path))
    assert window.views["image"].controls.config.architecture == "mlp"
    qtbot.waitUntil(lambda: isinstance(window.controller.snapshot, ImageSnapshot), timeout=30_000)
    assert window.controller.snapshot.samples.shape == (64, 10, 9)
    assert "odd" in window.views["image"].samples.real_title.text()


def test_a_language_switch_keeps_the_latent_walk_and_figure2(window, qtbot):
    from ganlab.qt.i18n import install_language

    _load_digits(window, qtbot)
    window.views["image"]._sample_clicked(11, Qt.KeyboardModifier.NoModifier)
    window.views["image"].samples.toggle_compared(40)
    window.views["image"].latent.set_interpolation("slerp")
    window.views["image"].latent.slider.setValue(30)
    try:
        chinese = window.switch_language("zh_CN")
        qtbot.addWidget(chinese)
        np.testing.assert_allclose(chinese.views["image"].latent.a, window.views["image"].latent.a)
        assert (
            chinese.views["image"].latent.interpolation == "slerp"
            and chinese.views["image"].latent.slider.value() == 30
        )
        assert 40 in chinese.views["image"].samples.compared and chinese.views["image"].samples.samples.marks[
            11
        ].endswith("A")
        qtbot.waitUntil(lambda: chinese.views["image"].latent.preview.images is not None, timeout=10_000)
        chinese.close()
    finally:
        install_language("en")


def test_a_language_switch_right_after_a_preset_switch(window, qtbot):
    from ganlab.qt.i18n import install_language

    window.controller.load_preset("digits")  # the newest frame is still Figure 1's
    try:
        chinese = window.switch_language("zh_CN")
        qtbot.addWidget(chinese)
        qtbot.waitUntil(lambda: isinstance(chinese.controller.snapshot, ImageSnapshot), timeout=30_000)
        assert chinese.kind == "image" and chinese.isVisible()
        chinese.close()
    finally:
        install_language("en")

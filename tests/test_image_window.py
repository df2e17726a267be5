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
    window.load_preset("digits")
    qtbot.waitUntil(lambda: isinstance(window.snapshot, ImageSnapshot), timeout=30_000)
    qtbot.waitUntil(
        lambda: window.samples.info is not None and window.latent.preview.images is not None, timeout=10_000
    )


def test_a_digits_preset_switches_the_window_to_images_and_back(window, qtbot):
    _load_digits(window, qtbot)
    assert window.kind == "image" and window.pages.currentWidget() is window.samples
    assert window.latent_dock.isVisible() and not window.saturation_dock.isVisible()
    assert window.samples.real.count() == 64 and window.samples.samples.count() == 64
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.snapshot.iteration == 1, timeout=10_000)
    assert len(window.image_charts.history) == 2
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.snapshot.iteration > 30, timeout=30_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    window.load_preset("figure1")
    qtbot.waitUntil(lambda: window.kind == "1d" and window.snapshot.__class__.__name__ == "Snapshot", timeout=30_000)
    assert window.pages.currentIndex() == 0 and not window.latent_dock.isVisible()


def test_clicks_pick_latent_endpoints_and_figure2_samples(window, qtbot):
    _load_digits(window, qtbot)
    info = window.samples.info
    window._sample_clicked(7, Qt.KeyboardModifier.NoModifier)
    window._sample_clicked(9, Qt.KeyboardModifier.ShiftModifier)
    np.testing.assert_allclose(window.latent.a, info.fixed_noise[7])
    np.testing.assert_allclose(window.latent.b, info.fixed_noise[9])
    assert window.samples.samples.marks[7] == "A" and window.samples.samples.marks[9] == "2 B"  # 9: also in Figure 2
    # the strip's ends are G(A) and G(B): the same images as those grid samples
    qtbot.waitUntil(lambda: window.latent._in_flight is None, timeout=10_000)
    np.testing.assert_allclose(window.latent.strip.images[0], window.snapshot.samples[7], atol=1e-5)
    np.testing.assert_allclose(window.latent.strip.images[-1], window.snapshot.samples[9], atol=1e-5)
    qtbot.waitUntil(lambda: window.samples.pairs.count() == 8, timeout=10_000)  # the first four, from the start
    window._sample_clicked(7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.samples.pairs.count() == 10, timeout=10_000)
    assert window.samples.nearest.indices == (0, 9, 18, 27, 7)


def test_the_slider_answers_while_training(window, qtbot):
    _load_digits(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    for value in range(0, 100, 10):
        window.latent.slider.setValue(value)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: window.latent._in_flight is None and window.latent._input_at is None, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert len(window.latent.latencies_ms) >= 3


def test_a_broken_data_set_gives_a_dialog_and_keeps_the_run(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert not window.open_dataset_from(str(broken))
    assert shown and "broken.npz" in shown[0][1]
    assert window.kind == "1d"


def test_an_odd_sized_data_set_trains_on_the_fully_connected_nets(window, qtbot, tmp_path):
    path = tmp_path / "odd.npz"
    np.savez(path, images=(np.random.default_rng(0).random((30, 10, 9)) * 255).astype(np.uint8))
    assert window.open_dataset_from(str(path))
    assert window.image_controls.config.architecture == "mlp"
    qtbot.waitUntil(lambda: isinstance(window.snapshot, ImageSnapshot), timeout=30_000)
    assert window.snapshot.samples.shape == (64, 10, 9)
    assert "odd" in window.samples.real_title.text()


def test_a_language_switch_keeps_the_latent_walk_and_figure2(window, qtbot):
    from ganlab.qt.i18n import install_language

    _load_digits(window, qtbot)
    window._sample_clicked(11, Qt.KeyboardModifier.NoModifier)
    window.samples.toggle_compared(40)
    window.latent.set_interpolation("slerp")
    window.latent.slider.setValue(30)
    try:
        chinese = window.switch_language("zh_CN")
        qtbot.addWidget(chinese)
        np.testing.assert_allclose(chinese.latent.a, window.latent.a)
        assert chinese.latent.interpolation == "slerp" and chinese.latent.slider.value() == 30
        assert 40 in chinese.samples.compared and chinese.samples.samples.marks[11].endswith("A")
        qtbot.waitUntil(lambda: chinese.latent.preview.images is not None, timeout=10_000)
        chinese.close()
    finally:
        install_language("en")


def test_a_language_switch_right_after_a_preset_switch(window, qtbot):
    from ganlab.qt.i18n import install_language

    window.load_preset("digits")  # the newest frame is still Figure 1's
    try:
        chinese = window.switch_language("zh_CN")
        qtbot.addWidget(chinese)
        qtbot.waitUntil(lambda: isinstance(chinese.snapshot, ImageSnapshot), timeout=30_000)
        assert chinese.kind == "image" and chinese.isVisible()
        chinese.close()
    finally:
        install_language("en")

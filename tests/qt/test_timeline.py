"""The history scrubber (TimelineBar) and the Figure 1 capture strip, fed hand-made snapshots."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence
from PySide6.QtWidgets import QAbstractSlider, QMainWindow

from ganlab.qt.panels.capture import CAPTURE_SIZE, CaptureStrip
from ganlab.qt.panels.timeline import TimelineBar


@pytest.fixture
def bar(qtbot):
    widget = TimelineBar()
    qtbot.addWidget(widget)
    widget.resize(600, 40)
    return widget


def _feed(bar, snapshot_factory, iterations):
    for it in iterations:
        bar.add(snapshot_factory(iteration=it, jsd=it / 100))


def test_live_bar_follows_the_newest_snapshot(bar, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    assert bar.slider.maximum() == 9 and bar.slider.value() == 9
    assert not bar.is_scrubbing()
    assert bar.label.text() == "iteration 9 of 9"
    assert not bar.live_button.isEnabled()
    assert bar.live_button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_add_while_live_does_not_emit(bar, qtbot, snapshot_factory):
    with qtbot.assertNotEmitted(bar.scrubbed):
        _feed(bar, snapshot_factory, range(5))


def test_scrubbing_emits_the_snapshot_at_the_slider(bar, qtbot, snapshot_factory):
    _feed(bar, snapshot_factory, range(0, 100, 10))
    with qtbot.waitSignal(bar.scrubbed, timeout=1000) as blocker:
        bar.slider.setValue(3)  # what a drag does
    assert blocker.args[0].iteration == 30 and blocker.args[0].jsd == pytest.approx(0.3)
    assert bar.is_scrubbing() and bar.live_button.isEnabled()
    assert bar.label.text() == "iteration 30 of 90"
    with qtbot.waitSignal(bar.scrubbed, timeout=1000) as blocker:
        bar.slider.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepSub)  # what the Left key does
    assert blocker.args[0].iteration == 20


def test_scrubbing_with_the_keys(bar, qtbot, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    with qtbot.waitSignal(bar.scrubbed, timeout=1000) as blocker:
        qtbot.keyClick(bar.slider, Qt.Key.Key_Home)
    assert blocker.args[0].iteration == 0
    with qtbot.waitSignal(bar.scrubbed, timeout=1000) as blocker:
        qtbot.keyClick(bar.slider, Qt.Key.Key_Right)
    assert blocker.args[0].iteration == 1


def test_the_scrubber_keeps_the_arrow_keys_from_window_shortcuts(qtbot, snapshot_factory):
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = TimelineBar()
    window.setCentralWidget(bar)
    stepped = []
    action = QAction("Step", window)
    action.setShortcut(QKeySequence("Right"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: stepped.append(True))
    window.addAction(action)
    played = []
    play = QAction("Play", window)
    play.setShortcut(QKeySequence("Space"))
    play.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    play.triggered.connect(lambda: played.append(True))
    window.addAction(play)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    _feed(bar, snapshot_factory, range(10))
    bar.slider.setValue(4)
    bar.slider.setFocus()
    assert bar.slider.hasFocus()
    qtbot.keyClick(bar.slider, Qt.Key.Key_Right)
    assert bar.slider.value() == 5 and not stepped
    qtbot.keyClick(bar.slider, Qt.Key.Key_Space)  # other shortcuts still reach the window
    assert played
    bar.go_live()  # the scrubber lets go of the focus: Right steps training again
    assert not bar.slider.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert stepped and bar.slider.value() == 9


def test_add_while_scrubbing_does_not_move_the_slider(bar, qtbot, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    bar.slider.setValue(4)
    with qtbot.assertNotEmitted(bar.scrubbed):
        _feed(bar, snapshot_factory, range(10, 20))
    assert bar.slider.value() == 4 and bar.slider.maximum() == 19
    assert bar.is_scrubbing()
    assert bar.current().iteration == 4
    assert bar.label.text() == "iteration 4 of 19"


def test_scrubbed_snapshot_stays_put_when_old_history_thins(qtbot, snapshot_factory):
    bar = TimelineBar(memory_cap_bytes=1)  # every add thins: only the first and the newest survive
    qtbot.addWidget(bar)
    _feed(bar, snapshot_factory, range(3))
    bar.slider.setValue(0)
    _feed(bar, snapshot_factory, range(3, 6))
    assert bar.history.iterations().tolist() == [0, 5]
    assert bar.current().iteration == 0 and bar.is_scrubbing()


def test_go_live_returns_to_the_end(bar, qtbot, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    bar.slider.setValue(2)
    _feed(bar, snapshot_factory, range(10, 12))
    bar.go_live()
    assert not bar.is_scrubbing()
    assert bar.slider.value() == bar.slider.maximum() == 11
    bar.add(snapshot_factory(iteration=12))
    assert bar.slider.value() == 12 and bar.current().iteration == 12


def test_live_button_goes_live_and_says_so(bar, qtbot, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    bar.slider.setValue(2)
    with qtbot.waitSignal(bar.live_requested, timeout=1000):
        qtbot.mouseClick(bar.live_button, Qt.MouseButton.LeftButton)
    assert not bar.is_scrubbing() and bar.slider.value() == 9
    assert not bar.live_button.isEnabled()


def test_rewind_truncation_shows_in_the_slider_range(bar, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    bar.add(snapshot_factory(iteration=4))  # an undo back to iteration 4
    assert bar.slider.maximum() == 4 and bar.slider.value() == 4
    assert bar.label.text() == "iteration 4 of 4"
    bar.add(snapshot_factory(iteration=0, phase="start"))  # a reset
    assert bar.slider.maximum() == 0 and bar.slider.value() == 0
    assert not bar.slider.isEnabled()  # nothing to scrub through


def test_rewind_while_scrubbing_clamps_to_the_kept_history(bar, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    bar.slider.setValue(8)
    bar.add(snapshot_factory(iteration=3))
    assert bar.slider.maximum() == 3 and bar.slider.value() == 3
    assert bar.current().iteration == 3


def test_clear(bar, snapshot_factory):
    _feed(bar, snapshot_factory, range(10))
    bar.slider.setValue(2)
    bar.clear()
    assert len(bar.history) == 0 and not bar.is_scrubbing()
    assert bar.slider.maximum() == 0 and bar.current() is None
    bar.add(snapshot_factory(iteration=7))
    assert bar.label.text() == "iteration 7 of 7"


# ---- the capture strip


@pytest.fixture
def strip(qtbot):
    widget = CaptureStrip()
    qtbot.addWidget(widget)
    return widget


def _capture(strip, snapshot_factory, iterations):
    for it in iterations:
        # p_g moves with the iteration, so the stills differ
        strip.capture(snapshot_factory(iteration=it, p_g=np.roll(np.linspace(0.8, 0.0, 9), it % 9)))


def test_captures_are_labelled_a_to_d(strip, snapshot_factory):
    assert strip.count() == 0 and strip.hint.isVisibleTo(strip)
    _capture(strip, snapshot_factory, (10, 250, 1200, 4000))
    assert strip.count() == 4
    texts = [caption.text() for caption in strip.captions]
    assert texts == ["(a) iteration 10", "(b) iteration 250", "(c) iteration 1200", "(d) iteration 4000"]
    assert not strip.hint.isVisibleTo(strip)
    for picture in strip.pictures:
        assert picture.isVisibleTo(strip)
        assert picture.pixmap().deviceIndependentSize().toSize().toTuple() == CAPTURE_SIZE


def test_fewer_captures_leave_the_other_slots_empty(strip, snapshot_factory):
    _capture(strip, snapshot_factory, (10, 20))
    assert [caption.text() for caption in strip.captions] == ["(a) iteration 10", "(b) iteration 20", "", ""]
    assert [picture.isVisibleTo(strip) for picture in strip.pictures] == [True, True, False, False]


def test_a_fifth_capture_drops_the_oldest(strip, snapshot_factory):
    _capture(strip, snapshot_factory, (1, 2, 3, 4))
    second = strip.pictures[1].pixmap().toImage()
    _capture(strip, snapshot_factory, (5,))
    assert strip.count() == 4 and strip.iterations() == [2, 3, 4, 5]
    assert [caption.text() for caption in strip.captions] == [
        "(a) iteration 2",
        "(b) iteration 3",
        "(c) iteration 4",
        "(d) iteration 5",
    ]
    assert strip.pictures[0].pixmap().toImage() == second  # the old (b) is now (a)


def test_each_still_draws_its_own_snapshot(strip, snapshot_factory):
    _capture(strip, snapshot_factory, (1, 5))
    first, second = (picture.pixmap().toImage() for picture in strip.pictures[:2])
    assert first != second


def test_the_same_snapshot_gives_the_same_still(strip, snapshot_factory):
    # The first capture, made before the event loop has laid the renderer out, must look like the later ones.
    snap = snapshot_factory(iteration=1)
    strip.capture(snap)
    strip.capture(snapshot_factory(iteration=2, p_g=np.full(9, 0.3)))
    strip.capture(snap)
    assert strip.pictures[0].pixmap().toImage() == strip.pictures[2].pixmap().toImage()


def test_export_png_is_four_stills_wide(strip, snapshot_factory, tmp_path):
    _capture(strip, snapshot_factory, (1, 2, 3, 4))
    path = tmp_path / "figure1.png"
    strip.export_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    width, height = CAPTURE_SIZE
    assert 4 * width <= image.width() <= 4 * width + 120
    assert height + 20 <= image.height() <= height + 120  # the stills, their captions and the key
    # Not a blank page: the stills' curves are in it.
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, height, 7)}
    assert len(colours) > 5
    assert image.pixelColor(2, 2) == QColor("white")


def test_export_of_fewer_stills_is_narrower(strip, snapshot_factory, tmp_path):
    _capture(strip, snapshot_factory, (1, 2))
    strip.export_png(tmp_path / "two.png")
    assert 2 * CAPTURE_SIZE[0] <= QImage(str(tmp_path / "two.png")).width() < 3 * CAPTURE_SIZE[0]


def test_export_to_an_unwritable_path_raises_oserror(strip, snapshot_factory, tmp_path):
    _capture(strip, snapshot_factory, (1,))
    with pytest.raises(OSError, match="does not exist"):
        strip.export_png(tmp_path / "no such folder" / "figure1.png")
    with pytest.raises(OSError, match="could not be written"):
        strip.export_png(tmp_path)  # a folder, not a file


def test_export_of_an_empty_strip_raises(strip, tmp_path):
    with pytest.raises(ValueError, match="nothing captured"):
        strip.export_png(tmp_path / "empty.png")
    assert not (tmp_path / "empty.png").exists()


def test_clear_and_the_key(strip, snapshot_factory):
    _capture(strip, snapshot_factory, (1,))
    assert [text for _, text in strip.key.entries] == ["p_data (data)", "p_g (generator)", "D(x) (discriminator)"]
    strip.capture(snapshot_factory(iteration=2, d=np.linspace(-4, 6, 9), d_is_probability=False, loss="hinge"))
    assert "D(x) score (critic, right axis)" in [text for _, text in strip.key.entries]
    strip.clear()
    assert strip.count() == 0 and strip.captions[0].text() == ""
    assert strip.hint.isVisibleTo(strip) and not strip.key.isVisibleTo(strip)


def test_captures_carry_the_overlays_that_are_on(qtbot, snapshot_factory):
    from ganlab.qt.panels.capture import CaptureStrip

    strip = CaptureStrip()
    qtbot.addWidget(strip)
    snap = snapshot_factory()
    plain = strip.render_still(snap).toImage()
    with_d_star = strip.render_still(snap, {"d_star": True}).toImage()
    assert strip._renderer.overlays["d_star"] and strip._renderer.d_star_curve.isVisible()
    assert plain != with_d_star  # the orange D* curve is in the picture
    strip.render_still(snap, {"d_star": False})
    assert not strip._renderer.d_star_curve.isVisible()

"""The classroom features in the real window (trainer in a QThread): lessons run end to end in both languages,
sessions save and open exactly, `run N`, a teacher's hidden controls, exports."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ganlab.app.lessons import available_languages, load_lessons
from ganlab.core.image_snapshot import ImageSnapshot
from ganlab.core.snapshot import ARRAY_FIELDS
from ganlab.qt.window.main_window import MainWindow


@pytest.fixture
def warnings(monkeypatch):
    """Every warning dialog's text, instead of a modal dialog that would block the test."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


@pytest.fixture
def window(warnings, live_window):
    live_window.warnings = warnings
    return live_window


def _settle(window, qtbot, action) -> None:
    """Wait until what a lesson button started has visibly happened."""
    if action.verb == "preset":
        image = action.args[0] in ("digits", "latent", "paper_mlp")
        qtbot.waitUntil(
            lambda: (
                window.controller.snapshot is not None
                and isinstance(window.controller.snapshot, ImageSnapshot) == image
                and window.controller.snapshot.phase in ("start", "restored")
            ),
            timeout=60_000,
        )
    elif action.verb == "run":
        qtbot.waitUntil(
            lambda: not window.controller.playing and window.controller.snapshot.phase == "run_end", timeout=60_000
        )
    elif action.verb in ("play",):
        qtbot.wait(150)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_lesson_runs_end_to_end(window, qtbot, language, monkeypatch):
    assert language in available_languages()
    lessons = load_lessons(language)
    assert len(lessons) >= 6
    errors = []
    window.controller.client.failed.connect(errors.append)
    window.controller.client.diverged.connect(errors.append)
    for lesson in lessons:
        for step in lesson.steps:
            for action in step.actions:
                if action.verb == "preset":
                    window.controller.snapshot = None  # wait for the new run's first snapshot below
                if action.verb == "run":  # shortened: this checks that every button works, not training time
                    action = type(action)(
                        action.label, action.verb, (min(action.args[0], 40),), action.line, action.command
                    )
                window.run_lesson_action(action)
                _settle(window, qtbot, action)
                assert not errors, f"{lesson.path}:{action.line}: {errors}"
        window.controller.set_playing(False)
    assert not window.warnings


def test_run_n_stops_exactly_there(window, qtbot):
    start = window.controller.snapshot.iteration
    window.controller.run_iterations(37)
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=30_000)
    qtbot.waitUntil(lambda: window.controller.snapshot.iteration == start + 37, timeout=10_000)
    window.controller.run_iterations(40)  # at once: the first run's end must not cancel the second
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=30_000)
    qtbot.waitUntil(lambda: window.controller.snapshot.iteration == start + 77, timeout=10_000)
    qtbot.wait(200)
    assert window.controller.snapshot.iteration == start + 77  # and it stays paused


def test_save_quit_open_gives_the_identical_snapshot(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest.fail(str(args)))
    path = tmp_path / "class.ganlab"
    first = MainWindow(preset="figure1", device="cpu", transport="thread")
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: first.controller.snapshot is not None, timeout=30_000)
    first.controller.run_iterations(120)
    qtbot.waitUntil(lambda: not first.controller.playing and first.controller.snapshot.iteration == 120, timeout=30_000)
    first.set_control_shown("controls.networks", False)
    first.set_control_shown("dock.saturation", False)
    saved = first.controller.snapshot
    saved_timeline = [
        first.views["1d"].timeline.history[i].iteration for i in range(len(first.views["1d"].timeline.history))
    ]
    first.save_session_to(str(path), title="week 3")
    qtbot.waitUntil(path.exists, timeout=10_000)
    first.close()

    second = MainWindow(preset="two_modes", device="cpu", transport="thread")
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.controller.snapshot is not None, timeout=30_000)
    second.controller.set_playing(True)  # opening while playing
    assert second.open_session_from(str(path))
    qtbot.waitUntil(
        lambda: second.controller.snapshot.iteration == 120 and second.controller.snapshot.phase == "restored",
        timeout=30_000,
    )
    for name in ARRAY_FIELDS:
        np.testing.assert_array_equal(getattr(second.controller.snapshot, name), getattr(saved, name), err_msg=name)
    assert second.controller.hidden_controls == {"controls.networks", "dock.saturation"}
    assert not second.views["1d"].controls.groups["networks"].isVisibleTo(second)
    assert not second.show_actions["dock.saturation"].isChecked()
    kept = [second.views["1d"].timeline.history[i].iteration for i in range(len(second.views["1d"].timeline.history))]
    assert kept == saved_timeline  # the saved timeline came back whole (frames of the old run were not mixed in)
    # every chart reads the one restored record: the saturation view's gradient norms came back with the charts'
    saturation, charts = second.views["1d"].saturation.history, second.views["1d"].charts.history
    assert saturation.columns["iteration"][: len(saved_timeline)] == [float(i) for i in saved_timeline]
    assert len(saturation) == len(charts) >= len(saved_timeline)
    assert "week 3" in second.windowTitle()  # the session's title
    second.close()


def test_broken_session_files_give_a_dialog_and_keep_the_run(window, qtbot, tmp_path):
    for name, data in (("empty.ganlab", b""), ("text.ganlab", b"hello"), ("zip.ganlab", b"PK\x05\x06" + b"\0" * 18)):
        path = tmp_path / name
        path.write_bytes(data)
        assert not window.open_session_from(str(path))
        assert name in window.warnings[-1]
    assert window.kind == "1d" and window.controller.client.is_running()


def test_the_latent_preset_opens_on_trained_digits(window, qtbot):
    window.controller.load_preset("latent")
    qtbot.waitUntil(
        lambda: (
            isinstance(window.controller.snapshot, ImageSnapshot) and window.controller.snapshot.phase == "restored"
        ),
        timeout=60_000,
    )
    assert window.controller.snapshot.iteration == 4000
    assert (window.controller.snapshot.samples < 0.1).mean() > 0.6  # digits: black background, white strokes
    qtbot.keyClick(window, Qt.Key.Key_M)  # a live change keeps the trained networks
    qtbot.waitUntil(lambda: window.controller.snapshot.loss == "minimax", timeout=10_000)
    assert window.controller.snapshot.iteration == 4000


def test_exports_from_the_menu_functions(window, qtbot, tmp_path):
    for _ in range(3):
        window.controller.step()
    qtbot.waitUntil(lambda: window.controller.snapshot.iteration == 3, timeout=10_000)
    assert window.export_panel("figure1", str(tmp_path / "f1.svg"))
    assert "<path" in (tmp_path / "f1.svg").read_text()
    assert window.export_panel("charts", str(tmp_path / "charts.png"))
    assert window.export_metrics_csv(str(tmp_path / "m.csv"))
    assert (tmp_path / "m.csv").read_text().splitlines()[0].startswith("iteration,")
    assert window.views["1d"].export_timeline_gif(str(tmp_path / "t.gif"))
    from PIL import Image

    assert Image.open(tmp_path / "t.gif").n_frames >= 2


def test_presenter_mode_enlarges_hides_advanced_controls_and_comes_back(window, qtbot):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    size = app.font().pointSizeF()
    window.set_presenter(True)
    try:
        assert window.isFullScreen() and window.presenter_action.isChecked()
        assert app.font().pointSizeF() >= max(18.0, 1.5 * size)
        assert not window.views["1d"].controls.groups["networks"].isVisibleTo(window)
        assert not window.controls_dock.isVisible()  # the teacher drives with keys
        assert "24pt" in window.caption.styleSheet()
    finally:
        window.set_presenter(False)
    assert not window.isFullScreen() and app.font().pointSizeF() == size
    assert window.views["1d"].controls.groups["networks"].isVisibleTo(window) and window.controls_dock.isVisible()
    window.help_overlay.toggle()
    assert window.help_overlay.isVisible() and window.help_overlay.geometry() == window.rect()
    window.help_overlay.toggle()


def test_preferences_bring_back_the_layout_and_the_teachers_choices(qtbot, tmp_path):
    from ganlab.qt.look.preferences import Preferences

    prefs = Preferences.from_file(tmp_path / "ganlab.ini")
    first = MainWindow(preset="figure1", device="cpu", transport="thread", preferences=prefs)
    qtbot.addWidget(first)
    first.show()
    first.set_control_shown("controls.problem", False)
    first.toggle_lessons()  # the lesson dock open: part of the saved layout
    qtbot.waitUntil(lambda: first.controller.snapshot is not None, timeout=30_000)
    first.close()
    again = Preferences.from_file(tmp_path / "ganlab.ini")
    second = MainWindow(preset="figure1", device="cpu", transport="thread", preferences=again)
    qtbot.addWidget(second)
    second.show()
    assert again.geometry and again.window_state  # (the offscreen platform clamps sizes: not compared here)
    assert second.lesson_dock.isVisible()
    assert "controls.problem" in second.controller.hidden_controls
    second.close()


def test_keys_switch_the_loss_the_speed_and_d_star(window, qtbot):
    from PySide6.QtCore import Qt

    assert window.views["1d"].controls.config.loss == "non_saturating"
    qtbot.keyClick(window, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: window.controller.snapshot.loss == "minimax", timeout=10_000)
    assert window.views["1d"].controls.loss.currentData() == "minimax"
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert (
        window.views["1d"].controls.speed.currentIndex() == 1
        and window.views["image"].controls.speed.currentIndex() == 1
    )
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert (
        window.views["1d"].controls.overlay_boxes["d_star"].isChecked()
        and window.views["1d"].density.overlays["d_star"]
    )


def test_number_keys_load_the_presets_in_menu_order(window, qtbot):
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.waitUntil(
        lambda: window.views["1d"].controls.config.loss == "minimax" and window.controller.snapshot.loss == "minimax",
        timeout=30_000,
    )
    assert window.views["1d"].controls.preset.currentData() == "saturation"
    qtbot.keyClick(window, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: window.views["1d"].controls.config.k == 5, timeout=30_000)


def test_a_session_whose_weights_do_not_fit_explains_and_trains_its_settings_afresh(window, qtbot, tmp_path):
    import json
    import zipfile

    good = tmp_path / "good.ganlab"
    window.save_session_to(str(good))
    qtbot.waitUntil(good.exists, timeout=10_000)
    bad = tmp_path / "bad.ganlab"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "session.json":
                document = json.loads(data)
                document["config"]["g_width"] = 16  # the saved G has 64 units per layer
                data = json.dumps(document).encode()
            target.writestr(item, data)
    assert window.open_session_from(str(bad))  # the file itself is readable
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert "restore" in window.banner.text()
    qtbot.waitUntil(
        lambda: window.controller.snapshot.phase == "start" and window.controller.snapshot.iteration == 0,
        timeout=10_000,
    )
    assert window.controller.client.config.g_width == 16 and window.views["1d"].controls.config.g_width == 16


def test_play_right_after_opening_a_session_keeps_drawing(window, qtbot, tmp_path):
    path = tmp_path / "s.ganlab"
    window.controller.run_iterations(30)
    qtbot.waitUntil(lambda: window.controller.snapshot.phase == "run_end", timeout=30_000)
    window.save_session_to(str(path))
    qtbot.waitUntil(path.exists, timeout=10_000)
    window.controller.load_preset("two_modes")
    assert window.open_session_from(str(path))
    window.controller.set_playing(True)  # in the same tick: the restored frame is never published as "restored"
    qtbot.waitUntil(
        lambda: window.controller.snapshot.iteration > 60 and window.views["1d"].controls.config.target == "gaussian",
        timeout=30_000,
    )
    window.controller.set_playing(False)

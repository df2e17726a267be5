"""The image run through the session and on screen: snapshots, run facts, decode and nearest requests, panels."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from ganlab.app.images import image_trainer
from ganlab.app.loop import TrainingLoop
from ganlab.app.protocol import Command, Question
from ganlab.core.image_config import ImageConfig
from ganlab.core.image_snapshot import ImageSnapshot
from ganlab.core.image_trainer import ImageTrainer
from ganlab.qt.panels.images import ImageGrid, SamplesView, verdict_strength
from ganlab.qt.panels.latent import STRIP_FRAMES, LatentPanel

SMALL = ImageConfig(dataset="digits_8x8", g_width=8, d_width=8, batch_size=16)


def test_the_session_sends_run_facts_snapshots_and_answers():
    published = []
    session = TrainingLoop(SMALL, "cpu", published.append)
    assert [m.kind for m in published] == ["run"]
    info = published[0].payload
    assert info.real.shape == (64, 8, 8) and info.fixed_noise.shape == (64, SMALL.noise_dim)
    assert np.all(np.diff(info.real_labels) >= 0)  # the real grid is ordered by class
    session.handle(Command("step"))
    session.publish_if_due()
    snap = published[-1].payload
    assert isinstance(snap, ImageSnapshot) and snap.iteration == 1 and snap.samples.shape == (64, 8, 8)
    assert not snap.samples.flags.writeable
    # the grid is G on the fixed noise: decoding the first two z gives the first two samples
    session.handle(Command("ask", Question("decode", 7, info.fixed_noise[:2], 0)))
    decoded = published[-1].payload.value
    assert published[-1].kind == "answer" and published[-1].payload.name == "decode" and decoded.request == 7
    np.testing.assert_allclose(decoded.images, snap.samples[:2], atol=1e-6)
    session.handle(Command("ask", Question("nearest", 8, (0, 5), 0)))
    nearest = published[-1].payload.value
    assert nearest.indices == (0, 5) and nearest.nearest.shape == (2, 8, 8)
    distances = np.linalg.norm((nearest.samples - nearest.nearest).reshape(2, -1), axis=1)
    np.testing.assert_allclose(nearest.distances, distances, rtol=1e-5)


def test_a_reset_switches_between_1d_and_image_runs():
    from ganlab.app.kinds import ALL_PRESETS

    published = []
    session = TrainingLoop(ALL_PRESETS["figure1"].config, "cpu", published.append)
    assert published == []  # a 1-D run has no separate facts
    session.handle(Command("reset", SMALL))
    assert isinstance(session.trainer, ImageTrainer) and published[-1].kind == "run"
    session.handle(Command("ask", Question("decode", 1, np.zeros((1, SMALL.noise_dim)), 1)))
    assert published[-1].kind == "answer" and published[-1].generation == 1
    count = len(published)
    session.handle(Command("ask", Question("decode", 1, np.zeros((1, SMALL.noise_dim)), 0)))  # about an earlier run
    assert len(published) == count  # dropped, not an error
    session.handle(Command("reset", ALL_PRESETS["figure1"].config))
    session.handle(Command("ask", Question("decode", 2, np.zeros((1, 1)), 2)))
    assert published[-1].kind == "error" and "cannot answer" in str(published[-1].payload)


def test_bad_requests_are_reported_not_fatal():
    published = []
    session = TrainingLoop(SMALL, "cpu", published.append)
    session.handle(Command("ask", Question("nearest", 1, (64,), 0)))
    session.handle(Command("ask", Question("decode", 2, np.zeros((1, 3)), 0)))
    assert [m.kind for m in published[1:]] == ["error", "error"]
    assert "0..63" in str(published[1].payload) and "shape" in str(published[2].payload)


def test_a_user_data_file_trains(tmp_path):
    images = (np.random.default_rng(0).random((40, 12, 16)) * 255).astype(np.uint8)
    path = tmp_path / "mine.npz"
    np.savez(path, images=images)
    config = SMALL.replace(dataset="file", data_path=str(path))
    trainer = image_trainer(config)
    trainer.step()
    assert trainer.samples().shape == (64, 12, 16) and trainer.run_info().count == 40
    with pytest.raises(ValueError, match="data_path"):
        SMALL.replace(data_path=str(path))  # a path without dataset "file"
    with pytest.raises(ValueError, match="data_path"):
        SMALL.replace(dataset="file")


def test_verdict_strength_keeps_probabilities_and_ranks_critic_scores():
    np.testing.assert_allclose(verdict_strength([0.2, 0.9, np.nan], True), [0.2, 0.9, 0.5])
    np.testing.assert_allclose(verdict_strength([-5.0, 10.0, 0.0], False), [0.0, 1.0, 0.5])


def test_the_grid_maps_clicks_to_images(qtbot):
    grid = ImageGrid(columns=4)
    qtbot.addWidget(grid)
    grid.resize(400, 200)
    grid.set_images(np.random.default_rng(0).random((8, 6, 6)))
    grid.show()
    with qtbot.waitSignal(grid.clicked) as blocker:
        qtbot.mouseClick(
            grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, grid.cell_rect(6).center().toPoint()
        )
    assert blocker.args[0] == 6 and Qt.KeyboardModifier(blocker.args[1]) & Qt.KeyboardModifier.ShiftModifier
    assert grid.index_at(QPoint(0, 0)) == -1
    image = grid.grab().toImage()
    grid.set_tints(np.array([1.0] * 8))
    tinted = grid.grab().toImage()
    assert image != tinted  # the frames are drawn


def _decode_with(trainer, panel):
    """Answer the panel's requests with the real trainer, as the worker would."""
    answers = []
    panel.decode_requested.connect(lambda number, z: answers.append(trainer.answer_decode((number, z))))
    return answers


def test_the_latent_panel_asks_once_at_a_time_and_shows_the_path(qtbot):
    trainer = image_trainer(SMALL)
    panel = LatentPanel()
    qtbot.addWidget(panel)
    answers = _decode_with(trainer, panel)
    shown = []
    panel.pictures_shown.connect(shown.append)
    panel.set_run(trainer.run_info())
    assert len(answers) == 1
    z = panel.request_z()
    assert z.shape == (3 + STRIP_FRAMES, SMALL.noise_dim)
    np.testing.assert_allclose(z[1], trainer.fixed_noise[0].numpy(), atol=1e-6)  # A: the first grid sample
    np.testing.assert_allclose(z[3], z[1], atol=1e-6)  # the strip starts at A and ends at B
    np.testing.assert_allclose(z[-1], z[2], atol=1e-6)
    panel.slider.setValue(10)
    panel.slider.setValue(90)  # both moves while the first request is unanswered: merged
    assert len(answers) == 1
    panel.show_decoded(answers[0])
    assert len(answers) == 2  # the merged request, for t = 0.9
    panel.show_decoded(answers[1])
    assert shown == [1, 2]  # each answer on screen, the merged one included
    np.testing.assert_allclose(panel.preview.images[0], trainer.decode(panel.point()[None])[0], atol=1e-6)
    panel.set_interpolation("slerp")
    panel.show_decoded(answers[2])
    before = panel.point()
    panel.z_sliders[0].setValue(10)
    assert panel.offsets[0] == pytest.approx(1.0)
    np.testing.assert_allclose(panel.point() - before, [1.0] + [0.0] * (SMALL.noise_dim - 1), atol=1e-12)


def test_stale_answers_are_dropped_after_a_reset(qtbot):
    trainer = image_trainer(SMALL)
    panel = LatentPanel()
    qtbot.addWidget(panel)
    answers = _decode_with(trainer, panel)
    panel.set_run(trainer.run_info())
    old = answers[-1]
    panel.forget_run()
    panel.slider.setValue(3)  # no run: nothing is asked
    assert answers[-1] is old
    panel.set_run(trainer.run_info())
    panel.show_decoded(old)
    assert panel.preview.images is None  # the old answer was not drawn
    panel.show_decoded(answers[-1])
    assert panel.preview.images is not None


def test_samples_view_compares_chosen_samples_with_their_nearest_images(qtbot):
    trainer = image_trainer(SMALL)
    view = SamplesView()
    qtbot.addWidget(view)
    view.set_run(trainer.run_info())
    view.update_snapshot(trainer.snapshot())
    assert view.compared == [0, 9, 18, 27]  # a new run starts with a few samples in Figure 2
    for index in (0, 9, 18):
        view.toggle_compared(index)
    with qtbot.waitSignal(view.nearest_wanted) as blocker:
        view.toggle_compared(3)
    assert blocker.args == [(27, 3)]
    view.show_nearest(trainer.answer_nearest((1, (27,))))  # an answer to an older choice: ignored
    assert view.pairs.images is None
    view.show_nearest(trainer.answer_nearest((2, (27, 3))))
    assert view.pairs.count() == 4 and set(view.pairs.captions) == {1, 3}
    assert view.samples.marks == {27: "1", 3: "2"}
    view.set_endpoint("A", 3)
    assert view.samples.marks[3] == "2 A"
    assert "P(real)" in view._describe_sample(0)


def test_swapping_endpoints_moves_their_marks_in_the_grid(qtbot):
    trainer = image_trainer(SMALL)
    panel, view = LatentPanel(), SamplesView()
    for widget in (panel, view):
        qtbot.addWidget(widget)
    panel.endpoint_changed.connect(view.set_endpoint)
    _decode_with(trainer, panel)
    view.set_run(trainer.run_info())
    panel.set_run(trainer.run_info())
    panel.use_sample("A", 5)
    panel.randomise("B")
    assert view.endpoints == {"A": 5}
    panel.swap()
    assert view.endpoints == {"B": 5}

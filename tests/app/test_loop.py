"""The transport-independent loop, driven directly (no thread, no Qt)."""

import queue
import threading
import time

import torch

from ganlab.app.loop import TrainingLoop, queue_receiver
from ganlab.app.protocol import Command
from ganlab.core.run_config import RunConfig

SMALL = RunConfig(g_width=16, d_width=16, batch_size=64)


def _session(**kwargs):
    published = []
    session = TrainingLoop(SMALL, "cpu", published.append, **kwargs)
    return session, published


def _snapshots(published):
    return [m.payload for m in published if m.kind == "snapshot"]


def test_step_publishes_and_waits_for_the_ack():
    session, published = _session()
    session.publish_if_due()
    assert [s.iteration for s in _snapshots(published)] == [0]
    session.handle(Command("step"))
    session.publish_if_due()
    assert len(_snapshots(published)) == 1  # no credit: nothing more in flight
    session.handle(Command("step_d"))
    session.handle(Command("ack"))
    session.publish_if_due()
    last = _snapshots(published)[-1]
    assert (last.iteration, last.d_steps, last.g_steps) == (1, 2, 1)


def _wait_for(condition, timeout=20.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.001)


def test_play_trains_and_publishes_by_wall_clock():
    commands = queue.Queue()
    session, published = _session(frame_interval=0.02)
    worker = threading.Thread(target=session.run, args=(queue_receiver(commands),))
    worker.start()
    commands.put(Command("play"))
    for _ in range(6):  # ack a few frames, as the GUI does
        _wait_for(lambda: _snapshots(published))
        count = len(_snapshots(published))
        commands.put(Command("ack"))
        _wait_for(lambda count=count: len(_snapshots(published)) > count)
    commands.put(Command("stop"))
    worker.join(5)
    assert not worker.is_alive()
    iterations = [s.iteration for s in _snapshots(published)]
    assert iterations == sorted(iterations) and iterations[-1] > iterations[1] > 0
    assert len(iterations) == 7  # one per credit, never more


def test_configure_live_and_reset():
    session, _ = _session()
    session.handle(Command("step"))
    session.handle(Command("configure", SMALL.replace(loss="minimax", lr_g=0.01)))
    assert session.trainer.iteration == 1 and session.trainer.config.loss == "minimax"
    session.handle(Command("play"))
    session.handle(Command("configure", SMALL.replace(target="three_modes")))
    assert session.trainer.iteration == 0 and session.trainer.target.key == "three_modes"
    assert not session.playing  # a rebuild pauses


def test_divergence_pauses_and_goes_back_to_a_healthy_state():
    session, published = _session(frame_interval=0.0)
    session.handle(Command("step"))
    session.publish_if_due()  # iteration 1 saved as healthy
    session.handle(Command("ack"))
    session.handle(Command("play"))
    with torch.no_grad():
        next(session.trainer.generator.parameters()).fill_(float("inf"))
    session.handle(Command("step"))
    session.handle(Command("step"))
    session.publish_if_due()
    kinds = [m.kind for m in published]
    assert kinds[-2:] == ["diverged", "snapshot"]
    assert "iteration 3" in str(published[-2].payload) and "iteration 1" in str(published[-2].payload)
    assert not session.playing
    assert published[-1].payload.iteration == 1
    assert torch.isfinite(next(session.trainer.generator.parameters())).all()


def test_bad_command_reports_instead_of_crashing():
    session, published = _session()
    session.handle(Command("fly"))
    session.handle(Command("configure", "not a config"))
    assert [m.kind for m in published] == ["error", "error"]
    session.handle(Command("step"))
    assert session.trainer.iteration == 1


def test_an_exception_in_training_pauses_and_reports():
    session, published = _session(frame_interval=0.0)

    def broken():
        raise RuntimeError("out of memory")

    session.trainer.sub_step = lambda which: broken()
    session.handle(Command("play"))
    commands = queue.Queue()
    commands.put(Command("stop"))  # run() drains it only after the first failed step
    session.running = True
    receive = queue_receiver(commands)
    calls = []

    def receive_once(timeout):
        calls.append(timeout)
        return [] if len(calls) == 1 else receive(0.0)

    session.run(receive_once)
    errors = [m.payload for m in published if m.kind == "error"]
    assert errors and "out of memory" in str(errors[0]) and not session.playing


def _run_until(session, commands, done, timeout=60.0):
    """Run the loop in a thread, acknowledging every snapshot like an eager GUI, until done() or the timeout."""
    worker = threading.Thread(target=session.run, args=(queue_receiver(commands),))
    worker.start()
    end = time.monotonic() + timeout
    while time.monotonic() < end and not done():
        commands.put(Command("ack"))
        time.sleep(0.005)
    commands.put(Command("stop"))
    worker.join(5)
    assert not worker.is_alive()


def test_narrated_play_publishes_each_sub_step_in_order():
    commands = queue.Queue()
    session, published = _session()
    session.handle(Command("configure", SMALL.replace(k=2)))
    for command in (Command("narrate", True), Command("speed", 40.0), Command("play")):
        commands.put(command)
    _run_until(session, commands, lambda: sum(s.phase in "dg" for s in _snapshots(published)) >= 7)
    steps = [(s.phase, s.iteration, s.d_steps, s.g_steps) for s in _snapshots(published) if s.phase in "dg"]
    assert len(steps) >= 7
    for (phase, iteration, d_steps, g_steps), (_, _, d_before, g_before) in zip(steps[1:], steps, strict=False):
        assert (d_steps - d_before, g_steps - g_before) == ((1, 0) if phase == "d" else (0, 1))
        assert iteration == (d_steps + g_steps) // 3  # k = 2 D steps and 1 G step make one iteration
    assert [p for p, *_ in steps[:6]] == ["d", "d", "g", "d", "d", "g"]


def test_speed_limit_is_never_exceeded():
    # A load on the machine can only slow the loop down, so only the upper bound is a fair assertion.
    commands = queue.Queue()
    session, _ = _session()
    commands.put(Command("speed", 20.0))
    commands.put(Command("play"))
    started = time.monotonic()
    _run_until(session, commands, lambda: time.monotonic() - started > 1.0)
    elapsed = time.monotonic() - started
    assert 1 <= session.trainer.iteration <= 20 * elapsed + 2


def test_bad_speed_is_refused():
    session, published = _session()
    session.handle(Command("speed", -3))
    assert published[-1].kind == "error" and session.speed is None


def test_divergence_after_a_live_optimiser_change_keeps_the_new_optimiser_usable():
    session, published = _session(frame_interval=0.0)
    session.handle(Command("step"))
    session.publish_if_due()
    session.handle(Command("ack"))
    exploding = SMALL.replace(optimizer_d="sgd", optimizer_g="sgd", lr_d=1.0, lr_g=1.0, loss="least_squares")
    session.handle(Command("configure", exploding))
    for _ in range(30):
        session.handle(Command("step"))
    session.publish_if_due()
    assert any(m.kind == "diverged" for m in published)
    assert isinstance(session.trainer.opt_d, torch.optim.SGD) and session.trainer.opt_d.param_groups[0]["lr"] == 1.0
    session.handle(Command("ack"))
    session.handle(Command("configure", exploding.replace(lr_d=1e-3, lr_g=1e-3)))
    session.handle(Command("step"))  # the restored optimiser state matches the optimiser: no KeyError('momentum')
    assert not [m for m in published if m.kind == "error"]


def test_a_failed_snapshot_does_not_freeze_the_display():
    session, published = _session(frame_interval=0.0)
    real_snapshot = session.trainer.snapshot
    session.trainer.snapshot = lambda phase: (_ for _ in ()).throw(RuntimeError("CUDA out of memory"))
    try:
        session.publish_if_due()
    except RuntimeError:
        pass
    session.trainer.snapshot = real_snapshot
    session.handle(Command("step"))
    session.publish_if_due()
    assert [s.iteration for s in _snapshots(published)] == [1]


def test_a_live_change_is_not_shown_as_a_step():
    session, published = _session(frame_interval=0.0)
    session.handle(Command("step_d"))
    session.publish_if_due()
    session.handle(Command("ack"))
    session.handle(Command("configure", SMALL.replace(lr_g=0.01)))
    session.publish_if_due()
    assert [s.phase for s in _snapshots(published)] == ["d", "settings"]

"""Both transports, for real: a QThread and a spawned child process, started, driven and stopped."""

import pytest
from PySide6.QtCore import QObject, Signal

from ganlab.app.choices import TRANSPORTS
from ganlab.core.run_config import RunConfig
from ganlab.qt.worker import CLIENTS, make_client

SMALL = RunConfig(g_width=16, d_width=16, batch_size=64)


class Recorder(QObject):
    """Collects snapshots in the GUI thread and acknowledges them, like the main window does."""

    got = Signal()

    def __init__(self, client):
        super().__init__()
        self.client = client
        self.snapshots = []
        self.errors = []
        client.snapshot_ready.connect(self.on_snapshot)
        client.failed.connect(self.errors.append)
        client.diverged.connect(self.errors.append)

    def on_snapshot(self, snapshot):
        self.snapshots.append(snapshot)
        self.client.ack()
        self.got.emit()


@pytest.fixture(params=TRANSPORTS)
def client(request, qtbot):
    client = make_client(request.param, SMALL, "cpu")
    recorder = Recorder(client)
    client.start()
    qtbot.waitUntil(lambda: len(recorder.snapshots) > 0, timeout=60_000)  # a spawned child imports torch first
    yield client, recorder
    assert client.stop(), "the trainer did not stop within 2 s"
    assert not client.is_running()


def test_first_snapshot_is_the_untrained_state(client):
    _, recorder = client
    first = recorder.snapshots[0]
    assert (first.iteration, first.d_steps, first.g_steps) == (0, 0, 0)
    assert first.device == "cpu"


def test_steps_arrive_in_order(client, qtbot):
    client, recorder = client
    client.step("step_d")
    qtbot.waitUntil(lambda: recorder.snapshots[-1].d_steps == 1, timeout=10_000)
    client.step("step_g")
    qtbot.waitUntil(lambda: recorder.snapshots[-1].g_steps == 1, timeout=10_000)
    assert recorder.snapshots[-1].iteration == 0
    client.step()
    qtbot.waitUntil(lambda: recorder.snapshots[-1].iteration == 1, timeout=10_000)
    assert (recorder.snapshots[-1].d_steps, recorder.snapshots[-1].g_steps) == (2, 2)
    assert not recorder.errors


def test_play_pause_and_live_settings(client, qtbot):
    client, recorder = client
    client.play()
    qtbot.waitUntil(lambda: recorder.snapshots[-1].iteration > 50, timeout=20_000)
    client.configure(SMALL.replace(loss="minimax"))
    qtbot.waitUntil(lambda: recorder.snapshots[-1].loss == "minimax", timeout=10_000)
    assert recorder.snapshots[-1].iteration > 50  # no reset for a live setting
    client.pause()
    qtbot.wait(300)
    paused_at = recorder.snapshots[-1].iteration
    qtbot.wait(300)
    assert recorder.snapshots[-1].iteration == paused_at
    client.reset(SMALL.replace(target="uniform"))
    qtbot.waitUntil(lambda: recorder.snapshots[-1].iteration == 0, timeout=10_000)
    assert recorder.snapshots[-1].x_range == (-3.0, 5.0)


def test_stop_while_playing_is_quick(client, qtbot):
    client, recorder = client
    client.play()
    qtbot.waitUntil(lambda: recorder.snapshots[-1].iteration > 10, timeout=20_000)
    # the fixture's teardown asserts the stop takes < 2 s


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_bad_device_is_reported(qtbot, transport):
    client = make_client(transport, SMALL, "cuda:9")
    recorder = Recorder(client)
    client.start()
    qtbot.waitUntil(lambda: len(recorder.errors) > 0, timeout=60_000)
    qtbot.wait(300)  # the child exits after reporting: its end must not replace the reason
    assert len(recorder.errors) == 1 and "could not start" in str(recorder.errors[0])
    assert client.stop()


def test_stop_interrupts_a_long_iteration(qtbot):
    import time

    client = make_client("thread", SMALL.replace(d_warmup=10_000, batch_size=4096), "cpu")
    recorder = Recorder(client)
    client.start()
    qtbot.waitUntil(lambda: len(recorder.snapshots) > 0, timeout=30_000)
    client.step()  # a first iteration of 10,000 D steps: tens of seconds
    qtbot.wait(200)
    started = time.monotonic()
    assert client.stop()
    assert time.monotonic() - started < 2.0  # stopped between two D steps, not after all of them
    assert not client.is_running()


def test_every_transport_has_a_client():
    assert set(CLIENTS) == set(TRANSPORTS)

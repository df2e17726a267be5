import os

# Before any Qt import: widgets render offscreen, so the suite runs on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc  # noqa: E402

import pytest  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def collect_closed_windows():
    """After each test, free its closed windows here, in the GUI thread.

    A window and its widgets form reference cycles (bound-method slots, lambdas); left to Python's cyclic collector,
    they would be freed in whichever thread happens to trigger a collection, possibly the next test's QThread
    trainer, and destroying widgets outside the GUI thread deadlocks Qt.
    """
    yield
    gc.collect()


@pytest.fixture
def snapshot_factory():
    """A hand-made Snapshot with known arrays, for panel tests that must not depend on training."""
    import numpy as np

    from ganlab.core.snapshot import Snapshot

    def make(**changes):
        x = np.linspace(-3.0, 5.0, 9)
        values = dict(
            x=x,
            p_data=np.linspace(0.0, 0.8, 9),
            p_g=np.linspace(0.8, 0.0, 9),
            d=np.full(9, 0.5),
            z=np.array([-1.0, 0.0, 1.0]),
            g_z=np.array([-2.0, 1.0, 7.0]),
            d_star=np.linspace(0.0, 1.0, 9),
            g_grad=np.array([0.5, -0.25, 0.0]),
            d_fake=np.array([0.1, 0.2, 0.3, 0.4]),
            hist_x=np.array([-2.0, 0.0, 2.0, 4.0]),
            hist_density=np.array([0.1, 0.3, 0.2, 0.0]),
            x_range=(-3.0, 5.0),
            z_range=(-1.0, 1.0),
            iteration=3,
            d_steps=3,
            g_steps=3,
            d_loss=1.3,
            g_loss=0.7,
            g_grad_norm=0.1,
            jsd=0.2,
            kl=0.5,
            kl_reverse=float("inf"),
            w1=0.3,
            value=-1.2,
            c_of_g=-1.386294361 + 0.4,
            d_acc_real=0.7,
            d_acc_fake=0.6,
            loss="non_saturating",
            d_is_probability=True,
            phase="iteration",
            device="cpu",
            created=0.0,
        )
        values.update(changes)
        return Snapshot(**values)

    return make


@pytest.fixture
def live_window(qtbot):
    """The real main window on figure1 with a QThread trainer, shown and drawing; closed (trainer stopped) after."""
    from ganlab.qt.window.main_window import MainWindow

    window = MainWindow(preset="figure1", device="cpu", transport="thread")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.snapshot is not None, timeout=30_000)
    yield window
    window.close()
    assert not window.controller.client.is_running()

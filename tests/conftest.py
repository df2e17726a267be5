import os

# Before any Qt import: widgets render offscreen, so the suite runs on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)


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
            x_range=(-3.0, 5.0),
            z_range=(-1.0, 1.0),
            iteration=3,
            d_steps=3,
            g_steps=3,
            d_loss=1.3,
            g_loss=0.7,
            g_grad_norm=0.1,
            jsd=0.2,
            loss="non_saturating",
            d_is_probability=True,
            device="cpu",
            created=0.0,
        )
        values.update(changes)
        return Snapshot(**values)

    return make

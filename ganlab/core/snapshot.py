"""The immutable picture of a training run that the views draw and the CLI exports."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

ARRAY_FIELDS = ("x", "p_data", "p_g", "d", "z", "g_z")


@dataclass(frozen=True)
class Snapshot:
    x: np.ndarray  # grid on the x line, shape (bins,)
    p_data: np.ndarray  # exact data density on x
    p_g: np.ndarray  # density of G's samples on x (smoothed histogram of G on stratified z)
    d: np.ndarray  # D(x) on the grid: a probability, or a critic score when d_is_probability is False
    z: np.ndarray  # z values whose images the arrows show, shape (arrows,)
    g_z: np.ndarray  # G(z) for those z
    x_range: tuple[float, float]
    z_range: tuple[float, float]
    iteration: int
    d_steps: int
    g_steps: int
    d_loss: float
    g_loss: float
    g_grad_norm: float
    jsd: float  # JSD(p_data || p_g) in nats, on the grid
    loss: str
    d_is_probability: bool
    device: str
    created: float  # time.monotonic() when built: comparable across processes on one machine

    def __post_init__(self) -> None:
        for name in ARRAY_FIELDS:
            array = np.array(getattr(self, name), dtype=np.float64)
            array.flags.writeable = False
            object.__setattr__(self, name, array)

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAY_FIELDS}

    def scalars(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ARRAY_FIELDS}

    def __setstate__(self, state: dict) -> None:
        # Unpickled arrays (a child process's snapshots) come back writeable; freeze them again.
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

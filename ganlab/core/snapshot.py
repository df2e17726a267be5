"""The immutable picture of a training run that the views draw and the CLI exports."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

import numpy as np

ARRAY_FIELDS = ("x", "p_data", "p_g", "d", "z", "g_z", "d_star", "g_grad", "d_fake", "hist_x", "hist_density")
EXPORT_FIELDS = ("x", "p_data", "p_g", "d", "z", "g_z", "d_star", "g_grad")  # what --export writes
Scalar = int | float | bool | str | tuple[float, float]  # a Snapshot field that is not an array


class FrozenArrays:
    """For frozen snapshot dataclasses: the fields named in ARRAYS become read-only copies of dtype ARRAY_DTYPE, also
    when a snapshot arrives from a child process (unpickled arrays come back writeable)."""

    ARRAYS: ClassVar[tuple[str, ...]] = ()
    ARRAY_DTYPE: ClassVar[type[np.floating]] = np.float64

    def __post_init__(self) -> None:
        for name in self.ARRAYS:
            array = np.array(getattr(self, name), dtype=self.ARRAY_DTYPE)
            array.flags.writeable = False
            object.__setattr__(self, name, array)

    def __setstate__(self, state: dict[str, Any]) -> None:  # the pickled fields: arrays and scalars
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()


@dataclass(frozen=True)
class Snapshot(FrozenArrays):
    x: np.ndarray  # grid on the x line, shape (bins,)
    p_data: np.ndarray  # exact data density on x
    p_g: np.ndarray  # density of G's samples on x (smoothed histogram of G on stratified z)
    d: np.ndarray  # D(x) on the grid: a probability, or a critic score when d_is_probability is False
    z: np.ndarray  # z values whose images the arrows show, shape (arrows,)
    g_z: np.ndarray  # G(z) for those z
    d_star: np.ndarray  # the optimal discriminator p_data / (p_data + p_g) on x (NaN where both are ~0)
    g_grad: np.ndarray  # -d loss_G / d x at each G(z): where the selected generator loss pushes that sample
    d_fake: np.ndarray  # D's output on a spread of G's samples (a probability, or a score)
    hist_x: np.ndarray  # centres of a coarse histogram of G's samples
    hist_density: np.ndarray  # that histogram as a density
    x_range: tuple[float, float]
    z_range: tuple[float, float]
    iteration: int
    d_steps: int
    g_steps: int
    d_loss: float
    g_loss: float
    g_grad_norm: float
    jsd: float  # JSD(p_data || p_g) in nats, on the grid
    kl: float  # KL(p_data || p_g), nats (inf where G puts no mass on the data)
    kl_reverse: float  # KL(p_g || p_data), nats
    w1: float  # Wasserstein-1 distance between p_data and G's samples
    value: float  # V(D, G) = E_data log D + E_g log(1 - D) for probability losses; NaN for critic losses
    c_of_g: float  # C(G) = -log 4 + 2 JSD: the value at the optimal D (Theorem 1)
    d_acc_real: float  # fraction of p_data's mass that D calls real
    d_acc_fake: float  # fraction of G's samples that D calls fake
    loss: str
    d_is_probability: bool
    phase: str  # what changed last: "start", "d" (a D step), "g" (a G step), "iteration", "play"
    device: str
    created: float  # time.monotonic() when built: comparable across processes on one machine

    ARRAYS: ClassVar[tuple[str, ...]] = ARRAY_FIELDS

    def arrays(self, names: tuple[str, ...] = EXPORT_FIELDS) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in names}

    def scalars(self) -> dict[str, Scalar]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ARRAY_FIELDS}

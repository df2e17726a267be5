"""What a plane run sends to the views: a frozen picture per frame (PlaneSnapshot) and its fixed facts once
(PlaneRunInfo). Grids are (nx, ny) arrays indexed [ix, iy] over the target's bounds, cell centres at
bounds_min + (i + 1/2) * cell size. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

import numpy as np

from ganlab.core.plane.targets import Bounds
from ganlab.core.snapshot import FrozenArrays

PLANE_ARRAYS = ("fakes", "reals", "d_grid", "manifold", "arrows", "p_data", "p_g")
PlaneScalar = int | float | bool | str | Bounds


@dataclass(frozen=True)
class PlaneSnapshot(FrozenArrays):
    fakes: np.ndarray  # (512, 2) G(z) of the run's fixed z batch: the same z every frame
    reals: np.ndarray  # (512, 2) fixed samples of the data
    d_grid: np.ndarray  # (64, 64) D at the cell centres: P(real) for probability losses, else the critic's score.
    # With packing, a centre is judged in a pack with the first pack-1 fixed reals; with minibatch features, against
    # the current fakes (what D would say if G put a sample there).
    manifold: np.ndarray  # G's image of a regular z grid: (21, 21, 2) for 2-D z, a curve (441, 2) for 1-D z
    arrows: np.ndarray  # (512, 2) -d loss_G / dx at each fake, for the selected loss (in its packs, as G trains)
    p_data: np.ndarray  # (64, 64) the data density: each cell's exact probability / cell area
    p_g: np.ndarray  # (64, 64) G's density: a histogram of 4,096 samples of a fixed z draw, / (count * cell area)
    bounds: Bounds
    iteration: int
    d_steps: int
    g_steps: int
    d_loss: float
    g_loss: float
    g_grad_norm: float
    kl: float  # KL(p_data || p_g) on the grid cells plus the outside, nats (inf where G left a data cell empty)
    kl_reverse: float  # KL(p_g || p_data), nats
    js: float  # JS(p_data, p_g) on the same cells, nats, <= log 2
    w1: float  # exact W1 between the first 64 fakes and the first 64 reals (a small-sample estimate)
    modes_covered: float  # of the target's modes, over the first 2,500 of G's density samples (NaN: no modes)
    high_quality_pct: float  # percent of those samples within 3 s of their nearest mode (NaN: no modes)
    mode_kl: float  # reverse KL of the high-quality samples' mode histogram vs the true mode weights (NaN: no modes)
    loss: str
    d_is_probability: bool
    phase: str  # what changed last: "start", "d", "g", "iteration", "play", ...
    device: str
    created: float  # time.monotonic() when built: comparable across processes on one machine

    ARRAYS: ClassVar[tuple[str, ...]] = PLANE_ARRAYS
    ARRAY_DTYPE: ClassVar[type[np.floating]] = np.float32  # ~70 KB a frame: half of float64's pickle per frame

    def arrays(self, names: tuple[str, ...] = PLANE_ARRAYS) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in names}

    def scalars(self) -> dict[str, PlaneScalar]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in PLANE_ARRAYS}


@dataclass(frozen=True)
class PlaneRunInfo:
    """Facts fixed for a whole plane run, sent once after a start or reset."""

    target: str  # PLANE_TARGETS key, or "custom"
    label: str  # its label (marked N_, translated where shown)
    bounds: Bounds
    grid_bins: int  # cells per side of the heat-map and density grids
    noise: str
    noise_dim: int
    manifold_z: np.ndarray  # the regular z grid whose image is PlaneSnapshot.manifold: (21, 21, 2) or (441, 1)
    modes: np.ndarray | None  # (k, 2) mode centres, when the target is a mixture of equal round Gaussians
    sigma: float | None  # their standard deviation

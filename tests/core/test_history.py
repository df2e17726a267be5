"""SnapshotHistory: order, rewinds, shared run arrays, float32 storage and thinning under the memory cap (no Qt)."""

import dataclasses

import numpy as np
import pytest

from ganlab.core.history import SnapshotHistory
from ganlab.core.snapshot import ARRAY_FIELDS

BINS = 400


@pytest.fixture
def realistic(snapshot_factory):
    """Snapshots the size of the trainer's: a 400-point grid, 25 arrows, 128 judged fakes, an 80-bin histogram."""
    x = np.linspace(-3.0, 5.0, BINS)
    p_data = np.exp(-0.5 * (x - 1.0) ** 2) / np.sqrt(2 * np.pi)
    rng = np.random.default_rng(0)

    def make(iteration: int, **changes):
        values = dict(
            x=x,
            p_data=p_data,
            p_g=rng.random(BINS),
            d=rng.random(BINS),
            z=np.linspace(-1.0, 1.0, 25),
            g_z=rng.normal(size=25),
            d_star=rng.random(BINS),
            g_grad=rng.normal(size=25),
            d_fake=rng.random(128),
            hist_x=np.linspace(-2.95, 4.95, 80),
            hist_density=rng.random(80),
            iteration=iteration,
        )
        values.update(changes)
        return snapshot_factory(**values)

    return make


def test_keeps_snapshots_in_order(snapshot_factory):
    history = SnapshotHistory()
    for it in (1, 2, 5, 9):
        history.add(snapshot_factory(iteration=it, d_loss=float(it)))
    assert len(history) == 4
    np.testing.assert_array_equal(history.iterations(), [1, 2, 5, 9])
    assert [history[i].d_loss for i in range(4)] == [1.0, 2.0, 5.0, 9.0]
    assert history[-1].iteration == 9


def test_snapshot_comes_back_equal_and_frozen(snapshot_factory):
    history = SnapshotHistory()
    snap = snapshot_factory(iteration=7, p_g=np.linspace(0.1, 0.9, 9) / 3, d_star=np.array([np.nan] * 9))
    history.add(snap)
    back = history[0]
    assert back.scalars() == snap.scalars()  # scalars are kept exactly
    for name in ARRAY_FIELDS:
        array = getattr(back, name)
        assert array.dtype == np.float64 and not array.flags.writeable
        np.testing.assert_allclose(array, getattr(snap, name), rtol=1e-6, atol=0)
    np.testing.assert_array_equal(back.x, snap.x)  # run arrays are kept exactly
    np.testing.assert_array_equal(back.p_data, snap.p_data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.iteration = 3  # type: ignore[misc]
    assert dataclasses.replace(back, iteration=8).iteration == 8


def test_rewind_truncates(snapshot_factory):
    history = SnapshotHistory()
    for it in range(10):
        history.add(snapshot_factory(iteration=it))
    history.add(snapshot_factory(iteration=4, jsd=0.01))  # an undo back to iteration 4
    np.testing.assert_array_equal(history.iterations(), [0, 1, 2, 3, 4])
    assert history[-1].jsd == 0.01
    history.add(snapshot_factory(iteration=0, phase="start"))  # a reset
    np.testing.assert_array_equal(history.iterations(), [0])
    assert history[0].phase == "start"


def test_same_iteration_replaces_the_last(snapshot_factory):
    history = SnapshotHistory()
    history.add(snapshot_factory(iteration=3, phase="iteration"))
    history.add(snapshot_factory(iteration=3, phase="d"))
    assert len(history) == 1 and history[0].phase == "d"


def test_run_arrays_are_shared_and_counted_once(realistic):
    history = SnapshotHistory()
    history.add(realistic(0))
    one = history.nbytes
    history.add(realistic(1))
    two = history.nbytes
    per_snapshot = two - one
    # Only the per-step arrays, as float32, plus the scalars: well under the float64 size of all arrays.
    float64_all = sum(getattr(realistic(2), name).nbytes for name in ARRAY_FIELDS)
    assert 0 < per_snapshot < 0.5 * float64_all
    assert history[0].x is not history[1].x  # each retrieval is a new, independent Snapshot
    # A new target (new p_data) stores a new copy; the old one goes when nothing holds it.
    history.add(realistic(0, p_data=np.full(BINS, 0.125)))  # a reset onto another target
    assert history.nbytes == pytest.approx(one, rel=0.01)
    np.testing.assert_array_equal(history[0].p_data, np.full(BINS, 0.125))


def test_a_reset_with_equal_arrays_shares_them(realistic):
    history = SnapshotHistory()
    for it in range(5):
        history.add(realistic(it))
    before = history.nbytes
    history.add(realistic(0, x=np.linspace(-3.0, 5.0, BINS)))  # a fresh but equal grid after a reset
    history.add(realistic(1))
    history.add(realistic(2))
    history.add(realistic(3))
    history.add(realistic(4))
    assert history.nbytes == before


def test_thinning_keeps_first_and_newest_and_thins_the_old_half(realistic):
    probe = SnapshotHistory()
    probe.add(realistic(0))
    one = probe.nbytes
    probe.add(realistic(1))
    cap = one + 99 * (probe.nbytes - one)  # room for exactly 100 snapshots
    history = SnapshotHistory(memory_cap_bytes=cap)
    for it in range(1000):
        history.add(realistic(it))
        assert history.nbytes <= cap
    iterations = history.iterations()
    assert iterations[0] == 0 and iterations[-1] == 999
    assert 50 <= len(history) <= 100
    assert np.all(np.diff(iterations) > 0)
    gaps = np.diff(iterations)
    assert gaps[-1] == 1  # recent history stays dense
    assert gaps[: len(gaps) // 4].mean() > gaps[-len(gaps) // 4 :].mean()  # old history is sparse


def test_ten_thousand_realistic_snapshots_stay_under_the_cap(realistic):
    cap = 16 * 2**20
    history = SnapshotHistory(memory_cap_bytes=cap)
    for it in range(10_000):
        history.add(realistic(it))
    assert history.nbytes <= cap
    iterations = history.iterations()
    assert iterations[0] == 0 and iterations[-1] == 9_999
    assert 1000 < len(history) < 10_000
    last = history[-1]
    assert last.iteration == 9_999 and last.p_g.shape == (BINS,)


def test_a_cap_below_two_snapshots_keeps_the_first_and_the_newest(realistic):
    history = SnapshotHistory(memory_cap_bytes=1)
    for it in range(10):
        history.add(realistic(it))
    np.testing.assert_array_equal(history.iterations(), [0, 9])


def test_index_of_iteration_is_the_nearest_kept(snapshot_factory):
    history = SnapshotHistory()
    with pytest.raises(IndexError):
        history.index_of_iteration(3)
    for it in (0, 10, 20):
        history.add(snapshot_factory(iteration=it))
    assert [history.index_of_iteration(it) for it in (-5, 0, 4, 5, 6, 14, 20, 99)] == [0, 0, 0, 0, 1, 1, 2, 2]


def test_clear(realistic):
    history = SnapshotHistory()
    empty = history.nbytes
    for it in range(3):
        history.add(realistic(it))
    history.clear()
    assert len(history) == 0 and history.nbytes == empty == 0
    assert history.iterations().size == 0
    history.add(realistic(5))
    assert history.iterations().tolist() == [5]


def test_float32_overflow_becomes_inf_without_warnings(realistic, recwarn):
    history = SnapshotHistory()
    history.add(realistic(0, g_z=np.full(25, 1e39)))
    assert np.isinf(history[0].g_z).all()
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]

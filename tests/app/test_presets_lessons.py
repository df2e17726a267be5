"""Each classroom preset reaches its lesson's point headless; the latent preset's shipped session is a trained G."""

import numpy as np
import pytest

from ganlab.app.images import image_trainer
from ganlab.app.kinds import ALL_PRESETS, MENU_ORDER
from ganlab.app.sessions import read_session
from ganlab.core.trainer import Trainer
from ganlab.data.resources import resources_dir


def _d_error(snapshot) -> float:
    """Mean |D - D*| where there is mass (5% of the peak of p_data + p_g)."""
    mass = snapshot.p_data + snapshot.p_g
    where = mass > 0.05 * mass.max()
    return float(np.nanmean(np.abs(snapshot.d - snapshot.d_star)[where]))


def _mean_d_error(config, iterations: int) -> float:
    trainer = Trainer(config)
    errors = []
    for i in range(iterations):
        trainer.step()
        if i % 50 == 49:
            errors.append(_d_error(trainer.snapshot()))
    return float(np.mean(errors))


def test_every_menu_preset_exists_and_the_first_nine_have_number_keys():
    assert set(MENU_ORDER) == set(ALL_PRESETS)
    assert list(ALL_PRESETS)[:7] == ["figure1", "saturation", "k_steps", "helvetica", "two_modes", "digits", "latent"]


def test_k_steps_keeps_d_closer_to_the_optimal_d_than_k_1():
    config = ALL_PRESETS["k_steps"].config
    assert config.k == 5
    with_five = _mean_d_error(config, 400)
    with_one = _mean_d_error(config.replace(k=1), 400)
    assert with_five < 0.75 * with_one


def test_helvetica_collapses_many_z_onto_one_x_and_a_d_that_keeps_up_prevents_it():
    config = ALL_PRESETS["helvetica"].config
    trainer = Trainer(config)
    for _ in range(300):
        trainer.step()
    snap = trainer.snapshot()
    assert snap.p_g.max() > 5 * snap.p_data.max()  # a spike: many z at one x
    assert np.std(snap.g_z) < 0.1 * (snap.x_range[1] - snap.x_range[0])
    balanced = Trainer(config.replace(g_steps=1, lr_g=2e-4))
    for _ in range(300):
        balanced.step()
    assert balanced.snapshot().p_g.max() < snap.p_g.max() / 3


def test_two_modes_spreads_g_over_both_modes():
    config = ALL_PRESETS["two_modes"].config
    trainer = Trainer(config)
    for _ in range(2000):
        trainer.step()
    snap = trainer.snapshot()
    assert snap.jsd < 0.2
    peaks = snap.x[(snap.p_data > 0.5 * snap.p_data.max())]
    left, right = peaks.min(), peaks.max()
    assert (snap.g_z < 0.5 * (left + right)).any() and (snap.g_z > 0.5 * (left + right)).any()


def test_the_latent_preset_starts_from_a_trained_digits_generator():
    preset = ALL_PRESETS["latent"]
    saved = read_session(resources_dir() / preset.session)
    assert saved.config == preset.config and saved.has_weights and saved.counters[0] == preset.config.steps
    trained = image_trainer(saved.config)
    untrained_samples = trained.samples()
    saved.restore_into(trained)
    # trained digits are mostly black with white strokes; an untrained G gives grey noise
    samples = trained.samples()
    assert (samples < 0.1).mean() > 0.6 and (untrained_samples < 0.1).mean() < 0.3


def test_settings_of_no_registered_kind_are_refused_by_name():
    from ganlab.app.kinds import kind_of
    from ganlab.core.settings import Settings

    with pytest.raises(TypeError, match="Settings"):
        kind_of(Settings())

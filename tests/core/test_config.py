import json

import pytest

from ganlab.app.one_d import ONE_D
from ganlab.core.run_config import RunConfig
from ganlab.core.settings import SCHEMA_VERSION, ConfigError


def test_json_round_trip():
    config = RunConfig(target="two_modes", loss="minimax", lr_d=3e-4, k=5, seed=11)
    assert RunConfig.from_json(config.to_json()) == config
    assert json.loads(config.to_json())["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"loss": "magic"}, "loss must be one of"),
        ({"target": "cat"}, "target must be one of"),
        ({"lr_d": -0.1}, "lr_d must be between"),
        ({"lr_g": 2.0}, "lr_g must be between"),
        ({"k": 51}, "k must be between"),
        ({"batch_size": 2.5}, "batch_size must be a whole number"),
        ({"noise_dim": "3"}, "noise_dim must be a number"),
        ({"k": 0, "g_steps": 0}, "train nothing"),
    ],
)
def test_invalid_values_name_the_setting(changes, message):
    with pytest.raises(ConfigError, match=message):
        RunConfig().replace(**changes)


def test_whole_numbers_become_ints():
    config = RunConfig().replace(k=3.0)
    assert config.k == 3 and isinstance(config.k, int)


def test_unknown_newer_and_foreign_files_are_refused():
    data = RunConfig().to_dict()
    with pytest.raises(ConfigError, match="unknown setting"):
        RunConfig.from_dict({**data, "colour": "red"})
    with pytest.raises(ConfigError, match="newer"):
        RunConfig.from_dict({**data, "schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(ConfigError, match="no schema_version"):
        RunConfig.from_dict({"loss": "minimax"})
    with pytest.raises(ConfigError, match="not valid JSON"):
        RunConfig.from_json("{nope")
    with pytest.raises(ConfigError, match="JSON object"):
        RunConfig.from_json("[1, 2]")


def test_reset_fields():
    base = RunConfig()
    assert not base.needs_reset(base.replace(loss="minimax", lr_d=0.01, k=3, batch_size=64))
    assert base.needs_reset(base.replace(target="uniform"))
    assert base.needs_reset(base.replace(noise="gaussian"))


def test_presets_are_valid_and_distinct():
    presets = {p.key: p for p in ONE_D.presets}
    assert "figure1" in presets
    assert len({p.config for p in presets.values()}) == len(presets)
    for preset in presets.values():
        assert preset.title and preset.lesson

"""A user's own density: drawn (a table of values) or loaded from a sample file."""

import math

import numpy as np
import pytest
from scipy import integrate, stats

from ganlab.core.distributions import Tabulated, custom_target
from ganlab.core.run_config import RunConfig
from ganlab.core.settings import ConfigError
from ganlab.core.trainer import Trainer
from ganlab.data.samples import SampleFileError, density_table, load_samples


def test_tabulated_density_is_normalised_and_linear_between_points():
    table = Tabulated(0.0, 2.0, (0.0, 2.0, 0.0))  # a triangle of area 2 before normalising
    assert integrate.quad(table.pdf, -1, 3, points=[0, 1, 2])[0] == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_allclose(table.pdf(np.array([-0.5, 0.5, 1.0, 1.5, 2.5])), [0, 0.5, 1.0, 0.5, 0])


def test_tabulated_sampling_inverts_its_cdf():
    table = Tabulated(0.0, 2.0, (0.0, 2.0, 0.0))
    samples = table.sample(200_000, np.random.default_rng(0))
    assert samples.min() >= 0 and samples.max() <= 2
    triangular = stats.triang(c=0.5, loc=0, scale=2)
    assert stats.kstest(samples, triangular.cdf).statistic < 0.005
    flat = Tabulated(-1.0, 1.0, (1.0, 1.0, 1.0, 1.0)).sample(50_000, np.random.default_rng(1))
    assert stats.kstest(flat, stats.uniform(loc=-1, scale=2).cdf).statistic < 0.01


@pytest.mark.parametrize("values", [(1.0, 2.0), (0.0, 0.0, 0.0), (1.0, -1.0, 1.0), (1.0, math.nan, 1.0)])
def test_unusable_tables_are_refused(values):
    with pytest.raises(ValueError):
        Tabulated(0.0, 1.0, values)


def test_custom_config_round_trips_and_trains():
    config = RunConfig(target="custom", custom_density=(-1.0, 3.0, (0.0, 1.0, 3.0, 1.0, 0.0)), g_width=16, d_width=16)
    again = RunConfig.from_json(config.to_json())
    assert again == config and isinstance(again.custom_density[2], tuple)
    trainer = Trainer(config)
    assert trainer.target.x_range == pytest.approx((-1.4, 3.4))
    for _ in range(20):
        trainer.step()
    assert trainer.divergence() is None


def test_custom_config_errors():
    with pytest.raises(ConfigError, match="needs custom_density"):
        RunConfig(target="custom")
    with pytest.raises(ConfigError, match="only used with target 'custom'"):
        RunConfig(custom_density=(0.0, 1.0, (1.0, 1.0, 1.0)))
    with pytest.raises(ConfigError, match="not a usable density"):
        RunConfig(target="custom", custom_density=(0.0, 1.0, (0.0, 0.0, 0.0)))
    with pytest.raises(ConfigError, match="not a usable density"):
        RunConfig(target="custom", custom_density="bumpy")
    assert RunConfig().needs_reset(RunConfig(target="custom", custom_density=(0.0, 1.0, (1.0, 2.0, 1.0))))


def test_load_samples_with_header_comments_and_columns(tmp_path):
    path = tmp_path / "heights.csv"
    path.write_text("height,weight\n# measured in class\n" + "\n".join(f"{v},{2 * v}" for v in range(1, 13)) + "\n\n")
    np.testing.assert_array_equal(load_samples(path), np.arange(1, 13, dtype=float))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x\n1\n2\nabc\n", "line 4: 'abc' is not a number"),
        ("1\n2\n3\n", "3 numbers found; at least 10"),
        ("\n".join(["5"] * 12), "every sample is 5"),
        ("1\n" * 9 + "inf\n", "line 10: 'inf' is not a finite number"),
        ("", "0 numbers found"),
    ],
)
def test_broken_sample_files_name_the_line_and_problem(tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_text(content)
    with pytest.raises(SampleFileError, match=message) as raised:
        load_samples(path)
    assert "broken.csv" in str(raised.value)


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "image.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(SampleFileError, match="not a text file"):
        load_samples(binary)
    with pytest.raises(SampleFileError, match="cannot be read"):
        load_samples(tmp_path / "nowhere.csv")


def test_density_table_is_the_kde_of_the_samples():
    samples = np.random.default_rng(3).normal(2.0, 0.5, 5000)
    low, high, values = density_table(samples)
    target = custom_target(low, high, values)
    x = np.linspace(0, 4, 81)
    np.testing.assert_allclose(target.pdf(x), stats.norm.pdf(x, 2.0, 0.5), atol=0.05)
    assert low < samples.min() and high > samples.max()

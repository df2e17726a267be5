import json
import math
import subprocess
import sys

import numpy as np
import pytest
import torch

from ganlab.cli import main
from ganlab.core import metrics


def _lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_train_json_lines_and_export_agree(tmp_path, capsys):
    out = tmp_path / "final.npz"
    assert (
        main(["train", "--preset", "figure1", "--steps", "200", "--every", "50", "--json", "--export", str(out)]) == 0
    )
    rows = _lines(capsys)
    assert [r["step"] for r in rows] == [50, 100, 150, 200]
    assert [r.get("final", False) for r in rows] == [False, False, False, True]
    for row in rows:
        assert {"step", "d_loss", "g_loss", "jsd", "g_grad_norm", "value", "c_of_g", "kl", "w1", "d_acc"} <= set(row)
        assert all(math.isfinite(row[k]) for k in ("d_loss", "g_loss", "jsd", "g_grad_norm", "w1", "value", "d_acc"))
        assert row["c_of_g"] == pytest.approx(-math.log(4) + 2 * row["jsd"], abs=1e-12)
    arrays = np.load(out)
    assert set(arrays.files) == {"x", "p_data", "p_g", "d", "z", "g_z", "d_star", "g_grad"}
    dx = arrays["x"][1] - arrays["x"][0]
    outside = 1.0 - arrays["p_g"].sum() * dx  # the p_g mass the grid does not hold
    recomputed = metrics.jsd(arrays["p_data"], arrays["p_g"], dx, max(outside, 0.0))
    assert recomputed == pytest.approx(rows[-1]["jsd"], abs=2e-3)


def test_figure1_preset_converges_at_its_default_length(capsys):
    """The headline promise: the figure1 preset, seed 0, CPU, its own length, ends with JSD < 0.01 nats."""
    assert main(["train", "--preset", "figure1", "--seed", "0", "--device", "cpu", "--json"]) == 0
    final = _lines(capsys)[-1]
    assert final["final"] is True and final["step"] == 6000
    assert final["jsd"] < 0.01


def test_overrides_reach_the_trainer(capsys):
    assert (
        main(["train", "--steps", "4", "--loss", "minimax", "--k", "3", "--lr", "0.002", "--seed", "5", "--json"]) == 0
    )
    final = _lines(capsys)[-1]
    assert (final["loss"], final["seed"], final["step"]) == ("minimax", 5, 4)


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--loss", "magic"],
        ["train", "--steps", "0"],
        ["train", "--lr", "-1"],
        ["train", "--k", "99"],
        ["train", "--preset", "nope"],
        ["train", "--device", "cuda:7"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(argv):
    result = subprocess.run([sys.executable, "-m", "ganlab", *argv], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "error" in result.stderr


def test_presets_lists_every_preset(capsys):
    from ganlab.app.kinds import ALL_PRESETS

    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    for key in ALL_PRESETS:
        assert key in out


def test_frozen_generator_export_has_d_close_to_d_star(tmp_path, capsys):
    out = tmp_path / "frozen.npz"
    argv = ["train", "--preset", "figure1", "--g-steps", "0", "--steps", "3000", "--json", "--export", str(out)]
    assert main(argv) == 0
    final = _lines(capsys)[-1]
    assert final["g_loss"] is None and final["g_grad_norm"] is None  # G never stepped: JSON null, not NaN
    arrays = np.load(out)
    mass = arrays["p_data"] + arrays["p_g"]
    where = mass > 0.05 * mass.max()
    assert np.nanmax(np.abs(arrays["d"] - arrays["d_star"])[where]) < 0.05
    assert final["value"] == pytest.approx(final["c_of_g"], abs=0.01)  # V(D*, G) = C(G)
    assert arrays["g_grad"].shape == arrays["z"].shape


def test_every_loss_and_optimizer_is_accepted(capsys):
    for loss in ("minimax", "non-saturating", "least-squares", "wgan-clip", "wgan-gp", "hinge"):
        assert main(["train", "--steps", "3", "--loss", loss, "--optimizer", "sgd", "--g-steps", "2", "--json"]) == 0
        final = _lines(capsys)[-1]
        assert final["loss"] == loss.replace("-", "_")
        assert (final["value"] is None) == (loss not in ("minimax", "non-saturating"))


def test_options_before_the_subcommand_are_honoured(capsys):
    assert main(["--preset", "saturation", "--device", "cpu", "train", "--steps", "2", "--json"]) == 0
    final = _lines(capsys)[-1]
    assert (final["preset"], final["device"]) == ("saturation", "cpu")


def test_image_preset_trains_headless_and_exports(tmp_path, capsys):
    from PIL import Image
    from safetensors.torch import load_file

    npz, png, weights = tmp_path / "samples.npz", tmp_path / "grid.png", tmp_path / "g.safetensors"
    argv = ["train", "--preset", "digits", "--steps", "30", "--every", "10", "--json", "--seed", "3"]
    assert main([*argv, "--export", str(npz), "--save-weights", str(weights)]) == 0
    rows = _lines(capsys)
    assert [r["step"] for r in rows] == [10, 20, 30] and rows[-1]["final"] is True
    assert all(math.isfinite(r["d_loss"]) and math.isfinite(r["g_grad_norm"]) for r in rows)
    samples = np.load(npz)["samples"]
    assert samples.shape == (64, 28, 28) and samples.min() >= 0.0 and samples.max() <= 1.0
    state = load_file(str(weights))
    assert state and all(t.dtype.is_floating_point or t.dtype == torch.int64 for t in state.values())
    assert main([*argv, "--export", str(png)]) == 0  # the same seed: the same samples, drawn as a grid
    grid = np.asarray(Image.open(png))
    assert grid.ndim == 2 and grid.shape[0] == grid.shape[1] > 8 * 28


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--preset", "digits", "--export", "samples.txt"],
        ["train", "--preset", "digits", "--g-steps", "2"],
        ["train", "--preset", "figure1", "--save-weights", "g.safetensors"],
    ],
)
def test_image_preset_misuse_is_one_line_and_exit_2(argv):
    result = subprocess.run([sys.executable, "-m", "ganlab", *argv], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr

"""`ganlab bench` runs end to end and reports every figure (values are printed, never asserted against a clock)."""

import json

from ganlab.cli import main


def test_bench_reports_all_figures(capsys):
    assert main(["bench", "--seconds", "1", "--transport", "thread", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["bare_its"] > 0 and len(report["bare_its_before_after"]) == 2
    figures = report["transports"]["thread"]
    assert set(figures) == {"its", "fps", "latency_ms_p50", "latency_ms_p95", "stop_s", "ratio"}
    assert figures["its"] > 0 and figures["fps"] > 0
    assert 0 < figures["latency_ms_p50"] <= figures["latency_ms_p95"]
    assert figures["ratio"] == figures["its"] / report["bare_its"]
    assert "fastest_transport" not in report  # one transport measured: nothing was compared


def test_bench_measures_an_image_preset_and_the_latent_slider(capsys):
    assert main(["bench", "--preset", "digits", "--seconds", "2", "--transport", "thread", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    figures = report["transports"]["thread"]
    assert report["preset"] == "digits" and figures["its"] > 0 and figures["fps"] > 0
    assert figures["slider_moves"] > 0  # the slider was moved while training, and each move was answered
    assert 0 < figures["slider_ms_p50"] <= figures["slider_ms_p95"]


def test_bench_measures_the_plane(capsys):
    assert main(["bench", "--preset", "ring8", "--seconds", "1", "--transport", "thread", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["transports"]["thread"]
    assert figures["its"] > 0 and figures["fps"] > 0 and "slider_moves" not in figures  # no latent slider here
    assert 0 < figures["latency_ms_p50"] <= figures["latency_ms_p95"]

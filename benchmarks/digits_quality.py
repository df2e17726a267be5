"""Train an image preset for its default length, time it, save the 64-sample grid, and judge the digits.

The judge is a small CNN trained on the same 5,000 MNIST digits (ganlab.core.digit_classifier; its held-out accuracy
is printed). For the 64 samples of the fixed noise it prints how many fall in each predicted class (a class with none
is a mode G missed), the mean confidence and the fraction judged with confidence > 0.9; the same over 1,000 fresh
samples for steadier figures; and, as in the paper's Figure 2, the mean pixel distance from each sample to its nearest
training image beside the same figure for held-out real digits (a G that memorised would sit far below it).

    python benchmarks/digits_quality.py                       # the digits preset, 2 torch threads
    python benchmarks/digits_quality.py --threads 1 --every 500
    python benchmarks/digits_quality.py --preset paper_mlp --png /tmp/paper.png

"run seconds" counts from the start of this script (after the interpreter itself started) to the last training
step: importing torch and ganlab, loading the data, building the networks and training. The classifier's training
and every evaluation are left out.
"""

from __future__ import annotations

import time

_SCRIPT_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

from ganlab.app.images import image_trainer, load_images  # noqa: E402
from ganlab.app.kinds import ALL_PRESETS  # noqa: E402
from ganlab.core.digit_classifier import train_classifier  # noqa: E402
from ganlab.data.export import save_grid_png  # noqa: E402

FRESH_SAMPLES = 1000


def judge(classifier, images: np.ndarray) -> dict:
    labels, confidence = classifier.classify(images)
    return {
        "counts": np.bincount(labels, minlength=10).tolist(),
        "mean_confidence": float(confidence.mean()),
        "confident_fraction": float(np.mean(confidence > 0.9)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", default="digits", choices=sorted(ALL_PRESETS))
    parser.add_argument("--steps", type=int, help="iterations (default: the preset's length)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    parser.add_argument("--seed", type=int)
    parser.add_argument(
        "--every", type=int, default=0, help="also judge (and save) the grid every N iterations, off the clock"
    )
    parser.add_argument("--png", type=Path, help="where to save the 8x8 sample grid")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    config = ALL_PRESETS[args.preset].config
    if args.steps is not None:
        config = config.replace(steps=args.steps)
    if args.seed is not None:
        config = config.replace(seed=args.seed)
    png = args.png or Path(tempfile.gettempdir()) / f"ganlab_{args.preset}_samples.png"

    untimed = 0.0
    classifier = None
    if args.every:  # the judge is needed during the run: train it first, off the clock
        start = time.perf_counter()
        classifier = train_classifier(*load_images("mnist_5k"), seed=0)
        untimed += time.perf_counter() - start
    untimed_before_training = untimed
    build_start = time.perf_counter()
    trainer = image_trainer(config, "cpu")
    train_start = time.perf_counter()
    progress = []
    for step in range(1, config.steps + 1):
        trainer.step()
        if args.every and step % args.every == 0 and step < config.steps:
            start = time.perf_counter()
            figures = judge(classifier, trainer.samples())
            save_grid_png(trainer.samples(), png.with_name(f"{png.stem}_step{step}{png.suffix}"))
            untimed += time.perf_counter() - start
            seconds = time.perf_counter() - _SCRIPT_START - untimed
            progress.append({"step": step, "seconds": round(seconds, 2), **figures})
            if not args.json:
                print(
                    f"  step {step:5d} at {seconds:5.1f} s: confidence {figures['mean_confidence']:.3f}, "
                    f"> 0.9: {figures['confident_fraction']:.2f}, classes {figures['counts']}",
                    flush=True,
                )
    end = time.perf_counter()
    run_seconds = end - _SCRIPT_START - untimed
    train_seconds = end - train_start - (untimed - untimed_before_training)
    startup_seconds = run_seconds - train_seconds

    samples = trainer.samples()
    save_grid_png(samples, png)
    if classifier is None:
        classifier = train_classifier(*load_images("mnist_5k"), seed=0)
    grid = judge(classifier, samples)
    fresh_z = trainer.prior.sample(FRESH_SAMPLES, config.noise_dim, torch.Generator().manual_seed(99), trainer.device)
    fresh = judge(classifier, trainer.decode(fresh_z))
    _, sample_distance = trainer.nearest_training_images(samples)
    images, _ = load_images(config.dataset)
    held_out = images[-classifier.held_out :][:64]
    nearest_training = image_trainer(config.replace(train_images=len(images) - classifier.held_out), "cpu")
    _, real_distance = nearest_training.nearest_training_images(held_out)
    decode_times = []
    for _ in range(50):
        start = time.perf_counter()
        trainer.decode(trainer.fixed_noise[0])
        decode_times.append(time.perf_counter() - start)

    result = {
        "preset": args.preset,
        "threads": args.threads,
        "steps": config.steps,
        "run_seconds": round(run_seconds, 2),
        "startup_seconds": round(startup_seconds, 2),
        "build_seconds": round(train_start - build_start, 3),
        "train_seconds": round(train_seconds, 2),
        "steps_per_second": round(config.steps / train_seconds, 1),
        "divergence": trainer.divergence(),
        "classifier_held_out_accuracy": classifier.held_out_accuracy,
        "grid": grid,
        "fresh": fresh,
        "nearest_distance_samples": float(sample_distance.mean()),
        "nearest_distance_held_out_real": float(real_distance.mean()),
        "decode_one_ms": round(1000 * float(np.median(decode_times)), 3),
        "png": str(png),
        "progress": progress,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"preset {args.preset}, {config.steps} steps, {args.threads} torch thread(s), seed {config.seed}")
    print(
        f"seconds: {run_seconds:.1f} (start-up {startup_seconds:.1f} + training {train_seconds:.1f}); "
        f"{result['steps_per_second']} steps/s; diverged: {result['divergence'] or 'no'}"
    )
    print(f"classifier: held-out accuracy {classifier.held_out_accuracy:.3f} ({classifier.held_out} digits)")
    for name, figures, count in (("grid (fixed z)", grid, len(samples)), ("fresh z", fresh, FRESH_SAMPLES)):
        print(
            f"{name}, {count} samples: predicted classes 0-9 {figures['counts']}, mean confidence "
            f"{figures['mean_confidence']:.3f}, confidence > 0.9: {figures['confident_fraction']:.3f}"
        )
    print(
        f"nearest training image, mean pixel distance: samples {result['nearest_distance_samples']:.2f}, "
        f"held-out real digits {result['nearest_distance_held_out_real']:.2f}"
    )
    print(f"one decode(z): {result['decode_one_ms']:.2f} ms")
    print(f"sample grid: {png}")


if __name__ == "__main__":
    main()

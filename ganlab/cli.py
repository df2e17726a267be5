"""Command line: `ganlab` opens the app; `ganlab train | presets | bench` run the same core headless."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from typing import NoReturn

from ganlab.config import OPTIMIZERS, PRESETS, ConfigError
from ganlab.core.image_trainer import IMAGE_PRESETS
from ganlab.core.losses import LOSSES

TRANSPORTS = ("process", "thread")  # keep in step with ganlab.qt.worker.TRANSPORTS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse prints the usage too)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _loss_name(text: str) -> str:
    key = text.replace("-", "_")
    if key not in LOSSES:
        raise argparse.ArgumentTypeError(
            f"unknown loss {text!r} (choose from {', '.join(k.replace('_', '-') for k in LOSSES)})"
        )
    return key


def _preset_name(text: str) -> str:
    if text not in PRESETS and text not in IMAGE_PRESETS:
        raise argparse.ArgumentTypeError(f"unknown preset {text!r} (see `ganlab presets`)")
    return text


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ganlab", description="GAN Lab Desktop: watch a GAN learn (Goodfellow et al. 2014).")
    parser.add_argument("--preset", type=_preset_name, default="figure1", help="preset to open (default figure1)")
    parser.add_argument("--device", default="auto", help="auto (cuda, then mps, then cpu), cpu, cuda, cuda:1, mps")
    parser.add_argument(
        "--transport", choices=TRANSPORTS, default=None, help="where the trainer runs (default: process)"
    )
    parser.add_argument(
        "--language",
        choices=("en", "zh_CN"),
        default=None,
        help="the window's language (default: as last chosen, else the system's)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    train = commands.add_parser("train", help="train headless and print progress")
    # The subcommands' --preset / --device default to the top-level ones (ganlab --preset X train == ganlab train
    # --preset X), instead of silently overriding them.
    train.add_argument("--preset", type=_preset_name, default=argparse.SUPPRESS)
    train.add_argument("--steps", type=_positive_int, help="iterations (default: the preset's own length)")
    train.add_argument(
        "--loss", type=_loss_name, help="generator loss: " + ", ".join(k.replace("_", "-") for k in LOSSES)
    )
    train.add_argument("--k", type=_non_negative_int, help="D steps per iteration (0-50)")
    train.add_argument("--g-steps", type=_non_negative_int, help="G steps per iteration (0 freezes G)")
    train.add_argument("--d-warmup", type=_non_negative_int, help="D steps in the first iteration (puts D ahead)")
    train.add_argument("--optimizer", choices=OPTIMIZERS, help="optimiser of both networks (sgd: with momentum 0.9)")
    train.add_argument("--lr", type=_positive_float, help="learning rate of both networks")
    train.add_argument("--seed", type=_non_negative_int)
    train.add_argument("--device", default=argparse.SUPPRESS)
    train.add_argument("--every", type=_positive_int, help="report every N iterations (default: steps / 20)")
    train.add_argument("--json", action="store_true", help="one JSON object per line")
    train.add_argument(
        "--export",
        metavar="FILE",
        help="1-D: FILE.npz of the final snapshot; images: FILE.npz of the samples or FILE.png",
    )
    train.add_argument("--save-weights", metavar="FILE.safetensors", help="images: write the generator's weights")

    commands.add_parser("presets", help="list the presets")

    bench = commands.add_parser("bench", help="measure the trainer bare and inside the app")
    bench.add_argument("--preset", type=_preset_name, default=argparse.SUPPRESS)
    bench.add_argument("--seconds", type=_positive_float, default=8.0, help="length of each measurement")
    bench.add_argument("--transport", choices=(*TRANSPORTS, "both"), default="both")
    bench.add_argument("--json", action="store_true")
    return parser


# Snapshot scalars each JSON line carries (besides step, d_acc and seconds).
REPORTED = ("d_loss", "g_loss", "g_grad_norm", "jsd", "kl", "kl_reverse", "w1", "value", "c_of_g")


def _json_number(value: float) -> float | None:
    """JSON has no NaN or infinity: those (e.g. KL where G has no mass, V for a critic loss) become null."""
    return float(value) if math.isfinite(value) else None


def _overrides(args: argparse.Namespace, **extra: object) -> dict[str, object]:
    """The settings given on the command line (both networks share --lr and --optimizer), for config.replace()."""
    given = {
        "loss": args.loss,
        "k": args.k,
        "seed": args.seed,
        "steps": args.steps,
        "lr_d": args.lr,
        "lr_g": args.lr,
        "optimizer_d": args.optimizer,
        "optimizer_g": args.optimizer,
        **extra,
    }
    return {name: value for name, value in given.items() if value is not None}


def _train(args: argparse.Namespace) -> int:
    if args.preset in IMAGE_PRESETS:
        return _train_images(args)
    if args.save_weights:
        print("ganlab train: error: --save-weights is for the image presets (digits, paper_mlp)", file=sys.stderr)
        return 2
    import numpy as np
    import torch

    from ganlab.core.trainer import Trainer, resolve_device

    preset = PRESETS[args.preset]
    try:
        config = preset.config.replace(**_overrides(args, g_steps=args.g_steps, d_warmup=args.d_warmup))
        device = resolve_device(args.device)
    except (ConfigError, ValueError, RuntimeError) as exc:
        print(f"ganlab train: error: {exc}", file=sys.stderr)
        return 2
    torch.set_num_threads(1)  # small nets: one thread is fastest (and deterministic)
    trainer = Trainer(config, device)
    every = args.every or max(1, config.steps // 20)
    started = time.perf_counter()

    def report(final: bool) -> dict:
        snap = trainer.snapshot()
        row = {name: _json_number(getattr(snap, name)) for name in REPORTED}
        row["step"] = snap.iteration
        row["d_acc"] = _json_number(0.5 * (snap.d_acc_real + snap.d_acc_fake))
        row["seconds"] = round(time.perf_counter() - started, 3)
        if final:
            row.update(final=True, preset=args.preset, loss=config.loss, device=str(device), seed=config.seed)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(
                f"step {row['step']:>7}  D loss {snap.d_loss:.4f}  G loss {snap.g_loss:.4f}  "
                f"|grad G| {snap.g_grad_norm:.4g}  JSD {snap.jsd:.4f} nats  W1 {snap.w1:.4f}"
                + ("  (final)" if final else ""),
                flush=True,
            )
        return {"snapshot": snap, **row}

    for _ in range(config.steps):
        trainer.step()
        problem = trainer.divergence()
        if problem is not None:
            message = f"training diverged at iteration {trainer.iteration} ({problem})"
            if args.json:
                print(json.dumps({"step": trainer.iteration, "final": True, "diverged": message}), flush=True)
            print(f"ganlab train: {message}", file=sys.stderr)
            return 1
        if trainer.iteration % every == 0 and trainer.iteration < config.steps:
            report(final=False)
    final = report(final=True)
    if args.export:
        try:
            np.savez(args.export, **final["snapshot"].arrays())
        except OSError as exc:
            print(f"ganlab train: error: cannot write {args.export}: {exc}", file=sys.stderr)
            return 1
    return 0


def _train_images(args: argparse.Namespace) -> int:
    """An image preset headless: losses and G's gradient norm as JSON lines, samples of the fixed noise at the end."""
    import numpy as np
    import torch

    from ganlab.core.image_trainer import ImageTrainer
    from ganlab.core.trainer import resolve_device
    from ganlab.data.export import save_grid_png

    not_for_images = [flag for flag, value in (("--g-steps", args.g_steps), ("--d-warmup", args.d_warmup)) if value]
    if not_for_images:
        print(f"ganlab train: error: {', '.join(not_for_images)} apply to the 1-D presets only", file=sys.stderr)
        return 2
    export = args.export
    if export and not export.lower().endswith((".npz", ".png")):
        print(f"ganlab train: error: --export {export}: use a .npz or a .png file name", file=sys.stderr)
        return 2
    try:
        config = IMAGE_PRESETS[args.preset].config.replace(**_overrides(args))
        device = resolve_device(args.device)
    except (ConfigError, ValueError, RuntimeError) as exc:
        print(f"ganlab train: error: {exc}", file=sys.stderr)
        return 2
    torch.set_num_threads(min(2, torch.get_num_threads()))  # measured: 2 threads 1.5x faster than 1 on these convs
    started = time.perf_counter()
    trainer = ImageTrainer(config, device)
    every = args.every or max(1, config.steps // 20)

    def report(final: bool) -> None:
        d_loss, g_loss, g_grad_norm = trainer.losses()
        row = {
            "step": trainer.iteration,
            "d_loss": _json_number(d_loss),
            "g_loss": _json_number(g_loss),
            "g_grad_norm": _json_number(g_grad_norm),
            "seconds": round(time.perf_counter() - started, 3),
        }
        if final:
            row.update(final=True, preset=args.preset, loss=config.loss, device=str(device), seed=config.seed)
        print(json.dumps(row) if args.json else " ".join(f"{k} {v}" for k, v in row.items()), flush=True)

    for _ in range(config.steps):
        trainer.step()
        problem = trainer.divergence()
        if problem is not None:
            print(f"ganlab train: training diverged at iteration {trainer.iteration} ({problem})", file=sys.stderr)
            return 1
        if trainer.iteration % every == 0 and trainer.iteration < config.steps:
            report(final=False)
    report(final=True)
    samples = trainer.samples()
    try:
        if export and export.lower().endswith(".png"):
            save_grid_png(samples, export)
        elif export:
            np.savez(export, samples=samples)
        if args.save_weights:
            from safetensors.torch import save_file

            state = {name: value.detach().cpu().contiguous() for name, value in trainer.generator.state_dict().items()}
            save_file(state, args.save_weights, metadata={"config": config.to_json()})
    except OSError as exc:
        print(f"ganlab train: error: cannot write: {exc}", file=sys.stderr)
        return 1
    return 0


def _presets(_: argparse.Namespace) -> int:
    for key, preset in PRESETS.items():
        c = preset.config
        print(f"{key:<12} {preset.title}  [{c.target}, {c.loss.replace('_', '-')}, k={c.k}, {c.steps} steps]")
        print(f"{'':<12} {preset.lesson}")
    for key, preset in IMAGE_PRESETS.items():
        c = preset.config
        print(f"{key:<12} {preset.title}  [{c.dataset}, {c.architecture}, {c.steps} steps; headless: ganlab train]")
        print(f"{'':<12} {preset.lesson}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from ganlab.bench import run_bench

    return run_bench(args)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from ganlab import __version__

        print(__version__)
        return 0
    handlers = {"train": _train, "presets": _presets, "bench": _bench}
    if args.command in handlers:
        return handlers[args.command](args)
    from ganlab.qt.app import run_app
    from ganlab.qt.worker import DEFAULT_TRANSPORT

    return run_app(args.preset, args.device, args.transport or DEFAULT_TRANSPORT, args.language)

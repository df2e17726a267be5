"""Command line: `ganlab` opens the app; `ganlab train | presets | bench` run the same core headless."""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from typing import NoReturn

from ganlab.app.choices import DEFAULT_TRANSPORT, LANGUAGES, TRANSPORTS
from ganlab.app.kinds import ALL_PRESETS, PRESET_KINDS
from ganlab.app.run_kind import RunKind
from ganlab.core.losses import LOSSES
from ganlab.core.settings import OPTIMIZERS, ConfigError, Settings


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
    if text not in ALL_PRESETS:
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
        "--transport",
        choices=tuple(TRANSPORTS),
        default=None,
        help=f"where the trainer runs (default: {DEFAULT_TRANSPORT})",
    )
    parser.add_argument(
        "--language",
        choices=tuple(LANGUAGES),
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


def _overrides(args: argparse.Namespace) -> dict[str, object]:
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
        "g_steps": args.g_steps,
        "d_warmup": args.d_warmup,
    }
    return {name: value for name, value in given.items() if value is not None}


def _fail(message: str, code: int = 2) -> int:
    print(f"ganlab train: error: {message}", file=sys.stderr)
    return code


def _settings(args: argparse.Namespace, kind: RunKind) -> Settings:
    """The preset's settings with the command line's changes; ConfigError names a flag this kind has no use for."""
    overrides = _overrides(args)
    fields = {f.name for f in dataclasses.fields(kind.config_class)}
    unused = [name for name in overrides if name not in fields]
    if unused:
        flags = ", ".join("--" + name.replace("_", "-") for name in unused)
        raise ConfigError(f"{flags} do not apply to the preset {args.preset}")
    return ALL_PRESETS[args.preset].config.replace(**overrides)


def _train(args: argparse.Namespace) -> int:
    """Any preset headless, by its kind's row: one JSON line (or text line) per report, the kind's export at the end."""
    import torch

    from ganlab.core.trainer import resolve_device

    kind = PRESET_KINDS[args.preset]
    if args.save_weights and kind.save_weights is None:
        return _fail(f"--save-weights is not offered by the preset {args.preset}")
    if args.export and not args.export.lower().endswith(kind.export_suffixes):
        return _fail(f"--export {args.export}: use a file name ending in {' or '.join(kind.export_suffixes)}")
    try:
        config = _settings(args, kind)
        device = resolve_device(args.device)
    except (ConfigError, ValueError, RuntimeError) as exc:
        return _fail(str(exc))
    torch.set_num_threads(min(kind.cli_threads, torch.get_num_threads()))
    started = time.perf_counter()
    trainer = kind.make_trainer(config, device)
    every = args.every or max(1, config.steps // 20)

    def report(final: bool) -> None:
        row = {"step": trainer.iteration, **kind.report(trainer), "seconds": round(time.perf_counter() - started, 3)}
        if final:
            row.update(final=True, preset=args.preset, loss=config.loss, device=str(device), seed=config.seed)
        print(json.dumps(row) if args.json else "  ".join(f"{k} {_text(v)}" for k, v in row.items()), flush=True)

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
    report(final=True)
    try:
        if args.export:
            kind.export(trainer, args.export)
        if args.save_weights:
            kind.save_weights(trainer, args.save_weights)
    except OSError as exc:
        return _fail(f"cannot write: {exc}", code=1)
    return 0


def _text(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _presets(_: argparse.Namespace) -> int:
    for key, preset in ALL_PRESETS.items():
        print(f"{key:<12} {preset.title}  [{PRESET_KINDS[key].summary(preset)}]")
        print(f"{'':<12} {preset.lesson}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from ganlab.qt.bench import run_bench

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

    return run_app(args.preset, args.device, args.transport or DEFAULT_TRANSPORT, args.language)

"""The two moves of Algorithm 1, shared by the 1-D and the image trainers: one D step, one G step."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, ClassVar

import numpy as np
import torch
from torch import nn

from ganlab.core.losses import LOSSES, Loss, clip_weights, gradient_penalty
from ganlab.core.trainer_state import (
    COUNTERS,
    LOSS_NAMES,
    NETWORKS,
    OPTIMIZERS,
    TrainerState,
    capture,
    fit,
    set_stream_state,
)

# Adam's beta1 or SGD's momentum when a configuration does not choose one: beta1 = 0.5 is the usual GAN setting
# (Radford et al.); the paper used SGD with momentum.
DEFAULT_MOMENTUM = {"adam": 0.5, "sgd": 0.9}
RandomStream = torch.Generator | np.random.Generator  # what a trainer's RANDOM_STREAMS attributes hold


def make_optimizer(
    name: str, params: Iterable[nn.Parameter], lr: float, momentum: float | None = None
) -> torch.optim.Optimizer:
    momentum = DEFAULT_MOMENTUM[name] if momentum is None else momentum
    factories = {
        "adam": lambda: torch.optim.Adam(params, lr=lr, betas=(momentum, 0.999)),
        "sgd": lambda: torch.optim.SGD(params, lr=lr, momentum=momentum),
    }
    return factories[name]()


def discriminator_step(
    loss: Loss,
    discriminator: nn.Module,
    optimizer: torch.optim.Optimizer,
    real: torch.Tensor,
    fake: torch.Tensor,
    penalty_rng: torch.Generator,
) -> torch.Tensor:
    """One minibatch step of D on real and (already generated, detached) fake samples; returns D's loss."""
    value = loss.d_loss(discriminator(real), discriminator(fake))
    if loss.gradient_penalty:
        value = value + loss.gradient_penalty * gradient_penalty(discriminator, real, fake, penalty_rng)
    optimizer.zero_grad(set_to_none=True)
    value.backward()
    optimizer.step()
    if loss.weight_clip is not None:
        clip_weights(discriminator, loss.weight_clip)
    return value.detach()


def generator_step(
    loss: Loss,
    generator: nn.Module,
    discriminator: nn.Module,
    optimizer: torch.optim.Optimizer,
    noise: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One minibatch step of G through a fixed D (D's parameters get no gradient); returns G's loss and grad norm."""
    for parameter in discriminator.parameters():
        parameter.requires_grad_(False)
    try:
        value = loss.g_loss(discriminator(generator(noise)))
        optimizer.zero_grad(set_to_none=True)
        value.backward()
    finally:
        for parameter in discriminator.parameters():
            parameter.requires_grad_(True)
    grads = [p.grad for p in generator.parameters() if p.grad is not None]
    grad_norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    optimizer.step()
    return value.detach(), grad_norm


class AlgorithmOne:
    """What the 1-D and image trainers share around their networks: Algorithm 1's loop, checkpoints, the health check.

    A subclass provides step_d(), noise_batch(), config (with .loss, .k, the optimisers and rates), device, generator,
    discriminator, opt_d, opt_g, RANDOM_STREAMS (the attributes holding its torch or numpy generators), and the
    counters iteration, d_steps, g_steps and the latest _d_loss, _g_loss, _g_grad_norm (0-d tensors, NaN before the
    first step). state_dict() / load_state_dict() are its whole state; checkpoint() / restore() go through them.
    """

    frame_interval = 1.0 / 60.0  # seconds between published snapshots while playing flat out
    RANDOM_STREAMS: ClassVar[tuple[str, ...]] = ()  # attributes holding the run's random generators
    iteration: int
    d_steps: int
    g_steps: int
    _d_loss: torch.Tensor
    _g_loss: torch.Tensor
    _g_grad_norm: torch.Tensor

    @property
    def loss(self) -> Loss:
        return LOSSES[self.config.loss]

    def step_g(self) -> None:
        """One minibatch step of the generator through a fixed D (D's parameters are not updated)."""
        self._g_loss, self._g_grad_norm = generator_step(
            self.loss, self.generator, self.discriminator, self.opt_g, self.noise_batch()
        )
        self.g_steps += 1

    def set_learning_rates(self, lr_d: float, lr_g: float) -> None:
        for optimizer, lr in ((self.opt_d, lr_d), (self.opt_g, lr_g)):
            for group in optimizer.param_groups:
                group["lr"] = lr

    def _begin(self, generator: nn.Module, discriminator: nn.Module) -> None:
        """Take the run's new networks: moved to the device, each with a fresh optimiser of the settings; counters at
        0 and the latest losses NaN until the first steps."""
        self.generator = generator.to(self.device)
        self.discriminator = discriminator.to(self.device)
        self.opt_g = self._optimizer("g", self.config)
        self.opt_d = self._optimizer("d", self.config)
        self.iteration = self.d_steps = self.g_steps = 0
        self._d_loss, self._g_loss, self._g_grad_norm = (torch.tensor(math.nan) for _ in range(3))

    def _optimizer(self, net: str, config: Any) -> torch.optim.Optimizer:
        """A fresh optimiser for net "d" or "g" by the settings (and their momentum, for settings that choose one)."""
        network = self.discriminator if net == "d" else self.generator
        name, lr = getattr(config, f"optimizer_{net}"), getattr(config, f"lr_{net}")
        return make_optimizer(name, network.parameters(), lr, getattr(config, f"momentum_{net}", None))

    def plan_iteration(self) -> list[str]:
        """The sub-steps of the next iteration of Algorithm 1: k 'd' (d_warmup in the very first, for settings that
        have a head start), then g_steps 'g' (one for settings without g_steps)."""
        config = self.config
        warmup = getattr(config, "d_warmup", 0)
        d_steps = warmup if self.iteration == 0 and warmup else config.k
        return ["d"] * d_steps + ["g"] * getattr(config, "g_steps", 1)

    def apply(self, config: Any) -> None:
        """Take the settings that apply without a reset (loss, optimisers, learning rates, k, ...); a new optimiser
        (or momentum, for settings that choose one) starts with fresh state."""
        if self.config.needs_reset(config):
            raise ValueError(f"this change rebuilds the networks: start a new {type(self).__name__}")
        for net in ("d", "g"):
            chosen = (getattr(config, f"optimizer_{net}"), getattr(config, f"momentum_{net}", None))
            if chosen != (getattr(self.config, f"optimizer_{net}"), getattr(self.config, f"momentum_{net}", None)):
                setattr(self, f"opt_{net}", self._optimizer(net, config))
        self.set_learning_rates(config.lr_d, config.lr_g)
        self.config = config

    def sub_step(self, which: str) -> None:
        {"d": self.step_d, "g": self.step_g}[which]()

    def step(self) -> None:
        """One iteration of Algorithm 1: the D steps, then the G steps of plan_iteration()."""
        for which in self.plan_iteration():
            self.sub_step(which)
        self.iteration += 1

    def losses(self) -> tuple[float, float, float]:
        """(D's loss, G's loss, |grad of G's loss w.r.t. G's parameters|) of the latest steps."""
        return float(self._d_loss), float(self._g_loss), float(self._g_grad_norm)

    def _parts(self) -> tuple[dict[str, nn.Module], dict[str, torch.optim.Optimizer], dict[str, RandomStream]]:
        return (
            {net: getattr(self, net) for net in NETWORKS},
            {name: getattr(self, name) for name in OPTIMIZERS},
            {name: getattr(self, name) for name in self.RANDOM_STREAMS},
        )

    def state_dict(self) -> TrainerState:
        """The whole state of the run as plain data (see TrainerState), copied: training on changes nothing in it."""
        losses = {name: getattr(self, f"_{name}") for name in LOSS_NAMES}
        return capture(*self._parts(), losses, {name: getattr(self, name) for name in COUNTERS})

    def load_state_dict(self, state: TrainerState, *, source: str = "the state") -> tuple[str, ...]:
        """Go to a state_dict() of this trainer, or of another one built from the same settings.

        Every name, shape, dtype and type is checked before anything changes: a ValueError naming what does not fit
        leaves the trainer as it was. source names where the tensors came from (for the messages). Returns notes on
        what could not come back exactly (a GPU random stream on a CPU starts afresh); empty when exact.
        """
        networks, optimizers, streams = self._parts()
        loaded = fit(state, networks, optimizers, streams, source)
        for net, values in loaded.networks.items():
            networks[net].load_state_dict(values)
        for name, values in loaded.optimizers.items():
            optimizers[name].load_state_dict(values)
        for name, value in loaded.streams.items():
            set_stream_state(streams[name], value)
        for name, value in loaded.counters.items():
            setattr(self, name, value)
        for name, value in loaded.losses.items():
            setattr(self, f"_{name}", value.to(self.device))
        return loaded.notes

    def checkpoint(self) -> TrainerState:
        """The state to go back to (to undo a step that diverged): state_dict()."""
        return self.state_dict()

    def restore(self, checkpoint: TrainerState) -> None:
        """Go back to a checkpoint() of this trainer: load_state_dict()."""
        self.load_state_dict(checkpoint)

    def run_info(self) -> Any:
        """Facts fixed for the whole run that the views need once (None: the snapshots carry everything)."""
        return None

    def divergence(self) -> str | None:
        """Which statistic went non-finite (e.g. 'D loss = nan'), or None while the run is healthy."""
        d_loss, g_loss, g_grad_norm = self.losses()
        checks = (
            ("D loss", d_loss, self.d_steps > 0),  # before the first D / G step the values are NaN by design
            ("G loss", g_loss, self.g_steps > 0),
            ("G gradient norm", g_grad_norm, self.g_steps > 0),
        )
        for name, value, has_run in checks:
            if has_run and not math.isfinite(value):
                return f"{name} = {value}"
        return None

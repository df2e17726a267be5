"""The two moves of Algorithm 1, shared by the 1-D and the image trainers: one D step, one G step."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import torch
from torch import nn

from ganlab.core.losses import LOSSES, Loss, clip_weights, gradient_penalty

# Adam's beta1 or SGD's momentum when a configuration does not choose one: beta1 = 0.5 is the usual GAN setting
# (Radford et al.); the paper used SGD with momentum.
DEFAULT_MOMENTUM = {"adam": 0.5, "sgd": 0.9}


def make_optimizer(name: str, params: Any, lr: float, momentum: float | None = None) -> torch.optim.Optimizer:
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


@dataclass(frozen=True)
class Checkpoint:
    """Everything needed to go back to one moment of a run (used to undo a step that diverged)."""

    generator: dict
    discriminator: dict
    opt_g: dict
    opt_d: dict
    counters: tuple[int, int, int]
    losses: tuple[torch.Tensor, torch.Tensor, torch.Tensor]
    random_states: tuple[Any, ...]  # one per RANDOM_STREAMS entry


def _stream_state(stream: torch.Generator | np.random.Generator) -> Any:
    return stream.get_state() if isinstance(stream, torch.Generator) else copy.deepcopy(stream.bit_generator.state)


def _set_stream_state(stream: torch.Generator | np.random.Generator, state: Any) -> None:
    if isinstance(stream, torch.Generator):
        stream.set_state(state)
    else:
        stream.bit_generator.state = state


class AlgorithmOne:
    """What the 1-D and image trainers share around their networks: Algorithm 1's loop, checkpoints, the health check.

    A subclass provides step_d(), plan_iteration(), noise_batch(), config (with .loss), generator, discriminator,
    opt_d, opt_g, RANDOM_STREAMS (for checkpoints), and the counters iteration, d_steps, g_steps and the latest
    _d_loss, _g_loss, _g_grad_norm (0-d tensors, NaN before the first step).
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

    def checkpoint(self) -> Checkpoint:
        return Checkpoint(
            copy.deepcopy(self.generator.state_dict()),
            copy.deepcopy(self.discriminator.state_dict()),
            copy.deepcopy(self.opt_g.state_dict()),
            copy.deepcopy(self.opt_d.state_dict()),
            (self.iteration, self.d_steps, self.g_steps),
            (self._d_loss, self._g_loss, self._g_grad_norm),
            tuple(_stream_state(getattr(self, name)) for name in self.RANDOM_STREAMS),
        )

    def restore(self, checkpoint: Checkpoint) -> None:
        self.generator.load_state_dict(checkpoint.generator)
        self.discriminator.load_state_dict(checkpoint.discriminator)
        self.opt_g.load_state_dict(checkpoint.opt_g)
        self.opt_d.load_state_dict(checkpoint.opt_d)
        self.iteration, self.d_steps, self.g_steps = checkpoint.counters
        self._d_loss, self._g_loss, self._g_grad_norm = checkpoint.losses
        for name, state in zip(self.RANDOM_STREAMS, checkpoint.random_states, strict=True):
            _set_stream_state(getattr(self, name), state)

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

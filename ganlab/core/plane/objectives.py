"""D's objective with the plane's penalties, and G's loss through unrolled D steps (Metz et al. 2017).

Both take D as a callable of packs (and an optional context), so the same code serves D's own parameters in a D step
and a functional copy of them inside an unrolled G loss.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn
from torch.func import functional_call

from ganlab.core.losses import Loss, gradient_penalty

Critic = Callable[..., torch.Tensor]  # (packs, context=None) -> (n, 1) raw outputs
Batch = Callable[[], torch.Tensor]  # draws the next batch of packs
ADAM_FLOOR = 1e-24  # the unrolled Adam's sqrt(v) is clamped here: its derivative at v = 0 is infinite (NaN grads)


def r1_penalty(critic: Critic, real: torch.Tensor) -> torch.Tensor:
    """E |grad_x D(x)|^2 over real packs (Mescheder et al. 2018), differentiable in D's parameters; D's raw output
    (the logit for probability losses) is what is differentiated."""
    x = real.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(x).sum(), x, create_graph=True)
    return grad.pow(2).sum(dim=1).mean()


def d_objective(
    loss: Loss, critic: Critic, real: torch.Tensor, fake: torch.Tensor, r1: float, penalty_rng: torch.Generator
) -> torch.Tensor:
    """D's loss on real and fake packs, with the loss's own gradient penalty (WGAN-GP) and gamma/2 R1 when r1 > 0."""
    value = loss.d_loss(critic(real), critic(fake))
    if loss.gradient_penalty:
        value = value + loss.gradient_penalty * gradient_penalty(critic, real, fake, penalty_rng)
    if r1:
        value = value + 0.5 * r1 * r1_penalty(critic, real)
    return value


def functional_critic(discriminator: nn.Module, params: dict[str, torch.Tensor]) -> Critic:
    def critic(x: torch.Tensor, context: torch.Tensor | None = None) -> torch.Tensor:
        return functional_call(discriminator, params, (x,), {"context": context})

    return critic


def functional_step(
    optimizer: torch.optim.Optimizer,
    params: list[torch.Tensor],
    grads: tuple[torch.Tensor, ...],
    state: list[dict[str, torch.Tensor]],
) -> list[torch.Tensor]:
    """One differentiable step of D's own optimiser (Adam or SGD with momentum, as make_optimizer builds them).

    state holds the running moments per parameter, starting from copies of the real optimiser's (detached): the
    unrolled D moves as D itself would. The real optimiser and parameters are never touched.
    """
    group = optimizer.param_groups[0]
    lr = group["lr"]
    stepped = []
    if isinstance(optimizer, torch.optim.Adam):
        beta1, beta2 = group["betas"]
        for p, g, s in zip(params, grads, state, strict=True):
            s["step"] = s["step"] + 1
            s["m"] = beta1 * s["m"] + (1.0 - beta1) * g
            s["v"] = beta2 * s["v"] + (1.0 - beta2) * g * g
            v_hat = s["v"] / (1.0 - beta2 ** s["step"])
            m_hat = s["m"] / (1.0 - beta1 ** s["step"])
            stepped.append(p - lr * m_hat / (v_hat.clamp_min(ADAM_FLOOR).sqrt() + group["eps"]))
    else:
        momentum = group["momentum"]
        for p, g, s in zip(params, grads, state, strict=True):
            s["buf"] = g if s["buf"] is None or not momentum else momentum * s["buf"] + g
            stepped.append(p - lr * s["buf"])
    return stepped


def copy_optimizer_state(optimizer: torch.optim.Optimizer, originals: list[nn.Parameter]) -> list[dict]:
    states = []
    for p in originals:
        saved = optimizer.state.get(p, {})
        if isinstance(optimizer, torch.optim.Adam):
            states.append(
                {
                    "step": float(saved["step"]) if "step" in saved else 0.0,
                    "m": saved["exp_avg"].detach().clone() if "exp_avg" in saved else torch.zeros_like(p),
                    "v": saved["exp_avg_sq"].detach().clone() if "exp_avg_sq" in saved else torch.zeros_like(p),
                }
            )
        else:
            buf = saved.get("momentum_buffer")
            states.append({"buf": None if buf is None else buf.detach().clone()})
    return states


def unrolled_g_loss(
    loss: Loss,
    discriminator: nn.Module,
    optimizer_d: torch.optim.Optimizer,
    steps: int,
    real_batch: Batch,
    fake_batch: Batch,
    final_fakes: torch.Tensor,
    r1: float,
    penalty_rng: torch.Generator,
) -> torch.Tensor:
    """G's loss on final_fakes judged by D after `steps` differentiable steps of D's own optimiser (Metz et al. 2017).

    Each unrolled step draws fresh real packs and G's fake packs *with* their graph, so G's gradient includes how D
    would answer its move. The steps run on detached copies of D's parameters and optimiser moments: D, its .grad
    and its optimiser are exactly as before. Weight clipping (WGAN) is applied inside the unroll as D would.
    """
    names = [name for name, _ in discriminator.named_parameters()]
    originals = [p for _, p in discriminator.named_parameters()]
    params = [p.detach().clone().requires_grad_(True) for p in originals]
    state = copy_optimizer_state(optimizer_d, originals)
    for _ in range(steps):
        critic = functional_critic(discriminator, dict(zip(names, params, strict=True)))
        value = d_objective(loss, critic, real_batch(), fake_batch(), r1, penalty_rng)
        grads = torch.autograd.grad(value, params, create_graph=True)
        params = functional_step(optimizer_d, params, grads, state)
        if loss.weight_clip is not None:
            params = [p.clamp(-loss.weight_clip, loss.weight_clip) for p in params]
    critic = functional_critic(discriminator, dict(zip(names, params, strict=True)))
    return loss.g_loss(critic(final_fakes))

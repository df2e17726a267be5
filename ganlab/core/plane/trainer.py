"""Algorithm 1 of Goodfellow et al. 2014 in the plane, with the fixes for mode collapse as settings: G's loss through
unrolled D steps (Metz et al. 2017), packs of samples judged together (PacGAN), R1 on real data, minibatch features."""

from __future__ import annotations

import math
import time

import numpy as np
import torch
from scipy.special import expit

from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.losses import clip_weights
from ganlab.core.models import mlp
from ganlab.core.plane import metrics
from ganlab.core.plane.config import PlaneConfig
from ganlab.core.plane.networks import PlaneDiscriminator, packed, second_order
from ganlab.core.plane.objectives import d_objective, unrolled_g_loss
from ganlab.core.plane.snapshot import PlaneRunInfo, PlaneSnapshot

GRID_BINS = 64  # heat-map and density cells per side
FIXED_SAMPLES = 512  # fakes of the fixed z batch, and fixed reals
MANIFOLD_SIDE = 21  # G's manifold: the image of a 21 x 21 z grid (441 points on a line for 1-D z)
DENSITY_SAMPLES = 4096  # G samples behind p_g; the first 2,500 also give the mode metrics (PacGAN's protocol)
W1_POINTS = 64  # the exact W1 costs ~0.4 ms at 64 points a side, ~2.5 ms at 128, ~70 ms at 512 (one core)
CONTEXT_PACKS = 32  # with minibatch features, grid points are judged against this many fake packs ...
ARROW_CHUNK = 128  # ... and the fakes' arrows come from batches of this many packs
# Snapshot cost, measured on one CPU thread: ~3.5 ms for ring-8 with the defaults (G on 4,096 + 441 z, D on 4,096
# cells and the arrows ~2.5 ms, W1 ~0.4 ms, metrics ~0.5 ms), beside ~2 ms an iteration; 13-20 ms with 8 minibatch
# kernels (its pairwise distances are O(n^2)). At 60 frames/s that is ~20% of one core's time, at 30 ~10%: the
# issue asks >= 30 frames/s and in-app training >= 0.9x the bare loop, so the plane publishes 30 a second.
FRAME_INTERVAL = 1.0 / 30.0


class PlaneTrainer(AlgorithmOne):
    """Owns G, D, their optimisers and random streams for a plane run; all numerics of the plane live here."""

    frame_interval = FRAME_INTERVAL
    RANDOM_STREAMS = ("noise_rng", "data_rng", "penalty_rng")

    def __init__(self, config: PlaneConfig, device: str | torch.device = "cpu") -> None:
        self.config = config
        self.device = torch.device(device) if isinstance(device, str) else device
        self.target = config.make_target()
        self.prior = NOISE_PRIORS[config.noise]
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(config.seed)
            generator = mlp(config.noise_dim, 2, config.g_width, config.g_depth, config.activation)
            discriminator = PlaneDiscriminator(
                config.pack, config.d_width, config.d_depth, config.activation, config.minibatch_features
            )
        self._begin(generator, discriminator)
        self.noise_rng = torch.Generator().manual_seed(config.seed + 1)
        self.data_rng = torch.Generator().manual_seed(config.seed + 2)
        self.penalty_rng = torch.Generator().manual_seed(config.seed + 3)
        self._build_view_inputs()

    # ---- the view's fixed inputs, drawn from their own generators so that they leave the training streams alone
    def _build_view_inputs(self) -> None:
        (x0, x1), (y0, y1) = self.target.bounds
        self.x_edges = np.linspace(x0, x1, GRID_BINS + 1)
        self.y_edges = np.linspace(y0, y1, GRID_BINS + 1)
        self.cell_area = float((x1 - x0) * (y1 - y0)) / GRID_BINS**2
        self.p_data = self.target.cell_mass(self.x_edges, self.y_edges) / self.cell_area  # exact, fixed for the run
        centres_x = 0.5 * (self.x_edges[1:] + self.x_edges[:-1])
        centres_y = 0.5 * (self.y_edges[1:] + self.y_edges[:-1])
        grid = np.stack(np.meshgrid(centres_x, centres_y, indexing="ij"), axis=-1).reshape(-1, 2)  # [ix, iy] order
        seed, dim = self.config.seed, self.config.noise_dim
        self.reals = self.target.sample(FIXED_SAMPLES, torch.Generator().manual_seed(seed + 11)).numpy()
        # The centres' pack companions: the first pack - 1 fixed reals (a point is judged beside real ones).
        companions = np.broadcast_to(
            self.reals[: self.config.pack - 1].reshape(1, -1), (len(grid), 2 * (self.config.pack - 1))
        )
        self._grid_packs = torch.as_tensor(
            np.concatenate([grid, companions], axis=1), dtype=torch.float32, device=self.device
        )
        low, high = self.prior.display_range
        axis = np.linspace(low, high, MANIFOLD_SIDE if dim == 2 else MANIFOLD_SIDE**2)
        if dim == 2:
            self.manifold_z = np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1)  # (21, 21, 2)
        else:
            self.manifold_z = axis[:, None]  # (441, 1)
        view_rng = torch.Generator().manual_seed(seed + 10)
        cpu = torch.device("cpu")
        # One fixed draw (p_g does not flicker); its first FIXED_SAMPLES are the fixed fakes' z.
        density_z = self.prior.sample(DENSITY_SAMPLES, dim, view_rng, cpu)
        manifold_z = torch.as_tensor(self.manifold_z.reshape(-1, dim), dtype=torch.float32)
        self._view_z = torch.cat([density_z, manifold_z]).to(self.device)  # one G pass per snapshot

    # ---- batches: batch_size packs of `pack` points each
    def real_batch(self) -> torch.Tensor:
        points = self.target.sample(self.config.batch_size * self.config.pack, self.data_rng)
        return packed(points.to(self.device), self.config.pack)

    def noise_batch(self) -> torch.Tensor:
        n = self.config.batch_size * self.config.pack
        return self.prior.sample(n, self.config.noise_dim, self.noise_rng, self.device)

    def fake_batch(self) -> torch.Tensor:
        """G's packs of a fresh noise batch, with their graph (for G's loss)."""
        return packed(self.generator(self.noise_batch()), self.config.pack)

    # ---- Algorithm 1
    def step_d(self) -> None:
        """One minibatch step of the discriminator (G is held fixed), with WGAN-GP's and R1's penalties when set."""
        real = self.real_batch()
        with torch.no_grad():
            fake = self.fake_batch()
        with second_order(self.discriminator, bool(self.loss.gradient_penalty or self.config.r1)):
            value = d_objective(self.loss, self.discriminator, real, fake, self.config.r1, self.penalty_rng)
            self.opt_d.zero_grad(set_to_none=True)
            value.backward()
        self.opt_d.step()
        if self.loss.weight_clip is not None:
            clip_weights(self.discriminator, self.loss.weight_clip)
        self._d_loss = value.detach()
        self.d_steps += 1

    def _g_objective(self) -> torch.Tensor:
        fakes = self.fake_batch()
        if not self.config.unroll:
            return self.loss.g_loss(self.discriminator(fakes))
        return unrolled_g_loss(
            self.loss,
            self.discriminator,
            self.opt_d,
            self.config.unroll,
            self.real_batch,
            self.fake_batch,
            fakes,
            self.config.r1,
            self.penalty_rng,
        )

    def step_g(self) -> None:
        """One minibatch step of G through a fixed D, or through `unroll` differentiable steps of a copy of D."""
        for parameter in self.discriminator.parameters():
            parameter.requires_grad_(False)  # D's own parameters get no gradient from G's loss
        try:
            with second_order(self.discriminator, self.config.unroll > 0):
                value = self._g_objective()
                self.opt_g.zero_grad(set_to_none=True)
                value.backward()
        finally:
            for parameter in self.discriminator.parameters():
                parameter.requires_grad_(True)
        grads = [p.grad for p in self.generator.parameters() if p.grad is not None]
        self._g_grad_norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
        self.opt_g.step()
        self._g_loss = value.detach()
        self.g_steps += 1

    def run_info(self) -> PlaneRunInfo:
        return PlaneRunInfo(
            target=self.target.key,
            label=self.target.label,
            bounds=self.target.bounds,
            grid_bins=GRID_BINS,
            noise=self.config.noise,
            noise_dim=self.config.noise_dim,
            manifold_z=self.manifold_z.copy(),
            modes=None if self.target.modes is None else self.target.modes.copy(),
            sigma=self.target.sigma,
        )

    # ---- the picture
    def _arrows(self, fakes: torch.Tensor) -> np.ndarray:
        """-d loss_G / dx at each fake, judged in consecutive packs as G trains (the last pack wraps to the first
        fakes when 512 is not a multiple of pack). The loss is a mean over packs: times their number, per pack.
        With minibatch features a pack is judged among ARROW_CHUNK packs, like a training batch (and O(n^2))."""
        pack = self.config.pack
        x = torch.nan_to_num(fakes.detach()).requires_grad_(True)
        index = torch.arange(math.ceil(len(x) / pack) * pack, device=x.device) % len(x)
        with torch.enable_grad():
            packs = packed(x[index], pack)
            chunk = ARROW_CHUNK if self.discriminator.minibatch is not None else len(packs)
            per_pack = sum(self.loss.g_loss(self.discriminator(part)) * len(part) for part in packs.split(chunk))
            (grad,) = torch.autograd.grad(per_pack, x)
        return -grad.cpu().numpy()

    @torch.no_grad()
    def _judge_grid(self, fakes: torch.Tensor) -> np.ndarray:
        context = None
        if self.discriminator.minibatch is not None:
            pack = self.config.pack
            context = packed(torch.nan_to_num(fakes[: CONTEXT_PACKS * pack]), pack)
        out = self.discriminator(self._grid_packs, context).view(GRID_BINS, GRID_BINS)
        return out.cpu().numpy().astype(np.float64)

    @torch.no_grad()
    def snapshot(self, phase: str = "iteration") -> PlaneSnapshot:
        loss = self.loss
        generated = self.generator(self._view_z)  # fixed fakes, the manifold, G's density sample: one pass
        fakes_t = generated[:FIXED_SAMPLES]
        arrows = self._arrows(fakes_t)
        grid_out = self._judge_grid(fakes_t)
        generated = generated.cpu().numpy().astype(np.float64)
        density, fakes = generated[:DENSITY_SAMPLES], generated[:FIXED_SAMPLES]
        manifold = generated[DENSITY_SAMPLES:].reshape(*self.manifold_z.shape[:-1], 2)
        p_g, _ = metrics.histogram_density(density, self.x_edges, self.y_edges)
        divergences = metrics.grid_divergences(self.p_data, p_g, self.cell_area)
        covered = high_quality = mode_kl = math.nan
        if self.target.modes is not None:
            stats = metrics.mode_stats(
                density[: metrics.PROTOCOL_SAMPLES], self.target.modes, self.target.sigma, self.target.mode_weights
            )
            covered, high_quality, mode_kl = float(stats.covered), stats.high_quality_pct, stats.reverse_kl
        d_loss, g_loss, g_grad_norm = self.losses()
        return PlaneSnapshot(
            fakes=fakes,
            reals=self.reals,
            d_grid=expit(grid_out) if loss.d_is_probability else grid_out,
            manifold=manifold,
            arrows=arrows,
            p_data=self.p_data,
            p_g=p_g,
            bounds=self.target.bounds,
            iteration=self.iteration,
            d_steps=self.d_steps,
            g_steps=self.g_steps,
            d_loss=d_loss,
            g_loss=g_loss,
            g_grad_norm=g_grad_norm,
            kl=divergences.kl_pq,
            kl_reverse=divergences.kl_qp,
            js=divergences.js,
            w1=metrics.w1_samples(fakes[:W1_POINTS], self.reals[:W1_POINTS]),
            modes_covered=covered,
            high_quality_pct=high_quality,
            mode_kl=mode_kl,
            loss=self.config.loss,
            d_is_probability=loss.d_is_probability,
            phase=phase,
            device=str(self.device),
            created=time.monotonic(),
        )

"""Algorithm 1 of Goodfellow et al. 2014 on a 1-D target: k discriminator steps, then generator steps."""

from __future__ import annotations

import math
import time

import numpy as np
import torch
from scipy.special import expit

from ganlab.core import metrics
from ganlab.core.adversarial import AlgorithmOne, discriminator_step
from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.models import mlp
from ganlab.core.run_config import RunConfig
from ganlab.core.snapshot import Snapshot

GRID_BINS = 400
# G is evaluated on this many z per snapshot to estimate p_g: stratified quantiles when z is 1-D (exact up to
# the histogram's resolution), a fixed random draw otherwise. Snapshots run at 60 Hz, so they must stay cheap.
STRATIFIED_SAMPLES = 1024
RANDOM_SAMPLES = 2048
ARROWS = 25
HISTOGRAM_BINS = 80  # the raw-histogram overlay: coarse enough to show the sampling noise the smooth p_g hides
SATURATION_POINTS = 128  # G's samples that D judges for V(D, G), D's accuracy and the saturation view
MIN_SMOOTHING_BINS = 1.0
MAX_SMOOTHING_BINS = GRID_BINS / 10  # the kernel (8 sigma wide) must stay shorter than the grid


def resolve_device(name: str = "auto") -> torch.device:
    """'auto' picks cuda, then mps, then cpu; any other name is used as given (and must exist)."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    device = torch.device(name)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was asked for, but torch sees no CUDA GPU here")
    if device.type == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ValueError("device 'mps' was asked for, but this machine has no Apple GPU available to torch")
    return device


class Trainer(AlgorithmOne):
    """Owns G, D, their optimisers and random streams; all numerics of a 1-D run live here."""

    RANDOM_STREAMS = ("noise_rng", "penalty_rng", "data_rng")

    def __init__(self, config: RunConfig, device: str | torch.device = "cpu") -> None:
        self.config = config
        self.device = torch.device(device) if isinstance(device, str) else device
        self.target = config.make_target()
        self.prior = NOISE_PRIORS[config.noise]
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(config.seed)
            generator = mlp(config.noise_dim, 1, config.g_width, config.g_depth, config.activation)
            discriminator = mlp(1, 1, config.d_width, config.d_depth, config.activation)
        self._begin(generator, discriminator)
        self.noise_rng = torch.Generator().manual_seed(config.seed + 1)
        self.penalty_rng = torch.Generator().manual_seed(config.seed + 3)
        self.data_rng = np.random.default_rng(config.seed + 2)
        self._build_view_inputs()

    # ---- the view's fixed inputs: the x grid, stratified z for p_g, z for the arrows
    def _build_view_inputs(self) -> None:
        edges = metrics.grid_edges(self.target.x_range, GRID_BINS)
        self.grid = 0.5 * (edges[1:] + edges[:-1])
        self.grid_edges = edges
        self.dx = float(edges[1] - edges[0])
        self.p_data = self.target.pdf(self.grid)
        dim = self.config.noise_dim
        if dim == 1:
            z = self.prior.quantiles(STRATIFIED_SAMPLES)[:, None]
        else:  # a fixed draw, so p_g does not flicker from frame to frame
            z = self.prior.sample(RANDOM_SAMPLES, dim, torch.Generator().manual_seed(12345), torch.device("cpu"))
            z = z.numpy()
        self._density_z = torch.as_tensor(z, dtype=torch.float32, device=self.device)
        low, high = self.prior.display_range
        self.arrow_z = np.linspace(low, high, ARROWS)
        arrow_input = np.zeros((ARROWS, dim))
        arrow_input[:, 0] = self.arrow_z  # with dim > 1 the arrows follow z's first coordinate, others at 0
        self._generator_input = torch.cat(
            [self._density_z, torch.as_tensor(arrow_input, dtype=torch.float32, device=self.device)]
        )
        self._grid_x = torch.as_tensor(self.grid[:, None], dtype=torch.float32, device=self.device)
        self.hist_edges = metrics.grid_edges(self.target.x_range, HISTOGRAM_BINS)

    # ---- batches
    def real_batch(self) -> torch.Tensor:
        x = self.target.sample(self.config.batch_size, self.data_rng)
        return torch.as_tensor(x, dtype=torch.float32).view(-1, 1).to(self.device)

    def noise_batch(self) -> torch.Tensor:
        return self.prior.sample(self.config.batch_size, self.config.noise_dim, self.noise_rng, self.device)

    # ---- Algorithm 1
    def step_d(self) -> None:
        """One minibatch step of the discriminator (G is held fixed)."""
        real = self.real_batch()
        with torch.no_grad():
            fake = self.generator(self.noise_batch())
        self._d_loss = discriminator_step(self.loss, self.discriminator, self.opt_d, real, fake, self.penalty_rng)
        self.d_steps += 1

    def _generator_push(self, x: np.ndarray) -> np.ndarray:
        """-d loss_G / d x for each sample x: the direction and size of the push the selected loss gives it."""
        points = torch.as_tensor(x, dtype=torch.float32, device=self.device).view(-1, 1)
        points = torch.nan_to_num(points).requires_grad_(True)
        with torch.enable_grad():
            per_sample = self.loss.g_loss(self.discriminator(points)) * len(points)  # the loss is a batch mean
            (grad,) = torch.autograd.grad(per_sample, points)
        return -grad.view(-1).cpu().numpy()

    @torch.no_grad()
    def snapshot(self, phase: str = "iteration") -> Snapshot:
        loss = self.loss
        # One G pass over the density z and the arrow z, one D pass over the grid and G's samples.
        generated = self.generator(self._generator_input).view(-1)
        samples, g_z = generated[:-ARROWS], generated[-ARROWS:].cpu().numpy()
        # D judges an evenly spread subset of G's samples: enough for the expectations over p_g, and cheaper.
        judged_samples = samples[:: max(1, len(samples) // SATURATION_POINTS)]
        judged = self.discriminator(torch.cat([self._grid_x, torch.nan_to_num(judged_samples).view(-1, 1)])).view(-1)
        judged = judged.cpu().numpy().astype(np.float64)
        grid_out, fake_out = judged[:GRID_BINS], judged[GRID_BINS:]
        samples = samples.cpu().numpy()
        finite = np.sort(samples[np.isfinite(samples)])
        # A KDE-like smoothing width (Silverman's rule), applied to a histogram: ~0.2 ms instead of ~30 ms.
        sigma_bins = metrics.silverman_bandwidth(finite) / self.dx
        if not math.isfinite(sigma_bins):  # a diverging G: samples at +-1e38
            sigma_bins = MIN_SMOOTHING_BINS
        kernel = metrics.gaussian_kernel(min(max(sigma_bins, MIN_SMOOTHING_BINS), MAX_SMOOTHING_BINS))
        p_g, outside = metrics.density_from_samples(samples, self.grid_edges, kernel)
        hist, _ = np.histogram(finite, bins=self.hist_edges)
        hist_density = hist / (max(len(samples), 1) * (self.hist_edges[1] - self.hist_edges[0]))
        d_loss, g_loss, g_grad_norm = self.losses()
        jsd = metrics.jsd(self.p_data, p_g, self.dx, outside)
        threshold = loss.real_threshold
        if loss.d_is_probability:
            # V(D, G) in Eq. 1: data term by quadrature on the grid, generator term over G's stratified samples
            log_d = -np.logaddexp(0.0, -grid_out)
            value = float(np.sum(self.p_data * log_d) * self.dx - np.mean(np.logaddexp(0.0, fake_out)))
            d_shown, fake_shown = expit(grid_out), expit(fake_out)
        else:
            value = math.nan
            d_shown, fake_shown = grid_out, fake_out
        return Snapshot(
            x=self.grid,
            p_data=self.p_data,
            p_g=p_g,
            d=d_shown,
            z=self.arrow_z,
            g_z=g_z,
            d_star=metrics.optimal_discriminator(self.p_data, p_g),
            g_grad=self._generator_push(g_z),
            d_fake=fake_shown,
            hist_x=0.5 * (self.hist_edges[1:] + self.hist_edges[:-1]),
            hist_density=hist_density,
            x_range=self.target.x_range,
            z_range=self.prior.display_range,
            iteration=self.iteration,
            d_steps=self.d_steps,
            g_steps=self.g_steps,
            d_loss=d_loss,
            g_loss=g_loss,
            g_grad_norm=g_grad_norm,
            jsd=jsd,
            kl=metrics.kl(self.p_data, p_g, self.dx),
            kl_reverse=metrics.kl(p_g, self.p_data, self.dx) if outside == 0 else math.inf,
            w1=metrics.wasserstein1(self.p_data, self.grid, self.dx, finite),
            value=value,
            c_of_g=-math.log(4.0) + 2.0 * jsd,
            d_acc_real=float(np.sum(self.p_data[grid_out > threshold]) * self.dx),
            d_acc_fake=float(np.mean(fake_out < threshold)) if len(fake_out) else math.nan,
            loss=self.config.loss,
            d_is_probability=loss.d_is_probability,
            phase=phase,
            device=str(self.device),
            created=time.monotonic(),
        )

"""Algorithm 1 of Goodfellow et al. 2014 on small grey images (the "move to digits" lesson after the 1-D one).

The same loss table as the 1-D trainer (losses.LOSSES, with its weight clipping and per-sample gradient penalty),
the paper's fully connected nets or a small DCGAN (image_models.py), a fixed batch of z whose samples the class
watches evolve, D's verdict on any image, decode(z) for latent sliders, and the nearest training image of each
sample (the paper's Figure 2 check that G does not just memorise). No Qt here.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator, Sequence

import numpy as np
import torch
from torch import nn

from ganlab.core.adversarial import AlgorithmOne, discriminator_step
from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.image_config import ImageConfig
from ganlab.core.image_models import SeededDropout, build_networks
from ganlab.core.image_snapshot import DecodedImages, ImageRunInfo, ImageSnapshot, NearestImages

FIXED_SAMPLES = 64  # the sample grid: 8 x 8 images from one fixed batch of z
NEAREST_CHUNK = 2048  # training images per torch.cdist call in nearest_training_images
# Seconds between published frames while playing. A frame (64 samples, D on them and on 64 real images) costs ~3.5 ms
# beside ~10 ms training iterations: at 10 frames/s the trainer keeps 0.93-0.95 of its bare speed in the window
# (`ganlab bench --preset digits --seconds 20`; 15 frames/s measured 0.84-0.92), and digits change slowly enough that
# 10 frames/s still reads as continuous.
FRAME_INTERVAL = 1.0 / 10.0


def _as_images(images: np.ndarray | torch.Tensor) -> np.ndarray:
    """Anything image-like (uint8 0-255 or floats 0-1; (N, H, W) or (H, W)) as float32 (N, H, W)."""
    array = images.detach().cpu().numpy() if isinstance(images, torch.Tensor) else np.asarray(images)
    if array.dtype == np.uint8:
        array = array.astype(np.float32) / np.float32(255)
    array = array.astype(np.float32, copy=False)
    return array[None] if array.ndim == 2 else array


@contextlib.contextmanager
def _evaluating(*modules: nn.Module) -> Iterator[None]:
    """Eval mode (BatchNorm's running statistics, no dropout) and no autograd, then each module's mode as before."""
    modes = [m.training for m in modules]
    try:
        for m in modules:
            m.eval()
        with torch.no_grad():
            yield
    finally:
        for m, mode in zip(modules, modes, strict=True):
            m.train(mode)


def _real_grid_index(count: int, labels: np.ndarray | None, seed: int) -> torch.Tensor:
    """Which training images the real-data grid shows: 64 fixed ones, ordered by class when there are labels."""
    rng = np.random.default_rng(seed + 6)
    index = rng.choice(count, size=FIXED_SAMPLES, replace=count < FIXED_SAMPLES)
    if labels is not None:
        index = index[np.argsort(labels[index], kind="stable")]
    return torch.as_tensor(index, dtype=torch.long)


class ImageTrainer(AlgorithmOne):
    """Owns G, D, their optimisers and random streams for an image run; networks see flat (batch, H*W) pixels.

    images: the training set (uint8 or floats in [0, 1], (N, H, W)), loaded by the caller (the core reads no files:
    ganlab.app.images builds a trainer on config.dataset); labels are optional; dataset_name is what the views call it.
    """

    frame_interval = FRAME_INTERVAL
    ANSWERS = {"decode": "answer_decode", "nearest": "answer_nearest"}  # questions the views ask (protocol.Question)
    RANDOM_STREAMS = ("noise_rng", "data_rng", "penalty_rng", "dropout_rng")

    def __init__(
        self,
        config: ImageConfig,
        images: np.ndarray | torch.Tensor,
        labels: np.ndarray | None = None,
        device: str | torch.device = "cpu",
        dataset_name: str = "images given by the caller",
    ) -> None:
        self.config = config
        self.device = torch.device(device) if isinstance(device, str) else device
        self.dataset_name = dataset_name
        images = _as_images(images)
        if config.train_images:
            images = images[: config.train_images]
            labels = None if labels is None else labels[: config.train_images]
        if images.ndim != 3 or len(images) == 0:
            raise ValueError(f"training images must be a non-empty (N, H, W) stack (got shape {images.shape})")
        self.labels = None if labels is None else np.asarray(labels)
        self.height, self.width = int(images.shape[1]), int(images.shape[2])
        self.data = torch.as_tensor(images.reshape(len(images), -1), device=self.device)  # (N, H*W) in [0, 1]
        self.prior = NOISE_PRIORS[config.noise]
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(config.seed)
            generator, discriminator = build_networks(
                config.architecture,
                config.noise_dim,
                self.height,
                self.width,
                config.g_width,
                config.d_width,
                config.maxout_pieces,
                config.dropout,
                config.input_dropout,
            )
        if config.architecture == "mlp":
            # As the paper's code did: G's output biases start at the training pixels' mean intensities (logits).
            mean = self.data.mean(dim=0).clamp(1e-3, 1.0 - 1e-3).cpu()
            with torch.no_grad():
                generator[-2].bias.copy_(torch.log(mean) - torch.log1p(-mean))
        self._begin(generator, discriminator)
        self.noise_rng = torch.Generator().manual_seed(config.seed + 1)
        self.data_rng = torch.Generator().manual_seed(config.seed + 2)
        self.penalty_rng = torch.Generator().manual_seed(config.seed + 3)
        self.dropout_rng = torch.Generator(device=self.device).manual_seed(config.seed + 5)
        for module in self.discriminator.modules():
            if isinstance(module, SeededDropout):
                module.generator = self.dropout_rng
        fixed_rng = torch.Generator().manual_seed(config.seed + 4)
        self.fixed_noise = self.prior.sample(FIXED_SAMPLES, config.noise_dim, fixed_rng, self.device)
        self.real_index = _real_grid_index(len(self.data), self.labels, config.seed).to(self.device)

    # ---- batches
    @property
    def image_shape(self) -> tuple[int, int]:
        return self.height, self.width

    def real_batch(self) -> torch.Tensor:
        """A minibatch of training images, drawn with replacement: (batch, H*W)."""
        index = torch.randint(len(self.data), (self.config.batch_size,), generator=self.data_rng)
        return self.data[index.to(self.device)]

    def noise_batch(self) -> torch.Tensor:
        return self.prior.sample(self.config.batch_size, self.config.noise_dim, self.noise_rng, self.device)

    # ---- Algorithm 1
    def step_d(self) -> None:
        """One minibatch step of the discriminator (G is held fixed, its BatchNorm statistics included)."""
        loss_spec = self.loss
        real = self.real_batch()
        with torch.no_grad():
            kept = [buffer.clone() for buffer in self.generator.buffers()]
            fake = self.generator(self.noise_batch())  # train mode: the fakes G's own step will see
            for buffer, value in zip(self.generator.buffers(), kept, strict=True):
                buffer.copy_(value)  # so that a D step leaves G's samples exactly as they were
        self._d_loss = discriminator_step(loss_spec, self.discriminator, self.opt_d, real, fake, self.penalty_rng)
        self.d_steps += 1

    # ---- what the views show
    def decode(self, z: np.ndarray | torch.Tensor) -> np.ndarray:
        """G's images for any z, shape (N, noise_dim) or (noise_dim,): float32 (N, H, W) in [0, 1].

        G runs in eval mode (BatchNorm's running statistics), so each image depends on its own z only.
        """
        z = torch.as_tensor(z, dtype=torch.float32, device=self.device)
        if z.ndim == 1:
            z = z[None]
        if z.ndim != 2 or z.shape[1] != self.config.noise_dim:
            raise ValueError(f"z must have shape (N, {self.config.noise_dim}) (got {tuple(z.shape)})")
        with _evaluating(self.generator):
            images = self.generator(z)
        return images.view(-1, self.height, self.width).cpu().numpy()

    def samples(self) -> np.ndarray:
        """G's images of the fixed noise batch: float32 (64, H, W) in [0, 1], the same z every call."""
        return self.decode(self.fixed_noise)

    def d_verdict(self, images: np.ndarray | torch.Tensor) -> np.ndarray:
        """D's verdict per image (eval mode, no dropout): P(real) for probability losses, else the critic's score."""
        x = torch.as_tensor(_as_images(images), device=self.device)
        with _evaluating(self.discriminator):
            out = self.discriminator(x.reshape(len(x), -1)).view(-1)
        if self.loss.d_is_probability:
            out = torch.sigmoid(out)
        return out.cpu().numpy()

    def nearest_training_images(
        self, samples: np.ndarray | torch.Tensor, chunk: int = NEAREST_CHUNK
    ) -> tuple[np.ndarray, np.ndarray]:
        """For each sample, the index of its nearest training image and the Euclidean pixel distance (Figure 2).

        Pixels are in [0, 1]; the training set is compared in chunks of `chunk` images with torch.cdist.
        """
        x = torch.as_tensor(_as_images(samples), device=self.device)
        x = x.reshape(len(x), -1)
        if x.shape[1] != self.data.shape[1]:
            raise ValueError(f"samples must be {self.height}x{self.width} images (got {x.shape[1]} pixels each)")
        best = torch.full((len(x),), math.inf, device=self.device)
        best_index = torch.zeros(len(x), dtype=torch.long, device=self.device)
        with torch.no_grad():
            for start in range(0, len(self.data), chunk):
                # exact differences, not the |a|^2 + |b|^2 - 2ab shortcut: an exact copy must come out at 0
                distances = torch.cdist(
                    x, self.data[start : start + chunk], compute_mode="donot_use_mm_for_euclid_dist"
                )
                value, index = distances.min(dim=1)
                better = value < best
                best = torch.where(better, value, best)
                best_index = torch.where(better, index + start, best_index)
        return best_index.cpu().numpy(), best.cpu().numpy()

    def snapshot(self, phase: str = "iteration") -> ImageSnapshot:
        samples = self.samples()
        real = self.data[self.real_index].view(-1, self.height, self.width).cpu().numpy()
        verdicts = self.d_verdict(np.concatenate([samples, real]))  # one D pass for both grids
        d_loss, g_loss, g_grad_norm = self.losses()
        return ImageSnapshot(
            samples=samples,
            verdict=verdicts[:FIXED_SAMPLES],
            real_verdict=verdicts[FIXED_SAMPLES:],
            iteration=self.iteration,
            d_steps=self.d_steps,
            g_steps=self.g_steps,
            d_loss=d_loss,
            g_loss=g_loss,
            g_grad_norm=g_grad_norm,
            loss=self.config.loss,
            d_is_probability=self.loss.d_is_probability,
            phase=phase,
            device=str(self.device),
            created=time.monotonic(),
        )

    def run_info(self) -> ImageRunInfo:
        labels = None if self.labels is None else self.labels[self.real_index.cpu().numpy()]
        return ImageRunInfo(
            dataset=self.dataset_name,
            count=len(self.data),
            image_shape=self.image_shape,
            noise=self.config.noise,
            noise_dim=self.config.noise_dim,
            fixed_noise=self.fixed_noise.cpu().numpy(),
            real=self.data[self.real_index].view(-1, self.height, self.width).cpu().numpy(),
            real_labels=labels,
        )

    def answer_decode(self, request: tuple[int, np.ndarray]) -> DecodedImages:
        """The worker's answer to a latent-panel request (number, z of shape (n, noise_dim))."""
        number, z = request
        return DecodedImages(int(number), self.decode(z), self.iteration)

    def answer_nearest(self, request: tuple[int, Sequence[int]]) -> NearestImages:
        """The worker's answer to (number, grid indices): those samples now and their nearest training images."""
        number, indices = request
        indices = tuple(int(i) for i in indices)
        if not all(0 <= i < FIXED_SAMPLES for i in indices):
            raise ValueError(f"sample indices must be in 0..{FIXED_SAMPLES - 1} (got {indices})")
        samples = self.decode(self.fixed_noise[list(indices)]) if indices else np.zeros((0, *self.image_shape))
        index, distance = self.nearest_training_images(samples)
        labels = tuple(None if self.labels is None else int(self.labels[i]) for i in index)
        nearest = self.data[torch.as_tensor(index, device=self.device)].view(-1, self.height, self.width)
        return NearestImages(number, indices, samples, nearest.cpu().numpy(), distance, labels, self.iteration)

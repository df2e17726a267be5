"""The image GAN core: networks, Algorithm 1 on images, the views' helpers, the digit classifier. No Qt."""

import math
import subprocess
import sys

import numpy as np
import pytest
import torch

from ganlab.app.images import IMAGES, image_trainer, load_images
from ganlab.app.kinds import ALL_PRESETS
from ganlab.core.digit_classifier import train_classifier
from ganlab.core.image_config import ImageConfig
from ganlab.core.image_models import ARCHITECTURES, PAPER_D_IRANGE, build_networks
from ganlab.core.image_trainer import FIXED_SAMPLES, ImageTrainer
from ganlab.core.losses import LOSSES, WEIGHT_CLIP
from ganlab.core.settings import ConfigError


def _toy_images(n=96, side=8, seed=0):
    """n distinct 8x8 pictures: a bright bar (row or column) on black with a little noise."""
    rng = np.random.default_rng(seed)
    images = rng.uniform(0.0, 0.1, (n, side, side)).astype(np.float32)
    for i in range(n):
        k = rng.integers(side)
        if i % 2:
            images[i, k, :] = 1.0
        else:
            images[i, :, k] = 1.0
    return images


TOY = _toy_images()
SMALL = {
    "mlp": ImageConfig(architecture="mlp", g_width=32, d_width=16, maxout_pieces=2, noise_dim=8, batch_size=16),
    "dcgan": ImageConfig(architecture="dcgan", g_width=4, d_width=4, noise_dim=8, batch_size=16),
}


def _trainer(architecture="dcgan", images=TOY, **changes):
    return ImageTrainer(SMALL[architecture].replace(**changes), images=images)


def _params(module):
    return [p.detach().clone() for p in module.parameters()]


def _changed(before, module):
    return [not torch.equal(a, b) for a, b in zip(before, module.parameters(), strict=True)]


# ---- networks


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("side", [28, 8])
def test_network_shapes(architecture, side):
    g, d = build_networks(architecture, 10, side, side, 8, 8, maxout_pieces=3)
    with torch.no_grad():
        images = g(torch.randn(5, 10))
    assert images.shape == (5, side * side)
    assert float(images.min()) >= 0.0 and float(images.max()) <= 1.0  # a sigmoid output
    assert d(images).shape == (5, 1)


def test_dcgan_needs_sizes_divisible_by_four():
    with pytest.raises(ValueError, match="multiples of 4"):
        build_networks("dcgan", 10, 30, 30, 8, 8)


def test_paper_mlp_starts_as_the_papers_code():
    trainer = image_trainer(ALL_PRESETS["paper_mlp"].config.replace(train_images=200))
    d_weights = [p for name, p in trainer.discriminator.named_parameters() if name.endswith("weight")]
    assert max(float(w.detach().abs().max()) for w in d_weights) <= np.float32(PAPER_D_IRANGE)
    # G's output biases are the logits of the mean training pixel, so G starts out drawing the average digit
    mean = torch.sigmoid(trainer.generator[-2].bias)
    expected = trainer.data.mean(dim=0).clamp(1e-3, 1 - 1e-3)
    torch.testing.assert_close(mean, expected, rtol=1e-4, atol=1e-5)


# ---- config


def test_config_validates_and_round_trips():
    config = ImageConfig(architecture="mlp", loss="hinge", lr_g=1e-3, seed=5)
    assert ImageConfig.from_json(config.to_json()) == config
    with pytest.raises(ConfigError, match="architecture"):
        ImageConfig(architecture="resnet")
    with pytest.raises(ConfigError, match="loss"):
        ImageConfig(loss="cross_entropy")
    with pytest.raises(ConfigError, match="batch_size"):
        ImageConfig(batch_size=0)
    with pytest.raises(ConfigError, match="dataset"):
        ImageConfig(dataset="cifar10")
    with pytest.raises(ConfigError, match="unknown"):
        config.replace(width=3)
    assert config.needs_reset(config.replace(architecture="dcgan"))
    assert not config.needs_reset(config.replace(loss="wgan_gp", lr_d=1e-4, k=3))


def test_presets_use_the_shipped_digits():
    for preset in IMAGES.presets:
        assert preset.config.dataset == "mnist_5k"
    images, labels = load_images("mnist_5k")
    assert images.shape == (5000, 28, 28) and images.dtype == np.float32
    assert 0.0 == images.min() and images.max() == 1.0
    assert np.bincount(labels).tolist() == [500] * 10


# ---- Algorithm 1


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_step_d_changes_only_d(architecture):
    trainer = _trainer(architecture)
    g0, d0 = _params(trainer.generator), _params(trainer.discriminator)
    before = trainer.samples()
    trainer.step_d()
    assert not any(_changed(g0, trainer.generator))
    assert all(_changed(d0, trainer.discriminator))
    np.testing.assert_array_equal(trainer.samples(), before)  # G's BatchNorm statistics are untouched too
    assert (trainer.d_steps, trainer.g_steps, trainer.iteration) == (1, 0, 0)


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_step_g_changes_only_g(architecture):
    trainer = _trainer(architecture)
    g0, d0 = _params(trainer.generator), _params(trainer.discriminator)
    trainer.step_g()
    assert all(_changed(g0, trainer.generator))
    assert not any(_changed(d0, trainer.discriminator))
    assert all(p.requires_grad for p in trainer.discriminator.parameters())
    d_loss, g_loss, g_grad_norm = trainer.losses()
    assert math.isnan(d_loss) and math.isfinite(g_loss) and g_grad_norm > 0


def test_step_is_k_d_steps_then_one_g_step():
    trainer = _trainer(k=3)
    trainer.step()
    trainer.step()
    assert (trainer.iteration, trainer.d_steps, trainer.g_steps) == (2, 6, 2)
    assert trainer.plan_iteration() == ["d", "d", "d", "g"]


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_same_seed_same_samples_other_seed_other_samples(architecture):
    def run(seed):
        trainer = _trainer(architecture, seed=seed)
        for _ in range(5):
            trainer.step()
        return trainer.samples(), trainer.losses()

    (a, la), (b, lb), (c, _) = run(3), run(3), run(4)
    np.testing.assert_array_equal(a, b)
    assert la == lb
    assert not np.allclose(a, c)


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_trains_without_nan(architecture, loss):
    trainer = _trainer(architecture, loss=loss, k=2)
    for _ in range(4):
        trainer.step()
    assert trainer.divergence() is None
    assert all(math.isfinite(v) for v in trainer.losses())
    assert np.isfinite(trainer.samples()).all()
    if LOSSES[loss].weight_clip is not None:
        assert max(float(p.detach().abs().max()) for p in trainer.discriminator.parameters()) <= np.float32(WEIGHT_CLIP)


def test_gradient_penalty_adds_to_the_critic_loss():
    plain, penalised = _trainer(loss="wgan_clip"), _trainer(loss="wgan_gp")
    plain.step_d()
    penalised.step_d()
    # same seed, same batches, same critic: the two losses differ exactly by lambda * penalty (> 0 here)
    assert penalised.losses()[0] > plain.losses()[0]


def test_divergence_names_the_loss_that_went_non_finite():
    images = TOY.copy()
    images[:] = np.nan
    trainer = _trainer(images=images)
    assert trainer.divergence() is None  # nothing has run yet
    trainer.step_d()
    assert trainer.divergence() == "D loss = nan"


def test_checkpoint_restore_replays_the_same_steps():
    trainer = _trainer("mlp")  # dropout: its random stream must be restored too
    trainer.step()
    checkpoint = trainer.checkpoint()
    for _ in range(3):
        trainer.step()
    first = trainer.samples(), trainer.losses()
    trainer.restore(checkpoint)
    assert trainer.iteration == 1
    for _ in range(3):
        trainer.step()
    np.testing.assert_array_equal(trainer.samples(), first[0])
    assert trainer.losses() == first[1]


def test_apply_changes_loss_and_learning_rate_live():
    trainer = _trainer()
    trainer.apply(trainer.config.replace(loss="hinge", lr_d=1e-4))
    assert trainer.loss.key == "hinge"
    assert trainer.opt_d.param_groups[0]["lr"] == 1e-4
    with pytest.raises(ValueError, match="rebuilds"):
        trainer.apply(trainer.config.replace(g_width=8))


# ---- what the views show


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_samples_come_from_the_fixed_noise(architecture):
    trainer = _trainer(architecture)
    trainer.step()
    samples = trainer.samples()
    assert samples.shape == (FIXED_SAMPLES, 8, 8) and samples.dtype == np.float32
    assert samples.min() >= 0.0 and samples.max() <= 1.0
    np.testing.assert_array_equal(trainer.samples(), samples)  # the same z each call
    np.testing.assert_array_equal(trainer.decode(trainer.fixed_noise.numpy()), samples)
    # each image depends on its own z only (BatchNorm uses running statistics), so one z decodes alone
    np.testing.assert_allclose(trainer.decode(trainer.fixed_noise[5].numpy())[0], samples[5], rtol=0, atol=1e-6)
    with pytest.raises(ValueError, match="shape"):
        trainer.decode(np.zeros((2, 3)))


def test_d_verdict_is_a_probability_or_a_score():
    trainer = _trainer()
    for _ in range(3):
        trainer.step()
    verdict = trainer.d_verdict(TOY[:10])
    assert verdict.shape == (10,)
    assert ((verdict > 0) & (verdict < 1)).all()
    as_bytes = (TOY[:10] * 255).round().astype(np.uint8)
    np.testing.assert_array_equal(trainer.d_verdict(as_bytes), trainer.d_verdict(as_bytes / np.float32(255)))
    trainer.apply(trainer.config.replace(loss="wgan_clip"))
    scores = trainer.d_verdict(TOY[:10])
    np.testing.assert_allclose(1.0 / (1.0 + np.exp(-scores)), verdict, rtol=1e-5)  # the same D, without a sigmoid


def test_nearest_training_image_finds_an_exact_copy():
    trainer = _trainer()
    picked = [7, 0, 95, 42]
    index, distance = trainer.nearest_training_images(TOY[picked], chunk=10)  # several chunks
    assert index.tolist() == picked
    assert distance.tolist() == [0.0] * 4
    shifted = np.clip(TOY[picked] + 0.05, 0, 1)
    index, distance = trainer.nearest_training_images(shifted)
    expected = np.sqrt(((shifted[:, None] - TOY[None]) ** 2).sum(axis=(2, 3))).min(axis=1)
    np.testing.assert_allclose(distance, expected, rtol=1e-5)
    assert (distance > 0).all()


def test_mnist_trainer_runs_on_a_subset():
    trainer = image_trainer(ALL_PRESETS["digits"].config.replace(train_images=300))
    trainer.step()
    assert trainer.samples().shape == (FIXED_SAMPLES, 28, 28)
    assert len(trainer.data) == 300
    index, distance = trainer.nearest_training_images(load_images("mnist_5k")[0][[299, 3]])
    assert index.tolist() == [299, 3] and distance.tolist() == [0.0, 0.0]


# ---- the yardstick and the layering


def test_digit_classifier_recognises_held_out_digits():
    images, labels = load_images("mnist_5k")
    classifier = train_classifier(images, labels, seed=0)  # ~3 s on one core
    assert classifier.held_out_accuracy > 0.9
    predicted, confidence = classifier.classify(images[-100:])
    assert predicted.shape == confidence.shape == (100,)
    assert np.mean(predicted == labels[-100:]) > 0.9
    assert ((confidence > 0) & (confidence <= 1)).all()
    _, blank_confidence = classifier.classify(np.zeros((1, 28, 28), np.float32))
    assert blank_confidence[0] < confidence.mean()  # an empty image is no digit


def test_image_core_imports_no_qt():
    code = (
        "import sys, ganlab.core.image_trainer, ganlab.core.digit_classifier; "
        "assert 'PySide6' not in sys.modules and 'pyqtgraph' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

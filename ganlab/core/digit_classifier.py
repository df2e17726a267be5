"""A small CNN digit classifier: the yardstick for "does G draw recognisable digits of every class?".

It trains in a few seconds on the shipped MNIST subset (no weights are shipped), and judges G's samples the way a
reader would: which digit is this, and how sure are you? Counting predicted labels over the sample grid shows
mode collapse (classes that never appear); the confidences show whether the strokes look like digits at all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn.functional import cross_entropy

CLASSES = 10
HELD_OUT = 500


def classifier_network(height: int = 28, width: int = 28, channels: int = 16) -> nn.Sequential:
    """Two conv + max-pool blocks and a small linear head; height and width must be multiples of 4."""
    if height % 4 or width % 4:
        raise ValueError(f"the classifier pools twice by 2: height and width must be multiples of 4 ({height}x{width})")
    c2 = 2 * channels
    return nn.Sequential(
        nn.Unflatten(1, (1, height, width)),  # (batch, H*W) -> (batch, 1, H, W)
        nn.Conv2d(1, channels, 3, padding=1),  # -> (batch, c, H, W)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (batch, c, H/2, W/2)
        nn.Conv2d(channels, c2, 3, padding=1),  # -> (batch, 2c, H/2, W/2)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (batch, 2c, H/4, W/4)
        nn.Flatten(),  # -> (batch, 2c * H/4 * W/4)
        nn.Linear(c2 * (height // 4) * (width // 4), 64),  # -> (batch, 64)
        nn.ReLU(),
        nn.Linear(64, CLASSES),  # -> (batch, 10) logits
    )


@dataclass
class DigitClassifier:
    network: nn.Sequential
    height: int
    width: int
    held_out_accuracy: float  # on the last `held_out` images, never trained on
    held_out: int
    seconds: float  # training time

    def classify(self, images: np.ndarray | torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
        """(predicted digit, softmax confidence) per image; images (N, H, W) uint8 or floats in [0, 1]."""
        array = np.asarray(images.detach().cpu() if isinstance(images, torch.Tensor) else images)
        if array.dtype == np.uint8:
            array = array.astype(np.float32) / np.float32(255)
        array = array.astype(np.float32, copy=False).reshape(-1, self.height * self.width)
        self.network.eval()
        with torch.no_grad():
            probabilities = torch.softmax(self.network(torch.from_numpy(array)), dim=1)
        confidence, labels = probabilities.max(dim=1)
        return labels.numpy(), confidence.numpy()


def train_classifier(
    images: np.ndarray,
    labels: np.ndarray | None,
    held_out: int = HELD_OUT,
    epochs: int = 5,
    batch_size: int = 64,
    lr: float = 2e-3,
    seed: int = 0,
) -> DigitClassifier:
    """Train on all but the last `held_out` images (e.g. the shipped mnist_5k), report accuracy on those."""
    if labels is None:
        raise ValueError("the classifier needs labels")
    x = np.asarray(images)
    x = (x.astype(np.float32) / np.float32(255)) if x.dtype == np.uint8 else x.astype(np.float32)
    n, height, width = x.shape
    if not 0 < held_out < n:
        raise ValueError(f"held_out must be between 1 and {n - 1} (got {held_out})")
    x = torch.from_numpy(x.reshape(n, -1))
    y = torch.as_tensor(np.asarray(labels), dtype=torch.long)
    x_train, y_train, x_test, y_test = x[:-held_out], y[:-held_out], x[-held_out:], y[-held_out:]
    start = time.perf_counter()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        network = classifier_network(height, width)
    optimizer = torch.optim.Adam(network.parameters(), lr=lr)
    order_rng = torch.Generator().manual_seed(seed + 1)
    network.train()
    for _ in range(epochs):
        order = torch.randperm(len(x_train), generator=order_rng)
        for first in range(0, len(order), batch_size):
            index = order[first : first + batch_size]
            loss = cross_entropy(network(x_train[index]), y_train[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
    classifier = DigitClassifier(network, height, width, float("nan"), held_out, time.perf_counter() - start)
    predicted, _ = classifier.classify(x_test.view(-1, height, width).numpy())
    classifier.held_out_accuracy = float(np.mean(predicted == y_test.numpy()))
    return classifier

"""ganlab: watch a Generative Adversarial Network learn, live (Goodfellow et al. 2014, Figure 1)."""

__version__ = "0.1.0"

"""Changing the backbone itself: test-time fine-tuning, distillation to a smaller input, and meta-training."""

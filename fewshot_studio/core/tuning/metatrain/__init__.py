"""Episodic meta-training of the backbone's last blocks (the ``metatrain`` subcommand).

``metatrain(base_dir, out, MetaTrainConfig(...))`` turns any folder of class folders into a
``.fewshot-backbone`` file. Methods live one per module behind ``MetaLearner``; register new ones
in ``trainer.METHODS``.
"""
from __future__ import annotations

from fewshot_studio.core.tuning.metatrain.trainer import METHODS, MetaTrainConfig, MetaTrainResult, metatrain

__all__ = ["METHODS", "MetaTrainConfig", "MetaTrainResult", "metatrain"]

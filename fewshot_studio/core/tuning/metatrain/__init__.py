"""Episodic meta-training of the backbone's last blocks (the ``metatrain`` subcommand).

``metatrain(base_dir, out, MetaTrainConfig(...))`` turns any folder of class folders into a
``.fewshot-backbone`` file. Methods live one per module behind ``MetaLearner``; register new ones
in ``METHODS``.
"""
from __future__ import annotations

from fewshot_studio.core.metatrain.fomaml import FOMAML
from fewshot_studio.core.metatrain.protonet import ProtoNet

# "protonet" is the cosine/learned-temperature variant started from the pretrained backbone,
# which is what Meta-Baseline is; both names are accepted.
METHODS = {"meta-baseline": ProtoNet, "protonet": ProtoNet, "fomaml": FOMAML}

from fewshot_studio.core.metatrain.trainer import MetaTrainConfig, MetaTrainResult, metatrain  # noqa: E402

__all__ = ["METHODS", "MetaTrainConfig", "MetaTrainResult", "metatrain"]

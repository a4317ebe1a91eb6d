"""Buckets of images in, a calibrated classifier and its honest evaluation out.

The single entry point the app's worker, ``fewshot-studio train`` and the self-test share, so
the window, the CLI and a saved file never disagree about what the model does.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from fewshot_studio.core.classifier import calibration
from fewshot_studio.core.classifier.data_checks import DataWarning, check_counts, check_duplicates
from fewshot_studio.core.classifier.evaluation import EvaluationReport, folds, heldout_logits, report
from fewshot_studio.core.classifier.trained import Predictions, TrainedClassifier
from fewshot_studio.core.features.backbone import DEFAULT_BACKBONE
from fewshot_studio.core.features.devices import describe_device
from fewshot_studio.core.features.embeddings import embed_paths
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.imaging.images import SkippedFile
from fewshot_studio.core.methods import FitContext, make_method
from fewshot_studio.core.methods.familiarity import Familiarity, standard_width
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP


class NotEnoughData(ValueError):
    """Raised with a sentence telling the user what to add."""


@dataclass(frozen=True)
class TestPrediction:
    path: str
    pred: int
    confidence: float
    probs: tuple[float, ...]
    unsure: bool
    known_score: float = float("nan")  # how much the photo looks like any taught class, in [0, 1]
    unknown: bool = False  # "None of these": it looks like none of them


@dataclass
class TrainingResult:
    classifier: TrainedClassifier
    evaluation: EvaluationReport
    warnings: list[DataWarning] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    test_predictions: list[TestPrediction] = field(default_factory=list)
    device_name: str = ""
    finetune: dict | None = None


def _pool(*parts: np.ndarray) -> np.ndarray | None:
    """The unlabelled images a transductive method may look at: those it is asked to predict."""
    parts = [p for p in parts if len(p)]
    return np.concatenate(parts) if parts else None


def _fit(method: str, feats: np.ndarray, labels: np.ndarray, n_classes: int, unlabelled: np.ndarray | None,
         parts: tuple[int, ...]):
    return make_method(method).fit(feats, labels, n_classes, FitContext(unlabelled=unlabelled, parts=parts))


def train_classifier(
    examples: Mapping[str, Sequence[str]],
    *,
    backbone: str = DEFAULT_BACKBONE,
    method: str = "auto",
    test_paths: Sequence[str] = (),
    device: str | None = None,
    tta: bool = False,
    finetune: bool = False,
    check_duplicates_too: bool = True,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> TrainingResult:
    """Embed (cached), cross-validate on the labelled images, calibrate, and fit the final classifier on all."""
    class_names = [name for name, paths in examples.items() if len(paths) > 0]
    paths = [str(p) for name in class_names for p in examples[name]]
    labels_all = np.array([c for c, name in enumerate(class_names) for _ in examples[name]], dtype=int)
    if len(class_names) < 2:
        raise NotEnoughData(QT_TRANSLATE_NOOP("engine", "Add at least two classes with at least one image each."))
    bb = load_backbone(backbone, device)
    test_paths = [str(p) for p in test_paths]

    emb = embed_paths(paths + test_paths, bb, tta=tta, progress=progress, cancel=cancel)
    n_train = len(paths)
    train_rows = [k for k, i in enumerate(emb.index) if i < n_train]
    test_rows = [k for k, i in enumerate(emb.index) if i >= n_train]
    kept = [emb.index[k] for k in train_rows]
    feats, labels = emb.features[train_rows], labels_all[kept]
    kept_paths = [paths[i] for i in kept]
    test_feats = emb.features[test_rows]
    test_kept = [test_paths[emb.index[k] - n_train] for k in test_rows]
    present = np.bincount(labels, minlength=len(class_names))
    if (present == 0).any():
        empty = [class_names[c] for c in np.flatnonzero(present == 0)]
        raise NotEnoughData(QT_TRANSLATE_NOOP("engine", "No readable images in: {0}. Add images that open, or remove the class.").format(", ".join(empty)))

    n_classes = len(class_names)
    finetune_info = None
    if finetune:
        from fewshot_studio.core.tuning import finetune as ft

        progress(Progress("Fine-tuning: reading the images", 0, 1))
        z = ft.early_activations(bb, ft.load_arrays(kept_paths, bb))
        net, choice = ft.finetune_net(bb, z, labels, n_classes, cancel=cancel, progress=progress)
        bb = ft.backbone_with_net(bb, net)
        re = embed_paths(kept_paths + test_kept, bb, tta=tta, use_cache=False, progress=progress, cancel=cancel)
        if len(re.index) != len(kept_paths) + len(test_kept):
            gone = ", ".join(s.path for s in re.skipped)
            raise NotEnoughData(QT_TRANSLATE_NOOP("engine", "These images disappeared or broke while fine-tuning: {0}. Train again.").format(gone))
        feats, test_feats = re.features[: len(kept_paths)], re.features[len(kept_paths) :]
        finetune_info = {"steps": choice.steps, "lr": choice.lr}

    if cancel is not None:
        cancel.raise_if_cancelled()
    if method == "auto":
        # Decide once, on all the images: held-out folds must evaluate (and calibrate) the very
        # method that is shipped, even when a fold leaves a class below auto's threshold.
        from fewshot_studio.core.methods.auto import choose

        method = choose(labels, n_classes, test_feats if len(test_feats) else None).name
    final = _fit(method, feats, labels, n_classes, test_feats if len(test_feats) else None, bb.parts)
    progress(Progress("Evaluating on held-out images", 0, 1))
    idx, logits = heldout_logits(feats, labels, n_classes,
                                 lambda f, y, held: _fit(method, f, y, n_classes, _pool(held, test_feats), bb.parts))
    if len(idx) >= calibration.MIN_HELDOUT_FOR_TEMPERATURE:
        temperature = calibration.fit_temperature(logits, labels[idx], prior=final.default_temperature)
    else:
        temperature = final.default_temperature
    evaluation = report(class_names, kept_paths, labels, idx, logits, temperature)
    progress(Progress("Evaluating on held-out images", 1, 1))

    clf = TrainedClassifier(
        class_names=class_names,
        method=final,
        backbone_name=bb.spec.name,
        backbone_id=bb.id,
        temperature=temperature,
        threshold=calibration.DEFAULT_THRESHOLD,
        tta=tta,
        metrics=evaluation.as_dict(),
        backbone_state=({k: v.detach().cpu().numpy() for k, v in bb.net.state_dict().items()} if finetune else None),
        # A fine-tuned or meta-trained backbone must travel with the classifier: rebuilding it by
        # name would silently predict with the stock ImageNet weights.
        _backbone=bb if finetune or getattr(bb, "source", None) else None,
        # From the labelled photos only: test photos, known or not, cannot move it.
        familiarity=Familiarity.fit(feats, labels, standard_width(bb.parts)),
    )
    test_predictions = _test_records(clf.predict_features(test_feats), test_kept) if len(test_kept) else []

    # Which fold held each image out: with leave-one-out every image of a small class is held out
    # once, so "in the held-out set" alone would hide a duplicate sitting in the same class.
    fold_of = {int(i): f for f, held in enumerate(folds(labels, n_classes)) for i in held}
    warnings = check_counts(class_names, list(np.bincount(labels, minlength=n_classes)))
    if check_duplicates_too:
        warnings += check_duplicates(kept_paths, list(labels), class_names, fold_of)
    return TrainingResult(
        classifier=clf,
        evaluation=evaluation,
        warnings=warnings,
        skipped=emb.skipped,
        test_predictions=test_predictions,
        device_name=describe_device(bb.device_name),
        finetune=finetune_info,
    )


def _test_records(pred: Predictions, paths: Sequence[str]) -> list[TestPrediction]:
    return [
        TestPrediction(p, int(t), float(c), tuple(float(v) for v in pr), bool(u), float(k), bool(n))
        for p, t, c, pr, u, k, n in zip(paths, pred.top, pred.confidence, pred.probs, pred.unsure,
                                         pred.known_score, pred.unknown)
    ]

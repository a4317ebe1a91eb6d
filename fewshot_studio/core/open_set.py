"""Open-set episodes: how the classifier treats photos of things it was never taught.

Each episode teaches ``ways`` classes of a data set (``shots`` photos each) and then shows it
``queries`` photos of each of those classes, as many of ``ways`` *other* classes of the same set
("near" unknowns: another flower, another garment) and, with ``far_dirs``, as many photos from
other folders ("far" unknowns: a photo of something else entirely; each folder an equal share). The photos are met in the
two ways the app meets them:

- ``applied``: trained on the taught photos alone, then run on the new ones (``train`` + ``label``);
- ``pool``: the new photos sit in the test pool, where the transductive heads learn from them.

Every figure is measured on the very same episodes for both scores: ``known_score`` (the
familiarity score behind "None of these") and, as the baseline, the top probability. Figures are
episode means with 95 % confidence intervals; rejection counts "None of these" and "unsure"
together, since either keeps a photo out of a class folder.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from fewshot_studio.core.classifier import calibration
from fewshot_studio.core.features.backbone import DEFAULT_BACKBONE
from fewshot_studio.core.features.embeddings import embed_paths
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.imaging.images import class_folders
from fewshot_studio.core.methods import FitContext, make_method
from fewshot_studio.core.methods.base import softmax
from fewshot_studio.core.methods.familiarity import DEFAULT_UNKNOWN_THRESHOLD, Familiarity, standard_width
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress

QUERIES = 8
REGIMES = ("applied", "pool")


@dataclass
class OpenSetRecord:
    """One (regime, shots, method) row: means over episodes and their 95 % half-widths, in %."""

    regime: str
    method: str
    ways: int
    shots: int
    episodes: int
    accuracy: float  # closed-set: taught photos, argmax over the taught classes
    accuracy_ci95: float
    accuracy_without_unknowns: float  # pool regime: the same episodes with only taught photos in the pool
    accuracy_without_unknowns_ci95: float
    auroc_near: float
    auroc_near_ci95: float
    auroc_far: float
    auroc_far_ci95: float
    baseline_auroc_near: float
    baseline_auroc_far: float
    rejected_near: float  # share of near unknowns kept out of every class (unknown or unsure)
    rejected_far: float
    baseline_rejected_near: float  # the same with the top probability alone (unsure only)
    baseline_rejected_far: float
    kept_correct: float  # share of correctly labelled taught photos that are kept (neither unknown nor unsure)
    right_and_kept: float  # share of taught photos labelled right and kept
    baseline_right_and_kept: float
    unknown_threshold: float
    threshold: float

    def as_json(self) -> dict:
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in asdict(self).items()}


def auroc(positive: np.ndarray, negative: np.ndarray) -> float:
    """P(a known photo scores above an unknown one), ties counted half (Mann–Whitney U)."""
    if len(positive) == 0 or len(negative) == 0:
        return float("nan")
    scores = np.concatenate([positive, negative]).astype(np.float64)
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # average ranks over ties
    start = 0
    for end in range(1, len(scores) + 1):
        if end == len(scores) or sorted_scores[end] != sorted_scores[start]:
            ranks[order[start:end]] = 0.5 * (start + end - 1) + 1
            start = end
    u = ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2
    return float(u / (len(positive) * len(negative)))


@dataclass
class OpenEpisode:
    support: np.ndarray
    support_labels: np.ndarray
    known: np.ndarray
    known_labels: np.ndarray
    near: np.ndarray
    far: np.ndarray  # indices into the far set


def sample_open_episodes(labels: np.ndarray, far_groups: np.ndarray, ways: int, shots: int, episodes: int,
                         queries: int, seed: int) -> list[OpenEpisode]:
    """Episodes; ``far_groups`` gives each far photo's folder, and each folder gets an equal share
    of an episode's far photos (a big folder of one kind must not stand for "far" alone)."""
    rng = np.random.default_rng(seed)
    groups = [np.flatnonzero(far_groups == g) for g in np.unique(far_groups)]
    by_class = [np.flatnonzero(labels == c) for c in range(labels.max() + 1)]
    eligible = [c for c, idx in enumerate(by_class) if len(idx) >= shots + 1]
    if len(eligible) < 2 * ways:
        raise ValueError(f"an open-set {ways}-way episode needs {2 * ways} classes with more than {shots} images; "
                         f"this set has {len(eligible)}")
    out = []
    for _ in range(episodes):
        chosen = rng.choice(eligible, size=2 * ways, replace=False)
        sup, sup_y, known, known_y, near = [], [], [], [], []
        for k, c in enumerate(chosen[:ways]):
            idx = rng.permutation(by_class[c])
            q = min(queries, len(idx) - shots)
            sup += list(idx[:shots]); sup_y += [k] * shots
            known += list(idx[shots : shots + q]); known_y += [k] * q
        for c in chosen[ways:]:
            near += list(rng.permutation(by_class[c])[:queries])
        far = []
        for k, idx in enumerate(groups):
            share = ways * queries // len(groups) + (k < ways * queries % len(groups))
            far += list(rng.choice(idx, size=min(len(idx), share), replace=False))
        out.append(OpenEpisode(np.array(sup), np.array(sup_y), np.array(known), np.array(known_y), np.array(near),
                               np.array(far, dtype=int)))
    return out


def _mean_ci(values: Sequence[float]) -> tuple[float, float]:
    v = np.array([x for x in values if math.isfinite(x)], dtype=np.float64)
    if len(v) == 0:
        return float("nan"), float("nan")
    ci = 1.96 * v.std(ddof=1) / math.sqrt(len(v)) if len(v) > 1 else float("nan")
    return 100 * float(v.mean()), 100 * float(ci)


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if len(mask) else float("nan")


def run_open_set(
    dataset_dir: str,
    *,
    far_dirs: Sequence[str] = (),
    ways: int = 5,
    shots: Sequence[int] = (5,),
    episodes: int = 200,
    methods: Sequence[str] = ("auto",),
    queries: int = QUERIES,
    backbone: str = DEFAULT_BACKBONE,
    threshold: float = calibration.DEFAULT_THRESHOLD,
    unknown_threshold: float = DEFAULT_UNKNOWN_THRESHOLD,
    seed: int = 0,
    device: str | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[list[OpenSetRecord], dict]:
    """Records per (shots, method, regime), and facts about the run."""
    bb = load_backbone(backbone, device)
    classes = class_folders(dataset_dir)
    paths = [str(p) for imgs in classes.values() for p in imgs]
    labels = np.array([c for c, imgs in enumerate(classes.values()) for _ in imgs])
    emb = embed_paths(paths, bb, progress=progress, cancel=cancel)
    feats, labels = emb.features, labels[emb.index]
    far_paths, far_group = [], []
    for g, d in enumerate(far_dirs):
        found = [str(p) for imgs in class_folders(d).values() for p in imgs]
        far_paths += found
        far_group += [g] * len(found)
    far_emb = embed_paths(far_paths, bb, progress=progress, cancel=cancel) if far_paths else None
    far_feats = far_emb.features if far_emb is not None else np.zeros((0, feats.shape[1]), np.float32)
    far_groups = np.array(far_group, dtype=int)[far_emb.index] if far_emb is not None else np.zeros(0, int)
    info = {"dataset": str(dataset_dir), "images": len(paths), "classes": len(classes), "far": [str(d) for d in far_dirs],
            "far_images": len(far_feats), "backbone": bb.id, "unknown_threshold": unknown_threshold,
            "threshold": threshold}
    width = standard_width(bb.parts)
    records: list[OpenSetRecord] = []
    for k in shots:
        eps = sample_open_episodes(labels, far_groups, ways, k, episodes, queries, seed + 1000 * k)
        for method in methods:
            rows: dict[str, dict[str, list[float]]] = {r: {} for r in REGIMES}
            for e, ep in enumerate(eps):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                _episode(rows, ep, feats, far_feats, method, ways, bb.parts, width, threshold, unknown_threshold, e)
                progress(Progress(f"open-set {ways}-way {k}-shot {method}", e + 1, len(eps)))
            for regime in REGIMES:
                records.append(_record(regime, method, ways, k, len(eps), rows[regime], threshold, unknown_threshold))
    return records, info


def _episode(rows, ep: OpenEpisode, feats, far_feats, method, ways, parts, width, threshold, unknown_threshold, seed):
    fs, y = feats[ep.support], ep.support_labels
    fk, fn, ff = feats[ep.known], feats[ep.near], far_feats[ep.far]
    queries = np.concatenate([fk, fn, ff])
    familiarity = Familiarity.fit(fs, y, width)  # from the taught photos only, in both regimes
    known_score = familiarity.score(queries)
    nk, nn = len(fk), len(fn)
    for regime in REGIMES:
        pool = queries if regime == "pool" else None
        model = make_method(method).fit(fs, y, ways, FitContext(unlabelled=pool, seed=seed, parts=parts))
        probs = softmax(model.logits(queries), model.default_temperature)
        conf, top = probs.max(1), probs.argmax(1)
        rejected = (known_score < unknown_threshold) | (conf < threshold)
        unsure = conf < threshold
        correct = top[:nk] == ep.known_labels
        r = rows[regime]

        def add(key: str, value: float) -> None:
            r.setdefault(key, []).append(value)

        add("accuracy", _share(correct))
        if regime == "pool":
            closed = make_method(method).fit(fs, y, ways, FitContext(unlabelled=fk, seed=seed, parts=parts))
            add("accuracy_without_unknowns", _share(closed.logits(fk).argmax(1) == ep.known_labels))
        add("auroc_near", auroc(known_score[:nk], known_score[nk : nk + nn]))
        add("auroc_far", auroc(known_score[:nk], known_score[nk + nn :]))
        add("baseline_auroc_near", auroc(conf[:nk], conf[nk : nk + nn]))
        add("baseline_auroc_far", auroc(conf[:nk], conf[nk + nn :]))
        add("rejected_near", _share(rejected[nk : nk + nn]))
        add("rejected_far", _share(rejected[nk + nn :]))
        add("baseline_rejected_near", _share(unsure[nk : nk + nn]))
        add("baseline_rejected_far", _share(unsure[nk + nn :]))
        add("kept_correct", _share(~rejected[:nk][correct]))
        add("right_and_kept", _share(correct & ~rejected[:nk]))
        add("baseline_right_and_kept", _share(correct & ~unsure[:nk]))


def _record(regime, method, ways, shots, episodes, r, threshold, unknown_threshold) -> OpenSetRecord:
    acc, acc_ci = _mean_ci(r["accuracy"])
    closed, closed_ci = _mean_ci(r.get("accuracy_without_unknowns", []))
    near, near_ci = _mean_ci(r["auroc_near"])
    far, far_ci = _mean_ci(r["auroc_far"])

    def m(key: str) -> float:
        return _mean_ci(r[key])[0]

    return OpenSetRecord(
        regime=regime, method=method, ways=ways, shots=shots, episodes=episodes, accuracy=acc, accuracy_ci95=acc_ci,
        accuracy_without_unknowns=closed, accuracy_without_unknowns_ci95=closed_ci,
        auroc_near=near, auroc_near_ci95=near_ci, auroc_far=far, auroc_far_ci95=far_ci,
        baseline_auroc_near=m("baseline_auroc_near"), baseline_auroc_far=m("baseline_auroc_far"),
        rejected_near=m("rejected_near"), rejected_far=m("rejected_far"),
        baseline_rejected_near=m("baseline_rejected_near"), baseline_rejected_far=m("baseline_rejected_far"),
        kept_correct=m("kept_correct"), right_and_kept=m("right_and_kept"),
        baseline_right_and_kept=m("baseline_right_and_kept"), unknown_threshold=unknown_threshold, threshold=threshold,
    )


def format_open_set_table(records: Sequence[OpenSetRecord]) -> str:
    """Known_score against the top-probability baseline (in brackets), same episodes."""
    head = (f"{'regime':<8}{'method':<8}{'shots':>5}{'eps':>5}{'accuracy %':>16}{'w/o unknowns':>15}"
            f"{'AUROC near':>20}{'AUROC far':>20}{'rej. near':>14}{'rej. far':>14}{'kept ok':>9}{'right+kept':>16}")
    lines = [head, "-" * len(head)]

    def pm(v: float, ci: float) -> str:
        return f"{v:6.2f} ± {ci:4.2f}" if math.isfinite(v) else "      –     "

    for r in records:
        lines.append(
            f"{r.regime:<8}{r.method:<8}{r.shots:>5}{r.episodes:>5}{pm(r.accuracy, r.accuracy_ci95):>16}"
            f"{pm(r.accuracy_without_unknowns, r.accuracy_without_unknowns_ci95):>15}"
            f"{pm(r.auroc_near, r.auroc_near_ci95):>14} [{r.baseline_auroc_near:4.1f}]"
            f"{pm(r.auroc_far, r.auroc_far_ci95):>14} [{r.baseline_auroc_far:4.1f}]"
            f"{r.rejected_near:>7.1f} [{r.baseline_rejected_near:4.1f}]{r.rejected_far:>7.1f} [{r.baseline_rejected_far:4.1f}]"
            f"{r.kept_correct:>9.1f}{r.right_and_kept:>9.1f} [{r.baseline_right_and_kept:4.1f}]"
        )
    return "\n".join(lines)

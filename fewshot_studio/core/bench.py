"""Episodic N-way K-shot benchmark on any folder of class folders.

Every method sees the very same episodes (same classes, same support and query images), so
differences between methods are not sampling luck; 95 % confidence intervals say how much the
mean itself could move.
"""
from __future__ import annotations

import time
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
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress

QUERIES = 15


@dataclass
class BenchRecord:
    method: str
    ways: int
    shots: int
    episodes: int
    accuracy: float  # fraction 0–1
    ci95: float
    fit_ms: float
    queries: str = "balanced"
    ece: float = float("nan")
    reject_correct_at_default: float = float("nan")  # fraction of correct predictions called "unsure"
    threshold_5pct: float = float("nan")
    temperature: float = float("nan")

    def as_json(self) -> dict:
        """Plain JSON: an undefined number (the CI of one episode) is null, never the non-standard NaN."""
        return {k: (None if isinstance(v, float) and not np.isfinite(v) else v) for k, v in asdict(self).items()}


@dataclass
class Episode:
    classes: np.ndarray
    support: np.ndarray  # indices into the dataset
    support_labels: np.ndarray
    query: np.ndarray
    query_labels: np.ndarray


def sample_episodes(labels: np.ndarray, ways: int, shots: int, episodes: int, queries: int, seed: int, unbalanced: bool = False) -> list[Episode]:
    rng = np.random.default_rng(seed)
    by_class = [np.flatnonzero(labels == c) for c in range(labels.max() + 1)]
    eligible = [c for c, idx in enumerate(by_class) if len(idx) >= shots + 1]
    if len(eligible) < ways:
        raise ValueError(f"only {len(eligible)} classes have more than {shots} images; {ways}-way needs {ways}")
    out = []
    for _ in range(episodes):
        classes = rng.choice(eligible, size=ways, replace=False)
        sup, sup_y, qry, qry_y = [], [], [], []
        for k, c in enumerate(classes):
            idx = rng.permutation(by_class[c])
            q = min(queries, len(idx) - shots)
            if unbalanced:  # a realistic pool: some classes barely present, others dominant
                q = int(rng.integers(1, q + 1))
            sup += list(idx[:shots]); sup_y += [k] * shots
            qry += list(idx[shots : shots + q]); qry_y += [k] * q
        out.append(Episode(classes, np.array(sup), np.array(sup_y), np.array(qry), np.array(qry_y)))
    return out


def _finetune_logits(bb, episode, paths, activations):
    """Fine-tune on the support, then prototypes on the fine-tuned features (see core.finetune)."""
    import torch

    from fewshot_studio.core.tuning import finetune as ft

    need = [i for i in np.concatenate([episode.support, episode.query]) if i not in activations]
    if need:
        z = ft.early_activations(bb, ft.load_arrays([paths[i] for i in need], bb))
        n = len(need)
        for k, i in enumerate(need):
            activations[i] = (z[k], z[n + k])

    def views(idx):
        return torch.stack([activations[i][0] for i in idx] + [activations[i][1] for i in idx])

    ways = len(episode.classes)
    net, _ = ft.finetune_net(bb, views(episode.support), episode.support_labels, ways)
    split = ft.split_index(bb)
    fs = ft.late_features(net, views(episode.support), split)
    fq = ft.late_features(net, views(episode.query), split)
    return make_method("prototypes").fit(fs, episode.support_labels, ways, FitContext(parts=bb.parts)).logits(fq)


def run_bench(
    dataset_dir: str,
    *,
    ways: int = 5,
    shots: Sequence[int] = (1, 5),
    episodes: int = 600,
    methods: Sequence[str] = ("auto", "prototypes", "logreg", "dense-head"),
    finetune_episodes: int | None = None,
    backbone: str = DEFAULT_BACKBONE,
    tta: bool = False,
    unbalanced: bool = False,
    queries: int = QUERIES,
    seed: int = 0,
    device: str | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[list[BenchRecord], dict]:
    """Records per (shots, method), and facts about the run (images, embedding throughput)."""
    classes = class_folders(dataset_dir)
    paths = [str(p) for imgs in classes.values() for p in imgs]
    labels_all = np.array([c for c, imgs in enumerate(classes.values()) for _ in imgs])
    bb = load_backbone(backbone, device)
    t0 = time.perf_counter()
    emb = embed_paths(paths, bb, tta=tta, progress=progress, cancel=cancel)
    embed_s = time.perf_counter() - t0
    n_found = len(paths)
    # Unreadable images leave the dataset here: episodes must never draw an all-zero "feature".
    feats, paths, labels_all = emb.features, [paths[i] for i in emb.index], labels_all[emb.index]
    info = {
        "dataset": str(dataset_dir), "images": n_found, "classes": len(classes), "skipped": len(emb.skipped),
        "backbone": bb.id, "device": str(bb.device), "embed_seconds": embed_s, "cache_hits": emb.cache_hits,
        "tta": tta, "queries": "unbalanced" if unbalanced else "balanced",
    }
    records: list[BenchRecord] = []
    activations: dict = {}
    total = sum(len(methods) for _ in shots)
    step = 0
    for k in shots:
        eps = sample_episodes(labels_all, ways, k, episodes, queries, seed + 1000 * k, unbalanced)
        for method in methods:
            step += 1
            n_eps = min(episodes, finetune_episodes or episodes) if method == "finetune" else episodes
            accs, fit_s, all_logits, all_y = [], 0.0, [], []
            if method != "finetune" and eps:
                # One untimed fit first: a process's first torch optimizer (the dense head's) imports torch._dynamo
                # (seconds on a small CPU), which is not adaptation time.
                make_method(method).fit(feats[eps[0].support], eps[0].support_labels, ways,
                                        FitContext(unlabelled=feats[eps[0].query], parts=bb.parts))
            for e, ep in enumerate(eps[:n_eps]):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                t = time.perf_counter()
                if method == "finetune":
                    logits = _finetune_logits(bb, ep, paths, activations)
                else:
                    ctx = FitContext(unlabelled=feats[ep.query], seed=e, parts=bb.parts)
                    model = make_method(method).fit(feats[ep.support], ep.support_labels, ways, ctx)
                    logits = model.logits(feats[ep.query])
                fit_s += time.perf_counter() - t
                accs.append(float((logits.argmax(1) == ep.query_labels).mean()))
                all_logits.append(logits); all_y.append(ep.query_labels)
                progress(Progress(f"{ways}-way {k}-shot {method}", e + 1, n_eps))
            records.append(_record(method, ways, k, accs, fit_s, all_logits, all_y, info["queries"]))
            progress(Progress("Benchmark", step, total))
    return records, info


def _record(method, ways, shots, accs, fit_s, all_logits, all_y, queries) -> BenchRecord:
    """Accuracy ± CI, and calibration measured honestly: temperature fitted on the first half of
    the episodes, ECE and the rejection rate of the default threshold on the second half."""
    accs = np.array(accs)
    half = max(1, len(all_logits) // 2)
    fit_l, fit_y = np.concatenate(all_logits[:half]), np.concatenate(all_y[:half])
    t = calibration.fit_temperature(fit_l, fit_y) if len(all_logits) > 1 else calibration.DEFAULT_TEMPERATURE
    ev_l = np.concatenate(all_logits[half:] or all_logits)
    ev_y = np.concatenate(all_y[half:] or all_y)
    probs = softmax(ev_l, t)
    correct_conf = probs.max(1)[probs.argmax(1) == ev_y]
    return BenchRecord(
        method=method, ways=ways, shots=shots, episodes=len(accs), accuracy=float(accs.mean()),
        ci95=float(1.96 * accs.std(ddof=1) / np.sqrt(len(accs))) if len(accs) > 1 else float("nan"),
        fit_ms=1000.0 * fit_s / len(accs), queries=queries,
        ece=calibration.expected_calibration_error(probs, ev_y),
        reject_correct_at_default=float((correct_conf < calibration.DEFAULT_THRESHOLD).mean()) if len(correct_conf) else float("nan"),
        threshold_5pct=calibration.threshold_rejecting(correct_conf), temperature=t,
    )


def backbone_throughput(backbone: str = DEFAULT_BACKBONE, batch: int = 32, repeats: int = 3, device: str | None = None) -> float:
    """Images/s of the network alone on preprocessed batches: the ceiling for any pipeline."""
    bb = load_backbone(backbone, device)
    res = bb.spec.resolution
    x = np.random.default_rng(0).standard_normal((batch, 3, res, res)).astype(np.float32)
    bb.embed_arrays(x)  # warm-up
    t = time.perf_counter()
    for _ in range(repeats):
        bb.embed_arrays(x)
    return batch * repeats / (time.perf_counter() - t)


def format_table(records: Sequence[BenchRecord]) -> str:
    head = f"{'method':<13}{'ways':>5}{'shots':>6}{'episodes':>9}{'accuracy %':>17}{'fit ms':>9}{'ECE':>7}{'T':>7}{'thr@5%':>8}"
    lines = [head, "-" * len(head)]
    for r in records:
        lines.append(
            f"{r.method:<13}{r.ways:>5}{r.shots:>6}{r.episodes:>9}{100 * r.accuracy:>10.2f} ± {100 * r.ci95:<4.2f}"
            f"{r.fit_ms:>9.1f}{r.ece:>7.3f}{r.temperature:>7.2f}{r.threshold_5pct:>8.2f}"
        )
    return "\n".join(lines)

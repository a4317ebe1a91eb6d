"""Error rate on the 20 original Omniglot one-shot runs (Lake et al., 2015): 20-way 1-shot.

Each run holds 20 training images (one per character, all from one evaluation alphabet) and 20
test images; ``class_labels.txt`` gives the right training image for each test image. A test
image is classified by the nearest prototype (the app's ``prototypes`` head, 1 shot per class).
Published error rates: people 4.5 %, Bayesian Program Learning 3.3 %, a simple convnet 13.5 %.

    python benchmarks/metatrain_omniglot_runs.py RUNS_DIR_OR_ZIP --backbone efficientnet-lite0 [...]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np


@contextlib.contextmanager
def _runs_root(path: str):
    """The runs folder; a zip is unpacked into a temporary folder that is removed afterwards."""
    p = Path(path)
    if not (p.is_file() and zipfile.is_zipfile(p)):
        yield p
        return
    with tempfile.TemporaryDirectory(prefix="omniglot-runs-") as out, zipfile.ZipFile(p) as zf:
        zf.extractall(out)  # our own shared data set, not an untrusted file
        yield Path(out)


def evaluate_runs(runs_dir: str, backbone: str, device: str | None = "cpu") -> dict:
    """Per-run and mean error rate (%) of nearest-prototype classification."""
    from fewshot_studio.core.features.embeddings import embed_paths
    from fewshot_studio.core.features.loading import load_backbone
    from fewshot_studio.core.methods.prototypes import Prototypes

    bb = load_backbone(backbone, device)
    with _runs_root(runs_dir) as root:
        errors = []
        for labels_file in sorted(root.rglob("class_labels.txt")):
            base = labels_file.parent.parent  # lines are "runNN/test/itemMM.png runNN/training/classKK.png"
            pairs = [line.split() for line in labels_file.read_text().splitlines() if line.strip()]
            train = sorted({t for _, t in pairs})
            feats = embed_paths([str(base / t) for t in train] + [str(base / q) for q, _ in pairs], bb).features
            fs, fq = feats[: len(train)], feats[len(train):]
            model = Prototypes().fit(fs, np.arange(len(train)), len(train))
            pred = model.logits(fq).argmax(1)
            truth = np.array([train.index(t) for _, t in pairs])
            errors.append(100.0 * float((pred != truth).mean()))
        if not errors:
            raise ValueError(f"no class_labels.txt under {root}")
    return {"backbone": bb.id, "backbone_arg": backbone, "runs": len(errors), "error_pct": float(np.mean(errors)),
            "per_run_error_pct": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs")
    ap.add_argument("--backbone", nargs="+", default=["efficientnet-lite0"])
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    results = []
    for name in args.backbone:
        r = evaluate_runs(args.runs, name)
        results.append(r)
        print(f"{name}: error {r['error_pct']:.1f} % over {r['runs']} runs (20-way 1-shot)", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Open any one widget alone, with sample data, for a look or a screenshot (Orange style).

    python -m fewshot_studio.gui.preview results      # the live panel with a sample result
    python -m fewshot_studio.gui.preview bucket       # one class bucket of the demo
    python -m fewshot_studio.gui.preview --list

The sample result is made up (seeded) over the demo's images, so previews need no training.
"""
from __future__ import annotations

import argparse
import sys

import numpy as np


def demo_project():
    from fewshot_studio.core.project import load_project
    from fewshot_studio.gui.project.session_files import prepare_demo

    return load_project(prepare_demo()).project


def sample_snapshot(project, seed: int = 0):
    """A plausible result over the project's images: a quarter held out, a few mistakes."""
    from fewshot_studio.gui.results.result_rows import PredictionRow, ResultSnapshot

    rng = np.random.default_rng(seed)
    names = [b.name for b in project.classes]
    c = len(names)

    def probs(true: int | None):
        logits = rng.normal(0, 1, c)
        if true is not None:
            logits[true] += rng.choice([3.0, 0.3], p=[0.85, 0.15])
        p = np.exp(logits) / np.exp(logits).sum()
        return tuple(float(v) for v in p)

    heldout = []
    for k, bucket in enumerate(project.classes):
        for path in bucket.paths[: max(1, len(bucket.paths) // 4)]:
            pr = probs(k)
            heldout.append(PredictionRow(path, names[int(np.argmax(pr))], max(pr), pr, bucket.name))
    test = []
    for path in project.test_pool.paths:
        pr = probs(int(rng.integers(c)))
        test.append(PredictionRow(path, names[int(np.argmax(pr))], max(pr), pr))
    confusion = np.zeros((c, c), dtype=int)
    for r in heldout:
        confusion[names.index(r.true), names.index(r.pred)] += 1
    per_class = {n: {"n": int(confusion[i].sum()), "accuracy": float(confusion[i, i] / max(1, confusion[i].sum()))} for i, n in enumerate(names)}
    correct = sum(r.correct for r in heldout)
    return ResultSnapshot(names, correct / max(1, len(heldout)), len(heldout), per_class, confusion, heldout, test, 0.5,
                          warnings=["“Shirt” and “T-shirt” look alike: 2 pictures could be either (sample warning)."])


def _results():
    from fewshot_studio.core.project import Project  # noqa: F401
    from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
    from fewshot_studio.gui.project.project_editor import ProjectEditor
    from fewshot_studio.gui.results.live_results import LiveResults
    from fewshot_studio.gui.results.results_panel import ResultsPanel

    project = demo_project()
    live, editor = LiveResults(), ProjectEditor(project)
    panel = ResultsPanel(live, editor, ThumbnailLoader())
    live.set_result(sample_snapshot(project))
    panel._keep = (live, editor)
    panel.resize(600, 800)
    return panel


def _bucket():
    from fewshot_studio.gui.buckets.bucket_panel import BucketPanel
    from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
    from fewshot_studio.gui.project.project_editor import ProjectEditor
    from fewshot_studio.gui.results.live_results import LiveResults

    project = demo_project()
    live = LiveResults()
    panel = BucketPanel(ProjectEditor(project), ThumbnailLoader(), live)
    live.set_result(sample_snapshot(project))
    panel._keep = live
    panel.resize(760, 820)
    return panel


def _empty():
    from pathlib import Path

    from fewshot_studio.gui.empty_state import EmptyState

    w = EmptyState([Path.home() / "Pictures" / "birds.fsproject"])
    w.resize(1000, 640)
    return w


def _notices():
    from fewshot_studio.gui.notices import NoticeArea

    area = NoticeArea()
    area.show_notice("Added 40 images. 2 files were skipped (not usable images); 1 already in the project.",
                     ["notes.txt: not an image", "IMG_0012.jpg: the file is empty (0 bytes)"], "warning")
    area.show_notice("3 images of this project could not be found.", ["/media/usb/cat1.jpg"], "warning",
                     [("Remove them from the project", lambda: None)])
    area.resize(900, 160)
    return area


def _status():
    from fewshot_studio.gui.status_bar import StatusBar

    bar = StatusBar()
    bar.set_device("CPU (8 cores)")
    bar.set_counts(demo_project())
    bar.set_state("updating", "Learning…")
    bar.set_progress("Embedding images", 37, 95)
    bar.resize(1200, 30)
    return bar


def _finetune():
    from fewshot_studio.gui.finetune_option import FinetuneOption

    w = FinetuneOption()
    w.set_counts(80, 15)
    w.set_speed(0.05)
    return w


def _window():
    from fewshot_studio.gui.main_window import MainWindow

    w = MainWindow()
    w.session.open_demo()
    return w


PREVIEWS = {"window": _window, "results": _results, "bucket": _bucket, "empty": _empty,
            "notices": _notices, "status": _status, "finetune": _finetune}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("widget", nargs="?", choices=sorted(PREVIEWS), default="results")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--tab", help="results panel tab to show: confusion, predictions, mistakes, label_next, warnings")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(sorted(PREVIEWS)))
        return 0
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    widget = PREVIEWS[args.widget]()
    if args.tab:
        panel = widget if hasattr(widget, "show_tab") else getattr(widget, "results", None)
        if panel is not None:
            panel.show_tab(args.tab)
    widget.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""The Qt models pass Qt's own model checks, and thumbnails decode off the GUI thread."""
from __future__ import annotations

import numpy as np

from fewshot_studio.core.project import Project
from fewshot_studio.gui.buckets.bucket_model import BucketModel, contiguous_runs
from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.results.confusion_view import ConfusionModel
from fewshot_studio.gui.results.live_results import LiveResults
from fewshot_studio.gui.results.predictions_view import PredictionsModel
from fewshot_studio.gui.results.result_rows import PredictionRow, ResultSnapshot


def test_contiguous_runs_come_last_first():
    assert contiguous_runs([0, 1, 2, 5, 7, 8]) == [(7, 8), (5, 5), (0, 2)]


def test_bucket_model_follows_the_project(qtbot, qtmodeltester, fashion_small):
    project = Project()
    bag = project.add_class("bag")
    thumbs = ThumbnailLoader()
    live = LiveResults()
    model = BucketModel(project, bag, thumbs, live)
    qtmodeltester.check(model, force_py=True)
    paths = [str(p) for p in fashion_small["bag"]]
    project.insert_images(bag, paths[:5])
    project.insert_images(bag, paths[5:], index=2)
    assert model.paths() == bag.paths
    removed = project.remove_images(bag, [bag.paths[0], bag.paths[3], bag.paths[4]])
    assert model.paths() == bag.paths
    project.restore_images(bag, removed)
    assert model.paths() == bag.paths and model.rowCount() == 8
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(thumbs.thumbnailsReady, timeout=10_000):
        model.index(0).data(1)  # DecorationRole: asks the loader
    assert thumbs.has(bag.paths[0]) and thumbs.error(bag.paths[0]) is None
    mime = model.mimeData([model.index(1), model.index(2)])
    assert len(mime.urls()) == 2
    model.detach()


def test_thumbnail_of_a_broken_file_is_marked_not_fatal(qtbot, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n nope")
    thumbs = ThumbnailLoader()
    with qtbot.waitSignal(thumbs.thumbnailsReady, timeout=10_000) as blocker:
        thumbs.pixmap(str(broken))
    assert str(broken) in blocker.args[0]
    assert thumbs.error(str(broken))


def test_confusion_and_predictions_models(qtbot, qtmodeltester):
    confusion = ConfusionModel()
    confusion.set_matrix(["a", "b", "c"], np.array([[3, 1, 0], [0, 2, 0], [1, 0, 4]]))
    qtmodeltester.check(confusion, force_py=True)
    assert confusion.index(0, 1).data() == "1"

    live = LiveResults()
    predictions = PredictionsModel(live, ThumbnailLoader())
    rows = [PredictionRow(f"/x/{i}.png", "a", 0.5 + i / 20, (0.5 + i / 20, 0.5 - i / 20), "a" if i % 2 else None) for i in range(6)]
    with qtbot.waitSignal(live.detailsChanged):  # long lists follow one event-loop turn later
        live.set_result(ResultSnapshot(["a", "b"], 1.0, 3, {}, np.eye(2, dtype=int), [r for r in rows if r.true], [r for r in rows if not r.true], 0.6))
    qtmodeltester.check(predictions, force_py=True)
    assert predictions.rowCount() == 6
    predictions.set_filter("unsure")
    assert predictions.rowCount() == 2  # 0.50 and 0.55 are below 0.6
    qtmodeltester.check(predictions, force_py=True)

"""``fewshot-studio train``: a classifier file from a folder of class folders, with its held-out accuracy."""
from __future__ import annotations

import os
import re

from classifier_helpers import CLASSES, digest

from fewshot_studio.cli.main import main


def test_train_cli_prints_held_out_accuracy_and_writes_a_loadable_file(shared_data, tmp_path, capsys):
    import fewshot_studio

    data = tmp_path / "dataset"
    for c in CLASSES[:2]:
        (data / c).mkdir(parents=True)
        for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[:5]:
            os.symlink(p, data / c / p.name)
    out = tmp_path / "two"
    assert main(["train", str(data), "--out", str(out), "--method", "prototypes"]) == 0
    text = capsys.readouterr().out
    assert "Cross-validated accuracy:" in text
    assert re.search(r"\d+ of 10 right — \d+ % \(likely \d+–\d+ %\)", text), text
    assert "95 % interval" in text and "method prototypes" in text
    clf = fewshot_studio.load_classifier(tmp_path / "two.fewshot")
    assert clf.class_names == list(CLASSES[:2]) and clf.metrics["n_heldout"] == 10
    lo, hi = clf.metrics["accuracy_ci95"]
    assert 0 <= lo <= clf.metrics["accuracy"] <= hi <= 1
    photo = sorted((shared_data / "flowers12" / CLASSES[1]).glob("*.jpg"))[30]
    assert clf.predict(str(photo)).labels == [CLASSES[1]]
    assert digest(photo)  # the photo itself is untouched


def test_train_cli_explains_a_bad_dataset(tmp_path, capsys):
    (tmp_path / "only").mkdir()
    assert main(["train", str(tmp_path), "--out", str(tmp_path / "x.fewshot")]) == 1
    assert "error:" in capsys.readouterr().err and not (tmp_path / "x.fewshot").exists()

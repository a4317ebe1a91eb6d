"""The Ray Data path (`--ray`) on a real local Ray instance: the very same CSV as a local run."""
from __future__ import annotations

import csv

import pytest
from classifier_helpers import photo_folder, train_small

from fewshot_studio.core.labelling.folder_run import LabelOptions, label_folder

ray = pytest.importorskip("ray", reason="the optional extra fewshot-studio[ray] is not installed")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_gives_the_identical_csv_and_placements(local_ray, shared_data, tmp_path):
    clf = train_small(shared_data).classifier
    photos = photo_folder(tmp_path, shared_data)
    local = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "local", recursive=True, use_cache=False))
    on_ray = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "ray", mode="copy", recursive=True,
                                                   use_cache=False, ray_address="local", batch_size=4))
    assert on_ray.engine == "ray" and on_ray.counts == local.counts

    def without_destination(run: str) -> list[dict[str, str]]:  # only the copy run fills that column in
        with open(tmp_path / run / "labels.csv", newline="", encoding="utf-8") as fh:
            return [{k: v for k, v in row.items() if k != "destination"} for row in csv.DictReader(fh)]

    assert without_destination("ray") == without_destination("local")
    assert (tmp_path / "ray" / "_errors.csv").read_text() == (tmp_path / "local" / "_errors.csv").read_text()
    assert sum(1 for p in (tmp_path / "ray").rglob("*.jpg")) == 10


def test_ray_from_the_cli_is_byte_identical(local_ray, shared_data, tmp_path, capsys):
    from fewshot_studio.cli.main import main
    from fewshot_studio.core.classifier.file_format import save_classifier

    clf = train_small(shared_data).classifier
    model = save_classifier(clf, tmp_path / "m.fewshot")
    photos = photo_folder(tmp_path, shared_data)
    label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "a", use_cache=False))
    assert main(["label", str(model), str(photos), "--out", str(tmp_path / "b"), "--no-cache", "--ray"]) == 0
    assert "photos/s, ray" in capsys.readouterr().out
    assert (tmp_path / "a" / "labels.csv").read_bytes() == (tmp_path / "b" / "labels.csv").read_bytes()

"""Damaged and crafted classifier and backbone files: every failure is the format's own error
naming the file (byte-flip fuzzing included), and a head that would predict NaN is refused."""
from __future__ import annotations

import json
import random
import struct
import time
import zipfile
from pathlib import Path

import pytest
from classifier_helpers import train_small

from fewshot_studio.cli.main import main
from fewshot_studio.core.classifier.file_format import (
    LIMITS,
    ClassifierFileError,
    load_trained_classifier,
    save_classifier,
)
from fewshot_studio.core.classifier.manifest import parse_manifest
from fewshot_studio.core.features.backbone_file import (
    MAX_WEIGHTS_BYTES,
    BackboneFileError,
    _validate_manifest,
    read_backbone_file,
    save_backbone_file,
)


@pytest.fixture(scope="module")
def model_file(shared_data, tmp_path_factory):
    return save_classifier(train_small(shared_data).classifier, tmp_path_factory.mktemp("m") / "flowers.fewshot")


@pytest.fixture(scope="module")
def backbone_file(backbone, tmp_path_factory):
    path = tmp_path_factory.mktemp("bb") / "lab.fewshot-backbone"
    return save_backbone_file(path, backbone.net, "efficientnet-lite0", 96, label="test")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(path: Path, members: dict[str, bytes], compress=zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data, compress_type=compress)
    return path


def _edit_manifest(src: Path, dst: Path, edit) -> Path:
    members = _members(src)
    members["manifest.json"] = edit(members["manifest.json"].decode()).encode()
    return _write(dst, members)


def _patch_first_member(path: Path, patch) -> Path:
    """Change the raw bytes of a zip in place: ``patch(bytearray, data_offset)``."""
    raw = bytearray(path.read_bytes())
    name_len, extra_len = struct.unpack_from("<HH", raw, 26)
    patch(raw, 30 + name_len + extra_len)
    path.write_bytes(bytes(raw))
    return path


def test_crafted_classifier_files_raise_only_the_formats_error(model_file, tmp_path):
    cases = {}
    deflated = _write(tmp_path / "zlib.fewshot", _members(model_file), zipfile.ZIP_DEFLATED)
    cases["zlib"] = _patch_first_member(deflated, lambda raw, at: raw.__setitem__(at, 0xFF))  # invalid deflate block
    method = _write(tmp_path / "method.fewshot", _members(model_file), zipfile.ZIP_DEFLATED)

    def unknown_method(raw, at):
        struct.pack_into("<H", raw, 8, 99)  # local header
        cd = raw.find(b"PK\x01\x02")
        struct.pack_into("<H", raw, cd + 10, 99)  # central directory

    cases["compression"] = _patch_first_member(method, unknown_method)
    cases["deep"] = _edit_manifest(model_file, tmp_path / "deep.fewshot",
                                   lambda m: m.replace('"metrics": {', '"metrics": {"x": ' + "[" * 100_000 + "]" * 100_000 + ", ", 1))
    cases["digits"] = _edit_manifest(model_file, tmp_path / "digits.fewshot",
                                     lambda m: m.replace('"temperature": ', '"temperature": ' + "9" * 5000 + ", \"t0\": ", 1))
    for kind, path in cases.items():
        with pytest.raises(ClassifierFileError) as err:
            load_trained_classifier(path)
        assert path.name in str(err.value), (kind, str(err.value))


def test_a_head_that_would_predict_nan_is_refused_at_load(model_file, tmp_path):
    path = _edit_manifest(model_file, tmp_path / "nan.fewshot",
                          lambda m: json.dumps({**json.loads(m), "head": {**json.loads(m)["head"], "config": {
                              **json.loads(m)["head"]["config"], "power": 1e308}}}))
    with pytest.raises(ClassifierFileError, match="NaN or infinite scores"):
        load_trained_classifier(path)


def test_members_are_capped_near_real_sizes_so_a_small_bomb_is_refused_fast(model_file, tmp_path):
    members = _members(model_file)
    assert len(members["head.safetensors"]) * 20 < LIMITS["head.safetensors"] <= 64 << 20
    members["head.safetensors"] = bytes(LIMITS["head.safetensors"] + 1)  # zeros: deflates to ~25 KB
    bomb = _write(tmp_path / "bomb.fewshot", members, zipfile.ZIP_DEFLATED)
    assert bomb.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(ClassifierFileError, match="more than the"):
        load_trained_classifier(bomb)
    assert time.perf_counter() - started < 5
    assert MAX_WEIGHTS_BYTES < 64 << 20


@pytest.mark.parametrize("edit, words", [
    (lambda m: {**m, "version": True}, "valid version"),
    (lambda m: {**m, "version": -7}, "valid version"),
    (lambda m: {**m, "mean": [True, True, True]}, "mean must be three numbers"),
])
def test_backbone_manifest_types_are_checked(backbone_file, edit, words):
    manifest = json.loads(_members(backbone_file)["manifest.json"])
    with pytest.raises(BackboneFileError, match=words):
        _validate_manifest(json.dumps(edit(manifest)).encode())


def test_train_and_bench_report_a_rejected_backbone_file_without_a_traceback(backbone_file, shared_data, tmp_path, capsys):
    bad = _edit_manifest(backbone_file, tmp_path / "bad.fewshot-backbone", lambda m: m.replace('"version": 1', '"version": true'))
    truncated = tmp_path / "cut.fewshot-backbone"
    truncated.write_bytes(backbone_file.read_bytes()[: 5_000_000])
    ds = shared_data / "flowers12"
    for path in (bad, truncated):
        assert main(["train", str(ds), "--backbone", str(path), "--out", str(tmp_path / "x.fewshot")]) == 1
        assert main(["bench", str(ds), "--backbone", str(path), "--episodes", "1", "--no-throughput"]) == 1
        err = capsys.readouterr().err
        assert err.count("error: ") == 2 and path.name in err and "Traceback" not in err
    assert not (tmp_path / "x.fewshot").exists()


def _flip_positions(size: int, head: int, tail: int, n: int, rng: random.Random) -> list[int]:
    """Where damage hurts most: the first member's header and manifest, the central directory, anywhere."""
    return [rng.randrange(0, min(head, size)) if k % 3 == 0 else rng.randrange(max(0, size - tail), size)
            if k % 3 == 1 else rng.randrange(size) for k in range(n)]


def _fuzz(path: Path, load, error: type[Exception], flips: int, head: int, seed: int) -> int:
    rng = random.Random(seed)
    original = path.read_bytes()
    refused = 0
    with open(path, "r+b") as fh:
        for pos in _flip_positions(len(original), head, 400, flips, rng):
            fh.seek(pos)
            fh.write(bytes([original[pos] ^ (1 << rng.randrange(8))]))
            fh.flush()
            try:
                load(path)
            except error as exc:
                assert path.name in str(exc), str(exc)
                refused += 1
            fh.seek(pos)
            fh.write(original[pos : pos + 1])
            fh.flush()
    assert path.read_bytes() == original
    return refused


def test_byte_flips_in_a_classifier_file_raise_only_its_error(model_file, tmp_path):
    path = tmp_path / model_file.name
    path.write_bytes(model_file.read_bytes())
    assert _fuzz(path, load_trained_classifier, ClassifierFileError, 180, 3000, seed=1) > 100


def test_byte_flips_in_a_backbone_file_raise_only_its_error(backbone_file, tmp_path):
    path = tmp_path / backbone_file.name
    path.write_bytes(backbone_file.read_bytes())
    assert _fuzz(path, read_backbone_file, BackboneFileError, 120, 1500, seed=2) > 60


def test_byte_flips_in_a_manifest_raise_only_the_formats_error(model_file):
    raw = _members(model_file)["manifest.json"]
    rng = random.Random(3)
    outcomes = {"ok": 0, "refused": 0}
    for _ in range(200):
        flipped = bytearray(raw)
        for _ in range(rng.randrange(1, 4)):
            pos = rng.randrange(len(flipped))
            flipped[pos] ^= 1 << rng.randrange(8)
        try:
            parse_manifest(bytes(flipped), "m.fewshot")
            outcomes["ok"] += 1
        except ClassifierFileError as exc:
            assert "m.fewshot" in str(exc)
            outcomes["refused"] += 1
    assert outcomes["refused"] > 50

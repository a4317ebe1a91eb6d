"""Meta-training on real Omniglot characters: it helps on unseen alphabets, it resumes exactly,
and the CLI writes a backbone file the rest of the app loads."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from fewshot_studio.core.features.backbone import preprocess
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.imaging.images import class_folders, load_image
from fewshot_studio.core.methods.prototypes import Prototypes
from fewshot_studio.core.tuning.metatrain import MetaTrainConfig, metatrain
from fewshot_studio.core.tuning.metatrain.episodes import EpisodeSampler, fixed_episodes, split_classes
from fewshot_studio.core.util.progress import Cancelled, CancelToken

RES = 64  # Omniglot is 105 px line art; 64 px keeps the test fast and still learnable


def _link_alphabet(shared_data, dest, prefix: str, n_classes: int):
    dest.mkdir()
    chars = sorted(p for p in (shared_data / "omniglot_small").iterdir() if p.name.startswith(prefix))[:n_classes]
    for c in chars:
        (dest / c.name).symlink_to(c)
    return dest


@pytest.fixture(scope="module")
def omniglot(shared_data, tmp_path_factory):
    root = tmp_path_factory.mktemp("omniglot")
    return (_link_alphabet(shared_data, root / "base", "greek", 24),
            _link_alphabet(shared_data, root / "heldout", "korean", 15))


def _heldout_accuracy(backbone_name: str, heldout, resolution: int) -> float:
    """Prototype accuracy, 5-way 1-shot, on an alphabet the run never saw (fixed episodes), on the
    standard feature: the one meta-training shapes (the embedding's taps come along unchanged
    when, as here, only the last block is trained)."""
    bb = load_backbone(backbone_name, device="cpu")
    spec = dataclasses.replace(bb.spec, resolution=resolution)
    classes = class_folders(heldout)
    paths = [p for imgs in classes.values() for p in imgs[:8]]
    labels = np.repeat(np.arange(len(classes)), 8)
    feats = bb.embed_arrays(np.stack([preprocess(load_image(p), spec) for p in paths]))[:, : bb.spec.feature_dim]
    accs = []
    for e in fixed_episodes(labels, 5, 1, 300, 7, seed=11):
        m = Prototypes().fit(feats[e.support], e.support_labels, 5)
        accs.append(float((m.logits(feats[e.query]).argmax(1) == e.query_labels).mean()))
    return float(np.mean(accs))


def test_split_and_sampler_are_deterministic_and_disjoint():
    names = [f"c{i:02d}" for i in range(30)]
    base, val = split_classes(names, 0.2, seed=3)
    assert not set(base) & set(val) and len(val) == 6 and split_classes(names, 0.2, seed=3) == (base, val)
    labels = np.repeat(np.arange(10), 6)
    s = EpisodeSampler(labels, (3, 8), (1, 4), 2, seed=5)
    a, b = s.sample(7), s.sample(7)
    assert np.array_equal(a.support, b.support) and np.array_equal(a.query, b.query)
    assert 3 <= a.ways <= 8 and 1 <= a.shots <= 4 and not set(a.support) & set(a.query)
    assert len(a.support) == a.ways * a.shots


def test_tiny_meta_training_improves_an_unseen_alphabet(omniglot, tmp_path):
    base, heldout = omniglot
    cfg = MetaTrainConfig(episodes=20, ways=(5, 5), shots=(1, 2), queries=4, resolution=RES, trainable_blocks=1,
                          max_images_per_class=8, val_every=10, val_episodes=30, seed=0, device="cpu")
    result = metatrain(str(base), tmp_path / "omni.fewshot-backbone", cfg)
    assert result.improved and result.best_val > result.start_val
    before = _heldout_accuracy("efficientnet-lite0", heldout, RES)
    after = _heldout_accuracy(str(result.path), heldout, RES)
    assert after > before + 0.03, (before, after)
    assert not (tmp_path / "omni.fewshot-backbone.work").exists()  # the work folder goes on success


def _small_cfg(**kw) -> MetaTrainConfig:
    return MetaTrainConfig(episodes=6, ways=(5, 5), shots=(1, 2), queries=3, resolution=48, trainable_blocks=1,
                           max_images_per_class=6, val_every=3, val_episodes=10, checkpoint_every=2,
                           seed=1, device="cpu", **kw)


def _weights(path):
    from fewshot_studio.core.features.backbone_file import read_backbone_file

    return read_backbone_file(path)[1]


def test_an_interrupted_run_resumes_to_the_same_weights(omniglot, tmp_path, method="meta-baseline"):
    base, _ = omniglot
    straight = metatrain(str(base), tmp_path / "a.fewshot-backbone", _small_cfg(method=method))

    token, logs = CancelToken(), []

    def cancel_at_5(p):
        if p.stage == "Meta-training" and p.done == 5:
            token.cancel()

    out = tmp_path / "b.fewshot-backbone"
    with pytest.raises(Cancelled):
        metatrain(str(base), out, _small_cfg(method=method), progress=cancel_at_5, cancel=token, log=logs.append)
    assert not out.exists() and len(list((tmp_path / "b.fewshot-backbone.work").glob("checkpoint-*.safetensors"))) == 1
    resumed = metatrain(str(base), out, _small_cfg(method=method), log=logs.append)
    assert any("resuming from episode 5" in line for line in logs)
    assert resumed.history == straight.history
    a, b = _weights(straight.path), _weights(resumed.path)
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_cli_fomaml_writes_a_backbone_file_the_app_can_load(omniglot, tmp_path, capsys):
    from fewshot_studio.cli.main import main

    base, _ = omniglot
    out = tmp_path / "cli.fewshot-backbone"
    rc = main(["metatrain", str(base), "--out", str(out), "--method", "fomaml", "--episodes", "4", "--ways", "5", "--shots", "1", "2",
               "--resolution", "48", "--trainable-blocks", "1", "--max-images-per-class", "6", "--val-every", "2",
               "--val-episodes", "10", "--device", "cpu"])
    assert rc == 0, capsys.readouterr().err
    assert "wrote" in capsys.readouterr().out
    bb = load_backbone(str(out), device="cpu")
    assert bb.spec.resolution == 48 and bb.source is not None
    assert main(["metatrain", str(base), "--out", str(tmp_path / "x.pth")]) == 2


def test_gradient_checkpointing_gives_the_same_gradients(backbone):
    import copy

    import torch

    from fewshot_studio.core.tuning.metatrain.base import late_module

    split = backbone.net.num_blocks - 2
    z = backbone.net.forward_early(torch.randn(6, 3, 64, 64, generator=torch.Generator().manual_seed(0)), split)
    grads = []
    for saving in (False, True):
        net = copy.deepcopy(backbone.net).float().eval().requires_grad_(False)
        late = late_module(net, split, checkpointing=saving).requires_grad_(True)
        with torch.enable_grad():
            late(z.detach().clone()).pow(2).sum().backward()
        grads.append({k: p.grad.clone() for k, p in late.named_parameters()})
    assert grads[0].keys() == grads[1].keys()
    for k in grads[0]:
        torch.testing.assert_close(grads[0][k], grads[1][k], rtol=1e-5, atol=1e-6, msg=k)


def test_a_run_resumes_across_settings_that_do_not_change_its_result():
    a = MetaTrainConfig(episodes=100, device="cpu", checkpointing=True)
    assert a.run_key("d") == MetaTrainConfig(episodes=300, device="cuda", checkpointing=False).run_key("d")
    assert a.run_key("d") != MetaTrainConfig(lr=2e-4).run_key("d") != a.run_key("other data")

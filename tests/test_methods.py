"""Every adaptation method on real backbone features; save/load; class weights; transduction; auto."""
from __future__ import annotations

import json

import numpy as np
import pytest

from fewshot_studio.core.features.embeddings import embed_paths
from fewshot_studio.core.methods import METHODS, FitContext, make_method
from fewshot_studio.core.methods.auto import LOGREG_FROM_SHOTS, Auto
from fewshot_studio.core.methods.base import softmax


class Features:
    def __init__(self, examples, backbone):
        paths = [p for ps in examples.values() for p in ps]
        res = embed_paths(paths, backbone)
        assert res.index == list(range(len(paths))), res.skipped
        self.x = res.features
        self.y = np.array([c for c, ps in enumerate(examples.values()) for _ in ps])
        self.n_classes = len(examples)
        self.paths = paths

    def split(self, shots: int, queries: int = 3):
        """First ``shots`` of each class to learn from, last ``queries`` to test on."""
        sup, qry = [], []
        for c in range(self.n_classes):
            idx = np.flatnonzero(self.y == c)
            sup += list(idx[:shots])
            qry += list(idx[-queries:])
        return np.array(sup), np.array(qry)


@pytest.fixture(scope="module")
def flowers(flowers_small, backbone) -> Features:
    return Features(flowers_small, backbone)


@pytest.fixture(scope="module")
def fashion(fashion_small, backbone) -> Features:
    return Features(fashion_small, backbone)


def _accuracy(model, data: Features, idx) -> float:
    return float((model.logits(data.x[idx]).argmax(1) == data.y[idx]).mean())


@pytest.mark.parametrize("dataset", ["flowers", "fashion"])
@pytest.mark.parametrize("shots", [1, 5])
@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_method_beats_chance_on_real_features(name, shots, dataset, request):
    data: Features = request.getfixturevalue(dataset)
    sup, qry = data.split(shots)
    model = make_method(name).fit(data.x[sup], data.y[sup], data.n_classes, FitContext(unlabelled=data.x[qry]))
    logits = model.logits(data.x[qry])
    assert logits.shape == (len(qry), data.n_classes)
    assert np.isfinite(logits).all()
    # Chance is 0.25; these photo classes are easy for an ImageNet backbone.
    assert _accuracy(model, data, qry) >= 0.75


@pytest.mark.parametrize("name", sorted(METHODS))
def test_state_round_trip_gives_identical_logits(name, flowers):
    sup, qry = flowers.split(5)
    model = make_method(name).fit(flowers.x[sup], flowers.y[sup], 4, FitContext(unlabelled=flowers.x[qry]))
    state, config = model.state(), model.config()
    # What a classifier file can hold: named float arrays and JSON.
    assert all(isinstance(k, str) and isinstance(v, np.ndarray) for k, v in state.items())
    config = json.loads(json.dumps(config))
    restored = type(model).from_state(config, {k: np.array(v) for k, v in state.items()})
    np.testing.assert_array_equal(restored.logits(flowers.x), model.logits(flowers.x))


def test_prototypes_are_not_swamped_by_a_big_bucket(flowers):
    """A class that holds many (near-)identical photos must not pull the centre onto itself."""
    sup, qry = flowers.split(5)
    big = np.concatenate([sup] + [sup[flowers.y[sup] == 0]] * 9)  # class 0: 50 images, others 5
    balanced = make_method("prototypes").fit(flowers.x[sup], flowers.y[sup], 4).logits(flowers.x[qry])
    swamped = make_method("prototypes").fit(flowers.x[big], flowers.y[big], 4).logits(flowers.x[qry])
    np.testing.assert_allclose(swamped, balanced, atol=1e-4)


def test_logreg_class_weights_keep_a_big_bucket_from_drowning_the_rest(flowers):
    sup, qry = flowers.split(5)
    big = np.concatenate([sup] + [sup[flowers.y[sup] == 0]] * 9)
    a = make_method("logreg").fit(flowers.x[sup], flowers.y[sup], 4).logits(flowers.x[qry])
    b = make_method("logreg").fit(flowers.x[big], flowers.y[big], 4).logits(flowers.x[qry])
    # How much more the model favours class 0 on unseen photos once class 0 is 10x as big.
    # Without class weights this is about +1.0 logit; with them it stays near zero.
    shift = float(np.mean((b[:, 0] - b[:, 1:].mean(1)) - (a[:, 0] - a[:, 1:].mean(1))))
    assert abs(shift) < 0.5, shift
    assert (b.argmax(1) == flowers.y[qry]).mean() >= 0.9


def test_logreg_unbalanced_real_buckets(flowers):
    """8 photos of one class against 2 of the others: the small classes are still recognised."""
    keep = np.concatenate([np.flatnonzero(flowers.y == 0)] + [np.flatnonzero(flowers.y == c)[:2] for c in (1, 2, 3)])
    qry = np.concatenate([np.flatnonzero(flowers.y == c)[-3:] for c in (1, 2, 3)])
    model = make_method("logreg").fit(flowers.x[keep], flowers.y[keep], 4)
    assert _accuracy(model, flowers, qry) >= 0.75


def test_transductive_uses_the_unlabelled_pool(flowers):
    sup, qry = flowers.split(1)
    pool = flowers.x[qry]
    alone = make_method("transductive").fit(flowers.x[sup], flowers.y[sup], 4)
    with_pool = make_method("transductive").fit(flowers.x[sup], flowers.y[sup], 4, FitContext(unlabelled=pool))
    plain = make_method("prototypes").fit(flowers.x[sup], flowers.y[sup], 4)
    # Without a pool it is plain prototypes; with one, the centre and prototypes move.
    np.testing.assert_allclose(alone.logits(pool), plain.logits(pool), atol=1e-5)
    np.testing.assert_allclose(with_pool.inner.centre, np.concatenate([flowers.x[sup], pool]).mean(0), atol=1e-4)
    assert np.abs(with_pool.inner.prototypes - plain.prototypes).max() > 1e-3
    # The pool pulls prototypes towards the queries: they get more confident on them, and stay right.
    conf_alone = softmax(alone.logits(pool)).max(1).mean()
    conf_pool = softmax(with_pool.logits(pool)).max(1).mean()
    assert conf_pool > conf_alone
    assert _accuracy(with_pool, flowers, qry) >= _accuracy(alone, flowers, qry)


@pytest.mark.parametrize(
    "counts,expected",
    [
        ((1, 1, 1, 1), "prototypes"),
        ((LOGREG_FROM_SHOTS - 1,) * 4, "prototypes"),
        ((LOGREG_FROM_SHOTS,) * 4, "logreg"),
        ((8, 8, 8, LOGREG_FROM_SHOTS - 1), "prototypes"),  # the smallest class decides
    ],
)
def test_auto_picks_by_the_smallest_class(counts, expected, flowers):
    idx = np.concatenate([np.flatnonzero(flowers.y == c)[:n] for c, n in enumerate(counts)])
    model = Auto().fit(flowers.x[idx], flowers.y[idx], 4)
    assert model.chosen.name == expected
    assert model.config()["chosen"] == expected
    direct = make_method(expected).fit(flowers.x[idx], flowers.y[idx], 4)
    np.testing.assert_allclose(model.logits(flowers.x), direct.logits(flowers.x), atol=1e-5)


@pytest.mark.parametrize("shots,expected", [(1, "transductive"), (LOGREG_FROM_SHOTS, "self-training")])
def test_auto_with_an_unlabelled_pool(shots, expected, flowers):
    sup, qry = flowers.split(shots)
    model = Auto().fit(flowers.x[sup], flowers.y[sup], 4, FitContext(unlabelled=flowers.x[qry]))
    assert model.chosen.name == expected
    restored = Auto.from_state(json.loads(json.dumps(model.config())), model.state())
    np.testing.assert_array_equal(restored.logits(flowers.x), model.logits(flowers.x))


def test_self_training_without_a_pool_is_logistic_regression(flowers):
    sup, qry = flowers.split(5)
    alone = make_method("self-training").fit(flowers.x[sup], flowers.y[sup], 4)
    plain = make_method("logreg").fit(flowers.x[sup], flowers.y[sup], 4)
    np.testing.assert_allclose(alone.logits(flowers.x), plain.logits(flowers.x), atol=1e-5)


def test_self_training_learns_from_its_confident_pool_predictions(flowers, monkeypatch):
    from fewshot_studio.core.methods.logreg import LogisticRegression

    sup, qry = flowers.split(5)
    pool = flowers.x[qry]
    fits = []
    real = LogisticRegression.fit_normalised

    def spy(self, z, labels, n_classes, counts=None):
        fits.append((len(z), None if counts is None else counts.copy()))
        return real(self, z, labels, n_classes, counts)

    monkeypatch.setattr(LogisticRegression, "fit_normalised", spy)
    model = make_method("self-training").fit(flowers.x[sup], flowers.y[sup], 4, FitContext(unlabelled=pool))
    # One fit on the support, then one per round on support + the sure pool images; class weights
    # always from the user's labelled counts, so pseudo-labels never reweight the buckets.
    assert len(fits) == 1 + model.rounds
    assert fits[0][0] == len(sup) and all(n > len(sup) for n, _ in fits[1:])
    assert all(np.array_equal(c, [5, 5, 5, 5]) for _, c in fits)
    # Centred on support and pool together, and at least as right as plain logistic regression.
    plain = make_method("logreg").fit(flowers.x[sup], flowers.y[sup], 4)
    assert np.abs(model.centre - plain.centre).max() > 1e-4
    assert _accuracy(model, flowers, qry) >= _accuracy(plain, flowers, qry)
    restored = METHODS["self-training"].from_state(json.loads(json.dumps(model.config())), model.state())
    np.testing.assert_array_equal(restored.logits(flowers.x), model.logits(flowers.x))


def test_logreg_saved_before_the_power_transform_still_loads_untransformed(flowers):
    """Classifier files written before logistic regression took the square root have no "power"
    in their config: their weights were fitted on raw features and must be applied to raw ones."""
    from fewshot_studio.core.methods.logreg import LogisticRegression

    sup, _ = flowers.split(5)
    old = LogisticRegression(l2=1e-2, power=1.0).fit(flowers.x[sup], flowers.y[sup], 4)
    config = {"l2": 1e-2, "max_iter": 100}  # what those files hold
    loaded = LogisticRegression.from_state(config, old.state())
    assert loaded.power == 1.0
    np.testing.assert_array_equal(loaded.logits(flowers.x), old.logits(flowers.x))
    assert make_method("logreg").power == 0.5


def test_make_method_unknown():
    with pytest.raises(ValueError, match="unknown method"):
        make_method("magic")


# --- test-time fine-tuning -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_support(flowers_small, backbone):
    """2 classes × 2 real photos, preprocessed, with their early activations (image + mirror)."""
    from fewshot_studio.core.tuning import finetune as ft

    names = list(flowers_small)[:2]
    paths = [str(p) for n in names for p in flowers_small[n][:2]]
    arrays = ft.load_arrays(paths, backbone)
    return arrays, ft.early_activations(backbone, arrays), np.array([0, 0, 1, 1])


def test_finetune_changes_features_and_leaves_the_backbone_untouched(backbone, tiny_support):
    from fewshot_studio.core.tuning import finetune as ft

    arrays, z, labels = tiny_support
    before = {k: v.clone() for k, v in backbone.net.state_dict().items()}
    split = ft.split_index(backbone)
    original = ft.late_features(backbone.net, z, split)
    # The split forward pass is the same network: image+mirror average == TTA features.
    np.testing.assert_allclose(original, backbone.embed_arrays(arrays, flip=True), atol=1e-4)

    net, choice = ft.finetune_net(backbone, z, labels, 2, ft.FinetuneChoice(steps=10, lr=5e-4, heldout_loss=None))
    assert choice.steps == 10
    tuned = ft.late_features(net, z, split)
    assert np.abs(tuned - original).max() > 1e-2

    after = backbone.net.state_dict()
    assert all(np.array_equal(before[k].numpy(), after[k].numpy()) for k in before)
    assert not any(p.requires_grad for p in backbone.net.parameters())
    assert backbone.net.training is False
    # Only the last blocks moved.
    tuned_state = net.state_dict()
    moved = {k for k in before if not np.array_equal(before[k].numpy(), tuned_state[k].numpy())}
    trainable = tuple(f"blocks.{i}." for i in range(split, net.num_blocks)) + ("head.",)
    assert moved and all(k.startswith(trainable) for k in moved), sorted(moved)
    assert not any(k.startswith("stem.") or k.startswith("blocks.0.") for k in moved)

    # A fine-tuned backbone gets its own id, so its features never share the stock cache.
    tuned_bb = ft.backbone_with_net(backbone, net)
    assert tuned_bb.id != backbone.id and tuned_bb.id.startswith("efficientnet-lite0@")
    np.testing.assert_allclose(tuned_bb.embed_arrays(arrays, flip=True), tuned, atol=1e-4)


def test_finetune_schedule_is_chosen_on_a_held_out_shot(backbone, tiny_support, monkeypatch):
    from fewshot_studio.core.tuning import finetune as ft

    _, z, labels = tiny_support
    monkeypatch.setattr(ft, "CHECKPOINTS", (0, 2, 4))  # the real grid, shortened to keep CI fast
    choice = ft.choose_schedule(backbone, z, labels, 2)
    assert choice.steps in (0, 2, 4) and choice.lr in ft.CANDIDATE_LRS
    assert choice.heldout_loss is not None and np.isfinite(choice.heldout_loss)
    # One shot per class: nothing to hold out, so the defaults are used.
    single = ft.choose_schedule(backbone, ft._views(z, [0, 2]), np.array([0, 1]), 2)
    assert (single.steps, single.lr, single.heldout_loss) == (ft.DEFAULT_STEPS, ft.DEFAULT_LR, None)


def test_finetuned_backbone_round_trips_through_arrays(backbone, tiny_support):
    from fewshot_studio.core.tuning import finetune as ft

    arrays, z, labels = tiny_support
    net, _ = ft.finetune_net(backbone, z, labels, 2, ft.FinetuneChoice(steps=3, lr=5e-4, heldout_loss=None))
    tuned_bb = ft.backbone_with_net(backbone, net)
    state = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    rebuilt = ft.backbone_from_state("efficientnet-lite0", state, "cpu")
    assert rebuilt.id == tuned_bb.id
    np.testing.assert_allclose(rebuilt.embed_arrays(arrays[:2]), tuned_bb.embed_arrays(arrays[:2]), atol=1e-5)


# --- the multi-level embedding -----------------------------------------------------------------

def test_multilevel_normalises_each_part_and_halves_the_taps(flowers, backbone):
    from fewshot_studio.core.methods.features import TAP_WEIGHT, multilevel

    z = multilevel(flowers.x[:6], backbone.parts)
    ends = np.cumsum((0, *backbone.parts))
    norms = [np.linalg.norm(z[:, a:b], axis=1) for a, b in zip(ends[:-1], ends[1:])]
    np.testing.assert_allclose(norms[0], 1.0, atol=1e-5)
    for n in norms[1:]:
        np.testing.assert_allclose(n, TAP_WEIGHT, atol=1e-5)
    # The square root comes before the normalising: the standard part is sqrt(feature), unit length.
    standard = np.sqrt(flowers.x[:6, :1280])
    np.testing.assert_allclose(z[:, :1280], standard / np.linalg.norm(standard, axis=1, keepdims=True), atol=1e-5)
    with pytest.raises(ValueError, match="expects parts"):
        multilevel(flowers.x[:, :1280], backbone.parts)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_heads_fitted_on_parts_save_them_and_predict_the_same_after_loading(name, flowers, backbone):
    sup, qry = flowers.split(5)
    ctx = FitContext(unlabelled=flowers.x[qry], parts=backbone.parts)
    model = make_method(name).fit(flowers.x[sup], flowers.y[sup], flowers.n_classes, ctx)
    assert model.parts == backbone.parts
    config = json.loads(json.dumps(model.config()))
    restored = METHODS[name].from_state(config, model.state())
    assert restored.parts == backbone.parts
    np.testing.assert_array_equal(restored.logits(flowers.x), model.logits(flowers.x))
    assert _accuracy(model, flowers, qry) >= 0.75


def test_a_head_fitted_without_parts_reads_only_the_standard_feature(flowers):
    """Classifier files from before the taps hold 1280-wide heads and no parts: on the new
    1792-d embedding they must predict exactly what they predicted on the standard feature."""
    sup, _ = flowers.split(5)
    standard = flowers.x[:, :1280]
    for name in ("prototypes", "logreg", "dense-head", "self-training", "transductive"):
        ctx = FitContext(unlabelled=standard[:8])
        old = make_method(name).fit(standard[sup], flowers.y[sup], flowers.n_classes, ctx)
        loaded = METHODS[name].from_state(json.loads(json.dumps(old.config())), old.state())
        assert loaded.parts is None
        np.testing.assert_array_equal(loaded.logits(flowers.x), old.logits(standard))


def test_the_dense_head_yardstick_reads_the_raw_standard_feature(flowers, backbone):
    sup, _ = flowers.split(5)
    model = make_method("dense-head").fit(flowers.x[sup], flowers.y[sup], flowers.n_classes,
                                          FitContext(parts=backbone.parts))
    assert model.state()["0_weight"].shape[1] == 1280
    other_taps = flowers.x.copy()
    other_taps[:, 1280:] = 0
    np.testing.assert_array_equal(model.logits(other_taps), model.logits(flowers.x))


def test_the_onnx_heads_compute_the_methods_logits_with_and_without_parts(flowers, backbone):
    import torch

    from fewshot_studio.core.classifier.onnx_heads import torch_head

    sup, qry = flowers.split(5)
    for parts, x in ((backbone.parts, flowers.x), (None, flowers.x[:, :1280])):
        for name in ("prototypes", "logreg", "self-training", "transductive", "dense-head", "auto"):
            model = make_method(name).fit(x[sup], flowers.y[sup], flowers.n_classes,
                                          FitContext(unlabelled=x[qry], parts=parts))
            with torch.inference_mode():
                ours = torch_head(model)(torch.from_numpy(flowers.x)).numpy()
            np.testing.assert_allclose(ours, model.logits(flowers.x), atol=1e-4, rtol=0)

"""The real EfficientNet-Lite0: right weights, right labels, deterministic features, device choice."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from fewshot_studio.core.features.backbone import PREPROCESS_VERSION, preprocess, resolve_spec
from fewshot_studio.core.imaging.images import load_image

IMAGENET_DAISY = 985


@pytest.fixture(scope="module")
def daisy_batch(shared_data, backbone) -> np.ndarray:
    paths = sorted((shared_data / "flowers12" / "daisy").glob("*.jpg"))[:10]
    assert len(paths) == 10
    return np.stack([preprocess(load_image(p), backbone.spec) for p in paths])


def test_real_daisies_get_the_imagenet_daisy_label(backbone, daisy_batch):
    import torch

    with torch.inference_mode():
        x = torch.from_numpy(daisy_batch).contiguous(memory_format=torch.channels_last)
        top1 = backbone.net.imagenet_logits(x).argmax(1).tolist()
    assert sum(t == IMAGENET_DAISY for t in top1) >= 8, top1


def test_feature_net_matches_the_reference_model(backbone, daisy_batch):
    """Our stem/blocks/head split must compute exactly what efficientnet-lite-pytorch computes."""
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    ref = EfficientNet.from_name(backbone.spec.name)
    ref.load_state_dict(torch.load(backbone.spec.weights_path(), map_location="cpu", weights_only=True))
    ref.eval()
    x = torch.from_numpy(daisy_batch[:1])  # NCHW on CPU is slow: one photo is enough
    with torch.inference_mode():
        expected = ref(x)
        ours = backbone.net.imagenet_logits(x.contiguous(memory_format=torch.channels_last))
    assert float((expected - ours).abs().max()) < 1e-4


def test_features_are_1792d_deterministic_and_batch_independent(backbone, daisy_batch):
    x = daisy_batch[:4]
    a = backbone.embed_arrays(x)
    assert backbone.parts == (1280, 192, 320) and backbone.embedding_dim == 1792
    assert a.shape == (4, 1792) and a.dtype == np.float32
    assert np.isfinite(a).all() and np.abs(a).sum() > 0
    np.testing.assert_allclose(backbone.embed_arrays(x), a, atol=1e-6, rtol=0)
    one_by_one = np.concatenate([backbone.embed_arrays(x[i : i + 1]) for i in range(len(x))])
    np.testing.assert_allclose(one_by_one, a, atol=1e-4, rtol=0)
    # Different photos give different features (not a constant output).
    assert np.abs(a[0] - a[1]).max() > 1e-2


def test_a_cpu_runs_two_images_per_thread_per_pass_in_order(backbone, daisy_batch):
    """benchmarks/RESULTS.md "Images per forward pass": small passes are 2.3-2.5x faster on a CPU."""
    import torch

    assert backbone.device.type == "cpu" and backbone.chunk == 2 * torch.get_num_threads()
    seven = daisy_batch[:7]  # several passes and a short last one, with 2 or 4 per pass
    with torch.inference_mode():
        one_pass = backbone.net(torch.from_numpy(seven).contiguous(memory_format=torch.channels_last)).numpy()
    chunked = backbone.embed_arrays(seven)
    np.testing.assert_allclose(chunked, one_pass, atol=1e-4, rtol=0)
    assert backbone.embed_arrays(daisy_batch[:0]).shape == (0, 1792)


def test_the_embedding_is_the_standard_feature_then_the_last_two_blocks_pooled(backbone, daisy_batch):
    """The first 1280 columns are the reference model's own pooled feature (what old classifier
    files and the dense-head yardstick read); the taps are the last two blocks' mean outputs."""
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    ref = EfficientNet.from_name(backbone.spec.name)
    ref.load_state_dict(torch.load(backbone.spec.weights_path(), map_location="cpu", weights_only=True))
    ref.eval()
    x = torch.from_numpy(daisy_batch[:1])
    outputs = []
    hooks = [ref._blocks[i].register_forward_hook(lambda m, i, o: outputs.append(o.mean(dim=(2, 3)))) for i in (-2, -1)]
    with torch.inference_mode():
        standard = ref.extract_features(x).mean(dim=(2, 3))
    for h in hooks:
        h.remove()
    ours = backbone.embed_arrays(daisy_batch[:1])
    np.testing.assert_allclose(ours[:, :1280], standard.numpy(), atol=1e-4, rtol=0)
    np.testing.assert_allclose(ours[:, 1280:1472], outputs[0].numpy(), atol=1e-4, rtol=0)
    np.testing.assert_allclose(ours[:, 1472:], outputs[1].numpy(), atol=1e-4, rtol=0)


@pytest.mark.parametrize("name", ["efficientnet-lite0", "efficientnet-lite1", "efficientnet-lite2"])
def test_each_stock_spec_knows_its_networks_tap_widths(name):
    from fewshot_studio.core.features.backbone import TAPS, build_network

    spec = resolve_spec(name)
    net = build_network(spec, load_weights=False)
    assert tuple(b._project_conv.out_channels for b in net.blocks[-TAPS:]) == spec.tap_dims


def test_the_late_blocks_give_the_embedding_from_any_split_before_the_taps(backbone, daisy_batch):
    import torch

    net, n = backbone.net, backbone.net.num_blocks
    whole = backbone.embed_arrays(daisy_batch[:2])
    for split in (n - 3, n - 2):
        z = backbone.forward_early(daisy_batch[:2], split)
        with torch.inference_mode():
            late = net.forward_late(z.contiguous(memory_format=torch.channels_last), split, taps=True).numpy()
            standard = net.forward_late(z.contiguous(memory_format=torch.channels_last), split).numpy()
        np.testing.assert_allclose(late, whole, atol=1e-4, rtol=0)
        np.testing.assert_allclose(standard, whole[:, :1280], atol=1e-4, rtol=0)
    with pytest.raises(ValueError, match="taps"), torch.inference_mode():
        net.forward_late(backbone.forward_early(daisy_batch[:1], n - 1), n - 1, taps=True)


def test_flip_averages_the_mirror(backbone, daisy_batch):
    x = daisy_batch[:2]
    mirrored = np.ascontiguousarray(x[..., ::-1])
    expected = 0.5 * (backbone.embed_arrays(x) + backbone.embed_arrays(mirrored))
    np.testing.assert_allclose(backbone.embed_arrays(x, flip=True), expected, atol=1e-4, rtol=0)


def test_backbone_id_includes_the_weights_checksum(backbone):
    sha = hashlib.sha256(backbone.spec.weights_path().read_bytes()).hexdigest()
    assert backbone.weights_sha256 == sha
    assert backbone.id == f"efficientnet-lite0@{sha[:16]}"
    assert backbone.cache_key.startswith(backbone.id) and f"pp{PREPROCESS_VERSION}" in backbone.cache_key
    assert backbone.net.training is False
    assert not any(p.requires_grad for p in backbone.net.parameters())


def test_load_backbone_is_shared_per_device(backbone):
    from fewshot_studio.core.features.loading import load_backbone

    assert load_backbone("fast", "cpu") is backbone


def test_resolve_spec_presets_and_unknown():
    assert resolve_spec("fast").name == "efficientnet-lite0"
    assert resolve_spec("accurate").name == "efficientnet-lite2"
    assert resolve_spec("efficientnet-lite1").resolution == 240
    with pytest.raises(ValueError, match="unknown backbone"):
        resolve_spec("resnet-9000")


def test_preprocess_shape_and_normalisation(backbone):
    from PIL import Image

    spec = backbone.spec
    arr = preprocess(Image.new("RGB", (300, 200), (255, 255, 255)), spec)
    assert arr.shape == (3, 224, 224) and arr.dtype == np.float32
    np.testing.assert_allclose(arr, 1.0, atol=1e-5)  # (255 - 127) / 128
    arr = preprocess(Image.new("RGB", (50, 80), (127, 127, 127)), spec)  # upscaled too
    assert arr.shape == (3, 224, 224)
    np.testing.assert_allclose(arr, 0.0, atol=1e-5)


# --- device choice: torch's availability checks are the boundary we mock --------------------------

@pytest.fixture
def no_accelerators(monkeypatch):
    import torch

    from fewshot_studio.core.features import devices

    monkeypatch.delenv("FEWSHOT_DEVICE", raising=False)
    monkeypatch.setattr(devices, "accelerator_possible", lambda: True)  # so that torch is asked
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    return torch


def test_pick_device_prefers_cuda(no_accelerators, monkeypatch):
    from fewshot_studio.core.features.devices import pick_device

    torch = no_accelerators
    assert pick_device().type == "cpu"
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert pick_device().type == "mps"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device().type == "cuda"
    assert pick_device("auto").type == "cuda"


def test_pick_device_honours_override(no_accelerators, monkeypatch):
    from fewshot_studio.core.features.devices import pick_device

    monkeypatch.setattr(no_accelerators.cuda, "is_available", lambda: True)
    monkeypatch.setenv("FEWSHOT_DEVICE", "cpu")
    assert pick_device().type == "cpu"
    assert pick_device("auto").type == "cpu"  # "auto" is no explicit choice: the override wins
    assert pick_device("CPU").type == "cpu"
    monkeypatch.setenv("FEWSHOT_DEVICE", "auto")
    assert pick_device().type == "cuda"
    # An explicit argument beats the environment.
    monkeypatch.setenv("FEWSHOT_DEVICE", "cuda")
    assert pick_device("cpu").type == "cpu"


def test_torch_is_not_asked_where_no_gpu_can_be(monkeypatch):
    """A CUDA build of torch on a machine without a GPU driver, or a CPU-only build: the choice is
    the CPU without importing torch (2 s of a first result); a Mac or a visible driver asks torch."""
    from fewshot_studio.core.features import devices

    monkeypatch.delenv("FEWSHOT_DEVICE", raising=False)
    monkeypatch.setattr(devices.sys, "platform", "linux")
    for build, driver, possible in ((True, False, False), (False, True, False), (True, True, True), (None, False, True)):
        devices.accelerator_possible.cache_clear()
        monkeypatch.setattr(devices, "_torch_gpu_build", lambda b=build: b)
        monkeypatch.setattr(devices, "_gpu_driver_visible", lambda d=driver: d)
        assert devices.accelerator_possible() is possible, (build, driver)
        if not possible:
            assert devices.pick_device_name() == "cpu"
    monkeypatch.setattr(devices.sys, "platform", "darwin")
    devices.accelerator_possible.cache_clear()
    assert devices.accelerator_possible() is True
    devices.accelerator_possible.cache_clear()


def test_torch_build_is_read_from_its_version_file():
    import torch

    from fewshot_studio.core.features.devices import _torch_gpu_build, gpu_build_from_version_file

    assert _torch_gpu_build() is bool(torch.version.cuda or torch.version.hip)
    assert gpu_build_from_version_file("cuda: Optional[str] = None\nhip: Optional[str] = None\n") is False
    assert gpu_build_from_version_file("cuda: Optional[str] = '12.8'\nhip: Optional[str] = None\n") is True
    assert gpu_build_from_version_file("cuda = None\nhip = '6.2.4'\n") is True
    assert gpu_build_from_version_file("__version__ = '9.0'\n") is None  # a layout it does not know: ask torch


def test_describe_device():
    import torch

    from fewshot_studio.core.features.devices import describe_device

    assert describe_device(torch.device("cpu")).startswith("CPU")
    assert "Apple" in describe_device(torch.device("mps"))

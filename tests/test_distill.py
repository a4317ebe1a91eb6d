"""Distillation: the small-input student moves towards the teacher's features on unseen images."""
from __future__ import annotations

from fewshot_studio.core.features.backbone_file import save_backbone_file
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.tuning.distill import DistillConfig, distill


def test_student_learns_the_teachers_features(backbone, shared_data, tmp_path):
    # A 96 px teacher keeps the test fast; the app distils 224 px into 128 px the same way.
    teacher = save_backbone_file(tmp_path / "t96.fewshot-backbone", backbone.net, "efficientnet-lite0", 96)
    flowers = sorted((shared_data / "flowers12").rglob("*.jpg"))[::12][:64]
    cfg = DistillConfig(teacher=str(teacher), student_resolution=48, trainable_blocks=1, epochs=3, lr=1e-3,
                        batch_size=16, heldout_fraction=0.25, device="cpu")
    result = distill([str(p) for p in flowers], tmp_path / "s48.fewshot-backbone", cfg)
    assert result.heldout_cosine_after > result.heldout_cosine_before + 0.005, result
    student = load_backbone(str(result.path), device="cpu")
    assert student.spec.resolution == 48 and student.id != load_backbone(str(teacher), device="cpu").id
    assert not (tmp_path / "s48.fewshot-backbone.work").exists()

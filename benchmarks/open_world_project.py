"""Write an open-world project for screenshots: the demo's five garments, and a test pool that also
holds things never taught (Fashion-MNIST bags and an ankle boot, Omniglot characters; both MIT).

    python benchmarks/open_world_project.py OUT.fsproject
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"


def main(out: str) -> None:
    demo = REPO / "resources" / "demo"
    data = json.loads((demo / "demo.fsproject").read_text(encoding="utf-8"))
    for c in data["classes"]:
        c["images"] = [str(demo / p) for p in c["images"]]
    tests = [str(demo / p) for p in data["test_images"]][:9]
    fashion = SHARED / "fashion_mnist_100"
    others = sorted((fashion / "bag").glob("*.png"))[:2] + sorted((fashion / "ankle_boot").glob("*.png"))[:1]
    others += sorted((SHARED / "omniglot_small").glob("*/*.png"))[::700][:3]
    data["test_images"] = tests + [str(p) for p in others]
    data["settings"] = {}
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(f"wrote {out}: {sum(len(c['images']) for c in data['classes'])} labelled, {len(data['test_images'])} test photos")


if __name__ == "__main__":
    main(sys.argv[1])

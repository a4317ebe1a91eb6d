"""Write the projects that docs/screenshots/README.md photographs, from publishable photos only
(the demo's Fashion-MNIST and the shared Omniglot characters, both MIT):

    python benchmarks/screenshot_projects.py OUTDIR

OUTDIR/omni12.fsproject: 12 Omniglot characters x 5 photos, one of them with a 50-letter name, and
one test photo each. OUTDIR/warnings.fsproject: the demo plus a one-photo class, an empty file
and a copied photo in another class (the Warnings tab). OUTDIR/demo/<class>/: the demo's labelled
photos as class folders, for ``fewshot-studio train`` (the Try a photo model).
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEMO = REPO / "resources" / "demo"


def _demo() -> dict:
    data = json.loads((DEMO / "demo.fsproject").read_text(encoding="utf-8"))
    for c in data["classes"]:
        c["images"] = [str(DEMO / p) for p in c["images"]]
    data["test_images"] = [str(DEMO / p) for p in data["test_images"]]
    data["settings"] = {}
    return data


def omniglot12(out: Path) -> None:
    data = _demo()
    folders = sorted(p for p in (SHARED / "omniglot_small").iterdir() if p.is_dir())[::24][:12]
    data["classes"], data["test_images"] = [], []
    for folder in folders:
        files = sorted(folder.glob("*.png"))
        alphabet, char = folder.name.split("__")
        name = f"{alphabet.replace('_', ' ').title()} {char.split('_')[0].replace('character', '')}"
        data["classes"].append({"name": name, "images": [str(p) for p in files[:5]]})
        data["test_images"].append(str(files[5]))
    data["classes"][3]["name"] = "A character with a very long name that does not fit"
    (out / "omni12.fsproject").write_text(json.dumps(data, indent=1), encoding="utf-8")


def warnings(out: Path) -> None:
    data = _demo()
    photos = out / "photos"
    photos.mkdir(exist_ok=True)
    bag = sorted((SHARED / "fashion_mnist_100" / "bag").glob("*.png"))[0]
    data["classes"].append({"name": "包", "images": [str(bag)]})
    (photos / "空白.png").write_bytes(b"")
    shutil.copy(data["classes"][0]["images"][0], photos / "copy.png")
    data["classes"][1]["images"] += [str(photos / "空白.png"), str(photos / "copy.png")]
    data["test_images"] = data["test_images"][:6]
    (out / "warnings.fsproject").write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def demo_folders(out: Path) -> None:
    for folder in sorted((DEMO / "images").iterdir()):
        shutil.copytree(folder, out / "demo" / folder.name, dirs_exist_ok=True)


def main(out: str) -> None:
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    omniglot12(root)
    warnings(root)
    demo_folders(root)
    print(f"wrote {root}/omni12.fsproject, {root}/warnings.fsproject and {root}/demo/")


if __name__ == "__main__":
    main(sys.argv[1])

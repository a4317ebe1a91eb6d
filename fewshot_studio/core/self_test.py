"""``fewshot-studio --self-test``: the first thing support asks a user to run.

It does what the app does, on the built-in demo project, in a throw-away folder: load the
backbone, train, predict, save a classifier file and load it back. One line per step, with its
time; any failure is reported in words, later steps that needed it are skipped, and the exit
status is non-zero. It works the same in a pip install and in the frozen app, and never touches
the user's cache, settings or projects.
"""
from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from fewshot_studio._version import __version__

# Well above chance, well below what the demo gets (about 0.8): a broken backbone or broken
# preprocessing lands near chance (0.2 for the five demo classes).
MIN_ACCURACY_OVER_CHANCE = 2.0
RELOAD_TOLERANCE = 1e-4


class StepFailed(Exception):
    """A check that did not hold; the message is shown to the user as is."""


@dataclass
class Outcome:
    name: str
    status: str  # "ok", "FAIL" or "skip"
    seconds: float = 0.0
    detail: str = ""


@dataclass
class SelfTest:
    out: TextIO = field(default_factory=lambda: sys.stdout)
    device: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    def step(self, name: str, needs: tuple[str, ...], fn: Callable[[], str]) -> None:
        missing = [n for n in needs if n not in self.state]
        if missing:
            self._report(Outcome(name, "skip", detail=f"needs {', '.join(missing)}"))
            return
        start = time.perf_counter()
        try:
            detail = fn()
            outcome = Outcome(name, "ok", time.perf_counter() - start, detail)
        except Exception as exc:  # noqa: BLE001 - every failure must become a readable line
            message = str(exc) if isinstance(exc, StepFailed) else f"{type(exc).__name__}: {exc}"
            outcome = Outcome(name, "FAIL", time.perf_counter() - start, message)
            if os.environ.get("FEWSHOT_SELF_TEST_TRACEBACK"):
                traceback.print_exc(file=self.out)
        self._report(outcome)

    def _report(self, o: Outcome) -> None:
        self.outcomes.append(o)
        seconds = f"{o.seconds:6.2f} s" if o.status != "skip" else " " * 8
        print(f"  {o.status:<4}  {seconds}  {o.name}: {o.detail}", file=self.out, flush=True)

    # -- the steps ----------------------------------------------------------------------------
    def libraries(self) -> str:
        import numpy  # noqa: F401
        import torch

        from fewshot_studio.core.features.devices import describe_device, pick_device

        device = pick_device(self.device)
        self.state["device"] = str(device)
        cuda = f", CUDA {torch.version.cuda}" if torch.version.cuda else ", no CUDA libraries"
        return f"torch {torch.__version__}{cuda}; running on {describe_device(device)}"

    def backbone(self) -> str:
        from fewshot_studio.core.features.backbone import DEFAULT_BACKBONE
        from fewshot_studio.core.features.loading import load_backbone

        bb = load_backbone(DEFAULT_BACKBONE, self.state["device"])
        self.state["backbone"] = bb
        return f"{bb.id} ({bb.spec.label}), weights {bb.spec.weights_path().name}"

    def demo_project(self) -> str:
        from fewshot_studio.resources import resource_path

        demo = resource_path("demo")
        project_file = next(iter(sorted(demo.glob("*.fsproject"))), None)
        if project_file is not None:
            from fewshot_studio.core.project import load_project

            loaded = load_project(project_file)
            if loaded.missing:
                raise StepFailed(f"{len(loaded.missing)} demo images are missing, e.g. {loaded.missing[0]}")
            examples, tests = loaded.project.examples(), list(loaded.project.test_pool.paths)
            source = project_file.name
        else:  # no project file: the class folders themselves
            from fewshot_studio.core.imaging.images import class_folders, iter_images

            examples = {name: [str(p) for p in paths] for name, paths in class_folders(demo / "images").items()}
            tests = [str(p) for p in iter_images(demo / "test")] if (demo / "test").is_dir() else []
            source = "images/ folders"
        if len(examples) < 2:
            raise StepFailed(f"the demo project in {demo} has fewer than two classes")
        self.state["examples"], self.state["tests"] = examples, tests
        n_images = sum(len(v) for v in examples.values())
        return f"{len(examples)} classes, {n_images} examples, {len(tests)} test images ({source})"

    def train(self) -> str:
        from fewshot_studio.core.classifier.training import train_classifier

        result = train_classifier(
            self.state["examples"], test_paths=self.state["tests"], device=self.state["device"]
        )
        if result.skipped:
            raise StepFailed(f"{len(result.skipped)} demo images could not be read: {result.skipped[0]}")
        clf, accuracy = result.classifier, result.evaluation.accuracy
        chance = 1.0 / len(clf.class_names)
        if not accuracy >= MIN_ACCURACY_OVER_CHANCE * chance:
            raise StepFailed(
                f"held-out accuracy {accuracy:.0%} is too close to chance ({chance:.0%}): "
                "the backbone or image loading is broken"
            )
        self.state["classifier"] = clf
        method = getattr(clf.method, "name", type(clf.method).__name__)
        return (
            f"held-out accuracy {accuracy:.0%} on {result.evaluation.n_heldout} images "
            f"(chance {chance:.0%}), method {method}"
        )

    def predict(self) -> str:
        import numpy as np

        tests = self.state["tests"] or [p for ps in self.state["examples"].values() for p in ps[:3]]
        pred, emb = self.state["classifier"].predict_paths(tests, device=self.state["device"])
        probs = pred.probs
        if emb.skipped or probs.shape != (len(tests), len(self.state["classifier"].class_names)):
            raise StepFailed(f"expected {len(tests)} predictions, got {probs.shape[0]} ({len(emb.skipped)} skipped)")
        if not np.all(np.isfinite(probs)) or not np.allclose(probs.sum(axis=1), 1.0, atol=1e-4):
            raise StepFailed("the probabilities are not valid numbers that add up to 1")
        known = pred.known_score
        if not np.all(np.isfinite(known)) or known.min() < 0 or known.max() > 1:
            raise StepFailed("the familiarity scores behind “None of these” are not numbers between 0 and 1")
        self.state["predict_paths"], self.state["probs"] = tests, probs
        names = self.state["classifier"].class_names
        counts = np.bincount(pred.top, minlength=len(names))
        top = ", ".join(f"{names[c]} {counts[c]}" for c in np.argsort(-counts)[:3] if counts[c])
        return f"{len(tests)} images ({top}; {int(pred.unsure.sum())} unsure, {int(pred.unknown.sum())} none of these)"

    def export(self) -> str:
        try:
            from fewshot_studio.core.classifier.file_format import save_classifier
        except ImportError as exc:
            raise StepFailed(f"classifier files are not available in this build ({exc})") from None
        path = Path(self.state["workdir"]) / "self-test.fewshot"
        save_classifier(self.state["classifier"], path)
        if not path.is_file() or path.stat().st_size == 0:
            raise StepFailed(f"nothing was written to {path}")
        self.state["file"] = path
        return f"{path.name}, {path.stat().st_size / 1024:.0f} KiB"

    def reload(self) -> str:
        import numpy as np

        from fewshot_studio.core.classifier.file_format import load_classifier

        loaded = load_classifier(self.state["file"])
        original = self.state["classifier"]
        names = list(getattr(loaded, "class_names", []))
        if names != list(original.class_names):
            raise StepFailed(f"the reloaded classes {names} differ from {original.class_names}")
        probs = _probabilities(loaded, self.state["predict_paths"], self.state["device"])
        diff = float(np.max(np.abs(probs - self.state["probs"])))
        if not diff <= RELOAD_TOLERANCE:
            raise StepFailed(f"the reloaded classifier predicts differently (largest difference {diff:.2g})")
        return f"{len(names)} classes, same predictions (largest difference {diff:.1g})"

    # -- running ------------------------------------------------------------------------------
    def run(self) -> int:
        started = time.perf_counter()
        print(
            f"Fewshot Studio {__version__} self-test (Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}{', frozen' if getattr(sys, 'frozen', False) else ''})",
            file=self.out,
            flush=True,
        )
        with tempfile.TemporaryDirectory(prefix="fewshot-self-test-") as workdir, _private_cache(workdir):
            self.state["workdir"] = workdir
            self.step("libraries", (), self.libraries)
            self.step("backbone", ("device",), self.backbone)
            self.step("demo project", (), self.demo_project)
            self.step("train", ("backbone", "examples"), self.train)
            self.step("predict", ("classifier",), self.predict)
            self.step("export", ("classifier",), self.export)
            self.step("reload", ("file", "probs"), self.reload)
        total = time.perf_counter() - started
        bad = [o.name for o in self.outcomes if o.status != "ok"]
        if bad:
            print(
                f"Self-test FAILED ({', '.join(bad)}) after {total:.1f} s. "
                "Please send all of this output to support.",
                file=self.out,
                flush=True,
            )
            return 1
        print(f"Self-test passed: all {len(self.outcomes)} steps in {total:.1f} s.", file=self.out, flush=True)
        return 0


def _probabilities(classifier: Any, paths: list[str], device: str):
    """Probabilities from a reloaded classifier, whichever of the two public shapes it has."""
    import numpy as np

    if hasattr(classifier, "predict_paths"):
        pred = classifier.predict_paths(paths, device=device)
        pred = pred[0] if isinstance(pred, tuple) else pred
    else:
        pred = classifier.predict(paths)
    probs = getattr(pred, "probs", pred)
    return np.asarray(probs, dtype=np.float64)


@contextmanager
def _private_cache(workdir: str):
    """Embeddings go to the throw-away folder, so the backbone really runs and nothing is left."""
    old = os.environ.get("FEWSHOT_CACHE_DIR")
    os.environ["FEWSHOT_CACHE_DIR"] = str(Path(workdir) / "cache")
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("FEWSHOT_CACHE_DIR", None)
        else:
            os.environ["FEWSHOT_CACHE_DIR"] = old


def run_self_test(out: TextIO | None = None, device: str | None = None) -> int:
    """Run every step, print one line each; 0 when all passed, 1 otherwise."""
    return SelfTest(out=out or sys.stdout, device=device).run()


if __name__ == "__main__":
    sys.exit(run_self_test())

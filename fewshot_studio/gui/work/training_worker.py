"""Training in the background: a worker QObject living in a QThread, driven by a controller.

The worker receives a snapshot of plain data (paths, class names, settings), calls the core's
``train_classifier`` with a progress callback and a cancel token, and reports only through
signals, so the GUI thread never runs torch. The controller debounces edits, and follows Qt's
mandelbrot example: a new request while busy cancels the running job and sets a restart flag
instead of queueing, so the user only ever waits for the newest state of the project.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from fewshot_studio.core.features.cache_limit import prune_embeddings
from fewshot_studio.gui.plain_words import engine_text
from fewshot_studio.gui.results.result_rows import snapshot_from_result

# How much lower than the window the training runs (Linux nice steps). The threads torch and the
# embedding pipeline start from the worker inherit it, so on a busy CPU the window gets served
# first; on an idle machine training still gets every free cycle.
BACKGROUND_NICE = 5
# How long after a first result the worker times torch for the fine-tuning estimate: not while the
# window is busy showing that result (torch's threads took the cores from it: a 51 ms gap).
SPEED_DELAY_MS = 2000


@dataclass(frozen=True)
class TrainingJob:
    job_id: int
    examples: dict[str, list[str]]
    test_paths: list[str] = field(default_factory=list)
    finetune: bool = False
    backbone: str = "efficientnet-lite0"
    method: str = "auto"
    generation: int = 0  # the project edit count this job was made from


def learned_text(job: TrainingJob, snapshot) -> str:
    """"learned from 78 photos in 3 s": only the labelled photos it could read, and a time a person
    would say (a run answered from the cache takes well under a second, never "0.0 s")."""
    labelled = {p for paths in job.examples.values() for p in paths}
    skipped = sum(1 for path, _ in snapshot.skipped if path in labelled)
    n = len(labelled) - skipped
    if snapshot.seconds < 1:
        return QCoreApplication.translate("TrainingController", "learned from {0} photos in under a second").format(n)
    return QCoreApplication.translate("TrainingController", "learned from {0} photos in {1} s").format(n, f"{snapshot.seconds:.0f}")



class TrainingWorker(QObject):
    progress = Signal(int, str, int, int)  # job id, stage, done, total
    finished = Signal(int, object, object)  # job id, ResultSnapshot, TrainingResult
    failed = Signal(int, str)  # job id, message for the user
    cancelled = Signal(int)
    deviceKnown = Signal(str)
    speedMeasured = Signal(float)  # seconds per image for one backbone forward pass
    warmedUp = Signal()  # the start-up warm-up is over (done or failed)

    def __init__(self) -> None:
        super().__init__()
        self._speed_measured = False
        self._lowered = False

    def _lower_priority(self) -> None:
        """Run this thread (and the threads it starts) below the GUI thread, once."""
        if self._lowered:
            return
        self._lowered = True
        if sys.platform.startswith("linux"):
            try:
                tid = threading.get_native_id()
                os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + BACKGROUND_NICE))
            except OSError:
                pass

    @Slot(object, object)
    def run(self, job: TrainingJob, token) -> None:
        from fewshot_studio.core.classifier.training import NotEnoughData, train_classifier
        from fewshot_studio.core.util.progress import Cancelled

        started = time.perf_counter()
        self._lower_priority()
        try:
            self._describe_device()

            def report(p) -> None:
                token.raise_if_cancelled()
                self.progress.emit(job.job_id, p.stage, int(p.done), int(p.total))

            result = train_classifier(
                job.examples,
                backbone=job.backbone,
                method=job.method,
                test_paths=job.test_paths,
                finetune=job.finetune,
                progress=report,
                cancel=token,
            )
            token.raise_if_cancelled()
            snapshot = snapshot_from_result(result, time.perf_counter() - started)
        except Cancelled:
            self.cancelled.emit(job.job_id)
            return
        except NotEnoughData as exc:
            self.failed.emit(job.job_id, engine_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            self.failed.emit(job.job_id, QCoreApplication.translate("TrainingController", "Training failed: {0}").format(engine_text(exc)))
            return
        self.finished.emit(job.job_id, snapshot, result)
        if not self._speed_measured:  # the fine-tuning estimate needs torch; a first result does not
            QTimer.singleShot(SPEED_DELAY_MS, self, lambda: self._measure_speed(job.backbone))

    @Slot(str)
    def warm_up(self, backbone_name: str) -> None:
        """Pay the one-time costs now, in this thread, before the user asks for a model.

        Loading onnxruntime's graph and importing the engine run long stretches of C code that
        hold Python's GIL (the GUI thread cannot run Python meanwhile): done at start-up, that is
        a blip while the window appears instead of a freeze in the middle of the first training.
        Torch is left out on a CPU: nothing before the first result needs it.
        """
        self._lower_priority()
        try:
            self._describe_device()
            self._exercise_engine(backbone_name)
            prune_embeddings()  # here, not in the GUI thread: it lists every cache entry
        except Exception:  # noqa: BLE001 - a warm-up failure shows up again, with a message, in training
            pass
        self.warmedUp.emit()

    @staticmethod
    def _exercise_engine(backbone_name: str) -> None:
        """Run each piece of the engine once on tiny data, so that its lazy imports and first-call
        costs are paid here (methods that need torch excepted, see ``FewShotMethod.needs_torch``)."""
        import tempfile

        import numpy as np
        from PIL import Image

        from fewshot_studio.core.classifier import data_checks  # noqa: F401 - the import is the point
        from fewshot_studio.core.features.embeddings import embed_paths
        from fewshot_studio.core.features.loading import load_backbone
        from fewshot_studio.core.methods import METHODS, make_method

        rng = np.random.default_rng(0)
        feats, labels = rng.random((16, 32), dtype=np.float32), np.repeat([0, 1], 8)
        for name in (name for name, cls in METHODS.items() if not cls.needs_torch):
            try:
                make_method(name).fit(feats, labels, 2)
            except Exception:  # noqa: BLE001 - a method that needs more context is simply skipped
                pass
        from fewshot_studio.core.imaging.perceptual_hash import phash

        image = Image.fromarray((rng.random((40, 40, 3)) * 255).astype("uint8"))
        phash(image)
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/warm-up.png"
            image.save(path)
            embed_paths([path], load_backbone(backbone_name), use_cache=False)

    def _describe_device(self) -> None:
        from fewshot_studio.core.features.devices import describe_device, pick_device_name

        self.deviceKnown.emit(describe_device(pick_device_name()))

    def _measure_speed(self, backbone_name: str) -> None:
        """Once per session: time a small batch, for the fine-tuning time estimate (without a
        measurement the estimate waits for a real fine-tuned run)."""
        if self._speed_measured:
            return
        try:
            self._time_torch(backbone_name)
        except Exception:  # noqa: BLE001 - no estimate yet is not an error the user must see
            pass

    def _time_torch(self, backbone_name: str) -> None:
        import numpy as np

        from fewshot_studio.core.features.loading import load_backbone

        bb = load_backbone(backbone_name)
        x = np.random.default_rng(0).random((8, 3, bb.spec.resolution, bb.spec.resolution), dtype=np.float32)
        bb.embed_arrays(x[:1])
        t = time.perf_counter()
        bb.embed_arrays(x)
        self._speed_measured = True
        self.speedMeasured.emit((time.perf_counter() - t) / len(x))


class TrainingController(QObject):
    """Owns the worker thread; the window talks only to this object."""

    stateChanged = Signal(str, str)  # state ("empty"|"stale"|"updating"|"up_to_date"|"error"), message
    progress = Signal(str, int, int)
    resultReady = Signal(object, object)  # ResultSnapshot, TrainingResult
    deviceKnown = Signal(str)
    speedMeasured = Signal(float)
    warmedUp = Signal()
    jobStarted = Signal(int)
    jobEnded = Signal(int, str)  # job id, "finished" | "failed" | "cancelled"
    _start = Signal(object, object)
    _warm = Signal(str)

    def __init__(self, make_job, debounce_ms: int = 700, parent: QObject | None = None, warm_up: bool = True):
        """``make_job(job_id)`` returns a TrainingJob from the current project, or a reason string."""
        super().__init__(parent)
        self._make_job = make_job
        self._thread = QThread(self)
        self._thread.setObjectName("training")
        self._worker = TrainingWorker()
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._warm.connect(self._worker.warm_up)
        w = self._worker
        w.progress.connect(self._on_progress)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.cancelled.connect(self._on_cancelled)
        w.deviceKnown.connect(self.deviceKnown)
        w.speedMeasured.connect(self.speedMeasured)
        w.warmedUp.connect(self.warmedUp)
        self._thread.start(QThread.Priority.LowPriority)  # Windows/macOS; Linux uses nice (above)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.start_now)
        self._next_id = 1
        self._running: tuple[TrainingJob, object] | None = None
        self._restart = False
        self._edited_during_run = False
        self.state = "empty"
        self.auto = os.environ.get("FEWSHOT_NO_AUTOTRAIN") != "1"
        if warm_up:  # after the window has painted once
            QTimer.singleShot(300, self, lambda: self._warm.emit("efficientnet-lite0"))

    @property
    def busy(self) -> bool:
        return self._running is not None

    def request(self) -> None:
        """The project changed: the model is stale; retrain after a short pause (if automatic).

        A running job is cancelled at once (its answer is already out of date); the new one starts
        when the edits pause, so a burst of edits costs one run, not one per edit.
        """
        if not self.auto:
            if self.busy:
                self._edited_during_run = True  # the coming result will already be out of date
            else:
                self._set_state("stale", QCoreApplication.translate("TrainingController", "Out of date: press Learn now to learn your changes"))
            return
        if self.busy:
            self._running[1].cancel()
            self._set_state("updating", QCoreApplication.translate("TrainingController", "Restarting with your latest changes…"))
        else:
            self._set_state("stale", QCoreApplication.translate("TrainingController", "Out of date: your changes are not learned yet"))
        self._debounce.start()

    def start_now(self) -> None:
        self._debounce.stop()
        if self.busy:
            self._running[1].cancel()
            self._restart = True
            return
        from fewshot_studio.core.util.progress import CancelToken

        job = self._make_job(self._next_id)
        if isinstance(job, str):
            self._set_state("empty", job)
            return
        self._next_id += 1
        token = CancelToken()
        self._running = (job, token)
        self._restart = False
        self._edited_during_run = False
        n = sum(len(v) for v in job.examples.values())
        self._set_state("updating", QCoreApplication.translate("TrainingController", "Learning from {0} photos…").format(n))
        self.jobStarted.emit(job.job_id)
        self._start.emit(job, token)

    def cancel(self) -> None:
        """The user pressed Cancel: stop, and do not restart until the next edit or Train."""
        self._debounce.stop()
        self._restart = False
        if self._running:
            self._running[1].cancel()

    def shutdown(self, wait_ms: int = 30_000) -> None:
        self.cancel()
        self._thread.quit()
        self._thread.wait(wait_ms)

    # -- worker reports -----------------------------------------------------------------------
    def _current(self, job_id: int) -> bool:
        return self._running is not None and self._running[0].job_id == job_id

    def _on_progress(self, job_id: int, stage: str, done: int, total: int) -> None:
        if self._current(job_id) and not self._running[1].cancelled:
            self.progress.emit(stage, done, total)

    def _end(self, job_id: int, how: str) -> bool:
        """Common bookkeeping; True when a restart was pending (and has been started)."""
        self._running = None
        self.jobEnded.emit(job_id, how)
        if self._restart:
            self.start_now()
            return True
        return False

    def _on_finished(self, job_id: int, snapshot, result) -> None:
        if not self._current(job_id):
            return
        self._last_job = self._running[0]
        cancelled = self._running[1].cancelled
        if self._end(job_id, "cancelled" if cancelled else "finished"):
            return
        if cancelled:
            self._stopped()
            return
        self.resultReady.emit(snapshot, result)
        if self._edited_during_run:
            self._set_state("stale", QCoreApplication.translate("TrainingController", "Out of date: you changed the images while it was learning"))
            return
        self._set_state("up_to_date", learned_text(self._last_job, snapshot))

    def _on_failed(self, job_id: int, message: str) -> None:
        if self._current(job_id) and not self._end(job_id, "failed"):
            self._set_state("error", message)

    def _on_cancelled(self, job_id: int) -> None:
        if self._current(job_id) and not self._end(job_id, "cancelled"):
            self._stopped()

    def _stopped(self) -> None:
        if self._debounce.isActive():
            self._set_state("stale", QCoreApplication.translate("TrainingController", "Out of date: your changes are not learned yet"))
        else:
            self._set_state("stale", QCoreApplication.translate("TrainingController", "Stopped: press Learn now to learn your latest changes"))

    def _set_state(self, state: str, message: str) -> None:
        self.state = state
        self.stateChanged.emit(state, message)

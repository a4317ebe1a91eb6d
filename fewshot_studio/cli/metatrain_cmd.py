"""``fewshot-studio metatrain``: meta-train the backbone on a folder of class folders."""
from __future__ import annotations

import argparse
import signal
import sys

from fewshot_studio.cli.output import (
    DefaultsHelpFormatter, error, interrupted, non_negative_int, open_fraction, positive_float, positive_int,
    shell_path, usage_error)


def _range(values: list[int], name: str) -> tuple[int, int]:
    if len(values) not in (1, 2) or min(values) < 1:
        raise argparse.ArgumentTypeError(f"--{name} takes one number or a range MIN MAX")
    return (values[0], values[-1]) if values[0] <= values[-1] else (values[-1], values[0])


def add_parser(sub) -> None:
    p = sub.add_parser(
        "metatrain", help="meta-train the backbone on your own labelled archive (writes a .fewshot-backbone)",
        description="Episodic meta-training of the backbone's last blocks on BASE_DIR/<class>/<image>. Some classes are "
                    "held out to pick the checkpoint; an interrupted run resumes when the same command is run again.",
        formatter_class=DefaultsHelpFormatter)
    p.add_argument("base_dir", help="labelled archive: BASE_DIR/<class>/<image>")
    p.add_argument("--out", required=True, help="the backbone file to write (*.fewshot-backbone; required)")
    p.add_argument("--method", default="meta-baseline", choices=["meta-baseline", "protonet", "fomaml"],
                   help="meta-learner: Meta-Baseline (cosine prototypes, learned temperature), ProtoNet, "
                        "first-order MAML")
    p.add_argument("--backbone", default="efficientnet-lite0", help="starting point: a stock backbone or a backbone file")
    p.add_argument("--ways", type=positive_int, nargs="+", default=[5, 20], help="ways per episode: N or MIN MAX")
    p.add_argument("--shots", type=positive_int, nargs="+", default=[1, 5], help="shots per episode: K or MIN MAX")
    p.add_argument("--queries", type=positive_int, default=5, help="query images per class in an episode")
    p.add_argument("--episodes", type=positive_int, default=600, help="training episodes")
    p.add_argument("--resolution", type=positive_int, default=None,
                   help="input size in pixels (default: the backbone's)")
    p.add_argument("--trainable-blocks", type=positive_int, default=3,
                   help="how many of the backbone's last blocks are trained (the rest stay frozen)")
    p.add_argument("--lr", type=positive_float, default=1e-4, help="learning rate")
    p.add_argument("--bn", choices=["frozen", "episode"], default="frozen",
                   help="BatchNorm statistics while training: frozen (the starting point's) or episode "
                        "(each episode's own)")
    p.add_argument("--inner-steps", type=positive_int, default=3, help="fomaml: SGD steps on the support")
    p.add_argument("--inner-lr", type=positive_float, default=0.01, help="fomaml: inner learning rate")
    p.add_argument("--no-checkpointing", dest="checkpointing", action="store_false",
                   help="keep all activations for backward (faster, more memory; Meta-Baseline only)")
    p.add_argument("--val-fraction", type=open_fraction, default=0.15,
                   help="share of the classes held out to pick the checkpoint")
    p.add_argument("--val-every", type=positive_int, default=50, help="episodes between validations")
    p.add_argument("--val-episodes", type=positive_int, default=100, help="episodes per validation")
    p.add_argument("--max-images-per-class", type=positive_int, default=None,
                   help="use at most this many images of each class (default: all)")
    p.add_argument("--checkpoint-every", type=positive_int, default=25, help="episodes between checkpoints")
    p.add_argument("--seed", type=non_negative_int, default=0, help="random seed (episodes, class split)")
    p.add_argument("--work-dir", default=None, help="checkpoints and cached activations (default: OUT.work)")
    p.add_argument("--keep-work", action="store_true", help="keep the work folder after success")
    p.add_argument("--device", default=None, help="auto, cpu, cuda or mps (default: auto)")


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.cli.progress_bar import TqdmProgress
    from fewshot_studio.core.features.backbone_file import SUFFIX
    from fewshot_studio.core.imaging.images import ImageLoadError
    from fewshot_studio.core.tuning.metatrain import MetaTrainConfig, metatrain
    from fewshot_studio.core.util.progress import Cancelled, CancelToken

    if not args.out.endswith(SUFFIX):
        return usage_error(f"--out must end with {SUFFIX}")
    try:
        cfg = MetaTrainConfig(
            method=args.method, backbone=args.backbone, episodes=args.episodes, ways=_range(args.ways, "ways"),
            shots=_range(args.shots, "shots"), queries=args.queries, resolution=args.resolution,
            trainable_blocks=args.trainable_blocks, lr=args.lr, bn=args.bn, inner_steps=args.inner_steps,
            inner_lr=args.inner_lr, checkpointing=args.checkpointing, val_fraction=args.val_fraction, val_every=args.val_every,
            val_episodes=args.val_episodes, max_images_per_class=args.max_images_per_class, seed=args.seed,
            checkpoint_every=args.checkpoint_every,
            device=args.device)
    except argparse.ArgumentTypeError as exc:
        return usage_error(str(exc))
    token = CancelToken()

    def stop(signum, frame) -> None:  # first Ctrl+C: checkpoint and stop cleanly; a second one kills
        print("\nstopping after this episode (saving a checkpoint)…", file=sys.stderr)
        token.cancel()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        with TqdmProgress() as bar:
            result = metatrain(args.base_dir, args.out, cfg, work_dir=args.work_dir, keep_work=args.keep_work,
                               progress=bar, cancel=token, log=lambda s: print(s, flush=True))
    except (Cancelled, KeyboardInterrupt):
        return interrupted("interrupted; run the same command again to resume from the last checkpoint")
    except (ImageLoadError, ValueError, OSError) as exc:
        return error(str(exc), args.base_dir, args.out, args.backbone, args.work_dir)
    finally:
        signal.signal(signal.SIGINT, previous)
    verdict = ("better than the starting point" if result.improved else
               "no checkpoint beat the starting point, so the file holds the starting weights")
    print(f"wrote {shell_path(result.path)} ({result.backbone_id}) in {result.seconds / 60:.1f} min: validation on "
          f"{len(result.val_classes)} unseen classes {100 * result.start_val:.2f} % -> {100 * result.best_val:.2f} % "
          f"(episode {result.best_episode}); {verdict}")
    print(f"use it with: fewshot-studio bench DATASET --backbone {shell_path(result.path)}")
    return 0

#!/usr/bin/env bash
# The engine rows whose heads L-BFGS fits (logreg, self-training, and auto, which uses them), on the
# tree as it is and on BEFORE (default: the last commit fitted with torch.optim.LBFGS), same seeds and
# same torch features as the engine table: the NumPy port must not move them (RESULTS.md, "First result").
set -euo pipefail
cd "$(dirname "$0")/.."
before=${BEFORE:-c53d0bb}
out=${OUT:-.bench}
mkdir -p "$out"
tree=$(mktemp -d)
git worktree add --detach -q "$tree/before" "$before"
trap 'git worktree remove --force "$tree/before"; rm -rf "$tree"' EXIT
here=$(pwd)
data=$(cd "${SHARED_DATA:-../shared/data}" && pwd)
out=$(cd "$out" && pwd)
for d in flowers12 fashion_mnist_100 omniglot_small; do
  for side in before now; do
    echo "=== $d $side"
    # Run from inside the tree: `python -m` puts the working folder first on sys.path, ahead of
    # PYTHONPATH and of the editable install, so that is the code that runs.
    path=$([ "$side" = before ] && echo "$tree/before" || echo "$here")
    (cd "$path" && FEWSHOT_EMBED_ENGINE=torch "$here/.venv/bin/python" -c \
      'import sys, fewshot_studio.core.methods.logreg as m; print("running", m.__file__, file=sys.stderr)' &&
     FEWSHOT_EMBED_ENGINE=torch "$here/.venv/bin/python" -m fewshot_studio.cli.main bench "$data/$d" --ways 5 \
      --shots 1 5 --episodes 600 --methods auto logreg self-training --no-throughput --json "$out/lbfgs-$d-$side.json")
  done
done

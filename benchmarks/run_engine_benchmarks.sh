#!/usr/bin/env bash
# Reproduces the engine tables in benchmarks/RESULTS.md (600 episodes each; ~1 h on 2 busy cores).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SHARED_DATA:-../shared/data}
out=${OUT:-.bench}
mkdir -p "$out"
methods="auto prototypes logreg self-training dense-head transductive"
for d in flowers12 fashion_mnist_100 omniglot_small; do
  for q in "" "--unbalanced"; do
    echo "=== efficientnet-lite0 $d ${q:-balanced}"
    .venv/bin/fewshot-studio bench "$data/$d" --ways 5 --shots 1 5 --episodes 600 --methods $methods $q \
      --json "$out/lite0-$d${q:+-unbalanced}.json"
  done
done
# Fine-tuning is ~1000x slower per episode than the heads: fewer episodes, same seeds.
.venv/bin/fewshot-studio bench "$data/flowers12" --ways 5 --shots 1 5 --episodes 600 --finetune-episodes 20 \
  --methods prototypes finetune --json "$out/lite0-flowers12-finetune.json"
for b in efficientnet-lite1 efficientnet-lite2; do
  for d in flowers12 fashion_mnist_100; do
    echo "=== $b $d"
    .venv/bin/fewshot-studio bench "$data/$d" --backbone $b --ways 5 --shots 1 5 --episodes 600 \
      --methods auto prototypes logreg dense-head --json "$out/$b-$d.json"
  done
done

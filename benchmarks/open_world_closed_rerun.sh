#!/usr/bin/env bash
# Closed-set engine table rerun for issue 15: the methods whose fit reads the test pool, which now
# leaves out the photos judged "None of these" (benchmarks/RESULTS.md, "Open-world trust").
# Run as FEWSHOT_EMBED_ENGINE=torch benchmarks/open_world_closed_rerun.sh to match the engine table.
cd "$(dirname "$0")/.."
mkdir -p .bench
for d in flowers12 fashion_mnist_100 omniglot_small; do
  for q in "" "--unbalanced"; do
    echo "=== $d ${q:-balanced}"
    .venv/bin/fewshot-studio bench "${SHARED_DATA:-../shared/data}/$d" --ways 5 --shots 1 5 --episodes 600 \
      --methods auto self-training transductive $q --no-throughput --json ".bench/i15-closed-$d${q:+-unbalanced}.json"
  done
done
echo ALLDONE

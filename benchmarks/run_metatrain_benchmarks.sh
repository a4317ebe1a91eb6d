#!/usr/bin/env bash
# Reproduces the meta-training tables in benchmarks/RESULTS.md (issue 6): meta-trains the variants
# on Tiny ImageNet and on some Omniglot alphabets, then benches every backbone on data never used
# in training. About 1.5 h on this 2-core CPU; finished steps are skipped when it is run again.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(realpath "${SHARED_DATA:-../shared/data}")
out=${OUT:-.bench/mt}
mkdir -p "$out"
fs=.venv/bin/fewshot-studio
py=.venv/bin/python

# Data: Tiny ImageNet unzipped; Omniglot split by alphabet (7 alphabets to train, 3 never seen).
ti=${TI_DIR:-$out/tiny_imagenet_base}
[ -d "$ti" ] || unzip -q "$data/tiny_imagenet_base.zip" -d "$(dirname "$ti")"
if [ ! -d "$out/omniglot_base" ]; then
  mkdir -p "$out/omniglot_base" "$out/omniglot_test"
  for c in "$data"/omniglot_small/*; do
    case "$(basename "$c")" in
      korean__*|early_aramaic__*|tagalog__*) ln -s "$c" "$out/omniglot_test/" ;;
      *) ln -s "$c" "$out/omniglot_base/" ;;
    esac
  done
fi

train() {  # NAME BASE_DIR ARGS...
  local name=$1 base=$2; shift 2
  [ -f "$out/$name.fewshot-backbone" ] && return
  echo "=== metatrain $name"
  $fs metatrain "$base" --out "$out/$name.fewshot-backbone" --work-dir "$out/work-$(basename "$base")" \
    --keep-work --device cpu "$@" 2>&1 | tee "$out/$name.log"
}
# The BatchNorm and FOMAML variants get 500 episodes (FOMAML costs ~3x per episode), and FOMAML
# runs on Tiny ImageNet only: the CPU budget of one session. Validation picks the checkpoint.
train ti-meta-baseline "$ti" --method meta-baseline --episodes 1000 --max-images-per-class 60
train ti-meta-baseline-bn-episode "$ti" --method meta-baseline --bn episode --episodes 500 --max-images-per-class 60
train ti-fomaml "$ti" --method fomaml --episodes 500 --max-images-per-class 60
train omni-meta-baseline "$out/omniglot_base" --method meta-baseline --episodes 1000
# All of omniglot_small (the background characters): only for the official runs, whose evaluation
# alphabets it never saw (it has seen the three alphabets of omniglot_test).
train omni-all-meta-baseline "$data/omniglot_small" --method meta-baseline --episodes 1000

backbones="efficientnet-lite0"
for n in ti-meta-baseline ti-meta-baseline-bn-episode ti-fomaml omni-meta-baseline; do
  backbones="$backbones $out/$n.fewshot-backbone"
done
[ -f "$out/bench.jsonl" ] || $py benchmarks/metatrain_bench.py --datasets "$data/flowers12" "$data/fashion_mnist_100" \
  "$out/omniglot_test" --backbones $backbones --jsonl "$out/bench.jsonl"
[ -f "$out/runs.json" ] || $py benchmarks/metatrain_omniglot_runs.py "$data/omniglot_runs/all_runs.zip" \
  --backbone $backbones "$out/omni-all-meta-baseline.fewshot-backbone" --json "$out/runs.json"
[ -f "$out/distill.jsonl" ] || $py benchmarks/metatrain_distill.py --images "$ti" --per-class 10 \
  --datasets "$data/flowers12" "$data/fashion_mnist_100" --out-dir "$out"
$py benchmarks/metatrain_report.py --bench "$out/bench.jsonl" --runs "$out/runs.json" --distill "$out/distill.jsonl"

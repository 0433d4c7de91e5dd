#!/usr/bin/env bash
# The GPU run, on the GPU machine (inside the packed .gpu/files): PyTorch peer, bench W1-W3 fused and composed, main job on Beauty and Video; JSON lines and logs under $OUT as it goes, one summary line last.
#
#   bash .gpu/files/job.sh [--lavapipe] [--scale full|small] [--budget SECONDS]
#
# Steps, in this order, each under `timeout` (its own cap, never past the budget; a step that cannot get
# its minimum is skipped, not started):
#   torch           python3 torch_reference.py (CUDA; on --lavapipe: skipped unless python3 has torch, then cpu)
#   bench-fused     bench W1-W3 on webgpu with the fused kernels         -> $OUT/bench-fused.jsonl
#   bench-composed  bench W1-W3 on webgpu, --composed                    -> $OUT/bench-composed.jsonl
#   beauty-default  the main job's default work (embedded Beauty) on webgpu   -> $OUT/beauty-default/results.json
#   video-<loss>    the main job on Video.txt, quality budget, one process per loss (softmax, croloss, lambda)
#                   -> $OUT/video-<loss>/results.json
# The four main-job processes run at the same time (the GPU idles while one process's JavaScript dispatches), so
# their wall times are those of four concurrent jobs. Every step appends one line to $OUT/steps.jsonl:
#   {"step":..., "status":"ok"|"failed"|"timeout"|"skipped", "rc":..., "wall_s":..., "limit_s":..., "args":..., "log":...}
# and the last line of stdout is `gpu-run: N ok, N failed, N timeout, N skipped in S s (budget B s); ...`.
# --lavapipe: the CPU-machine dry run (software Vulkan, Mesa lavapipe): the packed Vulkan loader is not unpacked
# into / and Dawn uses the system's lavapipe driver. --scale small: bench --scale small with few reps, main job
# with a few steps. Turn what comes back into the docs tables with examples/gpu-run (see its README).
set -uo pipefail

files=$(cd "$(dirname "$0")" && pwd)
pack=$(dirname "$files")
mode=gpu scale=full budget=450
while [[ $# -gt 0 ]]; do
  case $1 in
    --lavapipe) mode=lavapipe ;;
    --scale) scale=${2:?--scale needs full or small}; shift ;;
    --budget) budget=${2:?--budget needs seconds}; shift ;;
    *) echo "job.sh: unknown argument '$1' (use --lavapipe, --scale full|small, --budget SECONDS)" >&2; exit 2 ;;
  esac
  shift
done
[[ $scale == full || $scale == small ]] || { echo "job.sh: --scale must be full or small, got '$scale'" >&2; exit 2; }
[[ $budget =~ ^[0-9]+$ ]] || { echo "job.sh: --budget must be whole seconds, got '$budget'" >&2; exit 2; }

export OUT=${OUT:-/tmp/out}
mkdir -p "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
steps="$OUT/steps.jsonl"
: >"$steps"
unset INIT_CWD # the CLIs resolve relative paths against INIT_CWD when npm set it; here they mean .gpu/files
start=$(date +%s)
deadline=$((start + budget))
reserve=5 # seconds kept for the summary after the last step

json_str() { # a JSON string literal of $1
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\t'/ }
  printf '"%s"' "$s"
}

# How node runs: through a copy of pack.sh's run.sh without its first line, which unpacks the Vulkan loader and glvnd
# into /. On the GPU machine that line runs once, as the first step (vulkan-setup), so no two node processes rewrite
# the same system libraries at once; on lavapipe it does not run (the system's loader and lavapipe are used). Every
# node step then runs the same way on both machines.
[[ -f $pack/run.sh && -f $pack/app.mjs ]] || { echo "job.sh: $pack has no run.sh or app.mjs: pack it with scripts/gpu-run.sh" >&2; exit 1; }
grep -q 'dpkg -x' "$pack/run.sh" || { echo "job.sh: $pack/run.sh has no 'dpkg -x' line (pack.sh changed?)" >&2; exit 1; }
sed 's/^for f in .*dpkg -x.*$/: # Vulkan loader: unpacked once by job.sh (GPU machine) or the system'"'"'s (lavapipe)/' "$pack/run.sh" >"$pack/launch.sh"
if [[ $mode == lavapipe ]]; then
  icd=$(ls /usr/share/vulkan/icd.d/lvp_icd*.json 2>/dev/null | head -1 || true)
  [[ -n $icd ]] || { echo "job.sh: --lavapipe: no lavapipe ICD in /usr/share/vulkan/icd.d (run .ci/install-lavapipe.sh)" >&2; exit 1; }
  export VK_DRIVER_FILES=$icd
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/xdg-$UID}
  mkdir -p -m 700 "$XDG_RUNTIME_DIR"
fi

# The machine line: GPU and driver (nvidia-smi when there is one), the mode and the settings of this run.
gpu=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1 || true)
[[ -n $gpu ]] || gpu=$([[ $mode == lavapipe ]] && echo "lavapipe (software Vulkan, $(nproc) CPU cores)" || echo "unknown (no nvidia-smi)")
printf '{"step":"machine","gpu":%s,"mode":"%s","scale":"%s","budget_s":%d,"out":%s,"date":"%s","cores":%d}\n' \
  "$(json_str "$gpu")" "$mode" "$scale" "$budget" "$(json_str "$OUT")" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" >>"$steps"
echo "gpu-run: $gpu, $mode, $scale scale, budget $budget s, output in $OUT"

have_timeout=0
command -v timeout >/dev/null && have_timeout=1

record() { # step status rc wall limit args log
  printf '{"step":"%s","status":"%s","rc":%s,"wall_s":%s,"limit_s":%s,"args":%s,"log":"%s"}\n' \
    "$1" "$2" "$3" "$4" "$5" "$(json_str "$6")" "$7" >>"$steps"
  echo "gpu-run: $1 $2 (rc $3, $4 s of at most $5 s)"
}

# step NAME CAP MIN CMD...: run CMD under min(CAP, time left) seconds, or skip it when less than MIN are left.
step() {
  local name=$1 cap=$2 min=$3; shift 3
  local left=$((deadline - reserve - $(date +%s)))
  local limit=$((cap < left ? cap : left))
  if ((limit < min)); then record "$name" skipped null 0 "$limit" "budget: $limit s left, needs $min s" ""; return; fi
  local t0 t1 rc
  t0=$(date +%s.%N)
  if ((have_timeout)); then timeout --kill-after=10 "$limit" "$@" >"$OUT/logs/$name.log" 2>&1; rc=$?
  else "$@" >"$OUT/logs/$name.log" 2>&1; rc=$?; fi
  t1=$(date +%s.%N)
  local wall status=ok
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  if ((rc == 124 || rc == 137)); then status=timeout; elif ((rc != 0)); then status=failed; fi
  local shown=$*
  shown=${shown//"$pack"/.gpu}
  shown=${shown//"$OUT"/\$OUT} # the command as it reads on any machine
  record "$name" "$status" "$rc" "$wall" "$limit" "$shown" "logs/$name.log"
}

# Per-scale settings. Caps (seconds) are what a step may take at most; mins what it needs to be worth starting.
if [[ $scale == full ]]; then
  bench_args=(--scale full)
  beauty_args=()
  video_args=(--steps 3000 --eval-every 500)
  cap_torch=90 cap_bench=120 cap_main=400 min_bench=40 min_main=60
else
  bench_args=(--scale small --reps 2 --warmup 1)
  beauty_args=(--steps 10 --eval-every 10)
  video_args=(--steps 10 --eval-every 10)
  cap_torch=60 cap_bench=240 cap_main=480 min_bench=20 min_main=30
fi

# 0. GPU machine: the Vulkan loader and glvnd, with pack.sh's own line.
if [[ $mode == gpu ]]; then
  step vulkan-setup 60 1 bash -c "here=\"\$1\"; $(grep '^for f in .*dpkg -x' "$pack/run.sh")" _ "$pack"
fi

# 1. The PyTorch peer: same run, same machine, so the ratios compare like with like.
if [[ $mode == gpu ]]; then
  step torch "$cap_torch" 20 bash -c 'cd "$1" && python3 torch_reference.py > "$2"' _ "$files" "$OUT/torch.jsonl"
elif python3 -c 'import torch' 2>/dev/null; then
  step torch "$cap_torch" 20 bash -c 'cd "$1" && python3 torch_reference.py cpu "$(nproc)" > "$2"' _ "$files" "$OUT/torch.jsonl"
else
  [[ -f $files/torch_reference.py ]] && why="python3 has no torch" || why="torch_reference.py missing"
  record torch skipped null 0 0 "$why" ""
fi

# 2-3. The bench, fused kernels then composed ops (the first node step also unpacks node and Dawn).
step bench-fused "$cap_bench" "$min_bench" bash "$pack/launch.sh" bench --backend webgpu "${bench_args[@]}" --out "$OUT/bench-fused.jsonl"
step bench-composed "$cap_bench" "$min_bench" bash "$pack/launch.sh" bench --backend webgpu "${bench_args[@]}" --composed --out "$OUT/bench-composed.jsonl"

# 4. The main job: its default work on the embedded data, and Video at the quality budget, one process per loss.
step beauty-default "$cap_main" "$min_main" bash "$pack/launch.sh" retrieval --backend webgpu "${beauty_args[@]}" --out "$OUT/beauty-default" &
for loss in softmax croloss lambda; do
  step "video-$loss" "$cap_main" "$min_main" bash "$pack/launch.sh" retrieval --backend webgpu --data Video.txt --format interactions \
    "${video_args[@]}" --losses "$loss" --seed 1 --out "$OUT/video-$loss" &
done
wait

# Summary: counts by status and the medians that came back, one line, last.
total=$(($(date +%s) - start))
count() { grep -c "\"status\":\"$1\"" "$steps"; }
medians=$(cat "$OUT"/torch.jsonl "$OUT"/bench-fused.jsonl "$OUT"/bench-composed.jsonl 2>/dev/null \
  | sed -n 's/.*"workload": *"\(W[0-9]\)[^"]*".*"impl": *"\([a-z-]*\)".*"ms_median": *\([0-9.]*\).*/\1 \2 \3/p' \
  | awk '{ printf "%s%s %s %.2f ms", sep, $1, $2, $3; sep=", " }')
ok=$(count ok) failed=$(count failed) timedout=$(count timeout) skipped=$(count skipped)
printf '{"step":"summary","ok":%d,"failed":%d,"timeout":%d,"skipped":%d,"wall_s":%d,"budget_s":%d}\n' "$ok" "$failed" "$timedout" "$skipped" "$total" "$budget" >>"$steps"
echo "gpu-run: $ok ok, $failed failed, $timedout timeout, $skipped skipped in $total s (budget $budget s); ${medians:-no medians}"
[[ $failed == 0 && $timedout == 0 ]]

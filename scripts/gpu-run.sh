#!/usr/bin/env bash
# Packs the GPU run into .gpu/ (bench, main job, torch_reference.py, Video.txt, the job script) and prints the one command that runs it on the GPU machine; --dry-run also runs it here on lavapipe.
#
#   bash scripts/gpu-run.sh                      pack, print the command for the GPU machine
#   bash scripts/gpu-run.sh --dry-run OUTDIR [JOB ARGS]
#                                                pack, then run the job here on Mesa lavapipe with OUT=OUTDIR
#                                                (default job args: --scale small); what CI does
#
# A developer tool, not part of `npm test`: it needs ../shared beside the repository (pack.sh, torch_reference.py,
# amazon-video/Video.txt; CROLOSS_SHARED=DIR names another folder) and fails with one line when they are absent.
# The bundle is one esbuild bundle of examples/gpu-run/app.mjs (`app.mjs bench ...`, `app.mjs retrieval ...`), made
# by pack.sh; resvg (the main job's PNG plot, a native addon esbuild cannot bundle) and the embedded data set travel
# beside it. Afterwards: node examples/gpu-run/dist/main.js OUTDIR  (the docs tables; see examples/gpu-run/README.md).
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
shared=${CROLOSS_SHARED:-$root/../shared}
for need in gpu/pack.sh gpu/torch_reference.py data/amazon-video/Video.txt; do
  [[ -f $shared/$need ]] || { echo "gpu-run: $shared/$need not found (the GPU run needs ../shared beside the repository, or CROLOSS_SHARED=DIR)" >&2; exit 1; }
done
dry_out=
if [[ ${1:-} == --dry-run ]]; then
  dry_out=${2:?usage: gpu-run.sh --dry-run OUTDIR [JOB ARGS]}
  shift 2
  job_args=("$@")
  [[ ${#job_args[@]} -gt 0 ]] || job_args=(--scale small)
elif [[ $# -gt 0 ]]; then
  echo "gpu-run: unknown argument '$1' (use no argument, or --dry-run OUTDIR [JOB ARGS])" >&2
  exit 2
fi

export TURBO_TELEMETRY_DISABLED=1
echo "gpu-run: building the packages"
npx turbo run build --filter=./packages/* --output-logs=errors-only >/dev/null

# pack.sh runs the first `esbuild` on PATH: this one keeps resvg external (its native addon is copied below).
wrap=$(mktemp -d)
trap 'rm -rf "$wrap"' EXIT
printf '#!/usr/bin/env bash\nexec %q "$@" --external:@resvg/resvg-js\n' "$root/node_modules/.bin/esbuild" >"$wrap/esbuild"
chmod +x "$wrap/esbuild"

rm -rf .gpu/files .gpu/app.mjs .gpu/launch.sh .gpu/datasets .gpu/node_modules/@resvg .gpu/node_modules/webgpu/dist/linux-x64/dawn.node # node.xz, dawn.node.xz, debs/ are kept (pack.sh reuses them)
mkdir -p .gpu
# pack.sh writes .git/info/exclude at the top of the git work tree, which fails in a `git worktree` (.git is a file):
# it runs in a scratch repository whose entries link back here (esbuild follows the links to the real files).
stage="$wrap/stage"
mkdir -p "$stage"
git init -q "$stage"
for entry in examples packages node_modules package.json tsconfig.base.json; do ln -s "$root/$entry" "$stage/$entry"; done
ln -s "$root/.gpu" "$stage/.gpu"
(cd "$stage" && PATH="$wrap:$PATH" bash "$shared/gpu/pack.sh" examples/gpu-run/app.mjs .gpu -- \
  "$shared/gpu/torch_reference.py" "$shared/data/amazon-video/Video.txt" "$root/examples/gpu-run/job.sh")
mkdir -p .gpu/node_modules/@resvg .gpu/datasets
cp -r node_modules/@resvg/resvg-js node_modules/@resvg/resvg-js-linux-x64-gnu .gpu/node_modules/@resvg/
# @croloss/data finds its embedded Beauty by walking up from the bundle's folder: .gpu/datasets/.
cp packages/data/datasets/amazon-beauty.txt.gz .gpu/datasets/
size=$(du -sm .gpu | cut -f1)
((size < 64)) || { echo "gpu-run: .gpu is $size MiB, over the 64 MiB that may travel" >&2; exit 1; }
echo "gpu-run: .gpu packed ($size MiB)"

if [[ -z $dry_out ]]; then
  echo "gpu-run: on the GPU machine (device tool, carry [\".gpu\"], timeout 540 s), run:"
  echo "bash .gpu/files/job.sh"
  echo "gpu-run: then here, on the folder that came back: node examples/gpu-run/dist/main.js FOLDER --write-docs"
  exit 0
fi
mkdir -p "$dry_out"
echo "gpu-run: dry run on lavapipe: OUT=$dry_out bash .gpu/files/job.sh --lavapipe ${job_args[*]}"
OUT=$(cd "$dry_out" && pwd) bash .gpu/files/job.sh --lavapipe "${job_args[@]}"

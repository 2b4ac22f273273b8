#!/usr/bin/env bash
# Checks `empreinte run` on a real NVIDIA GPU in one go: `empreinte doctor`, then `empreinte run`
# around a short PyTorch training loop while NVML's total-energy counter is read before and after
# (scripts/gpu-check.py) as the truth; prints both GPU energies and their difference.
#
#   npm run build && scripts/gpu-check.sh [--seconds 60] [--boundary machine|process]
#   scripts/gpu-check.sh --dry-run [--seconds 3]    # no GPU: the fake NVML library, a CPU loop
#
# Needs: the built project (dist/), Node 20+ (NODE, default node), Python 3 (PYTHON, default
# python3) with PyTorch and CUDA, and pynvml (nvidia-ml-py) or the driver's libnvidia-ml.so.1.
# The run goes to a fresh database in a temp folder unless EMPREINTE_DB is set.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NODE="${NODE:-node}"
PYTHON="${PYTHON:-python3}"
SECONDS_RUN=60
BOUNDARY=machine
DRY=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_RUN="$2"; shift 2 ;;
    --boundary) BOUNDARY="$2"; shift 2 ;;
    --dry-run) DRY=(--dry-run); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "gpu-check: unknown option $1 (expected --seconds N, --boundary machine|process, --dry-run)" >&2; exit 2 ;;
  esac
done
CLI="$ROOT/dist/cli/main.js"
[ -f "$CLI" ] || { echo "gpu-check: $CLI not found: run npm run build first" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export EMPREINTE_DB="${EMPREINTE_DB:-$WORK/gpu-check.db}"
if [ ${#DRY[@]} -gt 0 ]; then
  # The fake NVML library of the tests: 2 GPUs at a known 250 W each, energy counters.
  export EMPREINTE_NVML_LIB="$WORK/libnvidia-ml.so.1"
  cc -shared -fPIC -O2 -o "$EMPREINTE_NVML_LIB" "$ROOT/test/fixtures/fake-nvml/fake_nvml.c"
  export FAKE_NVML_GPUS=2 FAKE_NVML_WATTS=250
fi

echo "== empreinte doctor"
"$NODE" "$CLI" doctor || true

echo "== empreinte run --boundary $BOUNDARY around ${SECONDS_RUN} s of training, NVML counters read around it"
"$PYTHON" "$ROOT/scripts/gpu-check.py" truth "${DRY[@]}" --out "$WORK/truth.json" -- \
  "$NODE" "$CLI" run --json --name gpu-check --boundary "$BOUNDARY" -- \
  "$PYTHON" "$ROOT/scripts/gpu-check.py" train "${DRY[@]}" --seconds "$SECONDS_RUN" 2> "$WORK/run.json"

"$NODE" -e '
  const fs = require("fs");
  const [truthFile, runFile, boundary] = process.argv.slice(1);
  const truth = JSON.parse(fs.readFileSync(truthFile, "utf8"));
  const text = fs.readFileSync(runFile, "utf8");
  const run = JSON.parse(text.slice(text.indexOf("{")));
  const J = 3.6e6;
  const measuredJ = run.energyKwh.gpu * J;
  const machineJ = (run.machineEnergyKwh ?? run.energyKwh).gpu * J;
  // The truth window also holds the start and end of empreinte, while the GPUs idle: that share is
  // taken off at the power they drew just before.
  const gapS = Math.max(0, truth.seconds - run.durationS);
  const windowJ = truth.energyJ - truth.idleW * gapS;
  const diff = machineJ - windowJ;
  console.log(`GPUs: ${truth.gpus.join(", ")}`);
  console.log(`NVML counter (truth), around the whole command: ${truth.energyJ.toFixed(0)} J in ${truth.seconds.toFixed(2)} s; GPUs at ${truth.idleW.toFixed(1)} W before it`);
  console.log(`  of which within the run (less ${gapS.toFixed(2)} s of start and end at that power): ${windowJ.toFixed(0)} J`);
  console.log(`empreinte run, GPU energy at the machine: ${machineJ.toFixed(0)} J in ${run.durationS.toFixed(2)} s (${run.sources.gpu})`);
  console.log(`difference: ${diff.toFixed(0)} J (${((100 * diff) / windowJ).toFixed(2)}%); against the whole window ${(machineJ - truth.energyJ).toFixed(0)} J (${((100 * (machineJ - truth.energyJ)) / truth.energyJ).toFixed(2)}%)`);
  if (boundary === "process") console.log(`charged to the command (--boundary process): ${measuredJ.toFixed(0)} J (${((100 * measuredJ) / machineJ).toFixed(1)}% of the GPUs)`);
  console.log(`run ${run.id}, status ${run.status}`);
  if (run.status !== "completed") process.exit(1);
' "$WORK/truth.json" "$WORK/run.json" "$BOUNDARY"

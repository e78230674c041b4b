#!/usr/bin/env bash
# Sets everything up (idempotent), then the main job: generate firmware for the Arduino Nano 33
# BLE (nano33) from the MLPerf Tiny keyword-spotting model, build it with arm-none-eabi-gcc, run
# it in QEMU, and check it: emulator outputs against the host build, and the host build against
# tflite-micro, bit for bit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
model=${1:-../shared/models/mlperf_kws_ref_model.tflite}
if [ ! -f "$model" ]; then
  echo "demo: $model not found; using a per-op fixture model instead" >&2
  model=test/fixtures/ops/conv2d_3x3_s1_same_int8.tflite
fi
out=out/demo-nano33
mkdir -p out
run() { printf '\n$ %s\n' "$*"; "$@"; }
run ./bin/tinyml gen --board nano33 --model "$model" --out "$out"
run ./bin/tinyml build "$out"
run ./bin/tinyml sim "$out"
# One random input through the emulator and through the host build.
node -e "
const j = require('./$out/tinyml.json'); const b = Buffer.alloc(j.summary.inputs[0].bytes);
for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761 >>> 13) & 0xff;
require('fs').writeFileSync('out/demo-input.bin', b);"
run ./bin/tinyml sim "$out" --input out/demo-input.bin --output out/demo-sim.bin --json > out/demo-sim.json
run ./bin/tinyml run "$model" --input out/demo-input.bin --output out/demo-host.bin
cmp out/demo-sim.bin out/demo-host.bin && echo "demo: the emulator's outputs are bit-identical to the host build's"
run ./bin/tinyml verify "$model" --samples 20

#!/usr/bin/env bash
# Sets everything up (idempotent), then the main job on the Arduino Nano 33 BLE (nano33):
#  1. the wake-word example: generate its firmware, build it with arm-none-eabi-gcc, and run it in
#     QEMU on a synthesized sentence ("... yes ... no"), printing what it heard and when;
#  2. the MLPerf Tiny keyword-spotting model: generate, build, simulate with a per-op profile, and
#     check the emulator against the host build and the host build against tflite-micro, bit for bit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
mkdir -p out
run() { printf '\n$ %s\n' "$*"; "$@"; }

run ./bin/tinyml gen --board nano33 --example wake-word --out out/wake-word-nano33
run ./bin/tinyml build out/wake-word-nano33
run ./bin/tinyml sim out/wake-word-nano33 --input examples/wake-word/test_inputs/sentence.wav

model=../shared/models/mlperf_kws_ref_model.tflite
if [ ! -f "$model" ]; then
  echo "demo: $model not found (../shared is absent); skipping the keyword-spotting part" >&2
  exit 0
fi
out=out/kws-nano33
run ./bin/tinyml gen --board nano33 --model "$model" --out "$out"
run ./bin/tinyml build "$out"
run ./bin/tinyml sim "$out"
node -e "
const j = require('./$out/tinyml.json'); const b = Buffer.alloc(j.summary.inputs[0].bytes);
for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761 >>> 13) & 0xff;
require('fs').writeFileSync('out/kws-input.bin', b);"
run ./bin/tinyml sim "$out" --input out/kws-input.bin --output out/kws-sim.bin --json > out/kws-sim.json
run ./bin/tinyml run "$model" --input out/kws-input.bin --output out/kws-host.bin
cmp out/kws-sim.bin out/kws-host.bin && echo "demo: the emulator's outputs are bit-identical to the host build's"
run ./bin/tinyml verify "$model" --samples 20

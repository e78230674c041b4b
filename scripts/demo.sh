#!/usr/bin/env bash
# Sets everything up (idempotent) and runs the main job on the keyword-spotting model:
# inspect it, then check the generated C against tflite-micro, bit for bit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
model=../shared/models/mlperf_kws_ref_model.tflite
if [ ! -f "$model" ]; then
  echo "demo: $model not found; using the TFLM hello_world fixture instead" >&2
  model=test/fixtures/ops/fc_rank2_relu_int8.tflite
fi
./bin/tinyml inspect "$model"
./bin/tinyml verify "$model" --samples 20

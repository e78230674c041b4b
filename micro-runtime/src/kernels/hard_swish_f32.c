/* HARD_SWISH float32 (TFLM reference_ops::HardSwish: x * min(6, max(0, x + 3)) / 6 in float). */
#include "tinyml/kernels/activations.h"

tm_status tm_hard_swish_f32(const tm_activation_f32_params *p, const float *input, float *output) {
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    const float v = input[i];
    float r = v + 3.0f;
    r = r < 0.0f ? 0.0f : r;
    r = r > 6.0f ? 6.0f : r;
    output[i] = v * r / 6.0f;
  }
  return TM_OK;
}

tm_status tm_eval_hard_swish_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_hard_swish_f32((const tm_activation_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

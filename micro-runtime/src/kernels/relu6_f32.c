/* RELU6 float32 (TFLM Relu6Float: clamp to [0, 6]). */
#include "tinyml/kernels/activations.h"

tm_status tm_relu6_f32(const tm_activation_f32_params *p, const float *input, float *output) {
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    const float v = input[i];
    output[i] = v > 6.0f ? 6.0f : (v < 0.0f ? 0.0f : v);
  }
  return TM_OK;
}

tm_status tm_eval_relu6_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_relu6_f32((const tm_activation_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

/* RELU float32 (TFLM ReluFloat: negative values become 0). */
#include "tinyml/kernels/activations.h"

tm_status tm_relu_f32(const tm_activation_f32_params *p, const float *input, float *output) {
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    const float v = input[i];
    output[i] = v < 0.0f ? 0.0f : v;
  }
  return TM_OK;
}

tm_status tm_eval_relu_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_relu_f32((const tm_activation_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

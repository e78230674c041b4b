/* LEAKY_RELU float32 (TFLM reference_ops::LeakyRelu: x > 0 ? x : x * alpha). */
#include "tinyml/kernels/activations.h"

tm_status tm_leaky_relu_f32(const tm_leaky_relu_f32_params *p, const float *input, float *output) {
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    const float v = input[i];
    output[i] = v > 0.0f ? v : v * p->alpha;
  }
  return TM_OK;
}

tm_status tm_eval_leaky_relu_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_leaky_relu_f32((const tm_leaky_relu_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

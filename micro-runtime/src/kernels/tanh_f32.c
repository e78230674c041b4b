/* TANH float32 (TFLM reference_ops::Tanh: std::tanh in float). */
#include <math.h>

#include "tinyml/kernels/activations.h"

tm_status tm_tanh_f32(const tm_activation_f32_params *p, const float *input, float *output) {
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) output[i] = tanhf(input[i]);
  return TM_OK;
}

tm_status tm_eval_tanh_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_tanh_f32((const tm_activation_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

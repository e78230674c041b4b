/* LOGISTIC float32 (TFLM reference_ops::Logistic: 1 above 16.619047, exp(x) below -9,
 * else 1 / (1 + exp(-x)), all in float). */
#include <math.h>

#include "tinyml/kernels/activations.h"

tm_status tm_logistic_f32(const tm_activation_f32_params *p, const float *input, float *output) {
  const float cutoff_upper = 16.619047164916992188f;
  const float cutoff_lower = -9.0f;
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    const float v = input[i];
    float r;
    if (v > cutoff_upper) {
      r = 1.0f;
    } else if (v < cutoff_lower) {
      r = expf(v);
    } else {
      r = 1.0f / (1.0f + expf(-v));
    }
    output[i] = r;
  }
  return TM_OK;
}

tm_status tm_eval_logistic_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_logistic_f32((const tm_activation_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

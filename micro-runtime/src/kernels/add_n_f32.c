/* ADD_N, float32 (TFLM reference_ops::AddN: a sum from 0 over the inputs in order). */
#include "tinyml/kernels/math.h"

tm_status tm_eval_add_n_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_add_n_params *p = (const tm_add_n_params *)params;
  float *y;
  int32_t i, j;
  (void)scratch;
  if (params == NULL || out[0] == NULL || p->size < 0 || p->n_inputs < 1) return TM_BAD_PARAM;
  for (j = 0; j < p->n_inputs; ++j) {
    if (in[j] == NULL) return TM_BAD_PARAM;
  }
  y = (float *)out[0];
  for (i = 0; i < p->size; ++i) {
    float x = 0.0f;
    for (j = 0; j < p->n_inputs; ++j) x += ((const float *)in[j])[i];
    y[i] = x;
  }
  return TM_OK;
}

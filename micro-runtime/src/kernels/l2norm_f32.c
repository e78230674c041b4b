/* L2_NORMALIZATION float32 (TFLM reference_ops::L2Normalization with epsilon 1e-6). */
#include <math.h>

#include "tinyml/kernels/l2norm.h"

tm_status tm_eval_l2norm_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_l2norm_params *p = (const tm_l2norm_params *)params;
  const float *input;
  float *output;
  int32_t o, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->outer_size < 1 || p->depth < 1) return TM_BAD_PARAM;
  input = (const float *)in[0];
  output = (float *)out[0];
  for (o = 0; o < p->outer_size; ++o) {
    const float *row = input + o * p->depth;
    float squared = 0.0f, norm;
    for (c = 0; c < p->depth; ++c) squared += row[c] * row[c];
    norm = sqrtf(squared);
    if (norm < 1e-6f) norm = 1e-6f;
    for (c = 0; c < p->depth; ++c) *output++ = row[c] / norm;
  }
  return TM_OK;
}

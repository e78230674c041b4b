/* SOFTMAX, float32 reference kernel (TFLM reference_ops::Softmax float arithmetic and order). */
#include <float.h>
#include <math.h>

#include "tinyml/kernels/softmax.h"

tm_status tm_softmax_f32(const tm_softmax_f32_params *p, const float *input, float *output) {
  int32_t i, c;
  if (p->outer_size < 0 || p->depth < 1) return TM_BAD_PARAM;
  for (i = 0; i < p->outer_size; ++i) {
    const float *in = input + (size_t)i * p->depth;
    float *out = output + (size_t)i * p->depth;
    float max = -FLT_MAX, sum = 0.0f;
    for (c = 0; c < p->depth; ++c) {
      if (max < in[c]) max = in[c];
    }
    for (c = 0; c < p->depth; ++c) {
      const float e = expf((in[c] - max) * p->beta);
      out[c] = e;
      sum += e;
    }
    for (c = 0; c < p->depth; ++c) out[c] = out[c] / sum;
  }
  return TM_OK;
}

tm_status tm_eval_softmax_f32(const void *params, const void *const *in, void *const *out,
                              void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_softmax_f32((const tm_softmax_f32_params *)params, (const float *)in[0],
                        (float *)out[0]);
}

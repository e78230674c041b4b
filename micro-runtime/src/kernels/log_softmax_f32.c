/* LOG_SOFTMAX float32 (TFLM reference_ops::LogSoftmax: the row maximum from the lowest float,
 * the sum of expf(x - max) in order, then x - max - logf(sum)). */
#include <float.h>
#include <math.h>

#include "tinyml/kernels/log_softmax.h"

tm_status tm_eval_log_softmax_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_log_softmax_params *p = (const tm_log_softmax_params *)params;
  const float *input;
  float *output;
  int32_t o, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->outer_size < 1 || p->depth < 1) return TM_BAD_PARAM;
  input = (const float *)in[0];
  output = (float *)out[0];
  for (o = 0; o < p->outer_size; ++o) {
    const float *row = input + o * p->depth;
    float max = -FLT_MAX, sum = 0.0f, log_sum;
    for (c = 0; c < p->depth; ++c) max = max < row[c] ? row[c] : max;
    for (c = 0; c < p->depth; ++c) sum += expf(row[c] - max);
    log_sum = logf(sum);
    for (c = 0; c < p->depth; ++c) *output++ = row[c] - max - log_sum;
  }
  return TM_OK;
}

/* CUMSUM float32 (TFLM reference_ops::CumSum: a float accumulator from 0 along each line). */
#include "tinyml/kernels/cumsum.h"

tm_status tm_eval_cumsum_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_cumsum_params *p = (const tm_cumsum_params *)params;
  const float *input;
  float *output;
  int32_t a, b, d;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->before < 1 || p->depth < 1 || p->after < 1) return TM_BAD_PARAM;
  input = (const float *)in[0];
  output = (float *)out[0];
  for (a = 0; a < p->before; ++a) {
    for (b = 0; b < p->after; ++b) {
      float acc = 0.0f;
      for (d = 0; d < p->depth; ++d) {
        const int32_t k = p->reverse ? p->depth - 1 - d : d;
        const int32_t index = (a * p->depth + k) * p->after + b;
        if (p->exclusive) {
          output[index] = acc;
          acc += input[index];
        } else {
          acc += input[index];
          output[index] = acc;
        }
      }
    }
  }
  return TM_OK;
}

/* CONCATENATION, any element type (TFLM reference_ops::Concatenation: for each outer index, copy
 * each input's run in input order). Operates on bytes; see concatenation.h. */
#include <string.h>

#include "tinyml/kernels/concatenation.h"

tm_status tm_concatenation(const tm_concatenation_params *p, const void *const *inputs, void *output) {
  uint8_t *dst = (uint8_t *)output;
  int32_t o, k;
  if (p->n_inputs < 1 || p->outer < 0 || p->bytes == NULL) return TM_BAD_PARAM;
  for (k = 0; k < p->n_inputs; ++k) {
    if (p->bytes[k] < 0 || (inputs[k] == NULL && p->bytes[k] > 0 && p->outer > 0)) return TM_BAD_PARAM;
  }
  for (o = 0; o < p->outer; ++o) {
    for (k = 0; k < p->n_inputs; ++k) {
      const size_t n = (size_t)p->bytes[k];
      if (n == 0) continue;
      memcpy(dst, (const uint8_t *)inputs[k] + (size_t)o * n, n);
      dst += n;
    }
  }
  return TM_OK;
}

tm_status tm_eval_concatenation(const void *params, const void *const *in, void *const *out,
                                void *scratch) {
  (void)scratch;
  if (params == NULL || in == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_concatenation((const tm_concatenation_params *)params, in, out[0]);
}

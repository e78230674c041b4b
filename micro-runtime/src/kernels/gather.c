/* GATHER (reference loop of TFLM gather.cc) on bytes; see tinyml/kernels/gather.h. */
#include <string.h>

#include "tinyml/kernels/gather.h"

tm_status tm_eval_gather(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_gather_params *p = (const tm_gather_params *)params;
  const uint8_t *x;
  const int32_t *idx;
  uint8_t *y;
  int32_t b, o, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->batch < 0 || p->outer < 0 || p->coords < 0 || p->axis_size < 0 || p->inner_bytes < 0) return TM_BAD_PARAM;
  x = (const uint8_t *)in[0];
  idx = (const int32_t *)in[1];
  y = (uint8_t *)out[0];
  for (b = 0; b < p->batch; ++b) {
    for (o = 0; o < p->outer; ++o) {
      const size_t row = (size_t)b * (size_t)p->outer + (size_t)o;
      for (c = 0; c < p->coords; ++c) {
        const int32_t k = idx[(size_t)b * (size_t)p->coords + (size_t)c];
        if (k < 0 || k >= p->axis_size) return TM_BAD_PARAM;
        memcpy(y + (row * (size_t)p->coords + (size_t)c) * (size_t)p->inner_bytes,
               x + (row * (size_t)p->axis_size + (size_t)k) * (size_t)p->inner_bytes, (size_t)p->inner_bytes);
      }
    }
  }
  return TM_OK;
}

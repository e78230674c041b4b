/* GATHER_ND (TFLM gather_nd.cc) on bytes; see tinyml/kernels/gather.h. */
#include <string.h>

#include "tinyml/kernels/gather.h"

tm_status tm_eval_gather_nd(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_gather_nd_params *p = (const tm_gather_nd_params *)params;
  const uint8_t *x;
  const int32_t *idx;
  uint8_t *y;
  int32_t i, j;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->n_slices < 0 || p->nd < 0 || p->nd > 5 || p->slice_elems < 0 || p->elem_bytes < 1) return TM_BAD_PARAM;
  x = (const uint8_t *)in[0];
  idx = (const int32_t *)in[1];
  y = (uint8_t *)out[0];
  for (i = 0; i < p->n_slices; ++i) {
    int64_t from = 0;
    for (j = 0; j < p->nd; ++j) from += (int64_t)idx[(size_t)i * (size_t)p->nd + (size_t)j] * p->stride[j];
    if (from < 0 || from + p->slice_elems > p->params_elems) return TM_BAD_PARAM;
    memcpy(y + (size_t)i * (size_t)p->slice_elems * (size_t)p->elem_bytes,
           x + (size_t)from * (size_t)p->elem_bytes, (size_t)p->slice_elems * (size_t)p->elem_bytes);
  }
  return TM_OK;
}

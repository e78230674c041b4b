/* The table walk; see tinyml/kernels/table_walk.h. */
#include <string.h>

#include "tinyml/kernels/table_walk.h"

static tm_status table_walk(const void *params, const void *const *in, void *const *out, const size_t esz) {
  const tm_table_walk_params *p = (const tm_table_walk_params *)params;
  const int32_t *t[5];
  const uint8_t *x;
  uint8_t *dst;
  int32_t i0, i1, i2, i3, i4, d, k, lo, hi;
  if (p == NULL || p->table == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  /* every table entry in range and the sum of the largest ones inside the input */
  t[0] = p->table;
  for (d = 0, hi = 0; d < 5; ++d) {
    if (p->out_dims[d] < 0) return TM_BAD_PARAM;
    if (p->out_dims[d] == 0) return TM_OK;
    if (d > 0) t[d] = t[d - 1] + p->out_dims[d - 1];
    for (k = 0, lo = 0; k < p->out_dims[d]; ++k) {
      if (t[d][k] < 0) return TM_BAD_PARAM;
      if (t[d][k] > lo) lo = t[d][k];
    }
    hi += lo;
  }
  if (hi >= p->in_size) return TM_BAD_PARAM;
  x = (const uint8_t *)in[0];
  dst = (uint8_t *)out[0];
  for (i0 = 0; i0 < p->out_dims[0]; ++i0) {
    for (i1 = 0; i1 < p->out_dims[1]; ++i1) {
      for (i2 = 0; i2 < p->out_dims[2]; ++i2) {
        for (i3 = 0; i3 < p->out_dims[3]; ++i3) {
          const size_t base = (size_t)t[0][i0] + (size_t)t[1][i1] + (size_t)t[2][i2] + (size_t)t[3][i3];
          for (i4 = 0; i4 < p->out_dims[4]; ++i4, dst += esz) {
            memcpy(dst, x + (base + (size_t)t[4][i4]) * esz, esz);
          }
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_table_walk_b8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return table_walk(params, in, out, 1);
}

tm_status tm_eval_table_walk_b32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return table_walk(params, in, out, 4);
}

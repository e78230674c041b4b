/* STRIDED_SLICE for 1-byte elements (int8) (TFLM reference_ops::StridedSlice: a 5-D strided walk
 * over the input writing the output in order; begin/end/mask resolution is done by the generator). */
#include "tinyml/kernels/strided_slice.h"

static int tm_strided_slice_in_bounds(const tm_strided_slice_params *p) {
  int64_t lo = p->offset, hi = p->offset;
  int d;
  for (d = 0; d < 5; ++d) {
    const int64_t span = (int64_t)(p->count[d] - 1) * p->step[d];
    if (p->count[d] < 0) return 0;
    if (p->count[d] == 0) return 1;
    if (span < 0) lo += span; else hi += span;
  }
  return lo >= 0 && hi < p->in_size;
}

tm_status tm_strided_slice_b8(const tm_strided_slice_params *p, const uint8_t *input, uint8_t *output) {
  const int32_t *c = p->count, *s = p->step;
  int32_t i0, i1, i2, i3, i4;
  uint8_t *dst = output;
  if (!tm_strided_slice_in_bounds(p)) return TM_BAD_PARAM;
  for (i0 = 0; i0 < c[0]; ++i0) {
    for (i1 = 0; i1 < c[1]; ++i1) {
      for (i2 = 0; i2 < c[2]; ++i2) {
        for (i3 = 0; i3 < c[3]; ++i3) {
          int32_t idx = p->offset + i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < c[4]; ++i4, idx += s[4]) *dst++ = input[idx];
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_strided_slice_b8(const void *params, const void *const *in, void *const *out,
                                   void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_strided_slice_b8((const tm_strided_slice_params *)params, (const uint8_t *)in[0], (uint8_t *)out[0]);
}

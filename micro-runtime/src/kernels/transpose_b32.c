/* TRANSPOSE for 4-byte elements (float32, int32) (TFLM reference_ops::Transpose: output[i] = input[permuted
 * index], walking the output in row-major order). */
#include <string.h>

#include "tinyml/kernels/transpose.h"

tm_status tm_transpose_b32(const tm_transpose_params *p, const uint32_t *input, uint32_t *output) {
  const int32_t *n = p->out_dims, *s = p->in_steps;
  int32_t i0, i1, i2, i3, i4, d;
  uint32_t *dst = output;
  for (d = 0; d < 5; ++d) {
    if (n[d] < 0 || s[d] < 0) return TM_BAD_PARAM;
  }
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          int32_t idx = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4, idx += s[4]) memcpy(dst++, input + idx, sizeof *dst);
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_transpose_b32(const void *params, const void *const *in, void *const *out,
                               void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_transpose_b32((const tm_transpose_params *)params, (const uint32_t *)in[0], (uint32_t *)out[0]);
}

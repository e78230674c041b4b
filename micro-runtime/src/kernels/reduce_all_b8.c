/* REDUCE_ALL over bool (TFLM reference_ops::ReduceGeneric<bool> with init true and
 * in && current, in row-major input order). */
#include "tinyml/kernels/reduce.h"

tm_status tm_eval_reduce_all_b8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_reduce_params *p = (const tm_reduce_params *)params;
  const uint8_t *input;
  uint8_t *output;
  const int32_t *n, *s;
  int32_t i0, i1, i2, i3, i4, k, d, reach = 0;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->out_size < 1) return TM_BAD_PARAM;
  n = p->in_dims;
  s = p->out_strides;
  for (d = 0; d < 5; ++d) {
    if (n[d] < 1 || s[d] < 0) return TM_BAD_PARAM;
    reach += (n[d] - 1) * s[d];
  }
  if (reach >= p->out_size) return TM_BAD_PARAM;
  input = (const uint8_t *)in[0];
  output = (uint8_t *)out[0];
  for (k = 0; k < p->out_size; ++k) output[k] = 1;
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          const int32_t base = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4) {
            uint8_t *acc = &output[base + i4 * s[4]];
            *acc = (uint8_t)(*input++ != 0 && *acc != 0);
          }
        }
      }
    }
  }
  return TM_OK;
}

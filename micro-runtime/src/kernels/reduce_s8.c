/* REDUCE_MAX and REDUCE_MIN int8 (TFLM reference_ops::ReduceGeneric; TFLM requires the output to
 * share the input's scale and zero point, so values are compared and copied as they are). Each
 * output starts at -128 (max) or 127 (min) and takes the input elements in row-major order. */
#include "tinyml/kernels/reduce.h"

static int tm_reduce_check_s8(const tm_reduce_params *p) {
  int32_t d, reach = 0;
  if (p->out_size < 1) return 0;
  for (d = 0; d < 5; ++d) {
    if (p->in_dims[d] < 1 || p->out_strides[d] < 0) return 0;
    reach += (p->in_dims[d] - 1) * p->out_strides[d];
  }
  return reach < p->out_size;
}

static tm_status tm_reduce_s8(const tm_reduce_params *p, int is_max, const int8_t *input, int8_t *output) {
  const int32_t *n = p->in_dims, *s = p->out_strides;
  int32_t i0, i1, i2, i3, i4, k;
  if (!tm_reduce_check_s8(p)) return TM_BAD_PARAM;
  for (k = 0; k < p->out_size; ++k) output[k] = (int8_t)(is_max ? -128 : 127);
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          const int32_t base = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4) {
            int8_t *acc = &output[base + i4 * s[4]];
            const int8_t v = *input++;
            if (is_max ? v > *acc : v < *acc) *acc = v;
          }
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_reduce_max_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_reduce_s8((const tm_reduce_params *)params, 1, (const int8_t *)in[0], (int8_t *)out[0]);
}

tm_status tm_eval_reduce_min_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_reduce_s8((const tm_reduce_params *)params, 0, (const int8_t *)in[0], (int8_t *)out[0]);
}

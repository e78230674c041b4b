/* SUM, REDUCE_MAX and REDUCE_MIN float32 (TFLM reference_ops::ReduceGeneric: each output starts
 * at the reducer's initial value, 0, the lowest or the largest finite float, and takes the input
 * elements in row-major order: in + current, in > current ? in : current, in < current ? in :
 * current). */
#include <float.h>

#include "tinyml/kernels/reduce.h"

static int tm_reduce_check(const tm_reduce_params *p) {
  int32_t d, reach = 0;
  if (p->out_size < 1) return 0;
  for (d = 0; d < 5; ++d) {
    if (p->in_dims[d] < 1 || p->out_strides[d] < 0) return 0;
    reach += (p->in_dims[d] - 1) * p->out_strides[d];
  }
  return reach < p->out_size;
}

enum { TM_REDUCE_SUM, TM_REDUCE_MAX, TM_REDUCE_MIN };

static tm_status tm_reduce_f32(const tm_reduce_params *p, int kind, const float *input, float *output) {
  const int32_t *n = p->in_dims, *s = p->out_strides;
  const float init = kind == TM_REDUCE_SUM ? 0.0f : kind == TM_REDUCE_MAX ? -FLT_MAX : FLT_MAX;
  int32_t i0, i1, i2, i3, i4, k;
  if (!tm_reduce_check(p)) return TM_BAD_PARAM;
  for (k = 0; k < p->out_size; ++k) output[k] = init;
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          const int32_t base = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4) {
            float *acc = &output[base + i4 * s[4]];
            const float v = *input++;
            if (kind == TM_REDUCE_SUM) *acc = v + *acc;
            else if (kind == TM_REDUCE_MAX) *acc = v > *acc ? v : *acc;
            else *acc = v < *acc ? v : *acc;
          }
        }
      }
    }
  }
  return TM_OK;
}

static tm_status tm_reduce_eval(int kind, const void *params, const void *const *in, void *const *out) {
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_reduce_f32((const tm_reduce_params *)params, kind, (const float *)in[0], (float *)out[0]);
}

tm_status tm_eval_sum_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_reduce_eval(TM_REDUCE_SUM, params, in, out);
}

tm_status tm_eval_reduce_max_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_reduce_eval(TM_REDUCE_MAX, params, in, out);
}

tm_status tm_eval_reduce_min_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_reduce_eval(TM_REDUCE_MIN, params, in, out);
}

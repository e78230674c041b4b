/* MEAN float32 (TFLM reference_ops::Mean: float sums accumulated in the output in input order,
 * then divided by the element count as a float). */
#include "tinyml/kernels/mean.h"

tm_status tm_mean_f32(const tm_mean_f32_params *p, const float *input, float *output) {
  const int32_t *n = p->in_dims, *s = p->out_strides;
  int32_t i0, i1, i2, i3, i4, k, d, reach = 0;
  float count;
  if (p->out_size < 1 || p->count < 1) return TM_BAD_PARAM;
  for (d = 0; d < 5; ++d) {
    if (n[d] < 1 || s[d] < 0) return TM_BAD_PARAM;
    reach += (n[d] - 1) * s[d];
  }
  if (reach >= p->out_size) return TM_BAD_PARAM;
  count = (float)p->count;
  for (k = 0; k < p->out_size; ++k) output[k] = 0.0f;
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          const int32_t base = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4) output[base + i4 * s[4]] += *input++;
        }
      }
    }
  }
  for (k = 0; k < p->out_size; ++k) output[k] = output[k] / count;
  return TM_OK;
}

tm_status tm_eval_mean_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_mean_f32((const tm_mean_f32_params *)params, (const float *)in[0], (float *)out[0]);
}

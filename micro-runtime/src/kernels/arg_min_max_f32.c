/* ARG_MAX and ARG_MIN, float input (TFLM reference_ops::ArgMinMax: the first value along the axis
 * is the candidate; a later one replaces it only when strictly greater (less)). */
#include "tinyml/kernels/arg_min_max.h"

static tm_status tm_arg_f32(const void *params, const void *const *in, void *const *out, int is_max) {
  const tm_arg_min_max_params *p = (const tm_arg_min_max_params *)params;
  const float *input;
  int32_t *output;
  int32_t o, j, i;
  if (p == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->outer < 1 || p->axis_size < 1 || p->inner < 1) return TM_BAD_PARAM;
  input = (const float *)in[0];
  output = (int32_t *)out[0];
  for (o = 0; o < p->outer; ++o) {
    for (j = 0; j < p->inner; ++j) {
      const float *v = input + o * p->axis_size * p->inner + j;
      float best = v[0];
      int32_t index = 0;
      for (i = 1; i < p->axis_size; ++i) {
        const float c = v[i * p->inner];
        if (is_max ? c > best : c < best) {
          best = c;
          index = i;
        }
      }
      output[o * p->inner + j] = index;
    }
  }
  return TM_OK;
}

tm_status tm_eval_arg_max_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_arg_f32(params, in, out, 1);
}

tm_status tm_eval_arg_min_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_arg_f32(params, in, out, 0);
}

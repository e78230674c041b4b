/* MEAN (and SUM) int16: TFLM reference_ops::QuantizedMeanOrSum<int16_t, int32_t>, the int8
 * kernel's arithmetic on int16 values (int32 sums in input order, minus input zero point * count,
 * MultiplyByQuantizedMultiplier, plus the output zero point, clamped to int16). */
#include "tinyml/kernels/mean.h"
#include "tinyml/quant.h"

static int tm_mean_s16_check(const int32_t *in_dims, const int32_t *out_strides, int32_t out_size, int32_t count) {
  int32_t d, reach = 0;
  if (out_size < 1 || count < 1) return 0;
  for (d = 0; d < 5; ++d) {
    if (in_dims[d] < 1 || out_strides[d] < 0) return 0;
    reach += (in_dims[d] - 1) * out_strides[d];
  }
  return reach < out_size;
}

tm_status tm_eval_mean_s16(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_mean_s8_params *p = (const tm_mean_s8_params *)params;
  const int16_t *input;
  int16_t *output;
  int32_t *sums = (int32_t *)scratch;
  int32_t i0, i1, i2, i3, i4, k;
  const int32_t *n, *s;
  if (p == NULL || in[0] == NULL || out[0] == NULL || sums == NULL) return TM_BAD_PARAM;
  n = p->in_dims;
  s = p->out_strides;
  if (!tm_mean_s16_check(n, s, p->out_size, p->count) || p->multiplier < 0 || p->shift > 31 || p->shift < -31) {
    return TM_BAD_PARAM;
  }
  input = (const int16_t *)in[0];
  output = (int16_t *)out[0];
  for (k = 0; k < p->out_size; ++k) sums[k] = 0;
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          const int32_t base = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4) {
            int32_t *acc = &sums[base + i4 * s[4]];
            *acc = (int32_t)((uint32_t)*acc + (uint32_t)(int32_t)*input++);
          }
        }
      }
    }
  }
  for (k = 0; k < p->out_size; ++k) {
    const int64_t shifted64 = (int64_t)sums[k] - (int64_t)p->input_zero_point * (int64_t)p->count;
    const int32_t shifted = (int32_t)(uint32_t)(uint64_t)shifted64;
    const int32_t v = tm_multiply_by_quantized_multiplier(shifted, p->multiplier, p->shift) + p->output_zero_point;
    output[k] = (int16_t)tm_clamp_i32(v, -32768, 32767);
  }
  return TM_OK;
}

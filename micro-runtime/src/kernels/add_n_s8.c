/* ADD_N, int8 (TFLM reference_ops::AddN with ArithmeticParams): every input shares one scale and
 * zero point; each is offset, shifted left by 20 and rescaled by the input multiplier (the sum
 * starting from the rescaled zero offset), then the sum is requantized to the output. */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

static int32_t rescale(int32_t x, int32_t multiplier, int32_t shift) {
  return tm_rounding_divide_by_pot(tm_sat_rounding_doubling_high_mul(x, multiplier), -shift);
}

tm_status tm_eval_add_n_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_add_n_s8_params *p = (const tm_add_n_s8_params *)params;
  int8_t *y;
  int32_t i, j;
  (void)scratch;
  if (params == NULL || out[0] == NULL || p->size < 0 || p->n_inputs < 1 || p->left_shift < 0 ||
      p->left_shift > 24 || p->input_shift > 0 || p->input_shift < -31 || p->output_shift > 0 ||
      p->output_shift < -31 || p->act_min > p->act_max) {
    return TM_BAD_PARAM;
  }
  for (j = 0; j < p->n_inputs; ++j) {
    if (in[j] == NULL) return TM_BAD_PARAM;
  }
  y = (int8_t *)out[0];
  for (i = 0; i < p->size; ++i) {
    int32_t sum = rescale(p->input_offset * (1 << p->left_shift), p->input_multiplier, p->input_shift);
    int32_t r;
    for (j = 0; j < p->n_inputs; ++j) {
      const int32_t v = p->input_offset + ((const int8_t *)in[j])[i];
      sum = (int32_t)((uint32_t)sum + (uint32_t)rescale(v * (1 << p->left_shift), p->input_multiplier, p->input_shift));
    }
    r = rescale(sum, p->output_multiplier, p->output_shift) + p->output_offset;
    y[i] = (int8_t)tm_clamp_i32(r, p->act_min, p->act_max);
  }
  return TM_OK;
}

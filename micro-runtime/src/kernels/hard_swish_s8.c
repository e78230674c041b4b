/* HARD_SWISH int8 (TFLM reference_ops::HardSwish<int8_t> arithmetic, in int16 fixed point: the
 * input on a 2^7-finer scale, a "relu-ish" factor in [0, 1] from rescaling [-3, 3], multiplied
 * with the input on the pre-shift output scale, then the output shift and zero point). */
#include "tinyml/kernels/activations.h"
#include "tinyml/fixedpoint_misc.h"

tm_status tm_hard_swish_s8(const tm_hard_swish_s8_params *p, const int8_t *input, int8_t *output) {
  const int16_t out_mul = (int16_t)p->output_multiplier_fixedpoint_int16;
  const int16_t reluish_mul = (int16_t)p->reluish_multiplier_fixedpoint_int16;
  const int reluish_exp = (int)p->reluish_multiplier_exponent;
  int32_t i;
  if (p->size < 0 || p->output_multiplier_exponent > 0 || p->output_multiplier_exponent < -31 ||
      p->reluish_multiplier_exponent > 31 || p->reluish_multiplier_exponent < -31 ||
      p->output_multiplier_fixedpoint_int16 < 0 || p->output_multiplier_fixedpoint_int16 > INT16_MAX ||
      p->reluish_multiplier_fixedpoint_int16 < 0 || p->reluish_multiplier_fixedpoint_int16 > INT16_MAX ||
      p->input_zero_point < -128 || p->input_zero_point > 127) {
    return TM_BAD_PARAM;
  }
  for (i = 0; i < p->size; ++i) {
    const int16_t x = (int16_t)((int32_t)input[i] - p->input_zero_point);
    const int16_t x_hires = (int16_t)(x * (1 << 7));
    const int16_t x_preshift_out = tm_fp_srdhm16(x_hires, out_mul);
    int16_t reluish = x_hires;
    int16_t y;
    if (reluish_exp > 0) reluish = tm_fp_sat_shl16(reluish, reluish_exp - 1);
    reluish = tm_fp_srdhm16(reluish, reluish_mul);
    if (reluish_exp > 0) reluish = tm_fp_sat_shl16(reluish, 1);
    if (reluish_exp < 0) reluish = tm_fp_rdbpot16(reluish, -reluish_exp);
    /* [-1, 1] -> [0, 1] */
    reluish = (int16_t)(((int32_t)reluish + (1 << 15)) >> 1);
    y = tm_fp_sdhm16(reluish, x_preshift_out);
    y = tm_fp_rdbpot16(y, -p->output_multiplier_exponent);
    y = tm_fp_wrap16((int32_t)y + p->output_zero_point);
    output[i] = (int8_t)(y > 127 ? 127 : (y < -128 ? -128 : y));
  }
  return TM_OK;
}

tm_status tm_eval_hard_swish_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_hard_swish_s8((const tm_hard_swish_s8_params *)params, (const int8_t *)in[0], (int8_t *)out[0]);
}

/* LOGISTIC int8 (TFLM reference_integer_ops::Logistic arithmetic: saturate outside the input
 * radius, else rescale to Q4.27, gemmlowp fixed-point logistic, round to Q0.8 with zero point -128). */
#include "tinyml/kernels/activations.h"
#include "tinyml/fixedpoint_misc.h"

tm_status tm_logistic_s8(const tm_logistic_s8_params *p, const int8_t *input, int8_t *output) {
  int32_t i;
  if (p->size < 0 || p->input_range_radius < 0 || p->input_multiplier < 0 ||
      p->input_left_shift > 31 || p->input_left_shift < -31) {
    return TM_BAD_PARAM;
  }
  for (i = 0; i < p->size; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    int32_t y;
    if (x <= -p->input_range_radius) {
      y = -128;
    } else if (x >= p->input_range_radius) {
      y = 127;
    } else {
      const int32_t x_q4 = tm_multiply_by_quantized_multiplier(x, p->input_multiplier, p->input_left_shift);
      const int32_t y_q0 = tm_fp_logistic_q4(x_q4);
      y = tm_clamp_i32(tm_rounding_divide_by_pot(y_q0, 31 - 8) - 128, -128, 127);
    }
    output[i] = (int8_t)y;
  }
  return TM_OK;
}

tm_status tm_eval_logistic_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_logistic_s8((const tm_logistic_s8_params *)params, (const int8_t *)in[0], (int8_t *)out[0]);
}

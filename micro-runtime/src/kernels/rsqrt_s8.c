/* RSQRT, int8 (TFLM RsqrtEvalQuantized): value = x - input zero point; 0 gives 127; otherwise
 * 1/sqrt(value) from GetInvSqrtQuantizedMultiplierExp (a fixed-point Newton-Raphson iteration),
 * applied to 1 << 20, then requantized by QuantizeMultiplier(1 / (sqrt(s_in) * s_out)) and
 * shifted back by 20. A negative value is an error, as in TFLM. */
#include "tinyml/fixedpoint_misc.h"
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

static int clz32(uint32_t x) {
  int n = 0;
  if (x == 0) return 32;
  while (!(x & 0x80000000u)) {
    x <<= 1;
    ++n;
  }
  return n;
}

/* TFLM GetInvSqrtQuantizedMultiplierExp(input, kReverseShift, ...): input > 1. */
static void inv_sqrt(int32_t input, int32_t *inv, int *shift) {
  int32_t x, half_input;
  int out_shift = 11, i;
  unsigned pairs;
  const int32_t half_three = (1 << 28) + (1 << 27); /* 1.5 in Q3.28 */
  if (input <= 1) {
    *inv = INT32_MAX;
    *shift = 0;
    return;
  }
  while (input >= (1 << 29)) {
    input /= 4;
    ++out_shift;
  }
  pairs = (unsigned)(clz32((uint32_t)input) - 1) / 2 - 1;
  out_shift -= (int)pairs;
  input <<= 2 * pairs;
  half_input = tm_rounding_divide_by_pot(input >> 1, 1);
  x = 1 << 28; /* F3::One() */
  for (i = 0; i < 5; ++i) {
    const int32_t x3 = tm_fp_sat_shl(
        tm_sat_rounding_doubling_high_mul(tm_sat_rounding_doubling_high_mul(x, x), x), 6);
    x = tm_fp_sat_shl(tm_fp_sub(tm_sat_rounding_doubling_high_mul(half_three, x),
                                tm_sat_rounding_doubling_high_mul(half_input, x3)), 3);
  }
  x = tm_sat_rounding_doubling_high_mul(x, 1518500250); /* times sqrt(2)/2 in Q0.31 */
  if (out_shift < 0) {
    x = (int32_t)((uint32_t)x << -out_shift);
    out_shift = 0;
  }
  *inv = x;
  *shift = -out_shift;
}

tm_status tm_eval_rsqrt_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_rsqrt_s8_params *p = (const tm_rsqrt_s8_params *)params;
  const int32_t k_shift = 20;
  const int8_t *x;
  int8_t *y;
  int32_t i;
  (void)scratch;
  if (!TM_UNARY_ARGS_OK(params, in, out) || p->size < 0 || p->shift > 31 || p->shift < -31 + k_shift) {
    return TM_BAD_PARAM;
  }
  x = (const int8_t *)in[0];
  y = (int8_t *)out[0];
  for (i = 0; i < p->size; ++i) {
    const int32_t value = (int32_t)x[i] - p->input_offset;
    int32_t inv, data, r;
    int inv_shift;
    if (value < 0) return TM_ERROR; /* TFLM: "Rsqrt is only defined for positive values" */
    if (value == 0) {
      y[i] = INT8_MAX;
      continue;
    }
    inv_sqrt(value, &inv, &inv_shift);
    data = tm_multiply_by_quantized_multiplier(1, inv, inv_shift + k_shift);
    r = tm_multiply_by_quantized_multiplier(data, p->multiplier, p->shift - k_shift) + p->output_offset;
    y[i] = (int8_t)tm_clamp_i32(r, INT8_MIN, INT8_MAX);
  }
  return TM_OK;
}

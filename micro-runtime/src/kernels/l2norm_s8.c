/* L2_NORMALIZATION int8 (TFLM reference_integer_ops::L2Normalization and
 * GetInvSqrtQuantizedMultiplierExp with reverse shift -1, gemmlowp fixed point bit for bit). */
#include "tinyml/kernels/l2norm.h"
#include "tinyml/fixedpoint_compute.h"

/* 1 / sqrt(input) as a multiplier and a right shift (TFLM GetInvSqrtQuantizedMultiplierExp). */
static void tm_inv_sqrt(int32_t input, int32_t *multiplier, int *right_shift) {
  const int32_t half_three = (1 << 28) + (1 << 27); /* 1.5 in Q3 */
  int32_t x = 1 << 28;                                /* 1.0 in Q3 */
  int32_t half_input;
  int shift = 11, pairs, i;
  if (input <= 1) {
    *multiplier = INT32_MAX;
    *right_shift = 0;
    return;
  }
  while (input >= (1 << 29)) {
    input /= 4;
    ++shift;
  }
  pairs = (tm_fp_clz32((uint32_t)input) - 1) / 2 - 1;
  shift -= pairs;
  input = (int32_t)((uint32_t)input << (2 * pairs));
  half_input = tm_rounding_divide_by_pot(input >> 1, 1);
  for (i = 0; i < 5; ++i) {
    const int32_t x3 = tm_fp_saturating_shl(tm_fp_mul(tm_fp_mul(x, x), x), 6);
    x = tm_fp_saturating_shl(tm_fp_sub(tm_fp_mul(half_three, x), tm_fp_mul(half_input, x3)), 3);
  }
  x = tm_fp_mul(x, 1518500250); /* sqrt(2) / 2 in Q0 */
  if (shift < 0) {
    x = (int32_t)((uint32_t)x << -shift);
    shift = 0;
  }
  *multiplier = x;
  *right_shift = shift;
}

tm_status tm_eval_l2norm_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_l2norm_params *p = (const tm_l2norm_params *)params;
  const int8_t *input;
  int8_t *output;
  int32_t o, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->outer_size < 1 || p->depth < 1 || p->depth > 32768) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  for (o = 0; o < p->outer_size; ++o) {
    const int8_t *row = input + o * p->depth;
    int32_t acc = 0, multiplier;
    int right_shift;
    for (c = 0; c < p->depth; ++c) {
      const int32_t v = row[c] - p->input_zero_point;
      acc += v * v;
    }
    tm_inv_sqrt(acc, &multiplier, &right_shift);
    for (c = 0; c < p->depth; ++c) {
      const int32_t v = row[c] - p->input_zero_point;
      const int32_t r = tm_multiply_by_quantized_multiplier(v, multiplier, -right_shift + 7);
      *output++ = (int8_t)tm_clamp_i32(r, -128, 127);
    }
  }
  return TM_OK;
}

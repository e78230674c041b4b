/* LOG_SOFTMAX int8 (TFLM reference_ops::LogSoftmaxQuantized with gemmlowp's fixed point and
 * TFLM's log_x_for_x_greater_than_or_equal_to_1_impl, bit for bit). */
#include "tinyml/kernels/log_softmax.h"
#include "tinyml/fixedpoint_compute.h"

/* gemmlowp SaturatingRoundingMultiplyByPOT for a non-negative exponent (TFLM's ...Param). */
static int32_t tm_sat_pot(int32_t x, int exponent) {
  return exponent == 0 ? x : tm_fp_saturating_shl(x, exponent);
}

static int32_t tm_sat_add(int32_t a, int32_t b) {
  const int64_t s = (int64_t)a + b;
  return s > INT32_MAX ? INT32_MAX : s < INT32_MIN ? INT32_MIN : (int32_t)s;
}

static int32_t tm_sat_sub(int32_t a, int32_t b) {
  const int64_t s = (int64_t)a - b;
  return s > INT32_MAX ? INT32_MAX : s < INT32_MIN ? INT32_MIN : (int32_t)s;
}

/* log(x) for x >= 1: x in Q12 (the sum of exps), result in Q5. */
static int32_t tm_log_q12_to_q5(int32_t z_a) {
  const int in_bits = 12, accum_bits = 6; /* output integer bits 5, plus one */
  const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250;
  const int32_t alpha_n = 117049297, alpha_d = 127690142, alpha_i = 1057819769, alpha_f = 638450708;
  const int32_t shifted_quarter = tm_rounding_divide_by_pot(536870912, accum_bits);
  const int z_a_headroom_plus_1 = tm_fp_clz32((uint32_t)z_a);
  const int32_t r_a_tmp = tm_sat_pot(z_a, z_a_headroom_plus_1 - 1);
  const int32_t r_a_raw = tm_sat_pot(tm_fp_mul(r_a_tmp, sqrt_half), 1);
  const int32_t z_a_pow_2_adj = tm_sat_add(tm_sat_pot(in_bits - z_a_headroom_plus_1, 31 - accum_bits), shifted_quarter);
  const int32_t z_b = tm_fp_mul(z_a, sqrt_half);
  const int z_b_headroom = tm_fp_clz32((uint32_t)z_b) - 1;
  const int32_t r_b_raw = tm_sat_pot(z_a, z_b_headroom);
  const int32_t z_b_pow_2_adj = tm_sat_sub(tm_sat_pot(in_bits - z_b_headroom, 31 - accum_bits), shifted_quarter);
  const int32_t r = r_a_raw < r_b_raw ? r_a_raw : r_b_raw;
  const int32_t z_pow_2_adj = z_a_pow_2_adj > z_b_pow_2_adj ? z_a_pow_2_adj : z_b_pow_2_adj;
  const int32_t p = tm_fp_rounding_half_sum(r, sqrt_sqrt_half);
  int32_t q = tm_fp_sub(r, sqrt_sqrt_half);
  int32_t common_sq, num, denom_minus_one, recip_denom, num_scaled;
  q = tm_fp_add(q, q);
  common_sq = tm_fp_mul(q, q);
  num = tm_fp_add(tm_fp_mul(q, r), tm_fp_mul(tm_fp_mul(q, common_sq), alpha_n));
  denom_minus_one = tm_fp_add(tm_fp_mul(p, tm_fp_add(tm_fp_add(alpha_i, q), tm_fp_mul(alpha_d, common_sq))),
                              tm_fp_mul(alpha_f, q));
  recip_denom = tm_fp_one_over_one_plus_x(denom_minus_one);
  num_scaled = tm_rounding_divide_by_pot(num, accum_bits);
  return tm_sat_pot(tm_fp_add(tm_fp_mul(z_pow_2_adj, log_2), tm_fp_mul(num_scaled, recip_denom)), 1);
}

tm_status tm_eval_log_softmax_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_log_softmax_params *p = (const tm_log_softmax_params *)params;
  const int8_t *input;
  int8_t *output;
  int32_t o, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->outer_size < 1 || p->depth < 1 || p->depth > 4096) return TM_BAD_PARAM;
  if (p->input_left_shift < 0 || p->input_left_shift > 31 || p->reverse_scaling_right_shift < 0 ||
      p->reverse_scaling_right_shift > 31) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  for (o = 0; o < p->outer_size; ++o) {
    const int8_t *row = input + o * p->depth;
    int32_t max = -128, sum = 0, log_sum, adjusted_diff_min, limit;
    for (c = 0; c < p->depth; ++c) if (row[c] > max) max = row[c];
    for (c = 0; c < p->depth; ++c) {
      const int32_t diff = row[c] - max;
      if (diff >= p->diff_min) {
        const int32_t q5 = tm_multiply_by_quantized_multiplier(diff, p->input_multiplier, p->input_left_shift);
        sum = tm_fp_add(sum, tm_rounding_divide_by_pot(tm_fp_exp_on_negative_values(q5, 5), 12));
      }
    }
    log_sum = tm_log_q12_to_q5(sum);
    limit = tm_multiply_by_quantized_multiplier(tm_fp_add(log_sum, INT32_MIN), p->reverse_scaling_divisor,
                                                -p->reverse_scaling_right_shift);
    adjusted_diff_min = p->diff_min - 1 > limit ? p->diff_min - 1 : limit;
    for (c = 0; c < p->depth; ++c) {
      const int32_t diff = row[c] - max;
      if (diff > adjusted_diff_min) {
        const int32_t q5 = tm_multiply_by_quantized_multiplier(diff, p->input_multiplier, p->input_left_shift);
        const int32_t v = tm_rounding_divide_by_pot(tm_fp_sub(q5, log_sum), 31 - 5 - 4) + 127;
        *output++ = (int8_t)tm_clamp_i32(v, -128, 127);
      } else {
        *output++ = -128;
      }
    }
  }
  return TM_OK;
}

/*
 * Fixed-point primitives for the int8 LOGISTIC, TANH and HARD_SWISH kernels. These reproduce the
 * gemmlowp-style arithmetic that TensorFlow Lite Micro uses (tensorflow/lite/micro/kernels/
 * internal/fixedpoint.h and reference/hard_swish.h) bit for bit, written as plain C99 on raw
 * integers: a value "in Qm" is a raw int32 with m integer bits and 31 - m fractional bits.
 *
 * Everything here is integer-only and free of signed overflow (saturating or 64-bit
 * intermediates where TFLM's code could overflow).
 */
#ifndef TINYML_FIXEDPOINT_MISC_H
#define TINYML_FIXEDPOINT_MISC_H

#include <stdint.h>

#include "tinyml/quant.h"

/* ---- 32-bit primitives ------------------------------------------------------------------- */

/* x * 2^exponent for exponent >= 0, saturating to the int32 range (SaturatingRoundingMultiplyByPOT
 * with a positive exponent). */
static inline int32_t tm_fp_sat_shl(int32_t x, int exponent) {
  const int64_t threshold = ((int64_t)1 << (31 - exponent)) - 1;
  if (exponent <= 0) return x;
  if ((int64_t)x > threshold) return INT32_MAX;
  if ((int64_t)x < -threshold) return INT32_MIN;
  return (int32_t)((int64_t)x * ((int64_t)1 << exponent));
}

/* Raw int32 addition/subtraction with two's-complement wrap (TFLM adds raw values without a
 * check; in the paths used here the results stay in range, this only avoids C undefined behavior). */
static inline int32_t tm_fp_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t tm_fp_sub(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* (a + b) / 2 rounded away from zero, computed in 64 bits (RoundingHalfSum). */
static inline int32_t tm_fp_rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return (int32_t)((sum + sign) / 2);
}

/* exp(a) for a in [-1/4, 0), a and the result in Q0. */
static inline int32_t tm_fp_exp_on_interval_neg_quarter_to_0(int32_t a) {
  const int32_t constant_term = 1895147668;   /* exp(-1/8) in Q0 */
  const int32_t constant_1_over_3 = 715827883; /* 1/3 in Q0 */
  const int32_t x = tm_fp_add(a, (int32_t)1 << 28); /* a + 1/8 */
  const int32_t x2 = tm_sat_rounding_doubling_high_mul(x, x);
  const int32_t x3 = tm_sat_rounding_doubling_high_mul(x2, x);
  const int32_t x4 = tm_sat_rounding_doubling_high_mul(x2, x2);
  const int32_t x4_over_4 = tm_rounding_divide_by_pot(x4, 2);
  const int32_t poly = tm_rounding_divide_by_pot(
      tm_fp_add(tm_sat_rounding_doubling_high_mul(tm_fp_add(x4_over_4, x3), constant_1_over_3), x2), 1);
  return tm_fp_add(constant_term, tm_sat_rounding_doubling_high_mul(constant_term, tm_fp_add(x, poly)));
}

/* exp(a) for a <= 0, a in Q(integer_bits) (1 <= integer_bits <= 5), result in Q0. */
static inline int32_t tm_fp_exp_on_negative_values(int32_t a, int integer_bits) {
  /* Barrel-shifter multipliers exp(-2^k) in Q0 for k = -2 .. 4. */
  static const int32_t k_mul[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = tm_fp_sub(a & mask, one_quarter);
  int32_t result = tm_fp_exp_on_interval_neg_quarter_to_0(
      tm_fp_sat_shl(a_mod_quarter_minus_one_quarter, integer_bits));
  const int32_t remainder = tm_fp_sub(a_mod_quarter_minus_one_quarter, a);
  int k;
  for (k = -2; k <= 4; ++k) {
    if (integer_bits > k) {
      const int shift_amount = fractional_bits + k;
      if (remainder & ((int32_t)1 << shift_amount)) {
        result = tm_sat_rounding_doubling_high_mul(result, k_mul[k + 2]);
      }
    }
  }
  /* (integer_bits > 5 would clamp below -32; not reachable for integer_bits <= 5.) */
  if (a == 0) result = INT32_MAX; /* One() in Q0 */
  return result;
}

/* Newton-Raphson iteration shared by 1/(1+x) and (1-x)/(1+x), x in (0,1) in Q0; returns the
 * reciprocal estimate of (1+x)/2 in Q2. */
static inline int32_t tm_fp_newton_reciprocal_half_denominator(int32_t a) {
  const int32_t half_denominator = tm_fp_rounding_half_sum(a, INT32_MAX);
  const int32_t constant_48_over_17 = 1515870810;   /* Q2 */
  const int32_t constant_neg_32_over_17 = -1010580540; /* Q2 */
  const int32_t one_q2 = (int32_t)1 << 29;
  int32_t x = tm_fp_add(constant_48_over_17,
                        tm_sat_rounding_doubling_high_mul(half_denominator, constant_neg_32_over_17));
  int i;
  for (i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = tm_sat_rounding_doubling_high_mul(half_denominator, x);
    const int32_t one_minus = tm_fp_sub(one_q2, half_denominator_times_x);
    x = tm_fp_add(x, tm_fp_sat_shl(tm_sat_rounding_doubling_high_mul(x, one_minus), 2));
  }
  return x;
}

/* 1 / (1 + a) for a in (0, 1], Q0 in and out (one_over_one_plus_x_for_x_in_0_1). */
static inline int32_t tm_fp_one_over_one_plus_x(int32_t a) {
  return tm_fp_sat_shl(tm_fp_newton_reciprocal_half_denominator(a), 1);
}

/* (1 - a) / (1 + a) for a in (0, 1], Q0 in and out (one_minus_x_over_one_plus_x_for_x_in_0_1). */
static inline int32_t tm_fp_one_minus_x_over_one_plus_x(int32_t a) {
  return tm_fp_sat_shl(tm_fp_sub(tm_fp_newton_reciprocal_half_denominator(a), (int32_t)1 << 29), 2);
}

/* logistic(a) with a in Q4, result in Q0 (gemmlowp logistic on FixedPoint<int32, 4>). */
static inline int32_t tm_fp_logistic_q4(int32_t a) {
  int32_t abs_a, pos;
  if (a == 0) return (int32_t)1 << 30; /* one half */
  abs_a = a > 0 ? a : -a;
  pos = tm_fp_one_over_one_plus_x(tm_fp_exp_on_negative_values(-abs_a, 4));
  return a > 0 ? pos : tm_fp_sub(INT32_MAX, pos);
}

/* tanh(a) with a in Q4, result in Q0 (gemmlowp tanh on FixedPoint<int32, 4>). */
static inline int32_t tm_fp_tanh_q4(int32_t a) {
  int32_t n, t;
  if (a == 0) return 0;
  n = a < 0 ? a : -a; /* -|a| */
  /* -tanh(n) for n < 0: (1 - e^(2n)) / (1 + e^(2n)); 2n is the same raw value read as Q5. */
  t = tm_fp_one_minus_x_over_one_plus_x(tm_fp_exp_on_negative_values(n, 5));
  return a < 0 ? -t : t;
}

/* ---- 16-bit primitives (HARD_SWISH) --------------------------------------------------------- */

static inline int16_t tm_fp_sat16(int32_t v) {
  return (int16_t)(v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
}

/* Wraps an int32 to int16 as a two's-complement truncation (what storing to int16_t does). */
static inline int16_t tm_fp_wrap16(int32_t v) {
  const int32_t low = (int32_t)((uint32_t)v & 0xFFFFu);
  return (int16_t)(low >= 32768 ? low - 65536 : low);
}

/* int16 SaturatingRoundingDoublingHighMul. */
static inline int16_t tm_fp_srdhm16(int16_t a, int16_t b) {
  const int32_t ab = (int32_t)a * (int32_t)b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  if (a == b && a == INT16_MIN) return INT16_MAX;
  return tm_fp_wrap16((ab + nudge) / (1 << 15));
}

/* int16 SaturatingDoublingHighMul: like the above but truncating toward zero. */
static inline int16_t tm_fp_sdhm16(int16_t a, int16_t b) {
  const int32_t ab = (int32_t)a * (int32_t)b;
  if (a == b && a == INT16_MIN) return INT16_MAX;
  return tm_fp_wrap16(ab / (1 << 15));
}

/* int16 RoundingDivideByPOT, with int16 intermediates as gemmlowp computes them. 0 <= exponent <= 31. */
static inline int16_t tm_fp_rdbpot16(int16_t x, int exponent) {
  const int16_t mask = tm_fp_wrap16((int32_t)(((int64_t)1 << exponent) - 1));
  const int16_t remainder = (int16_t)(x & mask);
  const int16_t threshold = tm_fp_wrap16((mask >> 1) + (x < 0 ? 1 : 0));
  return tm_fp_wrap16((x >> exponent) + (remainder > threshold ? 1 : 0));
}

/* value * 2^amount saturated to int16 (SaturatingLeftShift in reference/hard_swish.h). */
static inline int16_t tm_fp_sat_shl16(int16_t value, int amount) {
  if (amount <= 0) return value;
  if (amount >= 16) return value > 0 ? INT16_MAX : (value < 0 ? INT16_MIN : 0);
  return tm_fp_sat16((int32_t)value * (1 << amount));
}

#endif /* TINYML_FIXEDPOINT_MISC_H */

/*
 * Fixed-point primitives beyond quant.h, reproducing gemmlowp's fixedpoint.h scalar int32 code
 * (and TFLM's GetReciprocal) bit for bit. Used by the int8 SOFTMAX kernel.
 *
 * A value in "Qn" has n integer bits and 31 - n fractional bits in an int32. gemmlowp's plain
 * Add/Sub wrap on overflow in practice; here they wrap explicitly (through uint32) so that no
 * signed overflow occurs.
 */
#ifndef TINYML_FIXEDPOINT_COMPUTE_H
#define TINYML_FIXEDPOINT_COMPUTE_H

#include <stdint.h>

#include "tinyml/quant.h"

static inline int32_t tm_fp_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t tm_fp_sub(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* Fixed-point product: Qa * Qb -> Q(a+b) (SaturatingRoundingDoublingHighMul). */
static inline int32_t tm_fp_mul(int32_t a, int32_t b) {
  return tm_sat_rounding_doubling_high_mul(a, b);
}

/* x * 2^exponent for 0 < exponent < 31, saturating (gemmlowp SaturatingRoundingMultiplyByPOT with
 * a positive exponent). */
static inline int32_t tm_fp_saturating_shl(int32_t x, int exponent) {
  const int32_t threshold = (int32_t)((1L << (31 - exponent)) - 1);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return (int32_t)((uint32_t)x << exponent);
}

/* (a + b) / 2 rounded half away from zero (gemmlowp RoundingHalfSum). */
static inline int32_t tm_fp_rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return (int32_t)((sum + sign) / 2);
}

/* Leading zero bits of x; 32 for 0. */
static inline int tm_fp_clz32(uint32_t x) {
  int n = 0;
  if (x == 0) return 32;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
}

/* exp(a) for a in [-1/4, 0), Q0 in and out
 * (gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl). */
static inline int32_t tm_fp_exp_on_quarter_interval(int32_t a) {
  const int32_t constant_term = 1895147668;   /* exp(-1/8) */
  const int32_t constant_1_over_3 = 715827883; /* 1/3 */
  const int32_t x = tm_fp_add(a, 1 << 28);     /* a + 1/8 */
  const int32_t x2 = tm_fp_mul(x, x);
  const int32_t x3 = tm_fp_mul(x2, x);
  const int32_t x4 = tm_fp_mul(x2, x2);
  const int32_t x4_over_4 = tm_rounding_divide_by_pot(x4, 2);
  const int32_t poly = tm_rounding_divide_by_pot(
      tm_fp_add(tm_fp_mul(tm_fp_add(x4_over_4, x3), constant_1_over_3), x2), 1);
  return tm_fp_add(constant_term, tm_fp_mul(constant_term, tm_fp_add(x, poly)));
}

/* exp(a) for a <= 0 given in Q(integer_bits), 1 <= integer_bits <= 5; result in Q0
 * (gemmlowp exp_on_negative_values). */
static inline int32_t tm_fp_exp_on_negative_values(int32_t a, int integer_bits) {
  static const int32_t multipliers[7] = {
      1672461947, /* exp(-1/4) */
      1302514674, /* exp(-1/2) */
      790015084,  /* exp(-1) */
      290630308,  /* exp(-2) */
      39332535,   /* exp(-4) */
      720401,     /* exp(-8) */
      242         /* exp(-16) */
  };
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = tm_fp_sub(a & mask, one_quarter);
  int32_t result = tm_fp_exp_on_quarter_interval(
      tm_fp_saturating_shl(a_mod_quarter_minus_one_quarter, integer_bits));
  const int32_t remainder = tm_fp_sub(a_mod_quarter_minus_one_quarter, a);
  int exponent;
  for (exponent = -2; exponent <= 4; ++exponent) {
    if (integer_bits > exponent) {
      const int bit = fractional_bits + exponent;
      if ((uint32_t)remainder & ((uint32_t)1 << bit)) {
        result = tm_fp_mul(result, multipliers[exponent + 2]);
      }
    }
  }
  if (a == 0) result = INT32_MAX; /* exactly one */
  return result;
}

/* 1 / (1 + a) for a in [0, 1), Q0 in and out (gemmlowp one_over_one_plus_x_for_x_in_0_1). */
static inline int32_t tm_fp_one_over_one_plus_x(int32_t a) {
  const int32_t half_denominator = tm_fp_rounding_half_sum(a, INT32_MAX);
  const int32_t constant_48_over_17 = 1515870810;    /* Q2 */
  const int32_t constant_neg_32_over_17 = -1010580540; /* Q2 */
  const int32_t one_q2 = (int32_t)1 << 29; /* 1.0 in Q2 (29 fractional bits) */
  int32_t x = tm_fp_add(constant_48_over_17, tm_fp_mul(half_denominator, constant_neg_32_over_17));
  int i;
  for (i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = tm_fp_mul(half_denominator, x);
    const int32_t one_minus = tm_fp_sub(one_q2, half_denominator_times_x);
    x = tm_fp_add(x, tm_fp_saturating_shl(tm_fp_mul(x, one_minus), 2));
  }
  return tm_fp_saturating_shl(x, 1);
}

/* TFLM GetReciprocal: 1 / x for x > 0 in Q(x_integer_digits), as a Q0 value and the number of
 * bits it must still be shifted right. Returns 0 when x is not positive. */
static inline int tm_fp_reciprocal(int32_t x, int x_integer_digits, int32_t *reciprocal,
                                   int *num_bits_over_unit) {
  int headroom_plus_one;
  if (x <= 0) return 0;
  headroom_plus_one = tm_fp_clz32((uint32_t)x);
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  *reciprocal = tm_fp_one_over_one_plus_x(
      (int32_t)(((uint32_t)x << headroom_plus_one) - ((uint32_t)1 << 31)));
  return 1;
}

#endif /* TINYML_FIXEDPOINT_COMPUTE_H */

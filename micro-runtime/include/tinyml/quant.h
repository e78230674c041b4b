/*
 * Requantization shared by every int8 kernel. These reproduce TensorFlow Lite Micro's default
 * (double-rounding) arithmetic bit for bit: SaturatingRoundingDoublingHighMul followed by
 * RoundingDivideByPOT, with multipliers and shifts computed by the generator exactly as TFLM's
 * QuantizeMultiplier computes them.
 */
#ifndef TINYML_QUANT_H
#define TINYML_QUANT_H

#include <stdint.h>

/* (a * b * 2) >> 32, rounded to nearest, saturating the single overflow case. */
static inline int32_t tm_sat_rounding_doubling_high_mul(int32_t a, int32_t b) {
  const int64_t ab = (int64_t)a * (int64_t)b;
  const int64_t nudge = ab >= 0 ? (1LL << 30) : (1LL - (1LL << 30));
  if (a == b && a == INT32_MIN) return INT32_MAX;
  return (int32_t)((ab + nudge) / (1LL << 31));
}

/* x / 2^exponent, rounded to nearest with ties away from zero. 0 <= exponent <= 31. */
static inline int32_t tm_rounding_divide_by_pot(int32_t x, int exponent) {
  /* 32-bit arithmetic (exponent <= 31): no 64-bit shift helper call on cores like the M0+. */
  const int32_t mask = (int32_t)((UINT32_C(1) << exponent) - 1u);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * multiplier * 2^shift in fixed point (TFLM's MultiplyByQuantizedMultiplier). */
static inline int32_t tm_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  return tm_rounding_divide_by_pot(
      tm_sat_rounding_doubling_high_mul((int32_t)((uint32_t)x << left), multiplier), right);
}

/* TFLM's MultiplyByQuantizedMultiplier(int64_t x, ...) (double-rounding build), used by the int16
 * kernels with int64 accumulators: the multiplier reduced to 16 bits with rounding, then one
 * rounding right shift by 15 - shift (the caller keeps shift <= 14). */
static inline int32_t tm_multiply_by_quantized_multiplier_64(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t v = x * (int64_t)reduced + ((int64_t)1 << (total_shift - 1));
  return (int32_t)(v >> total_shift);
}

static inline int32_t tm_clamp_i32(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

static inline float tm_clamp_f32(float v, float lo, float hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

#endif /* TINYML_QUANT_H */

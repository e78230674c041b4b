/*
 * AVERAGE_POOL_2D, int8, for cores with the DSP extension (dsp.h). Drop-in for
 * tm_eval_avg_pool_s8 (same params), bit-identical to it.
 *
 * The window sums run in 16-bit lanes, eight (or four) channels at a time: SXTAB16 adds the
 * sign-extended bytes 0 and 2 (or, rotated, 1 and 3) of a 32-bit load to the two lanes of an
 * accumulator, so one tap of four channels costs a load and two instructions. A lane holds the
 * sum of at most 256 int8 values, which stays within [-32768, 32512]; longer windows are summed
 * in groups of whole rows of at most 256 taps, each group widened into 32-bit sums. The window's
 * width (at most filter_w) must be <= 256 (the generator keeps the reference kernel otherwise).
 * The division is the reference's: round half away from zero, by the count of taps inside the
 * image.
 */
#ifndef TINYML_KERNELS_DSP_POOLING_H
#define TINYML_KERNELS_DSP_POOLING_H

#include "tinyml/dsp.h"
#include "tinyml/kernels/pooling.h"

#if TM_DSP_NATIVE
/* (acc.lo + sext(x.byte0), acc.hi + sext(x.byte2)), lanes wrapping */
TM_DSP_INLINE uint32_t tm_sxtab16(uint32_t acc, uint32_t x) {
  uint32_t r;
  __asm__("sxtab16 %0, %1, %2" : "=r"(r) : "r"(acc), "r"(x));
  return r;
}
/* (acc.lo + sext(x.byte1), acc.hi + sext(x.byte3)) */
TM_DSP_INLINE uint32_t tm_sxtab16_ror8(uint32_t acc, uint32_t x) {
  uint32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(acc), "r"(x));
  return r;
}
#else
TM_DSP_INLINE uint32_t tm_sxtab16(uint32_t acc, uint32_t x) { return tm_sadd16(acc, tm_sxtb16(x)); }
TM_DSP_INLINE uint32_t tm_sxtab16_ror8(uint32_t acc, uint32_t x) {
  return tm_sadd16(acc, tm_sxtb16_ror8(x));
}
#endif

/* Largest window width the kernel sums (taps per lane group row). */
#define TM_DSP_POOL_MAX_COLS 256

tm_status tm_avg_pool_s8_dsp(const tm_pool_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_avg_pool_s8_dsp(const void *params, const void *const *in, void *const *out,
                                  void *scratch);

#endif

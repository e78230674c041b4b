/* DIV, int8 (TFLM reference_ops::DivElementwise / BroadcastDivSlowQuantized): the divisor's sign
 * moved to the dividend, a Q0 reciprocal of the divisor (GetReciprocal), the dividend scaled up by
 * its headroom and multiplied by it, then requantized with the output multiplier and the combined
 * shift. A zero divisor (after its zero point) is an error: TFLM's arithmetic is undefined there. */
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

/* CountLeadingSignBits of an int32 (gcc's __builtin_clrsb, 31 for 0). */
static int clrsb32(int32_t x) {
  return clz32((uint32_t)(x < 0 ? ~x : x)) - 1;
}

/*
 * RoundingDivideByPOT as TFLM's build runs it, also for exponents above 31 (small quotients with
 * a small output multiplier), where TFLM's C++ shifts by 32 or more: the mask is the low 32 bits of
 * 2^exponent - 1 and the shift count is taken modulo 32, as x86 does. That is what the host
 * tflite-micro computes (checked bit for bit); an Arm build of TFLM may differ there.
 */
static int32_t divide_by_pot(int32_t x, int exponent) {
  int32_t mask, remainder, threshold;
  if (exponent <= 31) return tm_rounding_divide_by_pot(x, exponent);
  mask = -1;
  remainder = x & mask;
  threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> (exponent & 31)) + (remainder > threshold ? 1 : 0);
}

tm_status tm_eval_div_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_div_s8_params *p = (const tm_div_s8_params *)params;
  const int8_t *a;
  const int8_t *b;
  int8_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->act_min > p->act_max ||
      p->output_shift > 31 || p->output_shift < -31) {
    return TM_BAD_PARAM;
  }
  a = (const int8_t *)in[0];
  b = (const int8_t *)in[1];
  y = (int8_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    int32_t num = p->input1_offset + a[o1];
    int32_t den = p->input2_offset + b[o2];
    int32_t inv, quotient, r;
    int headroom_plus_one, recip_shift, headroom, total_shift;
    if (den == 0) return TM_ERROR;
    if (den < 0) {
      num = -num;
      den = -den;
    }
    /* GetReciprocal(den, 31, &recip_shift) */
    headroom_plus_one = clz32((uint32_t)den);
    recip_shift = 31 - headroom_plus_one;
    inv = tm_fp_one_over_one_plus_x(
        (int32_t)(((uint32_t)den << headroom_plus_one) - ((uint32_t)1 << 31)));
    headroom = clrsb32(num);
    /* MultiplyByQuantizedMultiplierGreaterThanOne(num, inv, headroom) */
    quotient = tm_sat_rounding_doubling_high_mul((int32_t)((uint32_t)num << headroom), inv);
    total_shift = p->output_shift - recip_shift - headroom;
    if (total_shift > 0) return TM_ERROR; /* a left shift: outside TFLM's arithmetic */
    r = p->output_offset + divide_by_pot(tm_sat_rounding_doubling_high_mul(quotient, p->output_multiplier), -total_shift);
    y[i] = (int8_t)tm_clamp_i32(r, p->act_min, p->act_max);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

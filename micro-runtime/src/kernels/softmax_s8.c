/* SOFTMAX, int8 -> int8 reference kernel (TFLM reference_ops::Softmax quantized arithmetic:
 * gemmlowp exp_on_negative_values in Q5.26, sum in Q12.19, GetReciprocal). */
#include "tinyml/kernels/softmax.h"
#include "tinyml/fixedpoint_compute.h"
#include "tinyml/quant.h"

enum { TM_SOFTMAX_DIFF_BITS = 5, TM_SOFTMAX_ACCUM_BITS = 12 };

/* exp(beta * input_scale * diff) in Q0 for diff = x - max >= diff_min. */
static int32_t tm_softmax_exp(const tm_softmax_s8_params *p, int32_t diff) {
  /* MultiplyByQuantizedMultiplierGreaterThanOne */
  const int32_t rescaled = tm_sat_rounding_doubling_high_mul(
      (int32_t)((uint32_t)diff << p->input_left_shift), p->input_multiplier);
  return tm_fp_exp_on_negative_values(rescaled, TM_SOFTMAX_DIFF_BITS);
}

tm_status tm_softmax_s8(const tm_softmax_s8_params *p, const int8_t *input, int8_t *output) {
  int32_t i, c;
  if (p->outer_size < 0 || p->depth < 1 || p->input_left_shift < 0 || p->input_left_shift > 31 ||
      p->input_multiplier <= 0) {
    return TM_BAD_PARAM;
  }
  for (i = 0; i < p->outer_size; ++i) {
    const int8_t *in = input + (size_t)i * p->depth;
    int8_t *out = output + (size_t)i * p->depth;
    int32_t max_in_row = -128, sum_of_exps = 0, shifted_scale;
    int num_bits_over_unit, exponent;
    for (c = 0; c < p->depth; ++c) {
      if (in[c] > max_in_row) max_in_row = in[c];
    }
    for (c = 0; c < p->depth; ++c) {
      const int32_t diff = (int32_t)in[c] - max_in_row;
      if (diff >= p->diff_min) {
        /* Rescale<12> of a Q0 value: a rounding right shift by 12. */
        sum_of_exps = tm_fp_add(sum_of_exps, tm_rounding_divide_by_pot(tm_softmax_exp(p, diff),
                                                                       TM_SOFTMAX_ACCUM_BITS));
      }
    }
    if (!tm_fp_reciprocal(sum_of_exps, TM_SOFTMAX_ACCUM_BITS, &shifted_scale,
                          &num_bits_over_unit)) {
      return TM_ERROR;
    }
    exponent = num_bits_over_unit + 31 - 8;
    if (exponent < 0 || exponent > 31) return TM_ERROR; /* TFLM aborts here */
    for (c = 0; c < p->depth; ++c) {
      const int32_t diff = (int32_t)in[c] - max_in_row;
      if (diff >= p->diff_min) {
        const int32_t unsat = tm_rounding_divide_by_pot(
            tm_fp_mul(shifted_scale, tm_softmax_exp(p, diff)), exponent);
        out[c] = (int8_t)tm_clamp_i32(unsat - 128, -128, 127);
      } else {
        out[c] = -128;
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_softmax_s8(const void *params, const void *const *in, void *const *out,
                             void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_softmax_s8((const tm_softmax_s8_params *)params, (const int8_t *)in[0],
                       (int8_t *)out[0]);
}

/* Comparisons on int8 (TFLM ComparisonWithScaling): each input minus its zero point, shifted left by
 * left_shift, rescaled by its own multiplier (MultiplyByQuantizedMultiplierSmallerThanOneExp: the
 * shift is at most 0, checked at entry, so tm_multiply_by_quantized_multiplier computes exactly that),
 * then compared as int32. */
#include "tinyml/kernels/compare.h"

tm_status tm_eval_compare_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_compare_q_params *p = (const tm_compare_q_params *)params;
  const int8_t *a;
  const int8_t *b;
  uint8_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->op < TM_OP_EQUAL || p->op > TM_OP_LESS_EQUAL ||
      p->left_shift < 0 || p->left_shift > 16 || p->input1_shift > 0 || p->input1_shift < -31 ||
      p->input2_shift > 0 || p->input2_shift < -31) return TM_BAD_PARAM;
  a = (const int8_t *)in[0];
  b = (const int8_t *)in[1];
  y = (uint8_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    const int32_t u = tm_multiply_by_quantized_multiplier((p->input1_offset + a[o1]) * (1 << p->left_shift),
                                                            p->input1_multiplier, p->input1_shift);
    const int32_t v = tm_multiply_by_quantized_multiplier((p->input2_offset + b[o2]) * (1 << p->left_shift),
                                                            p->input2_multiplier, p->input2_shift);
    y[i] = (uint8_t)TM_COMPARE(p->op, u, v);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

/* PRELU, int16 with int8 alpha (TFLM reference_ops::BroadcastPrelu4DSlow): the offset input scaled
 * by output_multiplier_1 when >= 0, else its product with the offset alpha by output_multiplier_2. */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_prelu_s16(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_prelu_q_params *p = (const tm_prelu_q_params *)params;
  const int16_t *a;
  const int8_t *b;
  int16_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->output_shift_1 > 31 ||
      p->output_shift_1 < -31 || p->output_shift_2 > 31 || p->output_shift_2 < -31) return TM_BAD_PARAM;
  a = (const int16_t *)in[0];
  b = (const int8_t *)in[1];
  y = (int16_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    const int32_t x = p->input_offset + a[o1];
    const int32_t r = x >= 0
        ? tm_multiply_by_quantized_multiplier(x, p->output_multiplier_1, p->output_shift_1)
        : tm_multiply_by_quantized_multiplier(x * (p->alpha_offset + b[o2]), p->output_multiplier_2, p->output_shift_2);
    y[i] = (int16_t)tm_clamp_i32(r + p->output_offset, INT16_MIN, INT16_MAX);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

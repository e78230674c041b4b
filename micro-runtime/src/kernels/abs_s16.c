/* ABS, int16 (TFLM AbsEvalQuantized: |x - input zero point|, requantized with
 * MultiplyByQuantizedMultiplier when the input and output scales differ, plus the output zero
 * point, clamped to the type's range). */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_abs_s16(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_abs_q_params *p = (const tm_abs_q_params *)params;
  const int16_t *x;
  int16_t *y;
  int32_t i;
  (void)scratch;
  if (!TM_UNARY_ARGS_OK(params, in, out) || p->size < 0 || p->shift > 31 || p->shift < -31) return TM_BAD_PARAM;
  x = (const int16_t *)in[0];
  y = (int16_t *)out[0];
  for (i = 0; i < p->size; ++i) {
    const int32_t d = (int32_t)x[i] - p->input_offset;
    const int32_t v = d < 0 ? -d : d;
    const int32_t r = p->needs_rescale ? tm_multiply_by_quantized_multiplier(v, p->multiplier, p->shift) : v;
    y[i] = (int16_t)tm_clamp_i32(r + p->output_offset, INT16_MIN, INT16_MAX);
  }
  return TM_OK;
}

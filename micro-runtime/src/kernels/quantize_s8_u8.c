/* QUANTIZE int8 -> uint8 requantization (TFLM reference_ops::Requantize arithmetic:
 * MultiplyByQuantizedMultiplier of (input - input zero point), plus the output zero point, clamped). */
#include "tinyml/kernels/quantize.h"
#include "tinyml/quant.h"

tm_status tm_quantize_s8_u8(const tm_requantize_params *p, const int8_t *input, uint8_t *output) {
  int32_t i;
  if (p->size < 0 || p->multiplier < 0 || p->shift > 31 || p->shift < -31) return TM_BAD_PARAM;
  /* Element-wise and front to back: safe in place. */
  for (i = 0; i < p->size; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    const int32_t y = tm_multiply_by_quantized_multiplier(x, p->multiplier, p->shift) + p->output_zero_point;
    output[i] = (uint8_t)tm_clamp_i32(y, 0, 255);
  }
  return TM_OK;
}

tm_status tm_eval_quantize_s8_u8(const void *params, const void *const *in, void *const *out,
                                 void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_quantize_s8_u8((const tm_requantize_params *)params, (const int8_t *)in[0],
                           (uint8_t *)out[0]);
}

/* RELU int8 (TFLM ReluQuantized arithmetic: requantize input - input zero point to the output
 * scale with MultiplyByQuantizedMultiplier, add the output zero point, clamp to the activation range). */
#include "tinyml/kernels/activations.h"
#include "tinyml/quant.h"

tm_status tm_relu_s8(const tm_relu_s8_params *p, const int8_t *input, int8_t *output) {
  int32_t i;
  if (p->size < 0 || p->act_min > p->act_max || p->multiplier < 0 || p->shift > 31 || p->shift < -31) {
    return TM_BAD_PARAM;
  }
  for (i = 0; i < p->size; ++i) {
    const int32_t v = p->output_offset +
        tm_multiply_by_quantized_multiplier((int32_t)input[i] - p->input_offset, p->multiplier, p->shift);
    output[i] = (int8_t)tm_clamp_i32(v, p->act_min, p->act_max);
  }
  return TM_OK;
}

tm_status tm_eval_relu_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_relu_s8((const tm_relu_s8_params *)params, (const int8_t *)in[0], (int8_t *)out[0]);
}

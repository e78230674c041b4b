/* LEAKY_RELU int8 (TFLM reference_ops::QuantizeLeakyRelu arithmetic: identity multiplier for
 * x >= 0, the alpha multiplier (applied by magnitude, sign restored after) for x < 0). */
#include "tinyml/kernels/activations.h"
#include "tinyml/quant.h"

tm_status tm_leaky_relu_s8(const tm_leaky_relu_s8_params *p, const int8_t *input, int8_t *output) {
  const int alpha_negative = p->multiplier_alpha < 0;
  int32_t alpha_multiplier;
  int32_t i;
  if (p->size < 0 || p->multiplier_identity < 0 || p->multiplier_alpha == INT32_MIN ||
      p->shift_identity > 31 || p->shift_identity < -31 || p->shift_alpha > 31 || p->shift_alpha < -31) {
    return TM_BAD_PARAM;
  }
  alpha_multiplier = alpha_negative ? -p->multiplier_alpha : p->multiplier_alpha;
  for (i = 0; i < p->size; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    int32_t y = p->output_zero_point;
    if (x >= 0) {
      y += tm_multiply_by_quantized_multiplier(x, p->multiplier_identity, p->shift_identity);
    } else {
      const int32_t scaled = tm_multiply_by_quantized_multiplier(x, alpha_multiplier, p->shift_alpha);
      y += alpha_negative ? -scaled : scaled;
    }
    output[i] = (int8_t)tm_clamp_i32(y, -128, 127);
  }
  return TM_OK;
}

tm_status tm_eval_leaky_relu_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_leaky_relu_s8((const tm_leaky_relu_s8_params *)params, (const int8_t *)in[0], (int8_t *)out[0]);
}

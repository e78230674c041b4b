/* CUMSUM int8 (TFLM reference_ops::CumSum for int8, bit for bit; its int32 accumulator wraps on
 * overflow in practice, here explicitly). */
#include "tinyml/kernels/cumsum.h"
#include "tinyml/quant.h"

tm_status tm_eval_cumsum_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_cumsum_params *p = (const tm_cumsum_params *)params;
  const int8_t *input;
  int8_t *output;
  int32_t a, b, d;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->before < 1 || p->depth < 1 || p->after < 1) return TM_BAD_PARAM;
  if (p->left_shift < 0 || p->left_shift > 22 || p->input_shift > 0 || p->input_shift < -31 || p->output_shift > 0 ||
      p->output_shift < -31 || p->input_offset < -127 || p->input_offset > 128) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  for (a = 0; a < p->before; ++a) {
    for (b = 0; b < p->after; ++b) {
      int32_t acc = tm_multiply_by_quantized_multiplier(p->input_offset * (1 << p->left_shift), p->input_multiplier,
                                                        p->input_shift);
      for (d = 0; d < p->depth; ++d) {
        const int32_t k = p->reverse ? p->depth - 1 - d : d;
        const int32_t index = (a * p->depth + k) * p->after + b;
        const int32_t y = (p->input_offset + input[index]) * (1 << p->left_shift);
        const int32_t scaled = tm_multiply_by_quantized_multiplier(y, p->input_multiplier, p->input_shift);
        int32_t sum, v;
        if (p->exclusive) {
          sum = acc;
          acc = (int32_t)((uint32_t)acc + (uint32_t)scaled);
        } else {
          acc = (int32_t)((uint32_t)acc + (uint32_t)scaled);
          sum = acc;
        }
        v = tm_multiply_by_quantized_multiplier(sum, p->output_multiplier, p->output_shift) + p->output_offset;
        output[index] = (int8_t)tm_clamp_i32(v, -128, 127);
      }
    }
  }
  return TM_OK;
}

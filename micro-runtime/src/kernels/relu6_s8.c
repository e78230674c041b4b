/* RELU6 int8 (TFLM Relu6Quantized: clamp to [quantized 0, quantized 6] of the input's quantization). */
#include "tinyml/kernels/activations.h"

tm_status tm_relu6_s8(const tm_relu6_s8_params *p, const int8_t *input, int8_t *output) {
  int32_t i;
  if (p->size < 0 || p->lower < -128 || p->upper > 127 || p->lower > p->upper) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    const int32_t v = input[i];
    output[i] = (int8_t)(v > p->upper ? p->upper : (v < p->lower ? p->lower : v));
  }
  return TM_OK;
}

tm_status tm_eval_relu6_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_relu6_s8((const tm_relu6_s8_params *)params, (const int8_t *)in[0], (int8_t *)out[0]);
}

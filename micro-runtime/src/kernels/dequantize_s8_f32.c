/* DEQUANTIZE int8 -> float32 (TFLM reference_ops::Dequantize arithmetic: scale * (q - zero point)
 * in float). */
#include "tinyml/kernels/quantize.h"

tm_status tm_dequantize_s8_f32(const tm_dequantize_s8_f32_params *p, const int8_t *input,
                               float *output) {
  int32_t i;
  if (p->size < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->size; ++i) {
    output[i] = p->scale * (float)((int32_t)input[i] - p->zero_point);
  }
  return TM_OK;
}

tm_status tm_eval_dequantize_s8_f32(const void *params, const void *const *in, void *const *out,
                                    void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_dequantize_s8_f32((const tm_dequantize_s8_f32_params *)params, (const int8_t *)in[0],
                              (float *)out[0]);
}

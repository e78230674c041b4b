/*
 * QUANTIZE and DEQUANTIZE:
 *   float32 -> int8   (tm_quantize_f32_s8: TFLM AffineQuantize)
 *   int8/uint8 -> int8/uint8 requantization (tm_quantize_s8_s8, _u8_s8, _s8_u8: TFLM Requantize)
 *   int8 -> float32   (tm_dequantize_s8_f32: TFLM Dequantize)
 */
#ifndef TINYML_KERNELS_QUANTIZE_H
#define TINYML_KERNELS_QUANTIZE_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t size;        /* elements */
  float scale;         /* output scale */
  int32_t zero_point;  /* output zero point */
} tm_quantize_f32_s8_params;

/* Integer requantization: out = clamp(MBQM(in - input_zero_point, multiplier, shift) + output_zero_point). */
typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;  /* QuantizeMultiplier(input scale / output scale) */
  int32_t shift;
} tm_requantize_params;

typedef struct {
  int32_t size;
  float scale;         /* input scale */
  int32_t zero_point;  /* input zero point */
} tm_dequantize_s8_f32_params;

tm_status tm_quantize_f32_s8(const tm_quantize_f32_s8_params *p, const float *input, int8_t *output);
tm_status tm_eval_quantize_f32_s8(const void *params, const void *const *in, void *const *out,
                                  void *scratch);

tm_status tm_quantize_s8_s8(const tm_requantize_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_quantize_s8_s8(const void *params, const void *const *in, void *const *out,
                                 void *scratch);

tm_status tm_quantize_u8_s8(const tm_requantize_params *p, const uint8_t *input, int8_t *output);
tm_status tm_eval_quantize_u8_s8(const void *params, const void *const *in, void *const *out,
                                 void *scratch);

tm_status tm_quantize_s8_u8(const tm_requantize_params *p, const int8_t *input, uint8_t *output);
tm_status tm_eval_quantize_s8_u8(const void *params, const void *const *in, void *const *out,
                                 void *scratch);

tm_status tm_dequantize_s8_f32(const tm_dequantize_s8_f32_params *p, const int8_t *input,
                               float *output);
tm_status tm_eval_dequantize_s8_f32(const void *params, const void *const *in, void *const *out,
                                    void *scratch);

#endif

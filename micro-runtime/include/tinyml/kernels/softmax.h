/* SOFTMAX over the last dimension: int8 -> int8 (TFLM's gemmlowp fixed-point path) and float32. */
#ifndef TINYML_KERNELS_SOFTMAX_H
#define TINYML_KERNELS_SOFTMAX_H

#include "tinyml/tinyml.h"

/* The output is quantized with scale 1/256 and zero point -128 (TFLM requires it). */
typedef struct {
  int32_t outer_size;        /* rows */
  int32_t depth;             /* elements per row (the last dimension) */
  int32_t input_multiplier;  /* beta * input_scale * 2^26 as a Q31 multiplier ... */
  int32_t input_left_shift;  /* ... and its left shift (PreprocessSoftmaxScaling) */
  int32_t diff_min;          /* differences from the row maximum below this give 0 */
} tm_softmax_s8_params;

typedef struct {
  int32_t outer_size;
  int32_t depth;
  float beta;
} tm_softmax_f32_params;

tm_status tm_softmax_s8(const tm_softmax_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_softmax_s8(const void *params, const void *const *in, void *const *out,
                             void *scratch);

tm_status tm_softmax_f32(const tm_softmax_f32_params *p, const float *input, float *output);
tm_status tm_eval_softmax_f32(const void *params, const void *const *in, void *const *out,
                              void *scratch);

#endif

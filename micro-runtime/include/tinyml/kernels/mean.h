/*
 * MEAN over any set of axes (up to 5-D), int8, int16 and float32 (SUM int8/int16 runs the same
 * kernels with an unfolded multiplier). The input is walked in row-major
 * order and each element is added to its output slot (out_strides[d] is the output stride of
 * input dim d, 0 on reduced dims), which is the order TFLM's reference Reduce sums in.
 */
#ifndef TINYML_KERNELS_MEAN_H
#define TINYML_KERNELS_MEAN_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t in_dims[5];      /* input shape padded on the left with 1s */
  int32_t out_strides[5];  /* output stride per input dim; 0 on reduced dims */
  int32_t out_size;        /* output elements */
  int32_t count;           /* input elements averaged into each output */
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;      /* already folded with 1/count (TFLM QuantizedMeanOrSum) */
  int32_t shift;
} tm_mean_s8_params;

typedef struct {
  int32_t in_dims[5];
  int32_t out_strides[5];
  int32_t out_size;
  int32_t count;
} tm_mean_f32_params;

/* Scratch bytes of the int8 kernel: one int32 sum per output element. */
int32_t tm_mean_s8_scratch_size(int32_t out_size);

tm_status tm_mean_s8(const tm_mean_s8_params *p, const int8_t *input, int8_t *output, int32_t *sums);
tm_status tm_eval_mean_s8(const void *params, const void *const *in, void *const *out, void *scratch);
/* int16 (TFLM's QuantizedMeanOrSum<int16_t>): the same op data and int32 scratch, int16 values. */
tm_status tm_eval_mean_s16(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_mean_f32(const tm_mean_f32_params *p, const float *input, float *output);
tm_status tm_eval_mean_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

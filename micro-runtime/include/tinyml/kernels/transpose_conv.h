/*
 * TRANSPOSE_CONV (NHWC input, OHWI filter, NHWC output): int8 with per-channel requantization
 * and an int32 bias, int16 x int8 with an int64 (or int16) bias, and float32. The node's inputs
 * are TFLite's: in[0] the output shape (not read: the generator took the shape from the output
 * tensor), in[1] the filter, in[2] the input, in[3] the bias or NULL. TFLM's reference "scatter" order: every input element adds its product
 * with each filter tap into the output position it reaches (the int8 kernel into an int32
 * scratch of one accumulator per output element), then bias, requantization and activation.
 * win describes the geometry with the output as the window's input (TFLM computes the padding
 * with ComputePaddingHeightWidth over the output size): win.input_* are the op's input dims,
 * win.output_* its output dims, dilation 1.
 */
#ifndef TINYML_KERNELS_TRANSPOSE_CONV_H
#define TINYML_KERNELS_TRANSPOSE_CONV_H

#include "tinyml/tinyml.h"
#include "tinyml/kernels/window.h"

typedef struct {
  tm_window win;
  int32_t input_offset;      /* -input zero point */
  int32_t output_offset;     /* output zero point */
  const int32_t *multiplier; /* per output channel */
  const int32_t *shift;      /* per output channel (TFLM convention: > 0 is a left shift) */
  int32_t act_min;
  int32_t act_max;
  int32_t has_bias;          /* in[3] is read */
  int32_t scratch_bytes;     /* bytes at the scratch pointer (tm_transpose_conv_s8_scratch_bytes) */
} tm_transpose_conv_s8_params;

/* int16 x int8 (TFLM's 16x8 path): int64 accumulators and bias (an int16 bias is widened), no
 * input or output offset (TFLM adds none), TFLM's 64-bit MultiplyByQuantizedMultiplier. */
typedef struct {
  tm_window win;
  const int32_t *multiplier; /* per output channel */
  const int32_t *shift;      /* per output channel */
  int32_t act_min;
  int32_t act_max;
  int32_t bias_kind;         /* 0 none, 1 int16 (in[3]), 2 int64 (in[3]) */
  int32_t scratch_bytes;     /* bytes at the scratch pointer (tm_transpose_conv_s16_scratch_bytes) */
} tm_transpose_conv_s16_params;

typedef struct {
  tm_window win;
  float act_min;
  float act_max;
  int32_t has_bias;
} tm_transpose_conv_f32_params;

/* Scratch of the int8 kernel: one int32 accumulator per output element. */
int32_t tm_transpose_conv_s8_scratch_bytes(int32_t batches, int32_t output_h, int32_t output_w, int32_t output_c);

tm_status tm_transpose_conv_s8(const tm_transpose_conv_s8_params *p, const int8_t *input, const int8_t *filter,
                               const int32_t *bias, int8_t *output, int32_t *scratch);
tm_status tm_eval_transpose_conv_s8(const void *params, const void *const *in, void *const *out, void *scratch);

/* Scratch of the int16 kernel: one int64 accumulator per output element. */
int32_t tm_transpose_conv_s16_scratch_bytes(int32_t batches, int32_t output_h, int32_t output_w, int32_t output_c);
tm_status tm_eval_transpose_conv_s16(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_transpose_conv_f32(const tm_transpose_conv_f32_params *p, const float *input, const float *filter,
                                const float *bias, float *output);
tm_status tm_eval_transpose_conv_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

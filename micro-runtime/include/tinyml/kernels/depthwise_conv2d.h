/* DEPTHWISE_CONV_2D (NHWC input, [1,H,W,C*M] filter): int8 per-channel, and float32. */
#ifndef TINYML_KERNELS_DEPTHWISE_CONV2D_H
#define TINYML_KERNELS_DEPTHWISE_CONV2D_H

#include "tinyml/tinyml.h"
#include "tinyml/kernels/window.h"

/* win.output_c == win.input_c * depth_multiplier; output channel ic * depth_multiplier + m reads
 * input channel ic. */
typedef struct {
  tm_window win;
  int32_t depth_multiplier;
  int32_t input_offset;      /* -input zero point */
  int32_t output_offset;     /* output zero point */
  const int32_t *multiplier; /* per output channel */
  const int32_t *shift;      /* per output channel (> 0 is a left shift) */
  int32_t act_min;
  int32_t act_max;
  int32_t has_bias;          /* the op has a bias input (in[2]); else in[2] is not read */
  /* Per output channel: bias + input_offset * (sum of the channel's weights), exact, or NULL
   * (then input_offset stays in the inner loop everywhere). */
  const int32_t *bias_folded;
} tm_depthwise_conv2d_s8_params;

typedef struct {
  tm_window win;
  int32_t depth_multiplier;
  float act_min;
  float act_max;
  int32_t has_bias;
} tm_depthwise_conv2d_f32_params;

/* bias may be NULL. */
tm_status tm_depthwise_conv2d_s8(const tm_depthwise_conv2d_s8_params *p, const int8_t *input,
                                 const int8_t *filter, const int32_t *bias, int8_t *output);
tm_status tm_eval_depthwise_conv2d_s8(const void *params, const void *const *in,
                                      void *const *out, void *scratch);

tm_status tm_depthwise_conv2d_f32(const tm_depthwise_conv2d_f32_params *p, const float *input,
                                  const float *filter, const float *bias, float *output);
tm_status tm_eval_depthwise_conv2d_f32(const void *params, const void *const *in,
                                       void *const *out, void *scratch);

#endif

/* CONV_2D (NHWC input, OHWI filter): int8 with per-channel requantization, and float32. */
#ifndef TINYML_KERNELS_CONV2D_H
#define TINYML_KERNELS_CONV2D_H

#include "tinyml/tinyml.h"
#include "tinyml/kernels/window.h"

/* Input channels of one filter: win.input_c for a plain convolution, a divisor of it for a
 * grouped one (groups = input_c / filter_c; output_c must be a multiple of groups). */
typedef struct {
  tm_window win;
  int32_t filter_c;
  int32_t input_offset;      /* -input zero point */
  int32_t output_offset;     /* output zero point */
  const int32_t *multiplier; /* per output channel */
  const int32_t *shift;      /* per output channel (TFLM convention: > 0 is a left shift) */
  int32_t act_min;
  int32_t act_max;
  int32_t has_bias;          /* the op has a bias input (in[2]); else in[2] is not read */
  /* Per output channel: bias + input_offset * (sum of the channel's weights), exact, or NULL.
   * When set, the kernel takes its fast path and does not read in[2]. */
  const int32_t *bias_folded;
} tm_conv2d_s8_params;

typedef struct {
  tm_window win;
  int32_t filter_c;
  float act_min;
  float act_max;
  int32_t has_bias;
} tm_conv2d_f32_params;

/* Scratch bytes tm_conv2d_s8 uses for its fast path (0 for a 1x1 unpadded convolution). */
int32_t tm_conv2d_s8_scratch_size(const tm_window *win, int32_t filter_c);

/* bias may be NULL (it is not read when p->bias_folded is set). scratch holds
 * tm_conv2d_s8_scratch_size() bytes, or is NULL (then a slower loop runs). */
tm_status tm_conv2d_s8(const tm_conv2d_s8_params *p, const int8_t *input, const int8_t *filter,
                       const int32_t *bias, int8_t *output, void *scratch);
tm_status tm_eval_conv2d_s8(const void *params, const void *const *in, void *const *out,
                            void *scratch);

tm_status tm_conv2d_f32(const tm_conv2d_f32_params *p, const float *input, const float *filter,
                        const float *bias, float *output);
tm_status tm_eval_conv2d_f32(const void *params, const void *const *in, void *const *out,
                             void *scratch);

#endif

/* AVERAGE_POOL_2D and MAX_POOL_2D (NHWC): int8 and float32. Windows are clipped to the image;
 * the average divides by the number of taps inside it, as TFLM does. */
#ifndef TINYML_KERNELS_POOLING_H
#define TINYML_KERNELS_POOLING_H

#include "tinyml/tinyml.h"
#include "tinyml/kernels/window.h"

/* win.output_c == win.input_c; dilations are 1. int8 input and output share scale and zero
 * point (TFLM requires it), so no requantization happens. */
typedef struct {
  tm_window win;
  int32_t act_min;
  int32_t act_max;
} tm_pool_s8_params;

typedef struct {
  tm_window win;
  float act_min;
  float act_max;
} tm_pool_f32_params;

tm_status tm_avg_pool_s8(const tm_pool_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_avg_pool_s8(const void *params, const void *const *in, void *const *out,
                              void *scratch);
tm_status tm_avg_pool_f32(const tm_pool_f32_params *p, const float *input, float *output);
tm_status tm_eval_avg_pool_f32(const void *params, const void *const *in, void *const *out,
                               void *scratch);

tm_status tm_max_pool_s8(const tm_pool_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_max_pool_s8(const void *params, const void *const *in, void *const *out,
                              void *scratch);
tm_status tm_max_pool_f32(const tm_pool_f32_params *p, const float *input, float *output);
tm_status tm_eval_max_pool_f32(const void *params, const void *const *in, void *const *out,
                               void *scratch);

/* Shared entry check: geometry usable, channels kept, no dilation. */
static inline int tm_pool_window_ok(const tm_window *w) {
  return tm_window_ok(w) && w->output_c == w->input_c && w->dilation_h == 1 && w->dilation_w == 1;
}

#endif

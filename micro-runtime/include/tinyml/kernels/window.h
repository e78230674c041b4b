/*
 * Sliding-window geometry shared by CONV_2D, DEPTHWISE_CONV_2D and the pooling ops (NHWC).
 * Every number is computed by the generator the way TFLM's prepare computes it (output size,
 * SAME/VALID padding via ComputePaddingHeightWidth); kernels only read it.
 */
#ifndef TINYML_KERNELS_WINDOW_H
#define TINYML_KERNELS_WINDOW_H

#include <stdint.h>

typedef struct {
  int32_t batches;
  int32_t input_h;
  int32_t input_w;
  int32_t input_c;
  int32_t output_h;
  int32_t output_w;
  int32_t output_c;
  int32_t filter_h;
  int32_t filter_w;
  int32_t stride_h;
  int32_t stride_w;
  int32_t dilation_h;   /* 1 for pooling */
  int32_t dilation_w;
  int32_t pad_h;        /* top padding (TFLM padding_values.height) */
  int32_t pad_w;        /* left padding (TFLM padding_values.width) */
} tm_window;

/* Nonzero when the geometry is usable: positive sizes, strides and dilations, non-negative
 * padding, and every output position inside int32 arithmetic. */
static inline int tm_window_ok(const tm_window *w) {
  if (w->batches < 1 || w->input_h < 1 || w->input_w < 1 || w->input_c < 1) return 0;
  if (w->output_h < 1 || w->output_w < 1 || w->output_c < 1) return 0;
  if (w->filter_h < 1 || w->filter_w < 1 || w->stride_h < 1 || w->stride_w < 1) return 0;
  if (w->dilation_h < 1 || w->dilation_w < 1 || w->pad_h < 0 || w->pad_w < 0) return 0;
  if ((int64_t)(w->output_h - 1) * w->stride_h > INT32_MAX / 2) return 0;
  if ((int64_t)(w->output_w - 1) * w->stride_w > INT32_MAX / 2) return 0;
  if ((int64_t)(w->filter_h - 1) * w->dilation_h > INT32_MAX / 2) return 0;
  if ((int64_t)(w->filter_w - 1) * w->dilation_w > INT32_MAX / 2) return 0;
  return 1;
}

/*
 * The filter taps k in [*start, *end) for which origin + k * dilation lies in [0, size):
 * exactly the taps TFLM's reference kernels do not skip as padding, in the same order.
 */
static inline void tm_window_taps(int32_t origin, int32_t size, int32_t taps, int32_t dilation,
                                  int32_t *start, int32_t *end) {
  int32_t s = 0, e;
  const int32_t room = size - origin; /* positions available from origin on */
  if (origin < 0) s = (-origin + dilation - 1) / dilation;
  e = room > 0 ? (room + dilation - 1) / dilation : 0;
  if (e > taps) e = taps;
  if (s > e) s = e;
  *start = s;
  *end = e;
}

#endif /* TINYML_KERNELS_WINDOW_H */

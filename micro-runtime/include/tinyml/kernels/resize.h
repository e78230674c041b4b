/*
 * RESIZE_NEAREST_NEIGHBOR (any 1-, 2- or 4-byte element: int8, int16, float32) and
 * RESIZE_BILINEAR (int8, float32) over the H and W of an NHWC tensor. in[0] is the input; in[1],
 * the constant size, is not read (the generator took the output size from it).
 * Nearest neighbour copies whole pixels through row and column maps the generator computed with
 * TFLM's GetNearestNeighbor (float scale, floor or round, align_corners, half_pixel_centers).
 * Bilinear is TFLM's ResizeBilinearInteger for int8 (10-bit fixed-point scales and weights, one
 * double rounding of the 20-bit sum) and ResizeBilinear for float32.
 */
#ifndef TINYML_KERNELS_RESIZE_H
#define TINYML_KERNELS_RESIZE_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t batches;
  int32_t input_h;
  int32_t input_w;
  int32_t depth;
  int32_t output_h;
  int32_t output_w;
  int32_t elem_bytes;     /* 1, 2 or 4 */
  const int32_t *y_map;   /* output row -> input row (output_h values) */
  const int32_t *x_map;   /* output column -> input column (output_w values) */
} tm_resize_nearest_params;

typedef struct {
  int32_t batches;
  int32_t input_h;
  int32_t input_w;
  int32_t depth;
  int32_t output_h;
  int32_t output_w;
  int32_t height_scale_10;  /* TFLM's (1 << 10) fixed-point scales */
  int32_t width_scale_10;
  int32_t half_pixel_centers;
} tm_resize_bilinear_s8_params;

typedef struct {
  int32_t batches;
  int32_t input_h;
  int32_t input_w;
  int32_t depth;
  int32_t output_h;
  int32_t output_w;
  float height_scale;       /* TFLM's float scales (align_corners applied) */
  float width_scale;
  int32_t half_pixel_centers;
} tm_resize_bilinear_f32_params;

tm_status tm_eval_resize_nearest(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_resize_bilinear_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_resize_bilinear_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/* RESIZE_BILINEAR int8 (TFLM reference_ops::ResizeBilinearInteger, double-rounding build): 10-bit
 * source positions and weights, the four int64 products summed, rounded half away from zero and
 * divided by 2^20. Raw int8 values are interpolated (TFLM does not requantize). */
#include "tinyml/kernels/resize.h"

/* TFLM ComputeInterpolationValuesInteger (C division truncates toward zero, as in C++). */
static void tm_bilinear_pos(int32_t value, int32_t scale_10, int32_t half_pixel, int32_t size,
                            int32_t *scaled, int32_t *lo, int32_t *hi) {
  int32_t l, h;
  *scaled = half_pixel ? value * scale_10 + scale_10 / 2 - (1 << 9) : value * scale_10;
  l = *scaled / (1 << 10);
  h = (*scaled + (1 << 10) - 1) / (1 << 10);
  *lo = l > 0 ? l : 0;
  *hi = h < size - 1 ? h : size - 1;
}

tm_status tm_eval_resize_bilinear_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_resize_bilinear_s8_params *p = (const tm_resize_bilinear_s8_params *)params;
  const int8_t *input;
  int8_t *output;
  int32_t b, y, x, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->batches < 1 || p->input_h < 1 || p->input_w < 1 || p->depth < 1 || p->output_h < 1 || p->output_w < 1) return TM_BAD_PARAM;
  if (p->height_scale_10 < 0 || p->width_scale_10 < 0 || p->height_scale_10 > (1 << 20) || p->width_scale_10 > (1 << 20)) return TM_BAD_PARAM;
  if ((int64_t)p->output_h * p->height_scale_10 > INT32_MAX / 2 || (int64_t)p->output_w * p->width_scale_10 > INT32_MAX / 2) return TM_BAD_PARAM;
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  for (b = 0; b < p->batches; ++b) {
    const int8_t *img = input + b * p->input_h * p->input_w * p->depth;
    for (y = 0; y < p->output_h; ++y) {
      int32_t iy, y0, y1;
      tm_bilinear_pos(y, p->height_scale_10, p->half_pixel_centers, p->input_h, &iy, &y0, &y1);
      for (x = 0; x < p->output_w; ++x) {
        int32_t ix, x0, x1;
        const int8_t *p00, *p10, *p01, *p11;
        int64_t wy1, wy0, wx1, wx0;
        tm_bilinear_pos(x, p->width_scale_10, p->half_pixel_centers, p->input_w, &ix, &x0, &x1);
        wy1 = iy - (1 << 10) * y0;
        wy0 = (1 << 10) - wy1;
        wx1 = ix - (1 << 10) * x0;
        wx0 = (1 << 10) - wx1;
        p00 = img + (y0 * p->input_w + x0) * p->depth;
        p10 = img + (y1 * p->input_w + x0) * p->depth;
        p01 = img + (y0 * p->input_w + x1) * p->depth;
        p11 = img + (y1 * p->input_w + x1) * p->depth;
        for (c = 0; c < p->depth; ++c) {
          const int64_t sum = (int64_t)p00[c] * wy0 * wx0 + (int64_t)p10[c] * wy1 * wx0 +
                              (int64_t)p01[c] * wy0 * wx1 + (int64_t)p11[c] * wy1 * wx1;
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          *output++ = (int8_t)((sum + round) / (1 << 20));
        }
      }
    }
  }
  return TM_OK;
}

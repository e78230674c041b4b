/* RESIZE_BILINEAR float32 (TFLM reference_ops::ResizeBilinear and ComputeInterpolationValues:
 * float source positions, floor/ceil neighbours clamped to the image, the four weighted values
 * summed in TFLM's order). */
#include <math.h>

#include "tinyml/kernels/resize.h"

static void tm_bilinear_pos_f32(int32_t value, float scale, int32_t half_pixel, int32_t size,
                                float *scaled, int32_t *lo, int32_t *hi) {
  int32_t l, h;
  *scaled = half_pixel ? ((float)value + 0.5f) * scale - 0.5f : (float)value * scale;
  l = (int32_t)floorf(*scaled);
  h = (int32_t)ceilf(*scaled);
  *lo = l > 0 ? l : 0;
  *hi = h < size - 1 ? h : size - 1;
}

tm_status tm_eval_resize_bilinear_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_resize_bilinear_f32_params *p = (const tm_resize_bilinear_f32_params *)params;
  const float *input;
  float *output;
  int32_t b, y, x, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->batches < 1 || p->input_h < 1 || p->input_w < 1 || p->depth < 1 || p->output_h < 1 || p->output_w < 1) return TM_BAD_PARAM;
  if (!(p->height_scale >= 0.0f && p->width_scale >= 0.0f) || p->height_scale > 1e6f || p->width_scale > 1e6f) return TM_BAD_PARAM;
  input = (const float *)in[0];
  output = (float *)out[0];
  for (b = 0; b < p->batches; ++b) {
    const float *img = input + b * p->input_h * p->input_w * p->depth;
    for (y = 0; y < p->output_h; ++y) {
      float iy;
      int32_t y0, y1;
      tm_bilinear_pos_f32(y, p->height_scale, p->half_pixel_centers, p->input_h, &iy, &y0, &y1);
      for (x = 0; x < p->output_w; ++x) {
        float ix;
        int32_t x0, x1;
        const float *p00, *p10, *p01, *p11;
        float dy, dx;
        tm_bilinear_pos_f32(x, p->width_scale, p->half_pixel_centers, p->input_w, &ix, &x0, &x1);
        dy = iy - (float)y0;
        dx = ix - (float)x0;
        p00 = img + (y0 * p->input_w + x0) * p->depth;
        p10 = img + (y1 * p->input_w + x0) * p->depth;
        p01 = img + (y0 * p->input_w + x1) * p->depth;
        p11 = img + (y1 * p->input_w + x1) * p->depth;
        for (c = 0; c < p->depth; ++c) {
          *output++ = p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) + p01[c] * (1 - dy) * dx +
                      p11[c] * dy * dx;
        }
      }
    }
  }
  return TM_OK;
}

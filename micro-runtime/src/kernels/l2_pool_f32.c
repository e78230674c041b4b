/* L2_POOL_2D float32 (TFLM reference_ops::L2Pool: the squares of the taps inside the input summed
 * in row order, divided by their count, sqrtf, clamped to the activation range). */
#include <math.h>

#include "tinyml/kernels/l2_pool.h"
#include "tinyml/quant.h"

tm_status tm_eval_l2_pool_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_pool_f32_params *p = (const tm_pool_f32_params *)params;
  const tm_window *w;
  const float *input;
  float *output;
  int32_t b, oy, ox, c;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  w = &p->win;
  if (!tm_window_ok(w) || w->output_c != w->input_c) return TM_BAD_PARAM;
  input = (const float *)in[0];
  output = (float *)out[0];
  for (b = 0; b < w->batches; ++b) {
    for (oy = 0; oy < w->output_h; ++oy) {
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t x0 = ox * w->stride_w - w->pad_w, y0 = oy * w->stride_h - w->pad_h;
        const int32_t fx0 = x0 < 0 ? -x0 : 0, fy0 = y0 < 0 ? -y0 : 0;
        const int32_t fx1 = w->filter_w < w->input_w - x0 ? w->filter_w : w->input_w - x0;
        const int32_t fy1 = w->filter_h < w->input_h - y0 ? w->filter_h : w->input_h - y0;
        for (c = 0; c < w->input_c; ++c) {
          float sum = 0.0f;
          int32_t count = 0, fy, fx;
          for (fy = fy0; fy < fy1; ++fy) {
            for (fx = fx0; fx < fx1; ++fx) {
              const float v = input[((b * w->input_h + y0 + fy) * w->input_w + x0 + fx) * w->input_c + c];
              sum += v * v;
              ++count;
            }
          }
          *output++ = tm_clamp_f32(sqrtf(sum / (float)count), p->act_min, p->act_max);
        }
      }
    }
  }
  return TM_OK;
}

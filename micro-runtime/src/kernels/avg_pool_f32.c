/* AVERAGE_POOL_2D, float32 reference kernel (TFLM reference_ops::AveragePool float arithmetic). */
#include "tinyml/kernels/pooling.h"
#include "tinyml/quant.h"

tm_status tm_avg_pool_f32(const tm_pool_f32_params *p, const float *input, float *output) {
  const tm_window *w = &p->win;
  const int32_t depth = w->input_c;
  int32_t b, oy, ox, c;
  if (!tm_pool_window_ok(w)) return TM_BAD_PARAM;
  for (b = 0; b < w->batches; ++b) {
    const float *in_b = input + (size_t)b * w->input_h * w->input_w * depth;
    for (oy = 0; oy < w->output_h; ++oy) {
      const int32_t in_y0 = oy * w->stride_h - w->pad_h;
      int32_t fy0, fy1;
      tm_window_taps(in_y0, w->input_h, w->filter_h, 1, &fy0, &fy1);
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t in_x0 = ox * w->stride_w - w->pad_w;
        float *out_px = output + (((size_t)b * w->output_h + oy) * w->output_w + ox) * depth;
        int32_t fx0, fx1, count;
        tm_window_taps(in_x0, w->input_w, w->filter_w, 1, &fx0, &fx1);
        count = (fy1 - fy0) * (fx1 - fx0);
        if (count == 0) return TM_BAD_PARAM;
        for (c = 0; c < depth; ++c) {
          float total = 0.0f;
          int32_t fy, fx;
          for (fy = fy0; fy < fy1; ++fy) {
            const float *in_row = in_b + (size_t)(in_y0 + fy) * w->input_w * depth + c;
            for (fx = fx0; fx < fx1; ++fx) total += in_row[(size_t)(in_x0 + fx) * depth];
          }
          out_px[c] = tm_clamp_f32(total / (float)count, p->act_min, p->act_max);
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_avg_pool_f32(const void *params, const void *const *in, void *const *out,
                               void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_avg_pool_f32((const tm_pool_f32_params *)params, (const float *)in[0],
                         (float *)out[0]);
}

/* DEPTHWISE_CONV_2D, float32 reference kernel (TFLM reference_ops::DepthwiseConv float arithmetic
 * and order). */
#include "tinyml/kernels/depthwise_conv2d.h"
#include "tinyml/quant.h"

tm_status tm_depthwise_conv2d_f32(const tm_depthwise_conv2d_f32_params *p, const float *input,
                                  const float *filter, const float *bias, float *output) {
  const tm_window *w = &p->win;
  int32_t b, oy, ox, ic, m;
  if (!tm_window_ok(w) || p->depth_multiplier < 1 ||
      w->output_c != w->input_c * p->depth_multiplier) {
    return TM_BAD_PARAM;
  }
  for (b = 0; b < w->batches; ++b) {
    const float *in_b = input + (size_t)b * w->input_h * w->input_w * w->input_c;
    for (oy = 0; oy < w->output_h; ++oy) {
      const int32_t in_y0 = oy * w->stride_h - w->pad_h;
      int32_t fy0, fy1;
      tm_window_taps(in_y0, w->input_h, w->filter_h, w->dilation_h, &fy0, &fy1);
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t in_x0 = ox * w->stride_w - w->pad_w;
        float *out_px = output + (((size_t)b * w->output_h + oy) * w->output_w + ox) * w->output_c;
        int32_t fx0, fx1;
        tm_window_taps(in_x0, w->input_w, w->filter_w, w->dilation_w, &fx0, &fx1);
        for (ic = 0; ic < w->input_c; ++ic) {
          for (m = 0; m < p->depth_multiplier; ++m) {
            const int32_t oc = ic * p->depth_multiplier + m;
            float total = 0.0f;
            int32_t fy, fx;
            for (fy = fy0; fy < fy1; ++fy) {
              const int32_t in_y = in_y0 + fy * w->dilation_h;
              const float *in_row = in_b + (size_t)in_y * w->input_w * w->input_c + ic;
              const float *f_row = filter + (size_t)fy * w->filter_w * w->output_c + oc;
              for (fx = fx0; fx < fx1; ++fx) {
                const int32_t in_x = in_x0 + fx * w->dilation_w;
                total += in_row[(size_t)in_x * w->input_c] * f_row[(size_t)fx * w->output_c];
              }
            }
            out_px[oc] = tm_clamp_f32(total + (bias != NULL ? bias[oc] : 0.0f), p->act_min,
                                      p->act_max);
          }
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_depthwise_conv2d_f32(const void *params, const void *const *in,
                                       void *const *out, void *scratch) {
  const tm_depthwise_conv2d_f32_params *p = (const tm_depthwise_conv2d_f32_params *)params;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_depthwise_conv2d_f32(p, (const float *)in[0], (const float *)in[1],
                                 p->has_bias ? (const float *)in[2] : NULL, (float *)out[0]);
}

/* CONV_2D, float32 reference kernel (TFLM reference_ops::Conv float arithmetic and order). */
#include "tinyml/kernels/conv2d.h"
#include "tinyml/quant.h"

tm_status tm_conv2d_f32(const tm_conv2d_f32_params *p, const float *input, const float *filter,
                        const float *bias, float *output) {
  const tm_window *w = &p->win;
  int32_t groups, per_group, b, oy, ox, oc;
  if (!tm_window_ok(w) || p->filter_c < 1 || w->input_c % p->filter_c != 0) return TM_BAD_PARAM;
  groups = w->input_c / p->filter_c;
  if (w->output_c % groups != 0) return TM_BAD_PARAM;
  per_group = w->output_c / groups;
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
        for (oc = 0; oc < w->output_c; ++oc) {
          const int32_t ic0 = (oc / per_group) * p->filter_c;
          const float *f_oc = filter + (size_t)oc * w->filter_h * w->filter_w * p->filter_c;
          float total = 0.0f;
          int32_t fy, fx, ic;
          for (fy = fy0; fy < fy1; ++fy) {
            const int32_t in_y = in_y0 + fy * w->dilation_h;
            for (fx = fx0; fx < fx1; ++fx) {
              const int32_t in_x = in_x0 + fx * w->dilation_w;
              const float *in_px = in_b + ((size_t)in_y * w->input_w + in_x) * w->input_c + ic0;
              const float *f_px = f_oc + ((size_t)fy * w->filter_w + fx) * p->filter_c;
              for (ic = 0; ic < p->filter_c; ++ic) total += in_px[ic] * f_px[ic];
            }
          }
          out_px[oc] =
              tm_clamp_f32(total + (bias != NULL ? bias[oc] : 0.0f), p->act_min, p->act_max);
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_conv2d_f32(const void *params, const void *const *in, void *const *out,
                            void *scratch) {
  const tm_conv2d_f32_params *p = (const tm_conv2d_f32_params *)params;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_conv2d_f32(p, (const float *)in[0], (const float *)in[1],
                      p->has_bias ? (const float *)in[2] : NULL, (float *)out[0]);
}

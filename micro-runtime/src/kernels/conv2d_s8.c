/* CONV_2D, int8 reference kernel (TFLM reference_integer_ops::ConvPerChannel arithmetic). */
#include "tinyml/kernels/conv2d.h"
#include "tinyml/quant.h"

tm_status tm_conv2d_s8(const tm_conv2d_s8_params *p, const int8_t *input, const int8_t *filter,
                       const int32_t *bias, int8_t *output) {
  const tm_window *w = &p->win;
  int32_t groups, per_group, b, oy, ox, oc;
  if (!tm_window_ok(w) || p->filter_c < 1 || w->input_c % p->filter_c != 0 ||
      p->act_min > p->act_max || p->multiplier == NULL || p->shift == NULL) {
    return TM_BAD_PARAM;
  }
  groups = w->input_c / p->filter_c;
  if (w->output_c % groups != 0) return TM_BAD_PARAM;
  per_group = w->output_c / groups;
  for (b = 0; b < w->batches; ++b) {
    const int8_t *in_b = input + (size_t)b * w->input_h * w->input_w * w->input_c;
    for (oy = 0; oy < w->output_h; ++oy) {
      const int32_t in_y0 = oy * w->stride_h - w->pad_h;
      int32_t fy0, fy1;
      tm_window_taps(in_y0, w->input_h, w->filter_h, w->dilation_h, &fy0, &fy1);
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t in_x0 = ox * w->stride_w - w->pad_w;
        int8_t *out_px = output + (((size_t)b * w->output_h + oy) * w->output_w + ox) * w->output_c;
        int32_t fx0, fx1;
        tm_window_taps(in_x0, w->input_w, w->filter_w, w->dilation_w, &fx0, &fx1);
        for (oc = 0; oc < w->output_c; ++oc) {
          const int32_t ic0 = (oc / per_group) * p->filter_c;
          const int8_t *f_oc = filter + (size_t)oc * w->filter_h * w->filter_w * p->filter_c;
          int32_t acc = 0, fy, fx, ic;
          for (fy = fy0; fy < fy1; ++fy) {
            const int32_t in_y = in_y0 + fy * w->dilation_h;
            for (fx = fx0; fx < fx1; ++fx) {
              const int32_t in_x = in_x0 + fx * w->dilation_w;
              const int8_t *in_px = in_b + ((size_t)in_y * w->input_w + in_x) * w->input_c + ic0;
              const int8_t *f_px = f_oc + ((size_t)fy * w->filter_w + fx) * p->filter_c;
              for (ic = 0; ic < p->filter_c; ++ic) {
                acc += (int32_t)f_px[ic] * ((int32_t)in_px[ic] + p->input_offset);
              }
            }
          }
          if (bias != NULL) acc += bias[oc];
          acc = tm_multiply_by_quantized_multiplier(acc, p->multiplier[oc], p->shift[oc]);
          acc += p->output_offset;
          out_px[oc] = (int8_t)tm_clamp_i32(acc, p->act_min, p->act_max);
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_conv2d_s8(const void *params, const void *const *in, void *const *out,
                            void *scratch) {
  const tm_conv2d_s8_params *p = (const tm_conv2d_s8_params *)params;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_conv2d_s8(p, (const int8_t *)in[0], (const int8_t *)in[1],
                      p->has_bias ? (const int32_t *)in[2] : NULL, (int8_t *)out[0]);
}

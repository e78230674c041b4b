/* DEPTHWISE_CONV_2D, int8 reference kernel (TFLM reference_integer_ops::DepthwiseConvPerChannel
 * arithmetic). */
#include "tinyml/kernels/depthwise_conv2d.h"
#include "tinyml/quant.h"

tm_status tm_depthwise_conv2d_s8(const tm_depthwise_conv2d_s8_params *p, const int8_t *input,
                                 const int8_t *filter, const int32_t *bias, int8_t *output) {
  const tm_window *w = &p->win;
  int32_t b, oy, ox, ic, m;
  if (!tm_window_ok(w) || p->depth_multiplier < 1 ||
      w->output_c != w->input_c * p->depth_multiplier || p->act_min > p->act_max ||
      p->multiplier == NULL || p->shift == NULL) {
    return TM_BAD_PARAM;
  }
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
        for (ic = 0; ic < w->input_c; ++ic) {
          for (m = 0; m < p->depth_multiplier; ++m) {
            const int32_t oc = ic * p->depth_multiplier + m;
            int32_t acc = 0, fy, fx;
            for (fy = fy0; fy < fy1; ++fy) {
              const int32_t in_y = in_y0 + fy * w->dilation_h;
              const int8_t *in_row = in_b + (size_t)in_y * w->input_w * w->input_c + ic;
              const int8_t *f_row = filter + (size_t)fy * w->filter_w * w->output_c + oc;
              for (fx = fx0; fx < fx1; ++fx) {
                const int32_t in_x = in_x0 + fx * w->dilation_w;
                acc += (int32_t)f_row[(size_t)fx * w->output_c] *
                       ((int32_t)in_row[(size_t)in_x * w->input_c] + p->input_offset);
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
  }
  return TM_OK;
}

tm_status tm_eval_depthwise_conv2d_s8(const void *params, const void *const *in,
                                      void *const *out, void *scratch) {
  const tm_depthwise_conv2d_s8_params *p = (const tm_depthwise_conv2d_s8_params *)params;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_depthwise_conv2d_s8(p, (const int8_t *)in[0], (const int8_t *)in[1],
                                p->has_bias ? (const int32_t *)in[2] : NULL, (int8_t *)out[0]);
}

/* TRANSPOSE_CONV float32 (TFLM reference_ops::TransposeConv: the output zeroed, input * filter
 * scattered into it in input order, then + bias and the activation clamp). */
#include "tinyml/kernels/transpose_conv.h"
#include "tinyml/quant.h"

tm_status tm_transpose_conv_f32(const tm_transpose_conv_f32_params *p, const float *input, const float *filter,
                                const float *bias, float *output) {
  const tm_window *w = &p->win;
  const int32_t out_c = w->output_c, in_c = w->input_c;
  int32_t b, y, x, ic, fy, fx, oc, k, total;
  if (!tm_window_ok(w) || w->dilation_h != 1 || w->dilation_w != 1) return TM_BAD_PARAM;
  if (p->has_bias && bias == NULL) return TM_BAD_PARAM;
  total = w->batches * w->output_h * w->output_w * out_c;
  for (k = 0; k < total; ++k) output[k] = 0.0f;
  for (b = 0; b < w->batches; ++b) {
    float *acc_b = output + b * w->output_h * w->output_w * out_c;
    for (y = 0; y < w->input_h; ++y) {
      for (x = 0; x < w->input_w; ++x) {
        const float *px = input + ((b * w->input_h + y) * w->input_w + x) * in_c;
        const int32_t oy0 = y * w->stride_h - w->pad_h, ox0 = x * w->stride_w - w->pad_w;
        for (ic = 0; ic < in_c; ++ic) {
          const float v = px[ic];
          for (fy = 0; fy < w->filter_h; ++fy) {
            const int32_t oy = oy0 + fy;
            if (oy < 0 || oy >= w->output_h) continue;
            for (fx = 0; fx < w->filter_w; ++fx) {
              const int32_t ox = ox0 + fx;
              float *acc;
              if (ox < 0 || ox >= w->output_w) continue;
              acc = acc_b + (oy * w->output_w + ox) * out_c;
              for (oc = 0; oc < out_c; ++oc) {
                acc[oc] += v * filter[((oc * w->filter_h + fy) * w->filter_w + fx) * in_c + ic];
              }
            }
          }
        }
      }
    }
  }
  for (k = 0; k < total; ++k) {
    float acc = output[k];
    if (p->has_bias) acc += bias[k % out_c];
    output[k] = tm_clamp_f32(acc, p->act_min, p->act_max);
  }
  return TM_OK;
}

tm_status tm_eval_transpose_conv_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[1] == NULL || in[2] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_transpose_conv_f32((const tm_transpose_conv_f32_params *)params, (const float *)in[2],
                               (const float *)in[1], (const float *)in[3], (float *)out[0]);
}

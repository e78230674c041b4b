/* TRANSPOSE_CONV int16 x int8 (TFLM reference_integer_ops::TransposeConv<int64_t>: int64 scatter
 * accumulation of input * filter, + bias, the 64-bit MultiplyByQuantizedMultiplier per output
 * channel, clamped; no zero points are applied, as in TFLM). */
#include "tinyml/kernels/transpose_conv.h"
#include "tinyml/quant.h"

int32_t tm_transpose_conv_s16_scratch_bytes(int32_t batches, int32_t output_h, int32_t output_w, int32_t output_c) {
  if (batches < 1 || output_h < 1 || output_w < 1 || output_c < 1) return 0;
  return batches * output_h * output_w * output_c * (int32_t)sizeof(int64_t);
}

tm_status tm_eval_transpose_conv_s16(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_transpose_conv_s16_params *p = (const tm_transpose_conv_s16_params *)params;
  const tm_window *w;
  const int16_t *input;
  const int8_t *filter;
  int16_t *output;
  int64_t *acc_all = (int64_t *)scratch;
  int32_t b, y, x, ic, fy, fx, oc, k, total, out_c, in_c;
  if (p == NULL || in[1] == NULL || in[2] == NULL || out[0] == NULL || acc_all == NULL) return TM_BAD_PARAM;
  w = &p->win;
  out_c = w->output_c;
  in_c = w->input_c;
  if (!tm_window_ok(w) || w->dilation_h != 1 || w->dilation_w != 1) return TM_BAD_PARAM;
  if (p->scratch_bytes < tm_transpose_conv_s16_scratch_bytes(w->batches, w->output_h, w->output_w, out_c)) return TM_BAD_PARAM;
  if (p->bias_kind < 0 || p->bias_kind > 2 || (p->bias_kind != 0 && in[3] == NULL)) return TM_BAD_PARAM;
  for (oc = 0; oc < out_c; ++oc) {
    if (p->shift[oc] > 14 || p->shift[oc] < -31 || p->multiplier[oc] < 0) return TM_BAD_PARAM;
  }
  input = (const int16_t *)in[2];
  filter = (const int8_t *)in[1];
  output = (int16_t *)out[0];
  total = w->batches * w->output_h * w->output_w * out_c;
  for (k = 0; k < total; ++k) acc_all[k] = 0;
  for (b = 0; b < w->batches; ++b) {
    int64_t *acc_b = acc_all + b * w->output_h * w->output_w * out_c;
    for (y = 0; y < w->input_h; ++y) {
      for (x = 0; x < w->input_w; ++x) {
        const int16_t *px = input + ((b * w->input_h + y) * w->input_w + x) * in_c;
        const int32_t oy0 = y * w->stride_h - w->pad_h, ox0 = x * w->stride_w - w->pad_w;
        for (ic = 0; ic < in_c; ++ic) {
          const int32_t v = px[ic];
          for (fy = 0; fy < w->filter_h; ++fy) {
            const int32_t oy = oy0 + fy;
            if (oy < 0 || oy >= w->output_h) continue;
            for (fx = 0; fx < w->filter_w; ++fx) {
              const int32_t ox = ox0 + fx;
              int64_t *acc;
              if (ox < 0 || ox >= w->output_w) continue;
              acc = acc_b + (oy * w->output_w + ox) * out_c;
              for (oc = 0; oc < out_c; ++oc) {
                acc[oc] += v * (int32_t)filter[((oc * w->filter_h + fy) * w->filter_w + fx) * in_c + ic];
              }
            }
          }
        }
      }
    }
  }
  for (k = 0; k < total; ++k) {
    const int32_t c = k % out_c;
    int64_t acc = acc_all[k];
    int32_t v;
    if (p->bias_kind == 1) acc += ((const int16_t *)in[3])[c];
    if (p->bias_kind == 2) acc += ((const int64_t *)in[3])[c];
    v = tm_multiply_by_quantized_multiplier_64(acc, p->multiplier[c], p->shift[c]);
    output[k] = (int16_t)tm_clamp_i32(v, p->act_min, p->act_max);
  }
  return TM_OK;
}

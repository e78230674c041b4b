/* TRANSPOSE_CONV int8 (TFLM reference_integer_ops::TransposeConv: int32 scatter accumulation of
 * (input + input_offset) * filter, the filter zero point ignored as TFLM does, then + bias,
 * MultiplyByQuantizedMultiplier per output channel, + output offset, clamped to the activation). */
#include "tinyml/kernels/transpose_conv.h"
#include "tinyml/quant.h"

int32_t tm_transpose_conv_s8_scratch_bytes(int32_t batches, int32_t output_h, int32_t output_w, int32_t output_c) {
  if (batches < 1 || output_h < 1 || output_w < 1 || output_c < 1) return 0;
  return batches * output_h * output_w * output_c * (int32_t)sizeof(int32_t);
}

tm_status tm_transpose_conv_s8(const tm_transpose_conv_s8_params *p, const int8_t *input, const int8_t *filter,
                               const int32_t *bias, int8_t *output, int32_t *scratch) {
  const tm_window *w = &p->win;
  const int32_t out_c = w->output_c, in_c = w->input_c;
  int32_t b, y, x, ic, fy, fx, oc, k, total;
  if (!tm_window_ok(w) || w->dilation_h != 1 || w->dilation_w != 1 || scratch == NULL) return TM_BAD_PARAM;
  if (p->scratch_bytes < tm_transpose_conv_s8_scratch_bytes(w->batches, w->output_h, w->output_w, out_c)) {
    return TM_BAD_PARAM;
  }
  if (p->has_bias && bias == NULL) return TM_BAD_PARAM;
  total = w->batches * w->output_h * w->output_w * out_c;
  for (k = 0; k < total; ++k) scratch[k] = 0;
  for (b = 0; b < w->batches; ++b) {
    int32_t *acc_b = scratch + b * w->output_h * w->output_w * out_c;
    for (y = 0; y < w->input_h; ++y) {
      for (x = 0; x < w->input_w; ++x) {
        const int8_t *px = input + ((b * w->input_h + y) * w->input_w + x) * in_c;
        const int32_t oy0 = y * w->stride_h - w->pad_h, ox0 = x * w->stride_w - w->pad_w;
        for (ic = 0; ic < in_c; ++ic) {
          const int32_t v = (int32_t)px[ic] + p->input_offset;
          for (fy = 0; fy < w->filter_h; ++fy) {
            const int32_t oy = oy0 + fy;
            if (oy < 0 || oy >= w->output_h) continue;
            for (fx = 0; fx < w->filter_w; ++fx) {
              const int32_t ox = ox0 + fx;
              int32_t *acc;
              if (ox < 0 || ox >= w->output_w) continue;
              acc = acc_b + (oy * w->output_w + ox) * out_c;
              for (oc = 0; oc < out_c; ++oc) {
                const int32_t f = filter[((oc * w->filter_h + fy) * w->filter_w + fx) * in_c + ic];
                /* TFLM's int32 sum wraps on overflow; so does this one, without the UB. */
                acc[oc] = (int32_t)((uint32_t)acc[oc] + (uint32_t)(v * f));
              }
            }
          }
        }
      }
    }
  }
  for (k = 0; k < total; ++k) {
    const int32_t c = k % out_c;
    int32_t acc = scratch[k];
    if (p->has_bias) acc = (int32_t)((uint32_t)acc + (uint32_t)bias[c]);
    acc = tm_multiply_by_quantized_multiplier(acc, p->multiplier[c], p->shift[c]) + p->output_offset;
    output[k] = (int8_t)tm_clamp_i32(acc, p->act_min, p->act_max);
  }
  return TM_OK;
}

tm_status tm_eval_transpose_conv_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  if (params == NULL || in[1] == NULL || in[2] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_transpose_conv_s8((const tm_transpose_conv_s8_params *)params, (const int8_t *)in[2],
                              (const int8_t *)in[1], (const int32_t *)in[3], (int8_t *)out[0], (int32_t *)scratch);
}

/*
 * DEPTHWISE_CONV_2D, int8 reference kernel: TFLM reference_integer_ops::DepthwiseConvPerChannel
 * arithmetic, bit for bit.
 *
 * TFLM computes, for each output pixel and channel, acc = sum of w * (x + input_offset) over the
 * filter taps inside the input, then acc + bias, requantized. Here each output pixel's valid taps
 * (a rectangle of the filter) are found once, and four neighbouring channels are accumulated
 * together: in NHWC their inputs and weights are adjacent bytes, so one pair of pointers walks
 * the taps for all four. Inside the image (every tap valid) input_offset leaves the inner loop:
 * sum w * (x + input_offset) + bias == sum w * x + bias_folded, where prepare computed
 * bias_folded[c] = bias[c] + input_offset * (sum of channel c's weights), exact in integers. On
 * the border, and without bias_folded, input_offset is added to each input as TFLM does.
 */
#include "tinyml/kernels/depthwise_conv2d.h"
#include "tinyml/quant.h"

/* The multiply-accumulate loops stay out of line: inlined into the pixel loops, they lose their
 * registers to them. */
#if defined(__GNUC__)
#define TM_NOINLINE __attribute__((noinline))
#else
#define TM_NOINLINE
#endif

/* The taps of one output pixel: x and w point at the first valid tap (row fy0, column fx0) of the
 * first channel; rows x cols taps (both >= 1), stepping x_col / w_col bytes along a row and
 * x_row / w_row bytes from one row to the next. */
typedef struct {
  const int8_t *x;
  const int8_t *w;
  int32_t rows, cols;
  int32_t x_col, x_row, w_col, w_row;
} tm_dw_taps;

/* acc[j] = sum over the taps of w[j] * x[j], for the four channels j = 0..3. */
static TM_NOINLINE void tm_dw_4(int32_t *acc, const tm_dw_taps *t) {
  const int32_t x_col = t->x_col, w_col = t->w_col;
  const int8_t *x = t->x, *w = t->w;
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, rows = t->rows;
  do {
    const int8_t *xp = x, *wp = w;
    int32_t k = t->cols;
    do {
      a0 += wp[0] * xp[0];
      a1 += wp[1] * xp[1];
      a2 += wp[2] * xp[2];
      a3 += wp[3] * xp[3];
      xp += x_col;
      wp += w_col;
    } while (--k != 0);
    x += t->x_row;
    w += t->w_row;
  } while (--rows != 0);
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/* acc[j] = sum over the taps of w[j] * (x[j] + offset), for the four channels j = 0..3. */
static TM_NOINLINE void tm_dw_4_offset(int32_t *acc, const tm_dw_taps *t, int32_t offset) {
  const int32_t x_col = t->x_col, w_col = t->w_col;
  const int8_t *x = t->x, *w = t->w;
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, rows = t->rows;
  do {
    const int8_t *xp = x, *wp = w;
    int32_t k = t->cols;
    do {
      a0 += wp[0] * (xp[0] + offset);
      a1 += wp[1] * (xp[1] + offset);
      a2 += wp[2] * (xp[2] + offset);
      a3 += wp[3] * (xp[3] + offset);
      xp += x_col;
      wp += w_col;
    } while (--k != 0);
    x += t->x_row;
    w += t->w_row;
  } while (--rows != 0);
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/* sum over the taps of w[0] * (x[0] + offset): channel 0 alone. */
static int32_t tm_dw_1(const tm_dw_taps *t, int32_t offset) {
  const int8_t *x = t->x, *w = t->w;
  int32_t acc = 0, r, k;
  for (r = 0; r < t->rows; ++r) {
    for (k = 0; k < t->cols; ++k) acc += w[k * t->w_col] * (x[k * t->x_col] + offset);
    x += t->x_row;
    w += t->w_row;
  }
  return acc;
}

/* Requantizes channel oc's accumulator (bias included) to the int8 output. */
static int8_t tm_dw_out(const tm_depthwise_conv2d_s8_params *p, int32_t oc, int32_t acc) {
  acc = tm_multiply_by_quantized_multiplier(acc, p->multiplier[oc], p->shift[oc]);
  return (int8_t)tm_clamp_i32(acc + p->output_offset, p->act_min, p->act_max);
}

/* Depth multiplier 1: output channel c reads input channel c. */
static void tm_depthwise_conv2d_s8_m1(const tm_depthwise_conv2d_s8_params *p, const int8_t *input,
                                      const int8_t *filter, const int32_t *bias, int8_t *output) {
  const tm_window *w = &p->win;
  const int32_t channels = w->output_c;
  const int32_t in_row = w->input_w * channels;
  int32_t b, oy, ox, c;
  tm_dw_taps t;
  t.x_col = w->dilation_w * channels;
  t.x_row = w->dilation_h * in_row;
  t.w_col = channels;
  t.w_row = w->filter_w * channels;
  for (b = 0; b < w->batches; ++b) {
    const int8_t *in_b = input + (size_t)b * w->input_h * in_row;
    for (oy = 0; oy < w->output_h; ++oy) {
      const int32_t in_y0 = oy * w->stride_h - w->pad_h;
      int32_t fy0, fy1;
      tm_window_taps(in_y0, w->input_h, w->filter_h, w->dilation_h, &fy0, &fy1);
      t.rows = fy1 - fy0;
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t in_x0 = ox * w->stride_w - w->pad_w;
        int8_t *out_px = output + (((size_t)b * w->output_h + oy) * w->output_w + ox) * channels;
        const int32_t *bias_px;
        int32_t fx0, fx1, folded;
        tm_window_taps(in_x0, w->input_w, w->filter_w, w->dilation_w, &fx0, &fx1);
        t.cols = fx1 - fx0;
        if (t.rows == 0 || t.cols == 0) {
          /* a window entirely in the padding: acc = bias */
          for (c = 0; c < channels; ++c) out_px[c] = tm_dw_out(p, c, bias != NULL ? bias[c] : 0);
          continue;
        }
        t.x = in_b + (size_t)(in_y0 + fy0 * w->dilation_h) * in_row +
              (size_t)(in_x0 + fx0 * w->dilation_w) * channels;
        t.w = filter + (size_t)(fy0 * w->filter_w + fx0) * channels;
        /* every tap valid: input_offset is folded into the bias */
        folded = t.rows == w->filter_h && t.cols == w->filter_w && p->bias_folded != NULL;
        bias_px = folded ? p->bias_folded : bias;
        for (c = 0; c + 4 <= channels; c += 4) {
          int32_t acc[4], j;
          if (folded) {
            tm_dw_4(acc, &t);
          } else {
            tm_dw_4_offset(acc, &t, p->input_offset);
          }
          for (j = 0; j < 4; ++j) {
            out_px[c + j] = tm_dw_out(p, c + j, acc[j] + (bias_px != NULL ? bias_px[c + j] : 0));
          }
          t.x += 4;
          t.w += 4;
        }
        for (; c < channels; ++c) {
          const int32_t acc = tm_dw_1(&t, folded ? 0 : p->input_offset);
          out_px[c] = tm_dw_out(p, c, acc + (bias_px != NULL ? bias_px[c] : 0));
          ++t.x;
          ++t.w;
        }
      }
    }
  }
}

/* Any depth multiplier: TFLM's loop over the valid taps. */
static void tm_depthwise_conv2d_s8_any(const tm_depthwise_conv2d_s8_params *p, const int8_t *input,
                                       const int8_t *filter, const int32_t *bias, int8_t *output) {
  const tm_window *w = &p->win;
  int32_t b, oy, ox, ic, m;
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
            out_px[oc] = tm_dw_out(p, oc, acc);
          }
        }
      }
    }
  }
}

tm_status tm_depthwise_conv2d_s8(const tm_depthwise_conv2d_s8_params *p, const int8_t *input,
                                 const int8_t *filter, const int32_t *bias, int8_t *output) {
  const tm_window *w = &p->win;
  if (!tm_window_ok(w) || p->depth_multiplier < 1 ||
      w->output_c != w->input_c * p->depth_multiplier || p->act_min > p->act_max ||
      p->multiplier == NULL || p->shift == NULL) {
    return TM_BAD_PARAM;
  }
  if (p->depth_multiplier == 1) {
    tm_depthwise_conv2d_s8_m1(p, input, filter, bias, output);
  } else {
    tm_depthwise_conv2d_s8_any(p, input, filter, bias, output);
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

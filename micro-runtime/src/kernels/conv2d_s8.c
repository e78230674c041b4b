/*
 * CONV_2D, int8 reference kernel: TFLM reference_integer_ops::ConvPerChannel arithmetic, bit for
 * bit, rearranged so that the inner loop is a plain sum of products.
 *
 * TFLM computes, for each output pixel and channel c, acc = sum of w * (x + input_offset) over the
 * filter taps that fall inside the input, then acc + bias[c], requantized. The fast path computes
 * the same integer exactly:
 *  - a tap in the padding contributes 0, which is what an input equal to the zero point
 *    (x == -input_offset) contributes. So every output pixel reads a dense patch of
 *    K = filter_h * filter_w * filter_c values: the input pixel itself for an unpadded 1x1
 *    convolution, else a copy in scratch with the padding filled with the zero point (im2col);
 *  - sum w * (x + input_offset) + bias[c] == sum w * x + bias_folded[c], where prepare computed
 *    bias_folded[c] = bias[c] + input_offset * (sum of channel c's weights);
 *  - the patches of two output pixels meet the filters of two output channels, so each value
 *    loaded serves two multiply-accumulates.
 * Without bias_folded (the weights are not constant) or without the scratch that im2col needs,
 * the kernel runs the direct loop (tm_conv2d_s8_direct), which follows TFLM's loop as written.
 */
#include <string.h>

#include "tinyml/kernels/conv2d.h"
#include "tinyml/quant.h"

/* Nonzero when each output pixel's patch is one input pixel: a 1x1, unpadded, ungrouped conv
 * whose every output pixel reads inside the input. */
static int tm_conv2d_pointwise(const tm_window *w, int32_t filter_c) {
  return w->filter_h == 1 && w->filter_w == 1 && w->pad_h == 0 && w->pad_w == 0 &&
         filter_c == w->input_c && (w->output_h - 1) * w->stride_h < w->input_h &&
         (w->output_w - 1) * w->stride_w < w->input_w;
}

int32_t tm_conv2d_s8_scratch_size(const tm_window *w, int32_t filter_c) {
  /* two im2col patches (int8) */
  return tm_conv2d_pointwise(w, filter_c) ? 0 : 2 * w->filter_h * w->filter_w * filter_c;
}

/* The multiply-accumulate loops stay out of line: inlined into the pixel and channel loops, they
 * lose their registers to them. */
#if defined(__GNUC__)
#define TM_NOINLINE __attribute__((noinline))
#else
#define TM_NOINLINE
#endif

#if defined(__ARM_ARCH_6M__)
/* ARMv6-M (Cortex-M0/M0+) has 8 low registers and byte loads with register offsets only: two
 * pixels times two channels would spill, so the 2x2 block is two passes of one pixel times two
 * channels. The pass returns its two sums packed in 64 bits (sum0 in the low word): they come
 * back in r0:r1, so no output pointer occupies a register during the loop, which keeps its index,
 * three bases, two values and two sums in the 8 low registers. */
static TM_NOINLINE uint64_t tm_dot_1x2(const int8_t *x, const int8_t *w0, const int8_t *w1,
                                       int32_t n) {
  int32_t a0 = 0, a1 = 0;
  do {
    int32_t v;
    --n;
    v = x[n];
    a0 += w0[n] * v;
    a1 += w1[n] * v;
  } while (n != 0);
  return ((uint64_t)(uint32_t)a1 << 32) | (uint32_t)a0;
}

/* acc[2 * i + j] = sum over k < n of x_i[k] * w_j[k], for pixels i = 0, 1 and filters j = 0, 1;
 * n >= 1. */
static void tm_dot_2x2(int32_t *acc, const int8_t *x0, const int8_t *x1, const int8_t *w0,
                       const int8_t *w1, int32_t n) {
  uint64_t s = tm_dot_1x2(x0, w0, w1, n);
  acc[0] = (int32_t)(uint32_t)s;
  acc[1] = (int32_t)(uint32_t)(s >> 32);
  s = tm_dot_1x2(x1, w0, w1, n);
  acc[2] = (int32_t)(uint32_t)s;
  acc[3] = (int32_t)(uint32_t)(s >> 32);
}
#else
/* acc[2 * i + j] = sum over k < n of x_i[k] * w_j[k], for pixels i = 0, 1 and filters j = 0, 1;
 * n >= 1. Four loads feed four multiply-accumulates. */
static TM_NOINLINE void tm_dot_2x2(int32_t *acc, const int8_t *x0, const int8_t *x1,
                                   const int8_t *w0, const int8_t *w1, int32_t n) {
  int32_t a00 = 0, a01 = 0, a10 = 0, a11 = 0;
  const int8_t *end = w0 + n;
  do {
    const int32_t u = *x0++, v = *x1++, f = *w0++, g = *w1++;
    a00 += u * f;
    a01 += u * g;
    a10 += v * f;
    a11 += v * g;
  } while (w0 != end);
  acc[0] = a00;
  acc[1] = a01;
  acc[2] = a10;
  acc[3] = a11;
}
#endif

/* Requantizes channel oc's accumulator (bias included) to the int8 output. */
static int8_t tm_conv2d_out(const tm_conv2d_s8_params *p, int32_t oc, int32_t acc) {
  acc = tm_multiply_by_quantized_multiplier(acc, p->multiplier[oc], p->shift[oc]);
  return (int8_t)tm_clamp_i32(acc + p->output_offset, p->act_min, p->act_max);
}

/* An output pixel: batch, row, column. */
typedef struct {
  int32_t b, y, x;
} tm_conv2d_pos;

static void tm_conv2d_next(const tm_window *w, tm_conv2d_pos *q) {
  if (++q->x == w->output_w) {
    q->x = 0;
    if (++q->y == w->output_h) {
      q->y = 0;
      ++q->b;
    }
  }
}

/* n copies of v, or the n bytes at src, to dst; both return dst + n. */
static int8_t *tm_fill(int8_t *dst, int8_t v, int32_t n) {
  if (n > 0) {
    memset(dst, v, (size_t)n);
    dst += n;
  }
  return dst;
}

static int8_t *tm_copy(int8_t *dst, const int8_t *src, int32_t n) {
#if defined(__ARM_FEATURE_UNALIGNED)
  /* a word at a time: a 4-byte memcpy is one load and one store where unaligned access works */
  for (; n >= 4; n -= 4, dst += 4, src += 4) memcpy(dst, src, 4);
#endif
  while (n-- > 0) *dst++ = *src++;
  return dst;
}

/* The patch of output pixel q for the group whose input channels start at ic0: the input pixel
 * itself for a pointwise convolution, else gathered into buf in filter order (OHWI: row, column,
 * channel), with the taps in the padding set to the input zero point. */
static const int8_t *tm_conv2d_patch(const tm_conv2d_s8_params *p, const int8_t *input,
                                     const tm_conv2d_pos *q, int32_t ic0, int8_t *buf) {
  const tm_window *w = &p->win;
  const int32_t fc = p->filter_c;
  const int32_t in_y0 = q->y * w->stride_h - w->pad_h;
  const int32_t in_x0 = q->x * w->stride_w - w->pad_w;
  const int8_t *in_b = input + (size_t)q->b * w->input_h * w->input_w * w->input_c;
  const int8_t zero = (int8_t)-p->input_offset;
  int32_t fy, fy0, fy1, fx0, fx1;
  int8_t *dst = buf;
  if (tm_conv2d_pointwise(w, fc)) {
    return in_b + ((size_t)in_y0 * w->input_w + in_x0) * w->input_c;
  }
  tm_window_taps(in_y0, w->input_h, w->filter_h, w->dilation_h, &fy0, &fy1);
  tm_window_taps(in_x0, w->input_w, w->filter_w, w->dilation_w, &fx0, &fx1);
  if (w->dilation_w == 1 && fc == w->input_c && fx0 == 0 && fx1 == w->filter_w) {
    /* every row of taps that is inside the input is contiguous there */
    const int32_t run = w->filter_w * fc;
    dst = tm_fill(dst, zero, fy0 * run);
    for (fy = fy0; fy < fy1; ++fy) {
      dst = tm_copy(dst, in_b + ((size_t)(in_y0 + fy * w->dilation_h) * w->input_w + in_x0) * fc,
                    run);
    }
    tm_fill(dst, zero, (w->filter_h - fy1) * run);
    return buf;
  }
  dst = tm_fill(dst, zero, fy0 * w->filter_w * fc);
  for (fy = fy0; fy < fy1; ++fy) {
    const int8_t *row = in_b + (size_t)(in_y0 + fy * w->dilation_h) * w->input_w * w->input_c;
    int32_t fx;
    dst = tm_fill(dst, zero, fx0 * fc);
    for (fx = fx0; fx < fx1; ++fx) {
      dst = tm_copy(dst, row + (size_t)(in_x0 + fx * w->dilation_w) * w->input_c + ic0, fc);
    }
    dst = tm_fill(dst, zero, (w->filter_w - fx1) * fc);
  }
  tm_fill(dst, zero, (w->filter_h - fy1) * w->filter_w * fc);
  return buf;
}

/* The fast path (see the top of the file); patches holds two patches unless pointwise. */
static void tm_conv2d_s8_folded(const tm_conv2d_s8_params *p, const int8_t *input,
                                const int8_t *filter, int8_t *output, int8_t *patches) {
  const tm_window *w = &p->win;
  const int32_t fc = p->filter_c;
  const int32_t k = w->filter_h * w->filter_w * fc;
  const int32_t groups = w->input_c / fc;
  const int32_t per_group = w->output_c / groups;
  const int32_t pixels = w->batches * w->output_h * w->output_w;
  const int32_t *bias = p->bias_folded;
  tm_conv2d_pos q0 = {0, 0, 0}, q1;
  int32_t px, g, oc;
  for (px = 0; px < pixels; px += 2) {
    /* an odd last pixel is computed twice over and stored once */
    const int two = px + 1 < pixels;
    int8_t *out0 = output + (size_t)px * w->output_c;
    int8_t *out1 = out0 + w->output_c;
    q1 = q0;
    if (two) tm_conv2d_next(w, &q1);
    for (g = 0; g < groups; ++g) {
      const int32_t oc_end = (g + 1) * per_group;
      const int8_t *x0 = tm_conv2d_patch(p, input, &q0, g * fc, patches);
      const int8_t *x1 = two ? tm_conv2d_patch(p, input, &q1, g * fc, patches + k) : x0;
      for (oc = g * per_group; oc < oc_end; oc += 2) {
        /* an odd last channel likewise */
        const int pair = oc + 1 < oc_end;
        const int8_t *f0 = filter + (size_t)oc * k;
        int32_t acc[4];
        tm_dot_2x2(acc, x0, x1, f0, pair ? f0 + k : f0, k);
        out0[oc] = tm_conv2d_out(p, oc, acc[0] + bias[oc]);
        if (pair) out0[oc + 1] = tm_conv2d_out(p, oc + 1, acc[1] + bias[oc + 1]);
        if (two) {
          out1[oc] = tm_conv2d_out(p, oc, acc[2] + bias[oc]);
          if (pair) out1[oc + 1] = tm_conv2d_out(p, oc + 1, acc[3] + bias[oc + 1]);
        }
      }
    }
    q0 = q1;
    tm_conv2d_next(w, &q0);
  }
}

/* TFLM's loop: the valid taps of each output pixel, input_offset added to every input. */
static void tm_conv2d_s8_direct(const tm_conv2d_s8_params *p, const int8_t *input,
                                const int8_t *filter, const int32_t *bias, int8_t *output) {
  const tm_window *w = &p->win;
  const int32_t fc = p->filter_c;
  const int32_t per_group = w->output_c / (w->input_c / fc);
  const int32_t k = w->filter_h * w->filter_w * fc;
  int32_t b, oy, ox, oc;
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
          const int8_t *in_g = in_b + (oc / per_group) * fc;
          const int8_t *f_oc = filter + (size_t)oc * k;
          int32_t acc = 0, fy, fx, ic;
          for (fy = fy0; fy < fy1; ++fy) {
            const int8_t *in_row =
                in_g + (size_t)(in_y0 + fy * w->dilation_h) * w->input_w * w->input_c;
            const int8_t *f_row = f_oc + (size_t)fy * w->filter_w * fc;
            for (fx = fx0; fx < fx1; ++fx) {
              const int8_t *in_px = in_row + (size_t)(in_x0 + fx * w->dilation_w) * w->input_c;
              const int8_t *f_px = f_row + (size_t)fx * fc;
              for (ic = 0; ic < fc; ++ic) {
                acc += (int32_t)f_px[ic] * ((int32_t)in_px[ic] + p->input_offset);
              }
            }
          }
          if (bias != NULL) acc += bias[oc];
          out_px[oc] = tm_conv2d_out(p, oc, acc);
        }
      }
    }
  }
}

tm_status tm_conv2d_s8(const tm_conv2d_s8_params *p, const int8_t *input, const int8_t *filter,
                       const int32_t *bias, int8_t *output, void *scratch) {
  const tm_window *w = &p->win;
  if (!tm_window_ok(w) || p->filter_c < 1 || w->input_c % p->filter_c != 0 ||
      w->output_c % (w->input_c / p->filter_c) != 0 || p->act_min > p->act_max ||
      p->multiplier == NULL || p->shift == NULL) {
    return TM_BAD_PARAM;
  }
  /* the padding is filled with the zero point, which must be an int8 */
  if (p->bias_folded != NULL && p->input_offset >= -127 && p->input_offset <= 128 &&
      (scratch != NULL || tm_conv2d_pointwise(w, p->filter_c))) {
    tm_conv2d_s8_folded(p, input, filter, output, (int8_t *)scratch);
  } else {
    tm_conv2d_s8_direct(p, input, filter, bias, output);
  }
  return TM_OK;
}

tm_status tm_eval_conv2d_s8(const void *params, const void *const *in, void *const *out,
                            void *scratch) {
  const tm_conv2d_s8_params *p = (const tm_conv2d_s8_params *)params;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_conv2d_s8(p, (const int8_t *)in[0], (const int8_t *)in[1],
                      p->has_bias ? (const int32_t *)in[2] : NULL, (int8_t *)out[0], scratch);
}

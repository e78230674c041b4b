/* DEPTHWISE_CONV_2D int8, DSP extension (see tinyml/kernels/dsp_depthwise_conv2d.h). */
#include "tinyml/kernels/dsp_depthwise_conv2d.h"

static void tm_dw_fill(int16_t *dst, int16_t v, int32_t n) {
  while (n-- > 0) *dst++ = v;
}

/* Unpacks input rows y_first .. y_first + rows - 1 of channels c0 .. c0 + g - 1 into the planes
 * (channel c's row r at planes + c * cs + r * pw). Rows outside the image are filled with the zero
 * point; the padding columns already hold it (filled once per op, never written otherwise). */
static void tm_dw_unpack(const tm_window *w, const int8_t *in_b, int32_t c0, int32_t g,
                         int32_t y_first, int32_t rows, int32_t pw, int16_t zp, int16_t *planes,
                         int32_t rs, int32_t cin, size_t cs, int refill) {
  const int32_t iw = w->input_w, pad = w->pad_w;
  int32_t r, c, x;
  for (r = 0; r < rows; ++r) {
    const int32_t y = y_first + r;
    int16_t *row0 = planes + (size_t)r * pw;
    const int8_t *src;
    if (y < 0 || y >= w->input_h) {
      /* padding rows: already the zero point unless an earlier band wrote data here */
      if (refill) {
        for (c = 0; c < g; ++c) tm_dw_fill(row0 + c * cs, zp, pw);
      }
      continue;
    }
    src = in_b + (size_t)y * rs + c0;
    x = 0;
    if (g == 4) {
      tm_dsp_unpack4(src, cin, row0 + pad, (int32_t)(cs * 2), iw >> 1);
      x = iw & ~1;
      src += (size_t)x * cin;
    }
    for (; x < iw; ++x, src += cin) {
      for (c = 0; c < g; ++c) row0[c * cs + pad + x] = src[c];
    }
  }
}

/* The weight words of output channel oc (see tm_dw_dsp_weight_words). */
static void tm_dw_weights(const int8_t *filter, int32_t fh, int32_t fw, int32_t ys, int32_t oc_n,
                          int32_t oc, uint32_t *dst) {
  const int32_t np = (fw + 1) / 2;
  int32_t ky, j;
  for (ky = 0; ky < fh; ++ky) {
    const int8_t *f = filter + (size_t)ky * ys + oc;
    for (j = 0; j < np; ++j) {
      const int32_t lo = f[(size_t)(2 * j) * oc_n];
      const int32_t hi = 2 * j + 1 < fw ? f[(size_t)(2 * j + 1) * oc_n] : 0;
      *dst++ = ((uint32_t)lo & 0xffffu) | ((uint32_t)hi << 16);
    }
    *dst++ = (uint32_t)(int32_t)f[(size_t)(fw - 1) * oc_n] << 16;
  }
}

typedef struct {
  const tm_window *w;
  int32_t pw;          /* plane row width */
  int32_t oc_n;        /* output stride along a plane row */
  int32_t ors;         /* output stride between plane rows */
  int32_t off, lo, hi; /* output offset (0 when folded), activation range */
  int fold;            /* TM_DSP_OFF_FOLDED */
} tm_dw_ctx;

TM_DSP_INLINE void tm_dw_put(const tm_dw_ctx *x, int8_t *o, int32_t acc, const int32_t *ch,
                             const int general, const int clamp) {
  *o = (int8_t)tm_dsp_out(tm_dsp_requant(acc, ch, general), x->off, x->lo, x->hi, clamp);
}

/* One output channel over output rows [oy0, oy1) of a band: plane is its input channel's plane
 * (row 0 = input row oy0 * stride_h - pad_h), wk its weight words, out the output of (oy0, 0). */
TM_DSP_INLINE void tm_dw_channel(const tm_dw_ctx *x, const int16_t *plane, const uint32_t *wk,
                                 const int32_t *ch, int32_t rows_out, int8_t *out,
                                 const int general, const int clamp) {
  const tm_window *w = x->w;
  const int32_t fh = w->filter_h, fw = w->filter_w, sh = w->stride_h, sw = w->stride_w;
  const int32_t ow = w->output_w, pw = x->pw, os = x->oc_n, np = (fw + 1) / 2;
  const int32_t bias = ch[TM_DSP_CH_BIAS];
  int32_t oy;
  for (oy = 0; oy < rows_out; ++oy) {
    const int16_t *rb = plane + (size_t)oy * sh * pw;
    int8_t *o = out + (size_t)oy * x->ors;
    int32_t ox = 0;
    if (!general && !clamp && fh == 3 && fw == 3 && (sw == 1 || sw == 2)) {
      tm_dsp_dw_ctx c;
      c.ch = ch;
      c.offset = x->off;
      c.ostride = os;
      c.rstride = pw * 2;
      if (sw == 1) {
        for (; ox + 3 < ow; ox += 4, o += 4 * os) tm_dsp_dw3x3_s1(rb + ox, wk, &c, o, x->fold);
      } else {
        for (; ox + 1 < ow; ox += 2, o += 2 * os) tm_dsp_dw3x3_s2(rb + 2 * ox, wk, &c, o, x->fold);
      }
      if (ox < ow) {
        /* the last, partial block: whole block into a buffer (the planes hold its windows) */
        int8_t tmp[4];
        const int32_t left = ow - ox;
        c.ostride = 1;
        if (sw == 1 && ow - ox > 1) tm_dsp_dw3x3_s1(rb + ox, wk, &c, tmp, x->fold);
        else tm_dsp_dw3x3_s2(rb + sw * ox, wk, &c, tmp, x->fold); /* its first output is one of either */
        o[0] = tmp[0];
        if (left > 1) o[os] = tmp[1];
        if (left > 2) o[2 * os] = tmp[2];
        ox = ow;
      }
    } else if (fh == 3 && fw == 3 && sw == 1) {
      for (; ox + 3 < ow; ox += 4) {
        int32_t a0 = bias, a1 = bias, a2 = bias, a3 = bias, ky;
        for (ky = 0; ky < 3; ++ky) {
          const int16_t *r = rb + (size_t)ky * pw + ox;
          const uint32_t w01 = wk[3 * ky], w2 = wk[3 * ky + 1], w2h = wk[3 * ky + 2];
          const uint32_t p01 = tm_load32(r), p23 = tm_load32(r + 2), p45 = tm_load32(r + 4);
          const uint32_t p12 = tm_load32(r + 1), p34 = tm_load32(r + 3);
          a0 = tm_smlad(p01, w01, a0);
          a0 = tm_smlad(p23, w2, a0);
          a1 = tm_smlad(p12, w01, a1);
          a1 = tm_smlad(p23, w2h, a1);
          a2 = tm_smlad(p23, w01, a2);
          a2 = tm_smlad(p45, w2, a2);
          a3 = tm_smlad(p34, w01, a3);
          a3 = tm_smlad(p45, w2h, a3);
        }
        tm_dw_put(x, o, a0, ch, general, clamp);
        tm_dw_put(x, o + os, a1, ch, general, clamp);
        tm_dw_put(x, o + 2 * os, a2, ch, general, clamp);
        tm_dw_put(x, o + 3 * os, a3, ch, general, clamp);
        o += 4 * os;
      }
    } else if (fh == 3 && fw == 3 && sw == 2) {
      for (; ox + 1 < ow; ox += 2) {
        int32_t a0 = bias, a1 = bias, ky;
        for (ky = 0; ky < 3; ++ky) {
          const int16_t *r = rb + (size_t)ky * pw + 2 * ox;
          const uint32_t w01 = wk[3 * ky], w2 = wk[3 * ky + 1];
          const uint32_t p01 = tm_load32(r), p23 = tm_load32(r + 2), p45 = tm_load32(r + 4);
          a0 = tm_smlad(p01, w01, a0);
          a0 = tm_smlad(p23, w2, a0);
          a1 = tm_smlad(p23, w01, a1);
          a1 = tm_smlad(p45, w2, a1);
        }
        tm_dw_put(x, o, a0, ch, general, clamp);
        tm_dw_put(x, o + os, a1, ch, general, clamp);
        o += 2 * os;
      }
    }
    for (; ox < ow; ++ox, o += os) {
      int32_t acc = bias, ky, j;
      for (ky = 0; ky < fh; ++ky) {
        const int16_t *r = rb + (size_t)ky * pw + (size_t)ox * sw;
        const uint32_t *wr = wk + ky * (np + 1);
        for (j = 0; j < np; ++j) acc = tm_smlad(tm_load32(r + 2 * j), wr[j], acc);
      }
      tm_dw_put(x, o, acc, ch, general, clamp);
    }
  }
}

tm_status tm_eval_depthwise_conv2d_s8_dsp(const void *params, const void *const *in,
                                          void *const *out, void *scratch) {
  const tm_depthwise_conv2d_s8_dsp_params *p = (const tm_depthwise_conv2d_s8_dsp_params *)params;
  const tm_window *w;
  const int8_t *input, *filter;
  int8_t *output;
  int16_t *planes, zp;
  uint32_t *wbuf;
  tm_dw_ctx x;
  tm_window v;
  int32_t mult, band_rows, ww, b, c0, in_rs, in_cs, f_ys, f_xs;
  int fast;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || scratch == NULL) {
    return TM_BAD_PARAM;
  }
  w = &p->ref.win;
  mult = p->ref.depth_multiplier;
  /* transposed: the planes hold columns (x and y swap roles), for tall narrow images */
  v = *w;
  if (p->transposed) {
    v.input_h = w->input_w, v.input_w = w->input_h, v.output_h = w->output_w;
    v.output_w = w->output_h, v.filter_h = w->filter_w, v.filter_w = w->filter_h;
    v.stride_h = w->stride_w, v.stride_w = w->stride_h, v.pad_h = w->pad_w, v.pad_w = w->pad_h;
  }
  in_rs = p->transposed ? w->input_c : w->input_w * w->input_c;
  in_cs = p->transposed ? w->input_w * w->input_c : w->input_c;
  f_ys = p->transposed ? w->output_c : w->filter_w * w->output_c;
  f_xs = p->transposed ? w->filter_w * w->output_c : w->output_c;
  if (!tm_window_ok(w) || mult < 1 || w->output_c != w->input_c * mult || w->dilation_h != 1 ||
      w->dilation_w != 1 || p->group < 1 || p->group > 4 || p->band < 1 || p->chan == NULL ||
      p->plane_w != tm_dw_dsp_plane_w(v.input_w, v.pad_w, v.output_w, v.stride_w, v.filter_w) ||
      p->ref.input_offset < -127 || p->ref.input_offset > 128) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  filter = (const int8_t *)in[1];
  output = (int8_t *)out[0];
  zp = (int16_t)(-p->ref.input_offset);
  band_rows = tm_dw_dsp_band_rows(p->band, v.stride_h, v.filter_h);
  planes = (int16_t *)scratch;
  wbuf = (uint32_t *)(planes + (size_t)p->group * band_rows * p->plane_w);
  ww = tm_dw_dsp_weight_words(v.filter_h, v.filter_w);
  x.w = &v;
  x.pw = p->plane_w;
  x.oc_n = p->transposed ? w->output_w * w->output_c : w->output_c;
  x.ors = p->transposed ? w->output_c : w->output_w * w->output_c;
  x.off = (p->flags & TM_DSP_OFF_FOLDED) ? 0 : p->ref.output_offset;
  x.fold = (p->flags & TM_DSP_OFF_FOLDED) != 0;
  x.lo = p->ref.act_min;
  x.hi = p->ref.act_max;
  {
    /* every plane value (an even count, word-aligned) to the zero point, two at a time */
    uint32_t *q = (uint32_t *)scratch;
    const uint32_t zz = ((uint32_t)(uint16_t)zp) * 0x00010001u;
    int32_t n = p->group * band_rows * p->plane_w / 2;
    while (n-- > 0) *q++ = zz;
  }
  fast = (p->flags & (TM_DSP_RQ_GENERAL | TM_DSP_CLAMP)) == 0;
  for (b = 0; b < w->batches; ++b) {
    const int8_t *in_b = input + (size_t)b * w->input_h * w->input_w * w->input_c;
    int8_t *out_b = output + (size_t)b * w->output_h * w->output_w * w->output_c;
    for (c0 = 0; c0 < w->input_c; c0 += p->group) {
      const int32_t g = w->input_c - c0 < p->group ? w->input_c - c0 : p->group;
      int32_t oy0, i;
      for (i = 0; i < g * mult; ++i) {
        tm_dw_weights(filter, v.filter_h, v.filter_w, f_ys, f_xs, c0 * mult + i,
                      wbuf + (size_t)i * ww);
      }
      for (oy0 = 0; oy0 < v.output_h; oy0 += p->band) {
        const int32_t rows_out = v.output_h - oy0 < p->band ? v.output_h - oy0 : p->band;
        const int32_t rows_in = tm_dw_dsp_band_rows(rows_out, v.stride_h, v.filter_h);
        tm_dw_unpack(&v, in_b, c0, g, oy0 * v.stride_h - v.pad_h, rows_in, p->plane_w, zp,
                     planes, in_rs, in_cs, (size_t)band_rows * p->plane_w, p->band < v.output_h);
        for (i = 0; i < g * mult; ++i) {
          const int32_t oc = c0 * mult + i;
          const int16_t *plane = planes + (size_t)(i / mult) * band_rows * p->plane_w;
          const int32_t *ch = p->chan + (size_t)oc * TM_DSP_CH_WORDS;
          int8_t *o = out_b + (size_t)oy0 * x.ors + oc;
          if (fast) {
            tm_dw_channel(&x, plane, wbuf + (size_t)i * ww, ch, rows_out, o, 0, 0);
          } else {
            tm_dw_channel(&x, plane, wbuf + (size_t)i * ww, ch, rows_out, o,
                          (p->flags & TM_DSP_RQ_GENERAL) != 0, (p->flags & TM_DSP_CLAMP) != 0);
          }
        }
      }
    }
  }
  return TM_OK;
}

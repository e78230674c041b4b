/* The int8 matrix-product core of the DSP kernels (see tinyml/kernels/dsp_gemm.h). */
#include "tinyml/kernels/dsp_gemm.h"

TM_DSP_INLINE void tm_gemm_put(int8_t *o, int32_t acc, const int32_t *ch, int32_t off, int32_t lo,
                               int32_t hi, const int general, const int clamp) {
  *o = (int8_t)tm_dsp_out(tm_dsp_requant(acc, ch, general), off, lo, hi, clamp);
}

/* The last chunk of an int8 row whose length is not a multiple of four, zero-padded. */
TM_DSP_INLINE uint32_t tm_gemm_tail_word(const int8_t *src, int32_t rem) {
  uint8_t b[4] = {0, 0, 0, 0};
  int32_t j;
  for (j = 0; j < rem; ++j) b[j] = (uint8_t)src[j];
  return tm_load32(b);
}

void tm_dsp_gemm_unpack_all(const tm_dsp_gemm *g, uint32_t *wq) {
  int32_t c;
  for (c = 0; c < g->out_c; ++c) {
    int32_t step;
    uint32_t *dst = tm_dsp_tile_slot(wq, c, g->out_c, g->k, &step);
    tm_dsp_q15_row(g->w + (size_t)c * g->k, g->k, dst, step, 0);
  }
}

/* A single pixel (n == 1, e.g. FULLY_CONNECTED): weights unpacked on the fly, two rows at once. */
static void tm_gemm_single(const tm_dsp_gemm *g, const uint32_t *x, int8_t *out, const int general,
                           const int clamp) {
  const int32_t k = g->k, n4 = k >> 2, rem = k & 3, oc_n = g->out_c;
  const int32_t off = g->output_offset, lo = g->act_min, hi = g->act_max;
  int32_t c;
  for (c = 0; c < oc_n; c += 2) {
    const int two = c + 1 < oc_n;
    const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
    const int8_t *w0 = g->w + (size_t)c * k, *w1 = two ? w0 + k : w0;
    const uint32_t *xp = x;
    int32_t a0 = ch0[TM_DSP_CH_BIAS], a1 = two ? ch1[TM_DSP_CH_BIAS] : 0, j;
    for (j = 0; j < n4; ++j) {
      const uint32_t xa = xp[0], xb = xp[1];
      const uint32_t u = tm_load32(w0), v = tm_load32(w1);
      w0 += 4;
      w1 += 4;
      xp += 2;
      a0 = tm_smlad(xa, tm_sxtb16(u), a0);
      a0 = tm_smlad(xb, tm_sxtb16_ror8(u), a0);
      a1 = tm_smlad(xa, tm_sxtb16(v), a1);
      a1 = tm_smlad(xb, tm_sxtb16_ror8(v), a1);
    }
    if (rem) {
      const uint32_t u = tm_gemm_tail_word(w0, rem), v = tm_gemm_tail_word(w1, rem);
      a0 = tm_smlad(xp[0], tm_sxtb16(u), a0);
      a0 = tm_smlad(xp[1], tm_sxtb16_ror8(u), a0);
      a1 = tm_smlad(xp[0], tm_sxtb16(v), a1);
      a1 = tm_smlad(xp[1], tm_sxtb16_ror8(v), a1);
    }
    tm_gemm_put(out + c, a0, ch0, off, lo, hi, general, clamp);
    if (two) tm_gemm_put(out + c + 1, a1, ch1, off, lo, hi, general, clamp);
  }
}

/* The edges of a tile: one pixel and/or one channel. x and w in the tile layout (2 or 4 words
 * per chunk, `xs` and `ws`), np pixels (1 or 2) by nc channels (1 or 2). */
static void tm_gemm_edge(const tm_dsp_gemm *g, const uint32_t *x, int32_t xs, int32_t np,
                         const uint32_t *w, int32_t ws, int32_t nc, int32_t c, int8_t *o,
                         const int general, const int clamp) {
  const int32_t kc = (g->k + 3) >> 2;
  int32_t i, j;
  for (i = 0; i < np; ++i) {
    const uint32_t *xi = x + 2 * i;
    if (nc == 2) {
      const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
      int32_t a0 = ch0[TM_DSP_CH_BIAS], a1 = ch1[TM_DSP_CH_BIAS], q = kc;
      const uint32_t *xp = xi, *wp = w;
      do {
        const uint32_t xa = xp[0], xb = xp[1];
        a0 = tm_smlad(xa, wp[0], a0);
        a0 = tm_smlad(xb, wp[1], a0);
        a1 = tm_smlad(xa, wp[2], a1);
        a1 = tm_smlad(xb, wp[3], a1);
        xp += xs;
        wp += ws;
      } while (--q);
      tm_gemm_put(o + i * g->out_c, a0, ch0, g->output_offset, g->act_min, g->act_max, general, clamp);
      tm_gemm_put(o + i * g->out_c + 1, a1, ch1, g->output_offset, g->act_min, g->act_max, general, clamp);
    } else {
      for (j = 0; j < nc; ++j) {
        const int32_t *ch = g->chan + (c + j) * TM_DSP_CH_WORDS;
        int32_t acc = ch[TM_DSP_CH_BIAS], q = kc;
        const uint32_t *xp = xi, *wp = w + 2 * j;
        do {
          acc = tm_smlad(xp[0], wp[0], acc);
          acc = tm_smlad(xp[1], wp[1], acc);
          xp += xs;
          wp += ws;
        } while (--q);
        tm_gemm_put(o + i * g->out_c + j, acc, ch, g->output_offset, g->act_min, g->act_max,
                    general, clamp);
      }
    }
  }
}

/* 2x2 blocks through the C requantization (general shifts or a clamped range). */
static void tm_gemm_pairs_c(const tm_dsp_gemm *g, const uint32_t *xp, int32_t pairs,
                            const uint32_t *w, int32_t c, int8_t *o, const int general,
                            const int clamp) {
  const int32_t kc = (g->k + 3) >> 2, os = g->out_c;
  const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
  const int32_t off = g->output_offset, lo = g->act_min, hi = g->act_max;
  while (pairs-- > 0) {
    int32_t a[4];
    a[0] = a[2] = ch0[TM_DSP_CH_BIAS];
    a[1] = a[3] = ch1[TM_DSP_CH_BIAS];
    tm_dsp_dot_2x2(xp, w, kc, a);
    xp += 4 * kc;
    tm_gemm_put(o, a[0], ch0, off, lo, hi, general, clamp);
    tm_gemm_put(o + 1, a[1], ch1, off, lo, hi, general, clamp);
    tm_gemm_put(o + os, a[2], ch0, off, lo, hi, general, clamp);
    tm_gemm_put(o + os + 1, a[3], ch1, off, lo, hi, general, clamp);
    o += 2 * os;
  }
}

void tm_dsp_gemm_tile(const tm_dsp_gemm *g, const uint32_t *tile, int32_t n, uint32_t *wq,
                      int8_t *out) {
  const int general = (g->flags & TM_DSP_RQ_GENERAL) != 0;
  const int clamp = (g->flags & TM_DSP_CLAMP) != 0;
  const int all = (g->flags & TM_DSP_WQ_ALL) != 0;
  const int32_t k = g->k, kc = (k + 3) >> 2, oc_n = g->out_c, pairs = n >> 1;
  const uint32_t *x_last = tile + pairs * 4 * kc; /* the odd last pixel, alone */
  int32_t c;
  if (n == 1 && !all) {
    if (general) {
      if (clamp) tm_gemm_single(g, tile, out, 1, 1); else tm_gemm_single(g, tile, out, 1, 0);
    } else {
      if (clamp) tm_gemm_single(g, tile, out, 0, 1); else tm_gemm_single(g, tile, out, 0, 0);
    }
    return;
  }
  for (c = 0; c < oc_n; c += 2) {
    const int32_t nc = c + 1 < oc_n ? 2 : 1;
    const uint32_t *w;
    if (all) {
      w = wq + (size_t)c * 2 * kc;
    } else {
      int32_t j;
      for (j = 0; j < nc; ++j) {
        int32_t step;
        uint32_t *dst = tm_dsp_tile_slot(wq, j, nc, k, &step);
        tm_dsp_q15_row(g->w + (size_t)(c + j) * k, k, dst, step, 0);
      }
      w = wq;
    }
    if (nc == 2) {
      if (!general && !clamp) {
        tm_dsp_block_ctx ctx;
        const uint32_t *xp = tile;
        int8_t *o = out + c;
        int32_t p;
        ctx.ch = g->chan + c * TM_DSP_CH_WORDS;
        ctx.offset = g->output_offset;
        ctx.ostride = oc_n;
        for (p = 0; p < pairs; ++p) {
          xp = tm_dsp_block_2x2(xp, w, kc, &ctx, o, (g->flags & TM_DSP_OFF_FOLDED) != 0);
          o += 2 * oc_n;
        }
      } else if (general) {
        if (clamp) tm_gemm_pairs_c(g, tile, pairs, w, c, out + c, 1, 1);
        else tm_gemm_pairs_c(g, tile, pairs, w, c, out + c, 1, 0);
      } else {
        tm_gemm_pairs_c(g, tile, pairs, w, c, out + c, 0, 1);
      }
      if (n & 1) {
        int8_t *o = out + (size_t)(n - 1) * oc_n + c;
        if (general) tm_gemm_edge(g, x_last, 2, 1, w, 4, 2, c, o, 1, clamp);
        else tm_gemm_edge(g, x_last, 2, 1, w, 4, 2, c, o, 0, clamp);
      }
    } else {
      /* the odd last channel: every pixel pair, then the odd last pixel */
      int32_t p;
      for (p = 0; p < pairs; ++p) {
        int8_t *o = out + (size_t)2 * p * oc_n + c;
        if (general) tm_gemm_edge(g, tile + p * 4 * kc, 4, 2, w, 2, 1, c, o, 1, clamp);
        else tm_gemm_edge(g, tile + p * 4 * kc, 4, 2, w, 2, 1, c, o, 0, clamp);
      }
      if (n & 1) {
        int8_t *o = out + (size_t)(n - 1) * oc_n + c;
        if (general) tm_gemm_edge(g, x_last, 2, 1, w, 2, 1, c, o, 1, clamp);
        else tm_gemm_edge(g, x_last, 2, 1, w, 2, 1, c, o, 0, clamp);
      }
    }
  }
}

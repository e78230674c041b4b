/* CONV_2D int8, any filter/stride/padding/dilation (no groups), DSP extension: im2col of each
 * output pixel's window straight into the q15 tile (padding taps hold the input zero point, whose
 * product the folded bias cancels), then the matrix-product core (dsp_gemm.h). */
#include "tinyml/kernels/dsp_conv2d.h"

/* n bytes from src to dst, a word at a time: may write up to 3 bytes past dst + n (the patch has
 * room) and reads past src + n only while that stays below src_end. */
TM_DSP_INLINE void tm_copy_run(int8_t *dst, const int8_t *src, int32_t n, const int8_t *src_end) {
  if (src + ((n + 3) & ~3) <= src_end) {
    for (; n > 0; n -= 4, dst += 4, src += 4) tm_store32(dst, tm_load32(src));
  } else {
    while (n-- > 0) *dst++ = *src++;
  }
}

/* nw words from src to dst (nw >= 1). */
TM_DSP_INLINE void tm_copy_words(int8_t *dst, const int8_t *src, int32_t nw) {
  switch (nw) {
    case 3:
      tm_store32(dst + 8, tm_load32(src + 8));
      /* fall through */
    case 2:
      tm_store32(dst + 4, tm_load32(src + 4));
      /* fall through */
    case 1:
      tm_store32(dst, tm_load32(src));
      return;
    default:
      do {
        tm_store32(dst, tm_load32(src));
        dst += 4;
        src += 4;
      } while (--nw);
  }
}

/* n bytes of the zero point (word stores, may write up to 3 bytes past dst + n). */
TM_DSP_INLINE void tm_fill_run(int8_t *dst, uint32_t zp4, int32_t n) {
  for (; n > 0; n -= 4, dst += 4) tm_store32(dst, zp4);
}

/*
 * cnt >= 1 consecutive output pixels whose windows lie inside the input (filter_w taps of c_in
 * bytes in a row, dilation_w 1): tile pixels i, i + 1, ... of a tile of n; src is the first
 * pixel's window's top-left byte, the next pixel's xstep bytes on, its rows rstep apart.
 * Each window goes into the patch as fh runs of run_words words (the runs overlap by up to 3
 * bytes, written in order), then is unpacked as k4 / 4 whole chunks.
 */
typedef struct {
  int32_t fh, run, run_words, rstep, xstep, k, k4;
} tm_im2col_geo;

/* The seven chunks of a k = 27 window (three rows of 9 bytes, rstep apart, from src) into dst,
 * `step` words apart (tm_im2col_interior). */
TM_DSP_INLINE void tm_im2col_k27(const int8_t *src, int32_t rstep, uint32_t *dst, const int step) {
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  uint32_t v, u, a, b;
  const int8_t *s1;
#define TM_K27_PUT(bytes)                         \
  "sxtb16 %[a], %[v]\n\t"                         \
  "sxtb16 %[b], %[v], ror #8\n\t"                 \
  "strd %[a], %[b], [%[d]], #" #bytes "\n\t"
#define TM_K27(bytes)                             \
  __asm__ volatile(                               \
      "ldr %[v], [%[s]]\n\t"                      \
      TM_K27_PUT(bytes)                           \
      "ldr %[v], [%[s], #4]\n\t"                  \
      TM_K27_PUT(bytes)                           \
      "add %[s1], %[s], %[rs]\n\t"                \
      "ldr %[v], [%[s1], #-1]\n\t"                \
      "ldrb %[u], [%[s], #8]\n\t"                 \
      "bfi %[v], %[u], #0, #8\n\t"                \
      TM_K27_PUT(bytes)                           \
      "ldr %[v], [%[s1], #3]\n\t"                 \
      TM_K27_PUT(bytes)                           \
      "ldrh %[u], [%[s1], #7]\n\t"                \
      "add %[s1], %[s1], %[rs]\n\t"               \
      "ldr %[v], [%[s1], #-2]\n\t"                \
      "bfi %[v], %[u], #0, #16\n\t"               \
      TM_K27_PUT(bytes)                           \
      "ldr %[v], [%[s1], #2]\n\t"                 \
      TM_K27_PUT(bytes)                           \
      "ldr %[v], [%[s1], #6]\n\t"                 \
      TM_K27_PUT(bytes)                           \
      : [d] "+r"(dst), [v] "=&r"(v), [u] "=&r"(u), [a] "=&r"(a), [b] "=&r"(b), [s1] "=&r"(s1) \
      : [s] "r"(src), [rs] "r"(rstep)             \
      : "memory")
  if (step == 4) TM_K27(16); else TM_K27(8);
#undef TM_K27
#undef TM_K27_PUT
#else
  const int8_t *s1 = src + rstep, *s2 = s1 + rstep;
  uint32_t w[7];
  int32_t j;
  w[0] = tm_load32(src);
  w[1] = tm_load32(src + 4);
  w[2] = (tm_load32(s1 - 1) & 0xffffff00u) | (uint8_t)src[8];
  w[3] = tm_load32(s1 + 3);
  w[4] = (tm_load32(s2 - 2) & 0xffff0000u) | (uint32_t)(uint8_t)s1[7] |
         ((uint32_t)(uint8_t)s1[8] << 8);
  w[5] = tm_load32(s2 + 2);
  w[6] = tm_load32(s2 + 6);
  for (j = 0; j < 7; ++j, dst += step) {
    dst[0] = tm_sxtb16(w[j]);
    dst[1] = tm_sxtb16_ror8(w[j]);
  }
#endif
}

static void tm_im2col_interior(const tm_im2col_geo *geo, const int8_t *src, int32_t cnt,
                               int8_t *patch, uint32_t *tile, int32_t i, int32_t n) {
  const int32_t rstep = geo->rstep;
  const int fast3 = geo->fh == 3 && geo->run_words == 3;
  if (geo->fh == 3 && geo->run == 9) {
    /* k = 27 (a 3x3 filter over 3 channels): the seven chunk words straight from the three rows
     * of 9 bytes, the two that straddle rows merged (reads stay inside the input: the rows before
     * the second and third, and the caller's bound for the last row's 10th byte, which meets the
     * zero weight padding) */
    do {
      int32_t step;
      uint32_t *dst = tm_dsp_tile_slot(tile, i, n, geo->k, &step);
      if (step == 4) tm_im2col_k27(src, rstep, dst, 4); else tm_im2col_k27(src, rstep, dst, 2);
      src += geo->xstep;
      ++i;
    } while (--cnt);
    return;
  }
  do {
    int32_t step;
    uint32_t *dst = tm_dsp_tile_slot(tile, i, n, geo->k, &step);
    if (fast3) {
      const int32_t run = geo->run;
      const int8_t *s1 = src + rstep, *s2 = s1 + rstep;
      int8_t *q1 = patch + run, *q2 = q1 + run;
      tm_store32(patch, tm_load32(src));
      tm_store32(patch + 4, tm_load32(src + 4));
      tm_store32(patch + 8, tm_load32(src + 8));
      tm_store32(q1, tm_load32(s1));
      tm_store32(q1 + 4, tm_load32(s1 + 4));
      tm_store32(q1 + 8, tm_load32(s1 + 8));
      tm_store32(q2, tm_load32(s2));
      tm_store32(q2 + 4, tm_load32(s2 + 4));
      tm_store32(q2 + 8, tm_load32(s2 + 8));
    } else {
      const int8_t *r = src;
      int8_t *q = patch;
      int32_t fy;
      for (fy = 0; fy < geo->fh; ++fy, q += geo->run, r += rstep) tm_copy_words(q, r, geo->run_words);
    }
    /* whole chunks: the bytes past k multiply zero weights (the padding of the last chunk) */
    tm_dsp_q15_row(patch, geo->k4, dst, step, 0);
    src += geo->xstep;
    ++i;
  } while (--cnt);
}

tm_status tm_eval_conv2d_s8_dsp(const void *params, const void *const *in, void *const *out,
                                void *scratch) {
  const tm_conv2d_s8_dsp_params *p = (const tm_conv2d_s8_dsp_params *)params;
  const tm_window *w;
  const int8_t *input;
  int8_t *output, *patch, zp;
  uint32_t *tile, *wq, zp_pair, zp4;
  const int8_t *in_end;
  tm_dsp_gemm g;
  int32_t k, c_in, npix, per_image, p0, b, oy, ox, run, run_words, y_span, x_span;
  size_t row_bytes;
  int32_t k4, ox_lo, ox_hi;
  int fast;
  tm_im2col_geo geo;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || scratch == NULL) {
    return TM_BAD_PARAM;
  }
  w = &p->ref.win;
  if (!tm_window_ok(w) || p->ref.filter_c != w->input_c || p->tile < 1 || p->chan == NULL ||
      p->ref.input_offset < -127 || p->ref.input_offset > 128) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  in_end = input + (size_t)w->batches * w->input_h * w->input_w * w->input_c;
  c_in = w->input_c;
  k = w->filter_h * w->filter_w * c_in;
  per_image = w->output_h * w->output_w;
  npix = w->batches * per_image;
  tile = (uint32_t *)scratch;
  zp = (int8_t)(-p->ref.input_offset);
  zp4 = (uint32_t)(uint8_t)zp * 0x01010101u;
  zp_pair = ((uint32_t)(uint8_t)zp * 0x00010001u) | ((uint32_t)(zp < 0 ? 0xff00ff00u : 0u));
  g.k = k;
  g.out_c = w->output_c;
  g.w = (const int8_t *)in[1];
  g.chan = p->chan;
  g.output_offset = (p->flags & TM_DSP_OFF_FOLDED) ? 0 : p->ref.output_offset;
  g.act_min = p->ref.act_min;
  g.act_max = p->ref.act_max;
  g.flags = p->flags;
  wq = tile + tm_dsp_tile_words(p->tile, k);
  patch = (int8_t *)(wq + tm_dsp_gemm_wq_words(k, g.out_c, g.flags));
  memset(patch, 0, (size_t)((k + 3) & ~3)); /* the last chunk's padding is always defined */
  if (g.flags & TM_DSP_WQ_ALL) tm_dsp_gemm_unpack_all(&g, wq);
  /* the output pixel's coordinates advance one by one (no divisions per pixel) */
  b = 0;
  oy = 0;
  ox = 0;
  k4 = (k + 3) & ~3;
  run = w->filter_w * c_in;
  run_words = (run + 3) >> 2;
  y_span = (w->filter_h - 1) * w->dilation_h;
  x_span = (w->filter_w - 1) * w->dilation_w;
  row_bytes = (size_t)w->input_w * c_in;
  /* the output columns whose windows lie inside the input's width */
  fast = (c_in & 3) != 0 && w->dilation_w == 1;
  ox_lo = (w->pad_w + w->stride_w - 1) / w->stride_w;
  ox_hi = w->input_w - 1 - x_span + w->pad_w < 0 ? -1
          : (w->input_w - 1 - x_span + w->pad_w) / w->stride_w;
  if (ox_hi > w->output_w - 1) ox_hi = w->output_w - 1;
  geo.fh = w->filter_h;
  geo.run = run;
  geo.run_words = run_words;
  geo.rstep = w->dilation_h * (int32_t)row_bytes;
  geo.xstep = w->stride_w * c_in;
  geo.k = k;
  geo.k4 = k4;
  for (p0 = 0; p0 < npix; p0 += p->tile) {
    const int32_t n = npix - p0 < p->tile ? npix - p0 : p->tile;
    int32_t i;
    for (i = 0; i < n; ++i) {
      const int32_t y0 = oy * w->stride_h - w->pad_h, x0 = ox * w->stride_w - w->pad_w;
      if (fast && ox >= ox_lo && ox <= ox_hi && y0 >= 0 && y0 + y_span < w->input_h) {
        /* a run of interior pixels along the output row */
        int32_t cnt = ox_hi - ox + 1;
        const int8_t *src =
            input + ((size_t)b * w->input_h + (size_t)y0) * row_bytes + (size_t)x0 * c_in;
        if (cnt > n - i) cnt = n - i;
        if (src + (size_t)(cnt - 1) * geo.xstep + (size_t)y_span * row_bytes + 4 * run_words <=
            in_end) {
          tm_im2col_interior(&geo, src, cnt, patch, tile, i, n);
          i += cnt - 1;
          ox += cnt - 1;
          if (++ox == w->output_w) {
            ox = 0;
            if (++oy == w->output_h) {
              oy = 0;
              ++b;
            }
          }
          continue;
        }
      }
      const int8_t *in_b = input + (size_t)b * w->input_h * row_bytes;
      int32_t step, fy, fx, fx0, fx1;
      uint32_t *dst = tm_dsp_tile_slot(tile, i, n, k, &step);
      const int interior = y0 >= 0 && y0 + y_span < w->input_h && x0 >= 0 && x0 + x_span < w->input_w;
      if (interior && (c_in & 3) != 0 && w->dilation_w == 1) {
        /* the window's filter_h runs of filter_w * c_in bytes, copied a word at a time */
        const int8_t *src = in_b + (size_t)y0 * row_bytes + (size_t)x0 * c_in;
        const size_t rstep = (size_t)w->dilation_h * row_bytes;
        int8_t *q = patch;
        for (fy = 0; fy < w->filter_h; ++fy, q += run, src += rstep) {
          if (src + 4 * run_words <= in_end) {
            tm_copy_words(q, src, run_words);
          } else {
            tm_copy_run(q, src, run, in_end);
          }
        }
        /* whole chunks: the bytes past k multiply zero weights (the padding of the last chunk) */
        tm_dsp_q15_row(patch, k4, dst, step, 0);
      } else if (interior && (c_in & 3) == 0) {
        const int8_t *row = in_b + (size_t)y0 * row_bytes + (size_t)x0 * c_in;
        const size_t rstep = (size_t)w->dilation_h * row_bytes;
        const size_t xstep = (size_t)w->dilation_w * c_in;
        const int32_t chunks = c_in >> 2;
        for (fy = 0; fy < w->filter_h; ++fy, row += rstep) {
          const int8_t *src = row;
          for (fx = 0; fx < w->filter_w; ++fx, src += xstep) {
            tm_dsp_q15_row(src, c_in, dst, step, 0);
            dst += chunks * step;
          }
        }
      } else {
        tm_window_taps(x0, w->input_w, w->filter_w, w->dilation_w, &fx0, &fx1);
        if ((c_in & 3) == 0) {
          /* whole chunks per tap: unpack each tap's channels in place */
          const int32_t chunks = c_in >> 2;
          for (fy = 0; fy < w->filter_h; ++fy) {
            const int32_t y = y0 + fy * w->dilation_h;
            const int y_ok = y >= 0 && y < w->input_h;
            for (fx = 0; fx < w->filter_w; ++fx) {
              if (y_ok && fx >= fx0 && fx < fx1) {
                const int8_t *src =
                    in_b + ((size_t)y * w->input_w + (size_t)(x0 + fx * w->dilation_w)) * c_in;
                tm_dsp_q15_row(src, c_in, dst, step, 0);
                dst += chunks * step;
              } else {
                int32_t j;
                for (j = 0; j < chunks; ++j, dst += step) {
                  dst[0] = zp_pair;
                  dst[1] = zp_pair;
                }
              }
            }
          }
        } else {
          int8_t *q = patch;
          for (fy = 0; fy < w->filter_h; ++fy, q += run) {
            const int32_t y = y0 + fy * w->dilation_h;
            if (y < 0 || y >= w->input_h || fx0 >= fx1) {
              tm_fill_run(q, zp4, run);
            } else {
              const int8_t *row = in_b + (size_t)y * row_bytes;
              if (fx0 > 0) tm_fill_run(q, zp4, fx0 * c_in);
              if (w->dilation_w == 1) {
                tm_copy_run(q + fx0 * c_in, row + (size_t)(x0 + fx0) * c_in, (fx1 - fx0) * c_in, in_end);
              } else {
                for (fx = fx0; fx < fx1; ++fx) {
                  tm_copy_run(q + fx * c_in, row + (size_t)(x0 + fx * w->dilation_w) * c_in, c_in, in_end);
                }
              }
              if (fx1 < w->filter_w) tm_fill_run(q + fx1 * c_in, zp4, (w->filter_w - fx1) * c_in);
            }
          }
          tm_dsp_q15_row(patch, k, dst, step, 0);
        }
      }
      if (++ox == w->output_w) {
        ox = 0;
        if (++oy == w->output_h) {
          oy = 0;
          ++b;
        }
      }
    }
    tm_dsp_gemm_tile(&g, tile, n, wq, output + (size_t)p0 * g.out_c);
  }
  return TM_OK;
}

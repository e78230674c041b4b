/* AVERAGE_POOL_2D int8, DSP extension (dsp_pooling.h): window sums of sixteen, eight or four
 * channels in 16-bit lanes (SXTAB16), on Thumb-2 in assembly loops. */
#include "tinyml/kernels/dsp_pooling.h"
#include "tinyml/quant.h"

/* A group of rows of one window: x at its first tap, rows x cols taps (rows * cols <= 256),
 * taps col bytes apart along a row, rows `row` bytes apart. */
typedef struct {
  int32_t cols;
  int32_t rskip; /* row - cols * col: from past a row's last tap to the next row's first */
  int32_t col;
} tm_pool_geom;

/* Lane sums of eight channels over `rows` rows: a[0] = (c0, c2), a[1] = (c1, c3),
 * a[2] = (c4, c6), a[3] = (c5, c7), added to a[]. Returns x past the group. */
static const int8_t *tm_pool_sum8(const int8_t *x, int32_t rows, const tm_pool_geom *g,
                                  uint32_t *a) {
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  uint32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], w0, w1;
  int32_t n;
  __asm__ volatile(
      "2:\n\t"
      "ldr %[n], %[colsm]\n"
      "1:\n\t"
      "ldr %[w0], [%[x]]\n\t"
      "ldr %[w1], [%[x], #4]\n\t"
      "add %[x], %[x], %[col]\n\t"
      "sxtab16 %[a0], %[a0], %[w0]\n\t"
      "sxtab16 %[a1], %[a1], %[w0], ror #8\n\t"
      "sxtab16 %[a2], %[a2], %[w1]\n\t"
      "sxtab16 %[a3], %[a3], %[w1], ror #8\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      "ldr %[w0], %[rskipm]\n\t"
      "add %[x], %[x], %[w0]\n\t"
      "subs %[rows], %[rows], #1\n\t"
      "bne 2b\n"
      : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x),
        [rows] "+r"(rows), [n] "=&r"(n), [w0] "=&r"(w0), [w1] "=&r"(w1)
      : [col] "r"(g->col), [colsm] "m"(g->cols), [rskipm] "m"(g->rskip)
      : "cc");
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
#else
  int32_t r, k;
  for (r = 0; r < rows; ++r, x += g->rskip) {
    for (k = 0; k < g->cols; ++k, x += g->col) {
      const uint32_t w0 = tm_load32(x), w1 = tm_load32(x + 4);
      a[0] = tm_sxtab16(a[0], w0);
      a[1] = tm_sxtab16_ror8(a[1], w0);
      a[2] = tm_sxtab16(a[2], w1);
      a[3] = tm_sxtab16_ror8(a[3], w1);
    }
  }
#endif
  return x;
}

/* The same for four channels: a[0] = (c0, c2), a[1] = (c1, c3). */
static const int8_t *tm_pool_sum4(const int8_t *x, int32_t rows, const tm_pool_geom *g,
                                  uint32_t *a) {
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  uint32_t a0 = a[0], a1 = a[1], w0;
  int32_t n;
  __asm__ volatile(
      "2:\n\t"
      "ldr %[n], %[colsm]\n"
      "1:\n\t"
      "ldr %[w0], [%[x]]\n\t"
      "add %[x], %[x], %[col]\n\t"
      "sxtab16 %[a0], %[a0], %[w0]\n\t"
      "sxtab16 %[a1], %[a1], %[w0], ror #8\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      "ldr %[w0], %[rskipm]\n\t"
      "add %[x], %[x], %[w0]\n\t"
      "subs %[rows], %[rows], #1\n\t"
      "bne 2b\n"
      : [a0] "+r"(a0), [a1] "+r"(a1), [x] "+r"(x), [rows] "+r"(rows), [n] "=&r"(n),
        [w0] "=&r"(w0)
      : [col] "r"(g->col), [colsm] "m"(g->cols), [rskipm] "m"(g->rskip)
      : "cc");
  a[0] = a0;
  a[1] = a1;
#else
  int32_t r, k;
  for (r = 0; r < rows; ++r, x += g->rskip) {
    for (k = 0; k < g->cols; ++k, x += g->col) {
      const uint32_t w0 = tm_load32(x);
      a[0] = tm_sxtab16(a[0], w0);
      a[1] = tm_sxtab16_ror8(a[1], w0);
    }
  }
#endif
  return x;
}

/* Sixteen channels: a[2q] = (c4q, c4q+2), a[2q+1] = (c4q+1, c4q+3) for q = 0..3. One word
 * register for the loads and the column step from memory keep the assembly loop (one row)
 * within eleven registers. */
#if defined(__GNUC__)
__attribute__((noinline)) /* its own frame: the registers for the loop */
#endif
static const int8_t *tm_pool_sum16(const int8_t *x, int32_t rows, const tm_pool_geom *g,
                                   uint32_t *a) {
  int32_t r;
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  uint32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6],
           a7 = a[7], w0;
  for (r = 0; r < rows; ++r) {
    int32_t n = g->cols;
    __asm__ volatile(
        "1:\n\t"
        "ldr %[w0], [%[x]]\n\t"
        "sxtab16 %[a0], %[a0], %[w0]\n\t"
        "sxtab16 %[a1], %[a1], %[w0], ror #8\n\t"
        "ldr %[w0], [%[x], #4]\n\t"
        "sxtab16 %[a2], %[a2], %[w0]\n\t"
        "sxtab16 %[a3], %[a3], %[w0], ror #8\n\t"
        "ldr %[w0], [%[x], #8]\n\t"
        "sxtab16 %[a4], %[a4], %[w0]\n\t"
        "sxtab16 %[a5], %[a5], %[w0], ror #8\n\t"
        "ldr %[w0], [%[x], #12]\n\t"
        "sxtab16 %[a6], %[a6], %[w0]\n\t"
        "sxtab16 %[a7], %[a7], %[w0], ror #8\n\t"
        "ldr %[w0], %[colm]\n\t"
        "add %[x], %[x], %[w0]\n\t"
        "subs %[n], %[n], #1\n\t"
        "bne 1b\n"
        : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [a4] "+r"(a4),
          [a5] "+r"(a5), [a6] "+r"(a6), [a7] "+r"(a7), [x] "+r"(x), [n] "+r"(n), [w0] "=&r"(w0)
        : [colm] "m"(g->col)
        : "cc");
    x += g->rskip;
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
  a[4] = a4;
  a[5] = a5;
  a[6] = a6;
  a[7] = a7;
#else
  int32_t k, q;
  for (r = 0; r < rows; ++r, x += g->rskip) {
    for (k = 0; k < g->cols; ++k, x += g->col) {
      for (q = 0; q < 4; ++q) {
        const uint32_t w0 = tm_load32(x + 4 * q);
        a[2 * q] = tm_sxtab16(a[2 * q], w0);
        a[2 * q + 1] = tm_sxtab16_ror8(a[2 * q + 1], w0);
      }
    }
  }
#endif
  return x;
}

/* Adds the lane sums of `words` accumulators (laid out as above) to the 32-bit sums s. */
TM_DSP_INLINE void tm_pool_widen(int32_t *s, const uint32_t *a, int32_t words) {
  int32_t i;
  for (i = 0; i < words; ++i) {
    int32_t *t = s + 4 * (i >> 1) + (i & 1);
    t[0] += (int32_t)(int16_t)(a[i] & 0xffffu);
    t[2] += (int32_t)(int16_t)(a[i] >> 16);
  }
}

/* The reference's rounding division and clamp. */
TM_DSP_INLINE int8_t tm_pool_avg(int32_t sum, int32_t count, int32_t lo, int32_t hi) {
  const int32_t acc = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  return (int8_t)tm_clamp_i32(acc, lo, hi);
}

/* The averages of `width` (16, 8 or 4) channels from x (the window's first tap) into o: the
 * rows in groups of `group` summed in 16-bit lanes, then widened. */
TM_DSP_INLINE void tm_pool_block(const int8_t *x, int32_t nr, int32_t group, const tm_pool_geom *g,
                                 const int32_t width, int32_t count, int32_t lo, int32_t hi,
                                 int8_t *o) {
  int32_t s[16] = {0}, r, j;
  for (r = 0; r < nr; r += group) {
    const int32_t rows = nr - r < group ? nr - r : group;
    uint32_t a[8] = {0};
    if (width == 16) x = tm_pool_sum16(x, rows, g, a);
    else if (width == 8) x = tm_pool_sum8(x, rows, g, a);
    else x = tm_pool_sum4(x, rows, g, a);
    tm_pool_widen(s, a, width / 2);
  }
  for (j = 0; j < width; ++j) o[j] = tm_pool_avg(s[j], count, lo, hi);
}

tm_status tm_avg_pool_s8_dsp(const tm_pool_s8_params *p, const int8_t *input, int8_t *output) {
  const tm_window *w = &p->win;
  const int32_t depth = w->input_c;
  const int32_t lo = p->act_min, hi = p->act_max;
  int32_t b, oy, ox;
  tm_pool_geom g;
  if (!tm_pool_window_ok(w) || lo > hi || w->filter_w > TM_DSP_POOL_MAX_COLS) return TM_BAD_PARAM;
  g.col = depth;
  for (b = 0; b < w->batches; ++b) {
    const int8_t *in_b = input + (size_t)b * w->input_h * w->input_w * depth;
    for (oy = 0; oy < w->output_h; ++oy) {
      const int32_t in_y0 = oy * w->stride_h - w->pad_h;
      int32_t fy0, fy1, rows;
      tm_window_taps(in_y0, w->input_h, w->filter_h, 1, &fy0, &fy1);
      rows = fy1 - fy0;
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t in_x0 = ox * w->stride_w - w->pad_w;
        int8_t *o = output + (((size_t)b * w->output_h + oy) * w->output_w + ox) * depth;
        const int8_t *x;
        int32_t fx0, fx1, count, group, nr, c;
        tm_window_taps(in_x0, w->input_w, w->filter_w, 1, &fx0, &fx1);
        g.cols = fx1 - fx0;
        count = rows * g.cols;
        if (count == 0) return TM_BAD_PARAM; /* a window entirely in the padding */
        g.rskip = w->input_w * depth - g.cols * depth;
        nr = rows;
        if (g.rskip == 0 && count <= TM_DSP_POOL_MAX_COLS) {
          /* whole image rows: one run of taps (as global pooling does) */
          g.cols = count;
          nr = 1;
        }
        group = TM_DSP_POOL_MAX_COLS / g.cols; /* rows per 16-bit lane group */
        x = in_b + ((size_t)(in_y0 + fy0) * w->input_w + (in_x0 + fx0)) * depth;
        for (c = 0; c + 16 <= depth; c += 16) tm_pool_block(x + c, nr, group, &g, 16, count, lo, hi, o + c);
        if (c + 8 <= depth) {
          tm_pool_block(x + c, nr, group, &g, 8, count, lo, hi, o + c);
          c += 8;
        }
        if (c + 4 <= depth) {
          tm_pool_block(x + c, nr, group, &g, 4, count, lo, hi, o + c);
          c += 4;
        }
        for (; c < depth; ++c) {
          const int8_t *xr = x + c;
          int32_t s = 0, r, k;
          for (r = 0; r < nr; ++r, xr += g.rskip) {
            for (k = 0; k < g.cols; ++k, xr += depth) s += *xr;
          }
          o[c] = tm_pool_avg(s, count, lo, hi);
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_avg_pool_s8_dsp(const void *params, const void *const *in, void *const *out,
                                  void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_avg_pool_s8_dsp((const tm_pool_s8_params *)params, (const int8_t *)in[0],
                            (int8_t *)out[0]);
}

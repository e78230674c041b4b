/* AVERAGE_POOL_2D, int8 reference kernel (TFLM reference_integer_ops::AveragePool arithmetic).
 * Each output pixel's window is clipped to the input once; four neighbouring channels (adjacent
 * bytes in NHWC) are summed together by one pointer walk over it. */
#include "tinyml/kernels/pooling.h"
#include "tinyml/quant.h"

/* The window of one output pixel: x points at its first input of the first channel; rows x
 * cols inputs (both >= 1), stepping col bytes along a row and row bytes down. */
typedef struct {
  const int8_t *x;
  int32_t rows, cols, col, row;
} tm_pool_win;

/* sum[j] = sum of the window's inputs of channel j, for j = 0..3 (channels == 4: one
 * channel). */
static void tm_avg_sum(int32_t *sum, const tm_pool_win *t, int32_t channels) {
  const int8_t *x = t->x;
  int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, r, k;
  for (r = 0; r < t->rows; ++r, x += t->row) {
    const int8_t *xp = x;
    if (channels == 4) {
      for (k = 0; k < t->cols; ++k, xp += t->col) {
        s0 += xp[0];
        s1 += xp[1];
        s2 += xp[2];
        s3 += xp[3];
      }
    } else {
      for (k = 0; k < t->cols; ++k, xp += t->col) s0 += xp[0];
    }
  }
  sum[0] = s0;
  sum[1] = s1;
  sum[2] = s2;
  sum[3] = s3;
}

tm_status tm_avg_pool_s8(const tm_pool_s8_params *p, const int8_t *input, int8_t *output) {
  const tm_window *w = &p->win;
  const int32_t depth = w->input_c;
  int32_t b, oy, ox, c;
  tm_pool_win t;
  if (!tm_pool_window_ok(w) || p->act_min > p->act_max) return TM_BAD_PARAM;
  t.col = depth;
  t.row = w->input_w * depth;
  for (b = 0; b < w->batches; ++b) {
    const int8_t *in_b = input + (size_t)b * w->input_h * w->input_w * depth;
    for (oy = 0; oy < w->output_h; ++oy) {
      const int32_t in_y0 = oy * w->stride_h - w->pad_h;
      int32_t fy0, fy1;
      tm_window_taps(in_y0, w->input_h, w->filter_h, 1, &fy0, &fy1);
      t.rows = fy1 - fy0;
      for (ox = 0; ox < w->output_w; ++ox) {
        const int32_t in_x0 = ox * w->stride_w - w->pad_w;
        int8_t *out_px = output + (((size_t)b * w->output_h + oy) * w->output_w + ox) * depth;
        int32_t fx0, fx1, count;
        tm_window_taps(in_x0, w->input_w, w->filter_w, 1, &fx0, &fx1);
        t.cols = fx1 - fx0;
        count = t.rows * t.cols;
        if (count == 0) return TM_BAD_PARAM; /* a window entirely in the padding */
        t.x = in_b + ((size_t)(in_y0 + fy0) * w->input_w + (in_x0 + fx0)) * depth;
        for (c = 0; c < depth;) {
          const int32_t n = depth - c >= 4 ? 4 : 1;
          int32_t sum[4], j;
          tm_avg_sum(sum, &t, n);
          for (j = 0; j < n; ++j) {
            /* Round half away from zero, with C's truncating division. */
            const int32_t acc = sum[j] > 0 ? (sum[j] + count / 2) / count
                                           : (sum[j] - count / 2) / count;
            out_px[c + j] = (int8_t)tm_clamp_i32(acc, p->act_min, p->act_max);
          }
          c += n;
          t.x += n;
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_avg_pool_s8(const void *params, const void *const *in, void *const *out,
                              void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_avg_pool_s8((const tm_pool_s8_params *)params, (const int8_t *)in[0],
                        (int8_t *)out[0]);
}

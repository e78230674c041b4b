/* CONV_2D int8 with a 1x1 filter (pointwise), DSP extension: each tile of output pixels is
 * unpacked to q15 once and multiplied by every weight row (dsp_gemm.h). */
#include "tinyml/kernels/dsp_conv2d.h"

tm_status tm_eval_conv2d_1x1_s8_dsp(const void *params, const void *const *in, void *const *out,
                                    void *scratch) {
  const tm_conv2d_s8_dsp_params *p = (const tm_conv2d_s8_dsp_params *)params;
  const tm_window *w;
  const int8_t *input;
  int8_t *output;
  uint32_t *tile, *wq;
  tm_dsp_gemm g;
  int32_t k, npix, per_image, p0;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || scratch == NULL) {
    return TM_BAD_PARAM;
  }
  w = &p->ref.win;
  if (!tm_window_ok(w) || w->filter_h != 1 || w->filter_w != 1 || w->pad_h != 0 ||
      w->pad_w != 0 || p->ref.filter_c != w->input_c || p->tile < 1 || p->chan == NULL) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  k = w->input_c;
  per_image = w->output_h * w->output_w;
  npix = w->batches * per_image;
  tile = (uint32_t *)scratch;
  g.k = k;
  g.out_c = w->output_c;
  g.w = (const int8_t *)in[1];
  g.chan = p->chan;
  g.output_offset = (p->flags & TM_DSP_OFF_FOLDED) ? 0 : p->ref.output_offset;
  g.act_min = p->ref.act_min;
  g.act_max = p->ref.act_max;
  g.flags = p->flags;
  wq = tile + tm_dsp_tile_words(p->tile, k);
  if (g.flags & TM_DSP_WQ_ALL) tm_dsp_gemm_unpack_all(&g, wq);
  for (p0 = 0; p0 < npix; p0 += p->tile) {
    const int32_t n = npix - p0 < p->tile ? npix - p0 : p->tile;
    int32_t i;
    if (w->stride_h == 1 && w->stride_w == 1 && (k & 3) == 0) {
      /* contiguous pixels of whole chunks: a pair's two rows unpacked side by side */
      const int8_t *src = input + (size_t)p0 * k;
      uint32_t *dst = tile;
      tm_dsp_q15_pairs(&src, k, n >> 1, &dst);
      if (n & 1) tm_dsp_q15_row(src, k, dst, 2, 0);
    } else if (w->stride_h == 1 && w->stride_w == 1) {
      const int8_t *src = input + (size_t)p0 * k;
      for (i = 0; i < n; ++i, src += k) {
        int32_t step;
        uint32_t *dst = tm_dsp_tile_slot(tile, i, n, k, &step);
        tm_dsp_q15_row(src, k, dst, step, 0);
      }
    } else {
      for (i = 0; i < n; ++i) {
        const int32_t pix = p0 + i, b = pix / per_image, r = pix - b * per_image;
        const int32_t oy = r / w->output_w, ox = r - oy * w->output_w;
        const int8_t *src =
            input + (((size_t)b * w->input_h + (size_t)oy * w->stride_h) * w->input_w +
                     (size_t)ox * w->stride_w) * k;
        int32_t step;
        uint32_t *dst = tm_dsp_tile_slot(tile, i, n, k, &step);
        tm_dsp_q15_row(src, k, dst, step, 0);
      }
    }
    tm_dsp_gemm_tile(&g, tile, n, wq, output + (size_t)p0 * g.out_c);
  }
  return TM_OK;
}

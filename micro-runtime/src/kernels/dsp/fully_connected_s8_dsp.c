/* FULLY_CONNECTED int8, DSP extension: the rows (batches) are unpacked to q15 tile by tile and
 * multiplied by the weight rows (dsp_gemm.h); one row reads the int8 weights directly. */
#include "tinyml/kernels/dsp_conv2d.h"

tm_status tm_eval_fully_connected_s8_dsp(const void *params, const void *const *in,
                                         void *const *out, void *scratch) {
  const tm_fully_connected_s8_dsp_params *p = (const tm_fully_connected_s8_dsp_params *)params;
  const int8_t *input;
  int8_t *output;
  uint32_t *tile, *wq;
  tm_dsp_gemm g;
  int32_t k, p0;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || scratch == NULL) {
    return TM_BAD_PARAM;
  }
  if (p->ref.batches < 1 || p->ref.accum_depth < 1 || p->ref.output_depth < 1 ||
      p->ref.act_min > p->ref.act_max || p->ref.filter_offset != 0 || p->tile < 1 ||
      p->chan == NULL) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  output = (int8_t *)out[0];
  k = p->ref.accum_depth;
  tile = (uint32_t *)scratch;
  g.k = k;
  g.out_c = p->ref.output_depth;
  g.w = (const int8_t *)in[1];
  g.chan = p->chan;
  g.output_offset = (p->flags & TM_DSP_OFF_FOLDED) ? 0 : p->ref.output_offset;
  g.act_min = p->ref.act_min;
  g.act_max = p->ref.act_max;
  g.flags = p->flags;
  wq = tile + tm_dsp_tile_words(p->tile, k);
  if (g.flags & TM_DSP_WQ_ALL) tm_dsp_gemm_unpack_all(&g, wq);
  for (p0 = 0; p0 < p->ref.batches; p0 += p->tile) {
    const int32_t n = p->ref.batches - p0 < p->tile ? p->ref.batches - p0 : p->tile;
    int32_t i;
    for (i = 0; i < n; ++i) {
      int32_t step;
      uint32_t *dst = tm_dsp_tile_slot(tile, i, n, k, &step);
      tm_dsp_q15_row(input + (size_t)(p0 + i) * k, k, dst, step, 0);
    }
    tm_dsp_gemm_tile(&g, tile, n, wq, output + (size_t)p0 * g.out_c);
  }
  return TM_OK;
}

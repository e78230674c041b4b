/*
 * DEPTHWISE_CONV_2D int8 for cores with the DSP extension (dsp.h). Drop-in for
 * tm_depthwise_conv2d_s8 (bit-identical), any filter size, stride, padding and depth multiplier
 * (no dilation: the generator keeps the reference kernel then).
 *
 * Channels are taken `group` input channels at a time (4, so one 32-bit load fetches the four
 * channels of a pixel). A band of input rows of those channels is unpacked to q15 "planes", one
 * row per channel with the x values side by side and the padding columns and rows filled with the
 * input zero point (the folded bias cancels them), so that two horizontal taps of one channel are
 * one word: the MACs are SMLADs of word-aligned plane pairs by weight pairs. 3x3 filters with
 * stride 1 or 2 have a fast path that computes four outputs of a row per step from three plane
 * rows (one LDM each) and, on Arm, runs a whole row of a channel in one assembly loop.
 */
#ifndef TINYML_KERNELS_DSP_DEPTHWISE_CONV2D_H
#define TINYML_KERNELS_DSP_DEPTHWISE_CONV2D_H

#include "tinyml/dsp.h"
#include "tinyml/kernels/depthwise_conv2d.h"

typedef struct {
  tm_depthwise_conv2d_s8_params ref;
  const int32_t *chan; /* TM_DSP_CH_WORDS per output channel (dsp.h) */
  int32_t group;       /* input channels per group, 1..4 */
  int32_t band;        /* output rows per band */
  int32_t plane_w;     /* q15 values per plane row (even), padding columns included */
  int32_t flags;       /* TM_DSP_RQ_GENERAL, TM_DSP_CLAMP */
  int32_t transposed;  /* planes hold input columns (x and y swap roles), for tall narrow images;
                          group, band and plane_w are then in the swapped geometry */
} tm_depthwise_conv2d_s8_dsp_params;

/* Input rows a band of `band` output rows reads. */
static inline int32_t tm_dw_dsp_band_rows(int32_t band, int32_t stride_h, int32_t filter_h) {
  return (band - 1) * stride_h + filter_h;
}

/* Weight words per filter row of an output channel. 3x3 stride 1: (w0,w1) (w2,0) (0,w0) (w1,w2),
 * so that even and odd outputs both multiply word-aligned plane pairs; 3x3 stride 2: (w0,w1)
 * (w2,0); otherwise the pairs (w0,w1), (w2,w3), ... (the last one (w_last, 0) when filter_w is
 * odd) and one more word (0, w_last). */
static inline int32_t tm_dw_dsp_weight_row(int32_t filter_h, int32_t filter_w, int32_t stride_w) {
  if (filter_h == 3 && filter_w == 3 && stride_w == 1) return 4;
  if (filter_h == 3 && filter_w == 3 && stride_w == 2) return 2;
  return (filter_w + 1) / 2 + 1;
}

static inline int32_t tm_dw_dsp_weight_words(int32_t filter_h, int32_t filter_w, int32_t stride_w) {
  return filter_h * tm_dw_dsp_weight_row(filter_h, filter_w, stride_w);
}

/* Plane row width: the padded input row, and room for the windows of the output row rounded up
 * to a multiple of four (the 3x3 blocks compute whole blocks) plus one value read past the last
 * tap by the pair loads. */
static inline int32_t tm_dw_dsp_plane_w(int32_t input_w, int32_t pad_w, int32_t output_w,
                                        int32_t stride_w, int32_t filter_w) {
  int32_t need = ((output_w + 3) & ~3) * stride_w + filter_w + 1;
  if (need < pad_w + input_w) need = pad_w + input_w;
  return (need + 1) & ~1;
}

/* Scratch bytes (mirrored by generator/src/ops/dsp/depthwise_conv2d.ts). */
static inline uint32_t tm_depthwise_conv2d_s8_dsp_scratch_size(int32_t group, int32_t band,
                                                               int32_t plane_w, int32_t stride_h,
                                                               int32_t stride_w, int32_t filter_h,
                                                               int32_t filter_w,
                                                               int32_t depth_multiplier) {
  return (uint32_t)group * (uint32_t)tm_dw_dsp_band_rows(band, stride_h, filter_h) *
             (uint32_t)plane_w * 2u +
         (uint32_t)group * (uint32_t)depth_multiplier *
             (uint32_t)tm_dw_dsp_weight_words(filter_h, filter_w, stride_w) * 4u;
}

tm_status tm_eval_depthwise_conv2d_s8_dsp(const void *params, const void *const *in,
                                          void *const *out, void *scratch);

#endif

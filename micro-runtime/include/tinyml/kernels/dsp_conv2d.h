/*
 * CONV_2D and FULLY_CONNECTED, int8, for cores with the DSP extension (dsp.h, dsp_gemm.h).
 * Drop-in for the reference kernels: the params wrap the reference op data and add what the
 * generator precomputed (per-channel requantization words with the input offset folded into the
 * bias, the tile size, flags). The filter is read from in[1]; in[2] (the bias) is not read.
 * Results are bit-identical to tm_conv2d_s8 / tm_fully_connected_s8.
 */
#ifndef TINYML_KERNELS_DSP_CONV2D_H
#define TINYML_KERNELS_DSP_CONV2D_H

#include "tinyml/kernels/conv2d.h"
#include "tinyml/kernels/dsp_gemm.h"
#include "tinyml/kernels/fully_connected.h"

typedef struct {
  tm_conv2d_s8_params ref;
  const int32_t *chan; /* TM_DSP_CH_WORDS per output channel (dsp.h) */
  int32_t tile;        /* output pixels per q15 tile */
  int32_t flags;       /* TM_DSP_RQ_GENERAL, TM_DSP_CLAMP, TM_DSP_WQ_ALL */
} tm_conv2d_s8_dsp_params;

typedef struct {
  tm_fully_connected_s8_params ref;
  const int32_t *chan;
  int32_t tile;        /* rows (batches) per q15 tile */
  int32_t flags;
} tm_fully_connected_s8_dsp_params;

/* Scratch bytes: a q15 tile of `tile` pixels of k values, the unpacked weights (every row with
 * TM_DSP_WQ_ALL, else two rows), and for the general convolution a byte patch of k values
 * (k = filter_h * filter_w * input_c). Mirrored by generator/src/ops/dsp/channels.ts. */
static inline uint32_t tm_dsp_gemm_scratch_size(int32_t tile, int32_t k, int32_t out_c,
                                                int32_t flags) {
  return (uint32_t)(tm_dsp_tile_words(tile, k) + tm_dsp_gemm_wq_words(k, out_c, flags)) * 4u;
}
static inline uint32_t tm_conv2d_s8_dsp_scratch_size(int32_t tile, int32_t k, int32_t out_c,
                                                     int32_t flags) {
  return tm_dsp_gemm_scratch_size(tile, k, out_c, flags) + (uint32_t)((k + 3) & ~3) + 4u;
}

/* 1x1 filter, no padding, no groups (any stride). */
tm_status tm_eval_conv2d_1x1_s8_dsp(const void *params, const void *const *in, void *const *out,
                                    void *scratch);
/* Any filter, stride, padding and dilation (no groups): im2col into the q15 tile. */
tm_status tm_eval_conv2d_s8_dsp(const void *params, const void *const *in, void *const *out,
                                void *scratch);
tm_status tm_eval_fully_connected_s8_dsp(const void *params, const void *const *in,
                                         void *const *out, void *scratch);

#endif

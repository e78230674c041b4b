/* FULLY_CONNECTED: int8 (per-channel or per-tensor requantization) and float32. */
#ifndef TINYML_KERNELS_FULLY_CONNECTED_H
#define TINYML_KERNELS_FULLY_CONNECTED_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t batches;        /* rows of input */
  int32_t accum_depth;    /* input values per row (weights are [output_depth, accum_depth]) */
  int32_t output_depth;
  int32_t input_offset;   /* -input zero point */
  int32_t filter_offset;  /* -filter zero point (0: int8 weights are symmetric) */
  int32_t output_offset;  /* output zero point */
  const int32_t *multiplier; /* per output channel */
  const int32_t *shift;      /* per output channel */
  int32_t act_min;
  int32_t act_max;
  /* Per output channel: bias + input_offset * (sum of the channel's weights), exact, or NULL.
   * Used (with filter_offset == 0) by the kernel's fast path, which then does not read bias. */
  const int32_t *bias_folded;
} tm_fully_connected_s8_params;

typedef struct {
  int32_t batches;
  int32_t accum_depth;
  int32_t output_depth;
  float act_min;
  float act_max;
} tm_fully_connected_f32_params;

tm_status tm_fully_connected_s8(const tm_fully_connected_s8_params *p, const int8_t *input,
                                const int8_t *filter, const int32_t *bias, int8_t *output);
tm_status tm_eval_fully_connected_s8(const void *params, const void *const *in, void *const *out,
                                     void *scratch);

tm_status tm_fully_connected_f32(const tm_fully_connected_f32_params *p, const float *input,
                                 const float *filter, const float *bias, float *output);
tm_status tm_eval_fully_connected_f32(const void *params, const void *const *in, void *const *out,
                                      void *scratch);

#endif

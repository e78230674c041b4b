/*
 * PAD / PADV2 with a constant value, up to 5-D. Padding only moves elements, so there is one
 * kernel per element size: pad_b8 (int8) and pad_b32 (float32, int32). Shapes are given as 5-D,
 * padded on the left with 1s; `value` holds the pad element's bits (the low byte for pad_b8).
 */
#ifndef TINYML_KERNELS_PAD_H
#define TINYML_KERNELS_PAD_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t in_dims[5];
  int32_t out_dims[5];
  int32_t left[5];        /* padding before each dim; out_dims[d] - in_dims[d] - left[d] after it */
  uint32_t value;         /* pad element bits: int8 (two's complement, low byte) or float/int32 */
} tm_pad_params;

tm_status tm_pad_b8(const tm_pad_params *p, const uint8_t *input, uint8_t *output);
tm_status tm_eval_pad_b8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_pad_b32(const tm_pad_params *p, const uint32_t *input, uint32_t *output);
tm_status tm_eval_pad_b32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/*
 * BATCH_MATMUL (int8, int16, float32): out[b] = lhs[b] x rhs[b] over up to three batch dims with
 * broadcasting (a batch dim of 1 repeats: its stride is 0). adj_x: lhs[b] is stored K x M
 * (transposed), else M x K; adj_y: rhs[b] is stored N x K, else K x N. The transposes TFLM makes
 * into persistent buffers are read in place here; each output sums over k = 0..K-1 as TFLM's
 * reference BatchMatMul does.
 */
#ifndef TINYML_KERNELS_BATCH_MATMUL_H
#define TINYML_KERNELS_BATCH_MATMUL_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t batches[3];      /* output batch dims (broadcast), padded on the left with 1s */
  int32_t lhs_strides[3];  /* elements between lhs matrices per batch dim (0 when broadcast) */
  int32_t rhs_strides[3];
  int32_t rows;            /* M */
  int32_t cols;            /* N */
  int32_t depth;           /* K */
  int32_t adj_x;
  int32_t adj_y;
  /* int8 and int16 only (TFLM FullyConnectedParams as BatchMatMul fills them) */
  int32_t lhs_offset;      /* -lhs zero point */
  int32_t rhs_offset;      /* -rhs zero point */
  int32_t output_offset;   /* output zero point */
  int32_t multiplier;
  int32_t shift;
  int32_t act_min;
  int32_t act_max;
} tm_batch_matmul_params;

tm_status tm_eval_batch_matmul_s8(const void *params, const void *const *in, void *const *out, void *scratch);
/* int16 (zero points 0, as TFLM requires): int64 sums and TFLM's 64-bit MultiplyByQuantizedMultiplier. */
tm_status tm_eval_batch_matmul_s16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_batch_matmul_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

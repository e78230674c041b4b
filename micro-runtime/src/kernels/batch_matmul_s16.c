/* BATCH_MATMUL int16 (TFLM reference_ops::BatchMatMul<int16_t, int64_t>: int64 sums of
 * (rhs + rhs_offset) * (lhs + lhs_offset), then the int64 overload of
 * MultiplyByQuantizedMultiplier, + output offset, clamped). */
#include "tinyml/kernels/batch_matmul.h"
#include "tinyml/quant.h"

tm_status tm_eval_batch_matmul_s16(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_batch_matmul_params *p = (const tm_batch_matmul_params *)params;
  const int16_t *lhs, *rhs;
  int16_t *output;
  int32_t b0, b1, b2, m, n, k, d;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->rows < 1 || p->cols < 1 || p->depth < 1 || p->depth > 65536) return TM_BAD_PARAM;
  for (d = 0; d < 3; ++d) {
    if (p->batches[d] < 1 || p->lhs_strides[d] < 0 || p->rhs_strides[d] < 0) return TM_BAD_PARAM;
  }
  if (p->shift > 14 || p->shift < -31 || p->multiplier < 0) return TM_BAD_PARAM;
  output = (int16_t *)out[0];
  for (b0 = 0; b0 < p->batches[0]; ++b0) {
    for (b1 = 0; b1 < p->batches[1]; ++b1) {
      for (b2 = 0; b2 < p->batches[2]; ++b2) {
        lhs = (const int16_t *)in[0] + b0 * p->lhs_strides[0] + b1 * p->lhs_strides[1] + b2 * p->lhs_strides[2];
        rhs = (const int16_t *)in[1] + b0 * p->rhs_strides[0] + b1 * p->rhs_strides[1] + b2 * p->rhs_strides[2];
        for (m = 0; m < p->rows; ++m) {
          for (n = 0; n < p->cols; ++n) {
            int64_t total = 0;
            int32_t v;
            for (k = 0; k < p->depth; ++k) {
              const int64_t l = p->adj_x ? lhs[k * p->rows + m] : lhs[m * p->depth + k];
              const int64_t r = p->adj_y ? rhs[n * p->depth + k] : rhs[k * p->cols + n];
              total += (r + p->rhs_offset) * (l + p->lhs_offset);
            }
            v = tm_multiply_by_quantized_multiplier_64(total, p->multiplier, p->shift) + p->output_offset;
            *output++ = (int16_t)tm_clamp_i32(v, p->act_min, p->act_max);
          }
        }
      }
    }
  }
  return TM_OK;
}

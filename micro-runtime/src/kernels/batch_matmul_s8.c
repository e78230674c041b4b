/* BATCH_MATMUL int8 (TFLM reference_ops::BatchMatMul<int8_t, int32_t>: int32 sums of
 * (rhs + rhs_offset) * (lhs + lhs_offset), MultiplyByQuantizedMultiplier, + output offset,
 * clamped). */
#include "tinyml/kernels/batch_matmul.h"
#include "tinyml/quant.h"

static int tm_bmm_ok(const tm_batch_matmul_params *p) {
  int d;
  if (p->rows < 1 || p->cols < 1 || p->depth < 1) return 0;
  for (d = 0; d < 3; ++d) {
    if (p->batches[d] < 1 || p->lhs_strides[d] < 0 || p->rhs_strides[d] < 0) return 0;
  }
  return 1;
}

tm_status tm_eval_batch_matmul_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_batch_matmul_params *p = (const tm_batch_matmul_params *)params;
  const int8_t *lhs, *rhs;
  int8_t *output;
  int32_t b0, b1, b2, m, n, k;
  const int32_t M = p ? p->rows : 0, N = p ? p->cols : 0, K = p ? p->depth : 0;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || !tm_bmm_ok(p)) return TM_BAD_PARAM;
  if (p->shift > 31 || p->shift < -31 || p->multiplier < 0) return TM_BAD_PARAM;
  output = (int8_t *)out[0];
  for (b0 = 0; b0 < p->batches[0]; ++b0) {
    for (b1 = 0; b1 < p->batches[1]; ++b1) {
      for (b2 = 0; b2 < p->batches[2]; ++b2) {
        lhs = (const int8_t *)in[0] + b0 * p->lhs_strides[0] + b1 * p->lhs_strides[1] + b2 * p->lhs_strides[2];
        rhs = (const int8_t *)in[1] + b0 * p->rhs_strides[0] + b1 * p->rhs_strides[1] + b2 * p->rhs_strides[2];
        for (m = 0; m < M; ++m) {
          for (n = 0; n < N; ++n) {
            int32_t total = 0, v;
            for (k = 0; k < K; ++k) {
              const int32_t l = p->adj_x ? lhs[k * M + m] : lhs[m * K + k];
              const int32_t r = p->adj_y ? rhs[n * K + k] : rhs[k * N + n];
              /* TFLM's int32 sum wraps on overflow; so does this one, without the UB. */
              total = (int32_t)((uint32_t)total + (uint32_t)((r + p->rhs_offset) * (l + p->lhs_offset)));
            }
            v = tm_multiply_by_quantized_multiplier(total, p->multiplier, p->shift) + p->output_offset;
            *output++ = (int8_t)tm_clamp_i32(v, p->act_min, p->act_max);
          }
        }
      }
    }
  }
  return TM_OK;
}

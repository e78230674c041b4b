/* BATCH_MATMUL float32 (TFLM reference_ops::BatchMatMul: each output a float sum over k in
 * order, starting from 0). */
#include "tinyml/kernels/batch_matmul.h"

tm_status tm_eval_batch_matmul_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_batch_matmul_params *p = (const tm_batch_matmul_params *)params;
  const float *lhs, *rhs;
  float *output;
  int32_t b0, b1, b2, m, n, k, d;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->rows < 1 || p->cols < 1 || p->depth < 1) return TM_BAD_PARAM;
  for (d = 0; d < 3; ++d) {
    if (p->batches[d] < 1 || p->lhs_strides[d] < 0 || p->rhs_strides[d] < 0) return TM_BAD_PARAM;
  }
  output = (float *)out[0];
  for (b0 = 0; b0 < p->batches[0]; ++b0) {
    for (b1 = 0; b1 < p->batches[1]; ++b1) {
      for (b2 = 0; b2 < p->batches[2]; ++b2) {
        lhs = (const float *)in[0] + b0 * p->lhs_strides[0] + b1 * p->lhs_strides[1] + b2 * p->lhs_strides[2];
        rhs = (const float *)in[1] + b0 * p->rhs_strides[0] + b1 * p->rhs_strides[1] + b2 * p->rhs_strides[2];
        for (m = 0; m < p->rows; ++m) {
          for (n = 0; n < p->cols; ++n) {
            float total = 0.0f;
            for (k = 0; k < p->depth; ++k) {
              const float l = p->adj_x ? lhs[k * p->rows + m] : lhs[m * p->depth + k];
              const float r = p->adj_y ? rhs[n * p->depth + k] : rhs[k * p->cols + n];
              total += r * l;
            }
            *output++ = total;
          }
        }
      }
    }
  }
  return TM_OK;
}

/* BROADCAST_ARGS (reference_ops::BroadcastArgs): the shapes aligned at their ends, a 1 taking
 * the other's size; sizes that differ otherwise are refused (TFLM aborts). */
#include "tinyml/kernels/shape_ops.h"

static int64_t dim_at(const void *data, int32_t n, int32_t back, int32_t wide) {
  const int32_t i = n - 1 - back;
  if (i < 0) return 1;
  return wide ? ((const int64_t *)data)[i] : (int64_t)((const int32_t *)data)[i];
}

tm_status tm_eval_broadcast_args(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_broadcast_args_params *p = (const tm_broadcast_args_params *)params;
  int32_t i;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || p->n_out < 0) return TM_BAD_PARAM;
  for (i = 0; i < p->n_out; ++i) {
    const int64_t a = dim_at(in[0], p->n1, i, p->wide), b = dim_at(in[1], p->n2, i, p->wide);
    int64_t r;
    if (a == 1) r = b;
    else if (b == 1 || a == b) r = a;
    else return TM_BAD_PARAM;
    if (p->wide) ((int64_t *)out[0])[p->n_out - 1 - i] = r;
    else ((int32_t *)out[0])[p->n_out - 1 - i] = (int32_t)r;
  }
  return TM_OK;
}

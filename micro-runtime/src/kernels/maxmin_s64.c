/* MAXIMUM and MINIMUM, int64 (TFLM MaximumOp / MinimumOp: el1 > el2 ? el1 : el2 and
 * el1 < el2 ? el1 : el2; quantized values are compared as stored, without requantization). */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_maxmin_s64(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_binary_params *p = (const tm_binary_params *)params;
  const int64_t *a;
  const int64_t *b;
  int64_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || (p->op != TM_OP_MAXIMUM && p->op != TM_OP_MINIMUM)) return TM_BAD_PARAM;
  a = (const int64_t *)in[0];
  b = (const int64_t *)in[1];
  y = (int64_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    const int64_t u = a[o1], v = b[o2];
    y[i] = p->op == TM_OP_MAXIMUM ? (u > v ? u : v) : (u < v ? u : v);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

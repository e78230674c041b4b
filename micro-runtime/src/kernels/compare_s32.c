/* EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL, int32 (TFLM
 * ComparisonNoScaling), to bool. */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

static int compare(int32_t op, int32_t u, int32_t v) {
  switch (op) {
    case TM_OP_EQUAL: return u == v;
    case TM_OP_NOT_EQUAL: return u != v;
    case TM_OP_GREATER: return u > v;
    case TM_OP_GREATER_EQUAL: return u >= v;
    case TM_OP_LESS: return u < v;
    default: return u <= v;
  }
}

tm_status tm_eval_compare_s32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_binary_params *p = (const tm_binary_params *)params;
  const int32_t *a;
  const int32_t *b;
  uint8_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->op < TM_OP_EQUAL || p->op > TM_OP_LESS_EQUAL) return TM_BAD_PARAM;
  a = (const int32_t *)in[0];
  b = (const int32_t *)in[1];
  y = (uint8_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    y[i] = (uint8_t)compare(p->op, a[o1], b[o2]);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

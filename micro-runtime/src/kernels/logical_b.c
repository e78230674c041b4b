/* LOGICAL_AND and LOGICAL_OR, bool (one byte per element). */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_logical_b(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_binary_params *p = (const tm_binary_params *)params;
  const uint8_t *a;
  const uint8_t *b;
  uint8_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || (p->op != TM_OP_LOGICAL_AND && p->op != TM_OP_LOGICAL_OR)) return TM_BAD_PARAM;
  a = (const uint8_t *)in[0];
  b = (const uint8_t *)in[1];
  y = (uint8_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    y[i] = (uint8_t)(p->op == TM_OP_LOGICAL_AND ? (a[o1] && b[o2]) : (a[o1] || b[o2]));
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

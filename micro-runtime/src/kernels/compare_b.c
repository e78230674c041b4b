/* EQUAL and NOT_EQUAL on bool (TFLM EqualNoScaling / NotEqualNoScaling). */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_compare_b(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_binary_params *p = (const tm_binary_params *)params;
  const uint8_t *a;
  const uint8_t *b;
  uint8_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || (p->op != TM_OP_EQUAL && p->op != TM_OP_NOT_EQUAL)) return TM_BAD_PARAM;
  a = (const uint8_t *)in[0];
  b = (const uint8_t *)in[1];
  y = (uint8_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    y[i] = (uint8_t)(p->op == TM_OP_EQUAL ? (a[o1] != 0) == (b[o2] != 0) : (a[o1] != 0) != (b[o2] != 0));
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

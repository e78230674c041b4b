/* LOGICAL_NOT, bool (one byte per element). */
#include "tinyml/kernels/math.h"

tm_status tm_eval_logical_not_b(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_unary_params *p = (const tm_unary_params *)params;
  const uint8_t *x;
  uint8_t *y;
  int32_t i;
  (void)scratch;
  if (!TM_UNARY_ARGS_OK(params, in, out) || p->size < 0) return TM_BAD_PARAM;
  x = (const uint8_t *)in[0];
  y = (uint8_t *)out[0];
  for (i = 0; i < p->size; ++i) y[i] = (uint8_t)!x[i];
  return TM_OK;
}

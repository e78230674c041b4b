/* SQUARED_DIFFERENCE, int32 (TFLM: d = a - b; d * d, in two's complement). */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_squared_difference_s32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_binary_params *p = (const tm_binary_params *)params;
  const int32_t *a;
  const int32_t *b;
  int32_t *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc)) return TM_BAD_PARAM;
  a = (const int32_t *)in[0];
  b = (const int32_t *)in[1];
  y = (int32_t *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    const uint32_t d = (uint32_t)a[o1] - (uint32_t)b[o2];
    y[i] = (int32_t)(d * d);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

/* DIV, int32 (TFLM reference_ops::Div: C integer division, truncating, clamped to the activation
 * range). A zero divisor, or INT32_MIN / -1, is refused with TM_ERROR (TFLM would trap). */
#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_div_s32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_div_s32_params *p = (const tm_div_s32_params *)params;
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
    if (b[o2] == 0 || (b[o2] == -1 && a[o1] == INT32_MIN)) return TM_ERROR;
    y[i] = tm_clamp_i32(a[o1] / b[o2], p->act_min, p->act_max);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

/* int8 lookup-table activations (TFLM ELU int8: a 256-entry table made at prepare time, indexed
 * by the input byte). */
#include "tinyml/kernels/math.h"

tm_status tm_eval_lut_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_lut_s8_params *p = (const tm_lut_s8_params *)params;
  const int8_t *x;
  int8_t *y;
  int32_t i;
  (void)scratch;
  if (!TM_UNARY_ARGS_OK(params, in, out) || p->size < 0 || p->table == NULL) return TM_BAD_PARAM;
  x = (const int8_t *)in[0];
  y = (int8_t *)out[0];
  for (i = 0; i < p->size; ++i) y[i] = p->table[(uint8_t)x[i]];
  return TM_OK;
}

/* ABS, int16 without quantization (TFLM AbsHelper: std::abs, the result cast back to int16, so
 * -32768 stays -32768). */
#include "tinyml/kernels/math.h"

tm_status tm_eval_abs_i16(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_unary_params *p = (const tm_unary_params *)params;
  const int16_t *x;
  int16_t *y;
  int32_t i;
  (void)scratch;
  if (!TM_UNARY_ARGS_OK(params, in, out) || p->size < 0) return TM_BAD_PARAM;
  x = (const int16_t *)in[0];
  y = (int16_t *)out[0];
  for (i = 0; i < p->size; ++i) {
    const int32_t v = x[i] < 0 ? -(int32_t)x[i] : x[i];
    y[i] = (int16_t)(v > INT16_MAX ? INT16_MIN : v);
  }
  return TM_OK;
}

/* ELU, float32 (TFLM: reference_ops::Elu: x < 0 ? expm1(x) : x). */
#include <math.h>

#include "tinyml/kernels/math.h"

static float op(float x) { return x < 0.0f ? expm1f(x) : x; }

tm_status tm_eval_elu_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_unary_f32(params, in, out, op);
}

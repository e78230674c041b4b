/* EXP, float32 (TFLM: reference_ops::Exp: std::exp on float). */
#include <math.h>

#include "tinyml/kernels/math.h"

static float op(float x) { return expf(x); }

tm_status tm_eval_exp_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_unary_f32(params, in, out, op);
}

/* SQUARE, float32 (TFLM: f * f). */
#include <math.h>

#include "tinyml/kernels/math.h"

static float op(float x) { return x * x; }

tm_status tm_eval_square_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_unary_f32(params, in, out, op);
}

/* ROUND, float32 (TFLM reference_ops::Round: RoundToNearest, halves to even). */
#include <math.h>

#include "tinyml/kernels/math.h"

static float op(float x) {
  const float f = floorf(x);
  const float diff = x - f;
  /* At diff == 0.5 the value is below 2^23, so the floor fits an int. */
  if (diff < 0.5f || (diff == 0.5f && ((int32_t)f) % 2 == 0)) return f;
  return f + 1.0f;
}

tm_status tm_eval_round_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_unary_f32(params, in, out, op);
}

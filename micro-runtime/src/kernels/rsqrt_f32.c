/* RSQRT, float32 (TFLM: 1.f / std::sqrt(f)). */
#include <math.h>

#include "tinyml/kernels/math.h"

static float op(float x) { return 1.0f / sqrtf(x); }

tm_status tm_eval_rsqrt_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_unary_f32(params, in, out, op);
}

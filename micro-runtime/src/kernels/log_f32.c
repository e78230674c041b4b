/* LOG, float32 (TFLM: std::log on float). */
#include <math.h>

#include "tinyml/kernels/math.h"

static float op(float x) { return logf(x); }

tm_status tm_eval_log_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return tm_unary_f32(params, in, out, op);
}

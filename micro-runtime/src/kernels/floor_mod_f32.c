/* FLOOR_MOD, float32 (TFLM reference_ops::FloorMod: fmod, moved into the divisor's sign). */
#include <math.h>

#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

tm_status tm_eval_floor_mod_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_binary_params *p = (const tm_binary_params *)params;
  const float *a;
  const float *b;
  float *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc)) return TM_BAD_PARAM;
  a = (const float *)in[0];
  b = (const float *)in[1];
  y = (float *)out[0];
  for (i = 0; i < p->bc.size; ++i) {
    const float v = b[o2];
    const float m = fmodf(a[o1], v);
    y[i] = (m != 0.0f && ((v < 0.0f) != (m < 0.0f))) ? m + v : m;
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

/* FLOOR_DIV, float32 (TFLM reference_ops::FloorDiv: floor of the double quotient; TFLM checks
 * every divisor first and fails on a zero, as this kernel does with TM_ERROR). */
#include <math.h>

#include "tinyml/kernels/math.h"

tm_status tm_eval_floor_div_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_floor_div_params *p = (const tm_floor_div_params *)params;
  const float *a;
  const float *b;
  float *y;
  int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
  int32_t o1 = 0, o2 = 0, i, n2;
  (void)scratch;
  if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->divisor_size < 0) return TM_BAD_PARAM;
  a = (const float *)in[0];
  b = (const float *)in[1];
  y = (float *)out[0];
  n2 = p->divisor_size;
  for (i = 0; i < n2; ++i) {
    if (b[i] == 0.0f) return TM_ERROR;
  }
  for (i = 0; i < p->bc.size; ++i) {
    y[i] = (float)floor((double)a[o1] / (double)b[o2]);
    tm_bc_next(&p->bc, idx, &o1, &o2);
  }
  return TM_OK;
}

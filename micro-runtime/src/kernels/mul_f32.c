/* MUL, float32 reference kernel (TFLM reference_ops::Mul float arithmetic). */
#include "tinyml/kernels/elementwise.h"
#include "tinyml/quant.h"

tm_status tm_mul_f32(const tm_elementwise_f32_params *p, const float *in1, const float *in2,
                     float *out) {
  int32_t i;
  if (!tm_broadcast_ok(&p->bc)) return TM_BAD_PARAM;
  if (!p->bc.broadcast) {
    for (i = 0; i < p->bc.size; ++i) {
      out[i] = tm_clamp_f32(in1[i] * in2[i], p->act_min, p->act_max);
    }
  } else {
    int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
    int32_t o1 = 0, o2 = 0;
    for (i = 0; i < p->bc.size; ++i) {
      out[i] = tm_clamp_f32(in1[o1] * in2[o2], p->act_min, p->act_max);
      tm_broadcast_step(&p->bc, idx, &o1, &o2);
    }
  }
  return TM_OK;
}

tm_status tm_eval_mul_f32(const void *params, const void *const *in, void *const *out,
                          void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_mul_f32((const tm_elementwise_f32_params *)params, (const float *)in[0],
                    (const float *)in[1], (float *)out[0]);
}

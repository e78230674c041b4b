/* SUB, int8 reference kernel (TFLM reference_ops::SubElementwise / BroadcastQuantSubSlow int8
 * arithmetic, add_sub_s8.h). */
#include "tinyml/kernels/add_sub_s8.h"

tm_status tm_sub_s8(const tm_add_sub_s8_params *p, const int8_t *in1, const int8_t *in2,
                    int8_t *out) {
  return tm_add_sub_s8(p, in1, in2, out, 1);
}

tm_status tm_eval_sub_s8(const void *params, const void *const *in, void *const *out,
                         void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_sub_s8((const tm_add_sub_s8_params *)params, (const int8_t *)in[0],
                   (const int8_t *)in[1],
                   (int8_t *)out[0]);
}

/* MUL, int8 reference kernel (TFLM reference_integer_ops::MulElementwise arithmetic). */
#include "tinyml/kernels/elementwise.h"
#include "tinyml/quant.h"

static int8_t tm_mul_s8_one(const tm_mul_s8_params *p, int32_t x, int32_t y) {
  const int32_t prod = (x + p->input1_offset) * (y + p->input2_offset);
  const int32_t raw =
      p->output_offset +
      tm_multiply_by_quantized_multiplier(prod, p->output_multiplier, p->output_shift);
  return (int8_t)tm_clamp_i32(raw, p->act_min, p->act_max);
}

tm_status tm_mul_s8(const tm_mul_s8_params *p, const int8_t *in1, const int8_t *in2,
                    int8_t *out) {
  int32_t i;
  if (!tm_broadcast_ok(&p->bc) || p->act_min > p->act_max) return TM_BAD_PARAM;
  if (!p->bc.broadcast) {
    for (i = 0; i < p->bc.size; ++i) out[i] = tm_mul_s8_one(p, in1[i], in2[i]);
  } else {
    int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
    int32_t o1 = 0, o2 = 0;
    for (i = 0; i < p->bc.size; ++i) {
      out[i] = tm_mul_s8_one(p, in1[o1], in2[o2]);
      tm_broadcast_step(&p->bc, idx, &o1, &o2);
    }
  }
  return TM_OK;
}

tm_status tm_eval_mul_s8(const void *params, const void *const *in, void *const *out,
                         void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_mul_s8((const tm_mul_s8_params *)params, (const int8_t *)in[0], (const int8_t *)in[1],
                   (int8_t *)out[0]);
}

/*
 * The int8 ADD and SUB reference arithmetic, one copy for both kernels (add_s8.c, sub_s8.c):
 * TFLM's reference_integer_ops::AddFunc, and the same with the rescaled second input subtracted
 * (reference_ops::SubElementwise / BroadcastQuantSubSlow). `subtract` is a constant at each use.
 */
#ifndef TINYML_KERNELS_ADD_SUB_S8_H
#define TINYML_KERNELS_ADD_SUB_S8_H

#include "tinyml/kernels/elementwise.h"
#include "tinyml/quant.h"

/* TFLM's MultiplyByQuantizedMultiplierSmallerThanOneExp: tm_multiply_by_quantized_multiplier
 * with a shift that tm_add_sub_s8 checked to be <= 0, written so that the compiler sees it too
 * and drops the left-shift path. */
static inline int32_t tm_add_sub_rescale(int32_t x, int32_t multiplier, int32_t shift) {
  return tm_multiply_by_quantized_multiplier(x, multiplier, shift < 0 ? (int)shift : 0);
}

static inline int8_t tm_add_sub_s8_one(const tm_add_sub_s8_params *p, int32_t x, int32_t y,
                                       const int subtract) {
  const int32_t v1 = (x + p->input1_offset) * (1 << p->left_shift);
  const int32_t v2 = (y + p->input2_offset) * (1 << p->left_shift);
  const int32_t s1 = tm_add_sub_rescale(v1, p->input1_multiplier, p->input1_shift);
  const int32_t s2 = tm_add_sub_rescale(v2, p->input2_multiplier, p->input2_shift);
  const int32_t raw = tm_add_sub_rescale(subtract ? s1 - s2 : s1 + s2, p->output_multiplier,
                                         p->output_shift) +
                      p->output_offset;
  return (int8_t)tm_clamp_i32(raw, p->act_min, p->act_max);
}

static inline tm_status tm_add_sub_s8(const tm_add_sub_s8_params *p, const int8_t *in1,
                                      const int8_t *in2, int8_t *out, const int subtract) {
  int32_t i;
  if (!tm_broadcast_ok(&p->bc) || p->act_min > p->act_max || p->left_shift < 0 ||
      p->left_shift > 20 || p->input1_shift > 0 || p->input2_shift > 0 || p->output_shift > 0) {
    return TM_BAD_PARAM;
  }
  if (!p->bc.broadcast) {
    for (i = 0; i < p->bc.size; ++i) out[i] = tm_add_sub_s8_one(p, in1[i], in2[i], subtract);
  } else {
    int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};
    int32_t o1 = 0, o2 = 0;
    for (i = 0; i < p->bc.size; ++i) {
      out[i] = tm_add_sub_s8_one(p, in1[o1], in2[o2], subtract);
      tm_broadcast_step(&p->bc, idx, &o1, &o2);
    }
  }
  return TM_OK;
}

#endif

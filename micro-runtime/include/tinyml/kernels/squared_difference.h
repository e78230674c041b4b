/*
 * SQUARED_DIFFERENCE on quantized inputs (TFLM SquaredDifference with ArithmeticParams), one body
 * for int8 and int16: each input offset and shifted left, rescaled by its multiplier
 * (MultiplyByQuantizedMultiplierSmallerThanOneExp: its shift is at most 0, checked at entry), the
 * difference squared and requantized to the output.
 */
#ifndef TINYML_KERNELS_SQUARED_DIFFERENCE_H
#define TINYML_KERNELS_SQUARED_DIFFERENCE_H

#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

/* Defines tm_status NAME(params, in, out, scratch) for inputs and output of type T. */
#define TM_DEFINE_SQUARED_DIFFERENCE_Q(NAME, T)                                                        \
  tm_status NAME(const void *params, const void *const *in, void *const *out, void *scratch) {         \
    const tm_squared_difference_q_params *p = (const tm_squared_difference_q_params *)params;          \
    const T *a;                                                                                        \
    const T *b;                                                                                        \
    T *y;                                                                                              \
    int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};                                                        \
    int32_t o1 = 0, o2 = 0, i;                                                                         \
    (void)scratch;                                                                                     \
    if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->left_shift < 0 ||       \
        p->left_shift > 16 || p->input1_shift > 0 || p->input1_shift < -31 || p->input2_shift > 0 ||   \
        p->input2_shift < -31 || p->output_shift > 31 || p->output_shift < -31)                        \
      return TM_BAD_PARAM;                                                                             \
    a = (const T *)in[0];                                                                              \
    b = (const T *)in[1];                                                                              \
    y = (T *)out[0];                                                                                   \
    for (i = 0; i < p->bc.size; ++i) {                                                                 \
      const int32_t u = tm_multiply_by_quantized_multiplier(                                           \
          (p->input1_offset + a[o1]) * (1 << p->left_shift), p->input1_multiplier, p->input1_shift);   \
      const int32_t v = tm_multiply_by_quantized_multiplier(                                           \
          (p->input2_offset + b[o2]) * (1 << p->left_shift), p->input2_multiplier, p->input2_shift);   \
      const int32_t d = u - v;                                                                         \
      const int32_t r =                                                                                \
          tm_multiply_by_quantized_multiplier(d * d, p->output_multiplier, p->output_shift) +          \
          p->output_offset;                                                                            \
      y[i] = (T)tm_clamp_i32(r, p->act_min, p->act_max);                                               \
      tm_bc_next(&p->bc, idx, &o1, &o2);                                                               \
    }                                                                                                  \
    return TM_OK;                                                                                      \
  }

#endif

/*
 * Element-wise math and logic (TFLM elementwise.cc, neg.cc, exp.cc, floor.cc, ceil.cc, round.cc,
 * elu.cc, prelu.cc, maximum_minimum.cc, div.cc, squared_difference.cc, floor_div.cc,
 * floor_mod.cc, comparisons.cc, logical.cc): one-input ops over `size` elements, and two-input
 * ops with NumPy broadcasting through the tm_broadcast walk of the ADD/SUB/MUL kernels. bool
 * tensors are one byte per element (0 or 1), as in TFLite. Every kernel reads element i of its
 * inputs before writing element i of its output, so the one-input kernels are safe in place.
 */
#ifndef TINYML_KERNELS_MATH_H
#define TINYML_KERNELS_MATH_H

#include "tinyml/kernels/elementwise.h"
#include "tinyml/tinyml.h"

/* One-input ops without parameters (float32 math, LOGICAL_NOT). */
typedef struct {
  int32_t size;
} tm_unary_params;

/* ABS, int8 and int16: |x - input zero point|, rescaled when the scales differ, clamped. */
typedef struct {
  int32_t size;
  int32_t input_offset;   /* input zero point */
  int32_t output_offset;  /* output zero point */
  int32_t needs_rescale;  /* input scale != output scale */
  int32_t multiplier;     /* QuantizeMultiplier(input scale / output scale) */
  int32_t shift;
} tm_abs_q_params;

/* RSQRT, int8: 1/sqrt(x - input zero point) in fixed point, scaled by 1/(sqrt(s_in) * s_out). */
typedef struct {
  int32_t size;
  int32_t input_offset;   /* input zero point */
  int32_t output_offset;  /* output zero point */
  int32_t multiplier;
  int32_t shift;
} tm_rsqrt_s8_params;

/* ELU, int8: a 256-entry table indexed by the input byte (TFLM PopulateLookupTable). */
typedef struct {
  int32_t size;
  const int8_t *table;
} tm_lut_s8_params;

/* Two-input ops without parameters beyond the broadcast walk (MAXIMUM, MINIMUM, FLOOR_DIV,
 * FLOOR_MOD, float32/int32 SQUARED_DIFFERENCE, LOGICAL_AND, LOGICAL_OR, float32 PRELU). */
typedef struct {
  tm_broadcast bc;
  int32_t op;             /* tm_math_op, for kernels that serve several ops */
} tm_binary_params;

/* Which operation a shared kernel runs. */
typedef enum {
  TM_OP_MAXIMUM = 0,
  TM_OP_MINIMUM = 1,
  TM_OP_LOGICAL_AND = 2,
  TM_OP_LOGICAL_OR = 3,
  TM_OP_EQUAL = 4,
  TM_OP_NOT_EQUAL = 5,
  TM_OP_GREATER = 6,
  TM_OP_GREATER_EQUAL = 7,
  TM_OP_LESS = 8,
  TM_OP_LESS_EQUAL = 9
} tm_math_op;

/* FLOOR_DIV, float32: TFLM fails on a zero divisor, checking all of input 2 first. */
typedef struct {
  tm_broadcast bc;
  int32_t divisor_size;   /* elements of input 2 */
} tm_floor_div_params;

/* DIV, float32 and int32: the quotient clamped to the fused activation range. */
typedef struct {
  tm_broadcast bc;
  float act_min;
  float act_max;
} tm_div_f32_params;

typedef struct {
  tm_broadcast bc;
  int32_t act_min;
  int32_t act_max;
} tm_div_s32_params;

/* DIV, int8 (TFLM OpDataDiv): a reciprocal of the divisor, requantized by
 * QuantizeMultiplier(s1 / (s2 * s_out)). */
typedef struct {
  tm_broadcast bc;
  int32_t input1_offset;  /* -input1 zero point */
  int32_t input2_offset;  /* -input2 zero point */
  int32_t output_offset;  /* output zero point */
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t act_min;
  int32_t act_max;
} tm_div_s8_params;

/* Comparisons on int8: each input offset, shifted left by left_shift and rescaled by its own
 * multiplier (TFLM ComparisonWithScaling), then compared as int32. */
typedef struct {
  tm_broadcast bc;
  int32_t op;             /* tm_math_op */
  int32_t left_shift;
  int32_t input1_offset;  /* -input1 zero point */
  int32_t input1_multiplier;
  int32_t input1_shift;   /* <= 0 */
  int32_t input2_offset;  /* -input2 zero point */
  int32_t input2_multiplier;
  int32_t input2_shift;   /* <= 0 */
} tm_compare_q_params;

/* SQUARED_DIFFERENCE, int8 and int16 (TFLM ArithmeticParams: left_shift 7 for int8, 0 for int16). */
typedef struct {
  tm_broadcast bc;
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t left_shift;
  int32_t input1_multiplier;
  int32_t input1_shift;   /* <= 0 */
  int32_t input2_multiplier;
  int32_t input2_shift;   /* <= 0 */
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t act_min;
  int32_t act_max;
} tm_squared_difference_q_params;

/* PRELU, int8 and int16 (int8 alpha): x >= 0 scaled by s_in/s_out, x < 0 times alpha scaled by s_in*s_alpha/s_out. */
typedef struct {
  tm_broadcast bc;
  int32_t input_offset;   /* -input zero point */
  int32_t alpha_offset;   /* -alpha zero point */
  int32_t output_offset;  /* output zero point */
  int32_t output_multiplier_1;
  int32_t output_shift_1;
  int32_t output_multiplier_2;
  int32_t output_shift_2;
} tm_prelu_q_params;

/* ADD_N, float32: n_inputs inputs of `size` elements each. */
typedef struct {
  int32_t size;
  int32_t n_inputs;
} tm_add_n_params;

/* ADD_N, int8 (TFLM add_n.cc OpData: left_shift 20, one input multiplier for all inputs). */
typedef struct {
  int32_t size;
  int32_t n_inputs;
  int32_t input_offset;   /* -input zero point */
  int32_t output_offset;  /* output zero point */
  int32_t left_shift;
  int32_t input_multiplier;
  int32_t input_shift;    /* <= 0 */
  int32_t output_multiplier;
  int32_t output_shift;   /* <= 0 */
  int32_t act_min;
  int32_t act_max;
} tm_add_n_s8_params;

/* Advances the two input offsets to the next output element (plain step when not broadcast). */
static inline void tm_bc_next(const tm_broadcast *b, int32_t idx[TM_MAX_DIMS], int32_t *o1,
                              int32_t *o2) {
  if (!b->broadcast) {
    ++*o1;
    ++*o2;
  } else {
    tm_broadcast_step(b, idx, o1, o2);
  }
}

/* The usual checks of a one-input kernel's entry point. */
#define TM_UNARY_ARGS_OK(params, in, out) ((params) != NULL && (in)[0] != NULL && (out)[0] != NULL)
#define TM_BINARY_ARGS_OK(params, in, out) \
  ((params) != NULL && (in)[0] != NULL && (in)[1] != NULL && (out)[0] != NULL)

/* out[i] = f(in[i]) over a float32 tensor of p->size elements. */
static inline tm_status tm_unary_f32(const void *params, const void *const *in, void *const *out,
                                     float (*f)(float)) {
  const tm_unary_params *p = (const tm_unary_params *)params;
  const float *x;
  float *y;
  int32_t i;
  if (!TM_UNARY_ARGS_OK(params, in, out) || p->size < 0) return TM_BAD_PARAM;
  x = (const float *)in[0];
  y = (float *)out[0];
  for (i = 0; i < p->size; ++i) y[i] = f(x[i]);
  return TM_OK;
}

/* float32 one-input math, each `out[i] = f(in[i])` with the C library's float function. */
tm_status tm_eval_abs_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_neg_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_square_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_sqrt_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_rsqrt_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_exp_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_log_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_sin_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_cos_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_floor_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_ceil_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_round_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_elu_f32(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_eval_abs_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_abs_s16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_abs_i16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_rsqrt_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_lut_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_logical_not_b(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_eval_maxmin_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_maxmin_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_maxmin_s16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_maxmin_s32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_maxmin_s64(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_logical_b(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_eval_div_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_div_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_div_s32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_floor_div_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_floor_mod_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_squared_difference_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_squared_difference_s32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_squared_difference_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_squared_difference_s16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_prelu_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_prelu_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_prelu_s16(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_eval_add_n_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_add_n_s8(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_eval_compare_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_compare_s32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_compare_s64(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_compare_b(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_compare_s8(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/* ADD, SUB and MUL with NumPy broadcasting up to 5-D: int8 (TFLM's requantization) and float32. */
#ifndef TINYML_KERNELS_ELEMENTWISE_H
#define TINYML_KERNELS_ELEMENTWISE_H

#include "tinyml/tinyml.h"

/*
 * How output element i finds its inputs. With broadcast == 0 both inputs hold `size` elements
 * in output order. Otherwise the output shape is dims (left-padded with ones to TM_MAX_DIMS) and
 * input k advances by stridesk[d] elements along output dimension d (0 where it is broadcast).
 */
typedef struct {
  int32_t size;
  int32_t broadcast;
  int32_t dims[TM_MAX_DIMS];
  int32_t strides1[TM_MAX_DIMS];
  int32_t strides2[TM_MAX_DIMS];
} tm_broadcast;

/* ADD and SUB, int8 (TFLM ArithmeticParams with left_shift 20 and per-input multipliers). */
typedef struct {
  tm_broadcast bc;
  int32_t input1_offset;     /* -input1 zero point */
  int32_t input2_offset;     /* -input2 zero point */
  int32_t output_offset;     /* output zero point */
  int32_t left_shift;
  int32_t input1_multiplier;
  int32_t input1_shift;      /* <= 0 */
  int32_t input2_multiplier;
  int32_t input2_shift;      /* <= 0 */
  int32_t output_multiplier;
  int32_t output_shift;      /* <= 0 */
  int32_t act_min;
  int32_t act_max;
} tm_add_sub_s8_params;

/* MUL, int8: one multiplier for input1_scale * input2_scale / output_scale. */
typedef struct {
  tm_broadcast bc;
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t output_multiplier;
  int32_t output_shift;      /* > 0 is a left shift */
  int32_t act_min;
  int32_t act_max;
} tm_mul_s8_params;

/* ADD, SUB and MUL, float32. */
typedef struct {
  tm_broadcast bc;
  float act_min;
  float act_max;
} tm_elementwise_f32_params;

tm_status tm_add_s8(const tm_add_sub_s8_params *p, const int8_t *in1, const int8_t *in2,
                    int8_t *out);
tm_status tm_eval_add_s8(const void *params, const void *const *in, void *const *out,
                         void *scratch);
tm_status tm_sub_s8(const tm_add_sub_s8_params *p, const int8_t *in1, const int8_t *in2,
                    int8_t *out);
tm_status tm_eval_sub_s8(const void *params, const void *const *in, void *const *out,
                         void *scratch);
tm_status tm_mul_s8(const tm_mul_s8_params *p, const int8_t *in1, const int8_t *in2,
                    int8_t *out);
tm_status tm_eval_mul_s8(const void *params, const void *const *in, void *const *out,
                         void *scratch);

tm_status tm_add_f32(const tm_elementwise_f32_params *p, const float *in1, const float *in2,
                     float *out);
tm_status tm_eval_add_f32(const void *params, const void *const *in, void *const *out,
                          void *scratch);
tm_status tm_sub_f32(const tm_elementwise_f32_params *p, const float *in1, const float *in2,
                     float *out);
tm_status tm_eval_sub_f32(const void *params, const void *const *in, void *const *out,
                          void *scratch);
tm_status tm_mul_f32(const tm_elementwise_f32_params *p, const float *in1, const float *in2,
                     float *out);
tm_status tm_eval_mul_f32(const void *params, const void *const *in, void *const *out,
                          void *scratch);

/* Nonzero when the broadcast description is consistent. */
static inline int tm_broadcast_ok(const tm_broadcast *b) {
  int64_t n = 1;
  int d;
  if (b->size < 0) return 0;
  if (!b->broadcast) return 1;
  for (d = 0; d < TM_MAX_DIMS; ++d) {
    if (b->dims[d] < 1 || b->strides1[d] < 0 || b->strides2[d] < 0) return 0;
    n *= b->dims[d];
    if (n > INT32_MAX) return 0;
  }
  return n == b->size;
}

/* Advances a multi-index over the output shape, keeping both input offsets in step. */
static inline void tm_broadcast_step(const tm_broadcast *b, int32_t idx[TM_MAX_DIMS], int32_t *o1,
                                     int32_t *o2) {
  int d;
  for (d = TM_MAX_DIMS - 1; d >= 0; --d) {
    *o1 += b->strides1[d];
    *o2 += b->strides2[d];
    if (++idx[d] < b->dims[d]) return;
    *o1 -= b->strides1[d] * b->dims[d];
    *o2 -= b->strides2[d] * b->dims[d];
    idx[d] = 0;
  }
}

#endif

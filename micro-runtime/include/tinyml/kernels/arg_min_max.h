/*
 * ARG_MAX and ARG_MIN over one axis (int8 and float32 input, int32 output; the only output TFLM
 * supports): the input seen as [outer, axis_size, inner], each output the first index of the
 * largest (smallest) value along the axis, compared as TFLM's GreaterFn/LessFn compare (strictly,
 * so ties keep the first index; int8 values raw, without dequantizing).
 */
#ifndef TINYML_KERNELS_ARG_MIN_MAX_H
#define TINYML_KERNELS_ARG_MIN_MAX_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t outer;
  int32_t axis_size;
  int32_t inner;
} tm_arg_min_max_params;

tm_status tm_eval_arg_max_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_arg_min_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_arg_max_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_arg_min_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/*
 * SELECT_V2 (TFLM select.cc; reference_ops::Select and BroadcastSelect5DSlow): output element =
 * condition ? x : y, the three inputs broadcast to the output over 5-D (a step of 0 along an
 * axis an input broadcasts). Bytes are copied (int8 is not rescaled, as in TFLM). One kernel per
 * element size: b8 (int8), b16 (int16), b32 (float32).
 */
#ifndef TINYML_KERNELS_SELECT_V2_H
#define TINYML_KERNELS_SELECT_V2_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t out_dims[5];
  int32_t cond_step[5];  /* element steps of the condition (bool), x and y along each output axis */
  int32_t x_step[5];
  int32_t y_step[5];
} tm_select_v2_params;

tm_status tm_eval_select_v2_b8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_select_v2_b16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_select_v2_b32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/*
 * L2_NORMALIZATION over the last dim (int8, float32): x / max(sqrt(sum x^2), 1e-6) for float32;
 * for int8 TFLM's integer L2Normalization (the sum of squared differences from the input zero
 * point, GetInvSqrtQuantizedMultiplierExp's Newton-Raphson inverse square root, the output in
 * 1/128 steps around 0, whatever the output tensor's quantization says, as in TFLM).
 */
#ifndef TINYML_KERNELS_L2NORM_H
#define TINYML_KERNELS_L2NORM_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t outer_size;
  int32_t depth;
  int32_t input_zero_point;  /* 0 for float32 */
} tm_l2norm_params;

tm_status tm_eval_l2norm_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_l2norm_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

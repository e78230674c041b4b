/* L2_POOL_2D float32 (NHWC): sqrt of the mean of the squares over each window's in-image taps,
 * then the activation clamp; the op data is the pooling ops' tm_pool_f32_params. */
#ifndef TINYML_KERNELS_L2_POOL_H
#define TINYML_KERNELS_L2_POOL_H

#include "tinyml/kernels/pooling.h"

tm_status tm_eval_l2_pool_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

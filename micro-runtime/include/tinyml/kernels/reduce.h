/*
 * SUM (float32; int8 SUM runs the MEAN kernel with an unfolded multiplier), REDUCE_MAX and
 * REDUCE_MIN (int8 and float32) and REDUCE_ALL (bool) over any set of axes, up to 5-D. As in
 * MEAN, the input is walked in row-major order and each element is combined into its output
 * slot (out_strides[d] is the output stride of input dim d, 0 on reduced dims): TFLM's reference
 * ReduceGeneric order.
 */
#ifndef TINYML_KERNELS_REDUCE_H
#define TINYML_KERNELS_REDUCE_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t in_dims[5];      /* input shape padded on the left with 1s */
  int32_t out_strides[5];  /* output stride per input dim; 0 on reduced dims */
  int32_t out_size;        /* output elements */
} tm_reduce_params;

tm_status tm_eval_sum_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_reduce_max_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_reduce_min_f32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_reduce_max_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_reduce_min_s8(const void *params, const void *const *in, void *const *out, void *scratch);
/* REDUCE_ALL over bool (one byte per element, 0 or 1): each output starts true. */
tm_status tm_eval_reduce_all_b8(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

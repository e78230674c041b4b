/*
 * Small shape and constant ops: ZEROS_LIKE (TFLM zeros_like.cc: the output's bytes set to zero,
 * int8/int32/int64/float32 alike) and BROADCAST_ARGS (TFLM broadcast_args.cc,
 * reference_ops::BroadcastArgs on int32 or int64 shapes). Both usually fold at generation time;
 * these kernels run them when their input is computed at run time.
 */
#ifndef TINYML_KERNELS_SHAPE_OPS_H
#define TINYML_KERNELS_SHAPE_OPS_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t bytes;
} tm_zeros_like_params;

typedef struct {
  int32_t n1, n2, n_out;  /* elements of the two shapes and of the output */
  int32_t wide;           /* 0: int32 shapes, 1: int64 */
} tm_broadcast_args_params;

tm_status tm_eval_zeros_like(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_broadcast_args(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

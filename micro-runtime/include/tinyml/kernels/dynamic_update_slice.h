/*
 * DYNAMIC_UPDATE_SLICE (TFLM dynamic_update_slice.cc): the operand (input 0) with the update
 * (input 1) written at the start indices (input 2, int32 or int64, read at run time and clamped
 * to [0, operand dim - update dim] per axis as TFLM does). Shapes padded to 5-D on the left. The
 * output may share the operand's buffer (then the operand is not copied). Bytes move as they
 * are, so one kernel serves float32, int8, int16 and int32.
 */
#ifndef TINYML_KERNELS_DYNAMIC_UPDATE_SLICE_H
#define TINYML_KERNELS_DYNAMIC_UPDATE_SLICE_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t dims[5];        /* the operand's (and output's) */
  int32_t upd_dims[5];
  int32_t rank;           /* start indices given (the operand's rank) */
  int32_t wide_indices;   /* 0: int32, 1: int64 */
  int32_t elem_bytes;
} tm_dynamic_update_slice_params;

tm_status tm_eval_dynamic_update_slice(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/*
 * CAST (TFLM cast.cc): each element converted as C++'s static_cast does (integers wrap, floats
 * truncate toward zero, bool is 0 or 1). Inputs int8, int16, int32, uint32, float32 and bool;
 * outputs int8, int16, int32, uint32 and float32, as TFLM's Eval takes them.
 */
#ifndef TINYML_KERNELS_CAST_H
#define TINYML_KERNELS_CAST_H

#include "tinyml/tinyml.h"

typedef enum {
  TM_CAST_INT8 = 0,
  TM_CAST_INT16 = 1,
  TM_CAST_INT32 = 2,
  TM_CAST_UINT32 = 3,
  TM_CAST_FLOAT32 = 4,
  TM_CAST_BOOL = 5
} tm_cast_type;

typedef struct {
  int32_t count;
  int32_t in_type;   /* a tm_cast_type */
  int32_t out_type;  /* a tm_cast_type other than TM_CAST_BOOL */
} tm_cast_params;

tm_status tm_eval_cast(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

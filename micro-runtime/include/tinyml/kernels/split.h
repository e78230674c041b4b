/*
 * SPLIT, SPLIT_V and UNPACK (TFLM split.cc, split_v.cc, unpack.cc): for each outer index, the
 * input's next run of bytes[k] bytes goes to output k, in output order. The inverse of the
 * concatenation kernel; it only moves bytes, so one kernel serves every element type.
 */
#ifndef TINYML_KERNELS_SPLIT_H
#define TINYML_KERNELS_SPLIT_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t input;          /* which input holds the data: 1 for SPLIT (input 0 is the axis), else 0 */
  int32_t n_outputs;
  int32_t outer;          /* product of the input dims before the axis */
  const int32_t *bytes;   /* per output: bytes of one run (its axis size * inner size * element size) */
} tm_split_params;

tm_status tm_eval_split(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

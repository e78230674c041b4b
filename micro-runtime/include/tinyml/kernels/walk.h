/*
 * The strided walk shared by the data-movement ops whose output element i reads one input
 * element found by a 5-D walk (count/step per axis from an offset, as STRIDED_SLICE does):
 * SLICE, REVERSE_V2 (negative steps), BROADCAST_TO (zero steps), FILL (all steps zero),
 * SPACE_TO_DEPTH and DEPTH_TO_SPACE (axes regrouped). The generator computes the walk; `input`
 * says which of the op's inputs it reads (FILL reads its value, input 1). One kernel per element
 * size: walk_b8 (int8, uint8, bool), walk_b16 (int16), walk_b32 (float32, int32), walk_b64 (int64).
 */
#ifndef TINYML_KERNELS_WALK_H
#define TINYML_KERNELS_WALK_H

#include "tinyml/kernels/strided_slice.h"

typedef struct {
  tm_strided_slice_params walk;  /* counts, steps, offset and input size (bounds check) */
  int32_t input;                 /* which input the walk reads */
} tm_walk_params;

tm_status tm_eval_walk_b8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_walk_b16(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_walk_b32(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_walk_b64(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

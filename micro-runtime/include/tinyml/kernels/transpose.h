/*
 * TRANSPOSE, up to 5-D, any permutation. The generator gives the output shape (padded on the
 * left with 1s to 5-D) and, for each output axis, the input stride of the input axis it comes
 * from; the kernel walks the output in order and gathers. Transposing only moves elements, so
 * there is one kernel per element size: transpose_b8 (int8) and transpose_b32 (float32, int32).
 */
#ifndef TINYML_KERNELS_TRANSPOSE_H
#define TINYML_KERNELS_TRANSPOSE_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t out_dims[5];
  int32_t in_steps[5];   /* input stride of input axis perm[d], for output axis d */
} tm_transpose_params;

tm_status tm_transpose_b8(const tm_transpose_params *p, const uint8_t *input, uint8_t *output);
tm_status tm_eval_transpose_b8(const void *params, const void *const *in, void *const *out,
                               void *scratch);
tm_status tm_transpose_b32(const tm_transpose_params *p, const uint32_t *input, uint32_t *output);
tm_status tm_eval_transpose_b32(const void *params, const void *const *in, void *const *out,
                                void *scratch);

#endif

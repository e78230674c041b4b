/*
 * A walk whose input offset is a sum of one table entry per output axis: output element
 * (i0..i4) reads input element t0[i0] + t1[i1] + ... + t4[i4], the five tables stored one after
 * the other. MIRROR_PAD (TFLM mirror_pad.cc: each axis reflected on its own) and
 * BATCH_TO_SPACE_ND (reference_ops::BatchToSpaceND: the input batch splits into the block
 * offsets of height and width, each a term of its own) are such walks; the generator builds the
 * tables. One kernel per element size: b8 (int8) and b32 (float32).
 */
#ifndef TINYML_KERNELS_TABLE_WALK_H
#define TINYML_KERNELS_TABLE_WALK_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t out_dims[5];
  const int32_t *table;  /* out_dims[0] + ... + out_dims[4] entries, axis 0's first */
  int32_t in_size;       /* input elements (bounds check) */
} tm_table_walk_params;

tm_status tm_eval_table_walk_b8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_table_walk_b32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

/*
 * SPACE_TO_BATCH_ND (TFLM space_to_batch_nd.cc, reference_ops::SpaceToBatchND), 3-D or 4-D NHWC
 * (3-D as [B, H, 1, C]): output batch b takes input batch b % in_batch at block offset
 * (b / in_batch) of height and width; positions in the padding are filled with pad bytes.
 * TFLM never sets its op data's pad value (the persistent buffer is left as allocated), which is
 * 0 in TFLM's own runs, so the generator passes 0. One kernel per element size: b8, b32.
 */
#ifndef TINYML_KERNELS_SPACE_TO_BATCH_ND_H
#define TINYML_KERNELS_SPACE_TO_BATCH_ND_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t in_dims[4];   /* B, H, W, C */
  int32_t out_dims[4];
  int32_t block[2];     /* height, width */
  int32_t pad[2];       /* top, left */
  int32_t pad_byte;
} tm_space_to_batch_nd_params;

tm_status tm_eval_space_to_batch_nd_b8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_space_to_batch_nd_b32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

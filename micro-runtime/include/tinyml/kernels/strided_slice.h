/*
 * STRIDED_SLICE (up to 5-D, any begin/end/strides and masks TFLM supports, shrink axis). The
 * generator resolves begin/end/masks exactly as TFLM does and hands the kernel, per (5-D padded)
 * axis, how many elements to take and the input step between them; the kernel only gathers.
 * Slicing only moves elements, so there is one kernel per element size: strided_slice_b8 (int8)
 * and strided_slice_b32 (float32, int32).
 */
#ifndef TINYML_KERNELS_STRIDED_SLICE_H
#define TINYML_KERNELS_STRIDED_SLICE_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t count[5];   /* elements taken along each axis (output shape before shrinking) */
  int32_t step[5];    /* input element step along each axis (stride * input stride; may be negative) */
  int32_t offset;     /* input element index of the first output element */
  int32_t in_size;    /* input elements (bounds check) */
} tm_strided_slice_params;

tm_status tm_strided_slice_b8(const tm_strided_slice_params *p, const uint8_t *input, uint8_t *output);
tm_status tm_eval_strided_slice_b8(const void *params, const void *const *in, void *const *out,
                                   void *scratch);
tm_status tm_strided_slice_b32(const tm_strided_slice_params *p, const uint32_t *input, uint32_t *output);
tm_status tm_eval_strided_slice_b32(const void *params, const void *const *in, void *const *out,
                                    void *scratch);

#endif

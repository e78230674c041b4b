/*
 * The bodies of the data-movement kernels, one copy for every element size: PAD
 * (reference_ops::Pad), STRIDED_SLICE (reference_ops::StridedSlice) and TRANSPOSE
 * (reference_ops::Transpose). `esz` (1 or 4 bytes) is a constant at each use, so an element move
 * compiles to one load and one store; memcpy keeps it type-neutral (int8, int32 or float32 bits).
 */
#ifndef TINYML_KERNELS_MOVEMENT_H
#define TINYML_KERNELS_MOVEMENT_H

#include <string.h>

#include "tinyml/kernels/pad.h"
#include "tinyml/kernels/strided_slice.h"
#include "tinyml/kernels/transpose.h"

/* n elements of `value` (its low esz bytes) at dst */
static inline void tm_move_fill(uint8_t *dst, uint32_t value, int32_t n, const size_t esz) {
  int32_t x;
  if (esz == 1) {
    if (n > 0) memset(dst, (int)(value & 0xFFu), (size_t)n);
    return;
  }
  for (x = 0; x < n; ++x) memcpy(dst + (size_t)x * esz, &value, esz);
}

static inline tm_status tm_pad_bytes(const tm_pad_params *p, const uint8_t *input, uint8_t *output,
                                     const size_t esz) {
  const int32_t *od = p->out_dims;
  const int32_t w = od[4];
  const int32_t in_w = p->in_dims[4];
  const int32_t lw = p->left[4];
  int32_t i0, i1, i2, i3, d;
  uint8_t *dst = output;
  for (d = 0; d < 5; ++d) {
    if (p->in_dims[d] < 0 || p->left[d] < 0 || p->out_dims[d] < p->in_dims[d] + p->left[d]) {
      return TM_BAD_PARAM;
    }
  }
  for (i0 = 0; i0 < od[0]; ++i0) {
    for (i1 = 0; i1 < od[1]; ++i1) {
      for (i2 = 0; i2 < od[2]; ++i2) {
        for (i3 = 0; i3 < od[3]; ++i3) {
          const int32_t j0 = i0 - p->left[0], j1 = i1 - p->left[1];
          const int32_t j2 = i2 - p->left[2], j3 = i3 - p->left[3];
          if (j0 < 0 || j0 >= p->in_dims[0] || j1 < 0 || j1 >= p->in_dims[1] ||
              j2 < 0 || j2 >= p->in_dims[2] || j3 < 0 || j3 >= p->in_dims[3]) {
            tm_move_fill(dst, p->value, w, esz);
          } else {
            const uint8_t *src = input +
                ((((size_t)j0 * p->in_dims[1] + (size_t)j1) * p->in_dims[2] + (size_t)j2) * p->in_dims[3] +
                 (size_t)j3) * (size_t)in_w * esz;
            tm_move_fill(dst, p->value, lw, esz);
            if (in_w > 0) memcpy(dst + (size_t)lw * esz, src, (size_t)in_w * esz);
            tm_move_fill(dst + (size_t)(lw + in_w) * esz, p->value, w - lw - in_w, esz);
          }
          dst += (size_t)w * esz;
        }
      }
    }
  }
  return TM_OK;
}

static inline int tm_strided_slice_in_bounds(const tm_strided_slice_params *p) {
  int64_t lo = p->offset, hi = p->offset;
  int d;
  for (d = 0; d < 5; ++d) {
    const int64_t span = (int64_t)(p->count[d] - 1) * p->step[d];
    if (p->count[d] < 0) return 0;
    if (p->count[d] == 0) return 1;
    if (span < 0) lo += span; else hi += span;
  }
  return lo >= 0 && hi < p->in_size;
}

/* a 5-D strided walk over the input writing the output in order (begin/end/mask resolution is
 * done by the generator) */
static inline tm_status tm_strided_slice_bytes(const tm_strided_slice_params *p,
                                               const uint8_t *input, uint8_t *output,
                                               const size_t esz) {
  const int32_t *c = p->count, *s = p->step;
  int32_t i0, i1, i2, i3, i4;
  uint8_t *dst = output;
  if (!tm_strided_slice_in_bounds(p)) return TM_BAD_PARAM;
  for (i0 = 0; i0 < c[0]; ++i0) {
    for (i1 = 0; i1 < c[1]; ++i1) {
      for (i2 = 0; i2 < c[2]; ++i2) {
        for (i3 = 0; i3 < c[3]; ++i3) {
          int32_t idx = p->offset + i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < c[4]; ++i4, idx += s[4], dst += esz) {
            memcpy(dst, input + (size_t)idx * esz, esz);
          }
        }
      }
    }
  }
  return TM_OK;
}

/* output[i] = input[permuted index], walking the output in row-major order */
static inline tm_status tm_transpose_bytes(const tm_transpose_params *p, const uint8_t *input,
                                           uint8_t *output, const size_t esz) {
  const int32_t *n = p->out_dims, *s = p->in_steps;
  int32_t i0, i1, i2, i3, i4, d;
  uint8_t *dst = output;
  for (d = 0; d < 5; ++d) {
    if (n[d] < 0 || s[d] < 0) return TM_BAD_PARAM;
  }
  for (i0 = 0; i0 < n[0]; ++i0) {
    for (i1 = 0; i1 < n[1]; ++i1) {
      for (i2 = 0; i2 < n[2]; ++i2) {
        for (i3 = 0; i3 < n[3]; ++i3) {
          int32_t idx = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3];
          for (i4 = 0; i4 < n[4]; ++i4, idx += s[4], dst += esz) {
            memcpy(dst, input + (size_t)idx * esz, esz);
          }
        }
      }
    }
  }
  return TM_OK;
}

#endif

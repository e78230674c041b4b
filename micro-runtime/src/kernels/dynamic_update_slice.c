/* DYNAMIC_UPDATE_SLICE; see tinyml/kernels/dynamic_update_slice.h. */
#include <string.h>

#include "tinyml/kernels/dynamic_update_slice.h"

tm_status tm_eval_dynamic_update_slice(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_dynamic_update_slice_params *p = (const tm_dynamic_update_slice_params *)params;
  int32_t start[5], d, i0, i1, i2, i3;
  size_t total = 1, upd_total = 1, row, esz;
  size_t stride[5];
  const uint8_t *u;
  uint8_t *y;
  (void)scratch;
  if (p == NULL || in[0] == NULL || in[1] == NULL || in[2] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->rank < 0 || p->rank > 5 || p->elem_bytes < 1) return TM_BAD_PARAM;
  for (d = 0; d < 5; ++d) {
    if (p->dims[d] < 0 || p->upd_dims[d] < 0 || p->upd_dims[d] > p->dims[d]) return TM_BAD_PARAM;
    total *= (size_t)p->dims[d];
    upd_total *= (size_t)p->upd_dims[d];
  }
  esz = (size_t)p->elem_bytes;
  y = (uint8_t *)out[0];
  u = (const uint8_t *)in[1];
  if (total == upd_total) {
    memcpy(y, u, total * esz);
    return TM_OK;
  }
  if (in[0] != out[0]) memcpy(y, in[0], total * esz);
  if (upd_total == 0) return TM_OK;
  for (d = 0; d < 5; ++d) {
    const int32_t k = d - (5 - p->rank);
    int64_t s = 0;
    if (k >= 0) s = p->wide_indices ? ((const int64_t *)in[2])[k] : (int64_t)((const int32_t *)in[2])[k];
    if (s < 0) s = 0;
    if (s > p->dims[d] - p->upd_dims[d]) s = p->dims[d] - p->upd_dims[d];
    start[d] = (int32_t)s;
  }
  stride[4] = 1;
  for (d = 3; d >= 0; --d) stride[d] = stride[d + 1] * (size_t)p->dims[d + 1];
  row = (size_t)p->upd_dims[4] * esz;
  for (i0 = 0; i0 < p->upd_dims[0]; ++i0) {
    for (i1 = 0; i1 < p->upd_dims[1]; ++i1) {
      for (i2 = 0; i2 < p->upd_dims[2]; ++i2) {
        for (i3 = 0; i3 < p->upd_dims[3]; ++i3) {
          const size_t at = ((size_t)(start[0] + i0) * stride[0] + (size_t)(start[1] + i1) * stride[1] +
                             (size_t)(start[2] + i2) * stride[2] + (size_t)(start[3] + i3) * stride[3] +
                             (size_t)start[4]) * esz;
          memcpy(y + at, u, row);
          u += row;
        }
      }
    }
  }
  return TM_OK;
}

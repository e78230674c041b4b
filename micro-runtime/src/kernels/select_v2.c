/* SELECT_V2; see tinyml/kernels/select_v2.h. */
#include <string.h>

#include "tinyml/kernels/select_v2.h"

static tm_status select_bytes(const void *params, const void *const *in, void *const *out, const size_t esz) {
  const tm_select_v2_params *p = (const tm_select_v2_params *)params;
  const uint8_t *c, *x, *y;
  uint8_t *dst;
  int32_t i[5], d;
  if (p == NULL || in[0] == NULL || in[1] == NULL || in[2] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  for (d = 0; d < 5; ++d) {
    if (p->out_dims[d] < 0 || p->cond_step[d] < 0 || p->x_step[d] < 0 || p->y_step[d] < 0) return TM_BAD_PARAM;
  }
  c = (const uint8_t *)in[0];
  x = (const uint8_t *)in[1];
  y = (const uint8_t *)in[2];
  dst = (uint8_t *)out[0];
  for (i[0] = 0; i[0] < p->out_dims[0]; ++i[0]) {
    for (i[1] = 0; i[1] < p->out_dims[1]; ++i[1]) {
      for (i[2] = 0; i[2] < p->out_dims[2]; ++i[2]) {
        for (i[3] = 0; i[3] < p->out_dims[3]; ++i[3]) {
          for (i[4] = 0; i[4] < p->out_dims[4]; ++i[4], dst += esz) {
            size_t ci = 0, xi = 0, yi = 0;
            for (d = 0; d < 5; ++d) {
              ci += (size_t)i[d] * (size_t)p->cond_step[d];
              xi += (size_t)i[d] * (size_t)p->x_step[d];
              yi += (size_t)i[d] * (size_t)p->y_step[d];
            }
            memcpy(dst, c[ci] ? x + xi * esz : y + yi * esz, esz);
          }
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_select_v2_b8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return select_bytes(params, in, out, 1);
}

tm_status tm_eval_select_v2_b16(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return select_bytes(params, in, out, 2);
}

tm_status tm_eval_select_v2_b32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return select_bytes(params, in, out, 4);
}

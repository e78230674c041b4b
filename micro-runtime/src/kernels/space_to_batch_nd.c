/* SPACE_TO_BATCH_ND; see tinyml/kernels/space_to_batch_nd.h. */
#include <string.h>

#include "tinyml/kernels/space_to_batch_nd.h"

static tm_status space_to_batch(const void *params, const void *const *in, void *const *out, const size_t esz) {
  const tm_space_to_batch_nd_params *p = (const tm_space_to_batch_nd_params *)params;
  const int32_t *id, *od;
  const uint8_t *x;
  uint8_t *dst;
  size_t depth;
  int32_t ob, oh, ow, d;
  if (p == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  id = p->in_dims;
  od = p->out_dims;
  for (d = 0; d < 4; ++d) {
    if (id[d] < 0 || od[d] < 0) return TM_BAD_PARAM;
  }
  if (p->block[0] < 1 || p->block[1] < 1 || id[0] < 1 || id[3] != od[3]) return TM_BAD_PARAM;
  x = (const uint8_t *)in[0];
  dst = (uint8_t *)out[0];
  depth = (size_t)id[3] * esz;
  for (ob = 0; ob < od[0]; ++ob) {
    const int32_t ib = ob % id[0];
    const int32_t shift_w = (ob / id[0]) % p->block[1];
    const int32_t shift_h = (ob / id[0]) / p->block[1];
    for (oh = 0; oh < od[1]; ++oh) {
      const int32_t ih = oh * p->block[0] + shift_h - p->pad[0];
      for (ow = 0; ow < od[2]; ++ow, dst += depth) {
        const int32_t iw = ow * p->block[1] + shift_w - p->pad[1];
        if (ih < 0 || ih >= id[1] || iw < 0 || iw >= id[2]) {
          memset(dst, p->pad_byte & 0xFF, depth);
        } else {
          memcpy(dst, x + ((((size_t)ib * (size_t)id[1] + (size_t)ih) * (size_t)id[2]) + (size_t)iw) * depth, depth);
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_space_to_batch_nd_b8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return space_to_batch(params, in, out, 1);
}

tm_status tm_eval_space_to_batch_nd_b32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return space_to_batch(params, in, out, 4);
}

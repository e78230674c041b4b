/* The strided walk (tinyml/kernels/walk.h) for each element size; the body is
 * tm_strided_slice_bytes (tinyml/kernels/movement.h), the size a constant at each use. */
#include "tinyml/kernels/movement.h"
#include "tinyml/kernels/walk.h"

static tm_status walk(const void *params, const void *const *in, void *const *out, const size_t esz) {
  const tm_walk_params *p = (const tm_walk_params *)params;
  if (p == NULL || p->input < 0 || p->input > 7 || in[p->input] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_strided_slice_bytes(&p->walk, (const uint8_t *)in[p->input], (uint8_t *)out[0], esz);
}

tm_status tm_eval_walk_b8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return walk(params, in, out, 1);
}

tm_status tm_eval_walk_b16(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return walk(params, in, out, 2);
}

tm_status tm_eval_walk_b32(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return walk(params, in, out, 4);
}

tm_status tm_eval_walk_b64(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  return walk(params, in, out, 8);
}

/* TRANSPOSE for 4-byte elements (float32, int32): the body is tm_transpose_bytes (tinyml/kernels/movement.h). */
#include "tinyml/kernels/movement.h"

tm_status tm_transpose_b32(const tm_transpose_params *p, const uint32_t *input, uint32_t *output) {
  return tm_transpose_bytes(p, (const uint8_t *)input, (uint8_t *)output, 4);
}

tm_status tm_eval_transpose_b32(const void *params, const void *const *in, void *const *out,
                                void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_transpose_b32((const tm_transpose_params *)params, (const uint32_t *)in[0], (uint32_t *)out[0]);
}

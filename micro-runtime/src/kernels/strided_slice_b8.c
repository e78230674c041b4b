/* STRIDED_SLICE for 1-byte elements (int8): the body is tm_strided_slice_bytes (tinyml/kernels/movement.h). */
#include "tinyml/kernels/movement.h"

tm_status tm_strided_slice_b8(const tm_strided_slice_params *p, const uint8_t *input, uint8_t *output) {
  return tm_strided_slice_bytes(p, (const uint8_t *)input, (uint8_t *)output, 1);
}

tm_status tm_eval_strided_slice_b8(const void *params, const void *const *in, void *const *out,
                                   void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_strided_slice_b8((const tm_strided_slice_params *)params, (const uint8_t *)in[0], (uint8_t *)out[0]);
}

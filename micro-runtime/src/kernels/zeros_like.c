/* ZEROS_LIKE; see tinyml/kernels/shape_ops.h. */
#include <string.h>

#include "tinyml/kernels/shape_ops.h"

tm_status tm_eval_zeros_like(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_zeros_like_params *p = (const tm_zeros_like_params *)params;
  (void)in;
  (void)scratch;
  if (p == NULL || out[0] == NULL || p->bytes < 0) return TM_BAD_PARAM;
  memset(out[0], 0, (size_t)p->bytes);
  return TM_OK;
}

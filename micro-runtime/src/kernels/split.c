/* SPLIT, SPLIT_V and UNPACK on bytes; see tinyml/kernels/split.h. */
#include <string.h>

#include "tinyml/kernels/split.h"

tm_status tm_eval_split(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_split_params *p = (const tm_split_params *)params;
  const uint8_t *src;
  int32_t o, k;
  (void)scratch;
  if (p == NULL || p->input < 0 || p->input > 2 || in[p->input] == NULL || p->n_outputs < 1 || p->outer < 0 || p->bytes == NULL) return TM_BAD_PARAM;
  for (k = 0; k < p->n_outputs; ++k) {
    if (p->bytes[k] < 0 || (out[k] == NULL && p->bytes[k] > 0)) return TM_BAD_PARAM;
  }
  src = (const uint8_t *)in[p->input];
  for (o = 0; o < p->outer; ++o) {
    for (k = 0; k < p->n_outputs; ++k) {
      const size_t n = (size_t)p->bytes[k];
      if (n == 0) continue;
      memcpy((uint8_t *)out[k] + (size_t)o * n, src, n);
      src += n;
    }
  }
  return TM_OK;
}

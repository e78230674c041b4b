/* PAD for 1-byte elements (int8) (TFLM reference_ops::Pad: every output element outside the
 * input window is the constant value, the rest are copied). */
#include <string.h>

#include "tinyml/kernels/pad.h"

static int tm_pad_check(const tm_pad_params *p) {
  int d;
  for (d = 0; d < 5; ++d) {
    if (p->in_dims[d] < 0 || p->left[d] < 0 || p->out_dims[d] < p->in_dims[d] + p->left[d]) return 0;
  }
  return 1;
}

static void tm_pad_fill(uint8_t *dst, uint8_t value, int32_t n) {
  memset(dst, value, (size_t)n);
}

tm_status tm_pad_b8(const tm_pad_params *p, const uint8_t *input, uint8_t *output) {
  const uint8_t value = (uint8_t)(p->value & 0xFFu);
  const int32_t *od = p->out_dims;
  const int32_t w = od[4];
  const int32_t in_w = p->in_dims[4];
  const int32_t lw = p->left[4];
  int32_t i0, i1, i2, i3;
  uint8_t *dst = output;
  if (!tm_pad_check(p)) return TM_BAD_PARAM;
  for (i0 = 0; i0 < od[0]; ++i0) {
    for (i1 = 0; i1 < od[1]; ++i1) {
      for (i2 = 0; i2 < od[2]; ++i2) {
        for (i3 = 0; i3 < od[3]; ++i3) {
          const int32_t j0 = i0 - p->left[0], j1 = i1 - p->left[1];
          const int32_t j2 = i2 - p->left[2], j3 = i3 - p->left[3];
          if (j0 < 0 || j0 >= p->in_dims[0] || j1 < 0 || j1 >= p->in_dims[1] ||
              j2 < 0 || j2 >= p->in_dims[2] || j3 < 0 || j3 >= p->in_dims[3]) {
            tm_pad_fill(dst, value, w);
          } else {
            const uint8_t *src = input +
                ((((size_t)j0 * p->in_dims[1] + (size_t)j1) * p->in_dims[2] + (size_t)j2) * p->in_dims[3] +
                 (size_t)j3) * (size_t)in_w;
            tm_pad_fill(dst, value, lw);
            if (in_w > 0) memcpy(dst + lw, src, (size_t)in_w * sizeof(uint8_t));
            tm_pad_fill(dst + lw + in_w, value, w - lw - in_w);
          }
          dst += w;
        }
      }
    }
  }
  return TM_OK;
}

tm_status tm_eval_pad_b8(const void *params, const void *const *in, void *const *out, void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_pad_b8((const tm_pad_params *)params, (const uint8_t *)in[0], (uint8_t *)out[0]);
}

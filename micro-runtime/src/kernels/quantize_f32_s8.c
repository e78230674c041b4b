/* QUANTIZE float32 -> int8 (TFLM reference_ops::AffineQuantize arithmetic: float division by the
 * scale, round half away from zero, add the zero point, clamp). */
#include "tinyml/kernels/quantize.h"

/* Values of x / scale beyond this magnitude saturate for any int8 zero point. */
#define TM_QUANTIZE_SATURATE 1024.0f

tm_status tm_quantize_f32_s8(const tm_quantize_f32_s8_params *p, const float *input, int8_t *output) {
  int32_t i;
  if (p->size < 0 || !(p->scale > 0.0f) || p->zero_point < -128 || p->zero_point > 127) {
    return TM_BAD_PARAM;
  }
  for (i = 0; i < p->size; ++i) {
    const float r = input[i] / p->scale;
    int32_t q;
    if (r >= TM_QUANTIZE_SATURATE) {
      q = 127;
    } else if (!(r > -TM_QUANTIZE_SATURATE)) { /* also NaN */
      q = -128;
    } else {
      /* std::round on a float: truncate, then step away from zero on a fraction >= 0.5
       * (r - trunc(r) is exact for |r| < 2^23). */
      int32_t t = (int32_t)r;
      const float frac = r - (float)t;
      if (frac >= 0.5f) {
        t += 1;
      } else if (frac <= -0.5f) {
        t -= 1;
      }
      q = t + p->zero_point;
      if (q < -128) q = -128;
      if (q > 127) q = 127;
    }
    output[i] = (int8_t)q;
  }
  return TM_OK;
}

tm_status tm_eval_quantize_f32_s8(const void *params, const void *const *in, void *const *out,
                                  void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_quantize_f32_s8((const tm_quantize_f32_s8_params *)params, (const float *)in[0],
                            (int8_t *)out[0]);
}

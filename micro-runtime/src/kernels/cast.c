/* CAST; see tinyml/kernels/cast.h. Integers go through int64_t, floats stay float: a float to an
 * integer type truncates through a wide integer, as the compiled static_cast does for values the
 * type holds. */
#include "tinyml/kernels/cast.h"

tm_status tm_eval_cast(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_cast_params *p = (const tm_cast_params *)params;
  int32_t i;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->count < 0) return TM_BAD_PARAM;
  if (p->in_type < TM_CAST_INT8 || p->in_type > TM_CAST_BOOL || p->out_type < TM_CAST_INT8 || p->out_type > TM_CAST_FLOAT32) {
    return TM_BAD_PARAM;
  }
  for (i = 0; i < p->count; ++i) {
    int64_t iv = 0;
    float fv = 0.0f;
    int is_float = 0;
    switch (p->in_type) {
      case TM_CAST_INT8: iv = ((const int8_t *)in[0])[i]; break;
      case TM_CAST_INT16: iv = ((const int16_t *)in[0])[i]; break;
      case TM_CAST_INT32: iv = ((const int32_t *)in[0])[i]; break;
      case TM_CAST_UINT32: iv = ((const uint32_t *)in[0])[i]; break;
      case TM_CAST_BOOL: iv = ((const uint8_t *)in[0])[i] != 0; break;
      default: fv = ((const float *)in[0])[i]; is_float = 1; break;
    }
    if (is_float && p->out_type != TM_CAST_FLOAT32) iv = (int64_t)fv;
    switch (p->out_type) {
      case TM_CAST_INT8: ((int8_t *)out[0])[i] = (int8_t)iv; break;
      case TM_CAST_INT16: ((int16_t *)out[0])[i] = (int16_t)iv; break;
      case TM_CAST_INT32: ((int32_t *)out[0])[i] = (int32_t)iv; break;
      case TM_CAST_UINT32: ((uint32_t *)out[0])[i] = (uint32_t)iv; break;
      default: ((float *)out[0])[i] = is_float ? fv : (float)iv; break;
    }
  }
  return TM_OK;
}

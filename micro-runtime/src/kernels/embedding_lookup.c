/* EMBEDDING_LOOKUP (TFLM embedding_lookup.cc): rows of the table (input 1) picked by the int32
 * indices (input 0), copied (EvalSimple) or, for an int8 table with a float32 output,
 * dequantized as (value - 0) * scale (EvalHybrid); see tinyml/kernels/gather.h. */
#include <string.h>

#include "tinyml/kernels/gather.h"

static tm_status check(const tm_embedding_lookup_params *p, const void *const *in, void *const *out) {
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  if (p->n_lookups < 0 || p->rows < 0 || p->row_elems < 0 || p->elem_bytes < 1) return TM_BAD_PARAM;
  return TM_OK;
}

tm_status tm_eval_embedding_lookup(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_embedding_lookup_params *p = (const tm_embedding_lookup_params *)params;
  const int32_t *idx;
  size_t row_bytes;
  int32_t i;
  tm_status st = check(p, in, out);
  (void)scratch;
  if (st != TM_OK) return st;
  if (p->rows == 0) return TM_OK;
  idx = (const int32_t *)in[0];
  row_bytes = (size_t)p->row_elems * (size_t)p->elem_bytes;
  for (i = 0; i < p->n_lookups; ++i) {
    if (idx[i] < 0 || idx[i] >= p->rows) return TM_BAD_PARAM;
    memcpy((uint8_t *)out[0] + (size_t)i * row_bytes, (const uint8_t *)in[1] + (size_t)idx[i] * row_bytes, row_bytes);
  }
  return TM_OK;
}

tm_status tm_eval_embedding_lookup_s8_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_embedding_lookup_params *p = (const tm_embedding_lookup_params *)params;
  const int32_t *idx;
  float *y;
  int32_t i, j;
  tm_status st = check(p, in, out);
  (void)scratch;
  if (st != TM_OK) return st;
  idx = (const int32_t *)in[0];
  y = (float *)out[0];
  for (i = 0; i < p->n_lookups; ++i) {
    const int8_t *row;
    if (idx[i] < 0 || idx[i] >= p->rows) return TM_BAD_PARAM;
    row = (const int8_t *)in[1] + (size_t)idx[i] * (size_t)p->row_elems;
    for (j = 0; j < p->row_elems; ++j) y[(size_t)i * (size_t)p->row_elems + (size_t)j] = (float)row[j] * p->scale;
  }
  return TM_OK;
}

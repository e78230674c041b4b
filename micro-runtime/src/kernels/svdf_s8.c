/* SVDF int8 with int16 state, as TFLM's EvalIntegerSvdfReference. */
#include "tinyml/kernels/svdf.h"
#include "tinyml/quant.h"

tm_status tm_eval_svdf_s8(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_svdf_params *p = (const tm_svdf_params *)params;
  const int8_t *input = (const int8_t *)in[0];
  const int8_t *wf = (const int8_t *)in[1];
  const int16_t *wt = (const int16_t *)in[2];
  const int32_t *bias = (const int32_t *)in[3];
  int16_t *state = (int16_t *)in[4];
  int8_t *output = (int8_t *)out[0];
  int32_t *filt = (int32_t *)scratch;                  /* batch * num_filters */
  int32_t *units = filt + p->batch * p->num_filters;   /* batch * num_units */
  const int32_t n_state = p->batch * p->num_filters * p->memory_size;
  int32_t b, f, c, j, i;
  if (state == NULL || scratch == NULL) return TM_BAD_PARAM;
  /* Shift the whole state left by one element (the oldest entry of each filter drops out). */
  for (i = 0; i + 1 < n_state; ++i) state[i] = state[i + 1];
  /* Feature products into the newest slot of each filter's memory. */
  for (b = 0; b < p->batch; ++b) {
    const int8_t *x = input + b * p->input_size;
    for (f = 0; f < p->num_filters; ++f) {
      const int8_t *w = wf + f * p->input_size;
      int32_t acc = 0;
      for (c = 0; c < p->input_size; ++c) acc += (int32_t)w[c] * ((int32_t)x[c] - p->input_zero_point);
      acc = tm_multiply_by_quantized_multiplier(acc, p->scale_1_multiplier, p->scale_1_shift);
      acc = tm_clamp_i32(acc, -32768, 32767);
      state[(b * p->num_filters + f) * p->memory_size + p->memory_size - 1] = (int16_t)acc;
    }
  }
  /* Time products per filter. */
  for (b = 0; b < p->batch; ++b) {
    for (f = 0; f < p->num_filters; ++f) {
      const int16_t *s = state + (b * p->num_filters + f) * p->memory_size;
      const int16_t *w = wt + f * p->memory_size;
      int32_t acc = 0;
      for (j = 0; j < p->memory_size; ++j) acc += (int32_t)w[j] * (int32_t)s[j];
      filt[b * p->num_filters + f] = acc;
    }
  }
  /* Bias, the sum over each unit's rank filters, and the output requantization. */
  for (b = 0; b < p->batch; ++b) {
    const int32_t *sf = filt + b * p->num_filters;
    for (i = 0; i < p->num_units; ++i) {
      int32_t acc = bias != NULL ? bias[i] : 0;
      for (j = 0; j < p->rank; ++j) acc += sf[i * p->rank + j];
      units[b * p->num_units + i] = acc;
    }
  }
  for (i = 0; i < p->batch * p->num_units; ++i) {
    int32_t v = tm_multiply_by_quantized_multiplier(units[i], p->scale_2_multiplier, p->scale_2_shift) + p->output_zero_point;
    output[i] = (int8_t)tm_clamp_i32(v, -128, 127);
  }
  return TM_OK;
}

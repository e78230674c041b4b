/* SVDF float32, as TFLM's EvalFloatSvdfReference. */
#include "tinyml/kernels/svdf.h"
#include "tinyml/quant.h"

tm_status tm_eval_svdf_f32(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_svdf_params *p = (const tm_svdf_params *)params;
  const float *input = (const float *)in[0];
  const float *wf = (const float *)in[1];
  const float *wt = (const float *)in[2];
  const float *bias = (const float *)in[3];
  float *state = (float *)in[4];
  float *output = (float *)out[0];
  float *filt = (float *)scratch; /* batch * num_filters */
  const int32_t n_state = p->batch * p->num_filters * p->memory_size;
  int32_t b, f, c, j, i;
  if (state == NULL || scratch == NULL) return TM_BAD_PARAM;
  for (i = 0; i + 1 < n_state; ++i) state[i] = state[i + 1];
  for (b = 0; b < p->batch; ++b) {
    const float *x = input + b * p->input_size;
    for (f = 0; f < p->num_filters; ++f) {
      const float *w = wf + f * p->input_size;
      float acc = 0.0f;
      for (c = 0; c < p->input_size; ++c) acc += w[c] * x[c];
      state[(b * p->num_filters + f) * p->memory_size + p->memory_size - 1] = acc;
    }
  }
  for (b = 0; b < p->batch; ++b) {
    for (f = 0; f < p->num_filters; ++f) {
      const float *s = state + (b * p->num_filters + f) * p->memory_size;
      const float *w = wt + f * p->memory_size;
      float acc = 0.0f;
      for (j = 0; j < p->memory_size; ++j) acc += w[j] * s[j];
      filt[b * p->num_filters + f] = acc;
    }
  }
  for (b = 0; b < p->batch; ++b) {
    const float *sf = filt + b * p->num_filters;
    for (i = 0; i < p->num_units; ++i) {
      float acc = bias != NULL ? bias[i] : 0.0f;
      for (j = 0; j < p->rank; ++j) acc += sf[i * p->rank + j];
      output[b * p->num_units + i] = tm_clamp_f32(acc, p->act_min, p->act_max);
    }
  }
  return TM_OK;
}

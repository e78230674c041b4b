/* FULLY_CONNECTED, float32 reference kernel. */
#include "tinyml/kernels/fully_connected.h"
#include "tinyml/quant.h"

tm_status tm_fully_connected_f32(const tm_fully_connected_f32_params *p, const float *input,
                                 const float *filter, const float *bias, float *output) {
  int32_t b, oc, d;
  if (p->batches < 1 || p->accum_depth < 1 || p->output_depth < 1) return TM_BAD_PARAM;
  for (b = 0; b < p->batches; ++b) {
    const float *in_row = input + b * p->accum_depth;
    for (oc = 0; oc < p->output_depth; ++oc) {
      const float *w_row = filter + oc * p->accum_depth;
      float total = 0.0f;
      for (d = 0; d < p->accum_depth; ++d) total += in_row[d] * w_row[d];
      if (bias != NULL) total += bias[oc];
      output[b * p->output_depth + oc] = tm_clamp_f32(total, p->act_min, p->act_max);
    }
  }
  return TM_OK;
}

tm_status tm_eval_fully_connected_f32(const void *params, const void *const *in, void *const *out,
                                      void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_fully_connected_f32((const tm_fully_connected_f32_params *)params, (const float *)in[0],
                                (const float *)in[1], (const float *)in[2], (float *)out[0]);
}

/* FULLY_CONNECTED, int8 reference kernel (TFLM reference_integer_ops::FullyConnected arithmetic). */
#include "tinyml/kernels/fully_connected.h"
#include "tinyml/quant.h"

tm_status tm_fully_connected_s8(const tm_fully_connected_s8_params *p, const int8_t *input,
                                const int8_t *filter, const int32_t *bias, int8_t *output) {
  int32_t b, oc, d;
  if (p->batches < 1 || p->accum_depth < 1 || p->output_depth < 1 || p->act_min > p->act_max) {
    return TM_BAD_PARAM;
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in_row = input + b * p->accum_depth;
    for (oc = 0; oc < p->output_depth; ++oc) {
      const int8_t *w_row = filter + oc * p->accum_depth;
      int32_t acc = 0;
      for (d = 0; d < p->accum_depth; ++d) {
        acc += ((int32_t)w_row[d] + p->filter_offset) * ((int32_t)in_row[d] + p->input_offset);
      }
      if (bias != NULL) acc += bias[oc];
      acc = tm_multiply_by_quantized_multiplier(acc, p->multiplier[oc], p->shift[oc]);
      acc += p->output_offset;
      output[b * p->output_depth + oc] = (int8_t)tm_clamp_i32(acc, p->act_min, p->act_max);
    }
  }
  return TM_OK;
}

tm_status tm_eval_fully_connected_s8(const void *params, const void *const *in, void *const *out,
                                     void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_fully_connected_s8((const tm_fully_connected_s8_params *)params, (const int8_t *)in[0],
                               (const int8_t *)in[1], (const int32_t *)in[2], (int8_t *)out[0]);
}

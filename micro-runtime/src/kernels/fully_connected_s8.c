/*
 * FULLY_CONNECTED, int8 reference kernel: TFLM reference_integer_ops::FullyConnected arithmetic,
 * bit for bit.
 *
 * TFLM computes acc = sum of (w + filter_offset) * (x + input_offset), then acc + bias,
 * requantized. With symmetric weights (filter_offset == 0, as int8 weights are) the fast path
 * computes the same integer as sum w * x + bias_folded, where prepare computed
 * bias_folded[c] = bias[c] + input_offset * (sum of row c's weights), exact in integers; several
 * weight rows share each input load. Otherwise (or without bias_folded) TFLM's loop runs.
 */
#include "tinyml/kernels/fully_connected.h"
#include "tinyml/quant.h"

/* The multiply-accumulate loops stay out of line: inlined into the row loops, they lose their
 * registers to them. */
#if defined(__GNUC__)
#define TM_NOINLINE __attribute__((noinline))
#else
#define TM_NOINLINE
#endif

#if defined(__ARM_ARCH_6M__)
/* ARMv6-M (Cortex-M0/M0+): 8 low registers, byte loads with register offsets only. Two rows
 * share each input load; the two sums come back packed in 64 bits (sum0 in the low word, in
 * r0:r1), so no output pointer occupies a register during the loop. */
#define TM_FC_ROWS 2
static TM_NOINLINE uint64_t tm_fc_dot_2(const int8_t *x, const int8_t *w0, const int8_t *w1,
                                        int32_t n) {
  int32_t a0 = 0, a1 = 0;
  do {
    int32_t v;
    --n;
    v = x[n];
    a0 += w0[n] * v;
    a1 += w1[n] * v;
  } while (n != 0);
  return ((uint64_t)(uint32_t)a1 << 32) | (uint32_t)a0;
}

/* acc[j] = sum over k < n of x[k] * w[j * n + k], for the rows j = 0, 1; n >= 1. */
static void tm_fc_dot(int32_t *acc, const int8_t *x, const int8_t *w, int32_t n) {
  const uint64_t s = tm_fc_dot_2(x, w, w + n, n);
  acc[0] = (int32_t)(uint32_t)s;
  acc[1] = (int32_t)(uint32_t)(s >> 32);
}
#else
/* acc[j] = sum over k < n of x[k] * w[j * n + k], for the rows j = 0..3; n >= 1: one input load
 * feeds four multiply-accumulates. */
#define TM_FC_ROWS 4
static TM_NOINLINE void tm_fc_dot(int32_t *acc, const int8_t *x, const int8_t *w, int32_t n) {
  const int8_t *w0 = w, *w1 = w0 + n, *w2 = w1 + n, *w3 = w2 + n;
  const int8_t *end = x + n;
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  do {
    const int32_t v = *x++;
    a0 += *w0++ * v;
    a1 += *w1++ * v;
    a2 += *w2++ * v;
    a3 += *w3++ * v;
  } while (x != end);
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}
#endif

/* Requantizes output channel oc's accumulator (bias included) to the int8 output. */
static int8_t tm_fc_out(const tm_fully_connected_s8_params *p, int32_t oc, int32_t acc) {
  acc = tm_multiply_by_quantized_multiplier(acc, p->multiplier[oc], p->shift[oc]);
  return (int8_t)tm_clamp_i32(acc + p->output_offset, p->act_min, p->act_max);
}

tm_status tm_fully_connected_s8(const tm_fully_connected_s8_params *p, const int8_t *input,
                                const int8_t *filter, const int32_t *bias, int8_t *output) {
  const int32_t depth = p->accum_depth;
  int32_t b, oc, d;
  if (p->batches < 1 || depth < 1 || p->output_depth < 1 || p->act_min > p->act_max) {
    return TM_BAD_PARAM;
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in_row = input + (size_t)b * depth;
    int8_t *out_row = output + (size_t)b * p->output_depth;
    oc = 0;
    if (p->bias_folded != NULL && p->filter_offset == 0) {
      /* sum w * x + bias_folded, TM_FC_ROWS rows at a time */
      for (; oc + TM_FC_ROWS <= p->output_depth; oc += TM_FC_ROWS) {
        int32_t acc[TM_FC_ROWS], j;
        tm_fc_dot(acc, in_row, filter + (size_t)oc * depth, depth);
        for (j = 0; j < TM_FC_ROWS; ++j) {
          out_row[oc + j] = tm_fc_out(p, oc + j, acc[j] + p->bias_folded[oc + j]);
        }
      }
    }
    /* the remaining rows (all of them without the fast path): TFLM's loop */
    for (; oc < p->output_depth; ++oc) {
      const int8_t *w_row = filter + (size_t)oc * depth;
      int32_t acc = 0;
      for (d = 0; d < depth; ++d) {
        acc += ((int32_t)w_row[d] + p->filter_offset) * ((int32_t)in_row[d] + p->input_offset);
      }
      if (bias != NULL) acc += bias[oc];
      out_row[oc] = tm_fc_out(p, oc, acc);
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

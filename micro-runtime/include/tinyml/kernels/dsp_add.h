/*
 * ADD, int8, same-shape inputs, for cores with the DSP extension (dsp.h). Drop-in for
 * tm_eval_add_s8 when both inputs have the output's shape (no broadcasting); bit-identical to it.
 *
 * TFLM rescales each input on its own (a function of one int8 value), adds, and requantizes the
 * sum. The input with the larger scale has the multiplier 1/2 exactly: its term is
 * (y + offset) << 19. The other input's 256 terms are a table made by the generator
 * (generator/src/ops/dsp/add.ts). Per element, with t the table input and y the other one:
 *   s2  = table[(uint8_t)t] + (y << 20)      twice the reference's sum (offset of y in the table)
 *   v   = SMMLAR(s2, mult, round)           round + SaturatingRoundingDoublingHighMul(sum, mult)
 *   r   = (v + (s2 >> 31)) >> shift         RoundingDivideByPOT, the output offset folded in round;
 *                                           the sign term left out with TM_DSP_NO_SIGN
 *   out = ssat8(r), or r clamped to [act_min, act_max] with TM_DSP_CLAMP
 * The generator checked this against the reference arithmetic for all 65536 input pairs.
 */
#ifndef TINYML_KERNELS_DSP_ADD_H
#define TINYML_KERNELS_DSP_ADD_H

#include "tinyml/dsp.h"
#include "tinyml/kernels/elementwise.h"

/* in[1] is the table input (else in[0]) */
#define TM_DSP_ADD_SWAP 1

typedef struct {
  tm_add_sub_s8_params ref;
  const int32_t *table; /* 256 words, indexed by the table input's byte */
  int32_t mult;         /* the output multiplier (in [2^30, 2^31)) */
  int32_t round;        /* 2^(shift-1) + output_offset * 2^shift */
  int32_t shift;        /* the output's right shift */
  int32_t flags;        /* TM_DSP_ADD_SWAP, TM_DSP_NO_SIGN, TM_DSP_CLAMP */
} tm_add_s8_dsp_params;

tm_status tm_add_s8_dsp(const tm_add_s8_dsp_params *p, const int8_t *in1, const int8_t *in2,
                        int8_t *out);
tm_status tm_eval_add_s8_dsp(const void *params, const void *const *in, void *const *out,
                             void *scratch);

#endif

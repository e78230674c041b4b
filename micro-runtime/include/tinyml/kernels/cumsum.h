/*
 * CUMSUM along one axis (int8, float32): the input seen as [before, depth, after]; each line
 * along the axis summed in order (from the end when reverse), each output the sum up to and
 * including its element (excluding it when exclusive). int8 is TFLM's reference CumSum: values
 * shifted left by 20 and halved (input multiplier 0.5), accumulated in int32 from the scaled
 * input offset (TFLM starts its accumulator there, not at 0), requantized with the output
 * multiplier.
 */
#ifndef TINYML_KERNELS_CUMSUM_H
#define TINYML_KERNELS_CUMSUM_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t before;   /* product of the dims before the axis */
  int32_t depth;    /* the axis */
  int32_t after;    /* product of the dims after the axis */
  int32_t exclusive;
  int32_t reverse;
  /* int8 only */
  int32_t input_offset;       /* -input zero point */
  int32_t output_offset;      /* output zero point */
  int32_t left_shift;         /* 20 */
  int32_t input_multiplier;   /* QuantizeMultiplierSmallerThanOneExp(0.5) */
  int32_t input_shift;        /* <= 0 */
  int32_t output_multiplier;
  int32_t output_shift;       /* <= 0 */
} tm_cumsum_params;

tm_status tm_eval_cumsum_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_cumsum_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

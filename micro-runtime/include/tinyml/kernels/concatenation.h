/*
 * CONCATENATION along any axis, for every element type. TFLM's int8 concatenation copies the
 * input bytes without rescaling (reference_ops::Concatenation via EvalUnquantized<int8_t>), so
 * one byte-copying kernel serves int8, float32 and int32 alike: the generator describes each
 * input as `outer` runs of bytes[k] bytes and the kernel interleaves them.
 */
#ifndef TINYML_KERNELS_CONCATENATION_H
#define TINYML_KERNELS_CONCATENATION_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t n_inputs;
  int32_t outer;          /* product of the dims before the axis */
  const int32_t *bytes;   /* per input: bytes of one run (axis size * inner size * element size) */
} tm_concatenation_params;

tm_status tm_concatenation(const tm_concatenation_params *p, const void *const *inputs, void *output);
tm_status tm_eval_concatenation(const void *params, const void *const *in, void *const *out,
                                void *scratch);

#endif

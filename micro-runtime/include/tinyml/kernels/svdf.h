/*
 * SVDF (TFLM svdf.cc / svdf_common.cc): a rank-r factorized time filter over a state of the last
 * memory_size feature activations per filter. Inputs: 0 input [batch, input_size], 1 feature
 * weights [num_filters, input_size], 2 time weights [num_filters, memory_size], 3 bias
 * [num_units] (may be NULL), 4 the variable activation state [batch, memory_size * num_filters],
 * shifted left by one and refilled with the feature products on every invocation.
 * int8: int8 input and feature weights, int16 time weights and state, int32 bias, int8 output,
 * with TFLM's two requantization steps (effective_scale_1 into the state, effective_scale_2 to
 * the output). float32: everything float32, with the fused activation range.
 */
#ifndef TINYML_KERNELS_SVDF_H
#define TINYML_KERNELS_SVDF_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t batch;
  int32_t input_size;
  int32_t num_filters;
  int32_t num_units;
  int32_t rank;
  int32_t memory_size;
  int32_t input_zero_point;   /* int8 only */
  int32_t output_zero_point;  /* int8 only */
  int32_t scale_1_multiplier; /* int8: input * feature weights -> state */
  int32_t scale_1_shift;
  int32_t scale_2_multiplier; /* int8: state * time weights -> output */
  int32_t scale_2_shift;
  float act_min;              /* float32 only */
  float act_max;
} tm_svdf_params;

/* Scratch: int8 batch * (num_filters + num_units) int32; float32 batch * num_filters floats. */
tm_status tm_eval_svdf_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_svdf_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

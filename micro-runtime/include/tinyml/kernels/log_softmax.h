/*
 * LOG_SOFTMAX over the last dim (int8, float32). float32: x - max - log(sum exp(x - max)).
 * int8: TFLM's LogSoftmaxQuantized, bit for bit: input differences from the row maximum in Q5.26
 * (the multiplier and left shift of PreprocessLogSoftmaxScalingExp with beta 1), exps summed in
 * Q12, gemmlowp's log_x_for_x_greater_than_or_equal_to_1 in Q5, outputs in 16/256 steps with
 * zero point 127 (the output quantization TFLM requires).
 */
#ifndef TINYML_KERNELS_LOG_SOFTMAX_H
#define TINYML_KERNELS_LOG_SOFTMAX_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t outer_size;
  int32_t depth;
  /* int8 only */
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t reverse_scaling_divisor;
  int32_t reverse_scaling_right_shift;  /* >= 0 */
  int32_t diff_min;
} tm_log_softmax_params;

tm_status tm_eval_log_softmax_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_log_softmax_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

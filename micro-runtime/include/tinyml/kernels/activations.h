/*
 * Element-wise activations: RELU, RELU6, LOGISTIC, TANH, LEAKY_RELU and HARD_SWISH, int8 and
 * float32. Every kernel reads element i before writing element i, so all are safe in place.
 */
#ifndef TINYML_KERNELS_ACTIVATIONS_H
#define TINYML_KERNELS_ACTIVATIONS_H

#include "tinyml/tinyml.h"

/* Float activations without parameters (RELU, RELU6, LOGISTIC, TANH, HARD_SWISH). */
typedef struct {
  int32_t size;
} tm_activation_f32_params;

/* int8 RELU: requantize to the output scale, then clamp at the output's quantized zero. */
typedef struct {
  int32_t size;
  int32_t input_offset;   /* input zero point */
  int32_t output_offset;  /* output zero point */
  int32_t multiplier;     /* QuantizeMultiplier(input scale / output scale) */
  int32_t shift;
  int32_t act_min;
  int32_t act_max;
} tm_relu_s8_params;

/* int8 RELU6: a clamp in the input's quantization (TFLM ignores the output scale here). */
typedef struct {
  int32_t size;
  int32_t lower;  /* quantized 0 */
  int32_t upper;  /* quantized 6 */
} tm_relu6_s8_params;

/* int8 LOGISTIC and TANH: input rescaled to Q4.27 then gemmlowp fixed-point logistic/tanh. */
typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t input_range_radius;
  int32_t input_multiplier;
  int32_t input_left_shift;
} tm_logistic_s8_params;

typedef tm_logistic_s8_params tm_tanh_s8_params;

typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier_identity;  /* input scale / output scale */
  int32_t shift_identity;
  int32_t multiplier_alpha;     /* input scale * alpha / output scale (negative for alpha < 0) */
  int32_t shift_alpha;
} tm_leaky_relu_s8_params;

typedef struct {
  int32_t size;
  float alpha;
} tm_leaky_relu_f32_params;

typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t output_multiplier_fixedpoint_int16;
  int32_t output_multiplier_exponent;   /* <= 0 */
  int32_t reluish_multiplier_fixedpoint_int16;
  int32_t reluish_multiplier_exponent;
} tm_hard_swish_s8_params;

tm_status tm_relu_s8(const tm_relu_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_relu_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_relu_f32(const tm_activation_f32_params *p, const float *input, float *output);
tm_status tm_eval_relu_f32(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_relu6_s8(const tm_relu6_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_relu6_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_relu6_f32(const tm_activation_f32_params *p, const float *input, float *output);
tm_status tm_eval_relu6_f32(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_logistic_s8(const tm_logistic_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_logistic_s8(const void *params, const void *const *in, void *const *out,
                              void *scratch);
tm_status tm_logistic_f32(const tm_activation_f32_params *p, const float *input, float *output);
tm_status tm_eval_logistic_f32(const void *params, const void *const *in, void *const *out,
                               void *scratch);

tm_status tm_tanh_s8(const tm_tanh_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_tanh_s8(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_tanh_f32(const tm_activation_f32_params *p, const float *input, float *output);
tm_status tm_eval_tanh_f32(const void *params, const void *const *in, void *const *out, void *scratch);

tm_status tm_leaky_relu_s8(const tm_leaky_relu_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_leaky_relu_s8(const void *params, const void *const *in, void *const *out,
                                void *scratch);
tm_status tm_leaky_relu_f32(const tm_leaky_relu_f32_params *p, const float *input, float *output);
tm_status tm_eval_leaky_relu_f32(const void *params, const void *const *in, void *const *out,
                                 void *scratch);

tm_status tm_hard_swish_s8(const tm_hard_swish_s8_params *p, const int8_t *input, int8_t *output);
tm_status tm_eval_hard_swish_s8(const void *params, const void *const *in, void *const *out,
                                void *scratch);
tm_status tm_hard_swish_f32(const tm_activation_f32_params *p, const float *input, float *output);
tm_status tm_eval_hard_swish_f32(const void *params, const void *const *in, void *const *out,
                                 void *scratch);

#endif

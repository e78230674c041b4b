/* EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL, int32 (TFLM ComparisonNoScaling),
 * to bool: the body is in tinyml/kernels/compare.h. */
#include "tinyml/kernels/compare.h"

TM_DEFINE_COMPARE_NO_SCALING(tm_eval_compare_s32, int32_t)

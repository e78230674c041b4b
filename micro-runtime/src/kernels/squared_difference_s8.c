/* SQUARED_DIFFERENCE, int8: the body is in tinyml/kernels/squared_difference.h. */
#include "tinyml/kernels/squared_difference.h"

TM_DEFINE_SQUARED_DIFFERENCE_Q(tm_eval_squared_difference_s8, int8_t)

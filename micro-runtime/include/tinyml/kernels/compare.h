/*
 * The comparison kernels' one body: TFLM's six comparisons (EQUAL, NOT_EQUAL, GREATER,
 * GREATER_EQUAL, LESS, LESS_EQUAL) of two values of any arithmetic type, and the whole unscaled
 * kernel (TFLM ComparisonNoScaling) for one input type, written once for float32, int32 and
 * int64. The int8 kernel rescales its inputs first and then compares with TM_COMPARE.
 */
#ifndef TINYML_KERNELS_COMPARE_H
#define TINYML_KERNELS_COMPARE_H

#include "tinyml/kernels/math.h"
#include "tinyml/quant.h"

/* 1 when `u op v` holds; u and v are evaluated more than once (pass plain values). */
#define TM_COMPARE(op, u, v)                                     \
  ((op) == TM_OP_EQUAL           ? (u) == (v)                    \
   : (op) == TM_OP_NOT_EQUAL     ? (u) != (v)                    \
   : (op) == TM_OP_GREATER       ? (u) > (v)                     \
   : (op) == TM_OP_GREATER_EQUAL ? (u) >= (v)                    \
   : (op) == TM_OP_LESS          ? (u) < (v)                     \
                                 : (u) <= (v))

/* Defines tm_status NAME(params, in, out, scratch): inputs of type T, broadcast, bool output. */
#define TM_DEFINE_COMPARE_NO_SCALING(NAME, T)                                                        \
  tm_status NAME(const void *params, const void *const *in, void *const *out, void *scratch) {       \
    const tm_binary_params *p = (const tm_binary_params *)params;                                    \
    const T *a;                                                                                      \
    const T *b;                                                                                      \
    uint8_t *y;                                                                                      \
    int32_t idx[TM_MAX_DIMS] = {0, 0, 0, 0, 0};                                                      \
    int32_t o1 = 0, o2 = 0, i;                                                                       \
    (void)scratch;                                                                                   \
    if (!TM_BINARY_ARGS_OK(params, in, out) || !tm_broadcast_ok(&p->bc) || p->op < TM_OP_EQUAL ||    \
        p->op > TM_OP_LESS_EQUAL)                                                                    \
      return TM_BAD_PARAM;                                                                           \
    a = (const T *)in[0];                                                                            \
    b = (const T *)in[1];                                                                            \
    y = (uint8_t *)out[0];                                                                           \
    for (i = 0; i < p->bc.size; ++i) {                                                               \
      const T u = a[o1], v = b[o2];                                                                  \
      y[i] = (uint8_t)TM_COMPARE(p->op, u, v);                                                       \
      tm_bc_next(&p->bc, idx, &o1, &o2);                                                             \
    }                                                                                                \
    return TM_OK;                                                                                    \
  }

#endif

/*
 * GATHER (TFLM gather.cc), GATHER_ND (gather_nd.cc) and EMBEDDING_LOOKUP (embedding_lookup.cc):
 * rows of one input picked by int32 indices read at run time. They only move bytes (int8 is
 * copied without rescaling), so one kernel per op serves every element type; the generator
 * gives the sizes in bytes. An index outside the input is refused with TM_BAD_PARAM (TFLM's
 * GATHER only DCHECKs it; its GATHER_ND and EMBEDDING_LOOKUP fail the same way).
 */
#ifndef TINYML_KERNELS_GATHER_H
#define TINYML_KERNELS_GATHER_H

#include "tinyml/tinyml.h"

typedef struct {
  int32_t batch;        /* product of the batch dims */
  int32_t outer;        /* product of the input dims between batch_dims and the axis */
  int32_t coords;       /* index elements per batch */
  int32_t axis_size;    /* the input's size along the axis */
  int32_t inner_bytes;  /* bytes of one gathered slice (input dims after the axis) */
} tm_gather_params;

typedef struct {
  int32_t n_slices;         /* index tuples */
  int32_t nd;               /* elements of one index tuple (<= 5) */
  int32_t stride[5];        /* input elements per unit of each tuple element */
  int32_t slice_elems;      /* elements of one gathered slice */
  int32_t elem_bytes;
  int32_t params_elems;     /* input elements (bounds check) */
} tm_gather_nd_params;

typedef struct {
  int32_t n_lookups;        /* indices (input 0, int32) */
  int32_t rows;             /* rows of the table (input 1) */
  int32_t row_elems;        /* elements of one row */
  int32_t elem_bytes;       /* bytes of one table element */
  float scale;              /* int8 table with a float32 output: the table's scale */
} tm_embedding_lookup_params;

tm_status tm_eval_gather(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_gather_nd(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_embedding_lookup(const void *params, const void *const *in, void *const *out, void *scratch);
tm_status tm_eval_embedding_lookup_s8_f32(const void *params, const void *const *in, void *const *out, void *scratch);

#endif

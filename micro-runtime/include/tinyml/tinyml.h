/*
 * tinyml micro-runtime: the interpreter core.
 *
 * A generated model is a const table of ops over one static arena. Every tensor pointer is
 * resolved at compile time by the generator (arena base + planned offset, or a const weight
 * array), so invoking a model is a loop over the op table: no allocation, no lookup.
 *
 * Every runtime call returns a tm_status. Kernels reject parameters they do not support at entry.
 */
#ifndef TINYML_TINYML_H
#define TINYML_TINYML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the ABI between generated code and this runtime changes. Generated code
 * checks it with #error. */
#define TINYML_RUNTIME_VERSION 2

typedef enum {
  TM_OK = 0,
  TM_ERROR = 1,             /* generic failure */
  TM_BAD_PARAM = 2,         /* a parameter the kernel does not support, or inconsistent dims */
  TM_BAD_INDEX = 3,         /* input/output index out of range */
  TM_UNSUPPORTED = 4        /* operation or type not built into this runtime */
} tm_status;

typedef enum {
  TM_DT_FLOAT32 = 0,
  TM_DT_INT8 = 1,
  TM_DT_UINT8 = 2,
  TM_DT_INT16 = 3,
  TM_DT_INT32 = 4,
  TM_DT_INT64 = 5,
  TM_DT_BOOL = 6
} tm_dtype;

#define TM_MAX_DIMS 5

/* A kernel entry point. `params` is the op's const op-data struct, `in` and `out` hold the
 * tensor pointers (NULL for an absent optional input), `scratch` is the op's scratch buffer in
 * the arena (NULL when the op needs none). */
typedef tm_status (*tm_eval_fn)(const void *params, const void *const *in, void *const *out,
                                void *scratch);

typedef struct {
  tm_eval_fn eval;
  const void *params;
  const void *const *inputs;
  void *const *outputs;
  void *scratch;
  uint16_t builtin_code;     /* TFLite BuiltinOperator, for profiles and messages */
  uint8_t n_inputs;
  uint8_t n_outputs;
} tm_op;

/* A model input or output. */
typedef struct {
  const char *name;
  void *data;                /* inside the arena */
  uint32_t bytes;
  int32_t dims[TM_MAX_DIMS];
  uint8_t rank;
  uint8_t dtype;             /* tm_dtype */
  float scale;               /* 0 when not quantized */
  int32_t zero_point;
} tm_io;

/* A variable tensor (TFLite is_variable): state that persists from one tm_invoke to the next, in
 * an arena region no other tensor uses. tm_reset() fills it with `fill` (its zero point for int8,
 * else 0), as TFLM resets its variable tensors. */
typedef struct {
  void *data;                /* inside the arena */
  uint32_t bytes;
  int32_t fill;              /* the byte written to every byte on reset */
} tm_variable;

typedef struct {
  const char *name;
  const tm_op *ops;
  const tm_io *inputs;
  const tm_io *outputs;
  const char *const *op_names;  /* one readable name per op, e.g. "CONV_2D" */
  uint32_t arena_bytes;
  uint16_t n_ops;
  uint8_t n_inputs;
  uint8_t n_outputs;
  const tm_variable *variables; /* NULL when the model has none */
  uint8_t *state_ready;         /* set by tm_reset; tm_invoke resets first while it is 0 */
  uint16_t n_variables;
} tm_model;

/* Optional per-op profiling hook: called before (end == 0) and after (end == 1) each op. */
typedef void (*tm_profile_fn)(void *user, uint16_t op_index, int end);

/* Puts every variable tensor back to its initial value (TFLM's ResetVariableTensors), e.g. to
 * start a new sequence. The first tm_invoke does it by itself; call it again to forget the state. */
tm_status tm_reset(const tm_model *model);

/* Runs every op in order. `profile` may be NULL. Stops at the first op that fails and returns
 * its status; `failed_op` (may be NULL) receives that op's index. */
tm_status tm_invoke(const tm_model *model, tm_profile_fn profile, void *user, uint16_t *failed_op);

/* Input/output accessors: NULL when the index is out of range. */
const tm_io *tm_input(const tm_model *model, uint32_t index);
const tm_io *tm_output(const tm_model *model, uint32_t index);

/* A short readable name for a status, for messages. */
const char *tm_status_str(tm_status status);

#ifdef __cplusplus
}
#endif

#endif /* TINYML_TINYML_H */

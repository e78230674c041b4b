/* tinyml micro-runtime: the interpreter loop and accessors. */
#include "tinyml/tinyml.h"

tm_status tm_reset(const tm_model *model) {
  uint16_t v;
  if (model == NULL || (model->n_variables > 0 && model->variables == NULL)) return TM_BAD_PARAM;
  for (v = 0; v < model->n_variables; ++v) {
    uint8_t *p = (uint8_t *)model->variables[v].data;
    const uint8_t fill = (uint8_t)model->variables[v].fill;
    uint32_t k;
    if (p == NULL) return TM_BAD_PARAM;
    for (k = 0; k < model->variables[v].bytes; ++k) p[k] = fill;
  }
  if (model->state_ready != NULL) *model->state_ready = 1;
  return TM_OK;
}

tm_status tm_invoke(const tm_model *model, tm_profile_fn profile, void *user, uint16_t *failed_op) {
  uint16_t i;
  if (model == NULL || (model->n_ops > 0 && model->ops == NULL)) {
    return TM_BAD_PARAM;
  }
  if (model->n_variables > 0 && (model->state_ready == NULL || *model->state_ready == 0)) {
    tm_status s = tm_reset(model);
    if (s != TM_OK) return s;
  }
  for (i = 0; i < model->n_ops; ++i) {
    const tm_op *op = &model->ops[i];
    tm_status s;
    if (op->eval == NULL) {
      if (failed_op != NULL) *failed_op = i;
      return TM_UNSUPPORTED;
    }
    if (profile != NULL) profile(user, i, 0);
    s = op->eval(op->params, op->inputs, op->outputs, op->scratch);
    if (profile != NULL) profile(user, i, 1);
    if (s != TM_OK) {
      if (failed_op != NULL) *failed_op = i;
      return s;
    }
  }
  return TM_OK;
}

const tm_io *tm_input(const tm_model *model, uint32_t index) {
  if (model == NULL || index >= model->n_inputs) return NULL;
  return &model->inputs[index];
}

const tm_io *tm_output(const tm_model *model, uint32_t index) {
  if (model == NULL || index >= model->n_outputs) return NULL;
  return &model->outputs[index];
}

const char *tm_status_str(tm_status status) {
  switch (status) {
    case TM_OK: return "ok";
    case TM_ERROR: return "error";
    case TM_BAD_PARAM: return "bad parameter";
    case TM_BAD_INDEX: return "bad index";
    case TM_UNSUPPORTED: return "unsupported";
  }
  return "unknown status";
}

/* Console output shared by the examples' firmware: see app_out.h. */
#include "app_out.h"

#include <string.h>

#include "model.h"
#include "port.h"

void app_out(const char *s) { port_write(s, strlen(s)); }

void app_out_u32(uint32_t v) {
  char b[10];
  int i = (int)sizeof b;
  do {
    b[--i] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0);
  port_write(b + i, sizeof b - (size_t)i);
}

void app_out_u64(uint64_t v) {
  char b[20];
  int i = (int)sizeof b;
  if (v <= 0xFFFFFFFFu) { /* no 64-bit division where it is not needed (a library call on the M0+) */
    app_out_u32((uint32_t)v);
    return;
  }
  do {
    b[--i] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0);
  port_write(b + i, sizeof b - (size_t)i);
}

void app_out_i32(int32_t v) {
  if (v < 0) {
    app_out("-");
    app_out_u32((uint32_t)0 - (uint32_t)v);
  } else {
    app_out_u32((uint32_t)v);
  }
}

void app_out_prob(float p, unsigned decimals) {
  uint32_t scale = 1, v;
  char b[10];
  unsigned i;
  if (decimals < 1) decimals = 1;
  if (decimals > 9) decimals = 9;
  for (i = 0; i < decimals; ++i) scale *= 10u;
  if (!(p > 0.0f)) p = 0.0f;
  if (p > 1.0f) p = 1.0f;
  v = (uint32_t)(p * (float)scale + 0.5f);
  app_out_u32(v / scale);
  b[0] = '.';
  for (i = decimals; i >= 1; --i) {
    b[i] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  }
  port_write(b, decimals + 1u);
}

static uint32_t app_op_counts[APP_MAX_OPS];
static uint32_t app_op_start;

void app_profile(void *user, uint16_t op, int end) {
  const uint32_t now = port_cycles();
  (void)user;
  if (!end) {
    app_op_start = now;
  } else if (op < APP_MAX_OPS) {
    app_op_counts[op] = now - app_op_start;
  }
}

void app_out_ops(void) {
  uint32_t i;
  for (i = 0; i < tinyml_model.n_ops && i < APP_MAX_OPS; ++i) {
    app_out("tinyml: op ");
    app_out_u32(i);
    app_out(" ");
    app_out(tinyml_model.op_names[i]);
    app_out(" ");
    app_out_u32(app_op_counts[i]);
    app_out("\n");
  }
}

void app_out_end(void) {
  long stack;
  int overflow = 0;
  app_out("tinyml: arena ");
  app_out_u32(tinyml_model.arena_bytes);
  app_out("\n");
  stack = port_stack_used(&overflow);
  if (stack >= 0) {
    app_out("tinyml: stack ");
    app_out_u32((uint32_t)stack);
    app_out(overflow ? " overflow\n" : "\n");
  }
  app_out("tinyml: done\n");
}

void app_out_cost(const char *label, uint32_t count) {
  app_out("tinyml: ");
  app_out(label);
  app_out(" ");
  app_out_u32(count);
  app_out(" ");
  app_out(port_cycles_unit());
  app_out("\n");
}

void app_out_op_error(uint32_t op, tm_status status) {
  app_out("tinyml: error op ");
  app_out_u32(op);
  app_out(" ");
  app_out(op < tinyml_model.n_ops ? tinyml_model.op_names[op] : "?");
  app_out(" failed: ");
  app_out(tm_status_str(status));
  app_out("\n");
}

uint32_t app_split_args(char *line, char **tok, uint32_t max) {
  uint32_t n = 0;
  char *p = line;
  while (*p != '\0' && n < max) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    tok[n++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  return n;
}

int app_parse_input(char *line, const char **input, const char *expected) {
  char *tok[16];
  const uint32_t n = app_split_args(line, tok, 16);
  uint32_t i;
  for (i = 1; i < n; ++i) { /* tok[0] is the program name */
    if (strcmp(tok[i], "--input") == 0 && i + 1 < n && *input == 0) {
      *input = tok[++i];
    } else {
      app_out("tinyml: error unknown or repeated argument '");
      app_out(tok[i]);
      app_out("' (expected ");
      app_out(expected);
      app_out(")\n");
      return 2;
    }
  }
  return 0;
}

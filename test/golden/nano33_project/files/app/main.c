/*
 * tinyml application: runs the model once on its input and prints the result, the per-op and
 * total cost, and the peak stack use. Generated for board nano33 (Arduino Nano 33 BLE).
 *
 * Output format (one record per line, parsed by sim/qemu.ts parseAppOutput; see sim/README.md):
 *   tinyml: board <board> <sim|hw|host>
 *   tinyml: model <name>
 *   tinyml: input <i> builtin|file <path>
 *   tinyml: op <i> <NAME> <count>
 *   tinyml: total <count> <instructions|cycles|ns>
 *   tinyml: output <i> <dtype> [<d0>,<d1>,...]: <v0> <v1> ...   (float32 as 0x-prefixed IEEE bits)
 *   tinyml: arena <bytes>
 *   tinyml: stack <bytes>[ overflow]
 *   tinyml: done
 *   tinyml: error <message>
 * Exit status: 0 ok, 1 inference failed, 2 bad --input/--output, 3 fault.
 *
 * In the emulator (and on the host) the command line may carry `--input PATH` (one per model
 * input, raw bytes, exactly the input's size) and `--output PATH` (raw bytes of output i to
 * the i-th path). Paths must not contain spaces.
 */
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "port.h"

#ifndef TINYML_BOARD
#define TINYML_BOARD "nano33"
#endif
#ifndef TINYML_VARIANT
#define TINYML_VARIANT "hw"
#endif

/* Ops profiled individually (the model has 1). */
#define APP_MAX_OPS 1

#if defined(PORT_QEMU_CMSDK) || defined(PORT_QEMU_RISCV) || defined(PORT_HOST)
#define APP_CMDLINE_MAX 1024
#else
#define APP_CMDLINE_MAX 1
#endif

int tinyml_main(void);

static uint32_t op_count[APP_MAX_OPS];
static uint32_t op_start;

static void out(const char *s) { port_write(s, strlen(s)); }

static void out_u64(uint64_t v) {
  char b[21];
  int i = (int)sizeof b;
  do {
    b[--i] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0);
  port_write(b + i, sizeof b - (size_t)i);
}

static void out_i64(int64_t v) {
  if (v < 0) {
    out("-");
    out_u64((uint64_t)0 - (uint64_t)v);
  } else {
    out_u64((uint64_t)v);
  }
}

static void out_hex32(uint32_t v) {
  static const char digits[] = "0123456789abcdef";
  char b[10];
  int i;
  b[0] = '0';
  b[1] = 'x';
  for (i = 0; i < 8; ++i) b[2 + i] = digits[(v >> (28 - 4 * i)) & 0xFu];
  port_write(b, sizeof b);
}

static const char *dtype_name(uint8_t dtype) {
  switch (dtype) {
    case TM_DT_FLOAT32: return "float32";
    case TM_DT_INT8: return "int8";
    case TM_DT_UINT8: return "uint8";
    case TM_DT_INT16: return "int16";
    case TM_DT_INT32: return "int32";
    case TM_DT_INT64: return "int64";
    case TM_DT_BOOL: return "bool";
  }
  return "unknown";
}

static uint32_t dtype_size(uint8_t dtype) {
  switch (dtype) {
    case TM_DT_FLOAT32: return 4;
    case TM_DT_INT16: return 2;
    case TM_DT_INT32: return 4;
    case TM_DT_INT64: return 8;
    default: return 1;
  }
}

static void error_line(const char *a, const char *b, const char *c) {
  out("tinyml: error ");
  out(a);
  if (b != 0) out(b);
  if (c != 0) out(c);
  out("\n");
}

static void profile(void *user, uint16_t op, int end) {
  uint32_t now = port_cycles();
  (void)user;
  if (!end) {
    op_start = now;
  } else if (op < APP_MAX_OPS) {
    op_count[op] = now - op_start;
  }
}

static void print_output(uint32_t index, const tm_io *io) {
  uint32_t i, n = io->bytes / dtype_size(io->dtype);
  const uint8_t *p = (const uint8_t *)io->data;
  out("tinyml: output ");
  out_u64(index);
  out(" ");
  out(dtype_name(io->dtype));
  out(" [");
  for (i = 0; i < io->rank; ++i) {
    if (i > 0) out(",");
    out_i64(io->dims[i]);
  }
  out("]:");
  for (i = 0; i < n; ++i) {
    out(" ");
    switch (io->dtype) {
      case TM_DT_FLOAT32: {
        uint32_t bits;
        memcpy(&bits, p + 4u * i, 4);
        out_hex32(bits);
        break;
      }
      case TM_DT_INT8: out_i64(((const int8_t *)p)[i]); break;
      case TM_DT_INT16: {
        int16_t v;
        memcpy(&v, p + 2u * i, 2);
        out_i64(v);
        break;
      }
      case TM_DT_INT32: {
        int32_t v;
        memcpy(&v, p + 4u * i, 4);
        out_i64(v);
        break;
      }
      case TM_DT_INT64: {
        int64_t v;
        memcpy(&v, p + 8u * i, 8);
        out_i64(v);
        break;
      }
      default: out_u64(p[i]); break; /* uint8, bool */
    }
  }
  out("\n");
}

/* Splits the command line in place; collects the --input and --output paths. */
static int parse_args(char *line, const char **inputs, uint32_t *n_in, const char **outputs,
                      uint32_t *n_out, uint32_t max_in, uint32_t max_out) {
  char *tok[64];
  uint32_t n = 0, i;
  char *p = line;
  while (*p != '\0' && n < 64) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    tok[n++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  *n_in = 0;
  *n_out = 0;
  for (i = 1; i < n; ++i) { /* tok[0] is the program name */
    int is_in = strcmp(tok[i], "--input") == 0;
    int is_out = strcmp(tok[i], "--output") == 0;
    if (!is_in && !is_out) {
      error_line("unknown argument '", tok[i], "' (expected --input PATH or --output PATH)");
      return 0;
    }
    if (i + 1 >= n) {
      error_line(tok[i], " needs a path", 0);
      return 0;
    }
    if (is_in) {
      if (*n_in >= max_in) {
        error_line("more --input files than the model has inputs", 0, 0);
        return 0;
      }
      inputs[(*n_in)++] = tok[++i];
    } else {
      if (*n_out >= max_out) {
        error_line("more --output files than the model has outputs", 0, 0);
        return 0;
      }
      outputs[(*n_out)++] = tok[++i];
    }
  }
  return 1;
}

int tinyml_main(void) {
  static char cmdline[APP_CMDLINE_MAX];
  const char *in_paths[16];
  const char *out_paths[16];
  uint32_t n_in = 0, n_out = 0, i;
  uint32_t t0, t1;
  uint16_t failed_op = 0;
  tm_status status;
  long stack;
  int overflow = 0;

  port_init();
  out("tinyml: board " TINYML_BOARD " " TINYML_VARIANT "\n");
  out("tinyml: model ");
  out(tinyml_model.name);
  out("\n");

  if (port_get_cmdline(cmdline, sizeof cmdline) > 0 &&
      !parse_args(cmdline, in_paths, &n_in, out_paths, &n_out, 16, 16)) {
    return 2;
  }
  if (n_in != 0 && n_in != tinyml_model.n_inputs) {
    out("tinyml: error the model has ");
    out_u64(tinyml_model.n_inputs);
    out(" input(s) but ");
    out_u64(n_in);
    out(" --input file(s) were given\n");
    return 2;
  }
  if (n_out > tinyml_model.n_outputs) {
    error_line("more --output files than the model has outputs", 0, 0);
    return 2;
  }

  for (i = 0; i < tinyml_model.n_inputs; ++i) {
    const tm_io *io = tm_input(&tinyml_model, i);
    if (n_in > 0) {
      long got = port_read_file(in_paths[i], io->data, io->bytes);
      if (got < 0) {
        error_line("cannot read input file '", in_paths[i], "'");
        return 2;
      }
      if ((uint32_t)got != io->bytes) {
        out("tinyml: error input file '");
        out(in_paths[i]);
        out("' has ");
        out_u64((uint64_t)got);
        out(" bytes, input ");
        out_u64(i);
        out(" needs ");
        out_u64(io->bytes);
        out("\n");
        return 2;
      }
    } else {
      memcpy(io->data, tinyml_test_input[i], io->bytes);
    }
    out("tinyml: input ");
    out_u64(i);
    if (n_in > 0) {
      out(" file ");
      out(in_paths[i]);
      out("\n");
    } else {
      out(" builtin\n");
    }
  }

  t0 = port_cycles();
  status = tm_invoke(&tinyml_model, profile, 0, &failed_op);
  t1 = port_cycles();

  if (status != TM_OK) {
    out("tinyml: error op ");
    out_u64(failed_op);
    out(" ");
    out(failed_op < tinyml_model.n_ops ? tinyml_model.op_names[failed_op] : "?");
    out(" failed: ");
    out(tm_status_str(status));
    out("\n");
    return 1;
  }

  for (i = 0; i < tinyml_model.n_ops && i < APP_MAX_OPS; ++i) {
    out("tinyml: op ");
    out_u64(i);
    out(" ");
    out(tinyml_model.op_names[i]);
    out(" ");
    out_u64(op_count[i]);
    out("\n");
  }
  out("tinyml: total ");
  out_u64(t1 - t0);
  out(" ");
  out(port_cycles_unit());
  out("\n");

  for (i = 0; i < tinyml_model.n_outputs; ++i) print_output(i, tm_output(&tinyml_model, i));
  for (i = 0; i < n_out; ++i) {
    const tm_io *io = tm_output(&tinyml_model, i);
    if (port_write_file(out_paths[i], io->data, io->bytes) != (long)io->bytes) {
      error_line("cannot write output file '", out_paths[i], "'");
      return 2;
    }
  }

  out("tinyml: arena ");
  out_u64(tinyml_model.arena_bytes);
  out("\n");
  stack = port_stack_used(&overflow);
  if (stack >= 0) {
    out("tinyml: stack ");
    out_u64((uint64_t)stack);
    out(overflow ? " overflow\n" : "\n");
  }
  out("tinyml: done\n");
  return 0;
}

#if defined(PORT_HOST)
void port_host_set_args(int argc, char **argv);
int main(int argc, char **argv) {
  port_host_set_args(argc, argv);
  return tinyml_main();
}
#elif !defined(PORT_ARDUINO)
int main(void) { return tinyml_main(); }
#endif

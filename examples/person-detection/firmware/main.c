/*
 * Person-detection firmware: decodes a BMP photo (8-bit palette or 24-bit, any size, streamed in
 * chunks) straight into the model's input tensor as a 96x96 grayscale centre crop
 * (src/pd_image.c), quantizes it, runs MobileNet v1 0.25 and prints the two probabilities:
 *
 *   tinyml: board <board> <sim|hw|host>
 *   tinyml: model <name>
 *   tinyml: input 0 file <path>            (or: tinyml: input 0 builtin)
 *   tinyml: image <width> <height>
 *   tinyml: result {"person":0.972656,"noPerson":0.027344}
 *   tinyml: op <i> <NAME> <count>          per op
 *   tinyml: total <count> <unit>           the model alone
 *   tinyml: preprocess <count> <unit>      reading, decoding, cropping, resizing, quantizing
 *   tinyml: arena <bytes>
 *   tinyml: stack <bytes>
 *   tinyml: done
 *
 * `--input PATH` (QEMU semihosting or the host command line) names the BMP; without it the
 * built-in image (builtin_input.c) is used. Exit status: 0 ok, 1 the inference failed, 2 bad
 * input (missing or unsupported file, wrong model).
 */
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "pd_image.h"
#include "port.h"
#include "stream_file.h"

#ifndef TINYML_BOARD
#define TINYML_BOARD "unknown"
#endif
#ifndef TINYML_VARIANT
#define TINYML_VARIANT "hw"
#endif
#ifndef APP_MAX_OPS
#define APP_MAX_OPS 64
#endif
#ifndef APP_CHUNK_BYTES
#define APP_CHUNK_BYTES 512
#endif
#if defined(PORT_QEMU_CMSDK) || defined(PORT_HOST)
#define APP_CMDLINE_MAX 1024
#else
#define APP_CMDLINE_MAX 4
#endif

extern const uint8_t pd_builtin_bmp[];
extern const uint32_t pd_builtin_bmp_len;

static pd_bmp decoder;
static uint8_t chunk[APP_CHUNK_BYTES];
static uint32_t op_count[APP_MAX_OPS];
static uint32_t op_start;

static void out(const char *s) { port_write(s, strlen(s)); }

static void out_u32(uint32_t v) {
  char b[11];
  int i = (int)sizeof b;
  do {
    b[--i] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0);
  port_write(b + i, sizeof b - (size_t)i);
}

/* A probability in [0, 1] with 6 decimals. */
static void out_prob(float p) {
  uint32_t v;
  char b[8];
  int i;
  if (!(p > 0.0f)) p = 0.0f;
  if (p > 1.0f) p = 1.0f;
  v = (uint32_t)(p * 1000000.0f + 0.5f);
  out_u32(v / 1000000u);
  b[0] = '.';
  for (i = 6; i >= 1; --i) {
    b[i] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  }
  port_write(b, 7);
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

/* Finds `--input PATH` in the command line (split in place). Returns 0 ok, 2 bad arguments. */
static int parse_args(char *line, const char **input) {
  char *tok[16];
  uint32_t n = 0, i;
  char *p = line;
  while (*p != '\0' && n < 16) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    tok[n++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  for (i = 1; i < n; ++i) { /* tok[0] is the program name */
    if (strcmp(tok[i], "--input") == 0 && i + 1 < n && *input == 0) {
      *input = tok[++i];
    } else {
      out("tinyml: error unknown or repeated argument '");
      out(tok[i]);
      out("' (expected --input FILE.bmp)\n");
      return 2;
    }
  }
  return 0;
}

static int app_main(void) {
  static char cmdline[APP_CMDLINE_MAX];
  const char *input = 0;
  const tm_io *in, *outp;
  uint32_t t0, t_pre, t_model, i;
  uint16_t failed = 0;
  tm_status st;
  int32_t dst;
  float person, no_person;
  long stack;
  int overflow = 0;

  port_init();
  out("tinyml: board " TINYML_BOARD " " TINYML_VARIANT "\n");
  out("tinyml: model ");
  out(tinyml_model.name);
  out("\n");
  if (port_get_cmdline(cmdline, sizeof cmdline) > 0 && parse_args(cmdline, &input) != 0) return 2;

  in = tm_input(&tinyml_model, 0);
  outp = tm_output(&tinyml_model, 0);
  if (tinyml_model.n_inputs != 1 || in->dtype != TM_DT_INT8 || in->bytes != PD_PIXELS || outp == 0 ||
      outp->dtype != TM_DT_INT8 || outp->bytes != 2) {
    out("tinyml: error the model does not take int8[1,96,96,1] and give int8[1,2]\n");
    return 2;
  }

  /* Decode straight into the input tensor (gray bytes), then quantize in place. */
  t0 = port_cycles();
  pd_bmp_init(&decoder, (uint8_t *)in->data);
  if (input != 0) {
    int fd = sfile_open(input);
    long got = 0;
    if (fd < 0) {
      out("tinyml: error cannot read input file '");
      out(input);
      out("'\n");
      return 2;
    }
    out("tinyml: input 0 file ");
    out(input);
    out("\n");
    while (pd_bmp_feed(&decoder, chunk, 0) == PD_MORE && (got = sfile_read(fd, chunk, sizeof chunk)) > 0) {
      (void)pd_bmp_feed(&decoder, chunk, (uint32_t)got);
    }
    sfile_close(fd);
    if (got < 0) {
      out("tinyml: error reading input file '");
      out(input);
      out("' failed\n");
      return 2;
    }
  } else {
    out("tinyml: input 0 builtin\n");
    (void)pd_bmp_feed(&decoder, pd_builtin_bmp, pd_builtin_bmp_len);
  }
  dst = pd_bmp_finish(&decoder);
  if (dst != PD_OK) {
    out("tinyml: error ");
    out(pd_status_str(dst));
    out("\n");
    return 2;
  }
  pd_quantize((const uint8_t *)in->data, (int8_t *)in->data, PD_PIXELS, in->scale, in->zero_point);
  t_pre = port_cycles() - t0;
  out("tinyml: image ");
  out_u32((uint32_t)decoder.width);
  out(" ");
  out_u32((uint32_t)decoder.height);
  out("\n");

  t0 = port_cycles();
  st = tm_invoke(&tinyml_model, profile, 0, &failed);
  t_model = port_cycles() - t0;
  if (st != TM_OK) {
    out("tinyml: error op ");
    out_u32(failed);
    out(" ");
    out(failed < tinyml_model.n_ops ? tinyml_model.op_names[failed] : "?");
    out(" failed: ");
    out(tm_status_str(st));
    out("\n");
    return 1;
  }
  pd_scores((const int8_t *)outp->data, outp->scale, outp->zero_point, &person, &no_person);
  out("tinyml: result {\"person\":");
  out_prob(person);
  out(",\"noPerson\":");
  out_prob(no_person);
  out("}\n");

  for (i = 0; i < tinyml_model.n_ops && i < APP_MAX_OPS; ++i) {
    out("tinyml: op ");
    out_u32(i);
    out(" ");
    out(tinyml_model.op_names[i]);
    out(" ");
    out_u32(op_count[i]);
    out("\n");
  }
  out("tinyml: total ");
  out_u32(t_model);
  out(" ");
  out(port_cycles_unit());
  out("\n");
  out("tinyml: preprocess ");
  out_u32(t_pre);
  out(" ");
  out(port_cycles_unit());
  out("\n");
  out("tinyml: arena ");
  out_u32(tinyml_model.arena_bytes);
  out("\n");
  stack = port_stack_used(&overflow);
  if (stack >= 0) {
    out("tinyml: stack ");
    out_u32((uint32_t)stack);
    out(overflow ? " overflow\n" : "\n");
  }
  out("tinyml: done\n");
  return 0;
}

#if defined(PORT_HOST)
void port_host_set_args(int argc, char **argv);
int main(int argc, char **argv) {
  port_host_set_args(argc, argv);
  port_exit(app_main());
}
#elif defined(PORT_ARDUINO)
int tinyml_main(void) { return app_main(); }
#else
int main(void) { return app_main(); }
#endif

/*
 * Magic-wand gesture firmware: streams accelerometer samples (a CSV file t_ms,ax,ay,az in g,
 * any length) through the on-device pipeline (src/gesture.c: resampling to 25 Hz, a 128-sample
 * ring buffer, gravity alignment, int8 quantization), runs the model every GESTURE_HOP samples
 * and prints every detected gesture once:
 *
 *   tinyml: board <board> <sim|hw|host>
 *   tinyml: model <name>
 *   tinyml: input 0 file <path>            (or: tinyml: input 0 builtin)
 *   tinyml: result {"label":"ring","timeMs":2340,"score":0.97}   one line per detected gesture
 *   tinyml: op <i> <NAME> <count>          the first inference, per op
 *   tinyml: total <count> <unit>           the first inference (the model alone)
 *   tinyml: pipeline <inferences> <samples> <count> <unit>   everything, all inferences
 *   tinyml: arena <bytes>
 *   tinyml: stack <bytes>
 *   tinyml: done
 *
 * `--input PATH` (QEMU semihosting or the host command line) names the CSV file, read in chunks;
 * without it the built-in recording (builtin_input.c) is used. Exit status: 0 ok, 1 the
 * inference failed, 2 bad input (missing file, malformed line, wrong model).
 */
#include <stdint.h>
#include <string.h>

#include "app_out.h"
#include "gesture.h"
#include "model.h"
#include "port.h"
#include "stream_file.h"

#ifndef APP_CHUNK_BYTES
#define APP_CHUNK_BYTES 512
#endif

extern const char gesture_builtin_csv[];
extern const uint32_t gesture_builtin_csv_len;

static gesture_lines lines;
static gesture_resampler resampler;
static gesture_ring ring;
static gesture_detector detector;
static char chunk[APP_CHUNK_BYTES];
static uint32_t first_total;
static uint32_t n_inferences, n_samples, line_no;
static float unit_scale; /* 0 until the first sample: 1 for g, 0.001 for milli-g */
static float last_sample[GESTURE_AXES];
static int32_t last_t;

#ifndef APP_TAIL_MS
#define APP_TAIL_MS 2500 /* after the input ends, the last sample is held this long (see below) */
#endif

/* 0 ok, else the exit status. */
static int run_inference(void) {
  const tm_io *in = tm_input(&tinyml_model, 0);
  const tm_io *outp = tm_output(&tinyml_model, 0);
  float p[GESTURE_CLASSES];
  uint16_t failed = 0;
  tm_status st;
  uint32_t t0;
  int label;

  gesture_ring_input(&ring, (int8_t *)in->data, in->scale, in->zero_point);
  t0 = port_cycles();
  st = tm_invoke(&tinyml_model, n_inferences == 0 ? app_profile : 0, 0, &failed);
  if (n_inferences == 0) first_total = port_cycles() - t0;
  if (st != TM_OK) {
    app_out_op_error(failed, st);
    return 1;
  }
  ++n_inferences;
  gesture_dequantize((const int8_t *)outp->data, p, GESTURE_CLASSES, outp->scale, outp->zero_point);
#ifdef APP_TRACE
  { /* every inference's probabilities: tinyml: trace <timeMs> <p_wing> <p_ring> <p_slope> <p_none> */
    int k;
    app_out("tinyml: trace ");
    app_out_i32(ring.last_t);
    for (k = 0; k < GESTURE_CLASSES; ++k) {
      app_out(" ");
      app_out_prob(p[k], 4);
    }
    app_out("\n");
  }
#endif
  if (gesture_detect(&detector, p, ring.last_t, &label)) {
    app_out("tinyml: result {\"label\":\"");
    app_out(gesture_labels[label]);
    app_out("\",\"timeMs\":");
    app_out_i32(ring.last_t);
    app_out(",\"score\":");
    app_out_prob(p[label], 4);
    app_out("}\n");
  }
  return 0;
}

/* One sample (g) at t ms through the resampler, the ring and the model. 0 ok, else the exit status. */
static int push_sample(int32_t t, const float a[GESTURE_AXES]) {
  int32_t tg;
  float s[GESTURE_AXES];
  (void)gesture_resampler_push(&resampler, t, a);
  while (gesture_resampler_next(&resampler, s, &tg)) {
    ++n_samples;
    if (gesture_ring_push(&ring, s, tg)) {
      int rc = run_inference();
      if (rc != 0) return rc;
    }
  }
  last_t = resampler.cur_t;
  memcpy(last_sample, resampler.cur, sizeof last_sample);
  return 0;
}

/* Feeds input bytes through the pipeline. 0 ok, else the exit status. */
static int feed(const char *buf, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; ++i) {
    int32_t t;
    float a[GESTURE_AXES];
    int r;
    if (!gesture_line_push(&lines, buf[i])) continue;
    ++line_no;
    r = gesture_parse_line(lines.line, &t, a);
    if (r == 0) continue;
    if (r < 0 || lines.overflow) {
      app_out("tinyml: error malformed input line ");
      app_out_u32(line_no);
      app_out(" (expected t_ms,ax,ay,az)\n");
      return 2;
    }
    if (unit_scale == 0.0f) {
      /* Units from the first sample: gravity alone is 1 g = 1000 milli-g, so a magnitude above
       * 20 can only be milli-g. */
      float m2 = a[0] * a[0] + a[1] * a[1] + a[2] * a[2];
      unit_scale = m2 > 400.0f ? 0.001f : 1.0f;
    }
    a[0] *= unit_scale;
    a[1] *= unit_scale;
    a[2] *= unit_scale;
    {
      int rc = push_sample(t, a);
      if (rc != 0) return rc;
    }
  }
  return 0;
}

/* After the last line: the device is taken to stay as it was for APP_TAIL_MS more, so that a
 * gesture that ends with the recording is still confirmed (short recordings work). */
static int flush_tail(void) {
  int32_t t;
  const int32_t end = last_t + APP_TAIL_MS;
  float hold[GESTURE_AXES];
  if (n_samples == 0) return 0;
  memcpy(hold, last_sample, sizeof hold);
  for (t = last_t + GESTURE_PERIOD_MS; t <= end; t += GESTURE_PERIOD_MS) {
    int rc = push_sample(t, hold);
    if (rc != 0) return rc;
  }
  return 0;
}

static int app_main(void) {
  static char cmdline[APP_CMDLINE_MAX];
  const char *input = 0;
  const tm_io *in, *outp;
  uint32_t t_start, t_all;
  int rc = 0;

  port_init();
  app_out("tinyml: board " TINYML_BOARD " " TINYML_VARIANT "\n");
  app_out("tinyml: model ");
  app_out(tinyml_model.name);
  app_out("\n");
  if (port_get_cmdline(cmdline, sizeof cmdline) > 0 && app_parse_input(cmdline, &input, "--input FILE.csv") != 0) return 2;

  in = tm_input(&tinyml_model, 0);
  outp = tm_output(&tinyml_model, 0);
  if (tinyml_model.n_inputs != 1 || in->dtype != TM_DT_INT8 ||
      in->bytes != GESTURE_WINDOW * GESTURE_AXES || outp == 0 || outp->dtype != TM_DT_INT8 ||
      outp->bytes != GESTURE_CLASSES) {
    app_out("tinyml: error the model does not take int8[1,128,1,3] and give int8[1,4]\n");
    return 2;
  }

  gesture_lines_init(&lines);
  gesture_resampler_init(&resampler);
  gesture_ring_init(&ring);
  gesture_detector_init(&detector);

  t_start = port_cycles();
  if (input != 0) {
    int fd = sfile_open(input);
    long got;
    if (fd < 0) {
      app_out("tinyml: error cannot read input file '");
      app_out(input);
      app_out("'\n");
      return 2;
    }
    app_out("tinyml: input 0 file ");
    app_out(input);
    app_out("\n");
    while ((got = sfile_read(fd, chunk, sizeof chunk)) > 0) {
      rc = feed(chunk, (uint32_t)got);
      if (rc != 0) break;
    }
    sfile_close(fd);
    if (rc == 0 && got < 0) {
      app_out("tinyml: error reading input file '");
      app_out(input);
      app_out("' failed\n");
      return 2;
    }
  } else {
    app_out("tinyml: input 0 builtin\n");
    rc = feed(gesture_builtin_csv, gesture_builtin_csv_len);
  }
  if (rc == 0) rc = feed("\n", 1); /* a last line without a line ending */
  if (rc == 0) rc = flush_tail();
  if (rc != 0) return rc;
  t_all = port_cycles() - t_start;

  if (n_inferences > 0) {
    app_out_ops();
    app_out_cost("total", first_total);
  }
  app_out("tinyml: pipeline ");
  app_out_u32(n_inferences);
  app_out(" ");
  app_out_u32(n_samples);
  app_out(" ");
  app_out_u32(t_all);
  app_out(" ");
  app_out(port_cycles_unit());
  app_out("\n");
  app_out_end();
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

/*
 * Wake-word firmware: streams 16 kHz 16-bit mono PCM through the front end (src/frontend.c),
 * runs the model every WW_INFER_EVERY frames on the last 49 frames (0.99 s), and feeds the
 * scores to the recognizer (src/recognizer.c), which prints each detection:
 *
 *   tinyml: result {"label":"yes","timeMs":1520,"score":230}
 *
 * timeMs is the stream time (end of the audio analysed so far) when the detection fired.
 *
 * Command line (QEMU semihosting and host builds): `--input FILE.wav` streams that file (any
 * length, read 20 ms at a time); without it the built-in clip (firmware/builtin_audio.h, the word
 * "yes") is used. `--scores` also prints every inference's scores
 * (`tinyml: scores <timeMs> <silence> <unknown> <yes> <no>`, 0..255).
 *
 * Other output lines, in the format of the generic app (sim/README.md): board, model, input,
 * total (model cost per inference, averaged), arena, stack, done; plus `tinyml: frontend <count>
 * <unit>` (front-end cost per 20 ms frame, averaged) and `tinyml: inferences <n>`.
 * Exit status: 0 ok, 1 inference failed, 2 bad command line or input file.
 */
#include <stdint.h>
#include <string.h>

#include "app_out.h"
#include "builtin_audio.h"
#include "frontend.h"
#include "model.h"
#include "port.h"
#include "recognizer.h"
#include "ww_io.h"


/* Recognizer settings (tuned on synthesized recordings of held-out voices; see README.md). */
#ifndef WW_INFER_EVERY
#define WW_INFER_EVERY 3 /* frames between inferences: 60 ms */
#endif
#ifndef WW_WINDOW_MS
#define WW_WINDOW_MS 200
#endif
#ifndef WW_THRESHOLD
#define WW_THRESHOLD 180
#endif
#ifndef WW_SUPPRESSION_MS
#define WW_SUPPRESSION_MS 500
#endif
#ifndef WW_MIN_COUNT
#define WW_MIN_COUNT 2
#endif
#ifndef WW_REARM
#define WW_REARM 40
#endif

#define WW_N_LABELS 4
static const char *const ww_labels[WW_N_LABELS] = {"silence", "unknown", "yes", "no"};

#if defined(PORT_QEMU_CMSDK) || defined(PORT_HOST)
#define WW_CMDLINE_MAX 1024
#else
#define WW_CMDLINE_MAX 1
#endif

int tinyml_main(void);

/* Static buffers (see README.md for the total). */
static fe_state ww_fe;
static rc_state ww_rc;
static int8_t ww_ring[FE_FRAMES][FE_CHANNELS]; /* quantized features of the last 49 frames */
static int16_t ww_pcm[FE_STRIDE]; /* read as little-endian bytes, converted in place */
static float ww_frame[FE_CHANNELS];
static char ww_cmdline[WW_CMDLINE_MAX];

static void error_line(const char *a, const char *b, const char *c) {
  app_out("tinyml: error ");
  app_out(a);
  if (b != 0) app_out(b);
  if (c != 0) app_out(c);
  app_out("\n");
}

/* Splits the command line in place; finds --input PATH and --scores. */
static int parse_args(char *line, const char **input, int *scores) {
  char *tok[16];
  const uint32_t n = app_split_args(line, tok, 16);
  uint32_t i;
  for (i = 1; i < n; ++i) { /* tok[0] is the program name */
    if (strcmp(tok[i], "--input") == 0) {
      if (i + 1 >= n) {
        error_line("--input needs a path", 0, 0);
        return 0;
      }
      *input = tok[++i];
    } else if (strcmp(tok[i], "--scores") == 0) {
      *scores = 1;
    } else {
      error_line("unknown argument '", tok[i], "' (expected --input FILE.wav or --scores)");
      return 0;
    }
  }
  return 1;
}

static void print_scores(int32_t time_ms, const uint8_t *sc) {
  uint32_t k;
  app_out("tinyml: scores ");
  app_out_u64((uint64_t)time_ms);
  for (k = 0; k < WW_N_LABELS; ++k) {
    app_out(" ");
    app_out_u64(sc[k]);
  }
  app_out("\n");
}

int tinyml_main(void) {
  const char *input = 0;
  int print_all = 0;
  const tm_io *in, *res;
  ww_file file;
  ww_wav_info wav;
  const char *problem;
  rc_config cfg;
  rc_detection det;
  uint32_t frames = 0, inferences = 0, left, k;
  uint64_t model_cost = 0, fe_cost = 0;
  uint16_t failed_op = 0;

  port_init();
  app_out("tinyml: board " TINYML_BOARD " " TINYML_VARIANT "\n");
  app_out("tinyml: model ");
  app_out(tinyml_model.name);
  app_out("\n");

  if (port_get_cmdline(ww_cmdline, sizeof ww_cmdline) > 0 && !parse_args(ww_cmdline, &input, &print_all)) {
    return 2;
  }

  in = tm_input(&tinyml_model, 0);
  res = tm_output(&tinyml_model, 0);
  if (in == 0 || res == 0 || in->dtype != TM_DT_INT8 || in->bytes != FE_FEATURES ||
      res->dtype != TM_DT_INT8 || res->bytes != WW_N_LABELS) {
    error_line("the model does not take int8 [1,49,40,1] features and give 4 int8 scores", 0, 0);
    return 2;
  }

  if (input != 0) {
    if (ww_open_file(&file, input) != 0) {
      error_line("cannot open input file '", input, "'");
      return 2;
    }
    app_out("tinyml: input 0 file ");
    app_out(input);
    app_out("\n");
  } else {
    ww_open_mem(&file, ww_builtin_wav, (uint32_t)sizeof ww_builtin_wav);
    app_out("tinyml: input 0 builtin\n");
  }
  problem = ww_wav_begin(&file, &wav);
  if (problem != 0) {
    app_out("tinyml: error input '");
    app_out(input != 0 ? input : "builtin");
    app_out("': ");
    app_out(problem);
    if (wav.sample_rate != 0) {
      app_out(" (it is ");
      app_out_u64(wav.sample_rate);
      app_out(" Hz, ");
      app_out_u64(wav.bits);
      app_out("-bit, ");
      app_out_u64(wav.channels);
      app_out(" channel(s), format ");
      app_out_u64(wav.format);
      app_out(")");
    }
    app_out("; the wake-word firmware needs a 16000 Hz 16-bit mono PCM WAV\n");
    ww_close(&file);
    return 2;
  }

  cfg.window_ms = WW_WINDOW_MS;
  cfg.suppression_ms = WW_SUPPRESSION_MS;
  cfg.min_count = WW_MIN_COUNT;
  cfg.threshold = WW_THRESHOLD;
  cfg.rearm = WW_REARM;
  cfg.keyword_mask = (1u << 2) | (1u << 3); /* yes, no */
  cfg.n_labels = WW_N_LABELS;
  if (!rc_init(&ww_rc, &cfg)) {
    error_line("bad recognizer settings", 0, 0);
    return 2;
  }
  fe_reset(&ww_fe);

  left = wav.data_bytes & ~1u;
  while (left > 0) {
    uint8_t *bytes = (uint8_t *)ww_pcm;
    uint32_t want = left < sizeof ww_pcm ? left : (uint32_t)sizeof ww_pcm;
    long got = ww_read(&file, bytes, want);
    size_t n, pos = 0;
    if (got < 0) {
      error_line("cannot read input file '", input != 0 ? input : "builtin", "'");
      ww_close(&file);
      return 2;
    }
    if (got < 2) break; /* end of file (a streamed WAV may state a larger data size) */
    n = (size_t)got / 2u;
    left -= (uint32_t)got;
    for (k = 0; k < n; ++k) ww_pcm[k] = (int16_t)(uint16_t)(bytes[2 * k] | (bytes[2 * k + 1] << 8));
    while (pos < n) {
      int ready;
      uint32_t t0 = port_cycles();
      pos += fe_feed(&ww_fe, ww_pcm + pos, n - pos, ww_frame, &ready);
      if (!ready) continue;
      fe_quantize(ww_frame, FE_CHANNELS, in->scale, in->zero_point, ww_ring[frames % FE_FRAMES]);
      fe_cost += port_cycles() - t0;
      frames += 1u;
      if (frames >= FE_FRAMES && (frames - FE_FRAMES) % WW_INFER_EVERY == 0) {
        /* Stream time at the end of the newest frame. */
        const int32_t time_ms = (int32_t)(((uint64_t)FE_WINDOW + (uint64_t)(frames - 1u) * FE_STRIDE) * 1000u /
                                          FE_SAMPLE_RATE);
        uint8_t scores[WW_N_LABELS];
        const uint32_t oldest = frames % FE_FRAMES;
        int8_t *dst = (int8_t *)in->data;
        tm_status status;
        memcpy(dst, ww_ring[oldest], (size_t)(FE_FRAMES - oldest) * FE_CHANNELS);
        memcpy(dst + (size_t)(FE_FRAMES - oldest) * FE_CHANNELS, ww_ring[0], (size_t)oldest * FE_CHANNELS);
        t0 = port_cycles();
        status = tm_invoke(&tinyml_model, 0, 0, &failed_op);
        model_cost += port_cycles() - t0;
        if (status != TM_OK) {
          app_out_op_error(failed_op, status);
          ww_close(&file);
          return 1;
        }
        inferences += 1u;
        for (k = 0; k < WW_N_LABELS; ++k) {
          scores[k] = rc_score_u8(((const int8_t *)res->data)[k], res->scale, res->zero_point);
        }
        if (print_all) print_scores(time_ms, scores);
        if (rc_process(&ww_rc, scores, time_ms, &det)) {
          app_out("tinyml: result {\"label\":\"");
          app_out(ww_labels[det.label]);
          app_out("\",\"timeMs\":");
          app_out_u64((uint64_t)det.time_ms);
          app_out(",\"score\":");
          app_out_u64((uint64_t)det.score);
          app_out("}\n");
        }
      }
    }
  }
  ww_close(&file);

  app_out("tinyml: inferences ");
  app_out_u64(inferences);
  app_out("\n");
  if (inferences > 0) app_out_cost("total", (uint32_t)(model_cost / inferences));
  if (frames > 0) app_out_cost("frontend", (uint32_t)(fe_cost / frames));
  app_out_end();
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

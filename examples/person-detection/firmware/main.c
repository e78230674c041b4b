/*
 * Person-detection firmware: decodes a BMP photo (8-bit palette or 24-bit, any size, streamed in
 * chunks) straight into the model's input tensor (src/pd_image.c), quantizes it, runs the model
 * and prints the two probabilities. The model's input decides the pre-processing:
 *   int8[1,96,96,1] (this example's MobileNet v1 0.25): gray, centre square crop, (v - 128) / 128;
 *   int8[1,96,96,3] (the MLPerf Tiny visual-wake-words model): RGB, the whole image stretched to
 *   96x96, v / 255, as that model was trained (Keras ImageDataGenerator(rescale=1/255) on COCO
 *   images resized to 96x96). -DPD_FIT=PD_FIT_CROP or PD_FIT_STRETCH overrides the fit.
 * It prints:
 *
 *   tinyml: board <board> <sim|hw|host>
 *   tinyml: model <name>
 *   tinyml: input 0 file <path>            (or: tinyml: input 0 builtin)
 *   tinyml: image <width> <height>
 *   tinyml: preprocess-mode <gray|rgb> <crop|stretch>
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

#include "app_out.h"
#include "model.h"
#include "pd_image.h"
#include "port.h"
#include "stream_file.h"

#ifndef APP_CHUNK_BYTES
#define APP_CHUNK_BYTES 512
#endif

extern const uint8_t pd_builtin_bmp[];
extern const uint32_t pd_builtin_bmp_len;

static pd_bmp decoder;
static uint8_t chunk[APP_CHUNK_BYTES];

static int app_main(void) {
  static char cmdline[APP_CMDLINE_MAX];
  const char *input = 0;
  const tm_io *in, *outp;
  uint32_t t0, t_pre, t_model;
  uint16_t failed = 0;
  tm_status st;
  int32_t dst;
  uint32_t channels, fit;
  float person, no_person;

  port_init();
  app_out("tinyml: board " TINYML_BOARD " " TINYML_VARIANT "\n");
  app_out("tinyml: model ");
  app_out(tinyml_model.name);
  app_out("\n");
  if (port_get_cmdline(cmdline, sizeof cmdline) > 0 && app_parse_input(cmdline, &input, "--input FILE.bmp") != 0) return 2;

  in = tm_input(&tinyml_model, 0);
  outp = tm_output(&tinyml_model, 0);
  if (tinyml_model.n_inputs != 1 || in->dtype != TM_DT_INT8 || (in->bytes != PD_PIXELS && in->bytes != 3u * PD_PIXELS) ||
      outp == 0 || outp->dtype != TM_DT_INT8 || outp->bytes != 2) {
    app_out("tinyml: error the model does not take int8[1,96,96,1] or int8[1,96,96,3] and give int8[1,2]\n");
    return 2;
  }
  channels = in->bytes == PD_PIXELS ? 1u : 3u;
#ifdef PD_FIT
  fit = PD_FIT;
#else
  fit = channels == 1u ? PD_FIT_CROP : PD_FIT_STRETCH;
#endif

  /* Decode straight into the input tensor (gray or RGB bytes), then quantize in place. */
  t0 = port_cycles();
  pd_bmp_init_mode(&decoder, (uint8_t *)in->data, channels, fit);
  if (input != 0) {
    int fd = sfile_open(input);
    long got = 0;
    if (fd < 0) {
      app_out("tinyml: error cannot read input file '");
      app_out(input);
      app_out("'\n");
      return 2;
    }
    app_out("tinyml: input 0 file ");
    app_out(input);
    app_out("\n");
    while (pd_bmp_feed(&decoder, chunk, 0) == PD_MORE && (got = sfile_read(fd, chunk, sizeof chunk)) > 0) {
      (void)pd_bmp_feed(&decoder, chunk, (uint32_t)got);
    }
    sfile_close(fd);
    if (got < 0) {
      app_out("tinyml: error reading input file '");
      app_out(input);
      app_out("' failed\n");
      return 2;
    }
  } else {
    app_out("tinyml: input 0 builtin\n");
    (void)pd_bmp_feed(&decoder, pd_builtin_bmp, pd_builtin_bmp_len);
  }
  dst = pd_bmp_finish(&decoder);
  if (dst != PD_OK) {
    app_out("tinyml: error ");
    app_out(pd_status_str(dst));
    app_out("\n");
    return 2;
  }
  if (channels == 1u) {
    pd_quantize((const uint8_t *)in->data, (int8_t *)in->data, PD_PIXELS, in->scale, in->zero_point);
  } else {
    pd_quantize_norm((const uint8_t *)in->data, (int8_t *)in->data, 3u * PD_PIXELS, PD_RGB_MEAN, PD_RGB_STD, in->scale,
                     in->zero_point);
  }
  t_pre = port_cycles() - t0;
  app_out("tinyml: image ");
  app_out_u32((uint32_t)decoder.width);
  app_out(" ");
  app_out_u32((uint32_t)decoder.height);
  app_out("\n");
  app_out(channels == 1u ? "tinyml: preprocess-mode gray " : "tinyml: preprocess-mode rgb ");
  app_out(fit == PD_FIT_CROP ? "crop\n" : "stretch\n");

  t0 = port_cycles();
  st = tm_invoke(&tinyml_model, app_profile, 0, &failed);
  t_model = port_cycles() - t0;
  if (st != TM_OK) {
    app_out_op_error(failed, st);
    return 1;
  }
  pd_scores((const int8_t *)outp->data, outp->scale, outp->zero_point, &person, &no_person);
  app_out("tinyml: result {\"person\":");
  app_out_prob(person, 6);
  app_out(",\"noPerson\":");
  app_out_prob(no_person, 6);
  app_out("}\n");

  app_out_ops();
  app_out_cost("total", t_model);
  app_out_cost("preprocess", t_pre);
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

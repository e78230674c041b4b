/*
 * Host harness for the held-out evaluation: reads a pack of BMP files ([u32 little-endian
 * length][bytes], repeated), runs each through the device's decoder (fed in CHUNK-byte pieces, as
 * the firmware does), quantization and the generated model C, and writes the model's two int8
 * outputs per image.
 *
 *   eval_bmps PACK OUT.i8 [CHUNK]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "pd_image.h"

#define MAX_BMP (32u << 20)

int main(int argc, char **argv) {
  static uint8_t buf[MAX_BMP];
  static pd_bmp dec;
  const tm_io *ti = tm_input(&tinyml_model, 0);
  const tm_io *to = tm_output(&tinyml_model, 0);
  FILE *in, *out;
  uint32_t chunk = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 10) : 512u;
  unsigned long n = 0;
  uint8_t lenb[4];
  if (argc < 3 || chunk == 0) {
    fprintf(stderr, "usage: eval_bmps PACK OUT.i8 [CHUNK]\n");
    return 2;
  }
  const uint32_t channels = ti->bytes == 3u * PD_PIXELS ? 3u : 1u; /* as firmware/main.c */
  const uint32_t fit = channels == 1u ? PD_FIT_CROP : PD_FIT_STRETCH;
  if ((ti->bytes != PD_PIXELS && ti->bytes != 3u * PD_PIXELS) || to->bytes != 2) {
    fprintf(stderr, "eval_bmps: unexpected model input/output sizes\n");
    return 2;
  }
  in = fopen(argv[1], "rb");
  out = fopen(argv[2], "wb");
  if (in == NULL || out == NULL) {
    fprintf(stderr, "eval_bmps: cannot open files\n");
    return 2;
  }
  while (fread(lenb, 4, 1, in) == 1) {
    uint32_t len = (uint32_t)lenb[0] | ((uint32_t)lenb[1] << 8) | ((uint32_t)lenb[2] << 16) | ((uint32_t)lenb[3] << 24);
    uint32_t off;
    int32_t st;
    tm_status ts;
    if (len > MAX_BMP || fread(buf, 1, len, in) != len) {
      fprintf(stderr, "eval_bmps: bad pack entry %lu\n", n);
      return 2;
    }
    pd_bmp_init_mode(&dec, (uint8_t *)ti->data, channels, fit);
    for (off = 0; off < len; off += chunk) (void)pd_bmp_feed(&dec, buf + off, len - off < chunk ? len - off : chunk);
    st = pd_bmp_finish(&dec);
    if (st != PD_OK) {
      fprintf(stderr, "eval_bmps: image %lu: %s\n", n, pd_status_str(st));
      return 1;
    }
    if (channels == 1u) {
      pd_quantize((const uint8_t *)ti->data, (int8_t *)ti->data, PD_PIXELS, ti->scale, ti->zero_point);
    } else {
      pd_quantize_norm((const uint8_t *)ti->data, (int8_t *)ti->data, 3u * PD_PIXELS, PD_RGB_MEAN, PD_RGB_STD, ti->scale,
                       ti->zero_point);
    }
    ts = tm_invoke(&tinyml_model, NULL, NULL, NULL);
    if (ts != TM_OK) {
      fprintf(stderr, "eval_bmps: inference failed: %s\n", tm_status_str(ts));
      return 1;
    }
    fwrite(to->data, 1, 2, out);
    ++n;
  }
  fclose(in);
  fclose(out);
  fprintf(stderr, "eval_bmps: %lu images\n", n);
  return 0;
}

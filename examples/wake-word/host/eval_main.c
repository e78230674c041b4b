/*
 * Host harness for the C-path accuracy: reads N clips of raw 16 kHz int16 PCM (each
 * WW_CLIP_SAMPLES long: a 0.5 s pre-roll and the 0.99 s model window), runs every clip through
 * the front end (src/frontend.c) from a reset state, quantizes the last 49 frames for the model
 * input and invokes the generated model (C), then writes the N x 4 int8 scores.
 *
 *   eval_main CLIPS.raw SCORES.raw
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend.h"
#include "model.h"

#define WW_PREROLL (25 * FE_STRIDE)
#define WW_CLIP_SAMPLES (WW_PREROLL + FE_WINDOW + (FE_FRAMES - 1) * FE_STRIDE)
#define WW_TOTAL_FRAMES ((WW_CLIP_SAMPLES - FE_WINDOW) / FE_STRIDE + 1)

static int16_t pcm[WW_CLIP_SAMPLES];
static float feats[WW_TOTAL_FRAMES * FE_CHANNELS];

int main(int argc, char **argv) {
  FILE *in, *out;
  const tm_io *x, *y;
  unsigned long n = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: eval_main CLIPS.raw SCORES.raw\n");
    return 2;
  }
  x = tm_input(&tinyml_model, 0);
  y = tm_output(&tinyml_model, 0);
  if (x->bytes != FE_FEATURES || x->dtype != TM_DT_INT8) {
    fprintf(stderr, "eval_main: the model input is not int8 [1,49,40,1]\n");
    return 2;
  }
  in = fopen(argv[1], "rb");
  out = fopen(argv[2], "wb");
  if (in == NULL || out == NULL) {
    fprintf(stderr, "eval_main: cannot open %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  while (fread(pcm, sizeof pcm[0], WW_CLIP_SAMPLES, in) == WW_CLIP_SAMPLES) {
    uint16_t failed = 0;
    tm_status st;
    uint32_t frames = fe_clip(pcm, WW_CLIP_SAMPLES, feats, WW_TOTAL_FRAMES);
    if (frames != WW_TOTAL_FRAMES) {
      fprintf(stderr, "eval_main: front end made %u frames\n", (unsigned)frames);
      return 1;
    }
    fe_quantize(feats + (WW_TOTAL_FRAMES - FE_FRAMES) * FE_CHANNELS, FE_FEATURES, x->scale, x->zero_point,
                (int8_t *)x->data);
    st = tm_invoke(&tinyml_model, NULL, NULL, &failed);
    if (st != TM_OK) {
      fprintf(stderr, "eval_main: op %u failed: %s\n", (unsigned)failed, tm_status_str(st));
      return 1;
    }
    fwrite(y->data, 1, y->bytes, out);
    n += 1;
  }
  fclose(in);
  fclose(out);
  fprintf(stderr, "eval_main: %lu clips\n", n);
  return 0;
}

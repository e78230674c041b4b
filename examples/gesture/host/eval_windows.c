/*
 * Host harness for the window-level evaluation: reads raw windows (float32, n x 128 x 3, in g)
 * from a file, runs each through the device's normalization and quantization (src/gesture.c)
 * and the generated model C, and writes the model's int8 outputs (n x 4) to another file.
 *
 *   eval_windows IN.f32 OUT.i8
 */
#include <stdio.h>
#include <string.h>

#include "gesture.h"
#include "model.h"

int main(int argc, char **argv) {
  static float win[GESTURE_WINDOW * GESTURE_AXES];
  FILE *in, *out;
  const tm_io *ti = tm_input(&tinyml_model, 0);
  const tm_io *to = tm_output(&tinyml_model, 0);
  unsigned long n = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: eval_windows IN.f32 OUT.i8\n");
    return 2;
  }
  if (ti->bytes != sizeof win / sizeof win[0] || to->bytes != GESTURE_CLASSES) {
    fprintf(stderr, "eval_windows: unexpected model input/output sizes\n");
    return 2;
  }
  in = fopen(argv[1], "rb");
  out = fopen(argv[2], "wb");
  if (in == NULL || out == NULL) {
    fprintf(stderr, "eval_windows: cannot open files\n");
    return 2;
  }
  while (fread(win, sizeof win, 1, in) == 1) {
    tm_status st;
    gesture_features(win, win);
    gesture_quantize(win, (int8_t *)ti->data, GESTURE_WINDOW * GESTURE_AXES, ti->scale, ti->zero_point);
    st = tm_invoke(&tinyml_model, NULL, NULL, NULL);
    if (st != TM_OK) {
      fprintf(stderr, "eval_windows: inference failed: %s\n", tm_status_str(st));
      return 1;
    }
    fwrite(to->data, 1, GESTURE_CLASSES, out);
    ++n;
  }
  fclose(in);
  fclose(out);
  fprintf(stderr, "eval_windows: %lu windows\n", n);
  return 0;
}

/* RESIZE_NEAREST_NEIGHBOR (TFLM reference_ops::ResizeNearestNeighbor): each output pixel is a
 * copy of the input pixel its row and column maps name, for any element size. */
#include <string.h>

#include "tinyml/kernels/resize.h"

tm_status tm_eval_resize_nearest(const void *params, const void *const *in, void *const *out, void *scratch) {
  const tm_resize_nearest_params *p = (const tm_resize_nearest_params *)params;
  const uint8_t *input;
  uint8_t *output;
  int32_t b, y, x, pixel, row, batch;
  (void)scratch;
  if (p == NULL || in[0] == NULL || out[0] == NULL || p->y_map == NULL || p->x_map == NULL) return TM_BAD_PARAM;
  if (p->batches < 1 || p->input_h < 1 || p->input_w < 1 || p->depth < 1 || p->output_h < 1 || p->output_w < 1) return TM_BAD_PARAM;
  if (p->elem_bytes != 1 && p->elem_bytes != 2 && p->elem_bytes != 4) return TM_BAD_PARAM;
  for (y = 0; y < p->output_h; ++y) if (p->y_map[y] < 0 || p->y_map[y] >= p->input_h) return TM_BAD_PARAM;
  for (x = 0; x < p->output_w; ++x) if (p->x_map[x] < 0 || p->x_map[x] >= p->input_w) return TM_BAD_PARAM;
  input = (const uint8_t *)in[0];
  output = (uint8_t *)out[0];
  pixel = p->depth * p->elem_bytes;
  row = p->input_w * pixel;
  batch = p->input_h * row;
  for (b = 0; b < p->batches; ++b) {
    for (y = 0; y < p->output_h; ++y) {
      const uint8_t *src_row = input + b * batch + p->y_map[y] * row;
      for (x = 0; x < p->output_w; ++x) {
        memcpy(output, src_row + p->x_map[x] * pixel, (size_t)pixel);
        output += pixel;
      }
    }
  }
  return TM_OK;
}

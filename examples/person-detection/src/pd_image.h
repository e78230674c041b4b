/*
 * Person detection, on-device image pre- and post-processing (portable C99: no allocation, no
 * I/O, no floating point in the decoder).
 *
 *   BMP bytes (any size, 8-bit palette or 24-bit, bottom-up or top-down, fed in chunks of any
 *   size) ──pd_bmp_feed──▶ grayscale (BT.601 weights), or RGB ──▶ centre square crop (or the
 *   whole image, stretched) ──▶ 96x96
 *   (box average when shrinking, nearest pixel when enlarging), written row by row while the
 *   file streams in: only one output row of accumulators is kept, so a BMP larger than RAM works.
 *   ──pd_quantize──▶ the model's int8 input ((gray - 128) / 128 in the model's scale/zero point)
 *   model ──pd_scores──▶ {person, noPerson} probabilities (the dequantized softmax)
 *
 * pd_preprocess_bmp() is the same decoder on a whole buffer: the training script calls it
 * through a shared library (ctypes) on every training image, so the model sees exactly what the
 * device computes.
 */
#ifndef PD_IMAGE_H
#define PD_IMAGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PD_SIZE 96                 /* model input: PD_SIZE x PD_SIZE x 1 */
#define PD_PIXELS (PD_SIZE * PD_SIZE)
#define PD_MAX_DIM 16384           /* largest BMP width or height accepted */
#define PD_INPUT_MEAN 128.0f       /* model input = (gray - PD_INPUT_MEAN) / PD_INPUT_STD */
#define PD_INPUT_STD 128.0f
#define PD_RGB_MEAN 0.0f           /* the MLPerf VWW model's input = rgb / 255 */
#define PD_RGB_STD 255.0f
#define PD_FIT_CROP 0u             /* the centre square of the image */
#define PD_FIT_STRETCH 1u          /* the whole image, each axis scaled to PD_SIZE */
#define PD_CLASS_NO_PERSON 0       /* the model's output order */
#define PD_CLASS_PERSON 1

/* Status codes. */
#define PD_OK 0
#define PD_MORE 1                  /* pd_bmp_feed: give more bytes */
#define PD_ERR_NOT_BMP (-1)        /* no "BM" signature */
#define PD_ERR_HEADER (-2)         /* unsupported header (size, planes) */
#define PD_ERR_FORMAT (-3)         /* not 8- or 24-bit uncompressed (BI_RGB) */
#define PD_ERR_SIZE (-4)           /* width/height zero or above PD_MAX_DIM */
#define PD_ERR_OFFSET (-5)         /* pixel data offset inside the headers */
#define PD_ERR_TRUNCATED (-6)      /* the file ended before the last pixel row */

typedef struct {
  uint8_t *out;                    /* PD_PIXELS x channels bytes (gray, or R G B), row 0 at the top */
  uint8_t channels, fit;           /* 1 (gray) or 3 (RGB); PD_FIT_CROP or PD_FIT_STRETCH */
  int32_t status;                  /* PD_MORE while decoding, PD_OK when done, or an error */
  uint32_t pos;                    /* bytes consumed so far */
  uint8_t phase;                   /* 0 headers, 1 palette and gap, 2 pixel rows, 3 done */
  uint8_t hdr[56];                 /* file header + the first 40 bytes of the info header */
  uint32_t hdr_need;               /* header bytes to collect before parsing */
  uint32_t dib_size, data_offset, palette_end;
  int32_t width, height;           /* height > 0 in the file's bottom-up order */
  uint8_t top_down, bpp, core;     /* core: the 12-byte OS/2 header (3-byte palette entries) */
  uint32_t colors;                 /* palette entries */
  uint8_t pal_bgr[256][3];         /* the palette: index -> blue, green, red */
  uint32_t row_bytes;              /* bytes per stored row, padding included */
  uint32_t crop_w, crop_h, x0, y0; /* the part of the image that is resized */
  /* pixel phase */
  uint32_t row, col_byte;          /* stored row number, byte within the row */
  uint32_t px_comp, px_x;          /* component within the pixel, pixel within the row */
  uint32_t px_b, px_g;
  uint32_t dda_q, dda_r;           /* output column of the current pixel, remainder */
  uint8_t row_in_crop;
  int32_t acc_ra, acc_rb;          /* output rows the accumulators belong to (-1: none) */
  uint32_t sum[3 * PD_SIZE];       /* per output column: channels sums */
  uint32_t cnt[PD_SIZE];
} pd_bmp;

/* Starts decoding into out[PD_PIXELS]: gray, centre square crop. */
void pd_bmp_init(pd_bmp *d, uint8_t *out);
/* Starts decoding into out[PD_PIXELS * channels]: channels 1 (gray) or 3 (R, G, B interleaved),
 * fit PD_FIT_CROP (centre square) or PD_FIT_STRETCH (the whole image). */
void pd_bmp_init_mode(pd_bmp *d, uint8_t *out, uint32_t channels, uint32_t fit);
/* Feeds the next n bytes. Returns PD_MORE (needs more), PD_OK (the image is complete; any further
 * bytes are ignored) or a negative error, which sticks. */
int32_t pd_bmp_feed(pd_bmp *d, const uint8_t *buf, uint32_t n);
/* At the end of the input: PD_OK if the image was complete, else the error. */
int32_t pd_bmp_finish(pd_bmp *d);
/* A short text for a status code. */
const char *pd_status_str(int32_t status);

/* The whole decoder on a buffer: decodes bmp[0..n) into out[PD_PIXELS]; returns PD_OK or an
 * error. The image's width and height go to *w / *h (may be NULL). */
int32_t pd_preprocess_bmp(const uint8_t *bmp, uint32_t n, uint8_t *out, int32_t *w, int32_t *h);
/* The same with a channel count and fit (as pd_bmp_init_mode). */
int32_t pd_preprocess_bmp_mode(const uint8_t *bmp, uint32_t n, uint8_t *out, uint32_t channels, uint32_t fit,
                               int32_t *w, int32_t *h);

/* Gray bytes to the model's int8 input, in place allowed (q may alias gray). */
void pd_quantize(const uint8_t *gray, int8_t *q, uint32_t n, float scale, int32_t zero_point);
/* Pixel bytes to int8: q = round((px - mean) / std / scale) + zero_point, clamped (in place allowed). */
void pd_quantize_norm(const uint8_t *px, int8_t *q, uint32_t n, float mean, float std, float scale,
                      int32_t zero_point);

/* The model's int8 softmax output to the two probabilities. */
void pd_scores(const int8_t *out, float scale, int32_t zero_point, float *person, float *no_person);

#ifdef __cplusplus
}
#endif

#endif /* PD_IMAGE_H */

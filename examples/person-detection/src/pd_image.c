/* Person detection image pipeline: see pd_image.h. */
#include "pd_image.h"

#include <string.h>

#define PHASE_HEADER 0
#define PHASE_PALETTE 1
#define PHASE_PIXELS 2
#define PHASE_DONE 3

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8); }

static uint32_t rd32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* ITU-R BT.601 luma in 8.8 fixed point (weights 77 + 150 + 29 = 256). */
static uint8_t luma(uint32_t b, uint32_t g, uint32_t r) {
  return (uint8_t)((77u * r + 150u * g + 29u * b + 128u) >> 8);
}

const char *pd_status_str(int32_t status) {
  switch (status) {
    case PD_OK: return "ok";
    case PD_MORE: return "incomplete";
    case PD_ERR_NOT_BMP: return "not a BMP file (no BM signature)";
    case PD_ERR_HEADER: return "unsupported BMP header";
    case PD_ERR_FORMAT: return "only uncompressed 8-bit (palette) and 24-bit BMPs are supported";
    case PD_ERR_SIZE: return "BMP width or height is zero or too large";
    case PD_ERR_OFFSET: return "BMP pixel data offset is inside the headers";
    case PD_ERR_TRUNCATED: return "BMP file is truncated";
    default: return "unknown error";
  }
}

void pd_bmp_init(pd_bmp *d, uint8_t *out) { pd_bmp_init_mode(d, out, 1u, PD_FIT_CROP); }

void pd_bmp_init_mode(pd_bmp *d, uint8_t *out, uint32_t channels, uint32_t fit) {
  memset(d, 0, sizeof *d);
  d->out = out;
  d->channels = (uint8_t)(channels == 3u ? 3u : 1u);
  d->fit = (uint8_t)(fit == PD_FIT_STRETCH ? PD_FIT_STRETCH : PD_FIT_CROP);
  d->status = PD_MORE;
  d->phase = PHASE_HEADER;
  d->hdr_need = 18; /* file header + the info header's size field */
  d->acc_ra = -1;
  d->acc_rb = -1;
}

/* Parses the collected headers (14 + 12 or 14 + 40 bytes). */
static int32_t parse_header(pd_bmp *d) {
  const uint8_t *h = d->hdr;
  uint32_t planes, bpp, comp = 0, used = 0;
  int32_t w, hh;
  if (d->core) {
    w = (int32_t)rd16(h + 18);
    hh = (int32_t)rd16(h + 20);
    planes = rd16(h + 22);
    bpp = rd16(h + 24);
  } else {
    w = (int32_t)rd32(h + 18);
    hh = (int32_t)rd32(h + 22);
    planes = rd16(h + 26);
    bpp = rd16(h + 28);
    comp = rd32(h + 30);
    used = rd32(h + 46);
  }
  if (planes != 1) return PD_ERR_HEADER;
  if ((bpp != 8 && bpp != 24) || comp != 0) return PD_ERR_FORMAT;
  if (hh < 0) {
    if (hh < -PD_MAX_DIM) return PD_ERR_SIZE;
    d->top_down = 1;
    hh = -hh;
  }
  if (w <= 0 || hh <= 0 || w > PD_MAX_DIM || hh > PD_MAX_DIM) return PD_ERR_SIZE;
  d->width = w;
  d->height = hh;
  d->bpp = (uint8_t)bpp;
  d->colors = bpp == 8 ? ((used == 0 || used > 256u) ? 256u : used) : 0u;
  d->palette_end = 14u + d->dib_size + d->colors * (d->core ? 3u : 4u);
  if (d->data_offset < 14u + d->dib_size) return PD_ERR_OFFSET;
  d->row_bytes = (((uint32_t)w * bpp + 31u) / 32u) * 4u;
  if (d->fit == PD_FIT_STRETCH) {
    d->crop_w = (uint32_t)w;
    d->crop_h = (uint32_t)hh;
  } else {
    d->crop_w = d->crop_h = (uint32_t)(w < hh ? w : hh);
  }
  d->x0 = ((uint32_t)w - d->crop_w) / 2u;
  d->y0 = ((uint32_t)hh - d->crop_h) / 2u;
  return PD_MORE;
}

/* Writes the accumulated output row(s). */
static void flush_rows(pd_bmp *d) {
  int32_t r;
  uint32_t c, k;
  const uint32_t nc = d->channels;
  if (d->acc_ra < 0) return;
  for (r = d->acc_ra; r < d->acc_rb; ++r) {
    uint8_t *o = d->out + (uint32_t)r * PD_SIZE * nc;
    for (c = 0; c < PD_SIZE; ++c) {
      const uint32_t n = d->cnt[c];
      for (k = 0; k < nc; ++k) *o++ = n ? (uint8_t)((d->sum[c * nc + k] + n / 2u) / n) : 0u;
    }
  }
  d->acc_ra = -1;
  d->acc_rb = -1;
}

static void start_row(pd_bmp *d) {
  uint32_t y = d->top_down ? d->row : (uint32_t)d->height - 1u - d->row;
  d->px_comp = 0;
  d->px_x = 0;
  d->dda_q = 0;
  d->dda_r = 0;
  d->row_in_crop = (uint8_t)(y >= d->y0 && y < d->y0 + d->crop_h);
  if (d->row_in_crop) {
    uint32_t sy = y - d->y0;
    int32_t ra = (int32_t)(sy * PD_SIZE / d->crop_h);
    int32_t rb = (int32_t)((sy + 1u) * PD_SIZE / d->crop_h);
    if (rb < ra + 1) rb = ra + 1;
    if (rb > PD_SIZE) rb = PD_SIZE;
    if (ra != d->acc_ra) {
      flush_rows(d);
      memset(d->sum, 0, sizeof d->sum);
      memset(d->cnt, 0, sizeof d->cnt);
      d->acc_ra = ra;
      d->acc_rb = rb;
    }
  }
}

/* One pixel (blue, green, red) at column x of a row inside the crop: its gray value, or its red,
 * green and blue in that order (the model's RGB). */
static void add_pixel(pd_bmp *d, uint32_t x, uint32_t b, uint32_t g, uint32_t r) {
  uint32_t q2, r2, c, cb;
  if (x < d->x0 || x >= d->x0 + d->crop_w) return;
  /* sx * PD_SIZE = dda_q * crop_w + dda_r for sx = x - x0; the pixel covers output columns
   * [dda_q, max(q(sx + 1), dda_q + 1)): one column when shrinking, several when enlarging. */
  q2 = d->dda_q;
  r2 = d->dda_r + PD_SIZE;
  while (r2 >= d->crop_w) {
    r2 -= d->crop_w;
    ++q2;
  }
  cb = q2 > d->dda_q ? q2 : d->dda_q + 1u;
  if (cb > PD_SIZE) cb = PD_SIZE;
  if (d->channels == 1u) {
    const uint32_t gray = luma(b, g, r);
    for (c = d->dda_q; c < cb; ++c) {
      d->sum[c] += gray;
      ++d->cnt[c];
    }
  } else {
    for (c = d->dda_q; c < cb; ++c) {
      d->sum[3u * c] += r;
      d->sum[3u * c + 1u] += g;
      d->sum[3u * c + 2u] += b;
      ++d->cnt[c];
    }
  }
  d->dda_q = q2;
  d->dda_r = r2;
}

/* Pixel bytes [p, p + n) of the current row, starting at byte d->col_byte of the row. */
static void row_bytes(pd_bmp *d, const uint8_t *p, uint32_t n) {
  uint32_t k = d->col_byte, end = k + n;
  uint32_t data_bytes = (uint32_t)d->width * (d->bpp / 8u);
  if (end > data_bytes) end = data_bytes; /* the rest is row padding */
  if (d->bpp == 8) {
    for (; k < end; ++k) {
      const uint8_t *e = d->pal_bgr[*p++];
      add_pixel(d, k, e[0], e[1], e[2]);
    }
  } else {
    for (; k < end; ++k) {
      uint32_t v = *p++;
      if (d->px_comp == 0) {
        d->px_b = v;
        d->px_comp = 1;
      } else if (d->px_comp == 1) {
        d->px_g = v;
        d->px_comp = 2;
      } else {
        add_pixel(d, d->px_x++, d->px_b, d->px_g, v);
        d->px_comp = 0;
      }
    }
  }
}

int32_t pd_bmp_feed(pd_bmp *d, const uint8_t *buf, uint32_t n) {
  uint32_t i = 0;
  if (d->status != PD_MORE) return d->status;
  while (i < n) {
    if (d->phase == PHASE_HEADER) {
      if (d->pos < sizeof d->hdr) d->hdr[d->pos] = buf[i];
      ++d->pos;
      ++i;
      if (d->pos == 18u) {
        if (d->hdr[0] != 'B' || d->hdr[1] != 'M') return d->status = PD_ERR_NOT_BMP;
        d->data_offset = rd32(d->hdr + 10);
        d->dib_size = rd32(d->hdr + 14);
        if (d->dib_size == 12u) {
          d->core = 1;
          d->hdr_need = 26u;
        } else if (d->dib_size >= 40u && d->dib_size <= 4096u) {
          d->hdr_need = 54u;
        } else {
          return d->status = PD_ERR_HEADER;
        }
      }
      if (d->pos >= 18u && d->pos == d->hdr_need) {
        int32_t st = parse_header(d);
        if (st != PD_MORE) return d->status = st;
        d->phase = PHASE_PALETTE;
      }
    } else if (d->phase == PHASE_PALETTE) {
      if (d->pos >= d->data_offset) {
        d->phase = PHASE_PIXELS;
        continue;
      }
      if (d->pos >= 14u + d->dib_size && d->pos < d->palette_end) {
        uint32_t entry = d->core ? 3u : 4u;
        uint32_t off = d->pos - (14u + d->dib_size);
        uint32_t comp = off % entry;
        if (comp < 3u) d->pal_bgr[off / entry][comp] = buf[i];
      }
      ++d->pos;
      ++i;
    } else if (d->phase == PHASE_PIXELS) {
      uint32_t take = n - i;
      if (d->col_byte == 0) start_row(d);
      if (take > d->row_bytes - d->col_byte) take = d->row_bytes - d->col_byte;
      if (d->row_in_crop) row_bytes(d, buf + i, take);
      i += take;
      d->pos += take;
      d->col_byte += take;
      if (d->col_byte == d->row_bytes) {
        d->col_byte = 0;
        if (++d->row == (uint32_t)d->height) {
          flush_rows(d);
          d->phase = PHASE_DONE;
          return d->status = PD_OK;
        }
      }
    } else {
      break;
    }
  }
  return d->status;
}

int32_t pd_bmp_finish(pd_bmp *d) {
  if (d->status == PD_MORE) d->status = PD_ERR_TRUNCATED;
  return d->status;
}

int32_t pd_preprocess_bmp(const uint8_t *bmp, uint32_t n, uint8_t *out, int32_t *w, int32_t *h) {
  return pd_preprocess_bmp_mode(bmp, n, out, 1u, PD_FIT_CROP, w, h);
}

int32_t pd_preprocess_bmp_mode(const uint8_t *bmp, uint32_t n, uint8_t *out, uint32_t channels, uint32_t fit,
                               int32_t *w, int32_t *h) {
  static pd_bmp d;
  int32_t st;
  pd_bmp_init_mode(&d, out, channels, fit);
  (void)pd_bmp_feed(&d, bmp, n);
  st = pd_bmp_finish(&d);
  if (w != 0) *w = d.width;
  if (h != 0) *h = d.height;
  return st;
}

void pd_quantize(const uint8_t *gray, int8_t *q, uint32_t n, float scale, int32_t zero_point) {
  pd_quantize_norm(gray, q, n, PD_INPUT_MEAN, PD_INPUT_STD, scale, zero_point);
}

void pd_quantize_norm(const uint8_t *px, int8_t *q, uint32_t n, float mean, float std, float scale,
                      int32_t zero_point) {
  uint32_t i;
  const float k = 1.0f / (std * scale);
  for (i = 0; i < n; ++i) {
    float v = ((float)px[i] - mean) * k;
    int32_t iv = (int32_t)(v < 0.0f ? v - 0.5f : v + 0.5f) + zero_point;
    if (iv < -128) iv = -128;
    if (iv > 127) iv = 127;
    q[i] = (int8_t)iv;
  }
}

void pd_scores(const int8_t *out, float scale, int32_t zero_point, float *person, float *no_person) {
  *person = (float)((int32_t)out[PD_CLASS_PERSON] - zero_point) * scale;
  *no_person = (float)((int32_t)out[PD_CLASS_NO_PERSON] - zero_point) * scale;
}

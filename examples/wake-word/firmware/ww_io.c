/* Streaming input for the wake-word firmware; see ww_io.h. */
#include <string.h>

#include "stream_file.h"
#include "ww_io.h"

int ww_open_file(ww_file *f, const char *path) {
  int h;
  memset(f, 0, sizeof *f);
  h = sfile_open(path); /* semihosting under QEMU, stdio on the host, none on hardware */
  if (h < 0) return -1;
  f->handle = h;
  f->kind = 1;
  return 0;
}

void ww_open_mem(ww_file *f, const uint8_t *data, uint32_t n) {
  memset(f, 0, sizeof *f);
  f->kind = 2;
  f->mem = data;
  f->mem_len = n;
}

long ww_read(ww_file *f, void *buf, uint32_t n) {
  if (f->kind == 2) {
    uint32_t left = f->mem_len - f->pos;
    if (n > left) n = left;
    memcpy(buf, f->mem + f->pos, n);
    f->pos += n;
    return (long)n;
  }
  if (f->kind != 1) return -1;
  {
    long got = sfile_read(f->handle, buf, n);
    if (got > 0) f->pos += (uint32_t)got;
    return got;
  }
}

void ww_close(ww_file *f) {
  if (f->kind == 1) sfile_close(f->handle);
  f->kind = 0;
}

static int read_exact(ww_file *f, uint8_t *buf, uint32_t n) {
  uint32_t got = 0;
  while (got < n) {
    long r = ww_read(f, buf + got, n - got);
    if (r <= 0) return 0;
    got += (uint32_t)r;
  }
  return 1;
}

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

const char *ww_wav_begin(ww_file *f, ww_wav_info *info) {
  uint8_t b[40];
  int have_fmt = 0;
  memset(info, 0, sizeof *info);
  if (!read_exact(f, b, 12) || memcmp(b, "RIFF", 4) != 0 || memcmp(b + 8, "WAVE", 4) != 0) {
    return "not a WAV file (no RIFF/WAVE header)";
  }
  for (;;) {
    uint32_t size, pad;
    if (!read_exact(f, b, 8)) return have_fmt ? "WAV file has no data chunk" : "WAV file has no fmt chunk";
    size = le32(b + 4);
    pad = size & 1u;
    if (memcmp(b, "fmt ", 4) == 0) {
      uint32_t keep = size < sizeof b ? size : (uint32_t)sizeof b;
      if (size < 16 || !read_exact(f, b, keep)) return "WAV fmt chunk is truncated";
      info->format = le16(b);
      info->channels = le16(b + 2);
      info->sample_rate = le32(b + 4);
      info->bits = le16(b + 14);
      if (info->format == 0xFFFEu) { /* WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts at 24 */
        if (size < 40) return "WAV fmt chunk is truncated";
        info->format = le16(b + 24);
      }
      size -= keep;
      have_fmt = 1;
    } else if (memcmp(b, "data", 4) == 0) {
      if (!have_fmt) return "WAV data chunk comes before the fmt chunk";
      info->data_bytes = size;
      if (info->format != 1u) return "WAV is not integer PCM";
      if (info->channels != 1u) return "WAV is not mono";
      if (info->bits != 16u) return "WAV is not 16-bit";
      if (info->sample_rate != 16000u) return "WAV sample rate is not 16000 Hz";
      return NULL;
    }
    /* Skip the rest of this chunk (and its pad byte). */
    size += pad;
    while (size > 0) {
      uint32_t n = size < sizeof b ? size : (uint32_t)sizeof b;
      if (!read_exact(f, b, n)) return "WAV file is truncated";
      size -= n;
    }
  }
}

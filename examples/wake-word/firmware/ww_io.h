/*
 * Streaming input for the wake-word firmware: reads a host file in pieces (Arm semihosting under
 * QEMU, stdio on the host: ../../common/stream_file.c) or a byte array compiled into the
 * firmware, and parses a WAV header.
 * port_read_file() reads a whole file at once; a long recording does not fit in RAM, so the
 * firmware reads it 20 ms at a time through these functions instead.
 */
#ifndef WW_IO_H
#define WW_IO_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  int kind;            /* 0 closed, 1 host file, 2 memory */
  int handle;          /* host file (stream_file.h) */
  const uint8_t *mem;  /* memory source */
  uint32_t mem_len;
  uint32_t pos;
} ww_file;

typedef struct {
  uint32_t sample_rate;
  uint16_t channels;
  uint16_t bits;
  uint16_t format;     /* 1 = PCM (also for WAVE_FORMAT_EXTENSIBLE with a PCM sub-format) */
  uint32_t data_bytes; /* size of the data chunk as stated (may exceed the file for streamed WAVs) */
} ww_wav_info;

/* Opens a host file; 0 on success, -1 when it cannot be opened (or this build has no files). */
int ww_open_file(ww_file *f, const char *path);
void ww_open_mem(ww_file *f, const uint8_t *data, uint32_t n);
/* Reads up to n bytes; returns the count (0 at the end of the file) or -1 on an error. */
long ww_read(ww_file *f, void *buf, uint32_t n);
void ww_close(ww_file *f);

/* Reads the RIFF/WAVE header up to the start of the data chunk. Returns NULL when the file is a
 * 16 kHz, 16-bit, mono PCM WAV (info filled in), else a message saying what is wrong. */
const char *ww_wav_begin(ww_file *f, ww_wav_info *info);

#endif /* WW_IO_H */

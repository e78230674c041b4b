/* Chunked host-file reading: see stream_file.h. */
#include "stream_file.h"

#include <stdint.h>
#include <string.h>

#if defined(PORT_QEMU_CMSDK)

#define SH_SYS_OPEN 0x01
#define SH_SYS_CLOSE 0x02
#define SH_SYS_READ 0x06

static int sh_call(int op, void *arg) {
  register int r0 __asm("r0") = op;
  register void *r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

int sfile_open(const char *path) {
  uint32_t args[3];
  int fd;
  args[0] = (uint32_t)(uintptr_t)path;
  args[1] = 1u; /* "rb" */
  args[2] = (uint32_t)strlen(path);
  fd = sh_call(SH_SYS_OPEN, args);
  return fd < 0 ? -1 : fd;
}

long sfile_read(int handle, void *buf, size_t n) {
  uint32_t args[3];
  int left;
  if (handle < 0) return -1;
  if (n == 0) return 0;
  args[0] = (uint32_t)handle;
  args[1] = (uint32_t)(uintptr_t)buf;
  args[2] = (uint32_t)n;
  left = sh_call(SH_SYS_READ, args); /* the number of bytes NOT read */
  if (left < 0 || (size_t)left > n) return -1;
  return (long)(n - (size_t)left);
}

void sfile_close(int handle) {
  uint32_t args[1];
  if (handle < 0) return;
  args[0] = (uint32_t)handle;
  (void)sh_call(SH_SYS_CLOSE, args);
}

#elif defined(PORT_HOST)

#include <stdio.h>

#define SFILE_MAX 4
static FILE *sfile_files[SFILE_MAX];

int sfile_open(const char *path) {
  int i;
  for (i = 0; i < SFILE_MAX; ++i) {
    if (sfile_files[i] == NULL) {
      sfile_files[i] = fopen(path, "rb");
      return sfile_files[i] != NULL ? i : -1;
    }
  }
  return -1;
}

long sfile_read(int handle, void *buf, size_t n) {
  size_t got;
  if (handle < 0 || handle >= SFILE_MAX || sfile_files[handle] == NULL) return -1;
  got = fread(buf, 1, n, sfile_files[handle]);
  if (got < n && ferror(sfile_files[handle])) return -1;
  return (long)got;
}

void sfile_close(int handle) {
  if (handle < 0 || handle >= SFILE_MAX || sfile_files[handle] == NULL) return;
  fclose(sfile_files[handle]);
  sfile_files[handle] = NULL;
}

#else

int sfile_open(const char *path) {
  (void)path;
  return -1;
}

long sfile_read(int handle, void *buf, size_t n) {
  (void)handle;
  (void)buf;
  (void)n;
  return -1;
}

void sfile_close(int handle) { (void)handle; }

#endif

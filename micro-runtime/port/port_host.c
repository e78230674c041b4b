/*
 * tinyml port for the host C compiler (the `host` pseudo-board): stdout console, a nanosecond
 * clock, stdio file I/O and the real command line. The host build's main() hands argc/argv over
 * with port_host_set_args().
 */
#if defined(PORT_HOST)

#define _POSIX_C_SOURCE 199309L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "port.h"

void port_host_set_args(int argc, char **argv);

static int host_argc;
static char **host_argv;

void port_host_set_args(int argc, char **argv) {
  host_argc = argc;
  host_argv = argv;
}

void port_init(void) {}

void port_write(const char *s, size_t n) {
  fwrite(s, 1, n, stdout);
  fflush(stdout);
}

uint32_t port_cycles(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint32_t)((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

const char *port_cycles_unit(void) { return "ns"; }

void port_exit(int code) {
  fflush(stdout);
  exit(code);
}

long port_stack_used(int *overflow) {
  if (overflow != NULL) *overflow = 0;
  return -1;
}

long port_read_file(const char *path, void *buf, size_t n) {
  FILE *f = fopen(path, "rb");
  long len;
  size_t want;
  if (f == NULL) return -1;
  if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return -1;
  }
  want = (size_t)len < n ? (size_t)len : n;
  if (fread(buf, 1, want, f) != want) len = -1;
  fclose(f);
  return len;
}

long port_write_file(const char *path, const void *buf, size_t n) {
  FILE *f = fopen(path, "wb");
  size_t done;
  if (f == NULL) return -1;
  done = fwrite(buf, 1, n, f);
  if (fclose(f) != 0 || done != n) return -1;
  return (long)n;
}

int port_get_cmdline(char *buf, size_t n) {
  size_t len = 0;
  int i;
  if (buf == NULL || n == 0) return 0;
  buf[0] = '\0';
  for (i = 0; i < host_argc; ++i) {
    size_t a = strlen(host_argv[i]);
    if (len + a + 2 > n) {
      buf[0] = '\0';
      return 0;
    }
    if (i > 0) buf[len++] = ' ';
    memcpy(buf + len, host_argv[i], a);
    len += a;
    buf[len] = '\0';
  }
  return (int)len;
}

#endif /* PORT_HOST */

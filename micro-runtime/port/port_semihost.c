/*
 * tinyml port: semihosting for the QEMU builds (PORT_QEMU_CMSDK on Arm, PORT_QEMU_RISCV on
 * RISC-V): the app's --input/--output files, its command line and its exit code, through QEMU's
 * `-semihosting-config enable=on,target=native`. The operations and their parameter blocks are
 * the same on both architectures; only the trap differs (bkpt 0xAB on Arm, the marked ebreak on
 * RISC-V).
 */
#if defined(PORT_QEMU_CMSDK) || defined(PORT_QEMU_RISCV)

#include <stdint.h>
#include <string.h>

#include "port.h"

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_FLEN 0x0C
#define SYS_GET_CMDLINE 0x15
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* One semihosting call: the operation in r0/a0, the address of its parameter block in r1/a1,
 * the result back in r0/a0. */
static int semihost(int op, void *arg) {
#if defined(__riscv)
  /* RISC-V: an ebreak between two marker instructions (slli zero, zero, 0x1f / srai zero, zero,
   * 7), uncompressed and within one page (the 16-byte alignment keeps the three in one). */
  register long a0 __asm("a0") = op;
  register void *a1 __asm("a1") = arg;
  __asm volatile(".option push\n\t.option norvc\n\t.balign 16\n\t"
                 "slli zero, zero, 0x1f\n\tebreak\n\tsrai zero, zero, 7\n\t.option pop"
                 : "+r"(a0)
                 : "r"(a1)
                 : "memory");
  return (int)a0;
#else
  register int r0 __asm("r0") = op;
  register void *r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
#endif
}

static int sh_open(const char *path, int mode) {
  uint32_t args[3];
  args[0] = (uint32_t)(uintptr_t)path;
  args[1] = (uint32_t)mode; /* 1 = "rb", 5 = "wb" */
  args[2] = (uint32_t)strlen(path);
  return semihost(SYS_OPEN, args);
}

static void sh_close(int fd) {
  uint32_t args[1];
  args[0] = (uint32_t)fd;
  (void)semihost(SYS_CLOSE, args);
}

long port_read_file(const char *path, void *buf, size_t n) {
  uint32_t args[3];
  int fd = sh_open(path, 1);
  long len;
  size_t want;
  if (fd < 0) return -1;
  args[0] = (uint32_t)fd;
  len = semihost(SYS_FLEN, args);
  if (len < 0) {
    sh_close(fd);
    return -1;
  }
  want = (size_t)len < n ? (size_t)len : n;
  args[0] = (uint32_t)fd;
  args[1] = (uint32_t)(uintptr_t)buf;
  args[2] = (uint32_t)want;
  if (want > 0 && semihost(SYS_READ, args) != 0) len = -1; /* returns the bytes NOT read */
  sh_close(fd);
  return len;
}

long port_write_file(const char *path, const void *buf, size_t n) {
  uint32_t args[3];
  int fd = sh_open(path, 5);
  int left;
  if (fd < 0) return -1;
  args[0] = (uint32_t)fd;
  args[1] = (uint32_t)(uintptr_t)buf;
  args[2] = (uint32_t)n;
  left = semihost(SYS_WRITE, args); /* returns the bytes NOT written */
  sh_close(fd);
  return left == 0 ? (long)n : -1;
}

int port_get_cmdline(char *buf, size_t n) {
  uint32_t args[2];
  if (buf == 0 || n == 0) return 0;
  args[0] = (uint32_t)(uintptr_t)buf;
  args[1] = (uint32_t)n;
  if (semihost(SYS_GET_CMDLINE, args) != 0) {
    buf[0] = '\0';
    return 0;
  }
  buf[n - 1] = '\0';
  return (int)strlen(buf);
}

void port_exit(int code) {
  uint32_t args[2];
  args[0] = ADP_STOPPED_APPLICATION_EXIT;
  args[1] = (uint32_t)code;
  (void)semihost(SYS_EXIT_EXTENDED, args);
  /* Not reached under QEMU; fall back to the plain exit, then halt. */
  (void)semihost(SYS_EXIT, (void *)(uintptr_t)ADP_STOPPED_APPLICATION_EXIT);
  for (;;) {
  }
}

#endif /* PORT_QEMU_CMSDK || PORT_QEMU_RISCV */

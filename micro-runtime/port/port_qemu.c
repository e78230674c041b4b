/*
 * tinyml port for QEMU's Arm MPS2/MPS3 machines (mps2-an385/an386/an500/an505, mps3-an547).
 *
 * Console: CMSDK APB UART (DATA 0x00, STATE 0x04 bit0 TX full, CTRL 0x08 bit0 TX enable,
 * BAUDDIV 0x10). QEMU prints a byte once TX is enabled; the baud divisor only has to be valid.
 *
 * Counter: SysTick on the processor clock with the largest reload and an overflow interrupt, so
 * it never wraps within a run. Under `-icount shift=0` every instruction takes 1 ns of virtual
 * time, so one tick is 1e9 / PORT_SYSTICK_HZ instructions; the build passes that ratio as
 * PORT_INSNS_PER_TICK_NUM >> PORT_INSNS_PER_TICK_SHIFT (e.g. 40 >> 0 for the 25 MHz MPS2 clock,
 * 125 >> 2 for the 32 MHz AN547 one). The count is exact to one tick and repeatable run to run.
 * (DWT CYCCNT reads 0 in QEMU, hence SysTick.)
 *
 * Host I/O and exit codes: Arm semihosting (`-semihosting-config enable=on,target=native`).
 */
#if defined(PORT_QEMU_CMSDK)

#include <stdint.h>
#include <string.h>

#include "port.h"
#include "port_internal.h"

#ifndef PORT_UART_BASE
#define PORT_UART_BASE 0x40004000u /* MPS2 UART0 */
#endif

#define UART_DATA (PORT_UART_BASE + 0x00u)
#define UART_STATE (PORT_UART_BASE + 0x04u)
#define UART_CTRL (PORT_UART_BASE + 0x08u)
#define UART_BAUDDIV (PORT_UART_BASE + 0x10u)

void port_init(void) {
  PORT_REG32(UART_BAUDDIV) = 16u;
  PORT_REG32(UART_CTRL) = 1u; /* TX enable */
  port_counter_start();     /* SysTick, port_common.c */
}

void port_write(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) {
    while (PORT_REG32(UART_STATE) & 1u) {
    }
    PORT_REG32(UART_DATA) = (uint8_t)s[i];
  }
}

const char *port_cycles_unit(void) { return "instructions"; }

/* ---- semihosting ---- */

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_FLEN 0x0C
#define SYS_GET_CMDLINE 0x15
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihost(int op, void *arg) {
  register int r0 __asm("r0") = op;
  register void *r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
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

#endif /* PORT_QEMU_CMSDK */

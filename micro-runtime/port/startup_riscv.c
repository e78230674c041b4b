/*
 * tinyml start-up code for bare-metal RISC-V builds (PORT_FE310, PORT_QEMU_RISCV), machine mode
 * only.
 *
 * _start is the first code of the image (section .text.start, placed first by the linker script):
 * the HiFive1 Rev B boot loader and QEMU sifive_e (revb=true) jump to 0x20010000, QEMU virt
 * without firmware to 0x80000000. It sets gp (__global_pointer$, for the linker's gp-relative
 * relaxation), sp (__stack_top), mtvec (port_trap_entry, direct mode) and turns interrupts off,
 * then port_reset copies .data, zeroes .bss, paints the unused stack with PORT_STACK_PAINT (for
 * port_stack_used) and runs main and port_exit(status).
 *
 * The linker script provides: __data_load, __data_start, __data_end, __bss_start, __bss_end,
 * __stack_limit, __stack_top and __global_pointer$. The stack sits at the bottom of RAM, so an
 * overflow runs off the start of RAM and traps instead of silently corrupting static data.
 *
 * Any trap (nothing is expected: no interrupt is enabled, and the app makes no ecall) prints
 * `tinyml: error fault (mcause N, mepc 0x...)` and exits with code 3, on a fresh stack: the trap
 * may be a stack overflow.
 */
#if defined(PORT_FE310) || defined(PORT_QEMU_RISCV)

#include <stdint.h>

#include "port.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_limit[], __stack_top[];

int main(void);
void port_reset(void) __attribute__((noreturn, used));
void port_trap(void) __attribute__((noreturn, used));

__asm__(
    "  .pushsection .text.start, \"ax\", @progbits\n"
    "  .globl _start\n"
    "_start:\n"
    "  .option push\n"
    "  .option norelax\n"
    "  la gp, __global_pointer$\n"
    "  .option pop\n"
    "  la sp, __stack_top\n"
    "  csrw mie, zero\n"
    "  csrci mstatus, 8\n"
    "  la t0, port_trap_entry\n"
    "  csrw mtvec, t0\n"
    "  j port_reset\n"
    "  .balign 4\n"
    "port_trap_entry:\n"
    "  la sp, __stack_top\n"
    "  j port_trap\n"
    "  .popsection\n");

static void out(const char *s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  port_write(s, n);
}

static void out_hex(uint32_t v) {
  static const char digits[] = "0123456789abcdef";
  char b[10];
  int i;
  b[0] = '0';
  b[1] = 'x';
  for (i = 0; i < 8; ++i) b[2 + i] = digits[(v >> (28 - 4 * i)) & 0xFu];
  port_write(b, sizeof b);
}

void port_trap(void) {
  uint32_t cause, epc, tval;
  __asm volatile("csrr %0, mcause" : "=r"(cause));
  __asm volatile("csrr %0, mepc" : "=r"(epc));
  __asm volatile("csrr %0, mtval" : "=r"(tval));
  out((cause & 0x80000000u) != 0 ? "tinyml: error unexpected interrupt (mcause " : "tinyml: error fault (mcause ");
  out_hex(cause);
  out(", mepc ");
  out_hex(epc);
  out(", mtval ");
  out_hex(tval);
  out(")\n");
  port_exit(3);
}

static inline uint32_t *current_sp(void) {
  uint32_t *sp;
  __asm volatile("mv %0, sp" : "=r"(sp));
  return sp;
}

void port_reset(void) {
  uint32_t *dst;
  const uint32_t *src;
  uint32_t *paint_end;

  for (src = __data_load, dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (dst = __bss_start; dst < __bss_end;) *dst++ = 0;

  /* Paint the unused stack, leaving a margin below the current frame. */
  paint_end = current_sp() - 16;
  for (dst = __stack_limit; dst < paint_end;) *dst++ = PORT_STACK_PAINT;

  port_exit(main());
}

#endif /* PORT_FE310 || PORT_QEMU_RISCV */

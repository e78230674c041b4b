/*
 * tinyml port for RISC-V: the SiFive FE310-G002 of the HiFive1 Rev B (PORT_FE310) and QEMU's
 * RISC-V machines (PORT_QEMU_RISCV: sifive_e as the HiFive1 stand-in, virt as a generic rv32
 * target). Start-up and the trap handler are in startup_riscv.c.
 *
 * Console:
 *   SiFive UART (FE310 UART0 at 0x10013000; QEMU sifive_e models the same one): txdata 0x00
 *   (bit 31 = FIFO full, write the byte), txctrl 0x08 (bit 0 txen), div 0x18 (baud =
 *   clock / (div + 1)). On the FE310 the pins are GPIO 16 (RX) and 17 (TX) on IOF0 (GPIO
 *   iof_en 0x38, iof_sel 0x3C at 0x10012000).
 *   16550 (PORT_UART_NS16550, QEMU virt's serial at 0x10000000): THR 0x00, LCR 0x03 (8N1 = 3),
 *   LSR 0x05 (bit 5 = THR empty); byte registers.
 *
 * Clock (FE310): the core runs from the 16 MHz crystal (HFXOSC) with the PLL bypassed, as
 * Zephyr's HiFive1 Rev B board does; UART div = 16e6 / 115200 - 1 = 138 (115,108 baud, -0.08%).
 * PRCI at 0x10008000: hfrosccfg 0x00, hfxosccfg 0x04 (bit 30 enable, bit 31 ready), pllcfg 0x08
 * (bit 16 pllsel, 17 pllrefsel, 18 pllbypass), plloutdiv 0x0C (bit 8 divide by 1). The waits
 * are bounded: an emulator that does not model the PRCI (Renode) reads ready bits as 0.
 *
 * Counter: mcycle on the FE310 (core clock cycles); minstret under QEMU, which with
 * `-icount shift=0` counts retired instructions exactly (the CSR read ends QEMU's translation
 * block, so the count is exact to the instruction and the same on every run).
 *
 * Exit: semihosting under QEMU (port_semihost.c, which also does the file I/O); on the FE310 a
 * wfi loop with interrupts off.
 */
#if defined(PORT_FE310) || defined(PORT_QEMU_RISCV)

#include <stdint.h>

#include "port.h"
#include "port_internal.h"

#ifndef PORT_UART_BASE
#define PORT_UART_BASE 0x10013000u /* FE310 UART0 */
#endif

#define PORT_REG8(addr) (*(volatile uint8_t *)(addr))

#if defined(PORT_UART_NS16550)

#define UART_THR (PORT_UART_BASE + 0x00u)
#define UART_LCR (PORT_UART_BASE + 0x03u)
#define UART_LSR (PORT_UART_BASE + 0x05u)

static void uart_init(void) { PORT_REG8(UART_LCR) = 3u; /* 8 data bits, no parity, 1 stop bit */ }

static void uart_putc(uint8_t c) {
  while ((PORT_REG8(UART_LSR) & 0x20u) == 0) {
  }
  PORT_REG8(UART_THR) = c;
}

#else /* SiFive UART */

#define UART_TXDATA (PORT_UART_BASE + 0x00u)
#define UART_TXCTRL (PORT_UART_BASE + 0x08u)
#define UART_DIV (PORT_UART_BASE + 0x18u)

#if defined(PORT_FE310)
#define PRCI_HFXOSCCFG 0x10008004u
#define PRCI_PLLCFG 0x10008008u
#define PRCI_PLLOUTDIV 0x1000800Cu
#define PLL_SEL (1u << 16)
#define PLL_REFSEL (1u << 17)
#define PLL_BYPASS (1u << 18)
#define GPIO_IOF_EN 0x10012038u
#define GPIO_IOF_SEL 0x1001203Cu
#define UART0_PINS ((1u << 16) | (1u << 17))
#define PORT_WAIT_LIMIT 1000000u

static void clock_init(void) {
  uint32_t n;
  PORT_REG32(PRCI_PLLCFG) &= ~PLL_SEL; /* run from the internal oscillator while switching */
  PORT_REG32(PRCI_HFXOSCCFG) |= 1u << 30;
  for (n = 0; n < PORT_WAIT_LIMIT && (PORT_REG32(PRCI_HFXOSCCFG) & (1u << 31)) == 0; ++n) {
  }
  PORT_REG32(PRCI_PLLCFG) |= PLL_REFSEL | PLL_BYPASS;
  PORT_REG32(PRCI_PLLOUTDIV) = 1u << 8;
  PORT_REG32(PRCI_PLLCFG) |= PLL_SEL; /* hfclk = HFXOSC, 16 MHz */
}
#endif

static void uart_init(void) {
#if defined(PORT_FE310)
  clock_init();
  PORT_REG32(GPIO_IOF_SEL) &= ~UART0_PINS; /* IOF0 = UART0 */
  PORT_REG32(GPIO_IOF_EN) |= UART0_PINS;
  PORT_REG32(UART_DIV) = 138u; /* 16 MHz / 115200 - 1 */
#endif
  PORT_REG32(UART_TXCTRL) = 1u; /* txen, one stop bit */
}

static void uart_putc(uint8_t c) {
  while ((PORT_REG32(UART_TXDATA) & 0x80000000u) != 0) {
  }
  PORT_REG32(UART_TXDATA) = c;
}

#endif

void port_init(void) { uart_init(); }

void port_write(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) uart_putc((uint8_t)s[i]);
}

#if defined(PORT_QEMU_RISCV)

uint32_t port_cycles(void) {
  uint32_t v;
  __asm volatile("csrr %0, minstret" : "=r"(v));
  return v;
}

const char *port_cycles_unit(void) { return "instructions"; }

#else /* PORT_FE310 */

uint32_t port_cycles(void) {
  uint32_t v;
  __asm volatile("csrr %0, mcycle" : "=r"(v));
  return v;
}

const char *port_cycles_unit(void) { return "cycles"; }

void port_exit(int code) {
  (void)code;
  __asm volatile("csrci mstatus, 8" ::: "memory"); /* MIE off */
  for (;;) {
    __asm volatile("wfi");
  }
}

#endif

#endif /* PORT_FE310 || PORT_QEMU_RISCV */

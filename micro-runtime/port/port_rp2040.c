/*
 * tinyml port for the Raspberry Pi Pico (RP2040): UART0 console on GP0, SysTick cycle counter
 * (the Cortex-M0+ has no DWT CYCCNT), and a minimal second-stage boot loader.
 *
 * Clocks: the 12 MHz crystal oscillator is started and becomes clk_ref (so clk_sys = 12 MHz; the
 * PLL is not set up) and clk_peri. UART0 (ARM PL011) runs at 115200 baud from clk_peri:
 * 12e6 / (16 * 115200) = 6.51 -> IBRD 6, FBRD 33.
 * Registers (RP2040 datasheet): RESETS 0x4000C000 (RESET 0x0, RESET_DONE 0x8; io_bank0 bit 5,
 * pads_bank0 bit 8, uart0 bit 22; +0x3000 is the atomic-clear alias), CLOCKS 0x40008000
 * (CLK_REF_CTRL 0x30, CLK_REF_SELECTED 0x38, CLK_PERI_CTRL 0x48), XOSC 0x40024000 (CTRL 0x00,
 * STATUS 0x04, STARTUP 0x0C), IO_BANK0 0x40014000 (GPIO0_CTRL 0x04, FUNCSEL 2 = UART),
 * UART0 0x40034000 (DR 0x00, FR 0x18, IBRD 0x24, FBRD 0x28, LCR_H 0x2C, CR 0x30).
 *
 * Boot: the boot ROM copies the first 256 bytes of flash to SRAM, checks their CRC-32 (MPEG-2
 * parameters: polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no final XOR) in
 * the last word, and runs them. This boot2 is written for tinyml (not taken from the Pico SDK):
 *
 *     movs r3, #0x18 ; ldrh r3, [r3]      @ rom_table_lookup (16-bit pointer at 0x18)
 *     movs r0, #0x14 ; ldrh r0, [r0]      @ public function table (16-bit pointer at 0x14)
 *     ldr  r1, =0x5843 ; blx r3           @ look up 'C','X': flash_enter_cmd_xip
 *     blx  r0                             @ XIP with plain 03h serial reads (slow, universal)
 *     ldr  r0, =0x10000100                @ the vector table follows boot2
 *     ldr  r1, =0xE000ED08 ; str r0, [r1] @ VTOR
 *     ldmia r0!, {r1, r2} ; msr msp, r1 ; bx r2
 *
 * The words below are that code assembled by arm-none-eabi-as, zero padded to 252 bytes, and
 * followed by its CRC (test/port.test.ts recomputes it). XIP with 03h reads is slow; cycle
 * counts from flash-resident code include those stalls.
 */
#if defined(PORT_RP2040)

#include <stdint.h>

#include "port.h"
#include "port_internal.h"

__attribute__((section(".boot2"), used)) const uint32_t port_rp2040_boot2[64] = {
    0x881B2318u, 0x88002014u, 0x47984904u, 0x48044780u,
    0x60084904u, 0xF381C806u, 0x47108808u, 0x00005843u,
    0x10000100u, 0xE000ED08u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
    0x00000000u, 0x00000000u, 0x00000000u, 0xFC6B198Bu,
};

#define RESETS_BASE 0x4000C000u
#define RESETS_RESET (RESETS_BASE + 0x0u)
#define RESETS_RESET_CLR (RESETS_BASE + 0x3000u + 0x0u)
#define RESETS_DONE (RESETS_BASE + 0x8u)
#define RESET_BITS ((1u << 5) | (1u << 8) | (1u << 22)) /* io_bank0, pads_bank0, uart0 */

#define XOSC_BASE 0x40024000u
#define XOSC_CTRL (XOSC_BASE + 0x00u)
#define XOSC_STATUS (XOSC_BASE + 0x04u)
#define XOSC_STARTUP (XOSC_BASE + 0x0Cu)

#define CLOCKS_BASE 0x40008000u
#define CLK_REF_CTRL (CLOCKS_BASE + 0x30u)
#define CLK_REF_SELECTED (CLOCKS_BASE + 0x38u)
#define CLK_PERI_CTRL (CLOCKS_BASE + 0x48u)

#define IO_BANK0_GPIO0_CTRL 0x40014004u

#define UART0_BASE 0x40034000u
#define UART_DR (UART0_BASE + 0x00u)
#define UART_FR (UART0_BASE + 0x18u)
#define UART_IBRD (UART0_BASE + 0x24u)
#define UART_FBRD (UART0_BASE + 0x28u)
#define UART_LCR_H (UART0_BASE + 0x2Cu)
#define UART_CR (UART0_BASE + 0x30u)

void port_init(void) {
  /* 12 MHz crystal: range 1-15 MHz, start-up delay 47 * 256 cycles (~1 ms), then enable. */
  PORT_REG32(XOSC_CTRL) = 0xAA0u;
  PORT_REG32(XOSC_STARTUP) = 47u;
  PORT_REG32(XOSC_CTRL) = (0xFABu << 12) | 0xAA0u;
  while ((PORT_REG32(XOSC_STATUS) & (1u << 31)) == 0) {
  }
  /* clk_ref <- XOSC (glitchless mux, source 2); clk_sys stays on clk_ref. */
  PORT_REG32(CLK_REF_CTRL) = 2u;
  while ((PORT_REG32(CLK_REF_SELECTED) & (1u << 2)) == 0) {
  }
  /* clk_peri <- XOSC (aux source 4), enabled. */
  PORT_REG32(CLK_PERI_CTRL) = (1u << 11) | (4u << 5);

  PORT_REG32(RESETS_RESET_CLR) = RESET_BITS;
  while ((PORT_REG32(RESETS_DONE) & RESET_BITS) != RESET_BITS) {
  }

  PORT_REG32(UART_CR) = 0;
  PORT_REG32(UART_IBRD) = 6u;
  PORT_REG32(UART_FBRD) = 33u;
  PORT_REG32(UART_LCR_H) = (3u << 5) | (1u << 4); /* 8 bits, FIFOs on (also latches the divisor) */
  PORT_REG32(UART_CR) = (1u << 0) | (1u << 8);     /* UARTEN | TXE */
  PORT_REG32(IO_BANK0_GPIO0_CTRL) = 2u;            /* GP0 = UART0 TX */

  port_counter_start(); /* SysTick on the processor clock (port_common.c) */
}

static void console_putc(char c) {
  while (PORT_REG32(UART_FR) & (1u << 5)) { /* TXFF */
  }
  PORT_REG32(UART_DR) = (uint8_t)c;
}

void port_write(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) {
    if (s[i] == '\n') console_putc('\r');
    console_putc(s[i]);
  }
}

#endif /* PORT_RP2040 */

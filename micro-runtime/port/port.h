/*
 * tinyml port layer: the few things the application needs from a board.
 *
 * One implementation is compiled per build variant, selected by a PORT_* macro:
 *   PORT_QEMU_CMSDK   QEMU MPS2/MPS3 machines (CMSDK UART, SysTick instruction counter,
 *                     semihosting file I/O and exit codes)
 *   PORT_QEMU_RISCV   QEMU RISC-V machines sifive_e and virt (SiFive or 16550 UART, minstret
 *                     instruction counter, semihosting file I/O and exit codes)
 *   PORT_FE310        SiFive FE310-G002 (HiFive1 Rev B): UART0, mcycle cycle counter
 *   PORT_NRF52840     nRF52840 (UARTE0), DWT cycle counter
 *   PORT_NRF5340_APP  nRF5340 application core (UARTE0, secure alias), DWT cycle counter
 *   PORT_STM32F1 / PORT_STM32F7 / PORT_STM32L4R  STM32 U(S)ART console, DWT cycle counter
 *   PORT_RP2040       RP2040 UART0, SysTick cycle counter (Cortex-M0+ has no DWT CYCCNT)
 *   PORT_ARDUINO      Arduino core (Serial1), used by the PlatformIO build
 *   PORT_HOST         the host C library (stdio, clock_gettime)
 * Every port .c file is wrapped in its macro, so a build can compile every port .c file.
 */
#ifndef TINYML_PORT_H
#define TINYML_PORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Console and counter set-up. Call once, first thing in main. */
void port_init(void);

/* Writes n bytes to the console (blocking). */
void port_write(const char *s, size_t n);

/* A free-running counter: CPU cycles (DWT CYCCNT, SysTick on the processor clock, or mcycle on
 * RISC-V) on hardware, retired instructions under QEMU -icount shift=0 (40 per SysTick tick of
 * the 25 MHz MPS2 reference; minstret on RISC-V). Differences of two readings are valid across
 * 32-bit wrap. */
uint32_t port_cycles(void);

/* "cycles", "instructions" or "ns": what port_cycles() counts. */
const char *port_cycles_unit(void);

/* Ends the program with an exit code: semihosting exit in QEMU, exit() on the host, a halt
 * loop on hardware. Does not return. */
void port_exit(int code) __attribute__((noreturn));

/* Peak stack use in bytes since reset, measured by the start-up code painting the stack region
 * with PORT_STACK_PAINT and scanning for the deepest overwritten word; -1 when unknown (host,
 * Arduino). Sets *overflow to 1 when the lowest word of the region was overwritten. */
long port_stack_used(int *overflow);

/* Host file I/O (semihosting under QEMU, stdio on the host). Unavailable on hardware, where
 * they return -1 / 0.
 * port_read_file: reads up to n bytes of the file into buf; returns the file's full length
 * (which may differ from n) or -1 when it cannot be opened. */
long port_read_file(const char *path, void *buf, size_t n);
/* port_write_file: creates/truncates the file and writes n bytes; returns n or -1. */
long port_write_file(const char *path, const void *buf, size_t n);
/* port_get_cmdline: copies the program's command line ("prog arg1 arg2 ...", NUL-terminated)
 * into buf; returns its length, or 0 when there is none (hardware) or it does not fit. */
int port_get_cmdline(char *buf, size_t n);

/* The word the start-up code paints the stack with. */
#define PORT_STACK_PAINT 0xC0FFEE5Au

#ifdef __cplusplus
}
#endif

#endif /* TINYML_PORT_H */

/* tinyml port: pieces shared by the bare-metal ports (stack measurement, cycle counters, exit,
 * and the file-I/O stubs for hardware). */
#include <stdint.h>

#include "port.h"
#include "port_internal.h"

#if !defined(PORT_HOST) && !defined(PORT_ARDUINO)

extern uint32_t __stack_limit[], __stack_top[];

long port_stack_used(int *overflow) {
  const uint32_t *p = __stack_limit;
  while (p < __stack_top && *p == PORT_STACK_PAINT) ++p;
  if (overflow != 0) *overflow = (p == __stack_limit);
  return (long)((const char *)__stack_top - (const char *)p);
}

#endif

#if defined(PORT_QEMU_CMSDK) || defined(PORT_RP2040)

/* SysTick on the processor clock: the largest reload plus an overflow interrupt that counts
 * wraps, so the count never wraps within a run. Each tick is worth PORT_INSNS_PER_TICK_NUM >>
 * PORT_INSNS_PER_TICK_SHIFT units: 1 >> 0 on the RP2040 (cycles); under QEMU see port_qemu.c. */
#ifndef PORT_INSNS_PER_TICK_NUM
#if defined(PORT_QEMU_CMSDK)
#define PORT_INSNS_PER_TICK_NUM 40u /* MPS2: 25 MHz SysTick clock, 1 ns per instruction */
#else
#define PORT_INSNS_PER_TICK_NUM 1u
#endif
#endif
#ifndef PORT_INSNS_PER_TICK_SHIFT
#define PORT_INSNS_PER_TICK_SHIFT 0u
#endif

#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SYST_RELOAD 0x00FFFFFFu

static volatile uint32_t systick_wraps;

void SysTick_Handler(void) { systick_wraps = systick_wraps + 1u; }

void port_counter_start(void) {
  systick_wraps = 0;
  PORT_REG32(SYST_CSR) = 0;
  PORT_REG32(SYST_RVR) = SYST_RELOAD;
  PORT_REG32(SYST_CVR) = 0;
  PORT_REG32(SYST_CSR) = 7u; /* ENABLE | TICKINT | CLKSOURCE = processor clock */
}

uint32_t port_cycles(void) {
  uint32_t wraps, cvr;
  uint64_t ticks;
  do {
    wraps = systick_wraps;
    cvr = PORT_REG32(SYST_CVR);
  } while (wraps != systick_wraps);
  ticks = ((uint64_t)wraps << 24) + (SYST_RELOAD - (cvr & SYST_RELOAD));
  return (uint32_t)((ticks * PORT_INSNS_PER_TICK_NUM) >> PORT_INSNS_PER_TICK_SHIFT);
}

#endif

#if defined(PORT_NRF52840) || defined(PORT_NRF5340_APP) || defined(PORT_STM32F1) || \
    defined(PORT_STM32F7) || defined(PORT_STM32L4R)

/* DWT cycle counter (Cortex-M3/M4/M7/M33/M55). */
#define DEMCR 0xE000EDFCu
#define DWT_CTRL 0xE0001000u
#define DWT_CYCCNT 0xE0001004u
#define DWT_LAR 0xE0001FB0u

void port_counter_start(void) {
  PORT_REG32(DEMCR) |= 1u << 24; /* TRCENA */
#if defined(PORT_STM32F7)
  PORT_REG32(DWT_LAR) = 0xC5ACCE55u; /* the Cortex-M7 DWT is write-locked after reset */
#endif
  PORT_REG32(DWT_CYCCNT) = 0;
  PORT_REG32(DWT_CTRL) |= 1u; /* CYCCNTENA */
}

uint32_t port_cycles(void) { return PORT_REG32(DWT_CYCCNT); }

#endif

#if defined(PORT_NRF52840) || defined(PORT_NRF5340_APP) || defined(PORT_STM32F1) || \
    defined(PORT_STM32F7) || defined(PORT_STM32L4R) || defined(PORT_RP2040)

const char *port_cycles_unit(void) { return "cycles"; }

/* Hardware: nothing to return to. The output has been written; stop here. */
void port_exit(int code) {
  (void)code;
  __asm volatile("cpsid i" ::: "memory");
  for (;;) {
    __asm volatile("wfi");
  }
}

#endif

#if !defined(PORT_HOST) && !defined(PORT_QEMU_CMSDK) && !defined(PORT_QEMU_RISCV)

/* Hardware has no host file system: no files and no command line. */
long port_read_file(const char *path, void *buf, size_t n) {
  (void)path;
  (void)buf;
  (void)n;
  return -1;
}

long port_write_file(const char *path, const void *buf, size_t n) {
  (void)path;
  (void)buf;
  (void)n;
  return -1;
}

int port_get_cmdline(char *buf, size_t n) {
  if (buf != 0 && n > 0) buf[0] = '\0';
  return 0;
}

#endif

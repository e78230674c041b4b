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
 * Host I/O and exit codes: semihosting (port_semihost.c).
 */
#if defined(PORT_QEMU_CMSDK)

#include <stdint.h>

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

#endif /* PORT_QEMU_CMSDK */

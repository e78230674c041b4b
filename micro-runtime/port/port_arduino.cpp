/*
 * tinyml port for an Arduino core (the PlatformIO build of the nano33 board; framework arduino).
 * The core owns start-up and main(): setup() runs the tinyml application once. The console is
 * the hardware UART Serial1 (Nano 33 BLE: TX on D1 = P1.03), which Renode models as uart0; the
 * USB serial port is not modelled by Renode. The counter is the DWT cycle counter.
 */
#if defined(PORT_ARDUINO)

#if defined(__ARM_ARCH_6M__)
#error "port_arduino.cpp counts cycles with the DWT, which ARMv6-M (Cortex-M0/M0+) does not have"
#endif

#include <Arduino.h>

#include "port.h"

extern "C" int tinyml_main(void);

#define DEMCR (*(volatile uint32_t *)0xE000EDFCu)
#define DWT_CTRL (*(volatile uint32_t *)0xE0001000u)
#define DWT_CYCCNT (*(volatile uint32_t *)0xE0001004u)

extern "C" void port_init(void) {
  Serial1.begin(115200);
  DEMCR |= 1u << 24;
  DWT_CYCCNT = 0;
  DWT_CTRL |= 1u;
}

extern "C" void port_write(const char *s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\n') Serial1.write('\r');
    Serial1.write((uint8_t)s[i]);
  }
}

extern "C" uint32_t port_cycles(void) { return DWT_CYCCNT; }

extern "C" const char *port_cycles_unit(void) { return "cycles"; }

extern "C" void port_exit(int code) {
  (void)code;
  Serial1.flush();
  for (;;) {
    delay(1000);
  }
}

extern "C" long port_stack_used(int *overflow) {
  if (overflow != nullptr) *overflow = 0;
  return -1; /* the framework owns the stack */
}

void setup() { port_exit(tinyml_main()); }

void loop() {}

#endif /* PORT_ARDUINO */

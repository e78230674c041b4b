/*
 * tinyml port for Nordic boards: UARTE console (EasyDMA from a RAM buffer) and the DWT cycle
 * counter.
 *
 *   PORT_NRF52840     Arduino Nano 33 BLE: UARTE0 at 0x40002000, TX on P1.03 (pin D1/TX, the
 *                     board's Serial1). Renode models this block as `uart0` in nrf52840.repl.
 *   PORT_NRF5340_APP  nRF5340 DK, application core (secure): UARTE0 at 0x50008000, TX on P0.20
 *                     (the J-Link virtual COM port).
 *
 * UARTE registers (nRF52840 / nRF5340 product specifications): TASKS_STARTTX 0x008,
 * EVENTS_ENDTX 0x120, ENABLE 0x500 (8 = UARTE), PSEL.RTS/TXD/CTS/RXD 0x508/0x50C/0x510/0x514,
 * BAUDRATE 0x524, TXD.PTR 0x544, TXD.MAXCNT 0x548, CONFIG 0x56C.
 * GPIO registers are given relative to the port's 0x500 offset: OUTSET +0x08, DIRSET +0x18.
 */
#if defined(PORT_NRF52840) || defined(PORT_NRF5340_APP)

#include <stdint.h>

#include "port.h"
#include "port_internal.h"

#if defined(PORT_NRF52840)
#define UARTE_BASE 0x40002000u
#define GPIO_TX_BASE 0x50000800u /* P1 (0x50000300 + 0x500) */
#define TX_PORT 1u
#define TX_PIN 3u
#else
#define UARTE_BASE 0x50008000u
#define GPIO_TX_BASE 0x50842500u /* P0, secure */
#define TX_PORT 0u
#define TX_PIN 20u
#endif

#define UARTE_TASKS_STARTTX (UARTE_BASE + 0x008u)
#define UARTE_EVENTS_ENDTX (UARTE_BASE + 0x120u)
#define UARTE_ENABLE (UARTE_BASE + 0x500u)
#define UARTE_PSEL_RTS (UARTE_BASE + 0x508u)
#define UARTE_PSEL_TXD (UARTE_BASE + 0x50Cu)
#define UARTE_PSEL_CTS (UARTE_BASE + 0x510u)
#define UARTE_PSEL_RXD (UARTE_BASE + 0x514u)
#define UARTE_BAUDRATE (UARTE_BASE + 0x524u)
#define UARTE_TXD_PTR (UARTE_BASE + 0x544u)
#define UARTE_TXD_MAXCNT (UARTE_BASE + 0x548u)
#define UARTE_CONFIG (UARTE_BASE + 0x56Cu)
#define PSEL_DISCONNECTED 0xFFFFFFFFu
#define BAUDRATE_115200 0x01D7E000u

static char tx_buf[64]; /* EasyDMA reads only from data RAM */

void port_init(void) {
  PORT_REG32(GPIO_TX_BASE + 0x08u) = 1u << TX_PIN; /* OUTSET: idle high */
  PORT_REG32(GPIO_TX_BASE + 0x18u) = 1u << TX_PIN; /* DIRSET: output */
  PORT_REG32(UARTE_ENABLE) = 0;
  PORT_REG32(UARTE_PSEL_TXD) = (TX_PORT << 5) | TX_PIN;
  PORT_REG32(UARTE_PSEL_RXD) = PSEL_DISCONNECTED;
  PORT_REG32(UARTE_PSEL_RTS) = PSEL_DISCONNECTED;
  PORT_REG32(UARTE_PSEL_CTS) = PSEL_DISCONNECTED;
  PORT_REG32(UARTE_BAUDRATE) = BAUDRATE_115200;
  PORT_REG32(UARTE_CONFIG) = 0; /* 8N1, no flow control */
  PORT_REG32(UARTE_ENABLE) = 8u;
  port_counter_start();
}

static void flush(size_t len) {
  if (len == 0) return;
  PORT_REG32(UARTE_EVENTS_ENDTX) = 0;
  PORT_REG32(UARTE_TXD_PTR) = (uint32_t)(uintptr_t)tx_buf;
  PORT_REG32(UARTE_TXD_MAXCNT) = (uint32_t)len;
  PORT_REG32(UARTE_TASKS_STARTTX) = 1u;
  while (PORT_REG32(UARTE_EVENTS_ENDTX) == 0) {
  }
  PORT_REG32(UARTE_EVENTS_ENDTX) = 0;
}

void port_write(const char *s, size_t n) {
  size_t i, len = 0;
  for (i = 0; i < n; ++i) {
    if (len + 2 > sizeof tx_buf) {
      flush(len);
      len = 0;
    }
    if (s[i] == '\n') tx_buf[len++] = '\r';
    tx_buf[len++] = s[i];
  }
  flush(len);
}

#endif /* PORT_NRF52840 || PORT_NRF5340_APP */

/*
 * tinyml port for STM32 boards: a polled U(S)ART console and the DWT cycle counter.
 *
 * The core stays on its reset clock (no PLL set-up), so the baud divisors below are computed
 * for that clock; cycle counts do not depend on the clock frequency.
 *
 *   PORT_STM32F1   STM32F103 (Blue Pill): USART1, TX on PA9 (AF push-pull), HSI 8 MHz.
 *                  Registers (RM0008): SR 0x00 (TXE bit 7), DR 0x04, BRR 0x08, CR1 0x0C.
 *   PORT_STM32F7   STM32F746 (32F746GDISCOVERY): USART1, TX on PA9 AF7 (the ST-LINK virtual COM
 *                  port), HSI 16 MHz. Registers (RM0385): CR1 0x00, BRR 0x0C, ISR 0x1C (TXE bit 7),
 *                  TDR 0x28.
 *   PORT_STM32L4R  STM32L4R5 (NUCLEO-L4R5ZI): LPUART1, TX on PG7 AF8 (the ST-LINK virtual COM port),
 *                  MSI 4 MHz. Port G is powered from VDDIO2, which must be declared valid
 *                  (PWR_CR2.IOSV). LPUART BRR = 256 * f / baud (RM0432).
 */
#if defined(PORT_STM32F1) || defined(PORT_STM32F7) || defined(PORT_STM32L4R)

#include <stdint.h>

#include "port.h"
#include "port_internal.h"

#define BAUD 115200u

#if defined(PORT_STM32F1)

#define RCC_APB2ENR 0x40021018u
#define GPIOA_CRH 0x40010804u
#define USART1_BASE 0x40013800u
#define USART_SR (USART1_BASE + 0x00u)
#define USART_DR (USART1_BASE + 0x04u)
#define USART_BRR (USART1_BASE + 0x08u)
#define USART_CR1 (USART1_BASE + 0x0Cu)
#define CLOCK_HZ 8000000u

static void console_init(void) {
  uint32_t crh;
  PORT_REG32(RCC_APB2ENR) |= (1u << 0) | (1u << 2) | (1u << 14); /* AFIO, IOPA, USART1 */
  (void)PORT_REG32(RCC_APB2ENR);
  crh = PORT_REG32(GPIOA_CRH);
  crh &= ~(0xFu << 4);  /* PA9 */
  crh |= 0xBu << 4;     /* MODE = 11 (50 MHz output), CNF = 10 (alternate push-pull) */
  PORT_REG32(GPIOA_CRH) = crh;
  PORT_REG32(USART_BRR) = (CLOCK_HZ + BAUD / 2u) / BAUD;
  PORT_REG32(USART_CR1) = (1u << 13) | (1u << 3); /* UE | TE */
}

static void console_putc(char c) {
  while ((PORT_REG32(USART_SR) & (1u << 7)) == 0) {
  }
  PORT_REG32(USART_DR) = (uint8_t)c;
}

#else /* F7 and L4R: the same U(S)ART v2 register layout */

#if defined(PORT_STM32F7)
#define RCC_BASE 0x40023800u
#define RCC_GPIO_EN (RCC_BASE + 0x30u) /* AHB1ENR */
#define RCC_GPIO_BIT (1u << 0)         /* GPIOA */
#define RCC_UART_EN (RCC_BASE + 0x44u) /* APB2ENR */
#define RCC_UART_BIT (1u << 4)         /* USART1 */
#define GPIO_BASE 0x40020000u          /* GPIOA */
#define TX_PIN 9u
#define TX_AF 7u
#define UART_BASE 0x40011000u          /* USART1 */
#define CLOCK_HZ 16000000u
#define BRR_VALUE ((CLOCK_HZ + BAUD / 2u) / BAUD)
#else
#define RCC_BASE 0x40021000u
#define RCC_GPIO_EN (RCC_BASE + 0x4Cu) /* AHB2ENR */
#define RCC_GPIO_BIT (1u << 6)         /* GPIOG */
#define RCC_UART_EN (RCC_BASE + 0x5Cu) /* APB1ENR2 */
#define RCC_UART_BIT (1u << 0)         /* LPUART1 */
#define RCC_APB1ENR1 (RCC_BASE + 0x58u)
#define RCC_PWREN_BIT (1u << 28)
#define PWR_CR2 0x40007004u
#define PWR_CR2_IOSV (1u << 9)
#define GPIO_BASE 0x48001800u          /* GPIOG */
#define TX_PIN 7u
#define TX_AF 8u
#define UART_BASE 0x40008000u          /* LPUART1 */
#define CLOCK_HZ 4000000u
#define BRR_VALUE ((uint32_t)(((uint64_t)CLOCK_HZ * 256u + BAUD / 2u) / BAUD))
#endif

#define GPIO_MODER (GPIO_BASE + 0x00u)
#define GPIO_OSPEEDR (GPIO_BASE + 0x08u)
#define GPIO_AFR (GPIO_BASE + 0x20u + 4u * (TX_PIN / 8u))
#define UART_CR1 (UART_BASE + 0x00u)
#define UART_BRR (UART_BASE + 0x0Cu)
#define UART_ISR (UART_BASE + 0x1Cu)
#define UART_TDR (UART_BASE + 0x28u)

static void console_init(void) {
  uint32_t v;
#if defined(PORT_STM32L4R)
  PORT_REG32(RCC_APB1ENR1) |= RCC_PWREN_BIT;
  (void)PORT_REG32(RCC_APB1ENR1);
  PORT_REG32(PWR_CR2) |= PWR_CR2_IOSV;
#endif
  PORT_REG32(RCC_GPIO_EN) |= RCC_GPIO_BIT;
  PORT_REG32(RCC_UART_EN) |= RCC_UART_BIT;
  (void)PORT_REG32(RCC_UART_EN);

  v = PORT_REG32(GPIO_AFR);
  v &= ~(0xFu << (4u * (TX_PIN % 8u)));
  v |= TX_AF << (4u * (TX_PIN % 8u));
  PORT_REG32(GPIO_AFR) = v;
  PORT_REG32(GPIO_OSPEEDR) |= 2u << (2u * TX_PIN);
  v = PORT_REG32(GPIO_MODER);
  v &= ~(3u << (2u * TX_PIN));
  v |= 2u << (2u * TX_PIN); /* alternate function */
  PORT_REG32(GPIO_MODER) = v;

  PORT_REG32(UART_CR1) = 0;
  PORT_REG32(UART_BRR) = BRR_VALUE;
  PORT_REG32(UART_CR1) = (1u << 3) | (1u << 0); /* TE | UE */
}

static void console_putc(char c) {
  while ((PORT_REG32(UART_ISR) & (1u << 7)) == 0) {
  }
  PORT_REG32(UART_TDR) = (uint8_t)c;
}

#endif

void port_init(void) {
  console_init();
  port_counter_start();
}

void port_write(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) {
    if (s[i] == '\n') console_putc('\r');
    console_putc(s[i]);
  }
}

#endif /* PORT_STM32F1 || PORT_STM32F7 || PORT_STM32L4R */

/*
 * tinyml start-up code for bare-metal Cortex-M builds (every port except PORT_HOST and
 * PORT_ARDUINO, whose frameworks bring their own).
 *
 * The linker script provides: __data_load (flash copy of .data), __data_start, __data_end,
 * __bss_start, __bss_end, __stack_limit and __stack_top. The stack sits at the bottom of RAM
 * (below .data/.bss), so an overflow runs off the start of RAM and faults instead of silently
 * corrupting static data.
 *
 * Reset_Handler: enables the FPU (when the build has one), points VTOR at this vector table,
 * masks any interrupt a bootloader left enabled, copies .data, zeroes .bss, paints the unused
 * stack with PORT_STACK_PAINT (for port_stack_used), then calls main and port_exit(status).
 */
#if !defined(PORT_HOST) && !defined(PORT_ARDUINO)

#include <stdint.h>

#include "port.h"

/* External interrupt vectors: enough for every board here (STM32F746: 98; ARMv6-M has at most
 * 32); unused entries are harmless. VTOR needs the table aligned to its size rounded up to a
 * power of two: 512 bytes for 16 + 112 words, 256 bytes for 16 + 32 (on the RP2040 the table must
 * sit right after the 256-byte boot2). */
#ifndef PORT_NUM_IRQS
#if defined(__ARM_ARCH_6M__)
#define PORT_NUM_IRQS 32
#else
#define PORT_NUM_IRQS 112
#endif
#endif
#if defined(__ARM_ARCH_6M__)
#define PORT_VECTOR_ALIGN 256
#else
#define PORT_VECTOR_ALIGN 512
#endif

#define REG32(addr) (*(volatile uint32_t *)(addr))
#define SCB_VTOR 0xE000ED08u
#define SCB_CPACR 0xE000ED88u
#define NVIC_ICER0 0xE000E180u
#define NVIC_ICPR0 0xE000E280u

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_limit[], __stack_top[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void port_fault_handler(void);

void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("port_fault_handler")));
void MemManage_Handler(void) __attribute__((weak, alias("port_fault_handler")));
void BusFault_Handler(void) __attribute__((weak, alias("port_fault_handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("port_fault_handler")));
void SecureFault_Handler(void) __attribute__((weak, alias("port_fault_handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*port_vector)(void);

__attribute__((section(".isr_vector"), used, aligned(PORT_VECTOR_ALIGN)))
const port_vector port_vectors[16 + PORT_NUM_IRQS] = {
    (port_vector)__stack_top,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
    /* external interrupts: none is enabled; any that fires lands in Default_Handler */
    [16 ... 16 + PORT_NUM_IRQS - 1] = Default_Handler,
};

void Default_Handler(void) {
  static const char msg[] = "tinyml: error unexpected interrupt\n";
  port_write(msg, sizeof msg - 1);
  port_exit(3);
}

void port_fault_handler(void) {
  static const char msg[] = "tinyml: error fault\n";
  port_write(msg, sizeof msg - 1);
  port_exit(3);
}

static inline uint32_t *current_sp(void) {
  uint32_t *sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

void Reset_Handler(void) {
  uint32_t *dst;
  const uint32_t *src;
  uint32_t *paint_end;
  unsigned i;

#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* CP10 and CP11 full access, before any floating-point (or MVE) instruction runs. */
  REG32(SCB_CPACR) |= 0xFu << 20;
  __asm volatile("dsb\n\tisb" ::: "memory");
#endif

#if !defined(__ARM_ARCH_6M__) || defined(PORT_RP2040)
  REG32(SCB_VTOR) = (uint32_t)(uintptr_t)port_vectors;
#endif

  /* Mask and clear every external interrupt (a bootloader may have left some enabled). */
#if defined(__ARM_ARCH_6M__)
  REG32(NVIC_ICER0) = 0xFFFFFFFFu;
  REG32(NVIC_ICPR0) = 0xFFFFFFFFu;
#else
  for (i = 0; i < 8; ++i) {
    REG32(NVIC_ICER0 + 4u * i) = 0xFFFFFFFFu;
    REG32(NVIC_ICPR0 + 4u * i) = 0xFFFFFFFFu;
  }
#endif
  (void)i;

  for (src = __data_load, dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (dst = __bss_start; dst < __bss_end;) *dst++ = 0;

  /* Paint the unused stack, leaving a margin below the current frame. */
  paint_end = current_sp() - 16;
  for (dst = __stack_limit; dst < paint_end;) *dst++ = PORT_STACK_PAINT;

  port_exit(main());
}

#endif /* !PORT_HOST && !PORT_ARDUINO */

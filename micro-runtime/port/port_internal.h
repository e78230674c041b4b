/* Internal helpers shared between the tinyml port files (not part of the port API). */
#ifndef TINYML_PORT_INTERNAL_H
#define TINYML_PORT_INTERNAL_H

#include <stdint.h>

#define PORT_REG32(addr) (*(volatile uint32_t *)(addr))

/* Starts the DWT cycle counter (port_common.c). */
void port_counter_start(void);

#endif

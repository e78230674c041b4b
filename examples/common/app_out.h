/*
 * The console output and command line shared by the examples' firmware (gesture,
 * person-detection, wake-word): `tinyml: ...` lines written through port_write(), numbers printed
 * without printf (no libc formatting code in the image), and the `--input FILE` argument.
 */
#ifndef APP_OUT_H
#define APP_OUT_H

#include <stdint.h>

#include "tinyml/tinyml.h"

/* The board and build variant (the project's Makefile defines them) and the op-profile size. */
#ifndef TINYML_BOARD
#define TINYML_BOARD "unknown"
#endif
#ifndef TINYML_VARIANT
#define TINYML_VARIANT "hw"
#endif
#ifndef APP_MAX_OPS
#define APP_MAX_OPS 64
#endif
/* Command-line room: only the emulator and the host pass one. */
#if defined(PORT_QEMU_CMSDK) || defined(PORT_HOST)
#define APP_CMDLINE_MAX 1024
#else
#define APP_CMDLINE_MAX 4
#endif

#ifdef __cplusplus
extern "C" {
#endif

void app_out(const char *s);
void app_out_u32(uint32_t v);
void app_out_u64(uint64_t v);
void app_out_i32(int32_t v);
/* A probability clamped to [0, 1] (NaN prints as 0) with `decimals` (1-9) digits after the point. */
void app_out_prob(float p, unsigned decimals);
/* `tinyml: <label> <count> <unit>`: a cost in the port's counter unit (port_cycles_unit()). */
void app_out_cost(const char *label, uint32_t count);
/* A tm_invoke profile callback: each op's cost (port_cycles()) for the first APP_MAX_OPS ops. */
void app_profile(void *user, uint16_t op, int end);
/* `tinyml: op <i> <NAME> <count>` for the ops app_profile measured. */
void app_out_ops(void);
/* `tinyml: arena <bytes>`, `tinyml: stack <bytes>` (when the port measures it) and `tinyml: done`. */
void app_out_end(void);

/* `tinyml: error op <i> <NAME> failed: <status>` for an inference that stopped at op `op`. */
void app_out_op_error(uint32_t op, tm_status status);

/* Splits the command line in place at spaces into at most `max` tokens; returns their count. */
uint32_t app_split_args(char *line, char **tok, uint32_t max);

/*
 * Splits the command line in place (tok[0], the program name, is skipped) and finds `--input PATH`
 * (at most once). Anything else prints `tinyml: error unknown or repeated argument 'X' (expected
 * <expected>)`. Returns 0 ok, 2 bad arguments.
 */
int app_parse_input(char *line, const char **input, const char *expected);

#ifdef __cplusplus
}
#endif

#endif /* APP_OUT_H */

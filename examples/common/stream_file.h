/*
 * Reading a host file in chunks, for inputs larger than RAM: Arm semihosting under QEMU
 * (PORT_QEMU_CMSDK: SYS_OPEN / SYS_READ / SYS_CLOSE), stdio on the host (PORT_HOST).
 * Elsewhere (hardware) every call fails.
 */
#ifndef STREAM_FILE_H
#define STREAM_FILE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opens the file for reading; returns a handle >= 0, or -1. */
int sfile_open(const char *path);
/* Reads up to n bytes; returns the number read (0 at the end of the file), or -1 on error. */
long sfile_read(int handle, void *buf, size_t n);
void sfile_close(int handle);

#ifdef __cplusplus
}
#endif

#endif /* STREAM_FILE_H */

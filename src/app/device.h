/* device.h -- the newsreader program for Linux devices, with the kernel
 * behind an nws_sys: the real one in newsreader, an emulated one in the
 * tests (tests/emu/devemu.c). */
#ifndef APP_DEVICE_H
#define APP_DEVICE_H

#include "../platform/sys.h"

/* Exit status: 0 ok, 1 failure, 2 usage. */
int device_main(int argc, char **argv, const nws_sys *sys);

#endif

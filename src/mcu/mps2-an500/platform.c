/* platform.c -- the firmware in QEMU's mps2-an500: screens written to the
 * host through ARM semihosting (ARM "Semihosting for AArch32 and AArch64",
 * operations SYS_OPEN 0x01, SYS_CLOSE 0x02, SYS_WRITE0 0x04, SYS_WRITE
 * 0x05, SYS_EXIT_EXTENDED 0x20; BKPT 0xAB on M-profile), keys from a
 * fixed script. */
#include <stdint.h>
#include <string.h>

#include "../firmware.h"

static uint32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void platform_log(const char *msg)
{
    semihost(0x04, msg);
    semihost(0x04, "\n");
}

void platform_init(const nws_board *b)
{
    (void)b; /* QEMU needs nothing brought up */
}

void platform_exit(int code)
{
    /* ADP_Stopped_ApplicationExit with the status */
    const uint32_t block[2] = {0x20026u, (uint32_t)code};
    semihost(0x20, block);
    for (;;)
        ;
}

/* The mps2 FPGA images clock the CPU and SysTick at 25 MHz (AN500). */
uint32_t platform_tick_hz(void)
{
    return 25000000u;
}

/* What a reader does with the buttons, as a script: into the first
 * article, turn pages, a larger font, turn, back to the smaller one.
 * PAUSE is the reader reading: the firmware is idle until the book is
 * numbered.  Keys without a pause between them come at once, as from an
 * impatient reader, so both kinds of screen are drawn. */
#define PAUSE ((nws_key)0)
static const struct {
    nws_key key;
    uint32_t arg;
} script[] = {{PAUSE, 0},           {NWS_KEY_GOTO, 2},      {NWS_KEY_NEXT, 0},
              {NWS_KEY_NEXT, 0},    {NWS_KEY_SIZE_UP, 0},   {PAUSE, 0},
              {NWS_KEY_NEXT, 0},    {NWS_KEY_NEXT, 0},      {NWS_KEY_SIZE_DOWN, 0},
              {NWS_KEY_NEXT, 0},    {PAUSE, 0},             {NWS_KEY_NEXT_ARTICLE, 0}};
static unsigned next_key;

#define SCRIPT_KEYS (sizeof script / sizeof script[0])

int platform_key_pending(void)
{
    return next_key >= SCRIPT_KEYS || script[next_key].key != PAUSE;
}

int platform_key(nws_key *key, uint32_t *arg)
{
    while (next_key < SCRIPT_KEYS && script[next_key].key == PAUSE)
        next_key++; /* the book is numbered, or the firmware waits no longer */
    if (next_key >= SCRIPT_KEYS)
        return 0;
    *key = script[next_key].key;
    *arg = script[next_key].arg;
    next_key++;
    return 1;
}

/* The position in a host file, slot after slot: SYS_OPEN modes 1 ("rb"),
 * 3 ("r+b"), 5 ("wb"), SYS_SEEK 0x0A, SYS_READ 0x06. */
static const char state_file[] = "position.state";

int platform_state_read(uint32_t i, uint8_t out[NWS_STATE_SLOT])
{
    const uint32_t open_args[3] = {(uint32_t)(uintptr_t)state_file, 1u, sizeof state_file - 1};
    int32_t fd = (int32_t)semihost(0x01, open_args);
    if (fd < 0)
        return 0;
    const uint32_t seek_args[2] = {(uint32_t)fd, i * NWS_STATE_SLOT};
    const uint32_t read_args[3] = {(uint32_t)fd, (uint32_t)(uintptr_t)out, NWS_STATE_SLOT};
    int ok = semihost(0x0A, seek_args) == 0 && semihost(0x06, read_args) == 0;
    semihost(0x02, &fd);
    return ok;
}

int platform_state_append(const uint8_t slot[NWS_STATE_SLOT])
{
    /* "r+b", or "wb" to create it; then write at its end (SYS_FLEN 0x0C):
     * QEMU's append mode does not reliably append */
    uint32_t open_args[3] = {(uint32_t)(uintptr_t)state_file, 3u, sizeof state_file - 1};
    int32_t fd = (int32_t)semihost(0x01, open_args);
    if (fd < 0) {
        open_args[1] = 5u;
        fd = (int32_t)semihost(0x01, open_args);
    }
    if (fd < 0)
        return -1;
    int32_t len = (int32_t)semihost(0x0C, &fd);
    const uint32_t seek_args[2] = {(uint32_t)fd, len > 0 ? (uint32_t)len : 0u};
    const uint32_t args[3] = {(uint32_t)fd, (uint32_t)(uintptr_t)slot, NWS_STATE_SLOT};
    int ok = len >= 0 && semihost(0x0A, seek_args) == 0 && semihost(0x05, args) == 0;
    semihost(0x02, &fd);
    return ok ? 0 : -1;
}

int platform_present(const nws_panel_source *src, const fw_screen *screen)
{
    char name[40], *p = name;
    memcpy(p, "screen-", 7);
    p = fw_put_uint(p + 7, screen->number, 4);
    memcpy(p, "-p", 2);
    p = fw_put_uint(p + 2, screen->page, 4);
    memcpy(p, "-s", 2);
    p = fw_put_uint(p + 2, screen->size10, 3);
    memcpy(p, ".bin", 5);
    /* SYS_OPEN: name, mode 5 ("wb"), name length */
    const uint32_t open_args[3] = {(uint32_t)(uintptr_t)name, 5u, (uint32_t)strlen(name)};
    int32_t fd = (int32_t)semihost(0x01, open_args);
    if (fd < 0)
        return -1;
    const nws_board *b = fw_board();
    uint32_t stride = board_native_stride(b), rows = board_native_height(b);
    int rc = 0;
    for (uint32_t y = 0; y < rows && rc == 0; y += src->band_rows) {
        uint32_t n = rows - y < src->band_rows ? rows - y : src->band_rows;
        if (src->rows(src->ctx, NWS_PLANE_NEXT, y, n, src->band) < 0) {
            rc = -1;
            break;
        }
        /* SYS_WRITE returns the bytes not written */
        const uint32_t args[3] = {(uint32_t)fd, (uint32_t)(uintptr_t)src->band, n * stride};
        if (semihost(0x05, args) != 0)
            rc = -1;
    }
    semihost(0x02, &fd);
    platform_log(name);
    return rc;
}

/* platform.c -- the firmware on an STM32H743 driving a UC8179 panel:
 * GPIO, SPI1 and flash bank 2 by their registers (ST RM0433), the panel
 * through the shared controller driver (src/panel/uc8179.c).  It cannot
 * be run here; the rest of the firmware is proven in QEMU
 * (src/mcu/mps2-an500/), so this file stays thin. */
#include <stdint.h>
#include <string.h>

#include "../firmware.h"

#define REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* RM0433 2.3.2 memory map, 8.7 RCC, 11.4 GPIO, 50.11 SPI, 4.9 FLASH. */
#define RCC_BASE 0x58024400u
#define RCC_D2CCIP1R REG(RCC_BASE + 0x050u) /* SPI123SEL[14:12] */
#define RCC_AHB4ENR REG(RCC_BASE + 0x0E0u)  /* GPIOxEN, bit per port */
#define RCC_APB2ENR REG(RCC_BASE + 0x0F0u)  /* SPI1EN bit 12 */
#define GPIO_BASE(port) (0x58020000u + 0x400u * (uint32_t)(port))
#define GPIO_MODER(p) REG(GPIO_BASE(p) + 0x00u)
#define GPIO_OSPEEDR(p) REG(GPIO_BASE(p) + 0x08u)
#define GPIO_PUPDR(p) REG(GPIO_BASE(p) + 0x0Cu)
#define GPIO_IDR(p) REG(GPIO_BASE(p) + 0x10u)
#define GPIO_BSRR(p) REG(GPIO_BASE(p) + 0x18u)
#define GPIO_AFRL(p) REG(GPIO_BASE(p) + 0x20u)
#define SPI1_BASE 0x40013000u
#define SPI_CR1 REG(SPI1_BASE + 0x00u)  /* SPE 0, CSTART 9, SSI 12 */
#define SPI_CR2 REG(SPI1_BASE + 0x04u)  /* TSIZE: 0 = endless */
#define SPI_CFG1 REG(SPI1_BASE + 0x08u) /* DSIZE[4:0], MBR[30:28] */
#define SPI_CFG2 REG(SPI1_BASE + 0x0Cu) /* COMM[18:17], MASTER 22, SSM 26 */
#define SPI_SR REG(SPI1_BASE + 0x14u)   /* TXP 1, TXC 12 */
#define SPI_TXDR8 (*(volatile uint8_t *)(uintptr_t)(SPI1_BASE + 0x20u))
#define FLASH_BASE_REG 0x52002000u
#define FLASH_KEYR2 REG(FLASH_BASE_REG + 0x104u)
#define FLASH_CR2 REG(FLASH_BASE_REG + 0x10Cu) /* LOCK 0, PG 1, SER 2, PSIZE[5:4], START 7, SNB[10:8] */
#define FLASH_SR2 REG(FLASH_BASE_REG + 0x110u) /* BSY 0, WBNE 1, QW 2, errors 17..26 */
#define FLASH_CCR2 REG(FLASH_BASE_REG + 0x114u)
#define FLASH_ERRORS 0x07EE0000u

/* The CPU and SPI1's kernel clock run from HSI at 64 MHz (the reset
 * state; per_ck = HSI by default, RM0433 8.5.8). */
#define HSI_HZ 64000000u

static const nws_board *g_board;

static const nws_board *board(void)
{
    return g_board;
}

/* --- pins -------------------------------------------------------------------------- */

static void pin_mode(uint8_t pin, unsigned mode, unsigned pull)
{
    unsigned port = pin / 16u, n = pin % 16u;
    RCC_AHB4ENR |= 1u << port;
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u << 2 * n)) | (mode << 2 * n);
    GPIO_PUPDR(port) = (GPIO_PUPDR(port) & ~(3u << 2 * n)) | (pull << 2 * n);
    GPIO_OSPEEDR(port) |= 2u << 2 * n; /* high speed */
}

static void pin_set(uint8_t pin, int high)
{
    if (pin == NWS_NO_PIN)
        return;
    GPIO_BSRR(pin / 16u) = 1u << (pin % 16u + (high ? 0u : 16u));
}

static int pin_get(uint8_t pin)
{
    return (int)(GPIO_IDR(pin / 16u) >> (pin % 16u) & 1u);
}

static void delay_ms(uint32_t ms)
{
    uint64_t end = platform_ticks() + (uint64_t)ms * (HSI_HZ / 1000u);
    while (platform_ticks() < end)
        ;
}

uint32_t platform_tick_hz(void)
{
    return HSI_HZ;
}

/* --- SPI1, transmit only ------------------------------------------------------------ */

static void spi_init(void)
{
    /* PA5 SCK, PA7 MOSI: alternate function 5 (datasheet table 9) */
    pin_mode(NWS_PIN('A', 5), 2u, 0u);
    pin_mode(NWS_PIN('A', 7), 2u, 0u);
    GPIO_AFRL(0) = (GPIO_AFRL(0) & ~(0xFu << 20 | 0xFu << 28)) | 5u << 20 | 5u << 28;
    RCC_D2CCIP1R = (RCC_D2CCIP1R & ~(7u << 12)) | 4u << 12; /* SPI123SEL = per_ck */
    RCC_APB2ENR |= 1u << 12;
    SPI_CR1 = 0;
    SPI_CFG1 = 7u | 3u << 28;                /* 8-bit frames, kernel clock / 16 */
    SPI_CFG2 = 1u << 17 | 1u << 22 | 1u << 26; /* transmitter only, master, software NSS */
    SPI_CR2 = 0;
    SPI_CR1 = 1u << 12;                      /* SSI: the internal NSS high */
    SPI_CR1 |= 1u;                           /* SPE */
    SPI_CR1 |= 1u << 9;                      /* CSTART: endless transfer */
}

static void spi_send(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        while (!(SPI_SR & (1u << 1))) /* TXP: room in the FIFO */
            ;
        SPI_TXDR8 = p[i];
    }
    while (!(SPI_SR & (1u << 12))) /* TXC: the last bit is out */
        ;
}

/* --- the panel's bus ---------------------------------------------------------------- */

static int bus_data(void *ctx, const uint8_t *data, size_t n)
{
    (void)ctx;
    const nws_link *l = &board()->link;
    pin_set(l->pin_dc, 1);
    pin_set(l->pin_cs, 0);
    spi_send(data, n);
    pin_set(l->pin_cs, 1);
    return 0;
}

static int bus_command(void *ctx, uint8_t cmd, const uint8_t *data, size_t n)
{
    const nws_link *l = &board()->link;
    pin_set(l->pin_dc, 0);
    pin_set(l->pin_cs, 0);
    spi_send(&cmd, 1);
    pin_set(l->pin_cs, 1);
    return n ? bus_data(ctx, data, n) : 0;
}

static int bus_reset(void *ctx, uint32_t low_ms, uint32_t high_ms)
{
    (void)ctx;
    pin_set(board()->link.pin_rst, 0);
    delay_ms(low_ms);
    pin_set(board()->link.pin_rst, 1);
    delay_ms(high_ms);
    return 0;
}

static int bus_wait_idle(void *ctx, int busy_level, uint32_t timeout_ms)
{
    (void)ctx;
    uint64_t end = platform_ticks() + (uint64_t)timeout_ms * (HSI_HZ / 1000u);
    while (pin_get(board()->link.pin_busy) == busy_level)
        if (platform_ticks() >= end)
            return 1;
    return 0;
}

static void bus_delay(void *ctx, uint32_t ms)
{
    (void)ctx;
    delay_ms(ms);
}

static nws_panel g_panel;

void platform_init(const nws_board *b)
{
    g_board = b;
    const nws_link *l = &b->link;
    /* outputs: CS high (idle), DC, RST high, panel power on */
    const uint8_t outs[4] = {l->pin_cs, l->pin_dc, l->pin_rst, l->pin_power};
    for (int i = 0; i < 4; i++)
        if (outs[i] != NWS_NO_PIN) {
            pin_set(outs[i], i != 1);
            pin_mode(outs[i], 1u, 0u);
        }
    pin_mode(l->pin_busy, 0u, 0u);
    for (int i = 0; i < NWS_LINK_BUTTONS; i++)
        if (l->buttons[i] != NWS_NO_PIN)
            pin_mode(l->buttons[i], 0u, 1u); /* input, pull-up: pressed reads 0 */
    spi_init();
    g_panel.board = b;
    g_panel.bus = (nws_panel_bus){NULL, bus_command, bus_data, bus_reset, bus_wait_idle, bus_delay};
}

int platform_present(const nws_panel_source *src, const fw_screen *screen)
{
    return board()->link.driver->update(&g_panel, src, NULL, screen->kind) == NWS_PANEL_OK ? 0
                                                                                            : -1;
}

/* --- buttons ------------------------------------------------------------------------ */

/* The first button held down (the buttons pull to ground), or -1. */
static int button_down(void)
{
    const nws_link *l = &board()->link;
    for (int i = 0; i < NWS_LINK_BUTTONS; i++)
        if (l->buttons[i] != NWS_NO_PIN && !pin_get(l->buttons[i]))
            return i;
    return -1;
}

/* Not yet debounced: a hint to stop numbering the book and come to
 * platform_key(). */
int platform_key_pending(void)
{
    return button_down() >= 0;
}

/* Wait for a press and its release (20 ms of debounce each way). */
int platform_key(nws_key *key, uint32_t *arg)
{
    const nws_link *l = &board()->link;
    *arg = 0;
    for (;;) {
        int i = button_down();
        if (i < 0)
            continue;
        delay_ms(20);
        if (pin_get(l->buttons[i]))
            continue;
        while (!pin_get(l->buttons[i]))
            ;
        delay_ms(20);
        if (fw_button_key((unsigned)i, key) == 0)
            return 1;
    }
}

/* --- the position in flash ---------------------------------------------------------- */

/* Two 128 KB sectors of bank 2 (6 and 7, at 0x081C0000 and 0x081E0000),
 * filled with 64-byte slots in turn: when one is full, the other is
 * erased and the newest slot goes there first, so an erase cut short by
 * a power loss leaves the previous sector's slots intact. */
#define STATE_SECTOR0 0x081C0000u
#define STATE_SECTOR_SIZE 0x20000u
#define SLOTS_PER_SECTOR (STATE_SECTOR_SIZE / NWS_STATE_SLOT)

static const uint8_t *slot_at(uint32_t i)
{
    return (const uint8_t *)(uintptr_t)(STATE_SECTOR0 + i * NWS_STATE_SLOT);
}

static int erased(const uint8_t *p)
{
    for (unsigned i = 0; i < NWS_STATE_SLOT; i++)
        if (p[i] != 0xFF)
            return 0;
    return 1;
}

int platform_state_read(uint32_t i, uint8_t out[NWS_STATE_SLOT])
{
    if (i >= 2u * SLOTS_PER_SECTOR)
        return 0;
    memcpy(out, slot_at(i), NWS_STATE_SLOT);
    return 1;
}

static int flash_wait(void)
{
    while (FLASH_SR2 & (1u << 0 | 1u << 2)) /* BSY, QW */
        ;
    uint32_t err = FLASH_SR2 & FLASH_ERRORS;
    FLASH_CCR2 = err;
    return err ? -1 : 0;
}

static void flash_unlock(void)
{
    if (FLASH_CR2 & 1u) {
        FLASH_KEYR2 = 0x45670123u; /* RM0433 4.5.1 key sequence */
        FLASH_KEYR2 = 0xCDEF89ABu;
    }
}

static int erase_sector(uint32_t sector_in_bank)
{
    FLASH_CR2 = (FLASH_CR2 & ~(7u << 8 | 3u << 4)) | 1u << 2 | 2u << 4 | sector_in_bank << 8;
    FLASH_CR2 |= 1u << 7; /* START */
    int rc = flash_wait();
    FLASH_CR2 &= ~(1u << 2);
    return rc;
}

/* One slot is two 32-byte flash words, written a word at a time. */
static int program_slot(uint32_t addr, const uint8_t slot[NWS_STATE_SLOT])
{
    /* PG, 32-bit parallelism (safe at the reset voltage scaling) */
    FLASH_CR2 = (FLASH_CR2 & ~(3u << 4)) | 1u << 1 | 2u << 4;
    for (unsigned i = 0; i < NWS_STATE_SLOT; i += 4) {
        uint32_t w;
        memcpy(&w, slot + i, 4);
        REG(addr + i) = w;
        if (i % 32u == 28u) {
            __asm__ volatile("dsb" ::: "memory");
            if (flash_wait() < 0) {
                FLASH_CR2 &= ~(1u << 1);
                return -1;
            }
        }
    }
    FLASH_CR2 &= ~(1u << 1);
    return 0;
}

int platform_state_append(const uint8_t slot[NWS_STATE_SLOT])
{
    /* the newest valid slot decides the sector in use */
    uint32_t newest = 0, seq = 0;
    int any = 0;
    for (uint32_t i = 0; i < 2u * SLOTS_PER_SECTOR; i++) {
        nws_state st;
        if (state_load(slot_at(i), NWS_STATE_SLOT, &st) && (!any || st.seq > seq)) {
            newest = i;
            seq = st.seq;
            any = 1;
        }
    }
    uint32_t next = any ? newest + 1u : 0u;
    int same_sector = any && next % SLOTS_PER_SECTOR != 0;
    flash_unlock();
    int rc = 0;
    if (!(same_sector && erased(slot_at(next)))) {
        /* full, torn, or nothing yet: the other sector, erased first (the
         * slots in this one stay until the new one holds a position) */
        uint32_t other = any ? (newest < SLOTS_PER_SECTOR ? 1u : 0u) : 0u;
        next = other * SLOTS_PER_SECTOR;
        if (!erased(slot_at(next)))
            rc = erase_sector(6u + other);
    }
    if (rc == 0)
        rc = program_slot(STATE_SECTOR0 + next * NWS_STATE_SLOT, slot);
    FLASH_CR2 |= 1u; /* LOCK */
    return rc;
}

/* --- the rest ----------------------------------------------------------------------- */

/* The exit code, where a debugger finds it. */
volatile int g_exit_code;

/* No console on the board: the last message stays in RAM for a debugger. */
static char g_last_log[96];

void platform_log(const char *msg)
{
    size_t n = strlen(msg);
    if (n >= sizeof g_last_log)
        n = sizeof g_last_log - 1;
    memcpy(g_last_log, msg, n);
    g_last_log[n] = 0;
}

void platform_exit(int code)
{
    /* The reader only ends on an error: keep the code where a debugger
     * finds it, put the panel to sleep, and wait. */
    g_exit_code = code;
    if (g_board && g_panel.board) {
        g_board->link.driver->sleep(&g_panel);
        pin_set(g_board->link.pin_power, 0);
    }
    for (;;)
        __asm__ volatile("wfi");
}

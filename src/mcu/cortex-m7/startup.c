/* startup.c -- reset and exceptions for any Cortex-M7 (ARMv7-M vector
 * table, ARM DDI 0403 B1.5.3): set up .data and .bss, paint the stack,
 * count SysTick wraps, bring up the platform, run the firmware, report
 * the stack's high-water mark and leave through the platform. */
#include <stdint.h>
#include <string.h>

#include "../firmware.h"

extern uint32_t _data_load[], _data_start[], _data_end[], _bss_start[], _bss_end[], _stack_top[],
    _stack_bottom[];

void reset_handler(void);
void fault_handler(void);
void systick_handler(void);

volatile uint32_t g_systick_wraps;

/* SysTick registers (ARMv7-M B3.3): control, reload, current value. */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))_stack_top, /* initial stack pointer */
    reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
    0, 0, 0, 0,
    fault_handler, /* SVCall */
    fault_handler, /* DebugMonitor */
    0,
    fault_handler, /* PendSV */
    systick_handler,
};

void systick_handler(void)
{
    g_systick_wraps++;
}

/* Reached only from the handler's assembly: `used` keeps link-time
 * optimisation from dropping it. */
__attribute__((used)) void fault_report(const uint32_t *frame);

/* The exception frame (ARMv7-M B1.5.6: r0-r3, r12, lr, pc, xPSR) is on
 * the main stack; hand it to C. */
__attribute__((naked)) void fault_handler(void)
{
    __asm__ volatile("mrs r0, msp\n\tb fault_report");
}

static char *hex(char *p, uint32_t v)
{
    for (int i = 28; i >= 0; i -= 4)
        *p++ = "0123456789abcdef"[(v >> i) & 15u];
    return p;
}

/* Where it happened and why (CFSR, HFSR, BFAR: ARMv7-M B3.2.15-B3.2.18). */
__attribute__((used)) void fault_report(const uint32_t *frame)
{
    static const char *const names[5] = {" pc ", " lr ", " cfsr ", " hfsr ", " bfar "};
    uint32_t v[5] = {frame[6], frame[5], *(volatile uint32_t *)0xE000ED28u,
                     *(volatile uint32_t *)0xE000ED2Cu, *(volatile uint32_t *)0xE000ED38u};
    char line[128] = "firmware: CPU fault", *p = line + 19;
    for (int i = 0; i < 5; i++) {
        for (const char *n = names[i]; *n; n++)
            *p++ = *n;
        p = hex(p, v[i]);
    }
    *p = 0;
    platform_log(line);
    platform_exit(99);
}

uint64_t platform_ticks(void)
{
    uint32_t w, v;
    do {
        w = g_systick_wraps;
        v = SYST_CVR;
    } while (w != g_systick_wraps);
    return ((uint64_t)w << 24) + (0xFFFFFFu - v);
}

#define STACK_PAINT 0xA5A5A5A5u

/* Paint the unused stack, so that the deepest use can be read back. */
__attribute__((noinline)) static void paint_stack(void)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    /* leave this frame's 64 bytes alone */
    for (uint32_t *p = _stack_bottom; (uintptr_t)p < sp - 64u; p++)
        *p = STACK_PAINT;
}

static uint32_t stack_used(void)
{
    const uint32_t *p = _stack_bottom;
    while (p < _stack_top && *p == STACK_PAINT)
        p++;
    return (uint32_t)((const char *)_stack_top - (const char *)p);
}

void reset_handler(void)
{
    memcpy(_data_start, _data_load, (size_t)((char *)_data_end - (char *)_data_start));
    memset(_bss_start, 0, (size_t)((char *)_bss_end - (char *)_bss_start));
    paint_stack();
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 7u; /* processor clock, interrupt on wrap, enabled */
    int rc = firmware_run();
    char line[64] = "memory: stack used ";
    *fw_put_uint(line + 19, stack_used(), 1) = 0;
    platform_log(line);
    platform_exit(rc);
}

/* fit.h -- scaling a picture's size into a box (device and host code). */
#ifndef NWS_FIT_H
#define NWS_FIT_H

#include <stdint.h>

/* Shrink *w x *h (aspect kept, rounded to the nearest pixel, at least 1)
 * until it fits max_w x max_h; never enlarges. */
static inline void nws_fit_within(uint32_t *w, uint32_t *h, uint32_t max_w, uint32_t max_h)
{
    uint32_t pw = *w, ph = *h;
    if (pw > max_w && pw) {
        ph = (uint32_t)(((uint64_t)ph * max_w + pw / 2) / pw);
        pw = max_w;
    }
    if (ph > max_h && ph) {
        pw = (uint32_t)(((uint64_t)pw * max_h + ph / 2) / ph);
        ph = max_h;
    }
    *w = pw ? pw : 1;
    *h = ph ? ph : 1;
}

#endif

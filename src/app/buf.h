/* buf.h -- growable byte buffers and checked allocation for host tools.
 * Host code may allocate freely; running out of memory there is fatal with
 * a message (the device core never uses these). */
#ifndef HOST_BUF_H
#define HOST_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct nwbuf {
    uint8_t *data;
    size_t len, cap;
} nwbuf;

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

void buf_reserve(nwbuf *b, size_t extra);
void buf_add(nwbuf *b, const void *p, size_t n);
void buf_addc(nwbuf *b, uint8_t c);
void buf_adds(nwbuf *b, const char *s);
void buf_add32(nwbuf *b, uint32_t v);
void buf_free(nwbuf *b);
/* FNV-1a, 64 bit, over a C string, continuing from h (start with
 * FNV1A64_INIT): small, stable across platforms; used for hash tables and
 * the stable article ids. */
#define FNV1A64_INIT 0xcbf29ce484222325ULL
uint64_t fnv1a64(uint64_t h, const char *s);

/* Base64 (RFC 4648) appended to out; whitespace and stray characters are
 * skipped, decoding stops at '='. */
void base64_decode_into(const char *s, size_t n, nwbuf *out);

/* NUL-terminate and hand over the memory as a C string. */
char *buf_take_str(nwbuf *b);

#endif

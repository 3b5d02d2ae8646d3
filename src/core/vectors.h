/* vectors.h -- whether the device core may use the compiler's vector
 * types (GCC and Clang `vector_size`) for its pixel loops.
 *
 * Only where the CPU has 128-bit integer vectors (SSE2 on x86, NEON on
 * ARM) and the compiler is GCC or Clang (vector types and the CPU's
 * intrinsics below): on other CPUs the compiler would split each vector
 * into scalar code that is slower and larger than the word-wise loops
 * kept beside every vector one.  The vector loops assume little-endian
 * byte order within a vector. */
#ifndef NWS_VECTORS_H
#define NWS_VECTORS_H

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    (defined(__SSE2__) || defined(__ARM_NEON))
#define NWS_VECTORS 1
#endif

#ifdef NWS_VECTORS
#include <stdint.h>
#include <string.h>
/* Sixteen bytes, and eight 16-bit lanes, as the compiler's vectors. */
typedef uint8_t nws_u8x16 __attribute__((vector_size(16)));
typedef uint16_t nws_u16x8 __attribute__((vector_size(16)));
/* Each byte's high nibble moved down (b >> 4) and low nibble moved up
 * ((b << 4) & 0xF0): neither CPU shifts bytes, and the compiler's byte
 * shifts cost a widening or four additions; a 16-bit shift and a mask
 * do it. */
static inline nws_u8x16 nws_high_down_u8x16(nws_u8x16 v)
{
    return (nws_u8x16)(((nws_u16x8)v >> 4) & 0x0F0F);
}
static inline nws_u8x16 nws_low_up_u8x16(nws_u8x16 v)
{
    return (nws_u8x16)(((nws_u16x8)v << 4) & 0xF0F0);
}
/* The operations below take one or two instructions on SSE2, and on NEON
 * (but nws_same_u8x16, there a compare and two words), where C's vector
 * operators spend several. */
#if defined(__SSE2__)
#include <emmintrin.h>
/* The smaller of each pair of unsigned bytes (pminub): C would spend a
 * compare, a select and, on SSE2, a bias for unsigned order. */
static inline nws_u8x16 nws_min_u8x16(nws_u8x16 a, nws_u8x16 b)
{
    return (nws_u8x16)_mm_min_epu8((__m128i)a, (__m128i)b);
}
/* Whether a == b in all sixteen bytes: a compare and a mask (pmovmskb). */
static inline int nws_same_u8x16(nws_u8x16 a, nws_u8x16 b)
{
    return _mm_movemask_epi8((__m128i)(a == b)) == 0xFFFF;
}
/* The bytes of a and b taken in turn: *lo = a0 b0 a1 b1 .. a7 b7, *hi the
 * same from a8 and b8 (punpcklbw, punpckhbw). */
static inline void nws_zip_u8x16(nws_u8x16 a, nws_u8x16 b, nws_u8x16 *lo, nws_u8x16 *hi)
{
    *lo = (nws_u8x16)_mm_unpacklo_epi8((__m128i)a, (__m128i)b);
    *hi = (nws_u8x16)_mm_unpackhi_epi8((__m128i)a, (__m128i)b);
}
#else
#include <arm_neon.h>
static inline nws_u8x16 nws_min_u8x16(nws_u8x16 a, nws_u8x16 b)
{
    return (nws_u8x16)vminq_u8((uint8x16_t)a, (uint8x16_t)b);
}
static inline int nws_same_u8x16(nws_u8x16 a, nws_u8x16 b)
{
    uint64_t half[2];
    nws_u8x16 eq = (nws_u8x16)(a == b);
    memcpy(half, &eq, 16);
    return !~(half[0] & half[1]);
}
static inline void nws_zip_u8x16(nws_u8x16 a, nws_u8x16 b, nws_u8x16 *lo, nws_u8x16 *hi)
{
    uint8x16x2_t z = vzipq_u8((uint8x16_t)a, (uint8x16_t)b); /* vzip.8 */
    *lo = (nws_u8x16)z.val[0];
    *hi = (nws_u8x16)z.val[1];
}
#endif
#endif

#endif

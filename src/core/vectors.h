/* vectors.h -- whether the device core may use the compiler's vector
 * types (GCC and Clang `vector_size`) for its pixel loops.
 *
 * Only where the CPU has 128-bit integer vectors (SSE2 on x86, NEON on
 * ARM) and the compiler can widen them (`__builtin_convertvector`): on
 * other CPUs the compiler would split each vector into scalar code that is
 * slower and larger than the word-wise loops kept beside every vector one.
 * The vector loops assume little-endian byte order within a vector. */
#ifndef NWS_VECTORS_H
#define NWS_VECTORS_H

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    (defined(__SSE2__) || defined(__ARM_NEON)) && defined(__has_builtin)
#if __has_builtin(__builtin_convertvector)
#define NWS_VECTORS 1
#endif
#endif

#endif

#ifndef TUANTHU_CSHA256_H
#define TUANTHU_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA-256 instructions the hardware path uses
/// (x86-64 SHA extensions with SSSE3 and SSE4.1), else 0.
int tuanthu_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks of
/// `data`, updating `state` (the eight working words, in FIPS 180-4 order)
/// with the CPU's SHA instructions. Call only when
/// `tuanthu_sha256_hardware_available()` returned 1.
void tuanthu_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The SHA-256 of the `length` bytes at `data` (padding included), as eight
/// words in FIPS 180-4 order. Call only where the hardware is available.
void tuanthu_sha256_digest_hardware(const uint8_t *data, size_t length, uint32_t digest[8]);

/// The SHA-256 of two messages at once, their rounds interleaved on one
/// core (about twice one message's throughput: the SHA instructions wait on
/// each other's results, and a second message fills the gaps); the longer
/// message's last blocks run on one lane. Call only where the hardware is
/// available.
void tuanthu_sha256_digest_two_hardware(const uint8_t *a, size_t a_length, uint32_t a_digest[8],
                                        const uint8_t *b, size_t b_length, uint32_t b_digest[8]);

#endif

#ifndef TUANTHU_CJSONSCAN_H
#define TUANTHU_CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit 32 of `tuanthu_json_scan_string`'s result: the content before the
/// stop has bytes >= 0x80.
#define TUANTHU_JSON_SCAN_HIGH 0x100000000ull
/// Bit 33 of the result: those bytes were not shown to be UTF-8 (a bad or
/// cut-short sequence, or no vector check on this CPU); the caller checks
/// them byte by byte to find the exact place.
#define TUANTHU_JSON_SCAN_CHECK 0x200000000ull

/// Scans a JSON string's content: `p` is the byte after the opening quote,
/// `n` the bytes left in the input (less than 2^32). The low 32 bits of the
/// result are the offset of the first `"`, `\` or byte below 0x20 (or `n`
/// when there is none); bits 32 and 33 are the flags above. A multi-byte
/// sequence cut short by the stop (or by the end of the input) is not UTF-8.
/// Never reads outside the `n` bytes.
uint64_t tuanthu_json_scan_string(const uint8_t *p, size_t n);

/// The same scan without vector instructions, whatever the CPU: the
/// reference the tests compare the vector path with. Never validates, so
/// `TUANTHU_JSON_SCAN_CHECK` is set whenever `TUANTHU_JSON_SCAN_HIGH` is.
uint64_t tuanthu_json_scan_string_portable(const uint8_t *p, size_t n);

/// The vector path `tuanthu_json_scan_string` takes on this CPU: 0 none
/// (the portable scan), 1 SSSE3 (16-byte blocks), 2 AVX2 (32-byte blocks).
int tuanthu_json_scan_level(void);

/// `tuanthu_json_scan_string` on the path of `level` (as above), for the
/// tests to compare every path this CPU has; a level the CPU lacks scans
/// portably.
uint64_t tuanthu_json_scan_string_at_level(const uint8_t *p, size_t n, int level);

/// Bit k is set when byte k of the 16 bytes at `p` is `"`, `\`, below 0x20
/// or above 0x7F: where a short ASCII string or key ends, or where the
/// caller must go the long way. All 16 bytes must be readable. Inline (SSE2
/// is in every x86-64), so a caller pays no call for a short string.
static inline uint32_t tuanthu_json_stops16(const uint8_t *p) {
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128((const __m128i *)p);
    const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    return (uint32_t)(_mm_movemask_epi8(_mm_or_si128(special, control)) | _mm_movemask_epi8(v));
#else
    uint32_t stops = 0;
    for (int k = 0; k < 16; k++) {
        const uint8_t b = p[k];
        if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) stops |= 1u << k;
    }
    return stops;
#endif
}

#endif

// The scan of a JSON string's content: where it stops (a quote, a backslash,
// a control byte) and whether the bytes before the stop are UTF-8, in one
// pass over 16-byte blocks. The UTF-8 check classifies each pair of adjacent
// bytes by three table lookups (the first byte's high and low nibble, the
// second byte's high nibble), each table giving a bit per kind of error, so
// that the AND of the three is non-zero exactly where the pair is wrong; a
// third or fourth byte of a sequence is checked against the lead two or
// three bytes back. Blocks of ASCII skip the check. SSSE3 (16-byte blocks)
// or AVX2 (32), chosen at run time; a portable word scan elsewhere, which
// leaves the UTF-8 check to the caller. Our own code.

#include "cjsonscan.h"

#include <stdatomic.h>
#include <string.h>

static const uint64_t ones = 0x0101010101010101ull;
static const uint64_t high_bits = 0x8080808080808080ull;

uint64_t tuanthu_json_scan_string_portable(const uint8_t *p, size_t n) {
    size_t i = 0;
    uint64_t high = 0;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        // The high bit of a byte is set when it is < 0x20, `"` or `\`; only the
        // lowest flag counts (a borrow may flag the bytes above it).
        const uint64_t q = w ^ (ones * 0x22), s = w ^ (ones * 0x5C);
        const uint64_t stop = (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((s - ones) & ~s)) & high_bits;
        if (stop != 0) {
            const unsigned k = (unsigned)__builtin_ctzll(stop) >> 3;
            if (k != 0) high |= w & high_bits & ((1ull << (k * 8)) - 1);
            i += k;
            goto done;
        }
        high |= w & high_bits;
        i += 8;
    }
    while (i < n) {
        const uint8_t b = p[i];
        if (b == '"' || b == '\\' || b < 0x20) break;
        high |= b & 0x80;
        i += 1;
    }
done:
    return (uint64_t)i | (high != 0 ? TUANTHU_JSON_SCAN_HIGH | TUANTHU_JSON_SCAN_CHECK : 0);
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

// Error kinds of a byte pair (first, second); a lookup table per nibble.
enum {
    TOO_SHORT = 1 << 0,   // a lead byte, then no continuation byte
    TOO_LONG = 1 << 1,    // an ASCII byte, then a continuation byte
    OVERLONG_3 = 1 << 2,  // E0, then 80..9F
    TOO_LARGE = 1 << 3,   // F4, then 90..BF; F5..FF, then 90..BF
    SURROGATE = 1 << 4,   // ED, then A0..BF
    OVERLONG_2 = 1 << 5,  // C0 or C1, then a continuation byte
    F_THEN_80 = 1 << 6,   // F0 (overlong) or F5..FF (too large), then 80..8F
    TWO_CONTS = 1 << 7,   // a continuation byte, then another one
};

#define B(x) ((char)(x))

// The error kinds possible for each high nibble of the first byte.
#define FIRST_HIGH                                                                                          \
    _mm_setr_epi8(B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), \
                  B(TOO_LONG), B(TWO_CONTS), B(TWO_CONTS), B(TWO_CONTS), B(TWO_CONTS),                       \
                  B(TOO_SHORT | OVERLONG_2), B(TOO_SHORT), B(TOO_SHORT | OVERLONG_3 | SURROGATE),            \
                  B(TOO_SHORT | TOO_LARGE | F_THEN_80))

// For each low nibble of the first byte (the kinds that need no low nibble are in every entry).
#define ANY (TOO_SHORT | TOO_LONG | TWO_CONTS)
#define FIRST_LOW                                                                                             \
    _mm_setr_epi8(B(ANY | OVERLONG_3 | OVERLONG_2 | F_THEN_80), B(ANY | OVERLONG_2), B(ANY), B(ANY),            \
                  B(ANY | TOO_LARGE), B(ANY | TOO_LARGE | F_THEN_80), B(ANY | TOO_LARGE | F_THEN_80),          \
                  B(ANY | TOO_LARGE | F_THEN_80), B(ANY | TOO_LARGE | F_THEN_80), B(ANY | TOO_LARGE | F_THEN_80), \
                  B(ANY | TOO_LARGE | F_THEN_80), B(ANY | TOO_LARGE | F_THEN_80), B(ANY | TOO_LARGE | F_THEN_80), \
                  B(ANY | TOO_LARGE | F_THEN_80 | SURROGATE), B(ANY | TOO_LARGE | F_THEN_80),                  \
                  B(ANY | TOO_LARGE | F_THEN_80))

// For each high nibble of the second byte.
#define CONT_8 (TOO_LONG | TWO_CONTS | OVERLONG_3 | OVERLONG_2 | F_THEN_80)
#define CONT_9 (TOO_LONG | TWO_CONTS | OVERLONG_3 | OVERLONG_2 | TOO_LARGE)
#define CONT_AB (TOO_LONG | TWO_CONTS | OVERLONG_2 | TOO_LARGE | SURROGATE)
#define SECOND_HIGH                                                                                              \
    _mm_setr_epi8(B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), \
                  B(TOO_SHORT), B(CONT_8), B(CONT_9), B(CONT_AB), B(CONT_AB), B(TOO_SHORT), B(TOO_SHORT),           \
                  B(TOO_SHORT), B(TOO_SHORT))

/// Error bits of block `v`, whose 16 bytes before are `prev`: zero when every
/// sequence that ends or continues in `v` is well formed so far.
__attribute__((target("ssse3"), always_inline)) static inline __m128i utf8_errors(__m128i v, __m128i prev) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i prev1 = _mm_alignr_epi8(v, prev, 15);
    const __m128i first_high = _mm_shuffle_epi8(FIRST_HIGH, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
    const __m128i first_low = _mm_shuffle_epi8(FIRST_LOW, _mm_and_si128(prev1, nibble));
    const __m128i second_high = _mm_shuffle_epi8(SECOND_HIGH, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
    const __m128i pairs = _mm_and_si128(_mm_and_si128(first_high, first_low), second_high);
    // A byte two after a three- or four-byte lead, or three after a four-byte
    // lead, must be a continuation byte: there, and only there, TWO_CONTS is right.
    const __m128i prev2 = _mm_alignr_epi8(v, prev, 14);
    const __m128i prev3 = _mm_alignr_epi8(v, prev, 13);
    const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(B(0xE0 - 0x80)));
    const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(B(0xF0 - 0x80)));
    const __m128i must_continue = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(B(0x80)));
    return _mm_xor_si128(pairs, must_continue);
}

__attribute__((target("ssse3"))) static uint64_t scan_ssse3(const uint8_t *p, size_t n) {
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1F);
    const __m128i positions = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    // The byte before the content is the opening quote: ASCII, like zeros.
    __m128i prev = _mm_setzero_si128();
    __m128i errors = _mm_setzero_si128();
    unsigned prev_high = 0, any_high = 0;
    size_t i = 0;
    for (;;) {
        __m128i v;
        size_t valid = 16;
        if (i + 16 <= n) {
            v = _mm_loadu_si128((const __m128i *)(p + i));
        } else {
            // The last block, zero-padded: a sequence cut short by the end fails.
            uint8_t tail[16] = {0};
            valid = n - i;
            memcpy(tail, p + i, valid);
            v = _mm_loadu_si128((const __m128i *)tail);
        }
        const __m128i is_stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                             _mm_cmpeq_epi8(_mm_min_epu8(v, control), v));
        unsigned stop = (unsigned)_mm_movemask_epi8(is_stop);
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        if (valid < 16) stop &= (1u << valid) - 1;
        if (stop != 0) {
            const unsigned k = (unsigned)__builtin_ctz(stop);
            high &= (1u << k) - 1;
            any_high |= high;
            if ((high | prev_high) != 0) {
                // Up to the stop byte (ASCII, so it ends any sequence before it); the rest zeroed.
                const __m128i keep = _mm_cmpgt_epi8(_mm_set1_epi8((char)(k + 1)), positions);
                errors = _mm_or_si128(errors, utf8_errors(_mm_and_si128(v, keep), prev));
            }
            i += k;
            break;
        }
        if (valid < 16) {
            any_high |= high;
            if ((high | prev_high) != 0) errors = _mm_or_si128(errors, utf8_errors(v, prev));
            i = n;
            break;
        }
        if ((high | prev_high) != 0) errors = _mm_or_si128(errors, utf8_errors(v, prev));
        any_high |= high;
        prev_high = high;
        prev = v;
        i += 16;
    }
    uint64_t result = (uint64_t)i;
    if (any_high != 0) result |= TUANTHU_JSON_SCAN_HIGH;
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) != 0xFFFF) result |= TUANTHU_JSON_SCAN_CHECK;
    return result;
}

/// The same error bits for a 32-byte block (two 16-byte lanes; the bytes
/// before each lane come from the lane before it).
__attribute__((target("avx2"), always_inline)) static inline __m256i utf8_errors_avx2(__m256i v, __m256i prev) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    // Low lane: the last lane of `prev`; high lane: the low lane of `v`.
    const __m256i before = _mm256_permute2x128_si256(prev, v, 0x21);
    const __m256i prev1 = _mm256_alignr_epi8(v, before, 15);
    const __m256i first_high = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(FIRST_HIGH), _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble));
    const __m256i first_low = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(FIRST_LOW), _mm256_and_si256(prev1, nibble));
    const __m256i second_high = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(SECOND_HIGH), _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
    const __m256i pairs = _mm256_and_si256(_mm256_and_si256(first_high, first_low), second_high);
    const __m256i prev2 = _mm256_alignr_epi8(v, before, 14);
    const __m256i prev3 = _mm256_alignr_epi8(v, before, 13);
    const __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(B(0xE0 - 0x80)));
    const __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(B(0xF0 - 0x80)));
    const __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(B(0x80)));
    return _mm256_xor_si256(pairs, must_continue);
}

/// `scan_ssse3` 32 bytes at a time.
__attribute__((target("avx2"))) static uint64_t scan_avx2(const uint8_t *p, size_t n) {
    const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\'), control = _mm256_set1_epi8(0x1F);
    const __m256i positions = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                                               26, 27, 28, 29, 30, 31);
    __m256i prev = _mm256_setzero_si256();
    __m256i errors = _mm256_setzero_si256();
    unsigned prev_high = 0, any_high = 0;
    size_t i = 0;
    for (;;) {
        __m256i v;
        size_t valid = 32;
        if (i + 32 <= n) {
            v = _mm256_loadu_si256((const __m256i *)(p + i));
        } else {
            uint8_t tail[32] = {0};
            valid = n - i;
            memcpy(tail, p + i, valid);
            v = _mm256_loadu_si256((const __m256i *)tail);
        }
        const __m256i is_stop = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
                                                _mm256_cmpeq_epi8(_mm256_min_epu8(v, control), v));
        unsigned stop = (unsigned)_mm256_movemask_epi8(is_stop);
        unsigned high = (unsigned)_mm256_movemask_epi8(v);
        if (valid < 32) stop &= (1u << valid) - 1;
        if (stop != 0) {
            const unsigned k = (unsigned)__builtin_ctz(stop);
            high &= (1u << k) - 1;
            any_high |= high;
            if ((high | prev_high) != 0) {
                const __m256i keep = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(k + 1)), positions);
                errors = _mm256_or_si256(errors, utf8_errors_avx2(_mm256_and_si256(v, keep), prev));
            }
            i += k;
            break;
        }
        if (valid < 32) {
            any_high |= high;
            if ((high | prev_high) != 0) errors = _mm256_or_si256(errors, utf8_errors_avx2(v, prev));
            i = n;
            break;
        }
        if ((high | prev_high) != 0) errors = _mm256_or_si256(errors, utf8_errors_avx2(v, prev));
        any_high |= high;
        prev_high = high;
        prev = v;
        i += 32;
    }
    uint64_t result = (uint64_t)i;
    if (any_high != 0) result |= TUANTHU_JSON_SCAN_HIGH;
    if (!_mm256_testz_si256(errors, errors)) result |= TUANTHU_JSON_SCAN_CHECK;
    return result;
}

/// The best vector path of this CPU: 0 not yet known, else 1 + a
/// `tuanthu_json_scan_level` value. Relaxed: every thread computes the same.
static _Atomic int level = 0;

static int find_level(void) {
    unsigned a, b, c, d;
    int found = 0;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        const int ssse3 = (c >> 9) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
        if (ssse3) found = 1;
        // AVX2 needs the OS to save the YMM registers (XCR0 bits 1 and 2).
        if (osxsave && avx && __get_cpuid_count(7, 0, &a, &b, &c, &d) && ((b >> 5) & 1)) {
            unsigned lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            if ((lo & 6) == 6) found = 2;
        }
    }
    atomic_store_explicit(&level, found + 1, memory_order_relaxed);
    return found + 1;
}

int tuanthu_json_scan_level(void) {
    int l = atomic_load_explicit(&level, memory_order_relaxed);
    if (l == 0) l = find_level();
    return l - 1;
}

uint64_t tuanthu_json_scan_string(const uint8_t *p, size_t n) {
    int l = atomic_load_explicit(&level, memory_order_relaxed);
    if (__builtin_expect(l == 0, 0)) l = find_level();
    if (l == 3) return scan_avx2(p, n);
    if (l == 2) return scan_ssse3(p, n);
    return tuanthu_json_scan_string_portable(p, n);
}

uint64_t tuanthu_json_scan_string_at_level(const uint8_t *p, size_t n, int at) {
    if (at > tuanthu_json_scan_level()) at = 0;
    if (at == 2) return scan_avx2(p, n);
    if (at == 1) return scan_ssse3(p, n);
    return tuanthu_json_scan_string_portable(p, n);
}

#else

uint64_t tuanthu_json_scan_string(const uint8_t *p, size_t n) { return tuanthu_json_scan_string_portable(p, n); }

int tuanthu_json_scan_level(void) { return 0; }

uint64_t tuanthu_json_scan_string_at_level(const uint8_t *p, size_t n, int at) {
    (void)at;
    return tuanthu_json_scan_string_portable(p, n);
}

#endif

// SHA-256 with the CPU's SHA instructions (Intel SHA extensions, which AMD
// Zen has too). The portable Swift implementation in Sources/Digest is the
// reference and the fallback; tests cross-check the two on random inputs.

#include "csha256.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int tuanthu_sha256_hardware_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

#define SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t initial_state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

// The instructions keep the state as two vectors, ABEF and CDGH, and take
// four message words a step: SHA256RNDS2 does two rounds, MSG1/MSG2 extend
// the schedule four words at a time.
typedef struct {
    __m128i abef, cdgh;
} lane;

SHA_TARGET static inline lane lane_load(const uint32_t state[8]) {
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    lane l = {_mm_alignr_epi8(cdab, efgh, 8), _mm_blend_epi16(efgh, cdab, 0xF0)};
    return l;
}

SHA_TARGET static inline void lane_store(lane l, uint32_t state[8]) {
    __m128i feba = _mm_shuffle_epi32(l.abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(l.cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

SHA_TARGET static inline __m128i load_words(const uint8_t *p) {
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), byteswap);
}

// W[4g..4g+3] from the four groups before it (w holds them by g mod 4).
#define SCHEDULE(w, g)                                                                  \
    do {                                                                                \
        __m128i t_ = _mm_sha256msg1_epu32(w[(g) & 3], w[((g) + 1) & 3]);                \
        t_ = _mm_add_epi32(t_, _mm_alignr_epi8(w[((g) + 3) & 3], w[((g) + 2) & 3], 4)); \
        w[(g) & 3] = _mm_sha256msg2_epu32(t_, w[((g) + 3) & 3]);                        \
    } while (0)

// One 64-byte block.
SHA_TARGET static inline lane compress_one(lane s, const uint8_t *data) {
    const lane in = s;
    __m128i w[4];
    for (int i = 0; i < 4; i++) w[i] = load_words(data + 16 * i);
#pragma clang loop unroll(full)
    for (int g = 0; g < 16; g++) {
        if (g >= 4) SCHEDULE(w, g);
        __m128i kw = _mm_add_epi32(w[g & 3], _mm_load_si128((const __m128i *)&round_constants[4 * g]));
        s.cdgh = _mm_sha256rnds2_epu32(s.cdgh, s.abef, kw);
        s.abef = _mm_sha256rnds2_epu32(s.abef, s.cdgh, _mm_shuffle_epi32(kw, 0x0E));
    }
    s.abef = _mm_add_epi32(s.abef, in.abef);
    s.cdgh = _mm_add_epi32(s.cdgh, in.cdgh);
    return s;
}

// One block of each of two independent messages, their rounds interleaved.
// SHA256RNDS2 is latency-bound: each takes the state the one before it made,
// so one message leaves the unit idle between steps; a second, independent
// chain fills those gaps (about twice the throughput of `compress_one`).
SHA_TARGET static inline void compress_two(lane *x, const uint8_t *dx, lane *y, const uint8_t *dy) {
    lane a = *x, b = *y;
    const lane ain = a, bin = b;
    __m128i wa[4], wb[4];
    for (int i = 0; i < 4; i++) {
        wa[i] = load_words(dx + 16 * i);
        wb[i] = load_words(dy + 16 * i);
    }
#pragma clang loop unroll(full)
    for (int g = 0; g < 16; g++) {
        if (g >= 4) {
            SCHEDULE(wa, g);
            SCHEDULE(wb, g);
        }
        const __m128i k = _mm_load_si128((const __m128i *)&round_constants[4 * g]);
        __m128i kwa = _mm_add_epi32(wa[g & 3], k), kwb = _mm_add_epi32(wb[g & 3], k);
        a.cdgh = _mm_sha256rnds2_epu32(a.cdgh, a.abef, kwa);
        b.cdgh = _mm_sha256rnds2_epu32(b.cdgh, b.abef, kwb);
        a.abef = _mm_sha256rnds2_epu32(a.abef, a.cdgh, _mm_shuffle_epi32(kwa, 0x0E));
        b.abef = _mm_sha256rnds2_epu32(b.abef, b.cdgh, _mm_shuffle_epi32(kwb, 0x0E));
    }
    a.abef = _mm_add_epi32(a.abef, ain.abef);
    a.cdgh = _mm_add_epi32(a.cdgh, ain.cdgh);
    b.abef = _mm_add_epi32(b.abef, bin.abef);
    b.cdgh = _mm_add_epi32(b.cdgh, bin.cdgh);
    *x = a;
    *y = b;
}

SHA_TARGET
void tuanthu_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks) {
    lane s = lane_load(state);
    for (; blocks > 0; blocks--, data += 64) s = compress_one(s, data);
    lane_store(s, state);
}

// A whole message as blocks: its whole 64-byte blocks where they are, then
// the padded tail (the last < 64 bytes, 0x80, zeros, the bit length: one or
// two blocks) in `tail`.
typedef struct {
    const uint8_t *bytes;
    size_t whole;
    size_t blocks;
    uint8_t tail[128];
} message;

static void message_init(message *m, const uint8_t *bytes, size_t length) {
    m->bytes = bytes;
    m->whole = length / 64;
    const size_t rest = length % 64;
    const size_t tail_blocks = rest + 9 <= 64 ? 1 : 2;
    m->blocks = m->whole + tail_blocks;
    memset(m->tail, 0, sizeof m->tail);
    if (rest > 0) memcpy(m->tail, bytes + m->whole * 64, rest);
    m->tail[rest] = 0x80;
    const uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) m->tail[tail_blocks * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
}

static inline const uint8_t *message_block(const message *m, size_t i) {
    return i < m->whole ? m->bytes + 64 * i : m->tail + 64 * (i - m->whole);
}

// The blocks of `m` from `i` on, one lane.
SHA_TARGET static lane finish_one(lane s, const message *m, size_t i) {
    for (; i < m->whole; i++) s = compress_one(s, m->bytes + 64 * i);
    for (; i < m->blocks; i++) s = compress_one(s, m->tail + 64 * (i - m->whole));
    return s;
}

SHA_TARGET
void tuanthu_sha256_digest_hardware(const uint8_t *data, size_t length, uint32_t digest[8]) {
    message m;
    message_init(&m, data, length);
    lane_store(finish_one(lane_load(initial_state), &m, 0), digest);
}

SHA_TARGET
void tuanthu_sha256_digest_two_hardware(const uint8_t *a, size_t a_length, uint32_t a_digest[8],
                                        const uint8_t *b, size_t b_length, uint32_t b_digest[8]) {
    message ma, mb;
    message_init(&ma, a, a_length);
    message_init(&mb, b, b_length);
    lane x = lane_load(initial_state), y = x;
    const size_t common = ma.blocks < mb.blocks ? ma.blocks : mb.blocks;
    size_t i = 0;
    for (; i < common; i++) compress_two(&x, message_block(&ma, i), &y, message_block(&mb, i));
    // The longer message's last blocks, on one lane.
    x = finish_one(x, &ma, i);
    y = finish_one(y, &mb, i);
    lane_store(x, a_digest);
    lane_store(y, b_digest);
}

#else

int tuanthu_sha256_hardware_available(void) { return 0; }

// Never called (the Swift path runs instead): defined so the target links everywhere.
void tuanthu_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks;
}

void tuanthu_sha256_digest_hardware(const uint8_t *data, size_t length, uint32_t digest[8]) {
    (void)data; (void)length; (void)digest;
}

void tuanthu_sha256_digest_two_hardware(const uint8_t *a, size_t a_length, uint32_t a_digest[8],
                                        const uint8_t *b, size_t b_length, uint32_t b_digest[8]) {
    (void)a; (void)a_length; (void)a_digest; (void)b; (void)b_length; (void)b_digest;
}

#endif

/*
 * hash.c - the one hash the core's tables use: eight bytes a step, with a
 * variant that folds ASCII case on the way so that "Said" and "said" land
 * in the same slot. Tables confirm every hit with a compare, so a hash
 * only has to spread; neither is meant to resist chosen input (tables
 * that take input keys bound their probes, and rebuild with another seed
 * when keys collide by design).
 */
#include "base/base.h"

#include <string.h>

/* The last 0..7 bytes of s[0..n) (n < 8) as one word, in at most three
 * loads. */
static inline uint64_t tail_word(const char *s, size_t n)
{
	uint64_t w = 0;
	unsigned sh = 0;
	if (n & 4) {
		uint32_t v;
		memcpy(&v, s, 4);
		w = v;
		s += 4;
		sh = 32;
	}
	if (n & 2) {
		uint16_t v;
		memcpy(&v, s, 2);
		w |= (uint64_t)v << sh;
		s += 2;
		sh += 16;
	}
	if (n & 1)
		w |= (uint64_t)(unsigned char)*s << sh;
	return w;
}

uint64_t nr_hash__bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	h = (h ^ tail_word(s, n)) * 0x94d049bb133111ebull;
	return h ^ (h >> 29);
}

/* Case-folded words of s[0..n) for the hash below: what is 16 bytes or
 * shorter (names, most keys) is two loads, overlapping, not a loop. */
static inline uint32_t folded_hash(const char *s, size_t n, uint64_t seed)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n ^ seed;
	if (n >= 8 && n <= 16) {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		h = (h ^ nr_ascii__lower8(a)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		h = (h ^ nr_ascii__lower8(b)) * 0x94d049bb133111ebull;
	} else if (n >= 4 && n < 8) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		h = (h ^ nr_ascii__lower8((uint64_t)b << 32 | a)) * 0x94d049bb133111ebull;
	} else {
		size_t i = 0;
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			h = (h ^ nr_ascii__lower8(w)) * 0xbf58476d1ce4e5b9ull;
			h ^= h >> 31;
		}
		h = (h ^ nr_ascii__lower8(tail_word(s + i, n - i))) * 0x94d049bb133111ebull;
	}
	uint32_t r = (uint32_t)(h ^ (h >> 32));
	return r ? r : 1;
}

uint32_t nr_hash__fold(const char *s, size_t n) { return folded_hash(s, n, 0); }

uint32_t nr_hash__fold_seeded(const char *s, size_t n, uint64_t seed)
{
	return folded_hash(s, n, seed);
}

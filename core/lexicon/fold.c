/*
 * fold.c - how a phrase becomes a key: case and accents folded (ASCII,
 * Latin-1, Latin Extended-A), ’ read as ', whitespace runs made one space;
 * and the hash of keys, folded and hashed in one pass for plain words.
 */
#include "lexicon/lexicon_int.h"

/* Latin Extended-A (U+0100..U+017F) to ASCII base letters. */
static const char latin_ext_a[129] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkk"
				     "LlLlLlLlLlNnNnNnnNnOoOo"
				     "Oo"
				     "OoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* Latin-1 letters U+00C0..U+00FF; '*' marks the few with two-letter or
 * no folding, handled in code. */
static const char latin_1[65] = "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";

static size_t fold_cp(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		char c = latin_1[cp - 0xC0];
		if (c != '*') {
			out[0] = c;
			return 1;
		}
		switch (cp) {
		case 0xC6:
		case 0xE6:
			out[0] = 'a';
			out[1] = 'e';
			return 2;
		case 0xDE:
		case 0xFE:
			out[0] = 't';
			out[1] = 'h';
			return 2;
		case 0xDF:
			out[0] = 's';
			out[1] = 's';
			return 2;
		default: break; /* x and division sign: copied below */
		}
	} else if (cp >= 0x100 && cp <= 0x17F) {
		if (cp == 0x152 || cp == 0x153) {
			out[0] = 'o';
			out[1] = 'e';
			return 2;
		}
		char c = latin_ext_a[cp - 0x100];
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		return 1;
	} else if (cp >= 0x218 && cp <= 0x21B) { /* Romanian comma letters */
		out[0] = cp < 0x21A ? 's' : 't';
		return 1;
	} else if (cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x60 || cp == 0xB4) {
		out[0] = '\'';
		return 1;
	} else if (cp == 0x2010 || cp == 0x2011) {
		out[0] = '-';
		return 1;
	}
	/* Anything else keeps its bytes. */
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       nr_uc__is_space(cp);
}

bool nr_lexicon__norm_append(char *out, size_t *n, size_t cap, const char *s, size_t len, bool fold,
			     bool *pending_space)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		char t[4];
		size_t tn, k;
		if (b < 0x80) {
			/* ASCII fast path: most of news text. */
			if (b == ' ' || (b >= '\t' && b <= '\r')) {
				*pending_space = *n > 0;
				i++;
				continue;
			}
			if (*pending_space) {
				if (*n + 1 >= cap)
					return false;
				out[(*n)++] = ' ';
				*pending_space = false;
			}
			if (*n + 1 >= cap)
				return false;
			out[(*n)++] = (char)(fold && b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		} else {
			uint32_t cp;
			k = nr_utf8__decode(s + i, len - i, &cp);
			if (is_space_cp(cp)) {
				*pending_space = *n > 0;
				i += k;
				continue;
			}
			if (fold) {
				tn = fold_cp(cp, t);
			} else {
				memcpy(t, s + i, k);
				tn = k;
			}
		}
		if (*pending_space) {
			if (*n + 1 >= cap)
				return false;
			out[(*n)++] = ' ';
			*pending_space = false;
		}
		if (*n + tn >= cap)
			return false;
		memcpy(out + *n, t, tn);
		*n += tn;
		i += k;
	}
	out[*n] = '\0';
	return true;
}

bool nr_lexicon__raw_equals(const char *phrase, const char *s, size_t len)
{
	size_t i = 0, j = 0;
	bool space = false;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b == ' ' || (b >= '\t' && b <= '\r')) {
			space = j > 0;
			i++;
			continue;
		}
		if (b >= 0x80) {
			uint32_t cp;
			size_t k = nr_utf8__decode(s + i, len - i, &cp);
			if (is_space_cp(cp)) {
				space = j > 0;
				i += k;
				continue;
			}
		}
		if (space) {
			if (phrase[j++] != ' ')
				return false;
			space = false;
		}
		if (phrase[j] != (char)b)
			return false;
		j++;
		i++;
	}
	return phrase[j] == '\0';
}

size_t nr_lexicon__fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	bool sp = false;
	if (cap == 0)
		return SIZE_MAX;
	out[0] = '\0';
	if (!nr_lexicon__norm_append(out, &n, cap, s, len, true, &sp))
		return SIZE_MAX;
	return n;
}

/* A plain ASCII word, which is what is asked about nearly every time,
 * only needs its capitals lowered: no decoding, no spaces to fold. */
bool nr_lexicon__fold_key(const char *s, size_t len, char *key, size_t *klen, uint64_t *h)
{
	if (len <= LEX_MAXKEY) {
		size_t i;
		for (i = 0; i < len; i++) {
			unsigned char b = (unsigned char)s[i];
			if (b <= ' ' || b >= 0x80)
				break; /* whitespace, controls, UTF-8: the long way */
			key[i] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
		}
		if (i == len) {
			key[len] = '\0';
			*klen = len;
			*h = nr_lexicon__key_hash(key, len);
			return true;
		}
	}
	bool sp = false;
	*klen = 0;
	if (!nr_lexicon__norm_append(key, klen, LEX_MAXKEY + 1, s, len, true, &sp))
		return false;
	*h = nr_lexicon__key_hash(key, *klen);
	return true;
}

/* The 0..7 bytes of s[0..n) (n < 8) as one word, the bytes past n set to
 * 'a', in at most three loads: the tail of a word for the SWAR tests. */
static inline uint64_t tail_bytes(const char *s, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	char b[8] = { 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a' };
	memcpy(b, s, n);
	uint64_t v;
	memcpy(&v, b, 8);
	return v;
#endif
	uint64_t w = 0x6161616161616161ull;
	unsigned sh = 0;
	if (n & 4) {
		uint32_t v;
		memcpy(&v, s, 4);
		w = (w << 32) | v;
		s += 4;
		sh = 32;
	}
	if (n & 2) {
		uint16_t v;
		memcpy(&v, s, 2);
		w = (w & ~(0xffffull << sh)) | ((uint64_t)v << sh);
		s += 2;
		sh += 16;
	}
	if (n & 1)
		w = (w & ~(0xffull << sh)) | ((uint64_t)(unsigned char)*s << sh);
	return w;
}

/* Bytes of w at or past 0x80 or under 0x21 (space and controls) have their
 * high bit set in the result; it is 0 when there are none. */
static inline uint64_t odd_bytes(uint64_t w)
{
	return (w | ((w - 0x2121212121212121ull) & ~w)) & 0x8080808080808080ull;
}

bool nr_lexicon__ascii_key(const char *s, size_t len, char *key, bool *same)
{
	uint64_t odd = 0, up = 0;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t lw = nr_ascii__lower8(w);
		odd |= odd_bytes(w);
		up |= lw ^ w;
		memcpy(key + i, &lw, 8);
	}
	if (i < len) {
		uint64_t w = tail_bytes(s + i, len - i);
		uint64_t lw = nr_ascii__lower8(w);
		odd |= odd_bytes(w);
		up |= lw ^ w;
		memcpy(key + i, &lw, 8);
	}
	*same = up == 0;
	return odd == 0;
}

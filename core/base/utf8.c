/* utf8.c - UTF-8 decoding and repair, encoding guesses, and the small
 * slice of Unicode character classes that news text needs. */
#include "base/base.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* Length of the leading run of ASCII bytes, eight at a time. */
static size_t ascii_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

size_t nr_utf8__decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1Fu;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0Fu;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07u;
		min = 0x10000;
	} else {
		*cp = NR_REPLACEMENT;
		return 1;
	}
	if (len < n) {
		*cp = NR_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = NR_REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = NR_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return n;
}

void nr_utf8__encode(nr_buf *b, uint32_t cp)
{
	char t[4];
	size_t n;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = NR_REPLACEMENT;
	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	nr_buf__put(b, t, n);
}

bool nr_utf8__valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i += ascii_prefix((const unsigned char *)s + i, len - i);
			continue;
		}
		uint32_t cp;
		size_t n = nr_utf8__decode(s + i, len - i, &cp);
		if (cp == NR_REPLACEMENT && n == 1)
			return false;
		i += n;
	}
	return true;
}

nr_encoding nr_utf8__guess(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return NR_ENC_UTF16LE;
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return NR_ENC_UTF16BE;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return NR_ENC_UTF8;
	size_t good = 0, bad = 0, i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i += ascii_prefix(s + i, len - i);
			continue;
		}
		uint32_t cp;
		size_t n = nr_utf8__decode(str + i, len - i, &cp);
		if (n == 1 && cp == NR_REPLACEMENT)
			bad++;
		else
			good++;
		i += n;
	}
	/* Latin-1 text hardly ever forms valid multi-byte sequences by chance:
	 * if most high bytes fail, the whole file is single-byte. A mostly
	 * valid file with a few stray bytes is UTF-8 that needs repair. */
	if (bad > 0 && bad >= good)
		return NR_ENC_LATIN1;
	return NR_ENC_UTF8;
}

/* windows-1252 0x80..0x9F; 0 marks an undefined byte. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* windows-1252, byte by byte; its undefined bytes become U+FFFD. */
static void convert_cp1252(nr_buf *out, const unsigned char *s, size_t len)
{
	nr_buf__reserve(out, len + len / 2);
	for (size_t i = 0; i < len; i++) {
		uint32_t cp = s[i];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : NR_REPLACEMENT;
		if (cp < 0x80)
			nr_buf__putc(out, (char)cp);
		else
			nr_utf8__encode(out, cp);
	}
}

/* UTF-16 with surrogate pairs joined; a lone surrogate becomes U+FFFD
 * and an odd last byte is dropped. */
static void convert_utf16(nr_buf *out, const unsigned char *s, size_t len, bool le)
{
	size_t i = 0;
	if (len >= 2 &&
	    ((le && s[0] == 0xFF && s[1] == 0xFE) || (!le && s[0] == 0xFE && s[1] == 0xFF)))
		i = 2;
	while (i + 1 < len) {
		uint32_t u = le ? (uint32_t)(s[i] | (s[i + 1] << 8))
				: (uint32_t)((s[i] << 8) | s[i + 1]);
		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
			uint32_t lo = le ? (uint32_t)(s[i] | (s[i + 1] << 8))
					 : (uint32_t)((s[i] << 8) | s[i + 1]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				i += 2;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			} else {
				u = NR_REPLACEMENT;
			}
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			u = NR_REPLACEMENT;
		}
		nr_utf8__encode(out, u);
	}
}

/* UTF-8 as it is, BOM dropped: valid runs copied in bulk, each byte that
 * starts no valid sequence replaced with U+FFFD. */
static void repair_utf8(nr_buf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	nr_buf__reserve(out, len - i);
	while (i < len) {
		size_t run = i;
		while (run < len) {
			if (s[run] < 0x80) {
				run += ascii_prefix(s + run, len - run);
				continue;
			}
			uint32_t cp;
			size_t n = nr_utf8__decode(str + run, len - run, &cp);
			if (n == 1 && cp == NR_REPLACEMENT)
				break;
			run += n;
		}
		nr_buf__put(out, str + i, run - i);
		if (run < len) {
			nr_utf8__encode(out, NR_REPLACEMENT);
			run++;
		}
		i = run;
	}
}

void nr_utf8__convert(nr_buf *out, const char *str, size_t len, nr_encoding enc)
{
	const unsigned char *s = (const unsigned char *)str;
	switch (enc) {
	case NR_ENC_LATIN1: convert_cp1252(out, s, len); return;
	case NR_ENC_UTF16LE: convert_utf16(out, s, len, true); return;
	case NR_ENC_UTF16BE: convert_utf16(out, s, len, false); return;
	case NR_ENC_UTF8:
	default: repair_utf8(out, str, len); return;
	}
}

bool nr_utf8__from_charset(nr_buf *out, const char *s, size_t len, const char *charset)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return false;
	char *in = (char *)s;
	size_t inleft = len;
	while (inleft > 0 && !out->oom) {
		if (!nr_buf__reserve(out, inleft * 2 + 64))
			break;
		char *o = out->data + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		nr_utf8__encode(out, NR_REPLACEMENT);
		if (errno != EILSEQ)
			break; /* EINVAL: cut short at the end */
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return true;
}

bool nr_ascii__prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)prefix[i])
			return false;
	}
	return true;
}

bool nr_utf8__looks_binary(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return false;
	size_t n = len < 8192 ? len : 8192;
	size_t ctrl = 0;
	for (size_t i = 0; i < n;) {
		/* Skip eight bytes at a time while none is below 0x20. */
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		unsigned char c = s[i++];
		if (c == 0)
			return true;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
		    c != 0x1B)
			ctrl++;
	}
	/* A stray control byte is damage to repair; many are a binary file. */
	return n > 0 && ctrl * 20 > n;
}

bool nr_uc__is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool nr_uc__is_invisible(uint32_t cp)
{
	return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
	       cp == 0xFEFF || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

bool nr_uc__is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x137)
		return (cp & 1) == 0;
	if (cp >= 0x139 && cp <= 0x148)
		return (cp & 1) == 1;
	if (cp >= 0x14A && cp <= 0x177)
		return (cp & 1) == 0;
	if (cp == 0x178)
		return true;
	if (cp >= 0x179 && cp <= 0x17E)
		return (cp & 1) == 1;
	if (cp >= 0x391 && cp <= 0x3AB)
		return cp != 0x3A2;
	if (cp >= 0x400 && cp <= 0x42F)
		return true;
	if (cp >= 0x460 && cp <= 0x4FF)
		return (cp & 1) == 0;
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return (cp & 1) == 0;
	return false;
}

bool nr_uc__is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	if (cp >= 0xDF && cp <= 0xFF)
		return cp != 0xF7;
	if (cp >= 0x100 && cp <= 0x17F)
		return nr_uc__is_alpha(cp) && !nr_uc__is_upper(cp);
	if (cp >= 0x180 && cp <= 0x24F)
		return false; /* mixed block; treat as caseless */
	if (cp >= 0x3AC && cp <= 0x3CE)
		return true;
	if (cp >= 0x430 && cp <= 0x45F)
		return true;
	if (cp >= 0x460 && cp <= 0x4FF)
		return (cp & 1) == 1;
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return (cp & 1) == 1;
	return false;
}

bool nr_uc__is_alpha(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
		return true;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return (cp >= 0x250 && cp <= 0x2AF) || /* IPA */
	       (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E && cp != 0x387) ||
	       (cp >= 0x400 && cp <= 0x52F) ||                                 /* Cyrillic */
	       (cp >= 0x531 && cp <= 0x587) ||                                 /* Armenian */
	       (cp >= 0x5D0 && cp <= 0x5EA) ||                                 /* Hebrew */
	       (cp >= 0x620 && cp <= 0x64A) ||                                 /* Arabic */
	       (cp >= 0x671 && cp <= 0x6D3) || (cp >= 0x900 && cp <= 0xDFF) || /* Indic scripts */
	       (cp >= 0xE00 && cp <= 0xE30) ||                                 /* Thai */
	       (cp >= 0x10A0 && cp <= 0x10FF) ||                               /* Georgian */
	       (cp >= 0x1100 && cp <= 0x11FF) ||                               /* Hangul Jamo */
	       (cp >= 0x1E00 && cp <= 0x1FFF) || /* Latin ext. additional, Greek ext. */
	       (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) || /* Hangul syllables */
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	       (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

bool nr_uc__is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x660 && cp <= 0x669) ||
	       (cp >= 0xFF10 && cp <= 0xFF19);
}

bool nr_uc__is_quote(uint32_t cp)
{
	switch (cp) {
	case '"':
	case '\'':
	case 0xAB:
	case 0xBB:
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2039:
	case 0x203A:
	case 0x300C:
	case 0x300D:
	case 0x300E:
	case 0x300F:
	case 0xFF02: return true;
	default: return false;
	}
}

bool nr_uc__is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

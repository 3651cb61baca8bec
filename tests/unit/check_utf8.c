/* check_utf8.c - the byte layer under every reader: UTF-8 decoding and
 * repair, encoding guesses and conversion, binary detection, the text
 * cleaner, and the buffer and arena they write into. */
#include "testutil.h"
#include "article/article.h"

#include <check.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A string literal and its length, NULs inside included. */
#define LIT(s) (s), (sizeof(s) - 1)

/* Decode s (NUL-terminated unless len given) and check used bytes + cp. */
static void expect_decode(const char *s, size_t len, size_t used, uint32_t cp)
{
	uint32_t got = 0;
	size_t n = nr_utf8__decode(s, len, &got);
	ck_assert_uint_eq(n, used);
	ck_assert_uint_eq(got, cp);
}

START_TEST(decode_valid)
{
	expect_decode("A", 1, 1, 'A');
	expect_decode("\x7F", 1, 1, 0x7F);
	expect_decode("\xC3\xA9", 2, 2, 0xE9);            /* é */
	expect_decode("\xC2\x80", 2, 2, 0x80);            /* smallest 2-byte */
	expect_decode("\xE2\x80\x9C", 3, 3, 0x201C);      /* “ */
	expect_decode("\xEF\xBF\xBD", 3, 3, 0xFFFD);      /* U+FFFD itself */
	expect_decode("\xF0\x9F\x93\xB0", 4, 4, 0x1F4F0); /* newspaper emoji */
	expect_decode("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF);
	/* Only the first character is decoded. */
	expect_decode("\xC3\xA9xyz", 5, 2, 0xE9);
}
END_TEST

START_TEST(decode_invalid_consumes_one_byte)
{
	expect_decode("\x80", 1, 1, NR_REPLACEMENT); /* lone continuation */
	expect_decode("\xBF", 1, 1, NR_REPLACEMENT);
	expect_decode("\xC0\x80", 2, 1, NR_REPLACEMENT);         /* overlong NUL */
	expect_decode("\xC1\xBF", 2, 1, NR_REPLACEMENT);         /* overlong */
	expect_decode("\xE0\x80\x80", 3, 1, NR_REPLACEMENT);     /* overlong 3-byte */
	expect_decode("\xF0\x80\x80\x80", 4, 1, NR_REPLACEMENT); /* overlong 4-byte */
	expect_decode("\xED\xA0\x80", 3, 1, NR_REPLACEMENT);     /* UTF-16 surrogate */
	expect_decode("\xED\xBF\xBF", 3, 1, NR_REPLACEMENT);
	expect_decode("\xF4\x90\x80\x80", 4, 1, NR_REPLACEMENT); /* > U+10FFFF */
	expect_decode("\xF5\x80\x80\x80", 4, 1, NR_REPLACEMENT);
	expect_decode("\xFF", 1, 1, NR_REPLACEMENT);
	expect_decode("\xC3"
		      "A",
		      2, 1, NR_REPLACEMENT); /* bad continuation */
	expect_decode("\xE2\x80"
		      "A",
		      3, 1, NR_REPLACEMENT);
	/* Truncated by the length, even though the bytes go on in memory. */
	expect_decode("\xE2\x80\x9C", 2, 1, NR_REPLACEMENT);
	expect_decode("\xF0\x9F\x93\xB0", 3, 1, NR_REPLACEMENT);
	expect_decode("\xC3\xA9", 1, 1, NR_REPLACEMENT);
}
END_TEST

START_TEST(encode_round_trip)
{
	static const uint32_t cps[] = { 0,      'a',    0x7F,    0x80,    0xE9,
					0x7FF,  0x800,  0x201D,  0xD7FF,  0xE000,
					0xFFFD, 0xFFFF, 0x10000, 0x1F4F0, 0x10FFFF };
	for (size_t i = 0; i < NR_ARRAY_LEN(cps); i++) {
		nr_buf b = NR_BUF_INIT;
		nr_utf8__encode(&b, cps[i]);
		ck_assert(!b.oom);
		size_t want = cps[i] < 0x80 ? 1 : cps[i] < 0x800 ? 2 : cps[i] < 0x10000 ? 3 : 4;
		ck_assert_uint_eq(b.len, want);
		uint32_t cp;
		ck_assert_uint_eq(nr_utf8__decode(b.data, b.len, &cp), want);
		ck_assert_uint_eq(cp, cps[i]);
		nr_buf__free(&b);
	}
}
END_TEST

START_TEST(encode_refuses_non_characters_of_utf8)
{
	/* Surrogates and values past U+10FFFF cannot be UTF-8: U+FFFD instead. */
	static const uint32_t bad[] = { 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x110000, 0xFFFFFFFF };
	for (size_t i = 0; i < NR_ARRAY_LEN(bad); i++) {
		nr_buf b = NR_BUF_INIT;
		nr_utf8__encode(&b, bad[i]);
		ck_assert_uint_eq(b.len, 3);
		ck_assert_mem_eq(b.data, "\xEF\xBF\xBD", 3);
		nr_buf__free(&b);
	}
}
END_TEST

START_TEST(valid)
{
	ck_assert(nr_utf8__valid("", 0));
	ck_assert(nr_utf8__valid("plain ASCII", 11));
	ck_assert(nr_utf8__valid(LIT("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D")));
	ck_assert(nr_utf8__valid("\xEF\xBF\xBD", 3)); /* a real U+FFFD is valid */
	ck_assert(!nr_utf8__valid("caf\xE9", 4));     /* Latin-1 é */
	ck_assert(!nr_utf8__valid("ab\xC3", 3));      /* truncated at the end */
	ck_assert(!nr_utf8__valid("\xED\xA0\x80", 3));
	ck_assert(!nr_utf8__valid("\xC0\xAF", 2));
}
END_TEST

/* ---------------------------------------------------------------- */

START_TEST(guess_bom)
{
	ck_assert_int_eq(nr_utf8__guess("\xFF\xFE"
					"a\0",
					4),
			 NR_ENC_UTF16LE);
	ck_assert_int_eq(nr_utf8__guess("\xFE\xFF\0a", 4), NR_ENC_UTF16BE);
	/* A UTF-8 BOM wins even over bytes that look like Latin-1. */
	ck_assert_int_eq(nr_utf8__guess("\xEF\xBB\xBF"
					"caf\xE9",
					7),
			 NR_ENC_UTF8);
}
END_TEST

START_TEST(guess_without_bom)
{
	ck_assert_int_eq(nr_utf8__guess("", 0), NR_ENC_UTF8);
	ck_assert_int_eq(nr_utf8__guess("Plain ASCII news.", 17), NR_ENC_UTF8);
	const char *u = "Le caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x94 d\xC3\xA9j\xC3\xA0 vu.";
	ck_assert_int_eq(nr_utf8__guess(u, strlen(u)), NR_ENC_UTF8);
	const char *l = "Le caf\xE9 na\xEFve \x97 d\xE9j\xE0 vu.";
	ck_assert_int_eq(nr_utf8__guess(l, strlen(l)), NR_ENC_LATIN1);
	/* Mostly UTF-8 with one stray byte: UTF-8 in need of repair. */
	const char *m = "\xC3\xA9t\xC3\xA9, \xC3\xA0 No\xC3\xABl, stray \xE9 byte.";
	ck_assert_int_eq(nr_utf8__guess(m, strlen(m)), NR_ENC_UTF8);
}
END_TEST

static char *convert(const char *s, size_t len, nr_encoding enc, size_t *outlen)
{
	nr_buf b = NR_BUF_INIT;
	nr_utf8__convert(&b, s, len, enc);
	ck_assert(!b.oom);
	return nr_buf__detach(&b, outlen);
}

START_TEST(convert_latin1)
{
	size_t n;
	char *s = convert(LIT("Caf\xE9 \xAB"
			      "d\xE9j\xE0 vu\xBB \xA3"
			      "5"),
			  NR_ENC_LATIN1, &n);
	ck_assert_str_eq(s, "Caf\xC3\xA9 \xC2\xAB"
			    "d\xC3\xA9j\xC3\xA0 vu\xC2\xBB \xC2\xA3"
			    "5");
	ck_assert_uint_eq(n, strlen(s));
	ck_assert(nr_utf8__valid(s, n));
	free(s);

	/* The windows-1252 block: curly quotes, dashes, euro, ellipsis. */
	s = convert(LIT("\x93Yes\x94 \x96 \x80"
			"5\x85"),
		    NR_ENC_LATIN1, &n);
	ck_assert_str_eq(s, "\xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC"
			    "5\xE2\x80\xA6");
	free(s);

	/* Bytes windows-1252 leaves undefined become U+FFFD, never C1 controls. */
	s = convert(LIT("a\x81"
			"b\x8D"
			"c\x9D"),
		    NR_ENC_LATIN1, &n);
	ck_assert_str_eq(s, "a\xEF\xBF\xBD"
			    "b\xEF\xBF\xBD"
			    "c\xEF\xBF\xBD");
	free(s);
}
END_TEST

START_TEST(convert_utf16)
{
	size_t n;
	/* "Hé“" + U+1F4F0 as a surrogate pair, little-endian with BOM. */
	static const char le[] = "\xFF\xFE"
				 "H\0"
				 "\xE9\0"
				 "\x1C\x20"
				 "\x3D\xD8\xF0\xDC";
	char *s = convert(le, sizeof(le) - 1, NR_ENC_UTF16LE, &n);
	ck_assert_str_eq(s, "H\xC3\xA9\xE2\x80\x9C\xF0\x9F\x93\xB0");
	free(s);

	static const char be[] = "\xFE\xFF"
				 "\0H"
				 "\0\xE9"
				 "\x20\x1C"
				 "\xD8\x3D\xDC\xF0";
	s = convert(be, sizeof(be) - 1, NR_ENC_UTF16BE, &n);
	ck_assert_str_eq(s, "H\xC3\xA9\xE2\x80\x9C\xF0\x9F\x93\xB0");
	free(s);

	/* Without a BOM the caller's choice of byte order holds. */
	s = convert("O\0K\0", 4, NR_ENC_UTF16LE, &n);
	ck_assert_str_eq(s, "OK");
	free(s);

	/* A lone high surrogate, a lone low surrogate, and an odd last byte. */
	static const char bad[] = "\xFF\xFE"
				  "\x3D\xD8"
				  "a\0"
				  "\x00\xDC"
				  "b\0"
				  "c";
	s = convert(bad, sizeof(bad) - 1, NR_ENC_UTF16LE, &n);
	ck_assert_str_eq(s, "\xEF\xBF\xBD"
			    "a"
			    "\xEF\xBF\xBD"
			    "b");
	ck_assert(nr_utf8__valid(s, n));
	free(s);

	/* A high surrogate at the very end. */
	s = convert("x\0\x3D\xD8", 4, NR_ENC_UTF16LE, &n);
	ck_assert_str_eq(s, "x\xEF\xBF\xBD");
	free(s);
}
END_TEST

START_TEST(convert_utf8_repairs)
{
	size_t n;
	char *s = convert(LIT("\xEF\xBB\xBFGood \xC3\xA9 bad \xE9 end\xC3"), NR_ENC_UTF8, &n);
	ck_assert_str_eq(s, "Good \xC3\xA9 bad \xEF\xBF\xBD end\xEF\xBF\xBD");
	ck_assert(nr_utf8__valid(s, n));
	free(s);

	/* Every bad byte of a sequence gets its own replacement. */
	s = convert(LIT("[\xED\xA0\x80]"), NR_ENC_UTF8, &n);
	ck_assert_str_eq(s, "[\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD]");
	free(s);

	/* Empty input: an empty, NUL-terminated string. */
	s = convert("", 0, NR_ENC_UTF8, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(convert_appends)
{
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "x:");
	nr_utf8__convert(&b, "\xE9", 1, NR_ENC_LATIN1);
	ck_assert_str_eq(b.data, "x:\xC3\xA9");
	nr_buf__free(&b);
}
END_TEST

/* ---------------------------------------------------------------- */

START_TEST(binary_detection)
{
	ck_assert(!nr_utf8__looks_binary("", 0));
	ck_assert(!nr_utf8__looks_binary(LIT("Plain text.\r\n\tIndented.\f\v")));
	ck_assert(nr_utf8__looks_binary("PK\x03\x04\0\0", 6)); /* a zip header */
	ck_assert(nr_utf8__looks_binary("text\0more", 9));
	/* UTF-16 with a BOM is full of NULs and is still text. */
	ck_assert(!nr_utf8__looks_binary("\xFF\xFE"
					 "a\0b\0",
					 6));
	ck_assert(!nr_utf8__looks_binary("\xFE\xFF\0a\0b", 6));
	/* ESC (terminal colours) and one stray control byte are damage, not binary. */
	ck_assert(!nr_utf8__looks_binary(LIT("\x1B[1mBold\x1B[0m headline")));
	char text[200];
	memset(text, 'a', sizeof(text));
	text[50] = '\x01';
	ck_assert(!nr_utf8__looks_binary(text, sizeof(text)));
	/* Many control bytes are a binary file. */
	for (size_t i = 0; i < sizeof(text); i += 4)
		text[i] = '\x02';
	ck_assert(nr_utf8__looks_binary(text, sizeof(text)));
	/* High bytes alone (Latin-1, UTF-8) are not binary. */
	ck_assert(!nr_utf8__looks_binary("\xE9\xE8\xE0\xFC\xF6", 5));
}
END_TEST

START_TEST(binary_nul_late_in_the_head)
{
	/* Detection samples the first 8 KiB (the cleaner drops any NUL after
	 * it); a NUL anywhere in that sample counts. */
	static char big[9000];
	memset(big, 'x', sizeof(big));
	ck_assert(!nr_utf8__looks_binary(big, sizeof(big)));
	big[8191] = '\0';
	ck_assert(nr_utf8__looks_binary(big, sizeof(big)));
}
END_TEST

/* ---------------------------------------------------------------- */

static char *clean(const char *s, size_t len)
{
	nr_buf b = NR_BUF_INIT;
	nr_text__clean_append(&b, s, len);
	ck_assert(!b.oom);
	return nr_buf__detach(&b, NULL);
}

#define CK_CLEAN(in, want)                                \
	do {                                              \
		char *got_ = clean((in), sizeof(in) - 1); \
		ck_assert_str_eq(got_, (want));           \
		free(got_);                               \
	} while (0)

START_TEST(clean_folds_whitespace)
{
	CK_CLEAN("  Council \t met\r\n\n on   Monday.  ", "Council met on Monday.");
	/* NBSP, em space, ideographic space, NEL, line separator all fold. */
	CK_CLEAN("a\xC2\xA0"
		 "b\xE2\x80\x83"
		 "c\xE3\x80\x80"
		 "d\xC2\x85"
		 "e\xE2\x80\xA8"
		 "f",
		 "a b c d e f");
	CK_CLEAN(" \xC2\xA0 \t", "");
	CK_CLEAN("", "");
}
END_TEST

START_TEST(clean_drops_controls_and_invisibles)
{
	CK_CLEAN("a\x01"
		 "b\x7F"
		 "c\x1B"
		 "d",
		 "abcd");
	/* A NUL in the middle is dropped, not a terminator. */
	CK_CLEAN("ab\0cd", "abcd");
	/* C1 controls encoded as UTF-8 (U+0080..U+009F, except NEL). */
	CK_CLEAN("x\xC2\x80y\xC2\x9Fz", "xyz");
	/* Soft hyphen, zero-width space/joiners, BOM, bidi marks. */
	CK_CLEAN("co\xC2\xAD"
		 "operate",
		 "cooperate");
	CK_CLEAN("zero\xE2\x80\x8Bwidth\xEF\xBB\xBF!", "zerowidth!");
	CK_CLEAN("\xE2\x80\x8Fleft\xE2\x80\xAEright\xE2\x81\xA9", "leftright");
}
END_TEST

START_TEST(clean_repairs_and_keeps_text)
{
	/* Invalid bytes become U+FFFD; valid multibyte text is kept as is. */
	CK_CLEAN("caf\xE9 \xE2\x80\x9Cok\xE2\x80\x9D",
		 "caf\xEF\xBF\xBD \xE2\x80\x9Cok\xE2\x80\x9D");
	CK_CLEAN("\xF0\x9F\x93\xB0 News", "\xF0\x9F\x93\xB0 News");
	char *s = clean("a\x80\x80 b", 5);
	ck_assert(nr_utf8__valid(s, strlen(s)));
	ck_assert_str_eq(s, "a\xEF\xBF\xBD\xEF\xBF\xBD b");
	free(s);
}
END_TEST

START_TEST(clean_appends_without_touching_prior_text)
{
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "Title ");
	/* Leading space of the new text is dropped; the old trailing one stays. */
	nr_text__clean_append(&b, "  Body  ", 8);
	ck_assert_str_eq(b.data, "Title Body");
	nr_text__clean_append(&b, " \t", 2);
	ck_assert_str_eq(b.data, "Title Body");
	nr_buf__free(&b);
}
END_TEST

START_TEST(char_classes)
{
	ck_assert(nr_uc__is_space(' ') && nr_uc__is_space(0xA0) && nr_uc__is_space(0x3000));
	ck_assert(!nr_uc__is_space('x') && !nr_uc__is_space(0x200B));
	ck_assert(nr_uc__is_invisible(0x200B) && nr_uc__is_invisible(0xAD) &&
		  nr_uc__is_invisible(0xFEFF));
	ck_assert(nr_uc__is_alpha('q') && nr_uc__is_alpha(0xE9) && nr_uc__is_alpha(0x416) &&
		  nr_uc__is_alpha(0x4E2D));
	ck_assert(!nr_uc__is_alpha('3') && !nr_uc__is_alpha(0xD7) && !nr_uc__is_alpha('-'));
	ck_assert(nr_uc__is_upper('Q') && nr_uc__is_upper(0xC9) && nr_uc__is_upper(0x416) &&
		  nr_uc__is_upper(0x160));
	ck_assert(!nr_uc__is_upper('q') && !nr_uc__is_upper(0xE9) && !nr_uc__is_upper(0xD7));
	ck_assert(nr_uc__is_lower('q') && nr_uc__is_lower(0xE9) && nr_uc__is_lower(0x436) &&
		  nr_uc__is_lower(0x161));
	ck_assert(!nr_uc__is_lower('Q') && !nr_uc__is_lower(0xF7));
	ck_assert(nr_uc__is_digit('7') && nr_uc__is_digit(0x665) && !nr_uc__is_digit('x'));
	ck_assert(nr_uc__is_quote('"') && nr_uc__is_quote(0x201C) && nr_uc__is_quote(0xAB) &&
		  nr_uc__is_quote(0x2019) && !nr_uc__is_quote('`'));
	ck_assert(nr_uc__is_dash('-') && nr_uc__is_dash(0x2014) && nr_uc__is_dash(0x2212) &&
		  !nr_uc__is_dash('_'));
}
END_TEST

/* ---------------------------------------------------------------- */

START_TEST(buf_appends)
{
	nr_buf b = NR_BUF_INIT;
	nr_buf__put(&b, "", 0);
	ck_assert_uint_eq(b.len, 0);
	nr_buf__puts(&b, "abc");
	nr_buf__putc(&b, '-');
	nr_buf__printf(&b, "%d/%s", 42, "x");
	ck_assert_str_eq(b.data, "abc-42/x");
	ck_assert_uint_eq(b.len, 8);
	ck_assert_uint_ge(b.cap, b.len + 1);
	/* printf longer than its stack buffer. */
	char word[600];
	memset(word, 'w', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	nr_buf__printf(&b, "[%s]", word);
	ck_assert_uint_eq(b.len, 8 + 2 + 599);
	ck_assert_uint_eq(strlen(b.data), b.len);
	ck_assert_int_eq(b.data[b.len - 1], ']');
	ck_assert(!b.oom);
	nr_buf__free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
}
END_TEST

START_TEST(buf_grows_through_many_appends)
{
	nr_buf b = NR_BUF_INIT;
	for (int i = 0; i < 100000; i++)
		nr_buf__putc(&b, (char)('a' + i % 26));
	ck_assert(!b.oom);
	ck_assert_uint_eq(b.len, 100000);
	ck_assert_int_eq(b.data[99999], 'a' + 99999 % 26);
	ck_assert_int_eq(b.data[100000], '\0');
	nr_buf__free(&b);
}
END_TEST

START_TEST(buf_oom_is_sticky)
{
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "keep");
	ck_assert(!nr_buf__reserve(&b, SIZE_MAX));
	ck_assert(b.oom);
	/* Later appends do nothing and report failure; the data is intact. */
	nr_buf__puts(&b, "more");
	ck_assert(!nr_buf__reserve(&b, 1));
	ck_assert_uint_eq(b.len, 4);
	ck_assert_mem_eq(b.data, "keep", 4);
	/* Freeing clears the flag: the buffer is usable again. */
	nr_buf__free(&b);
	ck_assert(!b.oom);
	nr_buf__puts(&b, "again");
	ck_assert_str_eq(b.data, "again");
	nr_buf__free(&b);
}
END_TEST

START_TEST(buf_detach)
{
	nr_buf b = NR_BUF_INIT;
	size_t n = 99;
	char *p = nr_buf__detach(&b, &n);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, "");
	ck_assert_uint_eq(n, 0);
	free(p);
	nr_buf__puts(&b, "hello");
	p = nr_buf__detach(&b, &n);
	ck_assert_str_eq(p, "hello");
	ck_assert_uint_eq(n, 5);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	free(p);
}
END_TEST

START_TEST(arena_allocations)
{
	nr_arena a;
	nr_arena__init(&a);
	char *prev = NULL;
	for (size_t i = 1; i < 2000; i += 7) {
		char *p = nr_arena__alloc(&a, i);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0x5A, i); /* the whole block is ours (ASan checks) */
		ck_assert(p != prev);
		prev = p;
	}
	/* Bigger than any block so far. */
	unsigned char *big = nr_arena__alloc(&a, 1u << 20);
	ck_assert_ptr_nonnull(big);
	memset(big, 1, 1u << 20);
	unsigned char *z = nr_arena__calloc(&a, 1000, 8);
	ck_assert_ptr_nonnull(z);
	for (size_t i = 0; i < 8000; i++)
		ck_assert_uint_eq(z[i], 0);
	ck_assert_uint_ge(a.total, (1u << 20) + 8000);
	/* Overflowing sizes fail cleanly. */
	ck_assert_ptr_null(nr_arena__calloc(&a, SIZE_MAX / 2, 4));
	ck_assert_ptr_null(nr_arena__alloc(&a, SIZE_MAX - 3));
	ck_assert_ptr_null(nr_arena__strndup(&a, "x", SIZE_MAX));
	char *s = nr_arena__strndup(&a, "headline text", 8);
	ck_assert_str_eq(s, "headline");
	s = nr_arena__strndup(&a, NULL, 0);
	ck_assert_str_eq(s, "");
	nr_arena__free(&a);
	ck_assert_ptr_null(a.head);
	ck_assert_uint_eq(a.total, 0);
	nr_arena__free(&a); /* twice is harmless */
}
END_TEST

/* A reset arena forgets what it held and keeps its memory, as one block:
 * what is allocated next up to that size takes no new block. */
START_TEST(arena_reset_keeps_memory)
{
	nr_arena a;
	nr_arena__init(&a);
	nr_arena__reset(&a); /* nothing held: harmless */
	ck_assert_ptr_null(a.head);
	for (size_t i = 0; i < 200; i++)
		memset(nr_arena__alloc(&a, 1000), 0x11, 1000);
	size_t total = a.total;
	ck_assert_uint_ge(total, 200000);
	nr_arena__reset(&a);
	ck_assert_uint_eq(a.total, total);
	nr_arena_block *kept = a.head;
	for (size_t i = 0; i < 200; i++) {
		unsigned char *p = nr_arena__alloc(&a, 1000);
		ck_assert_ptr_nonnull(p);
		memset(p, 0x22, 1000); /* the whole block is ours (ASan checks) */
	}
	ck_assert_ptr_eq(a.head, kept);
	ck_assert_uint_eq(a.total, total);
	/* A second reset keeps the same block. */
	nr_arena__reset(&a);
	ck_assert_ptr_eq(a.head, kept);
	ck_assert_ptr_nonnull(nr_arena__alloc(&a, total)); /* all of it */
	ck_assert_ptr_eq(a.head, kept);
	nr_arena__free(&a);
	ck_assert_ptr_null(a.head);
}
END_TEST

START_TEST(from_charset)
{
	nr_buf b = NR_BUF_INIT;
	/* ISO-8859-15 has the euro sign at 0xA4. */
	ck_assert(nr_utf8__from_charset(&b, "5 \xA4", 3, "iso-8859-15"));
	ck_assert_str_eq(b.data, "5 \xE2\x82\xAC");
	nr_buf__free(&b);
	/* A byte Shift_JIS cannot decode is replaced and decoding goes on. */
	ck_assert(nr_utf8__from_charset(&b,
					"a\x80"
					"b",
					3, "shift_jis"));
	ck_assert_str_eq(b.data, "a\xEF\xBF\xBD"
				 "b");
	nr_buf__free(&b);
	/* A sequence cut short at the end is one replacement. */
	ck_assert(nr_utf8__from_charset(&b, "a\x82", 2, "shift_jis"));
	ck_assert_str_eq(b.data, "a\xEF\xBF\xBD");
	nr_buf__free(&b);
	ck_assert(!nr_utf8__from_charset(&b, "a", 1, "no-such-charset"));
	ck_assert_uint_eq(b.len, 0);
	nr_buf__free(&b);
}
END_TEST

Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");
	tcase_add_test(tc, decode_valid);
	tcase_add_test(tc, from_charset);
	tcase_add_test(tc, decode_invalid_consumes_one_byte);
	tcase_add_test(tc, encode_round_trip);
	tcase_add_test(tc, encode_refuses_non_characters_of_utf8);
	tcase_add_test(tc, valid);
	suite_add_tcase(s, tc);

	tc = tcase_create("encodings");
	tcase_add_test(tc, guess_bom);
	tcase_add_test(tc, guess_without_bom);
	tcase_add_test(tc, convert_latin1);
	tcase_add_test(tc, convert_utf16);
	tcase_add_test(tc, convert_utf8_repairs);
	tcase_add_test(tc, convert_appends);
	tcase_add_test(tc, binary_detection);
	tcase_add_test(tc, binary_nul_late_in_the_head);
	suite_add_tcase(s, tc);

	tc = tcase_create("clean");
	tcase_add_test(tc, clean_folds_whitespace);
	tcase_add_test(tc, clean_drops_controls_and_invisibles);
	tcase_add_test(tc, clean_repairs_and_keeps_text);
	tcase_add_test(tc, clean_appends_without_touching_prior_text);
	tcase_add_test(tc, char_classes);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf_arena");
	tcase_add_test(tc, buf_appends);
	tcase_add_test(tc, buf_grows_through_many_appends);
	tcase_add_test(tc, buf_oom_is_sticky);
	tcase_add_test(tc, buf_detach);
	tcase_add_test(tc, arena_allocations);
	tcase_add_test(tc, arena_reset_keeps_memory);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * tokens.c - the tokeniser: words, numbers, punctuation and quotation
 * marks over the bytes of one paragraph. Plain ASCII words, most of news
 * text, take a fast path; the rest goes through a scanner of words and
 * their joiners.
 *
 * Tokenisation follows Penn-style news conventions, with these choices:
 *  - Words keep internal hyphens and apostrophes: "al-Qaida-linked",
 *    "O'Brien", "can't" and "won't" stay whole (negations are not split).
 *    Only the clitic 's splits off, so that "Pakistan's" gives "Pakistan" +
 *    "'s" (a WORD) and extractors see the bare name. A bare apostrophe after
 *    a plural ("officials' ") is a PUNCT token of its own unless a single
 *    quotation is open, in which case it closes it.
 *  - Known abbreviations ("Adm.", "Jan.", "etc."), initials ("J.") and
 *    initialisms ("U.S.", "e.g.", "a.m.", "Ph.D.") keep their period, also
 *    at the end of a sentence. "U.S.-Pakistani" and "Gov.-elect" are one token.
 *  - Numbers keep separators, a currency sign and a percent sign: "1,000",
 *    "3.5", "9/11", "10:30", "£500,000", "5%". A token with letters is a
 *    WORD ("1990s", "F-16", "9-year-old").
 *  - URLs (http://, https://, ftp://, www.), e-mail addresses, dotted domains
 *    ("bbc.co.uk"), @handles and #tags are single WORD tokens.
 *  - Runs of "." (ellipsis), of "!"/"?" and of "-" are one PUNCT token each.
 *  - Quotation marks of every style are QUOTE tokens; an apostrophe inside
 *    a word or the start of "'s"/"'90s" is not. ".45" is a NUMBER.
 */
#include "segment/segment_int.h"

#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Character classes                                                   */

static inline bool a_alpha(unsigned c) { return ((c | 0x20u) - 'a') < 26u; }
static inline bool a_digit(unsigned c) { return (c - '0') < 10u; }
static inline bool a_upper(unsigned c) { return (c - 'A') < 26u; }
static inline bool a_lower(unsigned c) { return (c - 'a') < 26u; }

enum { WC_NONE = 0, WC_LETTER, WC_DIGIT, WC_MARK };

enum { CL_LETTER = 1, CL_DIGIT = 2, CL_ALNUM = 3 };

/* ASCII letters and digits, for the tokeniser's inner loop. */
static const unsigned char ascii_class[256] = {
	['0'] = CL_DIGIT,  ['1'] = CL_DIGIT,  ['2'] = CL_DIGIT,  ['3'] = CL_DIGIT,
	['4'] = CL_DIGIT,  ['5'] = CL_DIGIT,  ['6'] = CL_DIGIT,  ['7'] = CL_DIGIT,
	['8'] = CL_DIGIT,  ['9'] = CL_DIGIT,  ['A'] = CL_LETTER, ['B'] = CL_LETTER,
	['C'] = CL_LETTER, ['D'] = CL_LETTER, ['E'] = CL_LETTER, ['F'] = CL_LETTER,
	['G'] = CL_LETTER, ['H'] = CL_LETTER, ['I'] = CL_LETTER, ['J'] = CL_LETTER,
	['K'] = CL_LETTER, ['L'] = CL_LETTER, ['M'] = CL_LETTER, ['N'] = CL_LETTER,
	['O'] = CL_LETTER, ['P'] = CL_LETTER, ['Q'] = CL_LETTER, ['R'] = CL_LETTER,
	['S'] = CL_LETTER, ['T'] = CL_LETTER, ['U'] = CL_LETTER, ['V'] = CL_LETTER,
	['W'] = CL_LETTER, ['X'] = CL_LETTER, ['Y'] = CL_LETTER, ['Z'] = CL_LETTER,
	['a'] = CL_LETTER, ['b'] = CL_LETTER, ['c'] = CL_LETTER, ['d'] = CL_LETTER,
	['e'] = CL_LETTER, ['f'] = CL_LETTER, ['g'] = CL_LETTER, ['h'] = CL_LETTER,
	['i'] = CL_LETTER, ['j'] = CL_LETTER, ['k'] = CL_LETTER, ['l'] = CL_LETTER,
	['m'] = CL_LETTER, ['n'] = CL_LETTER, ['o'] = CL_LETTER, ['p'] = CL_LETTER,
	['q'] = CL_LETTER, ['r'] = CL_LETTER, ['s'] = CL_LETTER, ['t'] = CL_LETTER,
	['u'] = CL_LETTER, ['v'] = CL_LETTER, ['w'] = CL_LETTER, ['x'] = CL_LETTER,
	['y'] = CL_LETTER, ['z'] = CL_LETTER,
};

/* ASCII bytes that end a word with letters in it wherever they follow it:
 * not a letter, digit or space, nor one of the joiners scan_word() looks
 * at (". - ' _ & @"). */
static const bool word_stop[256] = {
	['!'] = true,  ['"'] = true, ['#'] = true,  ['$'] = true,  ['%'] = true,  ['('] = true,
	[')'] = true,  ['*'] = true, ['+'] = true,  [','] = true,  ['/'] = true,  [':'] = true,
	[';'] = true,  ['<'] = true, ['='] = true,  ['>'] = true,  ['?'] = true,  ['['] = true,
	['\\'] = true, [']'] = true, ['^'] = true,  ['`'] = true,  ['{'] = true,  ['|'] = true,
	['}'] = true,  ['~'] = true, ['\n'] = true, ['\t'] = true, ['\r'] = true,
};

/* Combining marks continue a word (decomposed accents, Arabic and Hebrew
 * vowel points) even though they are not letters themselves. */
static bool is_mark(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) ||
	       (cp >= 0x591 && cp <= 0x5C7) || (cp >= 0x610 && cp <= 0x61A) ||
	       (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || (cp >= 0x6D5 && cp <= 0x6FF) ||
	       (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

static int wclass(uint32_t cp)
{
	if (cp < 0x80)
		return a_alpha(cp) ? WC_LETTER : a_digit(cp) ? WC_DIGIT : WC_NONE;
	if (nr_uc__is_alpha(cp))
		return WC_LETTER;
	if (nr_uc__is_digit(cp))
		return WC_DIGIT;
	if (is_mark(cp))
		return WC_MARK;
	return WC_NONE;
}

/* Code point at t[i] (0 past the end); *n gets its length. */
static inline uint32_t cp_at(const char *t, size_t i, size_t end, size_t *n)
{
	if (i >= end) {
		*n = 0;
		return 0;
	}
	unsigned char c = (unsigned char)t[i];
	if (c < 0x80) {
		*n = 1;
		return c;
	}
	uint32_t cp;
	*n = nr_utf8__decode(t + i, end - i, &cp);
	return cp;
}

static inline int wclass_at(const char *t, size_t i, size_t end)
{
	size_t n;
	return wclass(cp_at(t, i, end, &n));
}

static bool is_upper_cp(uint32_t cp) { return cp < 0x80 ? a_upper(cp) : nr_uc__is_upper(cp); }

static bool is_lower_cp(uint32_t cp) { return cp < 0x80 ? a_lower(cp) : nr_uc__is_lower(cp); }

/* U+2019 is both the right single quotation mark and the typographic
 * apostrophe; only context tells them apart. */
static inline bool is_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019; }
static inline bool is_joining_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}
static inline bool is_currency(uint32_t cp)
{
	return cp == '$' || cp == 0xA3 || cp == 0xA5 || cp == 0x20AC || cp == 0x20B9;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

/* "U.S", "e.g", "Ph.D", "a.m": dot-separated runs of one or two letters. */
static bool is_initialism(const char *t, size_t s, size_t e)
{
	size_t seg = 0, dots = 0;
	while (s < e) {
		size_t n;
		uint32_t cp = cp_at(t, s, e, &n);
		s += n;
		if (cp == '.') {
			if (seg == 0)
				return false;
			seg = 0;
			dots++;
		} else if (wclass(cp) == WC_LETTER) {
			if (++seg > 2)
				return false;
		} else if (wclass(cp) != WC_MARK) {
			return false;
		}
	}
	return dots > 0 && seg > 0;
}

bool nr_segment__is_initial(const char *t, size_t s, size_t e)
{
	size_t n;
	uint32_t cp = cp_at(t, s, e, &n);
	return s + n == e && is_upper_cp(cp);
}

/*
 * Scan the letters, digits and combining marks of a word from t[i]: the
 * end of the run; *seen gains CL_LETTER and CL_DIGIT, *last says whether
 * the run ended on a letter or a digit.
 */
static inline size_t scan_word_chars(const char *t, size_t i, size_t end, unsigned *seen, int *last)
{
	size_t seg0 = i;
	for (;;) {
		/* The common case: a run of ASCII letters and digits. */
		while (i < end && (ascii_class[(unsigned char)t[i]] & CL_ALNUM)) {
			*seen |= ascii_class[(unsigned char)t[i]];
			i++;
		}
		if (i > seg0 && (unsigned char)t[i - 1] < 0x80)
			*last = ascii_class[(unsigned char)t[i - 1]] & CL_LETTER ? WC_LETTER
										 : WC_DIGIT;
		if (i >= end || (unsigned char)t[i] < 0x80)
			return i;
		uint32_t cp;
		size_t n = nr_utf8__decode(t + i, end - i, &cp);
		int wc = wclass(cp);
		if (wc == WC_NONE)
			return i;
		if (wc == WC_LETTER) {
			*seen |= CL_LETTER;
			*last = WC_LETTER;
		} else if (wc == WC_DIGIT) {
			*seen |= CL_DIGIT;
			*last = WC_DIGIT;
		}
		i += n;
	}
}

#define JOIN_END ((size_t)-1) /* the word ends before t[i], nothing trails */

/*
 * The character at t[i] after a run of seg bytes of word characters: how
 * many bytes of it join the word to the run after it (a dot of "U.S" or
 * "bbc.co", a hyphen, an apostrophe inside "O'Brien", a separator of
 * "1,000", "_", "&" of "AT&T", "@"); 0 when it does not join and may
 * trail the word (see word_trailer()); JOIN_END when the word ends here.
 * A joining dot counts in *ndots.
 */
static size_t join_width(const char *t, size_t i, size_t end, size_t seg, unsigned seen, int last,
			 size_t *ndots)
{
	size_t n, nn;
	uint32_t c = cp_at(t, i, end, &n);
	uint32_t nx = cp_at(t, i + n, end, &nn);
	int nwc = wclass(nx);
	bool next_word = nwc == WC_LETTER || nwc == WC_DIGIT;
	if (c == '.' && next_word) {
		/* "said.The": a lost space, not a domain or initialism. */
		size_t n3;
		uint32_t after = cp_at(t, i + 1 + nn, end, &n3);
		if (seg >= 2 && is_upper_cp(nx) && is_lower_cp(after))
			return 0;
		(*ndots)++;
		return 1;
	}
	if (is_joining_hyphen(c) && next_word)
		return n;
	if (is_apostrophe(c) && last == WC_LETTER && nwc == WC_LETTER) {
		/* Leave the clitic 's to be its own token. */
		if ((nx == 's' || nx == 'S') && wclass_at(t, i + n + 1, end) == WC_NONE)
			return JOIN_END;
		return n;
	}
	if ((c == ',' || c == '/' || c == ':') && !(seen & CL_LETTER) && last == WC_DIGIT &&
	    nwc == WC_DIGIT)
		return 1;
	if ((c == '_' || c == '@') && next_word)
		return 1;
	if (c == '&' && a_upper((unsigned char)t[i - 1]) && a_upper(nx))
		return 1;
	return 0;
}

/* Does the word t[w0..i), with ndots dots inside, keep the period at
 * t[i]? Initials, initialisms and the listed abbreviations do ("No."
 * only before a number). */
static bool keeps_period(const char *t, size_t w0, size_t i, size_t end, size_t ndots)
{
	if (ndots > 0)
		return is_initialism(t, w0, i);
	if (nr_segment__is_initial(t, w0, i))
		return true;
	uint32_t wc = nr_segment__word_class(t + w0, i + 1 - w0) & WORD_ABBR;
	return (wc & ~WORD_ABBR_NUMERIC) ||
	       (wc && i + 2 < end && t[i + 1] == ' ' && a_digit((unsigned char)t[i + 2]));
}

/*
 * What the word t[w0..i) takes of what follows it: a percent sign after
 * a number, the period an abbreviation keeps. Returns the new end; *more
 * is set when a hyphen after that period joins on ("U.S.-Pakistani",
 * "Gov.-elect") and the word goes on.
 */
static size_t word_trailer(const char *t, size_t w0, size_t i, size_t end, unsigned seen,
			   size_t ndots, bool *more)
{
	*more = false;
	if (t[i] == '%' && !(seen & CL_LETTER))
		return i + 1;
	if (t[i] == '.' && !(i + 1 < end && t[i + 1] == '.') && (seen & CL_LETTER) &&
	    !(seen & CL_DIGIT) && keeps_period(t, w0, i, end, ndots)) {
		i += 1;
		if (i + 1 < end && t[i] == '-' && wclass_at(t, i + 1, end) != WC_NONE) {
			*more = true;
			return i + 1;
		}
	}
	return i;
}

/*
 * Scan a word or number whose first word character is at i (start may be
 * earlier, for a currency sign, '#', '@' or a leading apostrophe). Returns
 * the end; *kind is NUMBER for digits without letters, else WORD.
 */
static size_t scan_word(const char *t, size_t i, size_t end, uint8_t *kind)
{
	size_t w0 = i;
	unsigned seen = 0; /* CL_LETTER | CL_DIGIT */
	size_t ndots = 0;
	for (;;) {
		size_t seg0 = i;
		int last = WC_NONE;
		i = scan_word_chars(t, i, end, &seen, &last);
		if (i >= end || t[i] == ' ')
			break; /* most words end here */
		size_t join = join_width(t, i, end, i - seg0, seen, last, &ndots);
		if (join == JOIN_END)
			break;
		if (join) {
			i += join;
			continue;
		}
		bool more;
		i = word_trailer(t, w0, i, end, seen, ndots, &more);
		if (!more)
			break;
	}
	*kind = seen == CL_DIGIT ? NR_TOKEN_NUMBER : NR_TOKEN_WORD;
	return i;
}

/* A URL at t[i], or 0. Trailing punctuation belongs to the sentence. */
static size_t scan_url(const char *t, size_t i, size_t end)
{
	size_t avail = end - i, skip = 0;
	if (avail > 8 && strncasecmp(t + i, "https://", 8) == 0)
		skip = 8;
	else if (avail > 7 &&
		 (strncasecmp(t + i, "http://", 7) == 0 || (strncasecmp(t + i, "ftp://", 6) == 0)))
		skip = t[i + 3] == ':' ? 6 : 7;
	else if (avail > 4 && strncasecmp(t + i, "www.", 4) == 0 &&
		 a_alpha((unsigned char)t[i + 4]))
		skip = 4;
	if (!skip)
		return 0;
	size_t e = i + skip;
	int parens = 0;
	while (e < end && t[e] != ' ' && t[e] != '\n') {
		if (t[e] == '(')
			parens++;
		else if (t[e] == ')')
			parens--;
		e++;
	}
	while (e > i + skip) {
		unsigned char c = (unsigned char)t[e - 1];
		if (c == ')' && parens < 0) {
			parens++;
			e--;
		} else if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
			   c == '"' || c == '\'' || c == ']') {
			e--;
		} else if (c >= 0x80) {
			/* Step back over one code point if it is a quote or dash. */
			size_t b = e - 1;
			while (b > i && ((unsigned char)t[b] & 0xC0) == 0x80)
				b--;
			size_t n;
			uint32_t cp = cp_at(t, b, e, &n);
			if (!nr_uc__is_quote(cp) && !nr_uc__is_dash(cp) && cp != 0x2026)
				break;
			e = b;
		} else {
			break;
		}
	}
	return e > i + skip ? e : 0;
}

/*
 * Inside an open single quotation, "officials’ claims" is still a possessive
 * when the quotation closes further on: look for a closing mark followed by
 * a non-letter within a short window (bounded, so the scan stays linear).
 */
static bool quote_closes_later(const char *t, size_t i, size_t end)
{
	if (i + 1 >= end || t[i] != ' ' || !a_lower((unsigned char)t[i + 1]))
		return false;
	size_t lim = end - i > 240 ? i + 240 : end;
	for (size_t k = i + 1; k < lim; k++) {
		size_t q = 0;
		if (t[k] == '\'')
			q = 1;
		else if (k + 3 <= lim && memcmp(t + k, "\xE2\x80\x99", 3) == 0)
			q = 3;
		if (!q)
			continue;
		size_t b = k - 1;
		while (b > i && ((unsigned char)t[b] & 0xC0) == 0x80)
			b--;
		if (wclass_at(t, b, end) == WC_LETTER && wclass_at(t, k + q, end) == WC_NONE)
			return true;
	}
	return false;
}

/* The first letter decides, but "eBay" is a name. */
int nr_segment__case_of(const char *t, const nr_token *k)
{
	if (k->kind == NR_TOKEN_NUMBER)
		return NX_DIGIT;
	if (k->kind != NR_TOKEN_WORD)
		return NX_OTHER;
	size_t i = k->start, n;
	uint32_t cp = cp_at(t, i, k->end, &n);
	if (is_upper_cp(cp))
		return NX_UPPER;
	if (a_digit(cp) || is_currency(cp))
		return NX_DIGIT;
	if (!is_lower_cp(cp))
		return wclass(cp) == WC_LETTER ? NX_UPPER : NX_OTHER; /* caseless scripts */
	/* "eBay", "iPhone": a lower-case start with capitals inside. */
	for (i += n; i < k->end; i += n) {
		cp = cp_at(t, i, k->end, &n);
		if (is_upper_cp(cp))
			return NX_UPPER;
	}
	return NX_LOWER;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

#define SEG_SPACE 0 /* a "kind" for what is no token: a space to skip */

/* Append the token text[s..e); inline, as it runs for every token. */
static inline bool push_token(seg_ctx *c, size_t s, size_t e, uint8_t kind)
{
	nr_article *a = c->a;
	if (a->ntokens == c->cap_tokens &&
	    !nr__grow((void **)&a->tokens, &c->cap_tokens, sizeof(nr_token), 64))
		return false;
	nr_token *k = &a->tokens[a->ntokens++];
	k->start = (uint32_t)s;
	k->end = (uint32_t)e;
	k->kind = kind;
	c->prev_end = e;
	c->prev_kind = kind;
	return true;
}

/* The token at t[i], a word with ASCII letters or digits first: its end
 * and *kind. */
static inline size_t scan_ascii_word(const char *t, size_t i, size_t pe, bool fenced, uint8_t *kind)
{
	/* Most words are plain ASCII ending at a space: take them without
	 * the full scanner. */
	unsigned seen = 0, cl;
	size_t e = i;
	if (fenced) {
		while ((cl = ascii_class[(unsigned char)t[e]]) != 0) {
			seen |= cl;
			e++;
		}
	} else {
		while (e < pe && (cl = ascii_class[(unsigned char)t[e]]) != 0) {
			seen |= cl;
			e++;
		}
	}
	*kind = seen == CL_DIGIT ? NR_TOKEN_NUMBER : NR_TOKEN_WORD;
	if (e == pe || t[e] == ' ')
		return e;
	size_t run = e;
	/* Cheap look at the scheme separator before the real test. */
	if ((i + 6 < pe && (t[i + 4] == ':' || t[i + 5] == ':' || t[i + 3] == ':')) ||
	    (i + 4 < pe && t[i + 3] == '.')) {
		e = scan_url(t, i, pe);
		if (e) {
			*kind = NR_TOKEN_WORD;
			return e;
		}
	}
	/* A word with letters stopped by punctuation that cannot continue it
	 * (",", ")", ";", "?"...) is what scan_word() would make of it; the
	 * rest ("U.S.", "don't", "F-16", "1,000", UTF-8) goes there. */
	if ((seen & CL_LETTER) && word_stop[(unsigned char)t[run]]) {
		*kind = NR_TOKEN_WORD;
		return run;
	}
	return scan_word(t, i, pe, kind);
}

/*
 * An apostrophe (cp, n bytes) at t[i], before nx: the clitic 's, a year
 * ("'90s"), the mark of a plural possessive ("officials' ") or a quotation
 * mark, opening or closing a single quotation. Its end and *kind.
 */
static size_t scan_apostrophe(seg_ctx *c, size_t i, size_t pe, uint32_t cp, size_t n, uint32_t nx,
			      uint8_t *kind)
{
	const char *t = c->t;
	bool glued = c->prev_end == i &&
		     (c->prev_kind == NR_TOKEN_WORD || c->prev_kind == NR_TOKEN_NUMBER);
	int after = wclass_at(t, i + n + 1, pe);
	*kind = NR_TOKEN_WORD;
	if (glued && (nx == 's' || nx == 'S') && after == WC_NONE)
		return i + n + 1; /* the clitic 's */
	if (!glued && a_digit(nx) && wclass_at(t, i + n + 1, pe) == WC_DIGIT) {
		/* '90s, '08: a year with its apostrophe. */
		size_t k = i + n + 2;
		if (k >= pe || t[k] == 's' || wclass_at(t, k, pe) == WC_NONE) {
			size_t e = scan_word(t, i + n, pe, kind);
			*kind = NR_TOKEN_WORD;
			return e;
		}
	}
	if (glued && (t[i - 1] == 's' || t[i - 1] == 'S') && wclass(nx) == WC_NONE &&
	    (!c->squote_open || quote_closes_later(t, i + n, pe))) {
		*kind = NR_TOKEN_PUNCT; /* plural possessive: "officials' claims" */
		return i + n;
	}
	*kind = NR_TOKEN_QUOTE;
	c->squote_open = cp == '\'' ? c->prev_end != i && nx != ' ' && nx != 0 : false;
	return i + n;
}

/* The token at t[i] when no ASCII letter or digit starts it: its end and
 * *kind (SEG_SPACE for a space of any kind). */
static size_t scan_other(seg_ctx *c, size_t i, size_t pe, uint8_t *kind)
{
	const char *t = c->t;
	size_t n, nn, e;
	uint32_t cp = cp_at(t, i, pe, &n);
	if (wclass(cp) != WC_NONE)
		return scan_word(t, i, pe, kind);
	*kind = SEG_SPACE;
	if (nr_uc__is_space(cp) || cp == '\n')
		return i + n;
	uint32_t nx = cp_at(t, i + n, pe, &nn);
	*kind = NR_TOKEN_PUNCT;
	if (is_currency(cp) && a_digit(nx))
		return scan_word(t, i + n, pe, kind);
	if ((cp == '#' || cp == '@') && nx < 0x80 && a_alpha(nx)) {
		e = scan_word(t, i + 1, pe, kind);
		*kind = NR_TOKEN_WORD;
		return e;
	}
	if (cp == '.' && a_digit(nx) && c->prev_end != i)
		return scan_word(t, i + 1, pe, kind); /* ".45 caliber", "a .333 hitter" */
	if (cp == '.' || cp == '-') {
		e = i + 1;
		while (e < pe && t[e] == (char)cp)
			e++;
		return e;
	}
	if (cp == '!' || cp == '?') {
		e = i + 1;
		while (e < pe && (t[e] == '!' || t[e] == '?'))
			e++;
		return e;
	}
	if (is_apostrophe(cp))
		return scan_apostrophe(c, i, pe, cp, n, nx, kind);
	if (nr_uc__is_quote(cp)) {
		*kind = NR_TOKEN_QUOTE;
		if (cp == 0x2018 || cp == 0x201A || cp == 0x2039)
			c->squote_open = true;
		else if (cp == 0x203A)
			c->squote_open = false;
	}
	return i + n; /* any other character is punctuation of its own */
}

bool nr_segment__tokenize_paragraph(seg_ctx *c, size_t ps, size_t pe)
{
	const char *t = c->t;
	size_t i = ps;
	c->prev_end = (size_t)-1;
	c->prev_kind = 0;
	c->squote_open = false;
	/* A paragraph followed by a byte that is no letter or digit (the
	 * "\n" between paragraphs) needs no bounds check in the word loop. */
	bool fenced = pe < c->a->text_len && !ascii_class[(unsigned char)t[pe]];
	while (i < pe) {
		unsigned char b = (unsigned char)t[i];
		if (b == ' ') {
			i++;
			continue;
		}
		uint8_t kind;
		size_t e;
		if (ascii_class[b]) {
			e = scan_ascii_word(t, i, pe, fenced, &kind);
		} else {
			e = scan_other(c, i, pe, &kind);
			if (kind == SEG_SPACE) {
				i = e;
				continue;
			}
		}
		if (!push_token(c, i, e, kind))
			return false;
		i = e;
	}
	return true;
}

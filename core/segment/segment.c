/*
 * segment.c - tokens and sentences over an article's finished text.
 *
 * Each paragraph is handled on its own, in two linear passes over data that
 * stays in cache: a tokeniser over the bytes, then a boundary pass over the
 * paragraph's tokens. No regexes, no allocation per token: the token and
 * sentence arrays grow geometrically.
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
 *
 * Sentences never cross paragraphs and cover every token once. A break is
 * considered after ".", "...", "?", "!" and an abbreviation that kept its
 * period, with any closing quotes and brackets glued to it; the next word
 * decides. After a plain period a lower-case word means no break. After an
 * ambiguous abbreviation ("U.S.", "Inc.", "J.") only a common sentence
 * opener ("The", "He", "In", "Initially,") or a quotation mark means one;
 * after a title ("Gen.", "Dr.") never. A question or exclamation inside
 * quotes followed by a lower-case word or by "Name said" is one sentence.
 * A paragraph that ends without terminal punctuation (headline, list item)
 * only breaks on strong evidence, and not at all when it is in title case.
 */
#include "segment/segment.h"

#include "lexicon/lexicon.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
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
/* Word classes                                                        */

/*
 * The closed classes of words the boundary decisions test, listed in the
 * lexicon data (word_classes.tsv, where each is explained), bits in the
 * order of word_class_names. Abbreviations are looked up with their
 * period, and in exact case: "etc." is one, "Etc." is not.
 */
enum {
	WORD_ABBR_NEVER_ENDS = 1u << 0, /* "Gen.", "v.", "e.g." */
	WORD_ABBR_MAY_END = 1u << 1,    /* "Inc.", "Jan.", "Calif." */
	WORD_ABBR_NUMERIC = 1u << 2,    /* "No." before a number */
	WORD_ABBR = WORD_ABBR_NEVER_ENDS | WORD_ABBR_MAY_END | WORD_ABBR_NUMERIC,
	WORD_SENTENCE_OPENER = 1u << 3, /* "The", "However" */
	WORD_SAYING_VERB = 1u << 4      /* "said", "asked" */
};

static const char *const word_class_names[] = {
	"abbr_never_ends", "abbr_may_end", "abbr_numeric", "sentence_opener", "saying_verb",
};

/*
 * Every word of a paragraph that may end a sentence is looked up, so the
 * classes are a word set built once per process, on the first run, and
 * only read after. A failed build (memory) is tried again on the next
 * run rather than remembered: until it succeeds, runs fail.
 */
static nr_wordset word_set;
static atomic_bool word_set_ready;
static pthread_mutex_t word_set_lock = PTHREAD_MUTEX_INITIALIZER;

static int word_set_build(void)
{
	if (atomic_load_explicit(&word_set_ready, memory_order_acquire))
		return NR_OK;
	int rc = NR_OK;
	pthread_mutex_lock(&word_set_lock);
	if (!atomic_load_explicit(&word_set_ready, memory_order_relaxed)) {
		rc = nr_lexicon__class_set(&word_set, word_class_names,
					   NR_ARRAY_LEN(word_class_names), NULL);
		if (rc == NR_OK)
			atomic_store_explicit(&word_set_ready, true, memory_order_release);
	}
	pthread_mutex_unlock(&word_set_lock);
	return rc;
}

static inline uint32_t word_classes(const char *s, size_t len)
{
	return nr_wordset__get(&word_set, s, len);
}

/* ------------------------------------------------------------------ */
/* Output arrays                                                       */

typedef struct seg_ctx {
	nr_article *a;
	const char *t;
	size_t cap_tokens;
	size_t cap_sentences;
	bool squote_open; /* a single quotation is open in this paragraph */
} seg_ctx;

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
	return true;
}

static bool push_sentence(seg_ctx *c, size_t para, size_t first, size_t last)
{
	nr_article *a = c->a;
	if (a->nsentences == c->cap_sentences &&
	    !nr__grow((void **)&a->sentences, &c->cap_sentences, sizeof(nr_sentence), 64))
		return false;
	nr_sentence *s = &a->sentences[a->nsentences++];
	s->start = a->tokens[first].start;
	s->end = a->tokens[last - 1].end;
	s->paragraph = (uint32_t)para;
	s->first_token = (uint32_t)first;
	s->ntokens = (uint32_t)(last - first);
	return true;
}

/* ------------------------------------------------------------------ */
/* Tokeniser                                                           */

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

/* One upper-case letter: an initial ("George W. Bush"). */
static bool is_initial(const char *t, size_t s, size_t e)
{
	size_t n;
	uint32_t cp = cp_at(t, s, e, &n);
	return s + n == e && is_upper_cp(cp);
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
		for (;;) {
			/* The common case: a run of ASCII letters and digits. */
			while (i < end && (ascii_class[(unsigned char)t[i]] & CL_ALNUM)) {
				seen |= ascii_class[(unsigned char)t[i]];
				i++;
			}
			if (i > seg0 && (unsigned char)t[i - 1] < 0x80)
				last = ascii_class[(unsigned char)t[i - 1]] & CL_LETTER ? WC_LETTER
											: WC_DIGIT;
			if (i >= end || (unsigned char)t[i] < 0x80)
				break;
			uint32_t cp;
			size_t n = nr_utf8__decode(t + i, end - i, &cp);
			int wc = wclass(cp);
			if (wc == WC_NONE)
				break;
			if (wc == WC_LETTER) {
				seen |= CL_LETTER;
				last = WC_LETTER;
			} else if (wc == WC_DIGIT) {
				seen |= CL_DIGIT;
				last = WC_DIGIT;
			}
			i += n;
		}
		if (i >= end || t[i] == ' ')
			break; /* most words end here */
		bool has_letter = seen & CL_LETTER, has_digit = seen & CL_DIGIT;
		size_t seg = i - seg0; /* bytes since the last joiner */

		size_t n;
		uint32_t c = cp_at(t, i, end, &n);
		size_t nn;
		uint32_t nx = cp_at(t, i + n, end, &nn);
		int nwc = wclass(nx);
		bool next_word = nwc == WC_LETTER || nwc == WC_DIGIT;

		if (c == '.' && next_word) {
			/* "said.The": a lost space, not a domain or initialism. */
			size_t n3;
			uint32_t after = cp_at(t, i + 1 + nn, end, &n3);
			if (seg >= 2 && is_upper_cp(nx) && is_lower_cp(after))
				goto trailing;
			ndots++;
			i += 1;
			continue;
		}
		if (is_joining_hyphen(c) && next_word) {
			i += n;
			continue;
		}
		if (is_apostrophe(c) && last == WC_LETTER && nwc == WC_LETTER) {
			/* Leave the clitic 's to be its own token. */
			if ((nx == 's' || nx == 'S') && wclass_at(t, i + n + 1, end) == WC_NONE)
				break;
			i += n;
			continue;
		}
		if ((c == ',' || c == '/' || c == ':') && !has_letter && last == WC_DIGIT &&
		    nwc == WC_DIGIT) {
			i += 1;
			continue;
		}
		if (c == '_' && next_word) {
			i += 1;
			continue;
		}
		if (c == '&' && a_upper((unsigned char)t[i - 1]) && a_upper(nx)) {
			i += 1;
			continue;
		}
		if (c == '@' && next_word) {
			i += 1;
			continue;
		}
	trailing:
		if (c == '%' && !has_letter) {
			i += 1;
			break;
		}
		if (c == '.' && !(i + 1 < end && t[i + 1] == '.') && has_letter && !has_digit) {
			bool absorb;
			if (ndots > 0)
				absorb = is_initialism(t, w0, i);
			else if (is_initial(t, w0, i))
				absorb = true;
			else {
				uint32_t wc = word_classes(t + w0, i + 1 - w0) & WORD_ABBR;
				absorb = (wc & ~WORD_ABBR_NUMERIC) ||
					 (wc && i + 2 < end && t[i + 1] == ' ' &&
					  a_digit((unsigned char)t[i + 2]));
			}
			if (absorb) {
				i += 1;
				/* "U.S.-Pakistani", "Gov.-elect" */
				if (i + 1 < end && t[i] == '-' &&
				    wclass_at(t, i + 1, end) != WC_NONE) {
					i += 1;
					continue;
				}
			}
		}
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

static bool tokenize_paragraph(seg_ctx *c, size_t ps, size_t pe)
{
	const char *t = c->t;
	size_t i = ps;
	size_t last_end = (size_t)-1; /* end of the previous token */
	uint8_t last_kind = 0;
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
		size_t s = i, e;
		uint8_t kind = NR_TOKEN_PUNCT;
		if (ascii_class[b]) {
			/* Most words are plain ASCII ending at a space: take them
			 * without the full scanner. */
			unsigned seen = 0, cl;
			e = i;
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
			if (e == pe || t[e] == ' ') {
				kind = seen == CL_DIGIT ? NR_TOKEN_NUMBER : NR_TOKEN_WORD;
				goto emit;
			}
			size_t run = e;
			/* Cheap look at the scheme separator before the real test. */
			if ((i + 6 < pe &&
			     (t[i + 4] == ':' || t[i + 5] == ':' || t[i + 3] == ':')) ||
			    (i + 4 < pe && t[i + 3] == '.')) {
				e = scan_url(t, i, pe);
				if (e) {
					kind = NR_TOKEN_WORD;
					goto emit;
				}
			}
			/* A word with letters stopped by punctuation that cannot
			 * continue it (",", ")", ";", "?"...) is what scan_word()
			 * would make of it; the rest ("U.S.", "don't", "F-16",
			 * "1,000", UTF-8) goes there. */
			if ((seen & CL_LETTER) && word_stop[(unsigned char)t[run]]) {
				e = run;
				kind = NR_TOKEN_WORD;
				goto emit;
			}
			e = scan_word(t, i, pe, &kind);
			goto emit;
		}
		size_t n;
		uint32_t cp = cp_at(t, i, pe, &n);
		int wc = wclass(cp);
		if (wc != WC_NONE) {
			e = scan_word(t, i, pe, &kind);
			goto emit;
		}
		if (nr_uc__is_space(cp) || cp == '\n') {
			i += n;
			continue;
		}
		size_t nn;
		uint32_t nx = cp_at(t, i + n, pe, &nn);
		if (is_currency(cp) && a_digit(nx)) {
			e = scan_word(t, i + n, pe, &kind);
			goto emit;
		}
		if ((cp == '#' || cp == '@') && nx < 0x80 && a_alpha(nx)) {
			e = scan_word(t, i + 1, pe, &kind);
			kind = NR_TOKEN_WORD;
			goto emit;
		}
		if (cp == '.' && a_digit(nx) && last_end != i) {
			/* ".45 caliber", "a .333 hitter": a number, not a full stop. */
			e = scan_word(t, i + 1, pe, &kind);
			goto emit;
		}
		if (cp == '.' || cp == '-') {
			e = i + 1;
			while (e < pe && t[e] == (char)cp)
				e++;
			goto emit;
		}
		if (cp == '!' || cp == '?') {
			e = i + 1;
			while (e < pe && (t[e] == '!' || t[e] == '?'))
				e++;
			goto emit;
		}
		e = i + n;
		if (is_apostrophe(cp)) {
			bool glued = last_end == i &&
				     (last_kind == NR_TOKEN_WORD || last_kind == NR_TOKEN_NUMBER);
			int after = wclass_at(t, i + n + 1, pe);
			if (glued && (nx == 's' || nx == 'S') && after == WC_NONE) {
				e = i + n + 1; /* the clitic 's */
				kind = NR_TOKEN_WORD;
				goto emit;
			}
			if (!glued && a_digit(nx) && wclass_at(t, i + n + 1, pe) == WC_DIGIT) {
				/* '90s, '08: a year with its apostrophe. */
				size_t k = i + n + 2;
				if (k >= pe || t[k] == 's' || wclass_at(t, k, pe) == WC_NONE) {
					e = scan_word(t, i + n, pe, &kind);
					kind = NR_TOKEN_WORD;
					goto emit;
				}
			}
			if (glued && (t[i - 1] == 's' || t[i - 1] == 'S') &&
			    wclass(nx) == WC_NONE &&
			    (!c->squote_open || quote_closes_later(t, i + n, pe))) {
				/* Plural possessive: "officials' claims". */
				kind = NR_TOKEN_PUNCT;
				goto emit;
			}
			kind = NR_TOKEN_QUOTE;
			bool opening = cp == '\'' ? last_end != i && nx != ' ' && nx != 0 : false;
			c->squote_open = opening;
			goto emit;
		}
		if (nr_uc__is_quote(cp)) {
			kind = NR_TOKEN_QUOTE;
			if (cp == 0x2018 || cp == 0x201A || cp == 0x2039)
				c->squote_open = true;
			else if (cp == 0x203A)
				c->squote_open = false;
			goto emit;
		}
		/* Any other character is punctuation of its own. */
	emit:
		if (!push_token(c, s, e, kind))
			return false;
		last_end = e;
		last_kind = kind;
		i = e;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Sentence boundaries                                                 */

typedef enum end_kind {
	END_NONE = 0,
	END_PERIOD,     /* "." after a word */
	END_ELLIPSIS,   /* "..." or U+2026 */
	END_QUESTION,   /* "?", "?!", "!?" */
	END_EXCLAIM,    /* "!" */
	END_STRONG,     /* full-width terminators: no spaces to look at */
	END_ABBR_AMBIG, /* "U.S.", "Inc.", "J." */
	END_ABBR_NEVER  /* "Gen.", "e.g." */
} end_kind;

/* Most tokens cannot end a sentence; rule them out without a call. */
static inline bool may_end(const char *t, const nr_token *k)
{
	if (k->kind == NR_TOKEN_PUNCT) {
		unsigned char c = (unsigned char)t[k->start];
		return c == '.' || c == '?' || c == '!' || c >= 0xE2;
	}
	return k->kind == NR_TOKEN_WORD && t[k->end - 1] == '.';
}

static end_kind end_kind_of(const char *t, const nr_token *k)
{
	const char *s = t + k->start;
	size_t n = k->end - k->start;
	if (k->kind == NR_TOKEN_PUNCT) {
		switch ((unsigned char)s[0]) {
		case '.': return n == 1 ? END_PERIOD : END_ELLIPSIS;
		case '?': return END_QUESTION;
		case '!': return memchr(s, '?', n) ? END_QUESTION : END_EXCLAIM;
		case 0xE2:
			return n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0 ? END_ELLIPSIS
									   : END_NONE;
		case 0xE3:
			return n == 3 && memcmp(s, "\xE3\x80\x82", 3) == 0 ? END_STRONG : END_NONE;
		case 0xEF:
			return n == 3 && (memcmp(s, "\xEF\xBC\x81", 3) == 0 ||
					  memcmp(s, "\xEF\xBC\x9F", 3) == 0)
				   ? END_STRONG
				   : END_NONE;
		default: return END_NONE;
		}
	}
	if (k->kind != NR_TOKEN_WORD || n < 2 || s[n - 1] != '.')
		return END_NONE;
	/* A word that kept its period: the tokeniser only does that for the
	 * listed abbreviations, initials and initialisms ("U.S.", "e.g."). */
	if (word_classes(s, n) & (WORD_ABBR_NEVER_ENDS | WORD_ABBR_NUMERIC))
		return END_ABBR_NEVER;
	return END_ABBR_AMBIG;
}

static inline bool is_punct_char(const char *t, const nr_token *k, char ch)
{
	return k->kind == NR_TOKEN_PUNCT && t[k->start] == ch;
}

/* Closing quotes and brackets glued to the end of a sentence belong to it. */
static bool is_closer(const char *t, const nr_token *prev, const nr_token *k)
{
	if (k->start != prev->end)
		return false;
	if (k->kind == NR_TOKEN_QUOTE)
		return true;
	return is_punct_char(t, k, ')') || is_punct_char(t, k, ']') || is_punct_char(t, k, '}');
}

static bool is_opener(const char *t, const nr_token *k)
{
	return k->kind == NR_TOKEN_QUOTE || is_punct_char(t, k, '(') || is_punct_char(t, k, '[');
}

enum { NX_OTHER = 0, NX_UPPER, NX_LOWER, NX_DIGIT };

static int case_of(const char *t, const nr_token *k)
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

/* Is token k a word of one of the classes `cls` (WORD_*)? */
static bool token_is(const char *t, const nr_token *k, uint32_t cls)
{
	return k->kind == NR_TOKEN_WORD && (word_classes(t + k->start, k->end - k->start) & cls);
}

/* A word that opens sentences: a listed one, or a sentence adverb before
 * a comma ("Initially,", "Finally,"). */
static bool is_starter(const char *t, const nr_token *k, const nr_token *lim)
{
	if (token_is(t, k, WORD_SENTENCE_OPENER))
		return true;
	size_t n = k->end - k->start;
	return k->kind == NR_TOKEN_WORD && n > 4 && k + 1 < lim &&
	       memcmp(t + k->end - 2, "ly", 2) == 0 && is_punct_char(t, k + 1, ',') &&
	       k[1].start == k->end;
}

/* `"Why now?" Smith asked.`: one to three capitalised words, then a verb
 * of saying. */
static bool attribution_follows(const char *t, const nr_token *k, const nr_token *lim)
{
	for (int names = 0; k < lim && names <= 3; k++, names++) {
		if (names > 0 && token_is(t, k, WORD_SAYING_VERB))
			return true;
		if (k->kind != NR_TOKEN_WORD || case_of(t, k) != NX_UPPER ||
		    (names == 0 && token_is(t, k, WORD_SENTENCE_OPENER)))
			return false;
	}
	return false;
}

/* "1." "12." "a." "iv." opening a numbered paragraph or list item. */
static bool is_list_marker(const char *t, const nr_token *k)
{
	size_t n = k->end - k->start;
	const char *s = t + k->start;
	if (k->kind == NR_TOKEN_NUMBER)
		return n <= 3 && a_digit((unsigned char)s[n - 1]);
	if (k->kind != NR_TOKEN_WORD || n > 4)
		return false;
	if (n == 1)
		return a_alpha((unsigned char)s[0]);
	for (size_t i = 0; i < n; i++)
		if (!strchr("ivxIVX", s[i]))
			return false;
	return true;
}

/* Title-case text ("U.S. And China Agree On Trade") is a headline. */
static bool is_title_case(const char *t, const nr_token *k, const nr_token *lim)
{
	size_t upper = 0, lower = 0;
	for (; k < lim; k++) {
		if (k->kind != NR_TOKEN_WORD)
			continue;
		int cs = case_of(t, k);
		if (cs == NX_UPPER)
			upper++;
		else if (cs == NX_LOWER && k->end - k->start >= 4)
			lower++;
	}
	return upper >= 2 && lower * 4 <= upper;
}

static bool split_paragraph(seg_ctx *c, size_t para, size_t t0, size_t t1)
{
	const char *t = c->t;
	const nr_token *tok = c->a->tokens;
	if (t0 == t1)
		return true;

	/* A paragraph that stops on a word (a headline, a list item, a caption)
	 * only splits where the evidence is strong. */
	size_t last = t1 - 1;
	while (last > t0 && is_closer(t, &tok[last - 1], &tok[last]))
		last--;
	bool unterminated = (tok[last].kind == NR_TOKEN_WORD ||
			     tok[last].kind == NR_TOKEN_NUMBER) &&
			    end_kind_of(t, &tok[last]) == END_NONE;
	bool headline = unterminated && is_title_case(t, tok + t0, tok + t1);

	size_t sstart = t0;
	for (size_t i = t0; i < t1; i++) {
		if (!may_end(t, &tok[i]))
			continue;
		end_kind ek = end_kind_of(t, &tok[i]);
		if (ek == END_NONE)
			continue;
		size_t j = i + 1;
		bool closed = false;
		while (j < t1 && is_closer(t, &tok[j - 1], &tok[j])) {
			j++;
			closed = true;
		}
		if (j >= t1)
			break;
		const nr_token *nk = &tok[j];
		bool opener = is_opener(t, nk) && j + 1 < t1;
		const nr_token *w = opener ? &tok[j + 1] : nk;
		int nx = case_of(t, w);
		bool split;
		switch (ek) {
		case END_STRONG: split = true; break;
		case END_QUESTION:
		case END_EXCLAIM:
			if (nx == NX_LOWER)
				split = !closed && ek == END_QUESTION;
			else if (nx == NX_OTHER && !opener)
				split = !(is_punct_char(t, nk, ',') || is_punct_char(t, nk, ';') ||
					  is_punct_char(t, nk, ':'));
			else
				split = !(closed && nx == NX_UPPER && !opener &&
					  attribution_follows(t, w, tok + t1));
			break;
		case END_PERIOD:
			if (headline || (i == sstart + 1 && is_list_marker(t, &tok[sstart])) ||
			    nx == NX_LOWER)
				split = false;
			else if (nx == NX_OTHER && !opener)
				/* ". ," or ". ;" is damage; ". . ." a spaced ellipsis. */
				split = end_kind_of(t, nk) == END_NONE &&
					!is_punct_char(t, nk, ',') && !is_punct_char(t, nk, ';') &&
					!is_punct_char(t, nk, ':') && !is_punct_char(t, nk, ')');
			else
				split = true;
			break;
		case END_ELLIPSIS: split = !unterminated && nx == NX_UPPER; break;
		case END_ABBR_AMBIG:
			if (unterminated || nx != NX_UPPER ||
			    (i == t0 && is_initial(t, tok[i].start, tok[i].end - 1)))
				split = false;
			else if (nk->kind == NR_TOKEN_QUOTE ||
				 (closed && tok[j - 1].kind == NR_TOKEN_QUOTE))
				/* Quotation marks around the break: '...the U.S." He'
				 * or 'the U.S. "We...'. A bracket, as in "(A.J.P.)
				 * Taylor", is no such sign. */
				split = true;
			else
				split = is_starter(t, w, tok + t1);
			break;
		default: split = false; break;
		}
		if (split) {
			if (!push_sentence(c, para, sstart, j))
				return false;
			sstart = j;
		}
		i = j - 1;
	}
	return push_sentence(c, para, sstart, t1);
}

int nr_segment__run(nr_article *a)
{
	free(a->tokens);
	free(a->sentences);
	a->tokens = NULL;
	a->sentences = NULL;
	a->ntokens = a->nsentences = 0;
	if (!a->text || a->nparagraphs == 0)
		return NR_OK;
	int rc = word_set_build();
	if (rc != NR_OK)
		return rc;

	seg_ctx c = { a, a->text, 0, 0, false };
	/* News prose averages about six bytes a token and 120 a sentence;
	 * starting near that avoids most regrowth. */
	c.cap_tokens = a->text_len / 5 + 16;
	c.cap_sentences = a->text_len / 100 + a->nparagraphs + 4;
	a->tokens = malloc(c.cap_tokens * sizeof(nr_token));
	a->sentences = malloc(c.cap_sentences * sizeof(nr_sentence));
	if (!a->tokens || !a->sentences)
		goto oom;

	for (size_t p = 0; p < a->nparagraphs; p++) {
		size_t t0 = a->ntokens;
		if (!tokenize_paragraph(&c, a->paragraphs[p].start, a->paragraphs[p].end))
			goto oom;
		if (!split_paragraph(&c, p, t0, a->ntokens))
			goto oom;
	}
	return NR_OK;

oom:
	free(a->tokens);
	free(a->sentences);
	a->tokens = NULL;
	a->sentences = NULL;
	a->ntokens = a->nsentences = 0;
	return NR_ENOMEM;
}

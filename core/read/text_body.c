/* text_body.c - plain-text bodies: paragraphs from line layout, page furniture
 * dropped, a headline taken from the top.
 *
 * Scraped text carries what the page had around the story: accessibility
 * and navigation links, "Breaking News" banners, photo captions repeated
 * above the story, font-size and share widgets, cookie and newsletter
 * notices. They are recognised by shape (short, no sentence punctuation,
 * repeated, a caption's credit in parentheses) and by a small lexicon of
 * furniture phrases, never by the words of any particular story. */
#include "read/read.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
	const char *s; /* paragraph text, cleaned, in `store` */
	size_t len;
	bool drop;
	bool multi_line;  /* joined from several source lines */
	bool blank_after; /* a blank line follows in the source */
	uint64_t hash;    /* of the first 48 bytes, to find repeats */
} block;

static bool same_block(const block *x, const block *y)
{
	return x->hash == y->hash && x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/* A sort key carrying everything the comparison needs, since C11's qsort
 * takes no context argument. */
typedef struct block_key {
	uint64_t hash;
	const char *s;
	size_t len;
	size_t idx;
} block_key;

static int cmp_block_key(const void *pa, const void *pb)
{
	const block_key *x = pa, *y = pb;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	int c = memcmp(x->s, y->s, x->len);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

typedef struct line {
	const char *s;
	size_t len;
} line;

/* ASCII lower case without the locale (tolower() is a call per byte). */
static inline unsigned char fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

static bool is_hspace(unsigned char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

/* Trim ASCII blanks and the UTF-8 NBSP (C2 A0) from both ends. */
static void trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	for (;;) {
		if (n && is_hspace((unsigned char)p[0])) {
			p++, n--;
		} else if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p += 2, n -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (n && is_hspace((unsigned char)p[n - 1])) {
			n--;
		} else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 &&
			   (unsigned char)p[n - 1] == 0xA0) {
			n -= 2;
		} else {
			break;
		}
	}
	*s = p;
	*len = n;
}

size_t nr_text__count_words(const char *s, size_t len)
{
	size_t n = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		bool sp = s[i] == ' ';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Last visible character, skipping closing quotes and brackets. */
static unsigned char last_mark(const char *s, size_t len)
{
	while (len) {
		unsigned char c = (unsigned char)s[len - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			len--;
			continue;
		}
		/* ” ’ » (E2 80 9D, E2 80 99, C2 BB) */
		if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 &&
		    (unsigned char)s[len - 2] == 0x80 && (c == 0x9D || c == 0x99)) {
			len -= 3;
			continue;
		}
		if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && c == 0xBB) {
			len -= 2;
			continue;
		}
		/* … (E2 80 A6) counts as a full stop. */
		if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 &&
		    (unsigned char)s[len - 2] == 0x80 && c == 0xA6)
			return '.';
		return c;
	}
	return 0;
}

static bool ends_with_sentence_mark(const char *s, size_t len)
{
	unsigned char c = last_mark(s, len);
	return c == '.' || c == '!' || c == '?';
}

/* Lowercased ASCII copy of a short block without trailing punctuation,
 * for lexicon look-ups. Returns false when the block is too long. */
static bool lower_key(const char *s, size_t len, char *out, size_t cap)
{
	while (len && strchr(" .:;!|>»-", s[len - 1]))
		len--;
	while (len && strchr(" |<«-", s[0]))
		s++, len--;
	if (len + 1 > cap)
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)fold((unsigned char)s[i]);
	out[len] = '\0';
	return true;
}

/* Whole-block furniture phrases (lowercase, trailing punctuation removed). */
static const char *const furniture_phrases[] = {
	"accessibility links",
	"accessibility",
	"skip to content",
	"skip to main content",
	"skip to navigation",
	"skip navigation",
	"jump to content",
	"main menu",
	"menu",
	"navigation",
	"toggle navigation",
	"open menu",
	"close menu",
	"search",
	"home",
	"breaking news",
	"breaking",
	"live",
	"developing story",
	"just in",
	"share",
	"share this",
	"share this article",
	"share this story",
	"share this page",
	"share on facebook",
	"share on twitter",
	"share via email",
	"tweet",
	"email",
	"e-mail",
	"print",
	"print this page",
	"print article",
	"comment",
	"comments",
	"view comments",
	"show comments",
	"leave a comment",
	"advertisement",
	"advertising",
	"sponsored",
	"sponsored content",
	"ad",
	"related",
	"related articles",
	"related stories",
	"related content",
	"related topics",
	"related links",
	"more on this story",
	"read more",
	"read next",
	"more",
	"more stories",
	"see also",
	"top stories",
	"most read",
	"most popular",
	"most viewed",
	"trending",
	"trending now",
	"you may also like",
	"recommended",
	"recommended for you",
	"follow us",
	"follow",
	"subscribe",
	"subscribe now",
	"sign up",
	"sign in",
	"log in",
	"login",
	"register",
	"newsletter",
	"back to top",
	"top",
	"next",
	"previous",
	"next article",
	"previous article",
	"listen",
	"listen to this article",
	"watch",
	"play video",
	"video",
	"audio",
	"image",
	"photo",
	"photos",
	"gallery",
	"image caption",
	"media caption",
	"embed",
	"permalink",
	"copy link",
	"copy link to clipboard",
	"font size",
	"text size",
	"a a a",
	"print this article",
	"save",
	"save article",
	"whatsapp",
	"facebook",
	"twitter",
	"linkedin",
	"reddit",
	"pinterest",
	"telegram",
	"rss",
	"close",
	"loading",
	"loading...",
	"all rights reserved",
	"terms of use",
	"privacy policy",
	"cookie policy",
	"contact us",
	"about us",
	"updated",
	"getty images",
	"reuters",
	"ap",
};

/* Tokens of font-size and text widgets ("XS SM MD LG", "A+ A-"). */
static bool widget_token(const char *w, size_t n)
{
	static const char *const toks[] = { "xs", "sm", "md", "lg", "xl",  "xxl", "s", "m", "l",
					    "a",  "a+", "a-", "aa", "aaa", "+",   "-", "|", "a+a-" };
	char t[8];
	if (n == 0 || n >= sizeof(t))
		return false;
	for (size_t i = 0; i < n; i++)
		t[i] = (char)fold((unsigned char)w[i]);
	t[n] = '\0';
	for (size_t i = 0; i < NR_ARRAY_LEN(toks); i++)
		if (toks[i][0] == t[0] && strcmp(t, toks[i]) == 0)
			return true;
	return false;
}

static bool is_widget(const char *s, size_t len)
{
	size_t i = 0;
	bool any = false;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		if (j > i) {
			if (!widget_token(s + i, j - i))
				return false;
			any = true;
		}
		i = j;
	}
	return any;
}

/* Does s[0..len) hold the letter c (lower case) in either case? A cheap
 * gate before a search for a word that has it. */
static bool has_letter(const char *s, size_t len, char c)
{
	return memchr(s, c, len) || memchr(s, c - 'a' + 'A', len);
}

static bool contains_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	unsigned char first = (unsigned char)needle[0];
	for (size_t i = 0; i + n <= len; i++) {
		if (fold((unsigned char)s[i]) != first)
			continue;
		size_t k = 1;
		while (k < n && fold((unsigned char)s[i + k]) == (unsigned char)needle[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static bool starts_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (fold((unsigned char)s[i]) != (unsigned char)prefix[i])
			return false;
	return true;
}

/*
 * A photo caption or credit: ends with a parenthesised photo or agency
 * credit ("... (file photo)", "(AP Photo/Jane Doe)", "(Reuters)"), or
 * starts with a caption label.
 */
static bool is_caption(const char *s, size_t len)
{
	if (len > 400)
		return false;
	static const char *const labels[] = { "photo:",        "image:",          "picture:",
					      "caption:",      "credit:",         "photograph:",
					      "file photo:",   "image copyright", "image caption",
					      "media caption", "photo credit",    "pictured:" };
	for (size_t i = 0; i < NR_ARRAY_LEN(labels); i++)
		if (starts_ci(s, len, labels[i]) && len < 300)
			return true;
	if (!len || s[len - 1] != ')')
		return false;
	size_t open = len;
	while (open > 0 && s[open - 1] != '(')
		open--;
	if (open == 0)
		return false;
	const char *in = s + open;
	size_t inlen = len - 1 - open;
	static const char *const credits[] = { "photo", "file",     "image",  "picture",
					       "getty", "reuters",  "afp",    "ap ",
					       "epa",   "courtesy", "credit", "pool" };
	for (size_t i = 0; i < NR_ARRAY_LEN(credits); i++)
		if (starts_ci(in, inlen, credits[i]) ||
		    (strcmp(credits[i], "photo") == 0 && contains_ci(in, inlen, "photo")))
			return true;
	return false;
}

/* Exact substring search, memchr() for the first byte: a cheap gate
 * before the careful checks. */
static bool has_tail(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);
	const char *end = s + len;
	while ((size_t)(end - s) >= n) {
		const char *p = memchr(s, tail[0], (size_t)(end - s) - n + 1);
		if (!p)
			return false;
		if (memcmp(p, tail, n) == 0)
			return true;
		s = p + 1;
	}
	return false;
}

static bool is_notice(const char *s, size_t len)
{
	if (len > 600)
		return false;
	/* Nearly every paragraph is none of these: rule them out with a few
	 * exact searches for telling fragments that start with a rare byte
	 * and leave out the first letter, so either case of it matches. */
	static const char *const tails[] = { "kie",   "KIE",    "wsletter", "bscrib",
					     "gn up", "yright", "\xC2\xA9", "ights res" };
	bool any = len < 200; /* short blocks are few: check them all */
	for (size_t i = 0; i < NR_ARRAY_LEN(tails) && !any; i++)
		any = has_tail(s, len, tails[i]);
	if (!any)
		return false;
	/* Each test wants a word whose rarest letter the block must hold. */
	if (has_letter(s, len, 'k') && contains_ci(s, len, "cookie") &&
	    (contains_ci(s, len, "accept") || contains_ci(s, len, "consent") ||
	     contains_ci(s, len, "policy") || contains_ci(s, len, "we use") ||
	     contains_ci(s, len, "this site uses") || contains_ci(s, len, "browsing")))
		return true;
	if (len < 300 &&
	    ((has_letter(s, len, 'w') && contains_ci(s, len, "newsletter")) ||
	     starts_ci(s, len, "subscribe") || starts_ci(s, len, "sign up")) &&
	    (contains_ci(s, len, "subscribe") || contains_ci(s, len, "sign up") ||
	     contains_ci(s, len, "inbox") || contains_ci(s, len, "email")))
		return true;
	if (len < 200 && ((has_letter(s, len, 'v') && contains_ci(s, len, "all rights reserved")) ||
			  starts_ci(s, len, "copyright ") || starts_ci(s, len, "\xC2\xA9")))
		return true;
	if (len < 200 && (starts_ci(s, len, "follow us on") || starts_ci(s, len, "share this") ||
			  starts_ci(s, len, "click here to") || starts_ci(s, len, "skip to ")))
		return true;
	return false;
}

static bool is_furniture_block(const char *s, size_t len)
{
	char key[64];
	if (lower_key(s, len, key, sizeof(key))) {
		/* Every block of a page is asked: the first byte rules out
		 * nearly every phrase without a call. */
		for (size_t i = 0; i < NR_ARRAY_LEN(furniture_phrases); i++)
			if (furniture_phrases[i][0] == key[0] &&
			    strcmp(key, furniture_phrases[i]) == 0)
				return true;
	}
	return is_widget(s, len) || is_caption(s, len) || is_notice(s, len);
}

/* Short, unpunctuated: a menu entry, a label, a headline. */
static bool is_label(const block *b)
{
	return b->len <= 40 && nr_text__count_words(b->s, b->len) <= 4 &&
	       !ends_with_sentence_mark(b->s, b->len);
}

/* Share of capitalised words among the words that are not short function words. */
static bool title_cased(const char *s, size_t len)
{
	size_t caps = 0, words = 0, i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		if (j > i) {
			size_t n = j - i;
			unsigned char c = (unsigned char)s[i];
			bool small = n <= 3 && islower(c);
			if (!small) {
				words++;
				uint32_t cp;
				nr_utf8__decode(s + i, j - i, &cp);
				if (nr_uc__is_upper(cp) || nr_uc__is_digit(cp) ||
				    !nr_uc__is_alpha(cp))
					caps++;
			}
		}
		i = j;
	}
	return words >= 2 && caps * 10 >= words * 8;
}

/*
 * A headline: short, one line, and either without final punctuation or
 * title-cased. Some archives end headlines with a full stop or semicolon;
 * those count when the line stands alone above a body of several
 * paragraphs (`set_apart`).
 */
static bool looks_headline(const block *b, bool set_apart)
{
	if (b->multi_line || b->len == 0 || b->len > 250)
		return false;
	size_t w = nr_text__count_words(b->s, b->len);
	if (w > 30)
		return false;
	unsigned char c = last_mark(b->s, b->len);
	if (c == ',' || c == ':')
		return false;
	if (c == ';') /* never ends a body paragraph */
		return true;
	if (c == '.')
		return title_cased(b->s, b->len) || (set_apart && w <= 20);
	return true;
}

/* A section label or kicker set in capitals above the story: "LETTERS.",
 * "WORLD NEWS". */
static bool is_kicker(const block *b)
{
	if (b->len > 40 || nr_text__count_words(b->s, b->len) > 4)
		return false;
	size_t letters = 0;
	for (size_t i = 0; i < b->len;) {
		uint32_t cp;
		i += nr_utf8__decode(b->s + i, b->len - i, &cp);
		if (nr_uc__is_lower(cp))
			return false;
		letters += nr_uc__is_upper(cp);
	}
	return letters >= 3;
}

/* "By Jane Doe", "By Jane Doe and John Roe, Reuters". */
static bool is_byline(const char *s, size_t len)
{
	return len < 120 && starts_ci(s, len, "by ") && nr_text__count_words(s, len) <= 10 &&
	       !ends_with_sentence_mark(s, len) && len > 3 && isupper((unsigned char)s[3]);
}

/* The page as the passes below see it: trimmed lines, then the blocks
 * (paragraphs) joined from them, whose text lives in `store`. */
typedef struct text_page {
	line *lines;
	size_t nlines, cap_lines;
	block *blocks;
	size_t nblocks;
	nr_buf store;
} text_page;

static void text_page_free(text_page *pg)
{
	nr_buf__free(&pg->store);
	free(pg->blocks);
	free(pg->lines);
}

/* Cut the text at line breaks (\n, \r\n or a lone \r) and trim each line;
 * blank lines stay, as empty lines, since they separate paragraphs. */
static int split_lines(text_page *pg, const char *text, size_t len)
{
	size_t i = 0;
	bool has_cr = memchr(text, '\r', len) != NULL;
	while (i <= len) {
		size_t j = i;
		if (has_cr) {
			while (j < len && text[j] != '\n' && text[j] != '\r')
				j++;
		} else {
			const char *nl = memchr(text + i, '\n', len - i);
			j = nl ? (size_t)(nl - text) : len;
		}
		if (pg->nlines == pg->cap_lines &&
		    !nr__grow((void **)&pg->lines, &pg->cap_lines, sizeof(line), 64))
			return NR_ENOMEM;
		const char *ls = text + i;
		size_t ll = j - i;
		trim(&ls, &ll);
		pg->lines[pg->nlines++] = (line){ ls, ll };
		if (j >= len)
			break;
		if (text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
			j++;
		i = j + 1;
	}
	return NR_OK;
}

/* Hard-wrapped text (lines cut near a fixed width, most of them running
 * on into the next) joins lines into paragraphs; scraped text has a
 * paragraph per line. Returns the wrap width, or 0 when not wrapped. */
static size_t wrap_width(const text_page *pg)
{
	size_t maxlen = 0, pairs = 0, cont = 0;
	const line *l = pg->lines;
	for (size_t i = 0; i < pg->nlines; i++) {
		if (!l[i].len)
			continue;
		if (l[i].len > maxlen)
			maxlen = l[i].len;
		if (i + 1 < pg->nlines && l[i + 1].len) {
			pairs++;
			if (!ends_with_sentence_mark(l[i].s, l[i].len) && l[i].len >= 30)
				cont++;
		}
	}
	bool wrapped = maxlen <= 120 && pairs >= 3 && cont * 10 >= pairs * 4;
	return wrapped ? maxlen : 0;
}

/* Where the block that starts at line i ends: the next line, or in
 * wrapped text (width > 0) the first blank line or the line after a
 * short one that ends a sentence. */
static size_t block_end(const text_page *pg, size_t i, size_t width)
{
	const line *l = pg->lines;
	size_t j = i + 1;
	if (width)
		while (j < pg->nlines && l[j].len &&
		       !(l[j - 1].len < width * 6 / 10 &&
			 ends_with_sentence_mark(l[j - 1].s, l[j - 1].len)))
			j++;
	return j;
}

/* Join the lines into blocks, their text copied (one space between joined
 * lines) into the store. Pointers into the store are set at the end,
 * once it has stopped moving. */
static int build_blocks(text_page *pg, size_t width)
{
	size_t n = pg->nlines ? pg->nlines : 1;
	size_t *offs = calloc(n, sizeof(*offs));
	pg->blocks = calloc(n, sizeof(*pg->blocks));
	if (!offs || !pg->blocks) {
		free(offs);
		return NR_ENOMEM;
	}
	const line *l = pg->lines;
	for (size_t i = 0; i < pg->nlines;) {
		if (!l[i].len) {
			i++;
			continue;
		}
		size_t start = pg->store.len, j = block_end(pg, i, width);
		for (size_t k = i; k < j; k++) {
			if (k > i)
				nr_buf__putc(&pg->store, ' ');
			nr_buf__put(&pg->store, l[k].s, l[k].len);
		}
		nr_buf__putc(&pg->store, '\0');
		block *b = &pg->blocks[pg->nblocks];
		offs[pg->nblocks++] = start;
		b->len = pg->store.len - 1 - start;
		b->multi_line = j - i > 1;
		b->blank_after = j < pg->nlines && l[j].len == 0;
		i = j;
	}
	if (!pg->store.oom)
		for (size_t i = 0; i < pg->nblocks; i++)
			pg->blocks[i].s = pg->store.data + offs[i];
	free(offs);
	return pg->store.oom ? NR_ENOMEM : NR_OK;
}

static void drop_furniture(text_page *pg)
{
	for (size_t i = 0; i < pg->nblocks; i++)
		if (is_furniture_block(pg->blocks[i].s, pg->blocks[i].len))
			pg->blocks[i].drop = true;
}

/* Short blocks that repeat are captions or widgets; a longer repeated
 * block keeps its first occurrence. Blocks are sorted by content so
 * that a page of many lines costs n log n, not n squared. The hash only
 * groups equal blocks (ties sort by position), so which hash it is does
 * not change what is dropped; the first 48 bytes tell blocks apart well
 * enough, and equal hashes are confirmed with memcmp() anyway. */
static int drop_repeats(text_page *pg)
{
	size_t n = pg->nblocks;
	block *blocks = pg->blocks;
	if (n < 2)
		return NR_OK;
	block_key *keys = malloc(n * sizeof(*keys));
	if (!keys)
		return NR_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		blocks[i].hash = nr_hash__bytes(blocks[i].s,
						blocks[i].len < 48 ? blocks[i].len : 48);
		keys[i] = (block_key){ blocks[i].hash, blocks[i].s, blocks[i].len, i };
	}
	qsort(keys, n, sizeof(*keys), cmp_block_key);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && same_block(&blocks[keys[i].idx], &blocks[keys[j].idx]))
			j++;
		if (j - i > 1) {
			/* keys[i] is the first occurrence (ties sort by index). */
			const block *b = &blocks[keys[i].idx];
			for (size_t k = i + 1; k < j; k++)
				blocks[keys[k].idx].drop = true;
			if (b->len < 200 && !ends_with_sentence_mark(b->s, b->len))
				blocks[keys[i].idx].drop = true;
		}
		i = j;
	}
	free(keys);
	return NR_OK;
}

/* A run of three or more labels on consecutive lines (no blank line
 * between them) at the top or the bottom of the page is a menu. */
static void drop_menus(text_page *pg)
{
	size_t nblocks = pg->nblocks;
	block *blocks = pg->blocks;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		/* Skip blocks already dropped at this end. */
		while (n < nblocks && blocks[pass == 0 ? n : nblocks - 1 - n].drop)
			n++;
		size_t run = 0;
		while (n + run < nblocks) {
			size_t k = pass == 0 ? n + run : nblocks - 1 - n - run;
			if (!is_label(&blocks[k]))
				break;
			run++;
			/* The run ends at a blank line: after k going down, before k
			 * going up. */
			if (pass == 0 ? blocks[k].blank_after
				      : (k == 0 || blocks[k - 1].blank_after))
				break;
		}
		if (run >= 3)
			for (size_t m = 0; m < run; m++)
				blocks[pass == 0 ? n + m : nblocks - 1 - n - m].drop = true;
	}
}

/* A kicker above or below the headline goes. An all-caps first block is
 * a kicker only when a headline follows it; otherwise it is the headline
 * itself. */
static void drop_kicker(text_page *pg)
{
	size_t top[3], ntop = 0;
	block *blocks = pg->blocks;
	for (size_t k = 0; k < pg->nblocks && ntop < 3; k++)
		if (!blocks[k].drop)
			top[ntop++] = k;
	if (ntop >= 3 && is_kicker(&blocks[top[0]]) && !is_kicker(&blocks[top[1]]) &&
	    looks_headline(&blocks[top[1]], false))
		blocks[top[0]].drop = true;
	else if (ntop >= 3 && is_kicker(&blocks[top[1]]))
		blocks[top[1]].drop = true;
}

static size_t next_kept(const text_page *pg, size_t i)
{
	while (i < pg->nblocks && pg->blocks[i].drop)
		i++;
	return i;
}

/* The first block left becomes the title when it looks like a headline
 * above some text, and a byline right under it becomes the byline;
 * neither stays in the body. Fields the article has already are kept. */
static int take_headline(nr_article *a, text_page *pg)
{
	block *blocks = pg->blocks;
	size_t first = next_kept(pg, 0);
	if (first >= pg->nblocks || nr_article__has_meta(a, NR_META_TITLE))
		return NR_OK;
	size_t rest = 0;
	for (size_t k = first + 1; k < pg->nblocks; k++)
		rest += !blocks[k].drop;
	if (rest == 0 || !looks_headline(&blocks[first], blocks[first].blank_after && rest >= 3))
		return NR_OK;
	int rc = nr_article__set_meta(a, NR_META_TITLE, blocks[first].s, blocks[first].len);
	if (rc)
		return rc;
	blocks[first].drop = true;
	size_t next = next_kept(pg, first + 1);
	if (next < pg->nblocks && is_byline(blocks[next].s, blocks[next].len) &&
	    !nr_article__has_meta(a, NR_META_BYLINE)) {
		rc = nr_article__set_meta(a, NR_META_BYLINE, blocks[next].s + 3,
					  blocks[next].len - 3);
		if (rc)
			return rc;
		blocks[next].drop = true;
	}
	return NR_OK;
}

int nr_text__extract(nr_article *a, const char *text, size_t len, bool detect_title)
{
	text_page pg = { 0 };
	int rc = split_lines(&pg, text, len);
	if (!rc)
		rc = build_blocks(&pg, wrap_width(&pg));
	if (!rc) {
		drop_furniture(&pg);
		rc = drop_repeats(&pg);
	}
	if (!rc) {
		drop_menus(&pg);
		drop_kicker(&pg);
		if (detect_title)
			rc = take_headline(a, &pg);
	}
	for (size_t i = 0; i < pg.nblocks && !rc; i++)
		if (!pg.blocks[i].drop)
			rc = nr_article__add_paragraph(a, pg.blocks[i].s, pg.blocks[i].len);
	text_page_free(&pg);
	return rc;
}

/*
 * sentences.c - sentence boundaries over a paragraph's tokens.
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
#include "segment/segment_int.h"

#include <string.h>

/* ASCII only: a byte of UTF-8 is neither. */
static inline bool ascii_digit(unsigned char c) { return (unsigned)(c - '0') < 10u; }
static inline bool ascii_letter(unsigned char c) { return (unsigned)((c | 0x20u) - 'a') < 26u; }

/* Append the sentence over tokens [first, last) of paragraph para. */
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
	if (nr_segment__word_class(s, n) & (WORD_ABBR_NEVER_ENDS | WORD_ABBR_NUMERIC))
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

/* Is token k a word of one of the classes `cls` (WORD_*)? */
static bool token_is(const char *t, const nr_token *k, uint32_t cls)
{
	return k->kind == NR_TOKEN_WORD &&
	       (nr_segment__word_class(t + k->start, k->end - k->start) & cls);
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
		if (k->kind != NR_TOKEN_WORD || nr_segment__case_of(t, k) != NX_UPPER ||
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
		return n <= 3 && ascii_digit((unsigned char)s[n - 1]);
	if (k->kind != NR_TOKEN_WORD || n > 4)
		return false;
	if (n == 1)
		return ascii_letter((unsigned char)s[0]);
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
		int cs = nr_segment__case_of(t, k);
		if (cs == NX_UPPER)
			upper++;
		else if (cs == NX_LOWER && k->end - k->start >= 4)
			lower++;
	}
	return upper >= 2 && lower * 4 <= upper;
}

/* ------------------------------------------------------------------ */
/* Decisions                                                           */

/* A paragraph's tokens, and what holds for all of it. */
typedef struct para_tokens {
	const char *t;
	const nr_token *tok;
	size_t t0, t1;
	bool unterminated; /* it stops on a word: a headline, a list item, a caption */
	bool headline;     /* ... and is in title case */
} para_tokens;

static void read_paragraph(para_tokens *p, const char *t, const nr_token *tok, size_t t0, size_t t1)
{
	size_t last = t1 - 1;
	while (last > t0 && is_closer(t, &tok[last - 1], &tok[last]))
		last--;
	*p = (para_tokens){ t, tok, t0, t1, false, false };
	p->unterminated = (tok[last].kind == NR_TOKEN_WORD || tok[last].kind == NR_TOKEN_NUMBER) &&
			  end_kind_of(t, &tok[last]) == END_NONE;
	p->headline = p->unterminated && is_title_case(t, tok + t0, tok + t1);
}

/* Where a sentence may end: after token i and the closers glued to it,
 * before token j. */
typedef struct boundary {
	size_t i, j;
	end_kind ek;          /* of token i */
	bool closed;          /* closing quotes or brackets follow token i */
	bool opener;          /* token j opens a quotation or bracket, a token after it */
	const nr_token *next; /* token j */
	const nr_token *w;    /* the word that decides: token j, or the one after an opener */
	int nx;               /* its case, NX_* */
} boundary;

/* The boundary after token i; false when the paragraph ends first. */
static bool find_boundary(const para_tokens *p, size_t i, end_kind ek, boundary *b)
{
	size_t j = i + 1;
	bool closed = false;
	while (j < p->t1 && is_closer(p->t, &p->tok[j - 1], &p->tok[j])) {
		j++;
		closed = true;
	}
	if (j >= p->t1)
		return false;
	b->i = i;
	b->j = j;
	b->ek = ek;
	b->closed = closed;
	b->next = &p->tok[j];
	b->opener = is_opener(p->t, b->next) && j + 1 < p->t1;
	b->w = b->opener ? &p->tok[j + 1] : b->next;
	b->nx = nr_segment__case_of(p->t, b->w);
	return true;
}

/* After "?" or "!": a lower-case word goes on the sentence after "!" or a
 * closing quote ('"Why?" she asked'), and so do ",", ";" and ":"; a
 * quotation followed by "Name said" is one sentence. */
static bool breaks_after_question(const para_tokens *p, const boundary *b)
{
	const char *t = p->t;
	if (b->nx == NX_LOWER)
		return !b->closed && b->ek == END_QUESTION;
	if (b->nx == NX_OTHER && !b->opener)
		return !(is_punct_char(t, b->next, ',') || is_punct_char(t, b->next, ';') ||
			 is_punct_char(t, b->next, ':'));
	return !(b->closed && b->nx == NX_UPPER && !b->opener &&
		 attribution_follows(t, b->w, p->tok + p->t1));
}

/* After a plain period: no break in a headline, after a list marker
 * ("1. The ...") or before a lower-case word. */
static bool breaks_after_period(const para_tokens *p, const boundary *b, size_t sstart)
{
	const char *t = p->t;
	if (p->headline || (b->i == sstart + 1 && is_list_marker(t, &p->tok[sstart])) ||
	    b->nx == NX_LOWER)
		return false;
	if (b->nx == NX_OTHER && !b->opener)
		/* ". ," or ". ;" is damage; ". . ." a spaced ellipsis. */
		return end_kind_of(t, b->next) == END_NONE && !is_punct_char(t, b->next, ',') &&
		       !is_punct_char(t, b->next, ';') && !is_punct_char(t, b->next, ':') &&
		       !is_punct_char(t, b->next, ')');
	return true;
}

/* After an abbreviation that may end a sentence ("U.S.", "Inc."): only
 * before a capital that opens sentences, or at quotation marks. */
static bool breaks_after_abbreviation(const para_tokens *p, const boundary *b)
{
	const nr_token *k = &p->tok[b->i];
	if (p->unterminated || b->nx != NX_UPPER ||
	    (b->i == p->t0 && nr_segment__is_initial(p->t, k->start, k->end - 1)))
		return false;
	/* Quotation marks around the break: '...the U.S." He' or 'the U.S.
	 * "We...'. A bracket, as in "(A.J.P.) Taylor", is no such sign. */
	if (b->next->kind == NR_TOKEN_QUOTE ||
	    (b->closed && p->tok[b->j - 1].kind == NR_TOKEN_QUOTE))
		return true;
	return is_starter(p->t, b->w, p->tok + p->t1);
}

/* Does a sentence end at b? sstart is where the current one started. */
static bool breaks_here(const para_tokens *p, const boundary *b, size_t sstart)
{
	switch (b->ek) {
	case END_STRONG: return true;
	case END_QUESTION:
	case END_EXCLAIM: return breaks_after_question(p, b);
	case END_PERIOD: return breaks_after_period(p, b, sstart);
	case END_ELLIPSIS: return !p->unterminated && b->nx == NX_UPPER;
	case END_ABBR_AMBIG: return breaks_after_abbreviation(p, b);
	default: return false;
	}
}

bool nr_segment__split_paragraph(seg_ctx *c, size_t para, size_t t0, size_t t1)
{
	if (t0 == t1)
		return true;
	para_tokens p;
	read_paragraph(&p, c->t, c->a->tokens, t0, t1);
	size_t sstart = t0;
	for (size_t i = t0; i < t1; i++) {
		if (!may_end(p.t, &p.tok[i]))
			continue;
		end_kind ek = end_kind_of(p.t, &p.tok[i]);
		boundary b;
		if (ek == END_NONE)
			continue;
		if (!find_boundary(&p, i, ek, &b))
			break;
		if (breaks_here(&p, &b, sstart)) {
			if (!push_sentence(c, para, sstart, b.j))
				return false;
			sstart = b.j;
		}
		i = b.j - 1;
	}
	return push_sentence(c, para, sstart, t1);
}

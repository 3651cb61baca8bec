/*
 * keywords.c - news.literals(pattern) and news.cue_keywords(listed, cues...):
 * the words every match of a PCRE2 cue pattern must hold, read off its
 * syntax as a regex prefilter does, and the keywords a rule needs so that
 * none of its cue patterns is dead.
 *
 * A rule runs only on articles holding one of its keywords (and the pack
 * looks closely only at sentences holding one at a word start), so a cue
 * no keyword covers never fires. The reader walks the pattern once: plain
 * characters, classes of plain characters ("[sz]") and groups whose
 * alternatives are all spelled out ("(?:ed|ing)") multiply into the forms
 * a stretch of text can take ("hack(?:ed|ing)": "hacked", "hacking");
 * anything else ("\w+", ".", "[^,]") cuts the stretch. A required group
 * whose alternatives are not all spelled out gives one item made of each
 * alternative's best literal. Everything is bounded: 64 forms per item,
 * 256 bytes per form, 64 items, the pattern's own length.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

#define KW_MAX_FORMS 64
#define KW_FORM_MAX 256
#define KW_MAX_ITEMS 64
#define KW_MAX_PATTERN 4096
#define KW_MAX_DEPTH 16
/* Scratch one call may use, whatever the patterns: past it the call
 * raises ("too complex to read"). */
#define KW_SCRATCH_MAX (8u << 20)

/* The forms one stretch of text can take (strings in the call's arena). */
typedef struct forms {
	size_t n;
	const char *v[KW_MAX_FORMS];
	uint16_t len[KW_MAX_FORMS];
} forms;

typedef struct items {
	size_t n;
	forms *v[KW_MAX_ITEMS];
} items;

/* One call's scratch, in a userdata whose collection frees the arena if a
 * raise cuts the call short. */
typedef struct kw_ctx {
	lua_State *L;
	const nr_lexicon_set *lex;
	nr_arena arena;
	int depth;
} kw_ctx;

#define NR_MT_KWSCRATCH "newsrules.KeywordScratch"

static void *scratch(kw_ctx *k, size_t n)
{
	void *p = k->arena.total + n <= KW_SCRATCH_MAX ? nr_arena__alloc(&k->arena, n) : NULL;
	if (!p)
		luaL_error(k->L, "pattern too complex to read its literals");
	return p;
}

static forms *new_forms(kw_ctx *k)
{
	forms *f = scratch(k, sizeof(*f));
	f->n = 0;
	return f;
}

static bool add_form(kw_ctx *k, forms *f, const char *s, size_t n)
{
	if (f->n == KW_MAX_FORMS || n >= KW_FORM_MAX)
		return false;
	char *copy = scratch(k, n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	f->v[f->n] = copy;
	f->len[f->n++] = (uint16_t)n;
	return true;
}

/* ---- the syntax --------------------------------------------------------- */

enum { Q_NONE, Q_OPTIONAL, Q_ANY, Q_MORE };

/* The quantifier at p[i] ("?", "*", "+", "{m,n}", each maybe lazy). */
static int quantifier(const char *p, size_t i, size_t end, size_t *after)
{
	int kind = Q_NONE;
	*after = i;
	if (i >= end)
		return Q_NONE;
	if (p[i] == '?' || p[i] == '*' || p[i] == '+') {
		kind = p[i] == '?' ? Q_OPTIONAL : p[i] == '*' ? Q_ANY : Q_MORE;
		*after = i + 1;
	} else if (p[i] == '{') {
		size_t j = i + 1, lo = 0, digits = 0;
		for (; j < end && p[j] >= '0' && p[j] <= '9'; j++, digits++)
			lo = lo * 10 + (size_t)(p[j] - '0');
		bool comma = j < end && p[j] == ',';
		size_t hi_digits = 0, hi = 0;
		if (comma)
			for (j++; j < end && p[j] >= '0' && p[j] <= '9'; j++, hi_digits++)
				hi = hi * 10 + (size_t)(p[j] - '0');
		if (j >= end || p[j] != '}' || (!digits && !hi_digits))
			return Q_NONE; /* a literal brace */
		*after = j + 1;
		if (lo == 0)
			kind = comma && (!hi_digits || hi > 1) ? Q_ANY : Q_OPTIONAL;
		else if (lo == 1 && !comma)
			kind = Q_NONE;
		else
			kind = Q_MORE;
	}
	if (kind != Q_NONE && *after < end && p[*after] == '?')
		(*after)++;
	return kind;
}

/* The index past the class "[...]" opening at i. */
static size_t class_end(const char *p, size_t i, size_t end)
{
	size_t j = i + 1;
	if (j < end && p[j] == '^')
		j++;
	if (j < end && p[j] == ']')
		j++;
	while (j < end && p[j] != ']')
		j += p[j] == '\\' ? 2 : 1;
	return j < end ? j + 1 : end;
}

/* The index past the group opening at i. */
static size_t group_end(const char *p, size_t i, size_t end)
{
	int depth = 0;
	for (size_t j = i; j < end; j++) {
		if (p[j] == '\\')
			j++;
		else if (p[j] == '[')
			j = class_end(p, j, end) - 1;
		else if (p[j] == '(')
			depth++;
		else if (p[j] == ')' && --depth == 0)
			return j + 1;
	}
	return end;
}

/* Split [s, e) at the '|' outside groups and classes. */
static size_t alternatives(const char *p, size_t s, size_t e, size_t *from, size_t *to, size_t max)
{
	size_t n = 0, start = s;
	for (size_t j = s; j < e; j++) {
		if (p[j] == '\\')
			j++;
		else if (p[j] == '(')
			j = group_end(p, j, e) - 1;
		else if (p[j] == '[')
			j = class_end(p, j, e) - 1;
		else if (p[j] == '|') {
			if (n + 1 < max) {
				from[n] = start;
				to[n++] = j;
			}
			start = j + 1;
		}
	}
	from[n] = start;
	to[n] = e;
	return n + 1;
}

static size_t utf8_len(unsigned char b)
{
	return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

static bool word_byte(unsigned char b)
{
	return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
}

/* The characters of a class of plain characters ("[sz]", "[“\"‘']"), or
 * NULL for one that stands for many ("\w", ranges, "[^...]"). */
static forms *class_chars(kw_ctx *k, const char *p, size_t s, size_t e)
{
	if (s >= e || p[s] == '^')
		return NULL;
	forms *f = new_forms(k);
	for (size_t j = s; j < e;) {
		size_t n = utf8_len((unsigned char)p[j]);
		if (p[j] == '\\' || (p[j] == '-' && j > s && j + 1 < e) || j + n > e ||
		    !add_form(k, f, p + j, n))
			return NULL;
		j += n;
	}
	return f;
}

/* ---- what a pattern holds ----------------------------------------------- */

enum { A_FORMS, A_GAP, A_SPACE_GAP, A_EITHER };

typedef struct atom {
	int kind;
	forms *f;
} atom;

typedef struct seq {
	size_t n, cap;
	atom *v;
} seq;

/* Room for the atoms of [s, e): never more than its bytes. */
static seq *new_seq(kw_ctx *k, size_t s, size_t e)
{
	seq *q = scratch(k, sizeof(*q));
	q->n = 0;
	q->cap = e - s + 1;
	q->v = scratch(k, q->cap * sizeof(*q->v));
	return q;
}

static void parse_seq(kw_ctx *k, const char *p, size_t s, size_t e, seq *out);
static bool required(kw_ctx *k, const char *p, size_t s, size_t e, items *out);

/* a x b: every form of a followed by every form of b, or false when there
 * would be too many. */
static bool product(kw_ctx *k, forms **a, const forms *b)
{
	if ((*a)->n * b->n > KW_MAX_FORMS)
		return false;
	forms *out = new_forms(k);
	for (size_t i = 0; i < (*a)->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			char buf[2 * KW_FORM_MAX];
			memcpy(buf, (*a)->v[i], (*a)->len[i]);
			memcpy(buf + (*a)->len[i], b->v[j], b->len[j]);
			if (!add_form(k, out, buf, (size_t)(*a)->len[i] + b->len[j]))
				return false;
		}
	*a = out;
	return true;
}

static forms *seq_forms(kw_ctx *k, const seq *q)
{
	forms *f = new_forms(k);
	add_form(k, f, "", 0);
	for (size_t i = 0; i < q->n; i++)
		if (q->v[i].kind != A_FORMS || !product(k, &f, q->v[i].f))
			return NULL;
	return f;
}

/* Every string [s, e) can match, or NULL when too many or not spelled out. */
static forms *finite(kw_ctx *k, const char *p, size_t s, size_t e)
{
	size_t from[KW_MAX_FORMS], to[KW_MAX_FORMS];
	size_t n = alternatives(p, s, e, from, to, KW_MAX_FORMS);
	forms *out = new_forms(k);
	for (size_t a = 0; a < n && out; a++) {
		seq *q = new_seq(k, from[a], to[a]);
		parse_seq(k, p, from[a], to[a], q);
		forms *f = seq_forms(k, q);
		for (size_t i = 0; f && i < f->n && out; i++)
			if (!add_form(k, out, f->v[i], f->len[i]))
				out = NULL;
		if (!f)
			out = NULL;
	}
	return out;
}

/* A common word: one of the function_words lexicon's closed classes. */
static bool common_word(kw_ctx *k, const char *w, size_t n)
{
	static const char *const closed[] = { "determiner",  "pronoun",  "auxiliary", "preposition",
					      "conjunction", "particle", "number",    NULL };
	const nr_lex_entry *e = nr_lexicon__lookup(k->lex, NR_LEX_FUNCTION_WORDS, w, n);
	for (; e; e = NULL)
		for (size_t i = 0; closed[i]; i++)
			if (strstr(e->cls, closed[i]))
				return true;
	return false;
}

/* Every form three bytes or more, and not made of common words alone. */
static bool selective(kw_ctx *k, const forms *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const char *s = f->v[i];
		size_t n = f->len[i];
		if (n < 3)
			return false;
		bool all_common = true;
		for (size_t j = 0; j < n && all_common;) {
			while (j < n && !word_byte((unsigned char)s[j]) && s[j] != '\'')
				j++;
			size_t w = j;
			while (j < n && (word_byte((unsigned char)s[j]) || s[j] == '\''))
				j++;
			if (j > w)
				all_common = common_word(k, s + w, j - w);
		}
		if (all_common)
			return false;
	}
	return true;
}

static size_t min_len(const forms *f)
{
	size_t m = SIZE_MAX;
	for (size_t i = 0; i < f->n; i++)
		m = f->len[i] < m ? f->len[i] : m;
	return m;
}

/* The most selective item: its shortest form the longest, then the
 * fewest forms; NULL when none is selective. */
static forms *best(kw_ctx *k, const items *it)
{
	forms *b = NULL;
	for (size_t i = 0; i < it->n; i++) {
		forms *f = it->v[i];
		if (!selective(k, f))
			continue;
		if (!b || min_len(f) > min_len(b) || (min_len(f) == min_len(b) && f->n < b->n))
			b = f;
	}
	return b;
}

/* A group whose alternatives are not all spelled out: each one's best
 * literal, together one item; NULL when one has none. */
static forms *one_of(kw_ctx *k, const char *p, size_t s, size_t e)
{
	size_t from[KW_MAX_FORMS], to[KW_MAX_FORMS];
	size_t n = alternatives(p, s, e, from, to, KW_MAX_FORMS);
	forms *out = new_forms(k);
	items *it = scratch(k, sizeof(*it));
	for (size_t a = 0; a < n && out; a++) {
		forms *b = required(k, p, from[a], to[a], it) ? best(k, it) : NULL;
		for (size_t i = 0; b && i < b->n && out; i++)
			if (!add_form(k, out, b->v[i], b->len[i]))
				out = NULL;
		if (!b)
			out = NULL;
	}
	return out;
}

/* Does every match of [s, e) end with a character that ends a word
 * ("\w+\s+", "at all ", "[“\"]")? */
static bool ends_at_space(kw_ctx *k, const char *p, size_t s, size_t e)
{
	size_t from[KW_MAX_FORMS], to[KW_MAX_FORMS];
	size_t n = alternatives(p, s, e, from, to, KW_MAX_FORMS);
	for (size_t a = 0; a < n; a++) {
		const char *x = p + from[a];
		size_t len = to[a] - from[a];
		while (len && (x[len - 1] == '+' || x[len - 1] == '*'))
			len--;
		if (len >= 2 && x[len - 2] == '\\' && x[len - 1] == 's')
			continue;
		if (len && x[len - 1] == ']') {
			size_t open = len - 1;
			while (open && x[open] != '[')
				open--;
			forms *c = class_chars(k, x, open + 1, len - 1);
			bool nonword = c != NULL;
			for (size_t i = 0; c && i < c->n; i++)
				nonword = nonword && !word_byte((unsigned char)c->v[i][0]) &&
					  c->v[i][0] != '_';
			if (nonword)
				continue;
			return false;
		}
		if (!len || word_byte((unsigned char)x[len - 1]) || strchr(")?*+}]\\", x[len - 1]))
			return false;
	}
	return true;
}

static void push_atom(seq *q, int kind, forms *f)
{
	if (q->n < q->cap)
		q->v[q->n++] = (atom){ kind, f };
}

/* An atom's forms under its quantifier. */
static void quantified(kw_ctx *k, seq *q, forms *f, int kind, int gap)
{
	if (!f || kind == Q_ANY) {
		push_atom(q, gap, NULL);
		return;
	}
	if (kind == Q_OPTIONAL) {
		forms *o = new_forms(k);
		add_form(k, o, "", 0);
		for (size_t i = 0; i < f->n; i++)
			if (!add_form(k, o, f->v[i], f->len[i])) {
				push_atom(q, gap, NULL);
				return;
			}
		push_atom(q, A_FORMS, o);
		return;
	}
	push_atom(q, A_FORMS, f);
	if (kind == Q_MORE)
		push_atom(q, A_GAP, NULL);
}

static forms *single(kw_ctx *k, const char *s, size_t n)
{
	forms *f = new_forms(k);
	add_form(k, f, s, n);
	return f;
}

static size_t group_atom(kw_ctx *k, const char *p, size_t i, size_t e, seq *q)
{
	size_t stop = group_end(p, i, e), after;
	size_t bs = i + 1, be = stop > bs ? stop - 1 : bs;
	if (be - bs >= 2 && p[bs] == '?' &&
	    (p[bs + 1] == '=' || p[bs + 1] == '!' ||
	     (p[bs + 1] == '<' && bs + 2 < be && (p[bs + 2] == '=' || p[bs + 2] == '!'))))
		return stop; /* a lookaround: zero width */
	if (be - bs >= 2 && p[bs] == '?' && p[bs + 1] == ':')
		bs += 2;
	int kind = quantifier(p, stop, e, &after);
	int gap = ends_at_space(k, p, bs, be) ? A_SPACE_GAP : A_GAP;
	forms *f = finite(k, p, bs, be);
	if (f || kind == Q_OPTIONAL || kind == Q_ANY) {
		quantified(k, q, f, kind, gap);
	} else {
		forms *either = one_of(k, p, bs, be);
		push_atom(q, either ? A_EITHER : gap, either);
		if (kind == Q_MORE)
			push_atom(q, gap, NULL);
	}
	return after;
}

static void parse_seq(kw_ctx *k, const char *p, size_t s, size_t e, seq *q)
{
	if (++k->depth > KW_MAX_DEPTH)
		luaL_error(k->L, "pattern nested too deeply to read its literals");
	q->n = 0;
	for (size_t i = s; i < e;) {
		char c = p[i];
		size_t after;
		if (c == '(') {
			i = group_atom(k, p, i, e, q);
		} else if (c == '[') {
			size_t close = class_end(p, i, e);
			int kind = quantifier(p, close, e, &after);
			quantified(k, q, class_chars(k, p, i + 1, close - 1), kind, A_GAP);
			i = after;
		} else if (c == '\\' && i + 1 < e) {
			char x = p[i + 1];
			if (x == 'b' || x == 'B') {
				i += 2;
				continue;
			}
			int kind = quantifier(p, i + 2, e, &after);
			forms *f = word_byte((unsigned char)x) ? NULL : single(k, &p[i + 1], 1);
			quantified(k, q, f, kind, x == 's' ? A_SPACE_GAP : A_GAP);
			i = after;
		} else if (c == '^' || c == '$') {
			i++;
		} else {
			size_t n = utf8_len((unsigned char)c);
			if (i + n > e)
				n = e - i;
			int kind = quantifier(p, i + n, e, &after);
			quantified(k, q, c == '.' ? NULL : single(k, p + i, n), kind, A_GAP);
			i = after;
		}
	}
	k->depth--;
}

/* ---- the literals every match holds ------------------------------------- */

/* Bytes a word may start with after "\w+" ended inside it: letters,
 * digits, apostrophes (' and the bytes of ’) and hyphens. */
static bool word_part(unsigned char b)
{
	return word_byte(b) || b == '\'' || b == '-' || b == 0xE2 || b == 0x80 || b == 0x99;
}

/* The run ends: keep it as an item when every form, lowercased, is three
 * bytes or more. After a gap that may end inside a word, each form starts
 * at its first whole word (a keyword must start a word). */
static void flush(kw_ctx *k, forms **run, bool mid_word, items *out)
{
	forms *f = *run;
	bool ok = f->n > 0;
	forms *kept = new_forms(k);
	for (size_t i = 0; i < f->n && ok; i++) {
		const char *s = f->v[i];
		size_t n = f->len[i], j = 0;
		if (mid_word && n && word_part((unsigned char)s[0]))
			while (j < n && word_part((unsigned char)s[j]))
				j++;
		while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
			j++;
		char low[KW_FORM_MAX];
		for (size_t c = j; c < n; c++)
			low[c - j] = (char)(s[c] >= 'A' && s[c] <= 'Z' ? s[c] + 32 : s[c]);
		ok = n - j >= 3 && add_form(k, kept, low, n - j);
	}
	if (ok && out->n < KW_MAX_ITEMS)
		out->v[out->n++] = kept;
	*run = new_forms(k);
	add_form(k, *run, "", 0);
}

/* The items of [s, e): false when it has alternatives at its top (each
 * is a cue of its own) or is too long to read. */
static bool required(kw_ctx *k, const char *p, size_t s, size_t e, items *out)
{
	size_t from[2], to[2];
	out->n = 0;
	if (e - s > KW_MAX_PATTERN || alternatives(p, s, e, from, to, 2) > 1)
		return false;
	seq *q = new_seq(k, s, e);
	parse_seq(k, p, s, e, q);
	forms *run = new_forms(k);
	add_form(k, run, "", 0);
	bool mid_word = false;
	for (size_t i = 0; i < q->n; i++) {
		atom *a = &q->v[i];
		if (a->kind == A_GAP || a->kind == A_SPACE_GAP) {
			flush(k, &run, mid_word, out);
			mid_word = a->kind == A_GAP;
		} else if (a->kind == A_EITHER) {
			flush(k, &run, mid_word, out);
			if (out->n < KW_MAX_ITEMS)
				out->v[out->n++] = a->f;
			mid_word = false;
		} else {
			if (run->n * a->f->n > KW_MAX_FORMS)
				flush(k, &run, mid_word, out);
			if (!product(k, &run, a->f))
				flush(k, &run, mid_word, out);
		}
	}
	flush(k, &run, mid_word, out);
	return true;
}

/* ---- keywords ----------------------------------------------------------- */

typedef struct keyset {
	size_t n, cap, listed;
	const char **v;
	size_t *len;
	/* Keywords by first byte, chained through next[]. */
	size_t head[256], *next;
} keyset;

static void keyset_add(kw_ctx *k, keyset *ks, const char *s, size_t n)
{
	for (size_t i = ks->head[(unsigned char)(n ? s[0] : 0)]; i; i = ks->next[i - 1])
		if (ks->len[i - 1] == n && !memcmp(ks->v[i - 1], s, n))
			return;
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? 2 * ks->cap : 64;
		const char **v = scratch(k, cap * sizeof(*v));
		size_t *len = scratch(k, cap * sizeof(*len)),
		       *next = scratch(k, cap * sizeof(*next));
		if (ks->n) {
			memcpy(v, ks->v, ks->n * sizeof(*v));
			memcpy(len, ks->len, ks->n * sizeof(*len));
			memcpy(next, ks->next, ks->n * sizeof(*next));
		}
		ks->v = v;
		ks->len = len;
		ks->next = next;
		ks->cap = cap;
	}
	char *copy = scratch(k, n + 1);
	for (size_t c = 0; c < n; c++)
		copy[c] = (char)(s[c] >= 'A' && s[c] <= 'Z' ? s[c] + 32 : s[c]);
	copy[n] = '\0';
	unsigned char b = (unsigned char)(n ? copy[0] : 0);
	ks->v[ks->n] = copy;
	ks->len[ks->n] = n;
	ks->next[ks->n] = ks->head[b];
	ks->head[b] = ++ks->n;
}

/* Does text hold a keyword at a word start (one shorter than `shorter`,
 * when not 0)? */
static bool covered(const keyset *ks, const char *t, size_t n, size_t shorter)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && word_byte((unsigned char)t[i - 1]))
			continue;
		for (size_t j = ks->head[(unsigned char)t[i]]; j; j = ks->next[j - 1]) {
			size_t kl = ks->len[j - 1];
			if (kl && kl <= n - i && (!shorter || kl < shorter) &&
			    !memcmp(t + i, ks->v[j - 1], kl))
				return true;
		}
	}
	return false;
}

/* 1 covered, 0 not, -1 nothing to read off the cue. */
static int covers(kw_ctx *k, const keyset *ks, const items *it)
{
	if (it->n == 0)
		return -1;
	for (size_t i = 0; i < it->n; i++) {
		bool all = true;
		for (size_t f = 0; f < it->v[i]->n && all; f++)
			all = covered(ks, it->v[i]->v[f], it->v[i]->len[f], 0);
		if (all)
			return 1;
	}
	return 0;
}

/* The fewest keywords that cover a cue: the uncovered forms of the
 * selective item with the fewest (then the most selective), as their
 * common prefix when it has four bytes or more and they are single words
 * or too many to list. NULL when no item is selective. */
static forms *fewest(kw_ctx *k, const keyset *ks, const items *it)
{
	forms *b = NULL;
	size_t b_min = 0;
	for (size_t i = 0; i < it->n; i++) {
		forms *f = it->v[i];
		if (!selective(k, f))
			continue;
		forms *open = new_forms(k);
		for (size_t j = 0; j < f->n; j++)
			if (!covered(ks, f->v[j], f->len[j], 0))
				add_form(k, open, f->v[j], f->len[j]);
		size_t m = min_len(f);
		if (!b || open->n < b->n || (open->n == b->n && m > b_min)) {
			b = open;
			b_min = m;
		}
	}
	if (!b || b->n < 2)
		return b;
	size_t prefix = b->len[0];
	bool one_word = true;
	for (size_t j = 0; j < b->n; j++) {
		size_t c = 0;
		while (c < prefix && c < b->len[j] && b->v[j][c] == b->v[0][c])
			c++;
		prefix = c;
		one_word = one_word && !memchr(b->v[j], ' ', b->len[j]);
	}
	if (prefix >= 4 && (one_word || b->n > 16)) {
		forms *p = new_forms(k);
		add_form(k, p, b->v[0], prefix);
		return p;
	}
	return b;
}

static int scratch_gc(lua_State *L)
{
	kw_ctx *k = luaL_checkudata(L, 1, NR_MT_KWSCRATCH);
	nr_arena__free(&k->arena);
	return 0;
}

static kw_ctx *push_ctx(lua_State *L)
{
	kw_ctx *k = lua_newuserdatauv(L, sizeof(*k), 0);
	memset(k, 0, sizeof(*k));
	nr_arena__init(&k->arena);
	if (luaL_newmetatable(L, NR_MT_KWSCRATCH)) {
		lua_pushcfunction(L, scratch_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
	}
	lua_setmetatable(L, -2);
	k->L = L;
	k->lex = nr_sandbox__lexicon(L)->set;
	return k;
}

static void push_forms(lua_State *L, const forms *f)
{
	lua_createtable(L, (int)f->n, 0);
	for (size_t i = 0; i < f->n; i++) {
		lua_pushlstring(L, f->v[i], f->len[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* news.literals(pattern): the items every match holds, each a list of the
 * forms one of which is there; nil when the pattern has alternatives at
 * its top. */
static int l_literals(lua_State *L)
{
	size_t n;
	const char *p = luaL_checklstring(L, 1, &n);
	kw_ctx *k = push_ctx(L);
	items *it = scratch(k, sizeof(*it));
	if (!required(k, p, 0, n, it)) {
		lua_pushnil(L);
		return 1;
	}
	lua_createtable(L, (int)it->n, 0);
	for (size_t i = 0; i < it->n; i++) {
		push_forms(L, it->v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	nr_arena__free(&k->arena);
	return 1;
}

/* The pattern of cue `i` of the list at `list`: a string, or a table
 * { pattern, along = true } (*along set). Raises for anything else. */
static const char *cue_at(lua_State *L, int list, lua_Integer i, size_t *n, bool *along)
{
	*along = false;
	int t = lua_rawgeti(L, list, i);
	if (t == LUA_TTABLE) {
		lua_getfield(L, -1, "along");
		*along = lua_toboolean(L, -1);
		lua_pop(L, 1);
		t = lua_rawgeti(L, -1, 1);
		lua_remove(L, -2);
	}
	if (t != LUA_TSTRING)
		luaL_error(L,
			   "news.cue_keywords: cue %d of a list is not a pattern (a string, or "
			   "{ pattern, along = true })",
			   (int)i);
	const char *p = lua_tolstring(L, -1, n);
	lua_pop(L, 1); /* the list still holds it */
	return p;
}

static void add_listed(lua_State *L, kw_ctx *k, keyset *ks)
{
	lua_Integer n = luaL_len(L, 1);
	for (lua_Integer i = 1; i <= n; i++) {
		size_t len;
		if (lua_rawgeti(L, 1, i) != LUA_TSTRING)
			luaL_error(L, "news.cue_keywords: keyword %d is not a string", (int)i);
		const char *s = lua_tolstring(L, -1, &len);
		if (len)
			keyset_add(k, ks, s, len);
		lua_pop(L, 1);
	}
	ks->listed = ks->n;
}

/* news.cue_keywords(listed, cue_list, ...): the listed keywords (lower
 * case) and, for each cue no keyword covers, the fewest that cover it.
 * Raises naming every cue nothing selective can be read off. */
static int l_cue_keywords(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	int nargs = lua_gettop(L);
	for (int a = 2; a <= nargs; a++)
		luaL_checktype(L, a, LUA_TTABLE);
	kw_ctx *k = push_ctx(L);
	keyset ks = { 0 };
	add_listed(L, k, &ks);
	luaL_Buffer missing;
	luaL_buffinit(L, &missing);
	size_t nmissing = 0;
	items *it = scratch(k, sizeof(*it));
	for (int a = 2; a <= nargs; a++) {
		lua_Integer n = luaL_len(L, a);
		for (lua_Integer i = 1; i <= n; i++) {
			size_t len;
			bool along;
			const char *p = cue_at(L, a, i, &len, &along);
			if (along || !required(k, p, 0, len, it) || covers(k, &ks, it) == 1)
				continue;
			forms *f = fewest(k, &ks, it);
			for (size_t j = 0; f && j < f->n; j++)
				keyset_add(k, &ks, f->v[j], f->len[j]);
			if (!f) {
				if (nmissing++)
					luaL_addstring(&missing, ", ");
				luaL_addlstring(&missing, p, len);
			}
		}
	}
	luaL_pushresult(&missing);
	if (nmissing)
		return luaL_error(L,
				  "no keyword covers the cue %s and none can be read off it: list "
				  "one, or mark the cue { pattern, along = true } if it only "
				  "refines sentences the other keywords find",
				  lua_tostring(L, -1));
	lua_createtable(L, (int)ks.n, 0);
	lua_Integer out = 0;
	for (size_t i = 0; i < ks.n; i++)
		if (i < ks.listed || !covered(&ks, ks.v[i], ks.len[i], ks.len[i])) {
			lua_pushlstring(L, ks.v[i], ks.len[i]);
			lua_rawseti(L, -2, ++out);
		}
	nr_arena__free(&k->arena);
	return 1;
}

void nr_news__keywords_open(lua_State *L, int news)
{
	news = lua_absindex(L, news);
	lua_pushcfunction(L, l_literals);
	lua_setfield(L, news, "literals");
	lua_pushcfunction(L, l_cue_keywords);
	lua_setfield(L, news, "cue_keywords");
}

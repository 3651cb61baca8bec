/*
 * pattern.c - how many steps Lua's pattern matcher may take, worked out
 * before it runs (it cannot be interrupted once it does).
 *
 * Lua patterns have no alternation and no nested quantifier: a pattern is
 * a row of items, each one character class with at most one quantifier
 * (* + - ?), a balance %bxy, a back-reference %1-%9, a frontier %f or a
 * capture mark. The matcher backtracks into a repetition only to try the
 * rest of the pattern at another split, and the rest gets past its first
 * test only where the subject's byte can start it. So a repetition whose
 * class cannot hold any byte that starts the rest (%w+ before %s+) costs
 * one pass over the run it matched, however long; only one whose class
 * can (.- before %d) multiplies the cost of the rest by the length of that
 * run. How long a run can be depends on the subject: %w+ on prose stops at
 * the end of a word, .- runs to the end of the text. Like PCRE2's match
 * limit, then, the cost follows what the subject makes the pattern do:
 * ordinary patterns over sentences and paragraphs stay far under the
 * budget, and only repetitions that feed each other over long runs
 * (string.rep("a?", 30) .. string.rep("a", 30) on 30 a's, (.-)(.-)x over a
 * long text) exceed it.
 *
 * The bound (W below) counts calls of the matcher and single-character
 * tests, for the worst position of each item: each item's cost times
 * what it may multiply the rest's by. It is computed once with every run
 * as long as the subject (cheap, no look at the subject), and only when
 * that exceeds the budget again with the runs the subject has.
 */
#include "sandbox/sandbox.h"

#include <ctype.h>
#include <string.h>

/* Past this length a pattern is costed without looking at its classes:
 * every repetition may backtrack over the whole subject. */
#define NR_PAT_EXACT 4096
/* Distinct repeated classes whose runs are measured on the subject; the
 * others are taken to run its whole length. */
#define NR_PAT_RUNS 8
/* A run in ordinary text (the model `check` uses when no subject is
 * given) of a class that does not hold both letters and the space: a long
 * word. */
#define NR_PAT_WORD 40

enum {
	PK_ONE,  /* a single character */
	PK_STAR, /* x*: greedy, zero or more */
	PK_PLUS, /* x+ */
	PK_LAZY, /* x- */
	PK_OPT,  /* x? */
	PK_BAL,  /* %bxy: scans to the balancing y */
	PK_BREF, /* %1-%9: compares a whole capture */
	PK_MARK, /* ( ) (): captures, consume nothing, never fail */
	PK_TEST  /* %f[set], $ at the end: consume nothing, may fail */
};

typedef struct pat_item {
	size_t at, end; /* the class (or %b's two characters) in the pattern */
	unsigned char kind;
} pat_item;

typedef struct pat_bits {
	uint64_t w[4];
} pat_bits;

/* ---- classes, as lstrlib.c reads them ------------------------------------ */

/* Past the set [...] opening at p[i] (classEnd), or len when unclosed. */
static size_t pat_set_end(const char *p, size_t len, size_t i)
{
	size_t j = i + 1;
	if (j < len && p[j] == '^')
		j++;
	do {
		if (j >= len)
			return len;
		if (p[j++] == '%' && j < len)
			j++;
	} while (j < len && p[j] != ']');
	return j < len ? j + 1 : len;
}

/* Past the class at p[i]. */
static size_t pat_class_end(const char *p, size_t len, size_t i)
{
	if (p[i] == '%')
		return i + 2 <= len ? i + 2 : len;
	if (p[i] == '[')
		return pat_set_end(p, len, i);
	return i + 1;
}

static bool pat_class_has(int c, int cl)
{
	bool res;
	switch (tolower(cl)) {
	case 'a': res = isalpha(c); break;
	case 'c': res = iscntrl(c); break;
	case 'd': res = isdigit(c); break;
	case 'g': res = isgraph(c); break;
	case 'l': res = islower(c); break;
	case 'p': res = ispunct(c); break;
	case 's': res = isspace(c); break;
	case 'u': res = isupper(c); break;
	case 'w': res = isalnum(c); break;
	case 'x': res = isxdigit(c); break;
	default: return cl == c;
	}
	return isupper(cl) ? !res : res;
}

/* Does the set p[at..end) ("[...]", maybe unclosed) hold c? */
static bool pat_bracket_has(int c, const char *p, size_t at, size_t end)
{
	size_t ec = end > at + 1 && p[end - 1] == ']' ? end - 1 : end;
	size_t i = at;
	bool sig = true;
	if (i + 1 < ec && p[i + 1] == '^') {
		sig = false;
		i++;
	}
	while (++i < ec) {
		unsigned char ch = (unsigned char)p[i];
		if (ch == '%' && i + 1 < ec) {
			i++;
			if (pat_class_has(c, (unsigned char)p[i]))
				return sig;
		} else if (i + 2 < ec && p[i + 1] == '-') {
			i += 2;
			if (ch <= c && c <= (unsigned char)p[i])
				return sig;
		} else if (ch == c) {
			return sig;
		}
	}
	return !sig;
}

/* The bytes the class of item `it` matches. */
static void pat_item_bits(const char *p, const pat_item *it, pat_bits *b)
{
	memset(b, 0, sizeof(*b));
	unsigned char c0 = (unsigned char)p[it->at];
	if (it->kind == PK_BAL || (c0 != '.' && c0 != '%' && c0 != '[')) {
		b->w[c0 >> 6] |= 1ull << (c0 & 63);
		return;
	}
	for (int c = 0; c < 256; c++) {
		bool in;
		if (c0 == '.')
			in = true;
		else if (c0 == '%')
			in = it->end > it->at + 1 ? pat_class_has(c, (unsigned char)p[it->at + 1])
						  : true; /* malformed: Lua raises */
		else
			in = pat_bracket_has(c, p, it->at, it->end);
		if (in)
			b->w[c >> 6] |= 1ull << (c & 63);
	}
}

static bool pat_bits_meet(const pat_bits *a, const pat_bits *b)
{
	return (a->w[0] & b->w[0]) | (a->w[1] & b->w[1]) | (a->w[2] & b->w[2]) |
	       (a->w[3] & b->w[3]);
}

static bool pat_bits_has(const pat_bits *b, unsigned char c)
{
	return (b->w[c >> 6] >> (c & 63)) & 1u;
}

/* ---- items ------------------------------------------------------------------- */

/* The item at p[i] into *it; returns where the next one starts. */
static size_t pat_next_item(const char *p, size_t len, size_t i, pat_item *it)
{
	char c = p[i];
	it->at = i;
	it->end = i + 1;
	if (c == '(' || c == ')') {
		it->kind = PK_MARK;
		return i + (c == '(' && i + 1 < len && p[i + 1] == ')' ? 2 : 1);
	}
	if (c == '$' && i + 1 == len) {
		it->kind = PK_TEST;
		return len;
	}
	if (c == '%' && i + 1 < len &&
	    (p[i + 1] == 'b' || p[i + 1] == 'f' || isdigit((unsigned char)p[i + 1]))) {
		if (p[i + 1] == 'b') {
			it->kind = PK_BAL;
			it->at = i + 2 < len ? i + 2 : i;
			it->end = i + 4 <= len ? i + 4 : len;
			return it->end;
		}
		if (p[i + 1] == 'f') {
			it->kind = PK_TEST;
			return i + 2 < len && p[i + 2] == '[' ? pat_set_end(p, len, i + 2) : i + 2;
		}
		it->kind = PK_BREF;
		return i + 2;
	}
	it->end = pat_class_end(p, len, i);
	size_t next = it->end;
	it->kind = PK_ONE;
	if (next < len) {
		switch (p[next]) {
		case '*': it->kind = PK_STAR; break;
		case '+': it->kind = PK_PLUS; break;
		case '-': it->kind = PK_LAZY; break;
		case '?': it->kind = PK_OPT; break;
		default: return next;
		}
		next++;
	}
	return next;
}

/*
 * What the walk keeps of the rest of the pattern, from the right: its
 * worst cost from one position, and its worst cost when it fails there. A
 * repetition tries the rest at each split until one matches: at most one
 * split pays for a match, the others for a failure. A rest that never
 * fails (f == 0: ".-%s*$", "%s*") ends the search at the first split.
 */
typedef struct pat_rest {
	double w;       /* worst cost, matching or not */
	double f;       /* worst cost of a failure; 0: it never fails */
	double fails;   /* cost to fail at a byte that cannot start it */
	pat_bits first; /* bytes that can start what it consumes */
	bool open;      /* it may match consuming nothing (or only test) */
	bool at_end;    /* it matches at the end of the subject */
} pat_rest;

#define PAT_REST_END                           \
	{                                      \
		1, 0, 1, { { 0 } }, true, true \
	}

static double pat_cap(double x) { return x > 1e300 ? 1e300 : x; }

static bool pat_bits_all(const pat_bits *b) { return !~(b->w[0] & b->w[1] & b->w[2] & b->w[3]); }

/* A repetition that may stop at `splits` places: each split costs a test
 * and, where the rest can start in what it repeats (`feeds`), a failure of
 * the rest; otherwise a failure at the rest's first byte, and one split
 * (past the run) the rest's whole cost. */
static void pat_fold_rep(pat_rest *r, double splits, bool feeds, bool can_fail)
{
	double miss = r->f == 0 ? 0 : (feeds ? r->f : (r->fails < r->f ? r->fails : r->f));
	double tries = pat_cap(splits * (1 + miss));
	r->w = pat_cap(tries + r->w);
	if (r->f == 0) /* the first split matches, or (x+) the first byte fails */
		r->f = can_fail ? 1 : 0;
	else
		r->f = pat_cap(tries + (feeds ? 0 : r->f) + (can_fail ? 1 : 0));
}

/* Items that consume no byte: captures, %f, $. */
static void pat_fold_test(pat_rest *r, const pat_item *it)
{
	r->w += 1;
	r->fails += 1;
	if (it->kind == PK_MARK) {
		if (r->f > 0)
			r->f += 1;
		return;
	}
	bool dollar = it->end == it->at + 1;
	r->f += 1;
	r->at_end = r->at_end && dollar;
}

/*
 * Fold item `it` into the rest. `bits` is its class (NULL: unknown, every
 * repetition feeds the rest), `run` the longest run of it in the subject,
 * `n` the subject's length.
 */
static void pat_fold(pat_rest *r, const pat_item *it, const pat_bits *bits, double run, double n)
{
	if (it->kind == PK_MARK || it->kind == PK_TEST) {
		pat_fold_test(r, it);
		return;
	}
	bool feeds = !bits || r->open || pat_bits_meet(bits, &r->first);
	bool optional = it->kind == PK_STAR || it->kind == PK_LAZY || it->kind == PK_OPT;
	/* .- and .* can run to the end, where a rest like %s*$ matches. */
	bool to_end = optional && it->kind != PK_OPT && bits && pat_bits_all(bits) && r->at_end;
	if (it->kind == PK_OPT) {
		pat_fold_rep(r, 2, feeds, false);
	} else if (it->kind == PK_BAL || it->kind == PK_BREF) {
		r->w = pat_cap(r->w + n + 1);
		r->f = pat_cap(r->f + n + 1);
	} else if (it->kind == PK_ONE) {
		r->w += 1;
		r->f += 1;
	} else {
		pat_fold_rep(r, run + 1, feeds, it->kind == PK_PLUS);
	}
	if (to_end)
		r->f = 0;
	if (optional) {
		for (int k = 0; k < 4; k++)
			r->first.w[k] |= bits ? bits->w[k] : ~0ull;
		r->fails += 1;
		return;
	}
	r->at_end = false;
	r->fails = 1;
	r->open = it->kind == PK_BREF; /* a capture may be empty */
	if (bits && it->kind != PK_BREF)
		r->first = *bits;
	else
		memset(&r->first, 0xff, sizeof(r->first));
}

/* ---- the subject --------------------------------------------------------------- */

/* Longest runs in s of each class in `set` (n_set of them), and how many
 * bytes of s are in `first`. */
static void pat_measure(const char *s, size_t n, const pat_bits *set, size_t n_set, double *runs,
			const pat_bits *first, double *n_first)
{
	uint32_t mask[256];
	for (int c = 0; c < 256; c++) {
		mask[c] = pat_bits_has(first, (unsigned char)c) ? 1u << NR_PAT_RUNS : 0;
		for (size_t k = 0; k < n_set; k++)
			if (pat_bits_has(&set[k], (unsigned char)c))
				mask[c] |= 1u << k;
	}
	size_t cur[NR_PAT_RUNS] = { 0 }, best[NR_PAT_RUNS] = { 0 }, nf = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t m = mask[(unsigned char)s[i]];
		nf += m >> NR_PAT_RUNS;
		for (size_t k = 0; k < n_set; k++) {
			if ((m >> k) & 1u) {
				if (++cur[k] > best[k])
					best[k] = cur[k];
			} else {
				cur[k] = 0;
			}
		}
	}
	for (size_t k = 0; k < n_set; k++)
		runs[k] = (double)best[k];
	*n_first = (double)nf;
}

/* The run of a class in the text `check` assumes (no subject): one that
 * holds letters and the space runs through sentences, others stop at the
 * end of a word or of the spaces between words. */
static double pat_model_run(const pat_bits *b, double n)
{
	if (pat_bits_has(b, ' ') && pat_bits_has(b, 'e'))
		return n;
	return n < NR_PAT_WORD ? n : NR_PAT_WORD;
}

static bool pat_is_rep(int kind) { return kind >= PK_STAR && kind <= PK_LAZY; }

/* A walk over the items with each one's class (bits, or NULL) and the
 * longest run of each repeated class (runs[which[j]], or the whole
 * subject). */
typedef struct pat_walk_in {
	const pat_item *it;
	size_t m;
	const pat_bits *bits;
	const unsigned char *which;
	const double *runs;
	size_t n_set;
	double n;
} pat_walk_in;

/* The whole pattern into *all, and what follows its first item (captures
 * and tests aside) into *rest, whose kind goes to *first (PK_MARK: none). */
static void pat_walk(const pat_walk_in *in, pat_rest *all, pat_rest *rest, int *first)
{
	pat_rest r = PAT_REST_END;
	*rest = r;
	*first = PK_MARK;
	for (size_t j = in->m; j-- > 0;) {
		const pat_item *it = &in->it[j];
		if (it->kind != PK_MARK && it->kind != PK_TEST) {
			*rest = r;
			*first = it->kind;
		}
		double run = in->n;
		if (in->runs && in->which[j] < in->n_set)
			run = in->runs[in->which[j]];
		pat_fold(&r, it, in->bits ? &in->bits[j] : NULL, run, in->n);
	}
	*all = r;
}

/*
 * All starting points: each fails at its first byte, or (those whose byte
 * can start the pattern: n_first of them) costs the walk. Find and match
 * stop at the first match: the starts before it fail. A leading repetition
 * whose rest never fails (%a+, [^,]*) consumes what it runs over: gmatch
 * and gsub pass each byte once.
 */
static double pat_total(const pat_rest *all, const pat_rest *rest, int first, int how,
			bool anchored, double n, double n_first)
{
	if (anchored)
		return all->w;
	double scan = (n + 1) * (all->fails + 2); /* a start costs a few steps */
	if (how == NR_PAT_FIND)
		return pat_cap(scan + n_first * all->f + all->w);
	if ((first == PK_STAR || first == PK_PLUS || first == PK_LAZY) && rest->f == 0)
		return pat_cap(scan + (n + 1) * (rest->w + 2));
	return pat_cap(scan + n_first * all->w);
}

/* Each item's class into bits[], and the repetitions' distinct classes
 * into set[] (at most NR_PAT_RUNS; which[j]: item j's, or NR_PAT_RUNS for
 * a class past them). Returns how many. */
static size_t pat_classes(const char *p, const pat_item *it, size_t m, pat_bits *bits,
			  unsigned char *which, pat_bits *set)
{
	size_t n_set = 0;
	for (size_t j = 0; j < m; j++) {
		pat_item_bits(p, &it[j], &bits[j]);
		which[j] = NR_PAT_RUNS;
		if (!pat_is_rep(it[j].kind))
			continue;
		size_t k = 0;
		while (k < n_set && memcmp(&set[k], &bits[j], sizeof(set[k])))
			k++;
		if (k == n_set && n_set < NR_PAT_RUNS)
			set[n_set++] = bits[j];
		if (k < n_set)
			which[j] = (unsigned char)k;
	}
	return n_set;
}

/* The walk with each item's class and runs: from the subject s, or from
 * the model of ordinary text when s is NULL. */
static double pat_exact(const char *p, const pat_item *it, size_t m, const char *s, size_t n,
			int how, bool anchored)
{
	/* The caller made room for these after the items. */
	pat_bits *bits = (pat_bits *)(it + m);
	unsigned char *which = (unsigned char *)(bits + m);
	pat_bits set[NR_PAT_RUNS];
	double runs[NR_PAT_RUNS];
	size_t n_set = pat_classes(p, it, m, bits, which, set);
	/* The bytes that can start the pattern, for the starting points. */
	pat_walk_in in = { it, m, bits, which, NULL, n_set, (double)n };
	pat_rest all, rest;
	int first;
	pat_walk(&in, &all, &rest, &first);
	double n_first = (double)n + 1;
	if (s) {
		pat_measure(s, n, set, n_set, runs, &all.first, &n_first);
	} else {
		for (size_t k = 0; k < n_set; k++)
			runs[k] = pat_model_run(&set[k], (double)n);
	}
	if (all.open || !s)
		n_first = (double)n + 1;
	in.runs = runs;
	pat_walk(&in, &all, &rest, &first);
	return pat_total(&all, &rest, first, how, anchored, (double)n, n_first);
}

size_t nr_sandbox__pattern_scratch(size_t plen)
{
	size_t exact = plen <= NR_PAT_EXACT ? (plen + 1) * (sizeof(pat_bits) + 1) : 0;
	return (plen + 1) * sizeof(pat_item) + exact;
}

double nr_sandbox__pattern_steps(const char *p, size_t plen, int how, const char *s, size_t n,
				 void *scratch)
{
	pat_item *it = scratch;
	bool anchored = how != NR_PAT_GMATCH && plen && p[0] == '^';
	size_t m = 0;
	for (size_t i = anchored; i < plen;)
		i = pat_next_item(p, plen, i, &it[m++]);
	/* Every repetition feeding the rest over the whole subject. */
	pat_walk_in in = { it, m, NULL, NULL, NULL, 0, (double)n };
	pat_rest all, rest;
	int first;
	pat_walk(&in, &all, &rest, &first);
	double steps = pat_total(&all, &rest, first, how, anchored, (double)n, (double)n + 1);
	if ((steps <= NR_PATTERN_STEPS_MAX && s) || plen > NR_PAT_EXACT)
		return steps;
	return pat_exact(p, it, m, s, n, how, anchored);
}

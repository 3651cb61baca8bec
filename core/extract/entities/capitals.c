/*
 * capitals.c - what capital letters say. Token shapes (capitalised, ALL
 * CAPS, hyphenated); the words whose capitals say nothing (sentence
 * starts, headlines, ALL-CAPS lines); the set of words written capitalised
 * where capitals are reliable, and the set of words the article writes in
 * lower case, which tells a common noun from a name.
 */
#include "entities_int.h"

/* Shape flags of a word that does not start in lower-case ASCII: walk its
 * letters, decoding UTF-8 only past ASCII. */
static uint8_t classify_letters(const char *s, size_t n)
{
	uint8_t tf = 0;
	size_t letters = 0, upper = 0, k = 0;
	bool first = true, hy = false;
	while (k < n) {
		uint32_t cp;
		size_t used;
		unsigned char ch = (unsigned char)s[k];
		if (ch < 0x80) {
			if (ch == '-' && k > 0 && k + 1 < n)
				hy = true;
			bool up = ch >= 'A' && ch <= 'Z';
			if (up || (ch >= 'a' && ch <= 'z')) {
				letters++;
				if (up) {
					upper++;
					if (first)
						tf |= TF_CAP;
				}
				first = false;
			}
			k++;
			continue;
		}
		used = nr_utf8__decode(s + k, n - k, &cp);
		if (cp == '-' && k > 0 && k + 1 < n)
			hy = true;
		if (nr_uc__is_alpha(cp)) {
			letters++;
			if (nr_uc__is_upper(cp)) {
				upper++;
				if (first)
					tf |= TF_CAP;
			}
			first = false;
		}
		k += used;
	}
	if (letters >= 2 && upper == letters)
		tf |= TF_ALLCAPS;
	if (hy)
		tf |= TF_HYPHEN;
	return tf;
}

/* The shape flags of a word (TF_CAP, TF_ALLCAPS, TF_HYPHEN, TF_LOWER4). */
static uint8_t word_shape(const char *s, size_t n)
{
	if (n && s[0] >= 'a' && s[0] <= 'z') {
		/* Most words: lower case, only the hyphen matters (inside the
		 * word), and for the lower-case marks an ASCII capital. */
		uint8_t f = n >= 4 ? TF_LOWER4 : 0;
		for (size_t k2 = 1; k2 < n; k2++) {
			if (s[k2] == '-' && k2 + 1 < n)
				f |= TF_HYPHEN;
			if (s[k2] >= 'A' && s[k2] <= 'Z' && n >= 4)
				f |= TF_MIXED;
		}
		return f;
	}
	return classify_letters(s, n);
}

/* Word i's shape into its facts f, the first time the view sees it. */
static void shape_word(const ctx *x, size_t i, uint32_t *f)
{
	*f |= ENT_SHAPE_KNOWN | (uint32_t)word_shape(tok_s(x, i), tok_n(x, i)) << ENT_SHAPE_SHIFT;
}

/* Word i's shape, kept with its other facts (ENT_SHAPE_*): once per word
 * of the view. Into its flags, which it returns. */
static inline uint8_t classify_word(ctx *x, size_t i)
{
	uint32_t *f = nr_words__at(x->words, (uint32_t)i)->pass + NR_WORD_ENTITIES;
	if (!(*f & ENT_SHAPE_KNOWN))
		shape_word(x, i, f);
	return x->tf[i] |= (uint8_t)(*f >> ENT_SHAPE_SHIFT);
}

/* ------------------------------------------------------------------ */
/* The set of words capitalised where capitals are reliable.            */

/*
 * Whether a word is written capitalised where capitals are reliable, or in
 * lower case, is a mark on the lexicon view's record of its caseless form
 * (nr_lexicon__word_caseless), made while the tokens are marked: one look
 * answers it. Only when a record is missing (a view full of hostile text)
 * do the questions go to sets built for the article, keyed by the text up
 * to ASCII case.
 */

/* The caseless record of token i's word under this analysis's marks, or
 * NULL (no marks). */
static nr_lex_word *caseless_tok(const ctx *x, size_t i)
{
	nr_lex_word *lw = nr_words__at(x->words, (uint32_t)i)->lw;
	return lw ? nr_lexicon__word_caseless(x->lex, lw) : NULL;
}

/* The marks of s[0..n), up to ASCII case: false when there is no record
 * to ask (the caller asks the sets then). */
static bool marks_of(const ctx *x, const char *s, size_t n, uint32_t *marks, nr_lex_word **clp)
{
	if (!x->marks)
		return false;
	nr_lex_word *lw = nr_lexicon__word(x->lex, s, n);
	nr_lex_word *cl = lw ? nr_lexicon__word_caseless(x->lex, lw) : NULL;
	if (!cl)
		return false;
	*marks = nr_lexicon__word_marks(cl, x->words->gen);
	*clp = cl;
	return true;
}

/* A token's text under the sets' seeds. */
static uint32_t token_hash(const void *owner, uint32_t i, uint32_t seed)
{
	const ctx *x = owner;
	return nr_ent__fold(tok_s(x, i), tok_n(x, i), seed);
}

/* The slot of s[0..n) in the capital set: where it is, or the empty slot
 * where it would go; SIZE_MAX past the probe bound. */
static size_t capset_slot(const ctx *x, const char *s, size_t n)
{
	const keyset *cs = &x->capset;
	size_t p = nr_ent__fold(s, n, cs->seed) & cs->mask;
	for (size_t d = 0; d <= cs->bound; d++, p = (p + 1) & cs->mask) {
		uint32_t v = cs->slot[p];
		if (!v || eq_fold(tok_s(x, v - 1), tok_n(x, v - 1), s, n))
			return p;
	}
	return SIZE_MAX;
}

static void capset_add(ctx *x, size_t i)
{
	keyset *cs = &x->capset;
	for (;;) {
		size_t p = capset_slot(x, tok_s(x, i), tok_n(x, i));
		if (p != SIZE_MAX) {
			if (!cs->slot[p])
				cs->slot[p] = (uint32_t)i + 1;
			return;
		}
		if (!nr_ent__keyset_rebuild(cs, cs->mask + 1, cs->seed + 1, token_hash, x))
			cs->bound = cs->mask; /* no memory: probe on */
	}
}

/* Capitalised where capitals are reliable (mark_sentence left it so). */
static bool reliably_capitalised(const ctx *x, size_t i)
{
	return x->toks[i].kind == NR_TOKEN_WORD && (x->tf[i] & (TF_CAP | TF_UNRELIABLE)) == TF_CAP;
}

/* The capital set, sized for the capitalised words (at most half full).
 * False when out of memory. */
static bool capset_build(ctx *x)
{
	x->capset_built = true;
	size_t ncap = 0;
	for (size_t i = 0; i < x->a->ntokens; i++)
		ncap += (x->tf[i] & TF_CAP) != 0;
	size_t capn = 16;
	while (capn < ncap * 2)
		capn <<= 1;
	x->capset.slot = calloc(capn, sizeof(*x->capset.slot));
	x->capset.mask = capn - 1;
	x->capset.bound = KEYS_PROBE_MAX;
	if (!x->capset.slot)
		return false;
	for (size_t i = 0; i < x->a->ntokens; i++)
		if (reliably_capitalised(x, i))
			capset_add(x, i);
	return true;
}

bool nr_ent__capset_has_tok(const ctx *x, size_t i)
{
	nr_lex_word *cl = x->marks ? caseless_tok(x, i) : NULL;
	if (cl)
		return (nr_lexicon__word_marks(cl, x->words->gen) & NR_WORD_MARK_CAP) != 0;
	return nr_ent__capset_has(x, tok_s(x, i), tok_n(x, i));
}

bool nr_ent__capset_has(const ctx *cx, const char *s, size_t n)
{
	uint32_t marks;
	nr_lex_word *cl;
	if (marks_of(cx, s, n, &marks, &cl))
		return (marks & NR_WORD_MARK_CAP) != 0;
	ctx *x = (ctx *)cx; /* the set is scratch, built on first need */
	if (!x->capset_built && !capset_build(x))
		x->oom = true;
	if (!x->capset.slot)
		return false;
	size_t p = capset_slot(x, s, n);
	return p != SIZE_MAX && x->capset.slot[p] != 0;
}

/* Does the sentence of tokens [b, e) end with a full stop, ? or !? */
static bool ends_with_stop(const ctx *x, size_t b, size_t e)
{
	return e > b && (tok_is(x, e - 1, ".") || tok_is(x, e - 1, "?") || tok_is(x, e - 1, "!"));
}

/* Punctuation after which a word starts afresh, as at a sentence start:
 * "Reform: What next", "(Reuters)", a quotation, a dash. */
static bool opens_afresh(const ctx *x, size_t i)
{
	const nr_token *t = &x->toks[i];
	if (t->kind == NR_TOKEN_QUOTE)
		return true;
	if (t->kind != NR_TOKEN_PUNCT)
		return false;
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	if (n == 1)
		return s[0] == ':' || s[0] == '(' || s[0] == '-' || s[0] == ';';
	uint32_t cp;
	return n && (unsigned char)s[0] >= 0x80 && nr_utf8__decode(s, n, &cp) == n &&
	       nr_uc__is_dash(cp);
}

/* Does token i go into the lower-case set? */
static bool lower_word(const ctx *x, size_t i)
{
	const char *w = tok_s(x, i);
	size_t wn = tok_n(x, i);
	return wn >= 4 && w[0] >= 'a' && w[0] <= 'z' && x->toks[i].kind == NR_TOKEN_WORD;
}

/* Word i's marks (its flags tf) on its caseless record; when it has none,
 * no marks are asked for (x->marks). */
static void mark_word(ctx *x, size_t i, uint8_t tf)
{
	/* A word in lower case only is its own caseless record, which the
	 * view marked seen when the article's tokens were found: only one
	 * with a capital after its first letter needs a mark. */
	uint32_t bits = ((tf & (TF_CAP | TF_UNRELIABLE)) == TF_CAP ? NR_WORD_MARK_CAP : 0) |
			(tf & TF_MIXED ? NR_WORD_MARK_LOWER : 0);
	if (!bits)
		return;
	nr_lex_word *cl = caseless_tok(x, i);
	if (cl)
		nr_lexicon__word_mark(cl, x->words->gen, bits);
	else
		x->marks = false;
}

/* Mark the words of one sentence whose capitals say nothing. */
static void mark_sentence(ctx *x, const nr_sentence *S)
{
	size_t b = S->first_token, e = b + S->ntokens;
	size_t words = 0, caps = 0, allc = 0, nums = 0;
	for (size_t i = b; i < e; i++) {
		if (x->toks[i].kind != NR_TOKEN_WORD) {
			nums += x->toks[i].kind == NR_TOKEN_NUMBER;
			continue;
		}
		uint8_t tf = classify_word(x, i);
		words++;
		caps += tf & TF_CAP;
		allc += (tf & TF_ALLCAPS) != 0;
	}
	bool shouty = allc * 10 >= words * 6 && allc > 0;
	/* Headline case: nearly every word capitalised and no full stop
	 * (tables of results end with one). */
	bool headline = !ends_with_stop(x, b, e) && words >= 4 && words <= 16 && nums <= 1 &&
			caps * 10 >= words * 8;
	/* Capitals say nothing in a shouty or headline sentence, at its start
	 * and, in a sentence of a word or two, in capitals only. */
	bool plain = !shouty && !headline, short_caps = words <= 2;
	bool start = true;
	for (size_t i = b; i < e; i++) {
		if (x->toks[i].kind != NR_TOKEN_WORD) {
			if (opens_afresh(x, i))
				start = true;
			continue;
		}
		uint8_t tf = x->tf[i];
		if (!plain)
			tf |= TF_UNRELIABLE;
		else if (start)
			tf |= TF_INITIAL | TF_UNRELIABLE;
		else if (short_caps && (tf & TF_ALLCAPS))
			tf |= TF_UNRELIABLE;
		x->tf[i] = tf;
		start = false;
		if (x->marks)
			mark_word(x, i, tf);
	}
}

/*
 * Token shapes, unreliable capitals, and what the article writes
 * capitalised reliably or in lower case (marks, or sets built on first
 * need). False when out of memory.
 */
bool nr_ent__mark_tokens(ctx *x)
{
	nr_article *a = x->a;
	/* Words are shaped and marked as their sentence is read, every word
	 * once: the sentences cover the tokens one after another. */
	x->marks = x->words->gen && x->words->recorded;
	size_t covered = 0;
	for (size_t s = 0; s < a->nsentences; s++) {
		if (a->sentences[s].first_token != covered)
			x->marks = false;
		covered = a->sentences[s].first_token + a->sentences[s].ntokens;
		mark_sentence(x, &a->sentences[s]);
	}
	if (covered != a->ntokens) {
		/* Words in no sentence have their shape all the same. */
		x->marks = false;
		for (size_t i = 0; i < a->ntokens; i++)
			if (x->toks[i].kind == NR_TOKEN_WORD)
				classify_word(x, i);
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* The set of words written in lower case.                              */

/* The words lower_has() keeps are four bytes or more: their first and
 * last four, folded, tell them apart well enough and cost two loads.
 * Words chosen to share them ("aaaa...zzzz") find the set rebuilt under a
 * seeded hash of the whole word. */
static inline uint32_t hash_fold4(const char *s, size_t n, uint32_t seed)
{
	if (seed)
		return nr_ent__fold(s, n, seed);
	uint32_t a, b;
	memcpy(&a, s, 4);
	memcpy(&b, s + n - 4, 4);
	uint64_t h = (nr_ascii__lower8(((uint64_t)b << 32) | a) ^ n) * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32);
}

static uint32_t lower_hash(const void *owner, uint32_t i, uint32_t seed)
{
	const ctx *x = owner;
	return hash_fold4(tok_s(x, i), tok_n(x, i), seed);
}

/* The slot of s[0..n) in the lower-case set: where it is, or the empty
 * slot where it would go; SIZE_MAX past the probe bound. */
static size_t lowset_slot(const ctx *x, const char *s, size_t n)
{
	const keyset *ls = &x->lowset;
	size_t p = hash_fold4(s, n, ls->seed) & ls->mask;
	for (size_t d = 0; d <= ls->bound; d++, p = (p + 1) & ls->mask) {
		uint32_t v = ls->slot[p];
		if (!v || eq_fold(tok_s(x, v - 1), tok_n(x, v - 1), s, n))
			return p;
	}
	return SIZE_MAX;
}

/* Token i into the lower-case set, unless there. False when out of
 * memory. */
static bool lowset_add(ctx *x, size_t i)
{
	keyset *ls = &x->lowset;
	for (;;) {
		size_t p = lowset_slot(x, tok_s(x, i), tok_n(x, i));
		if (p != SIZE_MAX && ls->slot[p])
			return true;
		if (p != SIZE_MAX && (x->nlow + 1) * 2 <= ls->mask + 1) {
			ls->slot[p] = (uint32_t)i + 1;
			x->nlow++;
			return true;
		}
		/* Half full: twice the room. A probe past the bound: the
		 * next seed. */
		size_t cap = p == SIZE_MAX ? ls->mask + 1 : (ls->mask + 1) * 2;
		uint32_t seed = p == SIZE_MAX ? ls->seed + 1 : ls->seed;
		if (!nr_ent__keyset_rebuild(ls, cap, seed, lower_hash, x))
			return false;
	}
}

/* The set of the article's lower-case words of four bytes or more, as
 * small as its distinct words allow: it grows when half full. Without
 * memory the set is left empty, which answers no to every question. */
static void lowset_build(ctx *x)
{
	size_t cap = 64;
	while (cap < x->a->ntokens / 2)
		cap <<= 1;
	if (!nr_ent__keyset_rebuild(&x->lowset, cap, 0, lower_hash, x))
		return;
	for (size_t i = 0; i < x->a->ntokens; i++) {
		if (!lower_word(x, i))
			continue;
		if (!lowset_add(x, i)) {
			free(x->lowset.slot);
			x->lowset.slot = NULL;
			return;
		}
	}
}

/*
 * Is the word written in lower case somewhere in the article? Then a
 * capitalised use of it is likely a common noun ("Prison", "Rights").
 * Short words are function words; nouns worth asking about are longer.
 * The set is built on the first question.
 */
bool nr_ent__lower_has(ctx *x, const char *s, size_t n)
{
	if (n < 4)
		return false;
	uint32_t marks;
	nr_lex_word *cl;
	if (marks_of(x, s, n, &marks, &cl))
		return (marks & NR_WORD_MARK_LOWER) || (((unsigned char)s[0] | 0x20u) - 'a' < 26u &&
							nr_lexicon__word_seen(cl, x->words->gen));
	if (!x->lowset_built) {
		x->lowset_built = true;
		lowset_build(x);
	}
	if (!x->lowset.slot)
		return false; /* no answer is a safe answer */
	size_t p = lowset_slot(x, s, n);
	return p != SIZE_MAX && x->lowset.slot[p] != 0;
}

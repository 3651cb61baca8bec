/*
 * acts.c - cues and their acts: the word classes the extractor tests, a
 * cameo_verbs form read as a verb (not "the demand", "oil demand", "an
 * alleged plot"), and the row of the verb its object selects ("rejected
 * the proposal" is a rejection, "rejected the accusation" a denial).
 */
#include "extract/statements/statements_int.h"

#include <strings.h>

// clang-format off
#define SW_NAME(s, bit) { s, sizeof(s) - 1, bit }
// clang-format on
static const struct {
	const char *name;
	size_t len;
	uint64_t bit;
} SW_NAMES[] = {
	SW_NAME("st_negation", SW_NEGATION),
	SW_NAME("st_refusal", SW_REFUSAL),
	SW_NAME("st_chain", SW_CHAIN),
	SW_NAME("st_hedge", SW_HEDGE),
	SW_NAME("st_future", SW_FUTURE),
	SW_NAME("st_condition", SW_CONDITION),
	SW_NAME("st_be", SW_BE),
	SW_NAME("st_target_prep", SW_TARGET_PREP),
	SW_NAME("st_content_prep", SW_CONTENT_PREP),
	SW_NAME("st_agent_prep", SW_AGENT_PREP),
	SW_NAME("st_source_prep", SW_SOURCE_PREP),
	SW_NAME("st_clause_break", SW_CLAUSE_BREAK),
	SW_NAME("st_coordinator", SW_COORDINATOR),
	SW_NAME("st_relative", SW_RELATIVE),
	SW_NAME("st_possessive", SW_POSSESSIVE),
	SW_NAME("st_infinitive", SW_INFINITIVE),
	SW_NAME("st_pronoun", SW_PRONOUN),
	SW_NAME("st_first_person", SW_FIRST_PERSON),
	SW_NAME("st_male", SW_MALE),
	SW_NAME("st_female", SW_FEMALE),
	SW_NAME("st_neuter", SW_NEUTER),
	SW_NAME("q_determiner", SW_DETERMINER),
	SW_NAME("q_before_verb", SW_BEFORE_VERB),
	SW_NAME("q_preposition", SW_PREPOSITION),
	SW_NAME("q_group_noun", SW_GROUP_NOUN),
	SW_NAME("q_speaker_modifier", SW_MODIFIER),
	SW_NAME("q_time", SW_TIME),
	SW_NAME("weekday", SW_TIME),
	SW_NAME("st_obligation", SW_OBLIGE),
	SW_NAME("st_rebuttal", SW_REBUT),
	SW_NAME("st_truth", SW_TRUTH),
	SW_NAME("st_wrongdoing", SW_WRONG),
	SW_NAME("st_claim", SW_CLAIM),
	SW_NAME("st_intensifier", SW_INTENSE),
	SW_NAME("st_no_call", SW_NO_CALL),
	SW_NAME("st_second_person", SW_SECOND_PERSON),
};
_Static_assert(NR_ARRAY_LEN(SW_NAMES) == SW_NAME_COUNT, "SW_NAME_COUNT counts SW_NAMES");
#undef SW_NAME

/* The bits of a '|'-separated class list; other classes count for nothing. */
static uint64_t class_bits(const char *cls)
{
	uint64_t bits = 0;
	while (*cls) {
		size_t n = 0;
		while (cls[n] && cls[n] != '|')
			n++;
		for (size_t k = 0; k < NR_ARRAY_LEN(SW_NAMES); k++)
			if (SW_NAMES[k].len == n && memcmp(cls, SW_NAMES[k].name, n) == 0)
				bits |= SW_NAMES[k].bit;
		cls += n + (cls[n] == '|');
	}
	return bits;
}

/* The bits of a class list, remembered by the list's address (one per
 * row): "the" and "said" come back in every sentence. */
static uint64_t class_bits_memo(sctx *x, const char *cls)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)cls * 0x9E3779B97F4A7C15ull) >> 56);
	if (x->cls_memo[h] != cls) {
		x->cls_memo[h] = cls;
		x->cls_bits[h] = class_bits(cls);
	}
	return x->cls_bits[h];
}

void nr_st__class_masks(sctx *x)
{
	x->sw_rows = false;
	for (size_t k = 0; k < NR_ARRAY_LEN(SW_NAMES); k++)
		if (!(x->sw_mask[k] = nr_lexicon__class_bit(x->lex, SW_NAMES[k].name)))
			x->sw_rows = true;
}

/* The class masks, worked out at the first word asked about. */
static void masks_once(sctx *x)
{
	if (x->sw_masked)
		return;
	nr_st__class_masks(x);
	x->sw_masked = true;
	x->sw_high = 0;
	for (size_t k = 0; k < NR_ARRAY_LEN(SW_NAMES); k++)
		if (SW_NAMES[k].bit >> 32)
			x->sw_high |= x->sw_mask[k];
}

/* The classes past 32 bits of word i, worked out from its classes. */
static uint64_t classes_high_of(sctx *x, uint32_t i)
{
	masks_once(x);
	uint64_t bits = 0;
	if (!x->sw_rows) {
		uint64_t m = nr_words__classes(x->words, i) & x->sw_high;
		for (size_t k = 0; m && k < NR_ARRAY_LEN(SW_NAMES); k++)
			if (SW_NAMES[k].bit >> 32 && (m & x->sw_mask[k]))
				bits |= SW_NAMES[k].bit;
		return bits;
	}
	const nr_lex_entry *all[NR_LEX_CLASS_ROWS];
	size_t got = nr_words__all(x->words, i, NR_LEX_WORD_CLASSES, all, NR_ARRAY_LEN(all));
	for (size_t k = 0; k < got && k < NR_ARRAY_LEN(all); k++)
		bits |= class_bits_memo(x, all[k]->cls);
	return bits & ~(uint64_t)UINT32_MAX;
}

uint64_t nr_st__classes_slow(sctx *x, uint32_t i)
{
	const nr_word *w = nr_words__at(x->words, i);
	if (!(w->pass[NR_WORD_STATEMENTS] & SW_KNOWN)) {
		uint64_t bits = SW_KNOWN;
		masks_once(x);
		if (!x->sw_rows) {
			uint64_t m = nr_words__classes(x->words, i);
			for (size_t k = 0; m && k < NR_ARRAY_LEN(SW_NAMES); k++)
				if (m & x->sw_mask[k])
					bits |= SW_NAMES[k].bit;
		} else {
			const nr_lex_entry *all[NR_LEX_CLASS_ROWS];
			size_t got = nr_words__all(x->words, i, NR_LEX_WORD_CLASSES, all,
						   NR_ARRAY_LEN(all));
			for (size_t k = 0; k < got && k < NR_ARRAY_LEN(all); k++)
				bits |= class_bits_memo(x, all[k]->cls);
		}
		w->pass[NR_WORD_STATEMENTS] |= (uint32_t)bits;
	}
	return w->pass[NR_WORD_STATEMENTS];
}

_Static_assert(SW_SECOND_PERSON >> 32 < SWH_KNOWN, "the high classes fit below SWH_KNOWN");

uint64_t nr_st__classes_high_slow(sctx *x, uint32_t i)
{
	uint32_t *slot = &nr_words__at(x->words, i)->pass[NR_WORD_STATEMENTS_HIGH];
	*slot = SWH_KNOWN | (uint32_t)(classes_high_of(x, i) >> 32);
	return (uint64_t)(*slot & ~SWH_KNOWN) << 32;
}

int nr_st__cameo_start(sctx *x, uint32_t i)
{
	const nr_word *w = nr_words__at(x->words, i);
	if (!(w->pass[NR_WORD_STATEMENTS] & SW_CAMEO_KNOWN)) {
		int start = nr_words__may_start(x->words, i, NR_LEX_CAMEO_VERBS);
		w->pass[NR_WORD_STATEMENTS] |= SW_CAMEO_KNOWN |
					       (start & NR_LEXSTART_FORM ? SW_CAMEO_FORM : 0) |
					       (start & NR_LEXSTART_PHRASE ? SW_CAMEO_PHRASE : 0);
	}
	uint32_t b = w->pass[NR_WORD_STATEMENTS];
	return (b & SW_CAMEO_FORM ? NR_LEXSTART_FORM : 0) |
	       (b & SW_CAMEO_PHRASE ? NR_LEXSTART_PHRASE : 0);
}

const nr_lex_entry *nr_st__lookup(sctx *x, int lex, uint32_t i)
{
	return nr_words__lookup(x->words, i, lex);
}

bool nr_st__cap(const sctx *x, uint32_t i)
{
	if (!tword(x, i))
		return false;
	unsigned char c0 = (unsigned char)ttext(x, i)[0];
	if (c0 < 0x80)
		return c0 >= 'A' && c0 <= 'Z';
	uint32_t cp;
	nr_utf8__decode(ttext(x, i), tlen(x, i), &cp);
	return nr_uc__is_upper(cp);
}

/* Does word i end in suf[0..k) (any ASCII case) and hold more than it? */
static inline bool word_ends_with_n(const sctx *x, uint32_t i, const char *suf, size_t k)
{
	size_t n = tlen(x, i);
	if (n <= k)
		return false;
	const char *w = ttext(x, i) + n - k;
	for (size_t j = 0; j < k; j++) {
		unsigned a = (unsigned char)w[j], b = (unsigned char)suf[j];
		if (a != b && (a - 'A' < 26u ? a + 32u : a) != (b - 'A' < 26u ? b + 32u : b))
			return false;
	}
	return true;
}

/* The same for a string literal: its length is known when it compiles. */
#define word_ends_with(x, i, suf) word_ends_with_n((x), (i), "" suf "", sizeof("" suf "") - 1)

bool nr_st__nt(const sctx *x, uint32_t i)
{
	return tword(x, i) &&
	       (word_ends_with(x, i, "n't") || word_ends_with(x, i, "n\xE2\x80\x99t"));
}

bool nr_st__possessive_s(const sctx *x, uint32_t i)
{
	if (i >= x->ntok)
		return false;
	size_t n = tlen(x, i);
	const char *w = ttext(x, i);
	/* "Sanders’ accusations": the apostrophe alone, right after a plural. */
	if ((n == 1 && w[0] == '\'') || (n == 3 && !memcmp(w, "\xE2\x80\x99", 3)))
		return i > 0 && x->tok[i - 1].end == x->tok[i].start && tword(x, i - 1) &&
		       (ttext(x, i - 1)[tlen(x, i - 1) - 1] | 0x20) == 's';
	if (!tword(x, i) || n < 2 || (w[n - 1] != 's' && w[n - 1] != 'S'))
		return false;
	return (n == 2 && strncasecmp(w, "'s", 2) == 0) ||
	       (n == 4 && memcmp(w, "\xE2\x80\x99s", 4) == 0) || word_ends_with(x, i, "'s") ||
	       word_ends_with(x, i, "\xE2\x80\x99s");
}

bool nr_st__ly(const sctx *x, uint32_t i)
{
	size_t n = tlen(x, i);
	const char *w = ttext(x, i);
	return tword(x, i) && n >= 5 && w[n - 2] == 'l' && w[n - 1] == 'y' && !nr_st__cap(x, i);
}

/* ------------------------------------------------------------------ */
/* A form read as a verb                                               */

/* Does a word name an actor ("ministry", "officials") by itself? */
static bool kind_noun(sctx *x, uint32_t i)
{
	return tword(x, i) &&
	       (tclass(x, i, SW_GROUP_NOUN) || nr_st__lookup(x, NR_LEX_ACTOR_KINDS, i));
}

/* Can a subject end at token p, right before a present-tense verb? */
static bool subject_end(sctx *x, uint32_t p)
{
	if (x->tmention[p] >= 0 || tclass(x, p, SW_PRONOUN | SW_RELATIVE))
		return true;
	return (nr_st__cap(x, p) && p != x->sent_first) || kind_noun(x, p);
}

/* "the warning", "his urging", "an alleged plot", "oil demand": a form of
 * the verb that is a noun or an adjective here. What came before tells. */
static bool verb_reading(sctx *x, const cue *c)
{
	uint32_t i = c->tok;
	bool first = i == x->sent_first;
	uint32_t p = i - 1;
	if (!first &&
	    ((tclass(x, p, SW_DETERMINER | SW_POSSESSIVE) && !tclass(x, p, SW_RELATIVE)) ||
	     nr_st__possessive_s(x, p)))
		return false;
	const char *f = c->form;
	uint32_t after = c->tok + c->ntok;
	if (!strcmp(f, "past") || !strcmp(f, "pastpart"))
		return first || !tclass(x, p, SW_PREPOSITION | SW_CONTENT_PREP | SW_AGENT_PREP);
	/* "..., accusing", "on Tuesday accusing", "is accusing", "by
	 * accusing": a participle or a gerund, past the determiners above;
	 * but "of threatening", "for criticising" is what another verb says. */
	if (!strcmp(f, "ing"))
		return first || !tclass(x, p, SW_CONTENT_PREP);
	/* Base and third person: after a subject, a modal, an auxiliary or
	 * "to"; not before "is" or "have" (then it was a noun). */
	if (first || tclass(x, after, SW_BE | SW_HEDGE | SW_FUTURE))
		return false;
	/* "a media request", "the union demand": a bare form after a
	 * determiner and a singular noun is the head of a compound noun (a
	 * singular subject would take "requests"). */
	if (!strcmp(f, "base") && p > x->sent_first && tclass(x, p - 1, SW_DETERMINER) &&
	    !tclass(x, p - 1, SW_RELATIVE) && tword(x, p) && x->tmention[p] < 0 &&
	    (ttext(x, p)[tlen(x, p) - 1] | 0x20) != 's' &&
	    !(p - 1 > x->sent_first && tclass(x, p - 2, SW_BEFORE_VERB | SW_HEDGE | SW_FUTURE)))
		return false; /* ("Did the president threaten": a question's verb) */
	if (tclass(x, p, SW_HEDGE | SW_FUTURE | SW_BEFORE_VERB | SW_INFINITIVE | SW_NEGATION) ||
	    nr_st__nt(x, p))
		return true;
	/* "“...,” says X": a quote's cue after its quotation. */
	if (x->cue_quote[i] >= 0 && (tquote_mark(x, p) || tpunct(x, p, ',')))
		return true;
	return subject_end(x, p);
}

/* "called on Friday for X to resign", "called Wednesday for": a verb and
 * its particle with a time between them. The phrase's row into *m, and
 * the token after the particle, or 0 when there is no such particle. */
static uint32_t particle_after_time(sctx *x, uint32_t i, nr_lex_match *m)
{
	uint32_t k = i + 1;
	while (k < x->sent_end && k < i + 4 && tclass(x, k, SW_TIME))
		k++;
	if (k == i + 1 || k >= x->sent_end || !tword(x, k) || tlen(x, i) + tlen(x, k) > 60)
		return 0;
	char buf[64];
	size_t n = tlen(x, i);
	memcpy(buf, ttext(x, i), n);
	buf[n++] = ' ';
	memcpy(buf + n, ttext(x, k), tlen(x, k));
	n += tlen(x, k);
	const nr_lex_entry *e = NULL;
	if (!nr_lexicon__lookup_all(x->lex, NR_LEX_CAMEO_VERBS, buf, n, &e, 1) || !e)
		return 0;
	m->entry = e;
	return k + 1;
}

bool nr_st__cue_at(sctx *x, uint32_t i, cue *c)
{
	/* One remembered look-up rules out most words; only a phrase start
	 * needs the phrase match, which tries several lengths. */
	int start = nr_st__cameo_start(x, i);
	if (!start)
		return false;
	nr_lex_match m = { NULL, 1, false };
	size_t n = 1;
	if (start & NR_LEXSTART_PHRASE)
		n = nr_words__match(x->words, NR_LEX_CAMEO_VERBS, x->sent_end, i, &m);
	else if (!nr_words__all(x->words, i, NR_LEX_CAMEO_VERBS, &m.entry, 1))
		n = 0;
	if (!n || m.possessive)
		return false;
	/* "called on Saturday for": "on" opens a time, not the particle. */
	if (n == 2 && tclass(x, i + 2, SW_TIME) && *m.entry->extra) {
		n = 1;
		const nr_lex_entry *e = NULL;
		if (!nr_words__all(x->words, i, NR_LEX_CAMEO_VERBS, &e, 1) || !e)
			return false;
		m.entry = e;
	}
	c->tok = i;
	c->ntok = (uint32_t)n;
	c->next = i + (uint32_t)n;
	if (n == 1) {
		uint32_t past = particle_after_time(x, i, &m);
		if (past)
			c->next = past;
	}
	c->row = m.entry;
	c->form = m.entry->form;
	c->objrow = false;
	/* A verb of saying is only noted (statements.c): whether "the report
	 * said" holds a noun matters to no statement. */
	c->saying = nr_st__own_act_is(x, c, "comment");
	return c->saying || verb_reading(x, c);
}

/* ------------------------------------------------------------------ */
/* The act the object selects                                          */

/* Does the object list item w[0..n) ("accusation", "human rights abuse")
 * end the phrase p at its head? Words compare up to ASCII case. */
static bool item_matches(const sctx *x, const phrase *p, const char *w, size_t n)
{
	uint32_t t = p->head + 1;
	size_t end = n;
	while (end > 0) {
		size_t b = end;
		while (b > 0 && w[b - 1] != ' ')
			b--;
		if (t <= p->s)
			return false;
		t--;
		if (tlen(x, t) != end - b || strncasecmp(ttext(x, t), w + b, end - b) != 0)
			return false;
		end = b ? b - 1 : 0;
		if (!b)
			break;
	}
	return true;
}

static bool objects_match(const sctx *x, const phrase *p, const char *list)
{
	while (*list) {
		size_t n = 0;
		while (list[n] && list[n] != '|')
			n++;
		if (item_matches(x, p, list, n))
			return true;
		list += n + (list[n] == '|');
	}
	return false;
}

/* The cameo_verbs rows of the cue's verb form and particle, remembered by
 * the entry the match found: an article says "said" a hundred times. */
static const rowset *rows_of(sctx *x, const cue *c)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)c->row * 0x9E3779B97F4A7C15ull) >> 58);
	rowset *r = &x->rows[h];
	if (r->key == c->row)
		return r;
	const nr_lex_entry *all[W_ROWS];
	size_t n = nr_lexicon__entry_all(x->lex, c->row, NR_LEX_CAMEO_VERBS, all, W_ROWS);
	r->own = NULL;
	r->n = 0;
	for (size_t k = 0; k < n && k < W_ROWS; k++) {
		const nr_lex_entry *e = all[k];
		if (strcmp(e->extra, c->row->extra))
			continue;
		if (e->nfields > 4 && *e->fields[4])
			r->rows[r->n++] = e;
		else if (!r->own)
			r->own = e;
	}
	r->key = c->row;
	return r;
}

bool nr_st__choose_row(sctx *x, cue *c, const phrase *obj)
{
	const rowset *r = rows_of(x, c);
	/* Object lists hold lower-case nouns; what a quote's verb of saying
	 * is followed by inside its quote is what was said ("said the report
	 * was"). */
	int32_t q = x->cue_quote[c->tok];
	bool try_objects = r->n && obj->ok && !nr_st__cap(x, obj->head) &&
			   !(q >= 0 && x->tquote[obj->s] == q && r->own &&
			     !strcmp(r->own->cls, "comment"));
	for (size_t k = 0; try_objects && k < r->n; k++) {
		if (objects_match(x, obj, r->rows[k]->fields[4])) {
			c->row = r->rows[k];
			c->objrow = true;
			return true;
		}
	}
	if (!r->own)
		return false;
	c->row = r->own;
	return true;
}

bool nr_st__act_is(const cue *c, const char *act) { return strcmp(c->row->cls, act) == 0; }

bool nr_st__own_act_is(sctx *x, const cue *c, const char *act)
{
	const rowset *r = rows_of(x, c);
	return r->own && !strcmp(r->own->cls, act);
}

/*
 * cues.c - what the framing and reported-speech passes ask of a word: its
 * classes in word_classes.tsv (the q_* rows), whether it is a speech verb
 * or "according to" (a cue), and where the clause a cue reports starts.
 */
#include "extract/quotes/quotes_int.h"

/* The quote extractor's classes, as bits: a word's are worked out once per
 * word of the lexicon view, a cue lemma's likewise, when asked. */
// clang-format off
#define QW_NAME(s, bit) { s, sizeof(s) - 1, bit }
// clang-format on
static const struct {
	const char *name;
	size_t len;
	unsigned bit;
} QW_NAMES[] = {
	QW_NAME("q_subject_pronoun", QW_SUBJECT_PRONOUN),
	QW_NAME("q_object_pronoun", QW_OBJECT_PRONOUN),
	QW_NAME("q_before_verb", QW_BEFORE_VERB),
	QW_NAME("q_determiner", QW_DETERMINER),
	QW_NAME("q_group_noun", QW_GROUP_NOUN),
	QW_NAME("q_speaker_modifier", QW_SPEAKER_MODIFIER),
	QW_NAME("q_role_noun", QW_ROLE_NOUN),
	QW_NAME("q_time", QW_TIME),
	QW_NAME("weekday", QW_TIME), /* the weekdays' rows are shared */
	QW_NAME("q_preposition", QW_PREPOSITION),
	QW_NAME("q_tell_verb", QW_TELL_VERB),
	QW_NAME("q_naming_verb", QW_NAMING_VERB),
	QW_NAME("q_clause_verb", QW_CLAUSE_VERB),
	QW_NAME("q_negative", QW_NEGATIVE),
	QW_NAME("q_finite", QW_FINITE),
	QW_NAME("q_ly_noun", QW_LY_NOUN),
};
#undef QW_NAME

/* The bits of a '|'-separated class list; other modules' classes count
 * for nothing. Runs once per word token: lengths first, bytes after. */
static unsigned qw_class_bits(const char *cls)
{
	unsigned bits = 0;
	while (*cls) {
		size_t n = 0;
		while (cls[n] && cls[n] != '|')
			n++;
		for (size_t k = 0; k < NR_ARRAY_LEN(QW_NAMES); k++)
			if (QW_NAMES[k].len == n && memcmp(cls, QW_NAMES[k].name, n) == 0)
				bits |= QW_NAMES[k].bit;
		cls += n + (cls[n] == '|');
	}
	return bits;
}

/* The QW_* bits of a class list, remembered by the list's address (one
 * per row): "the" and "said" come back in every sentence. */
static unsigned qw_class_bits_memo(qw_memo *memo, const char *cls)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)cls * 0x9E3779B97F4A7C15ull) >> 58);
	if (memo[h].cls != cls) {
		memo[h].cls = cls;
		memo[h].bits = (uint16_t)qw_class_bits(cls);
	}
	return memo[h].bits;
}

void nr_quotes__class_masks(qctx *q)
{
	q->qw_rows = false;
	for (size_t k = 0; k < NR_ARRAY_LEN(QW_NAMES); k++)
		if (!(q->qw_mask[k] = nr_lexicon__class_bit(q->lex, QW_NAMES[k].name)))
			q->qw_rows = true;
}

/* The class masks, made when a word new to the view first needs them:
 * most articles need none. */
static void need_masks(const qctx *q)
{
	if (!q->qw_masked) {
		nr_quotes__class_masks((qctx *)q);
		((qctx *)q)->qw_masked = true;
	}
}

/* The QW_* bits of a class mask. */
static unsigned qw_from_mask(const qctx *q, uint64_t m)
{
	unsigned bits = 0;
	for (size_t k = 0; m && k < NR_ARRAY_LEN(QW_NAMES); k++)
		if (m & q->qw_mask[k])
			bits |= QW_NAMES[k].bit;
	return bits;
}

/* The QW_* bits of the word_classes rows all[0..got). */
static unsigned qw_from_rows(const qctx *q, const nr_lex_entry *const *all, size_t got)
{
	unsigned bits = 0;
	for (size_t k = 0; k < got && k < NR_LEX_CLASS_ROWS; k++)
		bits |= qw_class_bits_memo(q->qw_memo, all[k]->cls);
	return bits;
}

/* The QW_* bits of a word, over every word_classes row that lists it. */
unsigned nr_quotes__word_classes(const qctx *q, const char *w, size_t n)
{
	/* A lemma asked about is a word of the view too, whose bits stay
	 * with its record ("say" for every "said"). */
	nr_lex_word *lw = nr_lexicon__word(q->lex, w, n);
	uint32_t *f = lw ? nr_lexicon__word_facts(lw) + NR_WORD_QUOTES : NULL;
	if (f && (*f & QW_KNOWN))
		return *f & QW_CLASSES;
	need_masks(q);
	unsigned bits;
	if (lw && !q->qw_rows) {
		bits = qw_from_mask(q, nr_lexicon__word_classes(lw));
	} else {
		const nr_lex_entry *all[NR_LEX_CLASS_ROWS];
		size_t got = nr_lexicon__lookup_all(q->lex, NR_LEX_WORD_CLASSES, w, n, all,
						    NR_ARRAY_LEN(all));
		bits = qw_from_rows(q, all, got);
	}
	if (f)
		*f |= QW_KNOWN | bits;
	return bits;
}

unsigned nr_quotes__token_classes(const qctx *q, uint32_t i)
{
	const nr_word *w = nr_words__at(q->words, i);
	if (!(w->pass[NR_WORD_QUOTES] & QW_KNOWN)) {
		need_masks(q);
		unsigned bits = QW_KNOWN;
		if (!q->qw_rows) {
			bits |= qw_from_mask(q, nr_words__classes(q->words, i));
		} else {
			const nr_lex_entry *all[NR_LEX_CLASS_ROWS];
			size_t got = nr_words__all(q->words, i, NR_LEX_WORD_CLASSES, all,
						   NR_ARRAY_LEN(all));
			bits |= qw_from_rows(q, all, got);
		}
		w->pass[NR_WORD_QUOTES] |= bits;
	}
	return w->pass[NR_WORD_QUOTES];
}

/* Could word i be a cue by itself, whatever surrounds it: "according", or
 * a verb form the lexicons know (a cue has a lemma)? Once per word. */
static bool cue_word(const qctx *q, uint32_t i)
{
	const nr_word *w = nr_words__at(q->words, i);
	if (!(w->pass[NR_WORD_QUOTES] & QW_CUEWORD_KNOWN))
		w->pass[NR_WORD_QUOTES] |= QW_CUEWORD_KNOWN |
					   (tis(q, i, "according") || nr_words__lemma(q->words, i)
						? QW_CUEWORD
						: 0);
	return (w->pass[NR_WORD_QUOTES] & QW_CUEWORD) != 0;
}

/* Does word i begin no speech verb, of one word or more ("is", "went")?
 * Then no match needs trying at it, whatever follows. Once per word. */
static bool no_speech_form(const qctx *q, uint32_t i)
{
	const nr_word *w = nr_words__at(q->words, i);
	if (!(w->pass[NR_WORD_QUOTES] & QW_SPEECH_KNOWN)) {
		nr_lex_match m;
		bool none = !(nr_words__may_start(q->words, i, NR_LEX_SPEECH_VERBS) &
			      NR_LEXSTART_PHRASE) &&
			    !nr_words__match(q->words, NR_LEX_SPEECH_VERBS, i + 1, i, &m);
		w->pass[NR_WORD_QUOTES] |= QW_SPEECH_KNOWN | (none ? QW_SPEECH_NONE : 0);
	}
	return (w->pass[NR_WORD_QUOTES] & QW_SPEECH_NONE) != 0;
}

unsigned nr_quotes__cue_classes(const qctx *q, const cue *c)
{
	return nr_quotes__word_classes(q, c->lemma, strlen(c->lemma));
}

/* Is there a speech verb (or "according to") at token i? */
static bool cue_lookup(const qctx *q, uint32_t i, cue *out)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD || tlen(q, i) < 3 || !cue_word(q, i))
		return false;
	if (tis(q, i, "according") && tis(q, i + 1, "to")) {
		out->ntok = 2;
		out->lemma = "according to";
		out->form = "";
		out->cls = "assertive";
		out->according = true;
		return true;
	}
	/* Capitalised verbs at sentence start are rare; capitalised words
	 * inside are names ("Said", "Warns" in headlines aside). */
	if (tcap(q, i) && sent_first(q, q->tsent[i]) != i)
		return false;
	/* One hash lookup rules out most words before the phrase match,
	 * which tries several lengths: every speech verb form is a verb
	 * form the lexicons know. */
	const char *lem = nr_words__lemma(q->words, i);
	if (!lem)
		return false;
	nr_lex_match m;
	size_t n = no_speech_form(q, i)
		       ? 0
		       : nr_words__match(q->words, NR_LEX_SPEECH_VERBS, q->ntok, i, &m);
	if (!n) {
		/* "called it “complicated”": the lexicon keeps bare "call" out
		 * of speech verbs (it lists "call on", "call for"), but before a
		 * quotation it names what was said. */
		if (strcmp(lem, "call") == 0) {
			out->ntok = 1;
			out->lemma = "call";
			out->form = tlen(q, i) > 4 &&
					    strncasecmp(ttext(q, i) + tlen(q, i) - 3, "ing", 3) == 0
					? "ing"
					: "";
			out->cls = "assertive";
			out->according = false;
			return true;
		}
		return false;
	}
	if (m.possessive)
		return false;
	out->ntok = (uint32_t)n;
	out->lemma = m.entry->canonical;
	out->form = m.entry->form;
	out->cls = m.entry->cls ? m.entry->cls : "";
	out->according = false;
	return true;
}

/* Cues are asked for many times per token: look each token up once. */
void nr_quotes__cue_find(const qctx *q, uint32_t i)
{
	cue k;
	q->tflags[i] |= TF_CUE_DONE;
	/* "New York state is short of funds", "the report was": a
	 * bare form with a verb after it is a noun. */
	if (cue_lookup(q, i, &k) &&
	    !(k.ntok == 1 && strcmp(k.form, "base") == 0 &&
	      (tis(q, i + 1, "is") || tis(q, i + 1, "was") || tis(q, i + 1, "has") ||
	       tis(q, i + 1, "had") || tis(q, i + 1, "will") || tis(q, i + 1, "would") ||
	       tis(q, i + 1, "can") || tis(q, i + 1, "could") || tis(q, i + 1, "does")))) {
		q->tflags[i] |= TF_CUE;
		q->cues[i] = k;
	}
}

/* After "told": who was told ("told reporters", "told him", "told the
 * Senate committee"). The token after them. */
static uint32_t skip_addressee(const qctx *q, uint32_t j, uint32_t se)
{
	if (tclass(q, j, QW_OBJECT_PRONOUN))
		return j + 1;
	uint32_t k = j;
	if (tclass(q, k, QW_DETERMINER))
		k++;
	uint32_t lim = k + 6 < se ? k + 6 : se;
	while (k < lim && (tcap(q, k) || group_noun(q, k) || tis(q, k, "reporters") ||
			   tis(q, k, "journalists") || tis(q, k, "lawmakers") ||
			   tis(q, k, "congress") || tis(q, k, "supporters") || tposs(q, k) ||
			   ((tis(q, k, "the") || tis(q, k, "of")) && k > j && tcap(q, k + 1)) ||
			   tis(q, k, "audience") || tis(q, k, "crowd") ||
			   tis(q, k, "interviewer") || tis(q, k, "television")))
		k++;
	/* A bare determiner opens the clause, not the object. */
	if (k == j + 1 && tclass(q, j, QW_DETERMINER))
		k = j;
	return k > j ? k : j;
}

/* "said in a statement that", "said at a news conference, ...": moves
 * *j past the setting (and its comma); false when no "that" or comma
 * ends it within reach. */
static bool skip_setting(const qctx *q, uint32_t *j, uint32_t se)
{
	uint32_t lim = *j + 12 < se ? *j + 12 : se;
	uint32_t k = *j;
	while (k < lim && !tis(q, k, "that") && !tpunct(q, k, ',') &&
	       q->tok[k].kind != NR_TOKEN_QUOTE)
		k++;
	if (k >= lim)
		return false;
	if (tpunct(q, k, ','))
		k++;
	*j = k;
	return true;
}

/* Is token k a past-tense verb the lexicons know ("happened", "knew")? */
static bool past_verb(const qctx *q, uint32_t k)
{
	const nr_lex_entry *all[8];
	size_t n = nr_lexicon__lookup_all(q->lex, NR_LEX_VERBS, ttext(q, k), tlen(q, k), all,
					  NR_ARRAY_LEN(all));
	for (size_t i = 0; i < n && i < NR_ARRAY_LEN(all); i++)
		if (strcmp(all[i]->form, "past") == 0)
			return true;
	return false;
}

/* "said no decisions had been taken", "said nothing would change",
 * "said none of the bids was valid": a negative word opens a clause when
 * a finite verb follows within its noun phrase; "said no to the plan",
 * "said nothing about it", "said nothing." are what was said. */
static bool negative_opens_clause(const qctx *q, uint32_t j, uint32_t se)
{
	for (uint32_t k = j + 1; k < se && k <= j + 6; k++) {
		if (q->tok[k].kind != NR_TOKEN_WORD || tclass(q, k, QW_PREPOSITION) ||
		    (tis(q, k, "of") && k > j + 1) || tis(q, k, "to") || tis(q, k, "about") ||
		    tis(q, k, "for") || tis(q, k, "and") || tis(q, k, "but") || tis(q, k, "or"))
			return false;
		if (tclass(q, k, QW_FINITE) || past_verb(q, k))
			return k > j + 1 || !tis(q, j, "no");
	}
	return false;
}

/* Does a bare clause open at j? Not with a preposition, "to", an -ing
 * form of a gerund object, or punctuation, and not too short. */
static bool opens_bare_clause(const qctx *q, uint32_t j, uint32_t se)
{
	if (q->tok[j].kind == NR_TOKEN_PUNCT)
		return false;
	if (tclass(q, j, QW_NEGATIVE))
		return negative_opens_clause(q, j, se);
	if (tis(q, j, "to") || tis(q, j, "of") || tis(q, j, "for") || tis(q, j, "about") ||
	    tis(q, j, "by") || tis(q, j, "with") || tis(q, j, "on") || tis(q, j, "in") ||
	    tis(q, j, "at") || tis(q, j, "so") || tis(q, j, "and") || tis(q, j, "or") ||
	    tis(q, j, "as") || tis(q, j, "up") || tis(q, j, "out") || tis(q, j, "into") ||
	    tis(q, j, "from") || tis(q, j, "over") || tis(q, j, "against") ||
	    tis(q, j, "something") || tis(q, j, "goodbye") || tis(q, j, "yes") ||
	    tis(q, j, "hello") || tis(q, j, "thanks"))
		return false;
	return se - j >= 3;
}

/*
 * Where the reported clause starts after a cue ending at token `i`, in the
 * sentence ending at `se`; 0 when the cue does not introduce a clause.
 * Skips the addressee of "told" ("told reporters"), times ("Friday", "on
 * Thursday", "last week") and settings ("in a statement") up to "that" or
 * a comma. With want_that, only a clause opened by "that" counts.
 */
uint32_t nr_quotes__clause_after(const qctx *q, uint32_t i, uint32_t se, const cue *c,
				 bool want_that)
{
	uint32_t j = i;
	if (c->according)
		return 0;
	unsigned classes = nr_quotes__cue_classes(q, c);
	if ((classes & QW_TELL_VERB) && j < se)
		j = skip_addressee(q, j, se);
	/* Times and manner; not a time that owns what follows ("said
	 * Thursday's report was"). */
	uint32_t guard = 0;
	while (j < se && guard++ < 6 && !tposs(q, j + 1) &&
	       (tclass(q, j, QW_TIME) || (tis(q, j, "on") && tclass(q, j + 1, QW_TIME))))
		j++;
	if (j >= se)
		return 0;
	if (tclass(q, j, QW_PREPOSITION) && !tis(q, j, "that") && !skip_setting(q, &j, se))
		return 0;
	if (tpunct(q, j, ',') || tpunct(q, j, ':'))
		j++;
	if (j >= se)
		return 0;
	if (tis(q, j, "that"))
		return j;
	if (want_that || !(classes & QW_CLAUSE_VERB))
		return 0;
	return opens_bare_clause(q, j, se) ? j : 0;
}

/* Last token of a sentence's content: drops the final stop. */
uint32_t nr_quotes__content_end(const qctx *q, uint32_t s_first, uint32_t s_end)
{
	uint32_t e = s_end;
	while (e > s_first + 1 && q->tok[e - 1].kind == NR_TOKEN_PUNCT &&
	       (tpunct(q, e - 1, '.') || tpunct(q, e - 1, ',') || tpunct(q, e - 1, ';') ||
		tpunct(q, e - 1, ':') || tpunct(q, e - 1, ')')))
		e--;
	return e;
}

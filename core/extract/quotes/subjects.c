/*
 * subjects.c - speaker noun phrases: the subject before a speech verb
 * ("Lena Ortiz, a senior analyst, said"), after it ("said the minister"),
 * after "according to", and where a sentence's main clause starts.
 */
#include "extract/quotes/quotes_int.h"

bool nr_quotes__np_word(const qctx *q, uint32_t i)
{
	if (i >= q->ntok)
		return false;
	const nr_token *k = &q->tok[i];
	if (k->kind == NR_TOKEN_PUNCT) {
		/* "al-Qaida-linked" is one token; hyphens alone are not names. */
		return false;
	}
	if (k->kind != NR_TOKEN_WORD)
		return false;
	if (tposs(q, i))
		return true;
	if (tcap(q, i)) {
		/* Capitalised function words at sentence start are not names. */
		return true;
	}
	/* The word classes are asked about the same tokens again and again:
	 * answer once per token. */
	if (!(q->tflags[i] & TF_NOUN_DONE)) {
		q->tflags[i] |= TF_NOUN_DONE;
		if (group_noun(q, i) || tclass(q, i, QW_SPEAKER_MODIFIER) ||
		    tclass(q, i, QW_ROLE_NOUN) || is_title_word(q, i))
			q->tflags[i] |= TF_NOUN;
	}
	return (q->tflags[i] & TF_NOUN) != 0;
}

/* Connectors allowed between capitalised words of one name. */
static bool np_link(const qctx *q, uint32_t i)
{
	return tis(q, i, "of") || tis(q, i, "for") || tis(q, i, "the") || tis(q, i, "and") ||
	       tis(q, i, "de") || tis(q, i, "al") || tis(q, i, "bin") || tis(q, i, "van") ||
	       tis(q, i, "von");
}

/* Does the phrase [s, e) have a head the lexicons accept as a speaker? */
bool nr_quotes__np_ok(const qctx *q, uint32_t s, uint32_t e)
{
	if (s >= e)
		return false;
	uint32_t last = e - 1;
	if (tposs(q, last) || tclass(q, last, QW_DETERMINER) || tclass(q, last, QW_PREPOSITION) ||
	    tclass(q, last, QW_BEFORE_VERB))
		return false;
	/* "Meanwhile" opens a clause; "Officials", "Police" open one as its
	 * subject. */
	if (e - s == 1 && nr_quotes__starter(q, last) && !group_noun(q, last))
		return false;
	if (tcap(q, last) || group_noun(q, last) || is_title_word(q, last))
		return true;
	return false;
}

/* Sentence-initial capitalised words that open a clause, not a name. */
bool nr_quotes__starter(const qctx *q, uint32_t i)
{
	if (!tcap(q, i))
		return false;
	if (tclass(q, i, QW_SUBJECT_PRONOUN) || tclass(q, i, QW_DETERMINER))
		return false;
	uint32_t *f = nr_words__at(q->words, i)->pass + NR_WORD_QUOTES;
	if (!(*f & QW_FW_KNOWN))
		*f |= QW_FW_KNOWN |
		      (nr_words__lookup(q->words, i, NR_LEX_FUNCTION_WORDS) ? QW_FW : 0);
	return (*f & QW_FW) != 0;
}

/* Does a person mention start inside tokens [s, e)? */
static bool person_at(const qctx *q, uint32_t s, uint32_t e)
{
	const nr_article *a = q->a;
	uint32_t bs = q->tok[s].start, be = q->tok[e - 1].end;
	size_t lo = 0, hi = a->nmentions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->mentions[mid].end <= bs)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->nmentions && a->mentions[lo].start < be; lo++)
		if (a->mentions[lo].start >= bs &&
		    a->entities[a->mentions[lo].entity].type == NR_ENTITY_PERSON)
			return true;
	return false;
}

/*
 * A subject set off by commas is reached through the ones before it
 * ("Jean Roux, the foreign minister of France, a permanent member of the
 * Council, said"): each comma asks again, further back. Prose needs two or
 * three; a sentence of ", , , ..." would go as deep as it is long (and
 * overflow the stack), so past SUBJECT_DEPTH there is no subject.
 */
#define SUBJECT_DEPTH 6

static bool subject_back(const qctx *q, uint32_t lo, uint32_t end, int32_t *ss, int32_t *se,
			 unsigned depth);

/* Before a place phrase [s, ...) found as a subject: ", of Ashton,
 * Md.", ", 59, of Ashton": the person named before the age and the home
 * town. Moves *ss and *se there when there is one. */
static void name_before_home(const qctx *q, uint32_t lo, uint32_t s, int32_t *ss, int32_t *se,
			     unsigned depth)
{
	uint32_t stop = s > lo + 12 ? s - 12 : lo;
	bool of = false;
	for (uint32_t c = s; c > stop + 1; c--) {
		uint32_t t = c - 1;
		if (tis(q, t, "of") || tis(q, t, "from")) {
			of = true;
			continue;
		}
		if (q->tok[t].kind == NR_TOKEN_NUMBER || tcap(q, t) || tpunct(q, t, '.'))
			continue;
		if (!tpunct(q, t, ','))
			return;
		int32_t a, b;
		if (of && subject_back(q, lo, t, &a, &b, depth + 1) &&
		    person_at(q, (uint32_t)a, (uint32_t)b)) {
			*ss = a;
			*se = b;
			return;
		}
	}
}

/* A lower-case adverb in -ly ("bluntly", "angrily"): not a noun or
 * adjective in -ly ("the weekly reports", "the assembly said"), nor a
 * word a speaker phrase may hold. */
static bool ly_adverb(const qctx *q, uint32_t i)
{
	size_t n = tlen(q, i);
	const char *w = ttext(q, i);
	return q->tok[i].kind == NR_TOKEN_WORD && n >= 6 && w[n - 2] == 'l' && w[n - 1] == 'y' &&
	       w[0] >= 'a' && w[0] <= 'z' && !tclass(q, i, QW_LY_NOUN) && !nr_quotes__np_word(q, i);
}

/* Back from `end` over what may stand between a subject and its verb:
 * adverbs, auxiliaries and times ("The ministry on Tuesday denied",
 * "Okafor last week said", "The union has always insisted"). */
static uint32_t skip_before_verb(const qctx *q, uint32_t lo, uint32_t end)
{
	uint32_t j = end;
	while (j > lo && (tclass(q, j - 1, QW_BEFORE_VERB) || tpunct(q, j - 1, '-') ||
			  tclass(q, j - 1, QW_TIME) || ly_adverb(q, j - 1) ||
			  (j < end && tis(q, j - 1, "on") && tclass(q, j, QW_TIME))))
		j--;
	return j;
}

/* "Rep. Gwen Moore (D-Wis.) said": party and state aside. */
static uint32_t skip_parenthesis(const qctx *q, uint32_t lo, uint32_t j)
{
	if (!tpunct(q, j - 1, ')'))
		return j;
	uint32_t k = j - 1;
	uint32_t stop = k > lo + 10 ? k - 10 : lo;
	while (k > stop && !tpunct(q, k - 1, '('))
		k--;
	return k > stop && k - 1 > lo ? k - 1 : j;
}

/* Where the stretch ending at the comma c starts: after the comma, quote
 * or period before it, looking back no further than stop. */
static uint32_t comma_stretch_start(const qctx *q, uint32_t c, uint32_t stop)
{
	uint32_t k = c;
	while (k > stop && !tpunct(q, k - 1, ',') && q->tok[k - 1].kind != NR_TOKEN_QUOTE &&
	       !tpunct(q, k - 1, '.'))
		k--;
	return k;
}

/* Two descriptions in a row: "Jean Roux, the foreign minister of France,
 * a permanent member of the Council, said" is Roux speaking, not France.
 * c is the comma before the last description. */
static bool name_before_descriptions(const qctx *q, uint32_t lo, uint32_t stop, uint32_t c,
				     int32_t *ss, int32_t *se, unsigned depth)
{
	uint32_t x = comma_stretch_start(q, c, stop);
	int32_t s2, e2;
	if (!(x > stop && x - 1 > lo && tpunct(q, x - 1, ',') &&
	      (tclass(q, x, QW_DETERMINER) || is_title_word(q, x)) &&
	      subject_back(q, lo, x - 1, &s2, &e2, depth + 1) &&
	      !tclass(q, (uint32_t)s2, QW_SUBJECT_PRONOUN) && tcap(q, (uint32_t)e2 - 1) &&
	      (s2 == (int32_t)lo || !tclass(q, (uint32_t)s2 - 1, QW_PREPOSITION)) &&
	      person_at(q, (uint32_t)s2, (uint32_t)e2)))
		return false;
	*ss = s2;
	*se = e2;
	return true;
}

/* "The state's campaign chairman, Per Lund, said": a role named by the
 * apposition [a0, a1) takes it in. The subject's end, moved or not. */
static int32_t apposition_name_end(const qctx *q, uint32_t a0, uint32_t a1, int32_t e)
{
	bool name = a1 > a0 && a1 - a0 <= 4 && !tcap(q, (uint32_t)e - 1);
	for (uint32_t y = a0; name && y < a1; y++)
		name = tcap(q, y);
	return name && person_at(q, a0, a1) ? (int32_t)a1 : e;
}

/* The subject before an apposition or relative clause that ends at the
 * comma j - 1 ("Lena Ortiz, a senior analyst, said"). */
static bool subject_before_apposition(const qctx *q, uint32_t lo, uint32_t j, int32_t *ss,
				      int32_t *se, unsigned depth)
{
	uint32_t stop = j - 1 > lo + 30 ? j - 1 - 30 : lo;
	uint32_t k = comma_stretch_start(q, j - 1, stop);
	if (!(k > stop && tpunct(q, k - 1, ',') && k - 1 > lo))
		return false;
	if (name_before_descriptions(q, lo, stop, k - 1, ss, se, depth))
		return true;
	int32_t s2, e2;
	if (!subject_back(q, lo, k - 1, &s2, &e2, depth + 1) ||
	    tclass(q, (uint32_t)s2, QW_SUBJECT_PRONOUN))
		return false;
	/* "Ana Lind, 59, of Ashton, Md., who ..., said": an age and a home
	 * town after the name. */
	if (!person_at(q, (uint32_t)s2, (uint32_t)e2))
		name_before_home(q, lo, (uint32_t)s2, &s2, &e2, depth);
	*ss = s2;
	*se = apposition_name_end(q, k, j - 1, e2);
	return true;
}

/* May token i be a lower-case noun modifying a title or a group head
 * ("trade" in "trade commissioner", "harbour" in "the harbour
 * authority")? Not a function word, adverb, verb of speech or anything
 * else the phrase cannot hold. */
static bool modifier_word(const qctx *q, uint32_t i)
{
	if (q->tok[i].kind != NR_TOKEN_WORD || tcap(q, i) || tlen(q, i) < 3)
		return false;
	const char *w = ttext(q, i);
	size_t n = tlen(q, i);
	if (!((w[0] >= 'a' && w[0] <= 'z') || (unsigned char)w[0] >= 0xC0))
		return false; /* "£100m analysts" */
	if ((w[n - 2] == 'l' && w[n - 1] == 'y') || memchr(w, '\'', n) ||
	    memchr(w, (unsigned char)0xE2, n))
		return false;
	cue k;
	if (tclass(q, i, QW_DETERMINER) || tclass(q, i, QW_BEFORE_VERB) || tclass(q, i, QW_TIME) ||
	    tclass(q, i, QW_PREPOSITION) || tclass(q, i, QW_SUBJECT_PRONOUN) ||
	    tclass(q, i, QW_OBJECT_PRONOUN) || tclass(q, i, QW_FINITE) || cue_at(q, i, &k))
		return false;
	return !nr_lexicon__lookup(q->lex, NR_LEX_FUNCTION_WORDS, w, n);
}

/* Lower-case modifiers before the head word at s, at most two, down to
 * limit: "EU trade commissioner Ana Roth" (a title before a name), "the
 * harbour authority", "Ibo traditional elders" (a determiner or a name
 * before them). Where the phrase then starts, or s when they do not
 * belong to it. */
static uint32_t modifiers_before(const qctx *q, uint32_t limit, uint32_t s, uint32_t e)
{
	uint32_t k = s;
	while (k > limit && s - k < 2 && modifier_word(q, k - 1))
		k--;
	if (k == s)
		return s;
	bool head = group_noun(q, e - 1) || is_title_word(q, e - 1);
	if (is_title_word(q, s) && tcap(q, e - 1) && !head)
		return k; /* a title before a name */
	if (head && k > limit && tclass(q, k - 1, QW_DETERMINER) && !tis(q, k - 1, "that"))
		return k; /* "the harbour authority" */
	/* "Ibo traditional elders", "Labour backbench MPs"; not a verb
	 * between two names ("Democrats backed Tory demands"). */
	bool verb = false;
	for (uint32_t i = k; i < s; i++)
		verb |= nr_lexicon__lemma(q->lex, ttext(q, i), tlen(q, i)) != NULL;
	if (head && !verb && k > limit && tcap(q, k - 1) && !nr_quotes__starter(q, k - 1))
		return k;
	return s;
}

/* Where a title of several words that ends at s or after it starts,
 * down to limit ("first minister", "chief executive": their first word
 * may be anything); s when none does. */
static uint32_t title_opening_at(const qctx *q, uint32_t limit, uint32_t s)
{
	for (uint32_t k = 1; k <= 3 && s >= limit + k; k++) {
		uint32_t b = s - k;
		if (q->tok[b].kind != NR_TOKEN_WORD)
			return s;
		nr_lex_match m;
		size_t n = nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, b, &m);
		if (n > k && !m.possessive)
			return b;
	}
	return s;
}

/* The noun phrase ending at j: a name with its titles, a group ("Novak
 * administration officials"), "the minister". */
static bool np_before(const qctx *q, uint32_t lo, uint32_t j, int32_t *ss, int32_t *se)
{
	uint32_t e = j, s = j;
	uint32_t limit = e > lo + 12 ? e - 12 : lo;
	while (s > limit) {
		uint32_t i = s - 1;
		if (nr_quotes__np_word(q, i)) {
			s = i;
			continue;
		}
		uint32_t m = s < e ? title_opening_at(q, limit, s) : s;
		if (m == s && s < e)
			m = modifiers_before(q, limit, s, e);
		if (m < s) {
			s = m;
			continue;
		}
		/* "Secretary of State Anna Petrov", "Institute for the Study of
		 * Trade", "the minister for Europe". */
		if (np_link(q, i) && s < e && (tcap(q, s) || np_link(q, s)) && i > limit &&
		    (tcap(q, i - 1) || np_link(q, i - 1) ||
		     (is_title_word(q, i - 1) && tcap(q, s) &&
		      (tis(q, i, "for") || tis(q, i, "of"))))) {
			s = i;
			continue;
		}
		break;
	}
	while (s < e && np_link(q, s) && !tclass(q, s, QW_DETERMINER))
		s++;
	/* A leading determiner belongs to the phrase as written. */
	if (s > lo && tclass(q, s - 1, QW_DETERMINER) && !tis(q, s - 1, "that"))
		s--;
	if (s >= e)
		return false;
	/* Sentence-initial "However", "Meanwhile" are not part of a name;
	 * "Police officials", "State auditors" keep their modifier. */
	while (s < e - 1 && nr_quotes__starter(q, s) && !tclass(q, s, QW_DETERMINER) &&
	       !(tclass(q, s, QW_SPEAKER_MODIFIER) && !tcap(q, s + 1)))
		s++;
	if (!nr_quotes__np_ok(q, s, e))
		return false;
	/* A lone capitalised starter ("Meanwhile said") is not a subject;
	 * a group noun is ("Officials said"). */
	if (e - s == 1 && nr_quotes__starter(q, s) && !group_noun(q, s))
		return false;
	*ss = (int32_t)s;
	*se = (int32_t)e;
	return true;
}

/*
 * The subject ending right before token `end` (exclusive), looking back no
 * further than `lo`: a pronoun, a name with its titles, a group ("Novak
 * administration officials"), "the minister"; an apposition set off by
 * commas ("Lena Ortiz, a senior analyst,") is skipped to reach the
 * name before it, at most SUBJECT_DEPTH commas back. Returns false when
 * there is none.
 */
static bool subject_back(const qctx *q, uint32_t lo, uint32_t end, int32_t *ss, int32_t *se,
			 unsigned depth)
{
	if (end <= lo || depth > SUBJECT_DEPTH)
		return false;
	uint32_t j = skip_before_verb(q, lo, end);
	if (j <= lo)
		return false;
	j = skip_parenthesis(q, lo, j);
	if (tclass(q, j - 1, QW_SUBJECT_PRONOUN)) {
		*ss = (int32_t)(j - 1);
		*se = (int32_t)j;
		return true;
	}
	if (tpunct(q, j - 1, ','))
		return subject_before_apposition(q, lo, j, ss, se, depth);
	return np_before(q, lo, j, ss, se);
}

bool nr_quotes__subject_before(const qctx *q, uint32_t lo, uint32_t end, int32_t *ss, int32_t *se)
{
	return subject_back(q, lo, end, ss, se, 0);
}

/*
 * The subject starting at token `s` (inversion: "said the minister",
 * "said Michael Brandt, a professor"), up to `hi`.
 */
bool nr_quotes__subject_after(const qctx *q, uint32_t s, uint32_t hi, int32_t *ss, int32_t *se)
{
	if (s >= hi)
		return false;
	if (tclass(q, s, QW_SUBJECT_PRONOUN)) {
		*ss = (int32_t)s;
		*se = (int32_t)s + 1;
		return true;
	}
	uint32_t e = s;
	if (tclass(q, e, QW_DETERMINER))
		e++;
	uint32_t limit = s + 12 < hi ? s + 12 : hi;
	/* "said 9/11 widow Terry Strada", "said longtime aide Jo Marsh". */
	{
		uint32_t k = e;
		while (k < limit && k < e + 3 && !tcap(q, k) &&
		       (q->tok[k].kind == NR_TOKEN_NUMBER ||
			(q->tok[k].kind == NR_TOKEN_WORD && !tclass(q, k, QW_PREPOSITION) &&
			 !tclass(q, k, QW_DETERMINER) && !tclass(q, k, QW_BEFORE_VERB) &&
			 !tis(q, k, "who") && !tis(q, k, "that") &&
			 !tclass(q, k, QW_SUBJECT_PRONOUN) && !tclass(q, k, QW_OBJECT_PRONOUN))))
			k++;
		if (k > e && k < limit && tcap(q, k))
			e = k;
	}
	while (e < limit) {
		if (nr_quotes__np_word(q, e)) {
			e++;
			continue;
		}
		if (np_link(q, e) && e + 1 < limit && tcap(q, e + 1) && e > s) {
			e++;
			continue;
		}
		break;
	}
	/* Trailing links are not part of the name. */
	while (e > s && np_link(q, e - 1))
		e--;
	if (!nr_quotes__np_ok(q, s, e))
		return false;
	*ss = (int32_t)s;
	*se = (int32_t)e;
	return true;
}

/* The source after "according to": any noun phrase up to a comma or the
 * end of the sentence ("the port authority", "customs officials"). */
bool nr_quotes__according_np(const qctx *q, uint32_t s, uint32_t hi, int32_t *ss, int32_t *se)
{
	uint32_t e = s, lim = s + 15 < hi ? s + 15 : hi;
	while (e < lim && q->tok[e].kind != NR_TOKEN_QUOTE &&
	       !(q->tok[e].kind == NR_TOKEN_PUNCT && !tpunct(q, e, '-') && !tpunct(q, e, '&')))
		e++;
	if (e >= lim && lim < hi)
		return false;
	if (e == s || (e - s == 1 && tclass(q, s, QW_DETERMINER)))
		return false;
	*ss = (int32_t)s;
	*se = (int32_t)e;
	return true;
}

/* Where the subject of sentence s may start: after an opening adverbial
 * ("In an interview with X on Friday, ...", "During his tour, ..."). */
uint32_t nr_quotes__subject_start(const qctx *q, uint32_t s)
{
	uint32_t f = sent_first(q, s), e = sent_end(q, s);
	uint32_t i = f;
	while (i < e && q->tok[i].kind == NR_TOKEN_QUOTE)
		i++;
	if (!tclass(q, i, QW_PREPOSITION) && !tis(q, i, "although") && !tis(q, i, "though") &&
	    !tis(q, i, "since") && !tis(q, i, "because") && !tis(q, i, "if") &&
	    !tis(q, i, "should") && !tis(q, i, "unless") && !tis(q, i, "once"))
		return f;
	for (uint32_t k = i + 1; k < e && k < i + 30; k++) {
		if (q->tok[k].kind == NR_TOKEN_QUOTE)
			return f;
		if (tpunct(q, k, ','))
			return k + 1;
	}
	return f;
}

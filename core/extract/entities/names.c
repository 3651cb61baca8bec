/*
 * names.c - which words make up a name: a capitalised word where capitals
 * are reliable or vouched for, initials, particles ("al", "van") and the
 * connectors of organisation names ("of", "for"); where a capitalised run
 * ends; and whether a hyphenated word is one name ("Ki-moon") or a
 * compound to take apart ("Washington-based").
 */
#include "entities_int.h"

/* "P." or "J.R.": initials. */
static bool is_initials(const ctx *x, size_t i)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	if (n < 2 || n % 2)
		return false;
	for (size_t k = 0; k < n; k += 2)
		if (s[k] < 'A' || s[k] > 'Z' || s[k + 1] != '.')
			return false;
	return true;
}

/* Initials before a capitalised word open a person's name anywhere. */
bool nr_ent__initials_name(const ctx *x, size_t i, size_t lim)
{
	return is_initials(x, i) && i + 1 < lim && x->toks[i + 1].kind == NR_TOKEN_WORD &&
	       (x->tf[i + 1] & TF_CAP) && !(x->tf[i + 1] & TF_USED) && !is_initials(x, i + 1);
}

/*
 * A sentence's first word that is also a verb ("Ban", "Will", "Hope")
 * opens a name when reliably capitalised words follow it and the run is
 * then said to speak or is described: "Ban Ki-moon said", "Will Ostrander,
 * the mayor,". Otherwise it is the verb ("Ban Smoking in Parks").
 */
static bool verb_opens_name(const ctx *x, size_t i)
{
	if (!(x->tf[i] & TF_INITIAL))
		return false;
	size_t j = i + 1, end = x->cur_se;
	while (j < end && j < i + 4 && x->toks[j].kind == NR_TOKEN_WORD &&
	       (x->tf[j] & (TF_CAP | TF_UNRELIABLE | TF_USED)) == TF_CAP && !is_calendar(x, j))
		j++;
	if (j == i + 1 || j >= end)
		return false;
	if (tok_is(x, j, ",") && j + 1 < end)
		return tok_is(x, j + 1, "the") || tok_is(x, j + 1, "a") || tok_is(x, j + 1, "an") ||
		       tok_is(x, j + 1, "who");
	return tok_is(x, j, "said") || tok_is(x, j, "says") || tok_is(x, j, "told") ||
	       tok_is(x, j, "added");
}

/* "I'm", "I'll", "I’ve": "I" and a contraction of one or two lower-case
 * letters. */
static bool first_person_i(const char *s, size_t n)
{
	size_t a;
	if (n >= 2 && s[0] == 'I' && s[1] == '\'')
		a = 2;
	else if (n >= 4 && s[0] == 'I' && memcmp(s + 1, "\xE2\x80\x99", 3) == 0)
		a = 4;
	else
		return false;
	if (n - a > 2)
		return false;
	for (size_t k = a; k < n; k++)
		if (s[k] < 'a' || s[k] > 'z')
			return false;
	return true;
}

/*
 * A word that can be part of a name here: capitalised and, where capitals
 * are unreliable, vouched for by a reliable use elsewhere or a lexicon.
 * nr_ent__name_word() has checked that it is a capitalised word no
 * mention took.
 */
bool nr_ent__name_word_slow(const ctx *x, size_t i)
{
	if (is_initials(x, i))
		return true;
	if ((x->tf[i] & TF_HYPHEN) && nr_ent__hyphen_split(x, i))
		return false; /* "Washington-based", "U.S.-Pakistani" */
	if (is_calendar(x, i))
		return false;
	if (x->tf[i] & TF_UNRELIABLE) {
		if (is_fw(x, i))
			return false;
		if (x->tf[i] & TF_ALLCAPS) {
			/* In an ALL-CAPS line only a reliable use vouches. */
			return nr_ent__capset_has_tok(x, i);
		}
		if (nr_ent__capset_has_tok(x, i))
			return true;
		if (facts(x, i) & LX_VERB)
			return verb_opens_name(x, i);
		if (is_first_name(x, i))
			return true;
		/* "Jansher Khan beat ...": a sentence's first word before a
		 * reliably capitalised one. */
		size_t j = i + 1;
		/* "Stoke 4 3 1 0": the label of a row in a table of figures. */
		if ((x->tf[i] & TF_INITIAL) && j < x->cur_se &&
		    x->toks[j].kind == NR_TOKEN_NUMBER && x->cur_numbers >= 3)
			return true;
		if ((x->tf[i] & TF_INITIAL) && j < x->a->ntokens &&
		    x->toks[j].kind == NR_TOKEN_WORD &&
		    (x->tf[j] & (TF_CAP | TF_UNRELIABLE | TF_USED)) == TF_CAP && !is_calendar(x, j))
			return true;
		return false;
	}
	if (tok_n(x, i) == 1)
		return false;                             /* "I", "A", list letters */
	return !first_person_i(tok_s(x, i), tok_n(x, i)); /* "I'm", "I’ll", not "I'Anson" */
}

/* Lower-case words allowed inside a name ("Abu Bakr al Baghdadi"). */
static bool particle(const ctx *x, size_t i)
{
	size_t n = tok_n(x, i);
	if ((x->tf[i] & TF_CAP) || n < 2 || n > 5 || x->toks[i].kind != NR_TOKEN_WORD)
		return false;
	return ascii_letters(tok_s(x, i), n) && (facts(x, i) & LX_PARTICLE);
}

static bool connector(const ctx *x, size_t i)
{
	return tok_is(x, i, "of") || tok_is(x, i, "for") || tok_is(x, i, "on") || tok_is(x, i, "&");
}

/*
 * The capitalised run starting at i (i itself a name word): name words,
 * particles between them, and "of/for/on [the]" before more name words
 * (kept only for organisations). *plain is the end before any connector.
 * A run is asked for at each of its words that no mention takes (a
 * lexicon name inside it takes only its own words), so its length is
 * bounded: a sentence of "U.S. U.S. ..." would cost its square.
 */
size_t nr_ent__run_end(const ctx *x, size_t i, size_t lim, size_t *plain)
{
	size_t j = i + 1;
	*plain = 0;
	if (lim - i > RUN_MAX)
		lim = i + RUN_MAX;
	while (j < lim) {
		if (nr_ent__name_word(x, j)) {
			j++;
			continue;
		}
		if (particle(x, j) && j + 1 < lim && nr_ent__name_word(x, j + 1)) {
			j += 2;
			continue;
		}
		/* "Department for Trade and Industry": "and" only inside a
		 * name that opens with an organisation cue. */
		if ((connector(x, j) || (tok_is(x, j, "and") && *plain && is_cue(x, i, true))) &&
		    j + 1 < lim) {
			size_t k = j + 1;
			if (tok_is(x, k, "the") && k + 1 < lim)
				k++;
			if (nr_ent__name_word(x, k)) {
				if (!*plain)
					*plain = j;
				j = k + 1;
				continue;
			}
		}
		break;
	}
	if (!*plain)
		*plain = j;
	return j;
}

/*
 * "Ki-moon", "Jae-in", "Geun-hye": a given name of two short syllables
 * joined by a hyphen, not a word with a suffix ("Washington-based") or a
 * prefix ("Anti-war", "Pro-government").
 */
static bool syllable_name(const ctx *x, const char *first, size_t fl, const char *second, size_t sl)
{
	if (fl < 2 || fl > 5 || sl < 2 || sl > 5 || first[0] < 'A' || first[0] > 'Z')
		return false;
	for (size_t k = 1; k < fl; k++)
		if (first[k] < 'a' || first[k] > 'z')
			return false;
	for (size_t k = 0; k < sl; k++)
		if (second[k] < 'a' || second[k] > 'z')
			return false;
	return !nr_ent__in_word_class(x, first, fl, "ent_compound_prefix");
}

/*
 * Is a hyphenated word a compound to take apart ("U.S.-Pakistani",
 * "Washington-based") rather than a name ("Jean-Michel", "Ata-ur-Rehman")?
 */
bool nr_ent__hyphen_split(const ctx *x, size_t i)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	const char *h = memchr(s, '-', n);
	if (!h)
		return false;
	const char *last = s + n;
	while (last > s && last[-1] != '-')
		last--;
	size_t fl = (size_t)(h - s);
	if (last < s + n && *last >= 'a' && *last <= 'z')
		return !syllable_name(x, s, fl, last, (size_t)(s + n - last));
	return nr_lexicon__lookup(x->lex, NR_LEX_COUNTRIES, s, fl) ||
	       nr_lexicon__lookup(x->lex, NR_LEX_ORGANIZATIONS, s, fl) ||
	       nr_lexicon__lookup(x->lex, NR_LEX_LOCATIONS, s, fl) || !(x->tf[i] & TF_CAP);
}

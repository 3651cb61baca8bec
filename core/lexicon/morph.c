/*
 * morph.c - English verb morphology: the regular forms a verb row leaves
 * out, and lemmas of verb forms, from the lexicons or by spelling rules.
 */
#include "lexicon/lexicon_int.h"

#include <stdio.h>
#include <string.h>

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* One vowel group and consonant-vowel-consonant at the end: "stop",
 * "ban", not "say", "fix", "need" or "visit". */
static bool doubles_final(const char *w, size_t n)
{
	if (n < 3)
		return false;
	char c = w[n - 1];
	if (is_vowel(c) || c == 'w' || c == 'x' || c == 'y')
		return false;
	if (!is_vowel(w[n - 2]) || is_vowel(w[n - 3]))
		return false;
	size_t groups = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1])))
			groups++;
	}
	return groups == 1;
}

/* out = the first n bytes of w, then `c` when not NUL, then `suffix`, cut
 * to 63 bytes as snprintf would (a form is built for every verb row the
 * built-ins have: this is on the path of every process's start). */
static void form(char out[64], const char *w, size_t n, char c, const char *suffix)
{
	size_t len = n < 63 ? n : 63;
	memcpy(out, w, len);
	if (c && len < 63)
		out[len++] = c;
	for (; *suffix && len < 63; suffix++)
		out[len++] = *suffix;
	out[len] = '\0';
}

/* Regular English inflection: 3sg, past (= past participle), -ing. */
void nr_lexicon__inflect(const char *w, char out[4][64])
{
	size_t n = strlen(w);
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	/* 3sg */
	if (last == 's' || last == 'x' || last == 'z' ||
	    (last == 'h' && (prev == 'c' || prev == 's')) || (last == 'o' && !is_vowel(prev)))
		form(out[0], w, n, 0, "es");
	else if (last == 'y' && !is_vowel(prev))
		form(out[0], w, n - 1, 0, "ies");
	else
		form(out[0], w, n, 0, "s");
	/* past */
	bool doubles = doubles_final(w, n);
	if (last == 'e')
		form(out[1], w, n, 0, "d");
	else if (last == 'y' && !is_vowel(prev))
		form(out[1], w, n - 1, 0, "ied");
	else
		form(out[1], w, n, doubles ? last : 0, "ed");
	memcpy(out[2], out[1], 64);
	/* -ing */
	if (last == 'e' && prev == 'i')
		form(out[3], w, n - 2, 0, "ying");
	else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o' && n > 2)
		form(out[3], w, n - 1, 0, "ing");
	else
		form(out[3], w, n, doubles ? last : 0, "ing");
}

/* The lemma of word[0..len), whose record p is (NULL: none). */
static const char *lemma_memo(const nr_lexicon_set *s, memo *p, const char *word, size_t len)
{
	/* One look-up for both lexicons: this runs for nearly every word of
	 * an article. The first entry of each lexicon is what a look-up in
	 * that lexicon alone would give. */
	if (p && (p->known & MEMO_LEMMA))
		return p->lemma;
	const nr_lex_entry *all[32], *e = NULL, *v = NULL;
	size_t n = p ? (p->lexmask & (nr_lexicon__lex_bit(NR_LEX_SPEECH_VERBS) |
				      nr_lexicon__lex_bit(NR_LEX_VERBS))
			    ? nr_lexicon__memo_lookup(p, NR_LEX_ANY, word, len, all,
						      NR_ARRAY_LEN(all))
			    : 0)
		     : nr_lexicon__lookup_all(s, NR_LEX_ANY, word, len, all, NR_ARRAY_LEN(all));
	for (size_t i = 0; i < n && i < NR_ARRAY_LEN(all); i++) {
		if (all[i]->lexicon == NR_LEX_SPEECH_VERBS && !e)
			e = all[i];
		else if (all[i]->lexicon == NR_LEX_VERBS && !v)
			v = all[i];
	}
	if ((!e || *e->extra) && v)
		e = v;
	const char *lemma = e && !*e->extra ? e->canonical : NULL;
	if (p) {
		p->lemma = lemma;
		p->known |= MEMO_LEMMA;
	}
	return lemma;
}

const char *nr_lexicon__lemma(const nr_lexicon_set *s, const char *word, size_t len)
{
	return lemma_memo(s, nr_lexicon__memo_get(s, word, len), word, len);
}

const char *nr_lexicon__word_lemma(const nr_lexicon_set *s, nr_lex_word *w)
{
	return lemma_memo(s, w, w->raw, w->rlen);
}

static bool ends_with(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* After stripping -ed/-ing: undo doubling ("stopp" -> "stop") or restore
 * an e ("mak" -> "make") by the usual spelling patterns. */
static size_t restore_stem(char *w, size_t n)
{
	if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && w[n - 1] != 'l' &&
	    w[n - 1] != 's' && w[n - 1] != 'z' && w[n - 1] != 'f')
		return n - 1;
	/* Restore the silent e that -ed/-ing took away, by the endings that
	 * English verbs with one have: -ve, -ze, -ue, -ce, -rge, -ange/-enge,
	 * -ate, -yse, -ise, -use, consonant + le, and one-syllable CVC stems
	 * ("hop(e)d"; a doubled consonant was undone above). */
	if (n >= 2) {
		char c = w[n - 1], p = w[n - 2];
		char pp = n >= 3 ? w[n - 3] : 0;
		bool add_e = false;
		if (c == 'v' || c == 'u' || (c == 'z' && p != 'z'))
			add_e = true;
		else if (c == 'c')
			add_e = is_vowel(p) || p == 'n' || p == 'r';
		else if (c == 'g')
			add_e = p == 'r' || p == 'd' ||
				(p == 'n' && (pp == 'a' || pp == 'e') && n >= 5);
		else if (n >= 3 && !is_vowel(c) && c != 'w' && c != 'x' && c != 'y' &&
			 is_vowel(p) && p != 'e' && doubles_final(w, n))
			add_e = true;
		else if ((c == 't' && p == 'a' && n >= 5) || (c == 's' && p == 'y') ||
			 (c == 's' && p == 'i' && n >= 6) || (c == 's' && p == 'u'))
			add_e = true;
		else if (c == 'l' && (p == 'b' || p == 't' || p == 'k' || p == 'd' || p == 'p' ||
				      p == 'g' || p == 'z' || p == 'c'))
			add_e = true;
		if (add_e) {
			w[n] = 'e';
			return n + 1;
		}
	}
	return n;
}

size_t nr_lexicon__lemma_guess(const char *word, size_t len, char *out, size_t cap)
{
	char w[LEX_MAXKEY + 2];
	size_t n = nr_lexicon__fold(word, len, w, sizeof(w) - 1);
	if (n == SIZE_MAX)
		return 0;
	if (n > 4 && ends_with(w, n, "ies")) {
		n -= 3;
		w[n++] = 'y';
	} else if (n > 4 && ends_with(w, n, "ied")) {
		n -= 3;
		w[n++] = 'y';
	} else if (n > 4 &&
		   (ends_with(w, n, "sses") || ends_with(w, n, "ches") || ends_with(w, n, "shes") ||
		    ends_with(w, n, "xes") || ends_with(w, n, "zzes"))) {
		n -= 2;
	} else if (n > 3 && ends_with(w, n, "oes")) {
		n -= 2;
	} else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		   w[n - 2] != 'i') {
		n -= 1;
	} else if (n > 4 && ends_with(w, n, "eed")) {
		/* "agreed", "freed": drop the d only */
		n -= 1;
	} else if (n > 3 && ends_with(w, n, "ed")) {
		n = restore_stem(w, n - 2);
	} else if (n > 4 && ends_with(w, n, "ing")) {
		n = restore_stem(w, n - 3);
	}
	if (n + 1 > cap)
		return 0;
	memcpy(out, w, n);
	out[n] = '\0';
	return n;
}

size_t nr_lexicon__lemma_into(const nr_lexicon_set *s, const char *word, size_t len, char *out,
			      size_t cap)
{
	const char *l = nr_lexicon__lemma(s, word, len);
	if (l) {
		size_t n = strlen(l);
		if (n + 1 > cap)
			return 0;
		memcpy(out, l, n + 1);
		return n;
	}
	return nr_lexicon__lemma_guess(word, len, out, cap);
}

/* check_lexicon.c - built-in lexicons, lookups, matching, lemmas, user
 * additions, and a strict parse of every compiled-in data file. */
#include "testutil.h"

#include "lexicon/lexicon.h"
#include "lexicon/lexicon_int.h"
#include "newsrules.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nr_lexicon_set *set;

static void setup(void)
{
	nr_buf err = NR_BUF_INIT;
	int rc = nr_lexicon__set_new(&set, NULL, &err);
	if (rc != NR_OK)
		fprintf(stderr, "lexicon: %s\n", err.data ? err.data : "?");
	ck_assert_int_eq(rc, NR_OK);
	nr_buf__free(&err);
}

static void teardown(void)
{
	nr_lexicon__set_free(set);
	set = NULL;
}

static const nr_lex_entry *look(int lex, const char *s)
{
	return nr_lexicon__lookup(set, lex, s, strlen(s));
}

static const char *country(const char *s)
{
	const nr_lex_entry *e = nr_lexicon__country(set, s, strlen(s));
	return e ? e->canonical : "(none)";
}

static const char *lemma(const char *s)
{
	const char *l = nr_lexicon__lemma(set, s, strlen(s));
	return l ? l : "(none)";
}

static const char *guess(const char *s)
{
	static char buf[64];
	if (!nr_lexicon__lemma_guess(s, strlen(s), buf, sizeof(buf)))
		return "(none)";
	return buf;
}

/* Tokenise on spaces and around . , ' so matching sees split tokens the
 * way a segmenter might produce them. */
static size_t toks(const char *text, nr_token *out, size_t cap)
{
	size_t n = 0, i = 0, len = strlen(text);
	while (i < len && n < cap) {
		if (text[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		if (text[i] == '.' || text[i] == ',') {
			j = i + 1;
		} else {
			while (j < len && text[j] != ' ' && text[j] != '.' && text[j] != ',')
				j++;
		}
		out[n].start = (uint32_t)i;
		out[n].end = (uint32_t)j;
		out[n].kind = NR_TOKEN_WORD;
		n++;
		i = j;
	}
	return n;
}

/* Every data file parses strictly: right column count, known enums,
 * no duplicate forms, no stray spaces, a final newline. The loader is
 * strict for built-ins, so building them is the check; here we also
 * feed each file through the same loader as user data to prove that the
 * error path reports a file and line for a broken row. */
START_TEST(data_files_strict)
{
	ck_assert_uint_ge(nr_lexicon__nblobs, NR_LEX_BUILTIN_COUNT);
	for (int i = 0; i < NR_LEX_BUILTIN_COUNT; i++) {
		/* persons ships empty: users fill it. */
		if (i != NR_LEX_PERSONS)
			ck_assert_uint_gt(nr_lexicon__rows(set, i), 0);
		ck_assert_uint_ge(nr_lexicon__forms(set, i), nr_lexicon__rows(set, i));
	}
	ck_assert_uint_eq(nr_lexicon__rows(set, NR_LEX_PERSONS), 0);
	/* Every compiled file is a known lexicon. */
	for (size_t i = 0; i < nr_lexicon__nblobs; i++) {
		const nr_lex_blob *b = &nr_lexicon__blobs[i];
		ck_assert_msg(nr_lexicon__id(set, b->name) >= 0 &&
				  nr_lexicon__id(set, b->name) < NR_LEX_BUILTIN_COUNT,
			      "unexpected data file %s", b->name);
		ck_assert_uint_gt(b->len, 0);
		ck_assert_int_eq(b->data[b->len], 0);
		/* Tab-separated, no CR, no trailing blanks, no empty lines
		 * in the middle of data (comment lines are fine). */
		const char *d = (const char *)b->data;
		size_t line = 1;
		for (size_t k = 0; k < b->len; k++) {
			ck_assert_msg(d[k] != '\r', "%s:%zu: CR", b->name, line);
			if (d[k] == '\n') {
				ck_assert_msg(k == 0 || (d[k - 1] != ' '), "%s:%zu: trailing space",
					      b->name, line);
				line++;
			}
		}
	}
	ck_assert_uint_ge(nr_lexicon__rows(set, NR_LEX_COUNTRIES), 195);
}
END_TEST

/* The built-in data with one file replaced; returns the build's result. */
static int build_with(const char *name, const char *data, nr_buf *err)
{
	nr_lex_blob blobs[32];
	size_t n = 0;
	for (size_t i = 0; i < nr_lexicon__nblobs && n < 32; i++) {
		blobs[n] = nr_lexicon__blobs[i];
		if (strcmp(blobs[n].name, name) == 0) {
			blobs[n].data = (const unsigned char *)data;
			blobs[n].len = strlen(data);
		}
		n++;
	}
	nr_lexicon_builtins *b = NULL;
	err->len = 0;
	int rc = nr_lexicon__builtins_from(&b, blobs, n, err);
	nr_lexicon__builtins_release(b);
	return rc;
}

START_TEST(strict_build_refuses_bad_data)
{
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(build_with("first_names", "Ann\tf\nBob\tm\n", &err), NR_OK);
	ck_assert_int_eq(build_with("first_names", "Ann\tf\nANN\tf\n", &err), NR_EPARSE);
	ck_assert_str_eq(err.data, "first_names.tsv:2: duplicate form 'ANN' (for 'ANN')");
	ck_assert_int_eq(build_with("first_names", "Ann\tf\nAnn\tm\n", &err), NR_EPARSE);
	ck_assert_int_eq(build_with("first_names", "Ann\tf\nBob\tm", &err), NR_EPARSE);
	ck_assert_str_eq(err.data, "first_names.tsv: no newline at end of file");
	ck_assert_int_eq(build_with("first_names", "Ann \tf\n", &err), NR_EPARSE);
	ck_assert(strstr(err.data, "surrounding spaces") != NULL);
	ck_assert_int_eq(build_with("first_names", "Ann\tf\r\n", &err), NR_EPARSE);
	ck_assert_int_eq(build_with("first_names", "# c\n\t\n", &err), NR_EPARSE);
	ck_assert_int_eq(build_with("first_names", "Ann\tq\n", &err), NR_EPARSE);
	ck_assert_int_eq(build_with("first_names", "Ann\tf\tx\n", &err), NR_EPARSE);
	ck_assert_int_eq(build_with("titles", "Sen.\tyes\tlegislator\tSen.|\n", &err), NR_EPARSE);
	ck_assert_str_eq(err.data, "titles.tsv:1: empty item in a '|' list");
	ck_assert_int_eq(build_with("countries", "Atlantis\tAT\tAT1\t\t\t\n", &err), NR_EPARSE);
	ck_assert_int_eq(build_with("speech_verbs", "say\tassertive\t\tsays|said\n", &err),
			 NR_EPARSE);
	ck_assert_int_eq(
	    build_with("government_actors", "Elysee\tFrance\texecutive\tÉlysée\n", &err),
	    NR_OK); /* a fold-equal variant in one row is harmless */
	ck_assert_int_eq(build_with("government_actors",
				    "Elysee\tFrance\texecutive\t\nÉlysée\tFrance\texecutive\t\n",
				    &err),
			 NR_EPARSE); /* an accent is no new meaning */
	/* Same name, different countries: two meanings. */
	ck_assert_int_eq(
	    build_with("locations", "Tripoli\tcity\tLibya\t\nTripoli\tcity\tLebanon\t\n", &err),
	    NR_OK);
	ck_assert_int_eq(build_with("locations", "Gotham\tcity\tGotham Land\t\n", &err), NR_EPARSE);
	ck_assert_str_eq(err.data, "locations.tsv:1: unknown country 'Gotham Land'");
	nr_buf__free(&err);
}
END_TEST

START_TEST(strict_errors_name_line)
{
	nr_buf err = NR_BUF_INIT;
	/* A user row for titles with a bad official flag. */
	int rc = nr_lexicon__load(set, "titles", "# ok\nWarden\tmaybe\tlaw\t\n", 22, "mine.tsv",
				  &err);
	ck_assert_int_eq(rc, NR_EPARSE);
	ck_assert_str_eq(err.data, "mine.tsv:2: official must be yes, no or depends, not 'maybe'");
	err.len = 0;
	rc = nr_lexicon__add(set, "countries", "Atlantis\tAT", &err);
	ck_assert_int_eq(rc, NR_EPARSE);
	ck_assert_str_eq(err.data, "<row>:1: 2 columns, a row of countries needs at least 3 "
				   "(name iso2 iso3 capital demonyms aliases)");
	err.len = 0;
	rc = nr_lexicon__add(set, "first_names", "Ann\tf\tx", &err);
	ck_assert_int_eq(rc, NR_EPARSE);
	ck_assert_str_eq(err.data, "<row>:1: 3 columns, first_names takes 2 (name gender)");
	err.len = 0;
	rc = nr_lexicon__add(set, "locations", "Gotham\tcity\tNowhere Land\t", &err);
	ck_assert_int_eq(rc, NR_EPARSE);
	ck_assert(strstr(err.data, "unknown country 'Nowhere Land'") != NULL);
	err.len = 0;
	rc = nr_lexicon__add(set, "Bad Name", "x", &err);
	ck_assert_int_eq(rc, NR_EINVAL);
	nr_buf__free(&err);
}
END_TEST

static int count_form(const nr_lex_entry *e, void *payload)
{
	size_t *n = payload;
	/* Every entry is well formed. */
	ck_assert(e->phrase[0] && e->canonical[0]);
	ck_assert_ptr_nonnull(e->cls);
	ck_assert_ptr_nonnull(e->fields);
	(*n)++;
	return 0;
}

static int stop_at_three(const nr_lex_entry *e, void *payload)
{
	size_t *n = payload;
	(void)e;
	return ++*n == 3 ? 7 : 0;
}

START_TEST(foreach_walks_every_form)
{
	size_t total = 0;
	for (int i = 0; i < NR_LEX_BUILTIN_COUNT; i++) {
		size_t n = 0;
		ck_assert_int_eq(nr_lexicon__foreach(set, i, count_form, &n), 0);
		ck_assert_uint_eq(n, nr_lexicon__forms(set, i));
		total += n;
	}
	size_t all = 0;
	nr_lexicon__foreach(set, NR_LEX_ANY, count_form, &all);
	ck_assert_uint_eq(all, total);
	size_t k = 0;
	ck_assert_int_eq(nr_lexicon__foreach(set, NR_LEX_ANY, stop_at_three, &k), 7);
	ck_assert_uint_eq(k, 3);
}
END_TEST

START_TEST(countries_and_demonyms)
{
	ck_assert_str_eq(country("Pakistani"), "Pakistan");
	ck_assert_str_eq(country("pakistanis"), "Pakistan");
	ck_assert_str_eq(country("American"), "United States");
	ck_assert_str_eq(country("U.S."), "United States");
	ck_assert_str_eq(country("US"), "United States");
	ck_assert_str_eq(country("United  States"), "United States");
	ck_assert_str_eq(country("America"), "United States");
	ck_assert_str_eq(country("British"), "United Kingdom");
	ck_assert_str_eq(country("U.K."), "United Kingdom");
	ck_assert_str_eq(country("Britain"), "United Kingdom");
	ck_assert_str_eq(country("Iran"), "Iran");
	ck_assert_str_eq(country("Afghan"), "Afghanistan");
	ck_assert_str_eq(country("Türkiye"), "Turkey");
	ck_assert_str_eq(country("TURKIYE"), "Turkey");
	ck_assert_str_eq(country("Côte d’Ivoire"), "Ivory Coast");
	ck_assert_str_eq(country("burma"), "Myanmar");
	/* Exact-case forms: the pronoun is not the country. */
	ck_assert_str_eq(country("us"), "(none)");
	ck_assert_str_eq(country("Us"), "(none)");
	const nr_lex_entry *e = nr_lexicon__country(set, "Pakistan", 8);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->fields[1], "PK");
	ck_assert_str_eq(e->fields[2], "PAK");
	ck_assert_str_eq(e->extra, "Islamabad");
	e = nr_lexicon__country_by_code(set, "DEU");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->canonical, "Germany");
	ck_assert_ptr_nonnull(nr_lexicon__country_by_code(set, "fr"));
	ck_assert_ptr_null(nr_lexicon__country_by_code(set, "QQ"));
	/* Ambiguity stays visible: both Congos answer to "Congolese". */
	const nr_lex_entry *all[4];
	ck_assert_uint_eq(nr_lexicon__lookup_all(set, NR_LEX_COUNTRIES, "Congolese", 9, all, 4), 2);
}
END_TEST

START_TEST(titles)
{
	const nr_lex_entry *e = nr_lexicon__title(set, "Sen.", 4);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->canonical, "Senator");
	ck_assert_int_eq(e->official, NR_OFFICIAL_YES);
	ck_assert_str_eq(e->cls, "legislator");
	e = look(NR_LEX_TITLES, "lt. col.");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->canonical, "Lieutenant Colonel");
	e = look(NR_LEX_TITLES, "Senior Analyst");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->official, NR_OFFICIAL_NO);
	ck_assert_str_eq(e->cls, "expert");
	e = look(NR_LEX_TITLES, "spokeswoman");
	ck_assert_int_eq(e->official, NR_OFFICIAL_DEPENDS);
	e = look(NR_LEX_TITLES, "Chairman of the Joint Chiefs of Staff");
	ck_assert_int_eq(e->official, NR_OFFICIAL_YES);
	e = look(NR_LEX_TITLES, "Foreign Minister");
	ck_assert_str_eq(e->cls, "minister");
	e = look(NR_LEX_TITLES, "Dr.");
	ck_assert_str_eq(e->cls, "honorific");
	e = look(NR_LEX_TITLES, "Adm.");
	ck_assert_str_eq(e->canonical, "Admiral");
	ck_assert_str_eq(look(NR_LEX_TITLES, "Gen.")->canonical, "General");
	ck_assert_int_eq(look(NR_LEX_TITLES, "CEO")->official, NR_OFFICIAL_NO);
	ck_assert_ptr_null(look(NR_LEX_TITLES, "ceo")); /* exact-case form */
	ck_assert_int_eq(look(NR_LEX_TITLES, "director")->official, NR_OFFICIAL_DEPENDS);
}
END_TEST

START_TEST(organizations_and_actors)
{
	const nr_lex_entry *e = look(NR_LEX_ORGANIZATIONS, "NATO");
	ck_assert_str_eq(e->canonical, "North Atlantic Treaty Organization");
	ck_assert_str_eq(look(NR_LEX_ORGANIZATIONS, "al Qaeda")->canonical, "al-Qaida");
	ck_assert_str_eq(look(NR_LEX_ORGANIZATIONS, "ISI")->country, "Pakistan");
	ck_assert_ptr_nonnull(look(NR_LEX_ORGANIZATIONS, "WHO"));
	ck_assert_ptr_null(look(NR_LEX_ORGANIZATIONS, "who"));
	e = look(NR_LEX_GOV_ACTORS, "white house");
	ck_assert_str_eq(e->country, "United States");
	ck_assert_str_eq(e->cls, "executive");
	ck_assert_str_eq(look(NR_LEX_GOV_ACTORS, "Kremlin")->country, "Russia");
	ck_assert_str_eq(look(NR_LEX_GOV_ACTORS, "Downing Street")->country, "United Kingdom");
	ck_assert_str_eq(look(NR_LEX_ORG_CUES, "Corp.")->canonical, "Corporation");
	ck_assert_str_eq(look(NR_LEX_ORG_CUES, "Network")->cls, "suffix");
	ck_assert_str_eq(look(NR_LEX_ORGANIZATIONS, "Pakistani Taliban")->canonical,
			 "Tehrik-i-Taliban Pakistan");
	ck_assert_str_eq(look(NR_LEX_ORGANIZATIONS, "Daesh")->canonical, "Islamic State");
	ck_assert_str_eq(look(NR_LEX_ORGANIZATIONS, "Hezbollah")->cls, "militant");
	ck_assert_ptr_null(look(NR_LEX_ORGANIZATIONS, "labour")); /* the word, not the party */
	ck_assert_str_eq(look(NR_LEX_GOV_ACTORS, "Foggy Bottom")->canonical, "State Department");
}
END_TEST

START_TEST(speech_verbs_and_lemmas)
{
	ck_assert_str_eq(lemma("said"), "say");
	ck_assert_str_eq(lemma("Says"), "say");
	ck_assert_str_eq(lemma("denies"), "deny");
	ck_assert_str_eq(lemma("denied"), "deny");
	ck_assert_str_eq(lemma("called"), "call");
	ck_assert_str_eq(lemma("told"), "tell");
	ck_assert_str_eq(lemma("written"), "write");
	ck_assert_str_eq(lemma("admitted"), "admit");
	ck_assert_str_eq(lemma("criticised"), "criticise");
	ck_assert_str_eq(lemma("urging"), "urge");
	ck_assert_str_eq(lemma("were"), "be");
	ck_assert_str_eq(lemma("went"), "go");
	ck_assert_str_eq(lemma("stopped"), "stop");
	ck_assert_str_eq(lemma("qwertyed"), "(none)");
	const nr_lex_entry *e = look(NR_LEX_SPEECH_VERBS, "accused");
	ck_assert_str_eq(e->cls, "accuse");
	ck_assert_str_eq(e->form, "past");
	e = look(NR_LEX_SPEECH_VERBS, "called on");
	ck_assert_str_eq(e->canonical, "call");
	ck_assert_str_eq(e->extra, "on");
	ck_assert_str_eq(e->cls, "demand");
	ck_assert_ptr_null(look(NR_LEX_SPEECH_VERBS, "called"));
	ck_assert_str_eq(look(NR_LEX_SPEECH_VERBS, "threatens")->cls, "threaten");
	ck_assert_str_eq(look(NR_LEX_SPEECH_VERBS, "rejecting")->cls, "deny");
	ck_assert_str_eq(look(NR_LEX_SPEECH_VERBS, "vowed")->cls, "promise");
	ck_assert_str_eq(look(NR_LEX_SPEECH_VERBS, "asked")->cls, "question");
	e = look(NR_LEX_SPEECH_VERBS, "ruled  OUT");
	ck_assert_str_eq(e->cls, "deny");
	ck_assert_str_eq(e->form, "past");
	ck_assert_str_eq(look(NR_LEX_SPEECH_VERBS, "shrugging off")->canonical, "shrug");
	/* The rule-based guesser for verbs no lexicon holds. */
	ck_assert_str_eq(guess("frobnicated"), "frobnicate");
	ck_assert_str_eq(guess("hoped"), "hope");
	ck_assert_str_eq(guess("hopped"), "hop");
	ck_assert_str_eq(guess("worries"), "worry");
	ck_assert_str_eq(guess("pushes"), "push");
	ck_assert_str_eq(guess("walked"), "walk");
	ck_assert_str_eq(guess("walking"), "walk");
	ck_assert_str_eq(guess("making"), "make");
	ck_assert_str_eq(guess("agreed"), "agree");
	ck_assert_str_eq(guess("tweets"), "tweet");
	ck_assert_str_eq(guess("analysed"), "analyse");
	ck_assert_str_eq(guess("caused"), "cause");
	static const char *const pairs[][2] = {
		{ "forced", "force" },          { "charged", "charge" },   { "changed", "change" },
		{ "challenging", "challenge" }, { "belonged", "belong" },  { "buzzed", "buzz" },
		{ "handled", "handle" },        { "debated", "debate" },   { "stated", "state" },
		{ "visited", "visit" },         { "opened", "open" },      { "moving", "move" },
		{ "pledged", "pledge" },        { "produced", "produce" }, { "rained", "rain" },
		{ "wanted", "want" },           { "taking", "take" },      { "saying", "say" },
	};
	for (size_t i = 0; i < NR_ARRAY_LEN(pairs); i++)
		ck_assert_str_eq(guess(pairs[i][0]), pairs[i][1]);
	char buf[32];
	ck_assert_uint_eq(nr_lexicon__lemma_into(set, "said", 4, buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "say");
	ck_assert_uint_gt(nr_lexicon__lemma_into(set, "blogged", 7, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "blog");
}
END_TEST

START_TEST(every_speech_verb_has_a_lemma)
{
	/* The lemma of every single-word speech-verb form is its lemma. */
	const nr_lex_blob *b = NULL;
	for (size_t i = 0; i < nr_lexicon__nblobs; i++) {
		if (strcmp(nr_lexicon__blobs[i].name, "speech_verbs") == 0)
			b = &nr_lexicon__blobs[i];
	}
	ck_assert_ptr_nonnull(b);
	const char *d = (const char *)b->data;
	size_t checked = 0;
	for (const char *p = d; *p; p = strchr(p, '\n') + 1) {
		if (*p != '#') {
			const char *tab = strchr(p, '\t');
			char l[64];
			snprintf(l, sizeof(l), "%.*s", (int)(tab - p), p);
			ck_assert_msg(strcmp(lemma(l), l) == 0, "lemma of %s is %s", l, lemma(l));
			checked++;
		}
		if (!strchr(p, '\n'))
			break;
	}
	ck_assert_uint_gt(checked, 100);
}
END_TEST

START_TEST(names_places_function_words)
{
	ck_assert_int_eq(nr_lexicon__gender(set, "John", 4), 'm');
	ck_assert_int_eq(nr_lexicon__gender(set, "MARY", 4), 'f');
	ck_assert_int_eq(nr_lexicon__gender(set, "Xqzt", 4), 0);
	ck_assert_ptr_nonnull(look(NR_LEX_LOCATIONS, "europe"));
	const nr_lex_entry *e = look(NR_LEX_LOCATIONS, "Islamabad");
	ck_assert_str_eq(e->country, "Pakistan");
	ck_assert_str_eq(e->cls, "city");
	ck_assert(nr_lexicon__is_function_word(set, "The", 3));
	ck_assert(nr_lexicon__is_function_word(set, "however", 7));
	ck_assert(!nr_lexicon__is_function_word(set, "Pakistan", 8));
	ck_assert(strstr(look(NR_LEX_FUNCTION_WORDS, "Meanwhile")->cls, "starter"));
	ck_assert_str_eq(look(NR_LEX_FUNCTION_WORDS, "According to")->cls, "attribution");
	ck_assert_str_eq(look(NR_LEX_FUNCTION_WORDS, "may")->cls, "auxiliary|month");
}
END_TEST

START_TEST(places)
{
	const nr_lex_entry *e = look(NR_LEX_LOCATIONS, "Gaza Strip");
	ck_assert_str_eq(e->canonical, "Gaza");
	ck_assert_str_eq(e->country, "Palestine");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "West Bank")->cls, "territory");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Kashmir")->cls, "territory");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Crimea")->country, "Ukraine");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Mideast")->canonical, "Middle East");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Calif.")->canonical, "California");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Kiev")->canonical, "Kyiv");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "bombay")->canonical, "Mumbai");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Sao Paulo")->canonical, "São Paulo");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Waziristan")->cls, "region");
	ck_assert_uint_eq(look(NR_LEX_LOCATIONS, "North Waziristan")->nwords, 2);
	/* A name in several lexicons answers from each. */
	const nr_lex_entry *all[8];
	size_t n = nr_lexicon__lookup_all(set, NR_LEX_ANY, "Georgia", 7, all, 8);
	ck_assert_uint_ge(n, 3); /* country, US state, a first name */
	/* Every capital is a city of its country, listed or derived. */
	size_t checked = 0;
	for (char a = 'A'; a <= 'Z'; a++) {
		for (char c = 'A'; c <= 'Z'; c++) {
			char code[3] = { a, c, 0 };
			const nr_lex_entry *ce = nr_lexicon__country_by_code(set, code);
			if (!ce || !*ce->extra)
				continue;
			const nr_lex_entry *cities[8];
			size_t k = nr_lexicon__lookup_all(set, NR_LEX_LOCATIONS, ce->extra,
							  strlen(ce->extra), cities, 8);
			bool found = false;
			for (size_t j = 0; j < k && j < 8; j++)
				found = found || strcmp(cities[j]->country, ce->canonical) == 0;
			ck_assert_msg(found, "capital %s of %s", ce->extra, ce->canonical);
			checked++;
		}
	}
	ck_assert_uint_ge(checked, 230);
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "Funafuti")->country, "Tuvalu");
}
END_TEST

typedef struct worker {
	nr_lexicon_builtins *b;
	size_t hits;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	nr_lexicon_set *s;
	if (nr_lexicon__set_new(&s, w->b, NULL) != NR_OK)
		return NULL;
	static const char *const words[] = { "said", "Pakistani", "White House", "Gen.",
					     "Zorblat" };
	for (int i = 0; i < 20000; i++) {
		const char *x = words[i % 5];
		w->hits += nr_lexicon__lookup(s, NR_LEX_ANY, x, strlen(x)) != NULL;
	}
	nr_lexicon__set_free(s);
	return NULL;
}

START_TEST(threads_share_builtins)
{
	nr_lexicon_builtins *b;
	ck_assert_int_eq(nr_lexicon__builtins_new(&b, NULL), NR_OK);
	pthread_t t[4];
	worker w[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (worker){ b, 0 };
		ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		ck_assert_uint_eq(w[i].hits, 16000);
	}
	nr_lexicon__builtins_release(b);
}
END_TEST

START_TEST(abbreviations)
{
	static const char *const yes[] = { "Gen.", "sen.",  "Lt.",  "Mr.",  "Dr.",      "Calif.",
					   "U.S.", "Corp.", "Inc.", "Rev.", "Maj. Gen." };
	for (size_t i = 0; i < NR_ARRAY_LEN(yes); i++)
		ck_assert_msg(nr_lexicon__is_abbreviation(set, yes[i], strlen(yes[i])), "%s",
			      yes[i]);
	static const char *const no[] = { "dog.", "said.", "Gen", ".", "" };
	for (size_t i = 0; i < NR_ARRAY_LEN(no); i++)
		ck_assert_msg(!nr_lexicon__is_abbreviation(set, no[i], strlen(no[i])), "%s", no[i]);
}
END_TEST

/* Rows of exact-case forms that differ only in case are two words; the
 * same exact form twice, or an exact and a folded one, still repeat. */
START_TEST(exact_case_rows)
{
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(build_with("word_classes", "=Asked\tx\n=asked\ty\n", &err), NR_OK);
	ck_assert_int_eq(build_with("word_classes", "=asked\tx\n=asked\ty\n", &err), NR_EPARSE);
	ck_assert_ptr_nonnull(strstr(err.data, "word_classes.tsv:2: duplicate form"));
	ck_assert_int_eq(build_with("word_classes", "=Asked\tx\nasked\ty\n", &err), NR_OK);
	nr_buf__free(&err);
}
END_TEST

START_TEST(word_sets)
{
	nr_wordset ws;
	nr_wordset__init(&ws);
	ck_assert(nr_wordset__add(&ws, "No", 2, true, 1));
	ck_assert(nr_wordset__add(&ws, "no", 2, false, 2));
	ck_assert(nr_wordset__add(&ws, "No", 2, true, 4)); /* the same word: bits join */
	ck_assert(!nr_wordset__add(&ws, "", 0, false, 1));
	ck_assert_uint_eq(ws.nwords, 2);
	ck_assert_uint_eq(nr_wordset__get(&ws, "No", 2), 7);
	ck_assert_uint_eq(nr_wordset__get(&ws, "NO", 2), 2);
	ck_assert_uint_eq(nr_wordset__get(&ws, "nO", 2), 2);
	ck_assert_uint_eq(nr_wordset__get(&ws, "n", 1), 0);
	ck_assert_uint_eq(nr_wordset__get(&ws, "", 0), 0);
	/* Only ASCII letters fold. */
	ck_assert(nr_wordset__add(&ws, "\xc3\xa9t\xc3\xa9", 6, false, 8));
	ck_assert_uint_eq(nr_wordset__get(&ws, "\xc3\xa9T\xc3\xa9", 6), 8);
	ck_assert_uint_eq(nr_wordset__get(&ws, "\xc3\x89t\xc3\xa9", 6), 0);
	/* Many words: the slots grow and every word is still found. */
	char w[16];
	for (int i = 0; i < 1000; i++) {
		snprintf(w, sizeof(w), "w%d", i);
		ck_assert(nr_wordset__add(&ws, w, strlen(w), i % 2, 16));
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(w, sizeof(w), "W%d", i);
		ck_assert_uint_eq(nr_wordset__get(&ws, w, strlen(w)), i % 2 ? 0 : 16);
		ck_assert_uint_eq(nr_wordset__get(&ws, w + 1, strlen(w + 1)), 0);
	}
	nr_wordset__free(&ws);
	ck_assert_uint_eq(nr_wordset__get(&ws, "No", 2), 0);
	nr_wordset__free(NULL);
}
END_TEST

/* The word set a stage without a lexicon set builds from word_classes.tsv. */
START_TEST(class_sets)
{
	static const char *const cls[] = { "weekday", "abbr_numeric", "sentence_opener",
					   "saying_verb" };
	nr_wordset ws;
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_lexicon__class_set(&ws, cls, 4, &err), NR_OK);
	ck_assert_uint_eq(nr_wordset__get(&ws, "Monday", 6), 1); /* any case */
	ck_assert_uint_eq(nr_wordset__get(&ws, "MONDAY", 6), 1);
	ck_assert_uint_eq(nr_wordset__get(&ws, "No.", 3), 2); /* '=': this case only */
	ck_assert_uint_eq(nr_wordset__get(&ws, "no.", 3), 0);
	ck_assert_uint_eq(nr_wordset__get(&ws, "Asked", 5), 4);
	ck_assert_uint_eq(nr_wordset__get(&ws, "asked", 5), 8);
	ck_assert_uint_eq(nr_wordset__get(&ws, "Gen.", 4), 0); /* a class not asked for */
	nr_wordset__free(&ws);
	/* A class the data lacks is an error, not an empty class. */
	static const char *const typo[] = { "weekday", "no_such_class" };
	ck_assert_int_eq(nr_lexicon__class_set(&ws, typo, 2, &err), NR_EPARSE);
	ck_assert_ptr_nonnull(strstr(err.data, "'no_such_class'"));
	ck_assert_uint_eq(ws.nwords, 0);
	ck_assert_int_eq(nr_lexicon__class_set(&ws, cls, 0, &err), NR_EINVAL);
	nr_buf__free(&err);
}
END_TEST

START_TEST(longest_match_over_tokens)
{
	const char *text =
	    "The U.S. Secretary of State met White House aides in Pakistan's capital.";
	nr_token t[64];
	size_t n = toks(text, t, 64);
	nr_lex_match m;
	/* "U" "." "S" "." join without spaces. */
	ck_assert_uint_eq(nr_lexicon__match(set, NR_LEX_COUNTRIES, text, t, n, 1, &m), 4);
	ck_assert_str_eq(m.entry->canonical, "United States");
	/* Longest: "Secretary of State", not "Secretary". */
	ck_assert_uint_eq(nr_lexicon__match(set, NR_LEX_TITLES, text, t, n, 5, &m), 3);
	ck_assert_str_eq(m.entry->canonical, "Secretary of State");
	ck_assert_uint_eq(nr_lexicon__match(set, NR_LEX_GOV_ACTORS, text, t, n, 9, &m), 2);
	ck_assert_str_eq(m.entry->country, "United States");
	/* Possessive dropped. */
	ck_assert_uint_eq(nr_lexicon__match(set, NR_LEX_COUNTRIES, text, t, n, 13, &m), 1);
	ck_assert(m.possessive);
	ck_assert_str_eq(m.entry->canonical, "Pakistan");
	/* No title at "met" (a verb form, so some lexicon knows it). */
	ck_assert_uint_eq(nr_lexicon__match(set, NR_LEX_TITLES, text, t, n, 8, &m), 0);
	ck_assert_ptr_null(m.entry);
}
END_TEST

START_TEST(user_additions)
{
	nr_buf err = NR_BUF_INIT;
	/* A new word list. */
	ck_assert_int_eq(
	    nr_lexicon__load(set, "watch_words",
			     "# mine\nsmuggling ring\ncross-border raid\tincursion\n\n", 51, "mine",
			     &err),
	    NR_OK);
	int id = nr_lexicon__id(set, "watch_words");
	ck_assert_int_ge(id, NR_LEX_BUILTIN_COUNT);
	ck_assert_str_eq(nr_lexicon__name(set, id), "watch_words");
	ck_assert_uint_eq(nr_lexicon__rows(set, id), 2);
	const nr_lex_entry *e = look(id, "Cross-Border   Raid");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->canonical, "incursion");
	ck_assert(e->flags & NR_LEXF_USER);
	/* An addition to a built-in lexicon, in its format. */
	ck_assert_int_eq(
	    nr_lexicon__add(set, "titles", "Grand Vizier\tyes\tminister\tVizier", &err), NR_OK);
	ck_assert_str_eq(nr_lexicon__title(set, "vizier", 6)->canonical, "Grand Vizier");
	ck_assert_int_eq(
	    nr_lexicon__add(set, "countries", "Pakistan\tPK\tPAK\tIslamabad\t\tPak", &err), NR_OK);
	ck_assert_str_eq(country("Pak"), "Pakistan");
	ck_assert_int_eq(nr_lexicon__add(set, "first_names", "Zorblat\tf", &err), NR_OK);
	ck_assert_int_eq(nr_lexicon__gender(set, "zorblat", 7), 'f');
	/* Repeats are no-ops; a second set does not see this one's words. */
	ck_assert_int_eq(nr_lexicon__add(set, "watch_words", "smuggling ring", &err), NR_OK);
	ck_assert_uint_eq(nr_lexicon__forms(set, id), 2);
	nr_lexicon_set *other;
	ck_assert_int_eq(nr_lexicon__set_new(&other, NULL, &err), NR_OK);
	ck_assert_int_eq(nr_lexicon__id(other, "watch_words"), -1);
	ck_assert_int_eq(nr_lexicon__gender(other, "Zorblat", 7), 0);
	nr_lexicon__set_free(other);
	nr_buf__free(&err);
}
END_TEST

START_TEST(shared_builtins)
{
	nr_buf err = NR_BUF_INIT;
	nr_lexicon_builtins *b;
	ck_assert_int_eq(nr_lexicon__builtins_new(&b, &err), NR_OK);
	nr_lexicon_set *a, *c;
	ck_assert_int_eq(nr_lexicon__set_new(&a, b, &err), NR_OK);
	ck_assert_int_eq(nr_lexicon__set_new(&c, b, &err), NR_OK);
	nr_lexicon__builtins_release(b); /* the sets keep it alive */
	ck_assert_ptr_eq(nr_lexicon__lookup(a, NR_LEX_COUNTRIES, "France", 6),
			 nr_lexicon__lookup(c, NR_LEX_COUNTRIES, "France", 6));
	ck_assert_int_eq(nr_lexicon__add(a, "org_cues", "Kombinat\tsuffix\t", &err), NR_OK);
	ck_assert_ptr_nonnull(nr_lexicon__lookup(a, NR_LEX_ORG_CUES, "Kombinat", 8));
	ck_assert_ptr_null(nr_lexicon__lookup(c, NR_LEX_ORG_CUES, "Kombinat", 8));
	nr_lexicon__set_free(a);
	nr_lexicon__set_free(c);
	nr_buf__free(&err);
}
END_TEST

START_TEST(load_file)
{
	nr_buf err = NR_BUF_INIT;
	size_t before = nr_lexicon__rows(set, NR_LEX_LOCATIONS);
	ck_assert_int_eq(
	    nr_lexicon__load_file(set, "locations", NR_FIXTURES "/lexicon/my_places.tsv", &err),
	    NR_OK);
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "springfield, ill.")->canonical, "Springfield");
	ck_assert_str_eq(look(NR_LEX_LOCATIONS, "New Carthage")->country, "Tunisia");
	ck_assert_uint_eq(nr_lexicon__rows(set, NR_LEX_LOCATIONS), before + 2);
	ck_assert_int_eq(
	    nr_lexicon__load_file(set, "locations", NR_FIXTURES "/lexicon/missing.tsv", &err),
	    NR_EIO);
	ck_assert(strstr(err.data, "missing.tsv") != NULL);
	nr_buf__free(&err);
}
END_TEST

START_TEST(fold_and_limits)
{
	char out[64];
	ck_assert_uint_eq(nr_lexicon__fold("  São   PAULO ", 14, out, sizeof(out)), 9);
	ck_assert_str_eq(out, "sao paulo");
	ck_assert_uint_eq(nr_lexicon__fold("Łódź", strlen("Łódź"), out, sizeof(out)), 4);
	ck_assert_str_eq(out, "lodz");
	ck_assert_uint_eq(nr_lexicon__fold("Straße", strlen("Straße"), out, sizeof(out)), 7);
	ck_assert_str_eq(out, "strasse");
	ck_assert_uint_eq(nr_lexicon__fold("abcdef", 6, out, 4), SIZE_MAX);
	/* Over-long and invalid input just misses. */
	char big[1000];
	memset(big, 'a', sizeof(big));
	ck_assert_ptr_null(nr_lexicon__lookup(set, NR_LEX_ANY, big, sizeof(big)));
	ck_assert_ptr_null(nr_lexicon__lookup(set, NR_LEX_ANY, "\xff\xfe", 2));
	ck_assert_ptr_null(nr_lexicon__lookup(set, NR_LEX_ANY, "", 0));
}
END_TEST

START_TEST(hostile_rows)
{
	nr_buf err = NR_BUF_INIT;
	/* Pseudo-random bytes, tabs and bars: errors are fine, crashes not. */
	char data[4096];
	uint32_t x = 12345;
	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof(data); i++) {
			x = x * 1103515245u + 12345u;
			unsigned v = (x >> 16) & 0xFF;
			data[i] = v < 40   ? '\t'
				  : v < 60 ? '|'
				  : v < 70 ? '\n'
				  : v < 75 ? '='
					   : (char)v;
		}
		static const char *const lex[] = { "countries", "titles",         "speech_verbs",
						   "verbs",     "function_words", "junk" };
		int rc = nr_lexicon__load(set, lex[round % 6], data, sizeof(data), "fuzz", &err);
		ck_assert(rc == NR_OK || rc == NR_EPARSE);
		err.len = 0;
	}
	/* A very long row and a very long verb. */
	char *big = malloc(100000);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', 99999);
	big[99999] = '\0';
	ck_assert_int_eq(nr_lexicon__add(set, "junk", big, &err), NR_EPARSE);
	ck_assert_int_eq(nr_lexicon__add(set, "verbs", big, &err), NR_EPARSE);
	free(big);
	ck_assert_int_eq(nr_lexicon__add(set, "speech_verbs", "say\tassertive\t\ta|b", &err),
			 NR_EPARSE);
	ck_assert_int_eq(nr_lexicon__add(set, "junk", "two\nlines", &err), NR_EINVAL);
	nr_buf__free(&err);
}
END_TEST

/* Every lookup through a view agrees with the set, asked once or again,
 * including exact-case forms, possessives, phrases and user additions. */
static void same_answers(const nr_lexicon_set *view, const char *text)
{
	nr_token t[64];
	size_t n = toks(text, t, 64);
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < n; i++) {
			const char *w = text + t[i].start;
			size_t wn = t[i].end - t[i].start;
			for (int lex = NR_LEX_ANY; lex < nr_lexicon__count(set); lex++) {
				const nr_lex_entry *a[16], *b[16];
				size_t na = nr_lexicon__lookup_all(set, lex, w, wn, a, 16);
				size_t nb = nr_lexicon__lookup_all(view, lex, w, wn, b, 16);
				ck_assert_uint_eq(na, nb);
				for (size_t k = 0; k < na && k < 16; k++)
					ck_assert_ptr_eq(a[k], b[k]);
				nr_lex_match ma, mb;
				ck_assert_uint_eq(nr_lexicon__match(set, lex, text, t, n, i, &ma),
						  nr_lexicon__match(view, lex, text, t, n, i, &mb));
				ck_assert_ptr_eq(ma.entry, mb.entry);
				ck_assert_uint_eq(ma.ntokens, mb.ntokens);
				ck_assert_int_eq(ma.possessive, mb.possessive);
			}
			ck_assert_ptr_eq(nr_lexicon__lemma(set, w, wn),
					 nr_lexicon__lemma(view, w, wn));
			ck_assert_ptr_eq(nr_lexicon__country(set, w, wn),
					 nr_lexicon__country(view, w, wn));
			ck_assert_int_eq(nr_lexicon__gender(set, w, wn),
					 nr_lexicon__gender(view, w, wn));
			/* The same questions asked of the view's record of the
			 * word (extract/words.c asks them so). */
			nr_lex_word *rec = nr_lexicon__word(view, w, wn);
			ck_assert_ptr_nonnull(rec);
			ck_assert_ptr_eq(nr_lexicon__word(view, w, wn), rec);
			for (int lex = NR_LEX_ANY; lex < nr_lexicon__count(set); lex++) {
				const nr_lex_entry *a[16], *b[16];
				size_t na = nr_lexicon__lookup_all(set, lex, w, wn, a, 16);
				size_t nb = nr_lexicon__word_may_hold(rec, lex)
						? nr_lexicon__word_all(rec, lex, b, 16)
						: 0;
				ck_assert_uint_eq(na, nb);
				for (size_t k = 0; k < na && k < 16; k++)
					ck_assert_ptr_eq(a[k], b[k]);
				if (lex >= 0)
					ck_assert_int_eq(
					    nr_lexicon__may_start(set, lex, w, wn),
					    nr_lexicon__word_may_start(view, rec, lex));
				nr_lex_match ma, mb;
				ck_assert_uint_eq(
				    nr_lexicon__match(set, lex, text, t, n, i, &ma),
				    nr_lexicon__match_word(view, lex, text, t, n, i, rec, &mb));
				ck_assert_ptr_eq(ma.entry, mb.entry);
			}
			ck_assert_ptr_eq(nr_lexicon__lemma(set, w, wn),
					 nr_lexicon__word_lemma(view, rec));
			const nr_lex_entry *rows[NR_LEX_CLASS_ROWS];
			size_t nrows = nr_lexicon__lookup_all(set, NR_LEX_WORD_CLASSES, w, wn, rows,
							      NR_LEX_CLASS_ROWS);
			uint64_t classes = 0;
			for (size_t k = 0; k < nrows && k < NR_LEX_CLASS_ROWS; k++)
				classes |= rows[k]->classes_;
			ck_assert_uint_eq(nr_lexicon__word_classes(rec), classes);
			/* Two- and three-word phrases as one look-up. */
			for (size_t k = i + 1; k < n && k < i + 3; k++) {
				const nr_lex_entry *a = nr_lexicon__lookup(set, NR_LEX_ANY, w,
									   t[k].end - t[i].start);
				const nr_lex_entry *b = nr_lexicon__lookup(view, NR_LEX_ANY, w,
									   t[k].end - t[i].start);
				ck_assert_ptr_eq(a, b);
			}
		}
	}
}

START_TEST(views_answer_as_the_set)
{
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_lexicon__add(set, "watch_words", "Smuggling Ring", &err), NR_OK);
	ck_assert_int_eq(nr_lexicon__add(set, "watch_words", "=RAID", &err), NR_OK);
	nr_buf__free(&err);
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_lexicon_set *view = nr_lexicon__view(set, &arena, 4);
	ck_assert_ptr_ne(view, set);
	/* A view of a view is itself. */
	ck_assert_ptr_eq(nr_lexicon__view(view, &arena, 4), view);
	same_answers(view, "The U.S. Secretary of State said the US and us met White "
			   "House aides in Pakistan's capital. WHO who Who said, denies, "
			   "called on SÃO  paulo. A smuggling ring's RAID raid Raid.");
	same_answers(view, "Mr Blair told the BBC\xe2\x80\x99s Today: Łódź, Straße, "
			   "\xff\xfe, Gen. Sen. Corp. claimed warned stopped hoping.");
	/* More phrases than the first table holds, and one too long to fold. */
	char word[16], big[600];
	for (int i = 0; i < 3000; i++) {
		snprintf(word, sizeof(word), "w%dx", i);
		ck_assert_ptr_null(nr_lexicon__lookup(view, NR_LEX_ANY, word, strlen(word)));
	}
	ck_assert_ptr_nonnull(nr_lexicon__lookup(view, NR_LEX_COUNTRIES, "France", 6));
	memset(big, 'a', sizeof(big));
	ck_assert_ptr_null(nr_lexicon__lookup(view, NR_LEX_ANY, big, sizeof(big)));
	ck_assert_ptr_null(nr_lexicon__lookup(view, NR_LEX_ANY, big, 200));
	/* Text too long to be a key has no entries; a set that is no view
	 * keeps no records. */
	ck_assert(!nr_lexicon__word_may_hold(nr_lexicon__word(view, big, sizeof(big)), NR_LEX_ANY));
	ck_assert_ptr_null(nr_lexicon__word(set, "said", 4));
	nr_arena__free(&arena);
}
END_TEST

/* A record's word classes are bits of the class names of word_classes,
 * as many as the rows it has. */
START_TEST(word_class_bits)
{
	uint64_t time = nr_lexicon__class_bit(set, "q_time");
	uint64_t pron = nr_lexicon__class_bit(set, "q_subject_pronoun");
	ck_assert_uint_ne(time, 0);
	ck_assert_uint_ne(pron, 0);
	ck_assert_uint_ne(time, pron);
	ck_assert_uint_eq(nr_lexicon__class_bit(set, "no_such_class"), 0);
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_lexicon_set *view = nr_lexicon__view(set, &arena, 4);
	ck_assert(nr_lexicon__word_classes(nr_lexicon__word(view, "yesterday", 9)) & time);
	ck_assert(nr_lexicon__word_classes(nr_lexicon__word(view, "she", 3)) & pron);
	ck_assert_uint_eq(nr_lexicon__word_classes(nr_lexicon__word(view, "Okafor", 6)), 0);
	nr_arena__free(&arena);
	/* A user row of a class the data has gets its bit; a new class none. */
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_lexicon__add(set, "word_classes", "tonite\tq_time|my_class", &err),
			 NR_OK);
	nr_buf__free(&err);
	nr_arena__init(&arena);
	view = nr_lexicon__view(set, &arena, 4);
	ck_assert_uint_eq(nr_lexicon__word_classes(nr_lexicon__word(view, "tonite", 6)), time);
	ck_assert_uint_eq(nr_lexicon__class_bit(set, "my_class"), 0);
	nr_arena__free(&arena);
}
END_TEST

/* Threads analysing with one lexicon: more of them than it keeps warm
 * views, so some make views of their own; all find what one thread alone
 * finds. */
typedef struct analyst {
	const nr_lexicon *lex;
	const char *text;
	size_t entities, quotes, statements;
	int rc;
} analyst;

static void *analyse_often(void *p)
{
	analyst *an = p;
	for (int round = 0; round < 20 && !an->rc; round++) {
		nr_article *a = NULL;
		an->rc = nr_article_from_text(&a, an->text, strlen(an->text), NULL);
		if (!an->rc)
			an->rc = nr_article_analyze(a, an->lex);
		if (!an->rc && round == 19) {
			an->entities = nr_article_entity_count(a);
			an->quotes = nr_article_quote_count(a);
			an->statements = nr_article_statement_count(a);
		}
		nr_article_free(a);
	}
	return NULL;
}

START_TEST(threads_share_warm_views)
{
	const char *text = "Foreign Minister Ana Duarte accused Borduria of arming the rebels. "
			   "\"We will not accept this,\" she told reporters in Lisbon on Friday. "
			   "The ministry denied the report, officials said.";
	nr_lexicon *lex;
	ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK);
	analyst alone = { lex, text, 0, 0, 0, 0 };
	analyse_often(&alone);
	ck_assert_int_eq(alone.rc, NR_OK);
	ck_assert_uint_gt(alone.entities, 0);
	ck_assert_uint_gt(alone.quotes, 0);
	ck_assert_uint_gt(alone.statements, 0);
	enum { N = 6 };
	pthread_t t[N];
	analyst an[N];
	for (int i = 0; i < N; i++) {
		an[i] = (analyst){ lex, text, 0, 0, 0, 0 };
		ck_assert_int_eq(pthread_create(&t[i], NULL, analyse_often, &an[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(an[i].rc, NR_OK);
		ck_assert_uint_eq(an[i].entities, alone.entities);
		ck_assert_uint_eq(an[i].quotes, alone.quotes);
		ck_assert_uint_eq(an[i].statements, alone.statements);
	}
	nr_lexicon_free(lex);
}
END_TEST

/*
 * A lexicon keeps a few views warm between analyses: a view borrowed
 * again remembers its records and the facts users kept on them; one
 * borrowed while all are out is a fresh one of the caller's; a view made
 * before an addition is made afresh.
 */
START_TEST(warm_views)
{
	nr_lexicon *lex;
	ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK);
	nr_arena arena;
	nr_arena__init(&arena);
	int slot[5];
	const nr_lexicon_set *v = nr_lexicon__borrow_view(lex, &arena, 16, &slot[0]);
	ck_assert_int_ge(slot[0], 0);
	nr_lex_word *rec = nr_lexicon__word(v, "Zorblat", 7);
	ck_assert_ptr_nonnull(rec);
	nr_lexicon__word_facts(rec)[1] = 42;
	nr_lexicon__give_back(lex, slot[0]);
	ck_assert_ptr_eq(nr_lexicon__borrow_view(lex, &arena, 16, &slot[0]), v);
	ck_assert_ptr_eq(nr_lexicon__word(v, "Zorblat", 7), rec);
	ck_assert_uint_eq(nr_lexicon__word_facts(rec)[1], 42);
	/* While it is out, others get other views; past the warm ones, the
	 * caller's own. */
	const nr_lexicon_set *others[4];
	for (int i = 1; i < 5; i++) {
		others[i - 1] = nr_lexicon__borrow_view(lex, &arena, 16, &slot[i]);
		ck_assert_ptr_ne(others[i - 1], v);
		ck_assert_ptr_null(nr_lexicon__word_lemma(
		    others[i - 1], nr_lexicon__word(others[i - 1], "Zorblat", 7)));
	}
	ck_assert_int_lt(slot[4], 0);
	for (int i = 0; i < 5; i++)
		nr_lexicon__give_back(lex, slot[i]);
	/* An addition makes the views made before it stale. */
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_lexicon__add(lex->set, "first_names", "Zorblat\tf", &err), NR_OK);
	nr_buf__free(&err);
	v = nr_lexicon__borrow_view(lex, &arena, 16, &slot[0]);
	rec = nr_lexicon__word(v, "Zorblat", 7);
	ck_assert_uint_eq(nr_lexicon__word_facts(rec)[1], 0);
	ck_assert_ptr_nonnull(nr_lexicon__word_all(rec, NR_LEX_FIRST_NAMES, NULL, 0) ? rec : NULL);
	nr_lexicon__give_back(lex, slot[0]);
	nr_arena__free(&arena);
	nr_lexicon_free(lex);
}
END_TEST

/*
 * An analysis's marks on records, and whether a record is one of its
 * tokens (nr_lexicon__words marks it seen), read back only under its
 * generation; seen is no mark a user reads.
 */
START_TEST(marks_and_seen_by_generation)
{
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_lexicon_set *v = nr_lexicon__view(set, &arena, 16);
	const char *text = "Aldo met Bea";
	nr_token toks[3] = { { 0, 4, NR_TOKEN_WORD },
			     { 5, 8, NR_TOKEN_WORD },
			     { 9, 12, NR_TOKEN_WORD } };
	nr_lex_word *rec[3];
	uint32_t g1 = nr_lexicon__view_generation(v);
	ck_assert(nr_lexicon__words(v, text, toks, 2, g1, rec));
	nr_lex_word *bea = nr_lexicon__word(v, "Bea", 3);
	ck_assert(nr_lexicon__word_seen(rec[0], g1));
	ck_assert(!nr_lexicon__word_seen(bea, g1));
	ck_assert_uint_eq(nr_lexicon__word_marks(rec[0], g1), 0);
	nr_lexicon__word_mark(rec[0], g1, 1u << 1);
	nr_lexicon__word_mark(bea, g1, 1u << 0);
	ck_assert_uint_eq(nr_lexicon__word_marks(rec[0], g1), 1u << 1);
	ck_assert(nr_lexicon__word_seen(rec[0], g1));
	ck_assert_uint_eq(nr_lexicon__word_marks(bea, g1), 1u << 0);
	ck_assert(!nr_lexicon__word_seen(bea, g1)); /* marked, not a token */
	uint32_t g2 = nr_lexicon__view_generation(v);
	ck_assert_uint_ne(g2, g1);
	ck_assert(!nr_lexicon__word_seen(rec[0], g2));
	ck_assert_uint_eq(nr_lexicon__word_marks(rec[0], g2), 0);
	ck_assert(nr_lexicon__words(v, text, toks + 1, 2, g2, rec));
	ck_assert_ptr_eq(rec[1], bea);
	ck_assert(nr_lexicon__word_seen(bea, g2));
	ck_assert_uint_eq(nr_lexicon__word_marks(bea, g2), 0);
	nr_arena__free(&arena);
}
END_TEST

/*
 * A warm view holding more words than it keeps is made again, in the
 * memory of the one before: records made as its table grew (some carved
 * from the table's old arrays) stay apart and found, and the view made
 * again remembers nothing of them yet answers as the set does.
 */
START_TEST(full_warm_view_made_again)
{
	nr_lexicon *lex;
	ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK);
	nr_arena arena;
	nr_arena__init(&arena);
	int slot;
	const nr_lexicon_set *v = nr_lexicon__borrow_view(lex, &arena, 16, &slot);
	ck_assert_int_ge(slot, 0);
	enum { WORDS = 40000 };
	nr_lex_word **rec = malloc(WORDS * sizeof(*rec));
	ck_assert_ptr_nonnull(rec);
	char w[16];
	for (uint32_t i = 0; i < WORDS; i++) {
		int n = snprintf(w, sizeof(w), "Qz%05u", (unsigned)i);
		rec[i] = nr_lexicon__word(v, w, (size_t)n);
		ck_assert_ptr_nonnull(rec[i]);
		nr_lexicon__word_facts(rec[i])[0] = i + 1;
		nr_lexicon__word_facts(rec[i])[2] = ~i;
	}
	for (uint32_t i = 0; i < WORDS; i++) {
		int n = snprintf(w, sizeof(w), "Qz%05u", (unsigned)i);
		ck_assert_ptr_eq(nr_lexicon__word(v, w, (size_t)n), rec[i]);
		ck_assert_uint_eq(nr_lexicon__word_facts(rec[i])[0], i + 1);
		ck_assert_uint_eq(nr_lexicon__word_facts(rec[i])[2], ~i);
	}
	nr_lex_word *london = nr_lexicon__word(v, "London", 6);
	ck_assert(nr_lexicon__word_may_hold(london, NR_LEX_LOCATIONS));
	nr_lexicon__word_facts(london)[1] = 7;
	nr_lexicon__give_back(lex, slot);
	v = nr_lexicon__borrow_view(lex, &arena, 16, &slot);
	ck_assert_int_ge(slot, 0);
	nr_lex_word *again = nr_lexicon__word(v, "London", 6);
	ck_assert_uint_eq(nr_lexicon__word_facts(again)[1], 0);
	ck_assert(nr_lexicon__word_may_hold(again, NR_LEX_LOCATIONS));
	ck_assert_uint_eq(nr_lexicon__word_facts(nr_lexicon__word(v, "Qz00017", 7))[0], 0);
	nr_lexicon__give_back(lex, slot);
	free(rec);
	nr_arena__free(&arena);
	nr_lexicon_free(lex);
}
END_TEST

/* ---- the lenient reading of a user's file ------------------------------ */

typedef struct warnings {
	char msg[64][512];
	size_t n;
} warnings;

static void keep_warning(void *payload, const char *msg)
{
	warnings *w = payload;
	if (w->n < 64)
		snprintf(w->msg[w->n++], sizeof(w->msg[0]), "%s", msg);
}

/* A plain list: one phrase a line, comments and blank lines; what breaks
 * a limit is skipped with its line, never a reason to stop. */
START_TEST(lenient_plain_list)
{
	char long_form[300];
	memset(long_form, 'x', sizeof(long_form) - 1);
	long_form[sizeof(long_form) - 1] = '\0';
	nr_buf data = NR_BUF_INIT;
	nr_buf__puts(&data, "# watch list\n"
			    "Ann Okoro\n"
			    "\n"
			    "Bad \xff UTF-8\n");
	nr_buf__printf(&data, "%s\n", long_form);
	nr_buf__puts(&data, "one\ttwo\tthree\tfour\n"
			    "Tom Brandt  \r\n"
			    "last line without newline");
	warnings w = { 0 };
	nr_buf err = NR_BUF_INIT;
	int rc = nr_lexicon__load_lenient(set, "watch", data.data, data.len, "watch.txt",
					  keep_warning, &w, &err);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(w.n, 3);
	ck_assert_str_eq(w.msg[0], "watch.txt:4: invalid UTF-8; skipped");
	ck_assert_msg(strstr(w.msg[1], "watch.txt:5: form 'xxxx") &&
			  strstr(w.msg[1], "longer than 200 bytes; skipped"),
		      "%s", w.msg[1]);
	ck_assert_str_eq(w.msg[2], "watch.txt:6: 4 columns, a user lexicon takes 1 to 3; skipped");
	int id = nr_lexicon__id(set, "watch");
	ck_assert_int_ge(id, NR_LEX_BUILTIN_COUNT);
	ck_assert_uint_eq(nr_lexicon__rows(set, id), 3);
	ck_assert_ptr_nonnull(nr_lexicon__lookup(set, id, "ann okoro", 9));
	ck_assert_ptr_nonnull(nr_lexicon__lookup(set, id, "Tom Brandt", 10));
	ck_assert_ptr_nonnull(nr_lexicon__lookup(set, id, "last line without newline", 25));
	/* A NUL byte spoils its line only. */
	w.n = 0;
	rc = nr_lexicon__load_lenient(set, "watch", "Zed\0Zero\nMia Lund\n", 18, "nul.txt",
				      keep_warning, &w, &err);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(w.msg[0], "nul.txt:1: NUL byte; skipped");
	ck_assert_ptr_nonnull(nr_lexicon__lookup(set, id, "Mia Lund", 8));
	/* A bad name or a missing file is an error naming it. */
	rc = nr_lexicon__load_file_lenient(set, "watch", "/no/such/watch.tsv", keep_warning, &w,
					   &err);
	ck_assert_int_eq(rc, NR_EIO);
	ck_assert_str_eq(err.data, "/no/such/watch.tsv: No such file or directory");
	rc = nr_lexicon__load_lenient(set, "Watch List", "x\n", 2, "x", keep_warning, &w, &err);
	ck_assert_int_eq(rc, NR_EINVAL);
	nr_buf__free(&data);
	nr_buf__free(&err);
}
END_TEST

/* Built-in lexicons take a user's plain list where their other columns
 * have defaults, and their own rows; bad rows are skipped, not fatal. */
START_TEST(lenient_builtin_rows)
{
	warnings w = { 0 };
	nr_buf err = NR_BUF_INIT;
	const char *orgs = "Okoro Widgets\n"
			   "Acme Freight\tcompany\tUnited States\tAcme|=AFX\n"
			   "Bad Kind\tnot a kind\t\t\n"
			   "Ghost Corp\tcompany\tNowhere Land\t\n";
	int rc = nr_lexicon__load_lenient(set, "organizations", orgs, strlen(orgs), "orgs.tsv",
					  keep_warning, &w, &err);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(w.n, 2);
	ck_assert_str_eq(w.msg[0], "orgs.tsv:3: bad organisation kind 'not a kind'; skipped");
	ck_assert_str_eq(w.msg[1], "orgs.tsv:4: unknown country 'Nowhere Land'; skipped");
	const nr_lex_entry *e = nr_lexicon__lookup(set, NR_LEX_ORGANIZATIONS, "Okoro Widgets", 13);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->cls, "");
	ck_assert(e->flags & NR_LEXF_USER);
	e = nr_lexicon__lookup(set, NR_LEX_ORGANIZATIONS, "AFX", 3);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->canonical, "Acme Freight");
	ck_assert_ptr_null(nr_lexicon__lookup(set, NR_LEX_ORGANIZATIONS, "afx", 3));
	/* Defaults: a first name of no known gender, a title held privately. */
	w.n = 0;
	rc = nr_lexicon__load_lenient(set, "first_names", "Zorbek\n", 7, "n.txt", keep_warning, &w,
				      &err);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_int_eq(nr_lexicon__gender(set, "Zorbek", 6), 'u');
	rc = nr_lexicon__load_lenient(set, "titles", "Grand Warden\n", 13, "t.txt", keep_warning,
				      &w, &err);
	ck_assert_int_eq(rc, NR_OK);
	e = nr_lexicon__title(set, "grand warden", 12);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->official, NR_OFFICIAL_NO);
	/* A lexicon that needs more than a name says which columns. */
	rc = nr_lexicon__load_lenient(set, "countries", "Atlantis\n", 9, "c.txt", keep_warning, &w,
				      &err);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(w.msg[0], "c.txt:1: 1 column, a row of countries needs at least 3 (name "
				   "iso2 iso3 capital demonyms aliases); skipped");
	/* persons: names and their aliases. */
	rc = nr_lexicon__load_lenient(set, "persons",
				      "Luiz Inacio Lula da Silva\tLula | Lula da Silva\n", 46,
				      "p.txt", keep_warning, &w, &err);
	ck_assert_int_eq(rc, NR_OK);
	e = nr_lexicon__lookup(set, NR_LEX_PERSONS, "Lula", 4);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->canonical, "Luiz Inacio Lula da Silva");
	ck_assert_uint_eq(nr_lexicon__rows(set, NR_LEX_PERSONS), 1);
	ck_assert_uint_eq(nr_lexicon__forms(set, NR_LEX_PERSONS), 3);
	nr_buf__free(&err);
}
END_TEST

/* A file of bad rows reports the first NR_LEX_MAX_WARNINGS and a count. */
START_TEST(lenient_warnings_capped)
{
	nr_buf data = NR_BUF_INIT;
	for (int i = 0; i < 500; i++)
		nr_buf__puts(&data, "a\tb\tc\td\n");
	nr_buf__puts(&data, "kept\n");
	warnings w = { 0 };
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_lexicon__load_lenient(set, "many", data.data, data.len, "many.txt",
						  keep_warning, &w, &err),
			 NR_OK);
	ck_assert_uint_eq(w.n, NR_LEX_MAX_WARNINGS + 1);
	ck_assert_str_eq(w.msg[NR_LEX_MAX_WARNINGS], "many.txt: 450 more rows or forms skipped");
	ck_assert_ptr_nonnull(nr_lexicon__lookup(set, nr_lexicon__id(set, "many"), "kept", 4));
	nr_buf__free(&data);
	nr_buf__free(&err);
}
END_TEST

/* The built-ins are made once per process and shared, read-only, by every
 * set, whichever thread makes it: the same copy, never rebuilt. */
static void *make_set(void *p)
{
	nr_lexicon_set **out = p;
	if (nr_lexicon__set_new(out, NULL, NULL) != NR_OK)
		*out = NULL;
	return NULL;
}

START_TEST(builtins_made_once_per_process)
{
	enum { N = 4 };
	nr_lexicon_set *sets[N];
	pthread_t t[N];
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, make_set, &sets[i]), 0);
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		ck_assert_ptr_nonnull(sets[i]);
		ck_assert_ptr_eq(sets[i]->b, set->b);
	}
	nr_lexicon *pub;
	ck_assert_int_eq(nr_lexicon_new(&pub), NR_OK);
	ck_assert_ptr_eq(pub->set->b, set->b);
	nr_lexicon_free(pub);
	for (int i = 0; i < N; i++)
		nr_lexicon__set_free(sets[i]);
	/* Still there for the next set: the process keeps it. */
	ck_assert_uint_gt(nr_lexicon__rows(set, NR_LEX_COUNTRIES), 100);
	/* Made from other data, a set's built-ins are its own. */
	nr_lexicon_builtins *own;
	ck_assert_int_eq(
	    nr_lexicon__builtins_from(&own, nr_lexicon__blobs, nr_lexicon__nblobs, NULL), NR_OK);
	ck_assert_ptr_ne(own, set->b);
	nr_lexicon__builtins_release(own);
}
END_TEST

/* The segmenter's word classes come from the process's built-ins once
 * they are made, else from parsing word_classes.tsv: the same words with
 * the same bits either way. (Check runs each test in a child of its own:
 * here nothing has made the built-ins yet.) */
START_TEST(class_set_same_from_builtins)
{
	static const char *const names[] = { "abbr_never_ends", "abbr_may_end", "saying_verb" };
	nr_wordset parsed, read;
	ck_assert_int_eq(nr_lexicon__class_set(&parsed, names, 3, NULL), NR_OK);
	nr_lexicon_set *s;
	ck_assert_int_eq(nr_lexicon__set_new(&s, NULL, NULL), NR_OK);
	ck_assert_ptr_eq(nr_lexicon__builtins_made(), s->b);
	ck_assert_int_eq(nr_lexicon__class_set(&read, names, 3, NULL), NR_OK);
	ck_assert_uint_eq(parsed.nwords, read.nwords);
	ck_assert_uint_gt(read.nwords, 100);
	const lex_table *t = &s->b->table;
	for (size_t i = 0; i < t->cap; i++)
		for (const nr_lex_entry *e = t->slots[i]; e; e = e->next_) {
			size_t n = strlen(e->phrase);
			ck_assert_uint_eq(nr_wordset__get(&read, e->phrase, n),
					  nr_wordset__get(&parsed, e->phrase, n));
		}
	ck_assert_uint_eq(nr_wordset__get(&read, "Adm.", 4), 1);
	ck_assert_uint_eq(nr_wordset__get(&read, "Inc.", 4), 2);
	nr_wordset__free(&parsed);
	nr_wordset__free(&read);
	nr_lexicon__set_free(s);
}
END_TEST

Suite *lexicon_suite(void)
{
	Suite *s = suite_create("lexicon");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, data_files_strict);
	tcase_add_test(tc, builtins_made_once_per_process);
	tcase_add_test(tc, strict_build_refuses_bad_data);
	tcase_add_test(tc, strict_errors_name_line);
	tcase_add_test(tc, foreach_walks_every_form);
	tcase_add_test(tc, countries_and_demonyms);
	tcase_add_test(tc, titles);
	tcase_add_test(tc, organizations_and_actors);
	tcase_add_test(tc, speech_verbs_and_lemmas);
	tcase_add_test(tc, every_speech_verb_has_a_lemma);
	tcase_add_test(tc, names_places_function_words);
	tcase_add_test(tc, places);
	tcase_add_test(tc, threads_share_builtins);
	tcase_add_test(tc, abbreviations);
	tcase_add_test(tc, exact_case_rows);
	tcase_add_test(tc, word_sets);
	tcase_add_test(tc, class_sets);
	tcase_add_test(tc, longest_match_over_tokens);
	tcase_add_test(tc, user_additions);
	tcase_add_test(tc, lenient_plain_list);
	tcase_add_test(tc, lenient_builtin_rows);
	tcase_add_test(tc, lenient_warnings_capped);
	tcase_add_test(tc, shared_builtins);
	tcase_add_test(tc, load_file);
	tcase_add_test(tc, fold_and_limits);
	tcase_add_test(tc, hostile_rows);
	tcase_add_test(tc, views_answer_as_the_set);
	tcase_add_test(tc, word_class_bits);
	tcase_add_test(tc, warm_views);
	tcase_add_test(tc, full_warm_view_made_again);
	tcase_add_test(tc, marks_and_seen_by_generation);
	tcase_add_test(tc, threads_share_warm_views);
	suite_add_tcase(s, tc);
	TCase *bare = tcase_create("no fixture");
	tcase_add_test(bare, class_set_same_from_builtins);
	suite_add_tcase(s, bare);
	return s;
}

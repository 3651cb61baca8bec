/* check_statements.c - statements: acts, actors and targets, voice,
 * negation and modality, reporting, the public getters and JSON, and
 * hostile input (huge sentences, many statements, cyclic reports). */
#include "testutil.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static nr_lexicon *lex;

static void lex_setup(void) { ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK); }

static void lex_teardown(void)
{
	nr_lexicon_free(lex);
	lex = NULL;
}

static nr_article *analysed(const char *text)
{
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(a, lex), NR_OK);
	return a;
}

/* The statement whose cue reads `cue`; fails when there is none. */
static nr_statement_info statement_by_cue(const nr_article *a, const char *cue)
{
	nr_statement_info s;
	for (size_t i = 0; i < nr_article_statement_count(a); i++) {
		ck_assert_int_eq(nr_article_statement(a, i, &s), NR_OK);
		if (!strcmp(tu_span_text(a, s.cue), cue))
			return s;
	}
	ck_abort_msg("no statement with cue \"%s\"", cue);
	return s;
}

static bool has_cue(const nr_article *a, const char *cue)
{
	nr_statement_info s;
	for (size_t i = 0; i < nr_article_statement_count(a); i++) {
		nr_article_statement(a, i, &s);
		if (!strcmp(tu_span_text(a, s.cue), cue))
			return true;
	}
	return false;
}

static const char *name(const nr_party_info *p) { return p->name ? p->name : "(none)"; }

START_TEST(accuse_active_and_passive)
{
	nr_article *a = analysed("Pakistan accused India of backing the rebels. Islamabad has been "
				 "accused by Washington of sheltering militants.");
	nr_statement_info s = statement_by_cue(a, "accused");
	ck_assert_str_eq(s.act, "accuse");
	ck_assert_str_eq(s.cameo, "112");
	ck_assert_str_eq(name(&s.actor), "Pakistan");
	ck_assert_str_eq(s.actor.kind, "government");
	ck_assert_str_eq(s.actor.country, "PAK");
	ck_assert(s.actor.official);
	ck_assert_str_eq(name(&s.target), "India");
	ck_assert_str_eq(tu_span_text(a, s.content), "backing the rebels");
	ck_assert_int_eq(s.voice, NR_VOICE_ACTIVE);
	ck_assert_int_eq(s.modality, NR_MODALITY_ASSERTED);
	ck_assert(!s.negated);
	ck_assert_int_eq(nr_article_statement(a, 1, &s), NR_OK);
	ck_assert_int_eq(s.voice, NR_VOICE_PASSIVE);
	ck_assert_str_eq(name(&s.actor), "Washington");
	ck_assert_str_eq(name(&s.target), "Islamabad");
	ck_assert_str_eq(s.target.country, "PAK");
	ck_assert_int_eq(nr_article_statement(a, 2, &s), NR_EINVAL);
	ck_assert_int_eq(nr_article_statement_count(NULL), 0);
	nr_article_free(a);
}
END_TEST

START_TEST(denials_and_what_they_deny)
{
	nr_article *a = analysed("The ministry rejected the accusation. The company rejected the "
				 "offer. India denied that its troops had crossed the border.");
	nr_statement_info s = statement_by_cue(a, "denied");
	ck_assert_str_eq(s.act, "deny");
	ck_assert_str_eq(s.cameo, "016");
	ck_assert_str_eq(tu_span_text(a, s.denied), "its troops had crossed the border");
	/* The object chooses the act: a denial, then a rejection. */
	ck_assert_int_eq(nr_article_statement(a, 0, &s), NR_OK);
	ck_assert_str_eq(s.act, "deny");
	ck_assert_str_eq(tu_span_text(a, s.denied), "the accusation");
	ck_assert_str_eq(s.actor.kind, "ministry");
	ck_assert_int_eq(nr_article_statement(a, 1, &s), NR_OK);
	ck_assert_str_eq(s.act, "reject");
	ck_assert_str_eq(s.actor.kind, "company");
	nr_article_free(a);
}
END_TEST

START_TEST(negation_and_modality)
{
	nr_article *a = analysed("The opposition did not deny the report. The minister refused to "
				 "accuse anyone. Moscow could threaten Kiev. Russia will demand an "
				 "apology from Britain. Did the president threaten Syria?");
	ck_assert(statement_by_cue(a, "deny").negated);
	ck_assert(statement_by_cue(a, "accuse").negated);
	nr_statement_info s = statement_by_cue(a, "threaten");
	ck_assert_int_eq(s.modality, NR_MODALITY_HEDGED);
	s = statement_by_cue(a, "demand");
	ck_assert_int_eq(s.modality, NR_MODALITY_FUTURE);
	ck_assert_str_eq(name(&s.target), "United Kingdom"); /* an apology from Britain */
	ck_assert_int_eq(nr_article_statement(a, nr_article_statement_count(a) - 1, &s), NR_OK);
	ck_assert_int_eq(s.modality, NR_MODALITY_QUESTION);
	ck_assert_str_eq(nr_modality_name(NR_MODALITY_HEDGED), "hedged");
	ck_assert_str_eq(nr_voice_name(NR_VOICE_PASSIVE), "passive");
	nr_article_free(a);
}
END_TEST

START_TEST(calls_and_addressees)
{
	nr_article *a = analysed("The United States called on Russia to withdraw its troops. The "
				 "senator called Wednesday for the judge to resign. They demanded "
				 "that Iran release the sailors.");
	nr_statement_info s = statement_by_cue(a, "called on");
	ck_assert_str_eq(s.act, "appeal");
	ck_assert_str_eq(name(&s.target), "Russia");
	ck_assert_str_eq(tu_span_text(a, s.content), "withdraw its troops");
	s = statement_by_cue(a, "called");
	ck_assert_str_eq(s.act, "appeal"); /* "called ... for", a time between */
	s = statement_by_cue(a, "demanded");
	ck_assert_str_eq(s.act, "demand");
	ck_assert_str_eq(name(&s.target), "Iran");
	nr_article_free(a);
}
END_TEST

START_TEST(reports_and_quotes)
{
	nr_article *a = analysed("Officials say Iran accused Israel of the attack.\n\n"
				 "\"We reject these allegations,\" the foreign ministry said.");
	nr_statement_info s = statement_by_cue(a, "accused");
	ck_assert_str_eq(name(&s.actor), "Iran");
	ck_assert_str_eq(name(&s.reported), "Officials");
	ck_assert_str_eq(s.reported.kind, "government");
	/* "We" in a quote is its speaker, who reports nothing then. */
	s = statement_by_cue(a, "reject");
	ck_assert_str_eq(s.act, "deny");
	ck_assert_ptr_nonnull(strstr(name(&s.actor), "ministry"));
	ck_assert_ptr_null(s.reported.name);
	ck_assert_int_ge(s.quote, 0);
	/* Verbs of saying make quotes, not statements. */
	ck_assert(!has_cue(a, "say"));
	ck_assert(!has_cue(a, "said"));
	nr_article_free(a);
}
END_TEST

START_TEST(nouns_are_no_cues)
{
	nr_article *a = analysed("Oil demand rose sharply in March. The alleged plot failed. His "
				 "warning was ignored. The demands were rejected by the board.");
	ck_assert(!has_cue(a, "demand"));
	ck_assert(!has_cue(a, "alleged"));
	ck_assert(!has_cue(a, "warning"));
	ck_assert(!has_cue(a, "demands"));
	nr_article_free(a);
}
END_TEST

/* Statements made by a speaker's own words, with no verb of speech. */
START_TEST(words_that_deny_accuse_and_demand)
{
	nr_article *a = analysed(
	    "Budget row deepens\n\n"
	    "\"That is completely untrue,\" a spokesman for the treasury said. Labour said Jane "
	    "Doe's remarks were partial and inaccurate. Mr Smith said the allegations were a load "
	    "of nonsense. The senator said the minister lied to parliament. \"He is a liar,\" "
	    "the senator added. The unions said the chancellor should resign at once.");
	nr_statement_info s = statement_by_cue(a, "untrue");
	ck_assert_str_eq(s.act, "deny");
	ck_assert_str_eq(s.cameo, "016");
	ck_assert_str_eq(tu_span_text(a, s.denied), "That");
	ck_assert_int_eq(s.quote, 0);
	s = statement_by_cue(a, "inaccurate");
	ck_assert_str_eq(name(&s.actor), "Labour");
	ck_assert_str_eq(name(&s.target), "Jane Doe"); /* whose remarks */
	s = statement_by_cue(a, "nonsense");
	ck_assert_str_eq(tu_span_text(a, s.denied), "the allegations");
	s = statement_by_cue(a, "lied");
	ck_assert_str_eq(s.act, "accuse");
	ck_assert_str_eq(tu_span_text(a, s.target.span), "the minister");
	ck_assert(!s.negated);
	s = statement_by_cue(a, "liar");
	ck_assert_str_eq(s.act, "accuse");
	s = statement_by_cue(a, "should");
	ck_assert_str_eq(s.act, "demand");
	ck_assert_str_eq(tu_span_text(a, s.target.span), "the chancellor");
	ck_assert_str_eq(tu_span_text(a, s.content), "resign at once");
	ck_assert_int_eq(s.modality, NR_MODALITY_ASSERTED);
	nr_article_free(a);
}
END_TEST

/* Every statement of a as "cue act actor target denied;" into out. */
static void statements_line(const nr_article *a, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < nr_article_statement_count(a); i++) {
		nr_statement_info s;
		ck_assert_int_eq(nr_article_statement(a, i, &s), NR_OK);
		int k = snprintf(out + n, cap - n, "%s %s %s %s %s;", tu_span_text(a, s.cue), s.act,
				 name(&s.actor), name(&s.target), tu_span_text(a, s.denied));
		ck_assert(k > 0 && (size_t)k < cap - n);
		n += (size_t)k;
	}
}

/* A word's classes are worked out once and kept on its record, which a
 * lexicon keeps for later analyses: analysed again, after another
 * article, the same text gives the same statements. */
START_TEST(own_words_again_from_kept_classes)
{
	const char *text =
	    "Budget row deepens\n\n"
	    "\"That is completely untrue,\" a spokesman for the treasury said. "
	    "The senator said the minister lied to parliament. \"You should resign,\" "
	    "she told him. The unions said the chancellor should resign at once.";
	char first[2048], again[2048];
	nr_article *a = analysed(text);
	statements_line(a, first, sizeof(first));
	ck_assert_ptr_nonnull(strstr(first, "untrue deny"));
	ck_assert_ptr_nonnull(strstr(first, "lied accuse"));
	nr_article_free(a);
	a = analysed("Others said nothing was true. It was a load of nonsense, he said.");
	nr_article_free(a);
	for (int round = 0; round < 2; round++) {
		a = analysed(text);
		statements_line(a, again, sizeof(again));
		ck_assert_str_eq(again, first);
		nr_article_free(a);
	}
}
END_TEST

/* What looks like them and is not: the speaker's own side, what ought to
 * have been, a question put, a judgement of a deed, a negated rebuttal. */
START_TEST(words_that_do_not)
{
	nr_article *a = analysed(
	    "Budget row deepens\n\n"
	    "\"We must act now,\" the president said. \"He should have known,\" she said. "
	    "The minister said it was wrong to attack civilians. The panel debated whether "
	    "Britain should leave. \"The report is not false,\" he said. \"I was wrong,\" "
	    "he said. The mayor said the town should know by now.");
	ck_assert_int_eq(nr_article_statement_count(a), 0);
	nr_article_free(a);
}
END_TEST

/* A bare form after "a" and a singular noun heads a compound noun; an
 * object followed by its own verb is the subject of a clause, no
 * addressee; "you" is whoever is spoken to, no entity of the text. */
START_TEST(compounds_clauses_and_you)
{
	nr_article *a = analysed(
	    "Budget row deepens\n\n"
	    "A judge rejected a media request to open the file. A senior MEP "
	    "suggested Germany saw the EU as an empire. Pakistan accused India of "
	    "lying. \"You should resign,\" the senator told the minister.");
	ck_assert(!has_cue(a, "request"));
	nr_statement_info s = statement_by_cue(a, "suggested");
	ck_assert_ptr_null(s.target.name);
	s = statement_by_cue(a, "should");
	ck_assert_str_eq(tu_span_text(a, s.target.span), "You");
	ck_assert_ptr_null(s.target.name);
	ck_assert_int_eq(s.target.entity, -1);
	nr_article_free(a);
}
END_TEST

START_TEST(json_lists_statements)
{
	nr_article *a = analysed("Pakistan accused India of backing the rebels.");
	char *js = NULL;
	ck_assert_int_eq(nr_article_to_json(a, 0, &js), NR_OK);
	const char *st = strstr(js, "\"statements\":[{\"act\":\"accuse\",\"cameo\":\"112\"");
	ck_assert_msg(st != NULL, "%s", js);
	ck_assert_ptr_nonnull(strstr(st, "\"cue\":{\"text\":\"accused\",\"start\":9,\"end\":16}"));
	ck_assert_ptr_nonnull(strstr(st, "\"voice\":\"active\""));
	ck_assert(strstr(js, "\"quotes\":") < st);
	nr_free(js);
	nr_article_free(a);
	/* Not analysed: no statements member. */
	ck_assert_int_eq(nr_article_from_text(&a, "Pakistan accused India.", 23, NULL), NR_OK);
	ck_assert_int_eq(nr_article_to_json(a, 0, &js), NR_OK);
	ck_assert_ptr_null(strstr(js, "\"statements\""));
	nr_free(js);
	nr_article_free(a);
}
END_TEST

/* ---- hostile input ------------------------------------------------------ */

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *buf = malloc(ul * times + tl + 1);
	ck_assert_ptr_nonnull(buf);
	for (size_t i = 0; i < times; i++)
		memcpy(buf + i * ul, unit, ul);
	memcpy(buf + ul * times, tail, tl + 1);
	return buf;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Every statement's parts lie in the text; a statement not from a quote
 * says a bounded stretch. */
static void check_bounded(const nr_article *a)
{
	size_t len;
	nr_article_text(a, &len);
	for (size_t i = 0; i < nr_article_statement_count(a); i++) {
		nr_statement_info s;
		ck_assert_int_eq(nr_article_statement(a, i, &s), NR_OK);
		ck_assert_uint_le(s.cue.end, len);
		ck_assert_uint_le(s.content.end, len);
		ck_assert_uint_le(s.actor.span.end, len);
		ck_assert_uint_le(s.target.span.end, len);
		if (s.quote < 0)
			ck_assert_uint_le(s.content.end - s.content.start, 2000);
	}
}

START_TEST(one_huge_sentence)
{
	/* 100 KB with no full stop, a statement every few words. */
	char *text = repeat("Pakistan accused India of lying and ", 2900, "so on.");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	nr_article *a = analysed(text);
	ck_assert_uint_eq(nr_article_sentence_count(a), 1);
	ck_assert_uint_ge(nr_article_statement_count(a), 2800);
	check_bounded(a);
	ck_assert_msg(seconds_since(&t0) < 20, "took %.1f s", seconds_since(&t0));
	nr_article_free(a);
	free(text);
}
END_TEST

START_TEST(ten_thousand_statements)
{
	char *text = repeat("The ministry denied the report. ", 10000, "");
	nr_article *a = analysed(text);
	ck_assert_uint_eq(nr_article_statement_count(a), 10000);
	nr_statement_info s;
	ck_assert_int_eq(nr_article_statement(a, 9999, &s), NR_OK);
	ck_assert_str_eq(s.act, "deny");
	ck_assert_uint_eq(s.sentence, 9999);
	check_bounded(a);
	nr_article_free(a);
	free(text);
}
END_TEST

START_TEST(cyclic_reports_and_lost_pronouns)
{
	/* "X said Y said X ..." in one sentence, and pronouns that name no
	 * one, over and over: bounded work, no crash, nothing invented. */
	char *cyc = repeat("Smith said Jones said Smith accused Jones, who said ", 3000, "it.");
	nr_article *a = analysed(cyc);
	ck_assert_uint_ge(nr_article_statement_count(a), 1);
	check_bounded(a);
	nr_article_free(a);
	free(cyc);
	char *pro = repeat("He said she accused him of saying they denied it. ", 4000, "");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	a = analysed(pro);
	ck_assert_uint_ge(nr_article_statement_count(a), 4000);
	nr_statement_info s;
	ck_assert_int_eq(nr_article_statement(a, 0, &s), NR_OK);
	ck_assert_ptr_null(s.actor.name); /* "she": no one before */
	check_bounded(a);
	ck_assert_msg(seconds_since(&t0) < 20, "took %.1f s", seconds_since(&t0));
	nr_article_free(a);
	free(pro);
}
END_TEST

Suite *statements_suite(void)
{
	Suite *s = suite_create("statements");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, lex_setup, lex_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, accuse_active_and_passive);
	tcase_add_test(tc, denials_and_what_they_deny);
	tcase_add_test(tc, negation_and_modality);
	tcase_add_test(tc, calls_and_addressees);
	tcase_add_test(tc, reports_and_quotes);
	tcase_add_test(tc, nouns_are_no_cues);
	tcase_add_test(tc, words_that_deny_accuse_and_demand);
	tcase_add_test(tc, own_words_again_from_kept_classes);
	tcase_add_test(tc, words_that_do_not);
	tcase_add_test(tc, compounds_clauses_and_you);
	tcase_add_test(tc, json_lists_statements);
	tcase_add_test(tc, one_huge_sentence);
	tcase_add_test(tc, ten_thousand_statements);
	tcase_add_test(tc, cyclic_reports_and_lost_pronouns);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check_attribution.c - who said what, where an analyst found the quote
 * extractor wrong (issue #12, item 3): reported speech that opens with a
 * negative word, speakers with modifiers before their title, adverbs
 * before the speech verb, inverted frames after a list, addressees, and
 * speakers that are mentions of known entities.
 */
#include "testutil.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nr_lexicon *lex;

static void lex_setup(void) { ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK); }

static void lex_teardown(void)
{
	nr_lexicon_free(lex);
	lex = NULL;
}

/* Read an invented article (a headline is prepended) and analyse it. */
static void run(tu_result *r, const char *body)
{
	tu_analyze(r, "Council Weighs Harbour Plan", body, lex);
}

/* The quote whose content starts with `head`, or false. */
static bool find_quote(const nr_article *a, const char *head, nr_quote_info *out)
{
	size_t hl = strlen(head);
	for (size_t i = 0; i < nr_article_quote_count(a); i++) {
		ck_assert_int_eq(nr_article_quote(a, i, out), NR_OK);
		const char *c = tu_span_text(a, out->content);
		if (strncmp(c, head, hl) == 0)
			return true;
	}
	return false;
}

/* The quote whose content starts with `head`; fails when there is none. */
static nr_quote_info quote_at(const nr_article *a, const char *head)
{
	nr_quote_info q;
	if (!find_quote(a, head, &q))
		ck_abort_msg("no quote starts with \"%s\"", head);
	return q;
}

static const char *speaker_of(const nr_article *a, const nr_quote_info *q)
{
	ck_assert_ptr_nonnull(q->speaker);
	(void)a;
	return q->speaker;
}

START_TEST(negative_word_opens_reported_clause)
{
	tu_result r;
	run(&r, "Mr Haldane said no decisions had been taken on the new terminal.\n\n"
		"A spokesman said nothing would change before the summer.\n\n"
		"The officials said none of the tenders had arrived in time.\n\n"
		"The police chief said no one was hurt in the blaze.\n\n"
		"Ms Ruiz said nothing happened at the meeting.\n\n"
		"The mayor said no to the plan.\n\n"
		"The treasurer said nothing about the loans.\n\n"
		"The harbourmaster said nothing.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "no decisions had been taken");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	ck_assert_str_eq(speaker_of(a, &q), "Haldane");
	q = quote_at(a, "nothing would change");
	ck_assert_str_eq(speaker_of(a, &q), "spokesman");
	q = quote_at(a, "none of the tenders");
	ck_assert_str_eq(speaker_of(a, &q), "officials");
	q = quote_at(a, "no one was hurt");
	ck_assert_str_eq(speaker_of(a, &q), "police chief");
	quote_at(a, "nothing happened");
	/* What was said is the word itself: no clause to report. */
	ck_assert(!find_quote(a, "to the plan", &q));
	ck_assert(!find_quote(a, "no to", &q));
	ck_assert(!find_quote(a, "nothing about", &q));
	ck_assert(!find_quote(a, "about the loans", &q));
	ck_assert_uint_eq(nr_article_quote_count(a), 5);
	tu_free(&r);
}
END_TEST

START_TEST(modifiers_before_a_title)
{
	tu_result r;
	run(&r,
	    "UN health commissioner Ines Marvell said that the clinics would reopen in May.\n\n"
	    "Former finance minister Karl Odum said on Friday that the budget was a fiction.\n\n"
	    "The museum's new director said the collection would travel abroad.\n\n"
	    "The council's legal adviser said the contract was void.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "that the clinics would reopen");
	ck_assert_str_eq(speaker_of(a, &q), "Ines Marvell");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "UN health commissioner Ines Marvell");
	ck_assert_int_ge(q.speaker_entity, 0);
	q = quote_at(a, "that the budget was a fiction");
	ck_assert_str_eq(speaker_of(a, &q), "Karl Odum");
	q = quote_at(a, "the collection would travel");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "The museum's new director");
	q = quote_at(a, "the contract was void");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "The council's legal adviser");
	tu_free(&r);
}
END_TEST

START_TEST(participle_and_possessive_time_are_no_frame)
{
	tu_result r;
	run(&r, "A reform campaign threatened by the army has faded, residents said.\n\n"
		"The governor said Thursday's report was a warning.");
	const nr_article *a = r.articles[0];
	nr_quote_info q;
	ck_assert(!find_quote(a, "by the army", &q));
	q = quote_at(a, "Thursday's report was a warning");
	ck_assert_str_eq(speaker_of(a, &q), "governor");
	tu_free(&r);
}
END_TEST

START_TEST(adverbs_before_the_verb_and_lists_before_the_frame)
{
	tu_result r;
	run(&r, "The union has always insisted that the plant must stay open.\n\n"
		"The mayor bluntly said the vote had been lost.\n\n"
		"The minister himself said the fees were too high.\n\n"
		"Rents, fares and fees would all rise next year, said Mr Odum.\n\n"
		"The family said the verdict was unjust.\n\n"
		"A Saudi-owned weekly reports that the talks had failed.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "that the plant must stay open");
	ck_assert_str_eq(speaker_of(a, &q), "union");
	q = quote_at(a, "the vote had been lost");
	ck_assert_str_eq(speaker_of(a, &q), "mayor");
	q = quote_at(a, "the fees were too high");
	ck_assert_str_eq(speaker_of(a, &q), "minister");
	q = quote_at(a, "Rents, fares and fees would all rise next year");
	ck_assert_str_eq(speaker_of(a, &q), "Odum");
	ck_assert_str_eq(tu_span_text(a, q.content),
			 "Rents, fares and fees would all rise next year");
	q = quote_at(a, "the verdict was unjust");
	ck_assert_str_eq(speaker_of(a, &q), "family");
	/* "weekly" is the paper, not how often it reports. */
	if (find_quote(a, "the talks had failed", &q))
		ck_assert(!q.speaker || strcmp(q.speaker, "Saudi-owned") != 0);
	tu_free(&r);
}
END_TEST

START_TEST(outer_frame_and_descriptions)
{
	tu_result r;
	run(&r, "Tom Reyes, president of the Dockers Union, which represents port workers, said "
		"the strike would go ahead.\n\n"
		"Lena Ruiz said the council had pledged \"to keep every library open\".\n\n"
		"The Harbour Gazette reports that Mr Odum told reporters: \"We will not close "
		"them.\"\n\n"
		"On Sunday's edition of \"Meet the Voters,\" Senator Ana Lind said the bill was "
		"dead.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "the strike would go ahead");
	ck_assert_str_eq(speaker_of(a, &q), "Tom Reyes");
	q = quote_at(a, "the council had pledged");
	ck_assert_str_eq(speaker_of(a, &q), "Lena Ruiz");
	ck_assert_str_eq(q.cue_lemma, "say");
	q = quote_at(a, "\"We will not close");
	ck_assert_str_eq(speaker_of(a, &q), "Odum");
	/* A show's name in marks is nobody's words, and the frame after it
	 * reports its own clause. */
	ck_assert(!find_quote(a, "On Sunday", &q));
	ck_assert(!find_quote(a, "\"Meet the Voters", &q));
	q = quote_at(a, "the bill was dead");
	ck_assert_str_eq(speaker_of(a, &q), "Ana Lind");
	tu_free(&r);
}
END_TEST

START_TEST(role_names_the_holder_of_that_office)
{
	tu_result r;
	run(&r, "Deputy prime minister Ana Holt opened the bridge on Monday. Prime minister Karl "
		"Lund was abroad.\n\n"
		"The prime minister said the bridge would cut journeys by an hour.\n\n"
		"Harbour Board spokesman Ivo Marek gave no figures. Karl Lund's spokesman said "
		"the tolls would stay.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "the bridge would cut journeys");
	ck_assert_str_eq(speaker_of(a, &q), "Karl Lund");
	/* A body before the role is no other office. */
	q = quote_at(a, "the tolls would stay");
	ck_assert_str_eq(speaker_of(a, &q), "Ivo Marek");
	tu_free(&r);
}
END_TEST

START_TEST(addressee_is_no_speaker)
{
	tu_result r;
	run(&r, "Karl Odum met Tom Reyes in Leeds on Tuesday. Mr Odum said the talks were "
		"useful.\n\n"
		"He told Mr Reyes: \"You cannot hold another vote.\"\n\n"
		"Andrea Lund, the party leader, wrote to the first minister on Monday. In a "
		"short reply, the first minister said his words had been twisted.\n\n"
		"He told Ms Lund: \"It is disappointing that you repeat this.\"");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "\"You cannot hold");
	ck_assert_str_eq(speaker_of(a, &q), "Karl Odum");
	q = quote_at(a, "his words had been twisted");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "the first minister");
	/* "Andrea" may be a man's name or a woman's; "Ms" says which, and the
	 * person spoken to is not the one speaking. */
	q = quote_at(a, "\"It is disappointing");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "He");
	ck_assert(!q.speaker || strcmp(q.speaker, "Andrea Lund") != 0);
	ck_assert_str_eq(speaker_of(a, &q), "first minister");
	tu_free(&r);
}
END_TEST

START_TEST(seat_is_no_speaker)
{
	tu_result r;
	run(&r, "Former minister Frank Mole MP criticised the plan on Sunday.\n\n"
		"\"Why now?\" the Labour MP for Greyhaven North asked.\n\n"
		"Rosa Lind, the Green MP for Eastbrook, said the vote was lost.\n\n"
		"The Green MP for Eastbrook said the count was wrong.\n\n"
		"The minister for Europe said the talks would resume.\n\n"
		"Secretary of State Ana Vell said the embassy would reopen.");
	const nr_article *a = r.articles[0];
	/* The MP is unnamed with that seat: the office as written. */
	nr_quote_info q = quote_at(a, "\"Why now?\"");
	ck_assert_str_eq(speaker_of(a, &q), "Labour MP for Greyhaven North");
	ck_assert_int_lt(q.speaker_entity, 0);
	q = quote_at(a, "the count was wrong");
	ck_assert_str_eq(speaker_of(a, &q), "Rosa Lind");
	q = quote_at(a, "the talks would resume");
	ck_assert_str_eq(speaker_of(a, &q), "minister for Europe");
	/* "of State" is part of the title, not a seat. */
	q = quote_at(a, "the embassy would reopen");
	ck_assert_str_eq(speaker_of(a, &q), "Ana Vell");
	ck_assert_int_ge(q.speaker_entity, 0);
	tu_free(&r);
}
END_TEST

START_TEST(bodies_and_groups_with_modifiers)
{
	tu_result r;
	run(&r, "Mende traditional elders have demanded that the mine be closed.\n\n"
		"Norland's parliament has demanded an apology from the mining firm.\n\n"
		"The Liberals backed Green demands that the plan be dropped.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "that the mine be closed");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "Mende traditional elders");
	q = quote_at(a, "an apology from the mining firm");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "Norland's parliament");
	/* A verb between two names is no modifier of the second. */
	if (find_quote(a, "that the plan be dropped", &q))
		ck_assert(strstr(tu_span_text(a, q.speaker_span), "backed") == NULL);
	tu_free(&r);
}
END_TEST

START_TEST(group_noun_opening_a_sentence)
{
	tu_result r;
	run(&r, "The count ended late. Officials said the vote had been lost.\n\n"
		"Police said the man was arrested at dawn. Meanwhile said nothing of note.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_at(a, "the vote had been lost");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "Officials");
	q = quote_at(a, "the man was arrested");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "Police");
	ck_assert(!find_quote(a, "nothing of note", &q));
	tu_free(&r);
}
END_TEST

Suite *attribution_suite(void)
{
	Suite *s = suite_create("attribution");
	TCase *tc = tcase_create("faults");
	tcase_add_unchecked_fixture(tc, lex_setup, lex_teardown);
	tcase_add_test(tc, negative_word_opens_reported_clause);
	tcase_add_test(tc, modifiers_before_a_title);
	tcase_add_test(tc, participle_and_possessive_time_are_no_frame);
	tcase_add_test(tc, adverbs_before_the_verb_and_lists_before_the_frame);
	tcase_add_test(tc, outer_frame_and_descriptions);
	tcase_add_test(tc, role_names_the_holder_of_that_office);
	tcase_add_test(tc, addressee_is_no_speaker);
	tcase_add_test(tc, seat_is_no_speaker);
	tcase_add_test(tc, bodies_and_groups_with_modifiers);
	tcase_add_test(tc, group_noun_opening_a_sentence);
	suite_add_tcase(s, tc);
	return s;
}

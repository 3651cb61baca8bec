/* check_quotes.c - quotations: marks, kinds, speakers, cues. */
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
	tu_analyze(r, "Officials Weigh New Steps on Border Talks", body, lex);
}

/* The quote whose content holds `needle`; fails when there is none. */
static nr_quote_info quote_with(const nr_article *a, const char *needle)
{
	const char *t = tu_text(a);
	nr_quote_info q;
	size_t nl = strlen(needle);
	for (size_t i = 0; i < nr_article_quote_count(a); i++) {
		ck_assert_int_eq(nr_article_quote(a, i, &q), NR_OK);
		for (size_t k = q.content.start; k + nl <= q.content.end; k++)
			if (memcmp(t + k, needle, nl) == 0)
				return q;
	}
	ck_abort_msg("no quote holds \"%s\"", needle);
	return q;
}

static bool has_quote_with(const nr_article *a, const char *needle)
{
	const char *t = tu_text(a);
	size_t nl = strlen(needle);
	for (size_t i = 0; i < nr_article_quote_count(a); i++) {
		nr_quote_info q;
		nr_article_quote(a, i, &q);
		for (size_t k = q.content.start; k + nl <= q.content.end; k++)
			if (memcmp(t + k, needle, nl) == 0)
				return true;
	}
	return false;
}

static const char *content(const nr_article *a, const nr_quote_info *q)
{
	return tu_span_text(a, q->content);
}

#define SPEAKER_IS(q, name)                            \
	do {                                           \
		ck_assert_ptr_nonnull((q).speaker);    \
		ck_assert_str_eq((q).speaker, (name)); \
	} while (0)

START_TEST(direct_after_and_inversion)
{
	tu_result r;
	run(&r, "Customs chief Maria Lopes visited the crossing on Monday.\n\n"
		"\xE2\x80\x9CWe will keep the lanes open through the winter,\xE2\x80\x9D said "
		"Lopes.\n\n"
		"\xE2\x80\x9CNobody wants a closed border,\xE2\x80\x9D Lopes said on Tuesday.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "keep the lanes open");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Maria Lopes");
	ck_assert_str_eq(tu_span_text(a, q.cue), "said");
	ck_assert_str_eq(q.cue_lemma, "say");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "Lopes");
	/* The content keeps its marks. */
	ck_assert(strncmp(content(a, &q), "\xE2\x80\x9CWe will", 7) == 0);
	q = quote_with(a, "Nobody wants");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Maria Lopes");
	tu_free(&r);
}
END_TEST

START_TEST(direct_before_with_colon)
{
	tu_result r;
	run(&r, "Interior Minister Tomas Berg said: \xE2\x80\x9CThe checks will stay until the "
		"spring.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "checks will stay");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Tomas Berg");
	ck_assert_str_eq(q.cue_lemma, "say");
	tu_free(&r);
}
END_TEST

START_TEST(apposition)
{
	tu_result r;
	run(&r, "Jonas Weller, a senior analyst at the Harbor Policy Institute, said the "
		"new rules would slow trade for months.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "would slow trade");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	SPEAKER_IS(q, "Jonas Weller");
	tu_free(&r);
}
END_TEST

START_TEST(inversion_with_title)
{
	tu_result r;
	run(&r, "\xE2\x80\x9CThe port is safe again,\xE2\x80\x9D said the minister, who toured "
		"the docks.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "port is safe");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "minister");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "the minister");
	tu_free(&r);
}
END_TEST

START_TEST(groups)
{
	tu_result r;
	run(&r, "Obama administration officials say the talks have stalled over customs fees.\n\n"
		"The White House said Friday it expects a deal before the summer.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "talks have stalled");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	SPEAKER_IS(q, "Obama administration officials");
	ck_assert_str_eq(q.cue_lemma, "say");
	q = quote_with(a, "expects a deal");
	SPEAKER_IS(q, "White House");
	/* "Friday" is when it was said, not what. */
	ck_assert(strncmp(content(a, &q), "it expects", 10) == 0);
	tu_free(&r);
}
END_TEST

START_TEST(title_only)
{
	tu_result r;
	run(&r, "White House spokesman Jay Carney met reporters on Monday.\n\n"
		"President Barack Obama\xE2\x80\x99s spokesman said the fees are a threat to "
		"small farms.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "fees are a threat");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span),
			 "President Barack Obama\xE2\x80\x99s spokesman");
	/* Never Obama himself. */
	ck_assert_ptr_nonnull(q.speaker);
	ck_assert_str_ne(q.speaker, "Barack Obama");
	tu_free(&r);
}
END_TEST

START_TEST(pronoun_after_two_people)
{
	tu_result r;
	run(&r, "Senator Helen Marsh met Governor Peter Quist in the capital on Monday.\n\n"
		"Marsh said the state must hire more inspectors. She added that the money "
		"was already in the budget.\n\n"
		"Quist disagreed. He said the budget had no room for new staff.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "money was already");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	SPEAKER_IS(q, "Helen Marsh");
	ck_assert_str_eq(q.cue_lemma, "add");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span), "She");
	q = quote_with(a, "no room for new staff");
	SPEAKER_IS(q, "Peter Quist");
	tu_free(&r);
}
END_TEST

START_TEST(pronoun_follows_the_speaker)
{
	tu_result r;
	run(&r, "Daniel Ortega Ruiz is a trade lawyer in the capital. He says the new fees "
		"break the regional agreement.\n\n"
		"\xE2\x80\x9CThey cannot do this without a vote,\xE2\x80\x9D he said.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "break the regional");
	SPEAKER_IS(q, "Daniel Ortega Ruiz");
	q = quote_with(a, "without a vote");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Daniel Ortega Ruiz");
	tu_free(&r);
}
END_TEST

START_TEST(multi_paragraph)
{
	tu_result r;
	run(&r, "Mayor Anne Kowalski spoke at length on Monday.\n\n"
		"\xE2\x80\x9CWe asked for help three times and heard nothing back.\n\n"
		"\xE2\x80\x9CSo we built the levee ourselves, with our own money.\n\n"
		"\xE2\x80\x9CNow they want us to pay the fees as well,\xE2\x80\x9D she said.\n\n"
		"The council meets again next week.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "asked for help");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	/* One quotation running over the three paragraphs. */
	const char *c = content(a, &q);
	ck_assert_ptr_nonnull(strstr(c, "built the levee"));
	ck_assert_ptr_nonnull(strstr(c, "pay the fees"));
	SPEAKER_IS(q, "Anne Kowalski");
	ck_assert(!has_quote_with(a, "council meets"));
	tu_free(&r);
}
END_TEST

START_TEST(two_apostrophes)
{
	tu_result r;
	run(&r, "''This isn't reform, it is a toll,'' said Mr. Hallam, a shipping "
		"executive. ''It's a tax on every truck.''");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "This isn't reform");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Hallam");
	/* The sentence after the attribution continues the same quotation. */
	ck_assert_ptr_nonnull(strstr(content(a, &q), "tax on every truck"));
	/* The apostrophe in "isn't" closed nothing. */
	ck_assert(strncmp(content(a, &q), "''This", 6) == 0);
	tu_free(&r);
}
END_TEST

START_TEST(mismatched_marks)
{
	tu_result r;
	run(&r, "\xE2\x80\x9CThe queue was six hours long,\" driver Ivan Petrov said.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "six hours long");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Ivan Petrov");
	const char *c = content(a, &q);
	ck_assert(c[strlen(c) - 1] == '"');
	tu_free(&r);
}
END_TEST

START_TEST(nested_singles)
{
	tu_result r;
	run(&r, "\xE2\x80\x9CThey told us \xE2\x80\x98wait another week\xE2\x80\x99 and "
		"then closed the office,\xE2\x80\x9D said Rosa Diaz.");
	const nr_article *a = r.articles[0];
	ck_assert_uint_eq(nr_article_quote_count(a), 1);
	nr_quote_info q = quote_with(a, "wait another week");
	ck_assert_ptr_nonnull(strstr(content(a, &q), "closed the office"));
	SPEAKER_IS(q, "Rosa Diaz");
	tu_free(&r);
}
END_TEST

START_TEST(unattributed)
{
	tu_result r;
	run(&r, "The bridge reopened on Monday after a week of repairs.\n\n"
		"\xE2\x80\x9CIt is about time somebody fixed this road for good.\xE2\x80\x9D\n\n"
		"Traffic was light.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "about time");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	ck_assert_ptr_null(q.speaker);
	ck_assert_uint_eq(q.cue.end, 0);
	ck_assert_str_eq(q.cue_lemma, "");
	/* Scare quotes are not speech. */
	tu_free(&r);
	run(&r, "The so-called \xE2\x80\x9Cgreen lane\xE2\x80\x9D opened on Monday.");
	ck_assert_uint_eq(nr_article_quote_count(r.articles[0]), 0);
	tu_free(&r);
}
END_TEST

START_TEST(according_to)
{
	tu_result r;
	run(&r, "According to the port authority, the fees raised $4 million last year.\n\n"
		"The crossing handles 900 trucks a day, according to customs officials.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "fees raised");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	ck_assert_str_eq(q.cue_lemma, "according to");
	ck_assert_ptr_nonnull(q.speaker);
	ck_assert_ptr_nonnull(strstr(q.speaker, "port authority"));
	q = quote_with(a, "900 trucks");
	ck_assert_str_eq(tu_span_text(a, q.content), "The crossing handles 900 trucks a day");
	SPEAKER_IS(q, "customs officials");
	tu_free(&r);
}
END_TEST

START_TEST(mixed)
{
	tu_result r;
	run(&r, "Trade Minister Sofia Brandt has repeatedly called the agreement "
		"\xE2\x80\x9C"
		"badly outdated.\xE2\x80\x9D\n\n"
		"Prime Minister Karl Osten said Friday the neighbours \xE2\x80\x9C"
		"cannot keep changing the rules.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "badly outdated");
	ck_assert_int_eq(q.kind, NR_QUOTE_MIXED);
	SPEAKER_IS(q, "Sofia Brandt");
	ck_assert_str_eq(q.cue_lemma, "call");
	q = quote_with(a, "cannot keep changing");
	ck_assert_int_eq(q.kind, NR_QUOTE_MIXED);
	SPEAKER_IS(q, "Karl Osten");
	/* The reported clause, with its quoted part. */
	ck_assert(strncmp(content(a, &q), "the neighbours", 14) == 0);
	tu_free(&r);
}
END_TEST

START_TEST(interrupted_quote)
{
	tu_result r;
	run(&r, "\xE2\x80\x9CWe are ready,\xE2\x80\x9D Colonel Ana Reis said, \xE2\x80\x9C"
		"and we will open the gates at dawn.\xE2\x80\x9D");
	const nr_article *a;
	a = r.articles[0];
	ck_assert_uint_eq(nr_article_quote_count(a), 1);
	nr_quote_info q = quote_with(a, "We are ready");
	ck_assert_ptr_nonnull(strstr(content(a, &q), "gates at dawn"));
	SPEAKER_IS(q, "Ana Reis");
	tu_free(&r);
	/* A setting between the parts does not split the quotation. */
	run(&r, "\xE2\x80\x9CWe are ready,\xE2\x80\x9D Colonel Ana Reis said during a visit to "
		"the northern crossing, \xE2\x80\x9C"
		"and the gates open at dawn.\xE2\x80\x9D");
	a = r.articles[0];
	ck_assert_uint_eq(nr_article_quote_count(a), 1);
	q = quote_with(a, "We are ready");
	ck_assert_ptr_nonnull(strstr(content(a, &q), "gates open at dawn"));
	tu_free(&r);
}
END_TEST

START_TEST(coordinated_verbs)
{
	tu_result r;
	run(&r, "After the vote, Councillor Mara Lind stood up and said, \xE2\x80\x9CThis "
		"budget leaves the harbour without a plan.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "leaves the harbour");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Mara Lind");
	ck_assert_str_eq(q.cue_lemma, "say");
	tu_free(&r);
}
END_TEST

START_TEST(cue_lemmas_and_told)
{
	tu_result r;
	run(&r, "Chief Inspector Lena Vogt told reporters the smugglers were using "
		"forged permits.\n\n"
		"The ministry denies claims that it ignored the warnings.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "smugglers were using");
	ck_assert_str_eq(q.cue_lemma, "tell");
	SPEAKER_IS(q, "Lena Vogt");
	/* The addressee is not part of what was said. */
	ck_assert(strncmp(content(a, &q), "the smugglers", 13) == 0);
	q = quote_with(a, "ignored the warnings");
	ck_assert_str_eq(q.cue_lemma, "deny");
	tu_free(&r);
}
END_TEST

START_TEST(no_speech)
{
	tu_result r;
	run(&r, "The river rose two metres overnight. Roads to the north were closed, and "
		"schools will stay shut until Thursday.");
	ck_assert_uint_eq(nr_article_quote_count(r.articles[0]), 0);
	tu_free(&r);
}
END_TEST

START_TEST(fixture_article)
{
	tu_result r;
	tu_read_fixture(&r, "quotes/harbour.txt", NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_int_eq(nr_article_analyze((nr_article *)a, lex), NR_OK);
	nr_quote_info q = quote_with(a, "dredging has to start");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Elena Marquez");
	/* The next paragraph, a quote with no attribution, is hers too. */
	q = quote_with(a, "ships will go elsewhere");
	SPEAKER_IS(q, "Elena Marquez");
	q = quote_with(a, "the figures were exaggerated");
	SPEAKER_IS(q, "Tomas Lind");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	/* Quotes come sorted by content start. */
	size_t n = nr_article_quote_count(a);
	size_t prev = 0;
	for (size_t i = 0; i < n; i++) {
		nr_article_quote(a, i, &q);
		ck_assert_uint_ge(q.content.start, prev);
		ck_assert_uint_le(q.content.end, strlen(tu_text(a)));
		prev = q.content.start;
	}
	tu_free(&r);
}
END_TEST

START_TEST(seed_article)
{
	tu_result r;
	tu_read_fixture(&r, "../../examples/articles/voa-haqqani.txt", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	nr_article *a = r.articles[0];
	ck_assert_int_eq(nr_article_analyze(a, lex), NR_OK);
	nr_quote_info q = quote_with(a, "it is critical that Pakistan break any links");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	SPEAKER_IS(q, "Jay Carney");
	q = quote_with(a, "group was responsible for last week");
	SPEAKER_IS(q, "Jay Carney");
	ck_assert_str_eq(q.cue_lemma, "tell");
	q = quote_with(a, "Haqqani militants operate from safe havens");
	SPEAKER_IS(q, "Jay Carney");
	q = quote_with(a, "the network is a threat to the United States");
	ck_assert_str_ne(q.speaker ? q.speaker : "", "Barack Obama");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span),
			 "President Barack Obama\xE2\x80\x99s spokesman");
	q = quote_with(a, "veritable arm");
	ck_assert_int_eq(q.kind, NR_QUOTE_MIXED);
	SPEAKER_IS(q, "Mike Mullen");
	q = quote_with(a, "Islamabad has not acted");
	SPEAKER_IS(q, "Obama administration officials");
	q = quote_with(a, "While we can continue to cooperate");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Jeffrey Dressler");
	q = quote_with(a, "They know that they would lose");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Jeffrey Dressler");
	q = quote_with(a, "the most recent attacks are endangering");
	SPEAKER_IS(q, "Jeffrey Dressler");
	q = quote_with(a, "could lose an ally");
	SPEAKER_IS(q, "Hina Rabbani Khar");
	q = quote_with(a, "complicated");
	ck_assert_int_eq(q.kind, NR_QUOTE_MIXED);
	SPEAKER_IS(q, "Jay Carney");
	ck_assert_str_eq(q.cue_lemma, "call");
	q = quote_with(a, "can\xE2\x80\x99t live without us");
	ck_assert_int_eq(q.kind, NR_QUOTE_MIXED);
	SPEAKER_IS(q, "Yousuf Raza Gilani");
	q = quote_with(a, "accusations that it helps the militants");
	ck_assert_str_eq(q.cue_lemma, "deny");
	SPEAKER_IS(q, "Pakistan");
	/* The White House "calling on" Pakistan to act is a demand, not a
	 * quotation. */
	ck_assert(!has_quote_with(a, "break any links it has with the militant"));
	tu_free(&r);
}
END_TEST

START_TEST(hostile_marks_and_volume)
{
	/* Thousands of quotes, stray and unbalanced marks of every style:
	 * linear time, sorted and in-bounds output. */
	/* Each paragraph carries its number: the reader drops repeated
	 * paragraphs as page furniture. */
	size_t n = 4000, cap = n * 96 + 64, len = 0;
	char *body = malloc(cap);
	ck_assert_ptr_nonnull(body);
	for (size_t i = 0; i < n; i++) {
		int w = 0;
		switch (i % 5) {
		case 0:
			w = snprintf(body + len, cap - len,
				     "\xE2\x80\x9CWe will rebuild road %zu,"
				     "\xE2\x80\x9D said Mayor Anne Kowalski.",
				     i);
			break;
		case 1:
			w = snprintf(body + len, cap - len,
				     "She said the council approved plan %zu "
				     "and that \xE2\x80\x9C"
				     "work starts soon.",
				     i);
			break;
		case 2:
			w = snprintf(body + len, cap - len,
				     "\" \" \xE2\x80\x9C \xE2\x80\x9D '' "
				     "\xE2\x80\x98 \xE2\x80\x9D \" \xE2\x80\x9C stray %zu",
				     i);
			break;
		case 3:
			w = snprintf(body + len, cap - len,
				     "The spokesman said figure %zu was wrong, "
				     "according to officials.",
				     i);
			break;
		default:
			w = snprintf(body + len, cap - len,
				     "\xE2\x80\x9D\xE2\x80\x9D\xE2\x80\x9C"
				     "\xE2\x80\x9C '' ' ' \xE2\x80\x99 it\xE2\x80\x99s %zu",
				     i);
			break;
		}
		ck_assert(w > 0 && (size_t)w < cap - len);
		len += (size_t)w;
		w = snprintf(body + len, cap - len, "\n\n");
		len += (size_t)w;
	}
	tu_result r;
	run(&r, body);
	free(body);
	const nr_article *a = r.articles[0];
	size_t nq = nr_article_quote_count(a), tl = strlen(tu_text(a));
	ck_assert_uint_ge(nq, n / 5 * 2);
	size_t prev = 0;
	for (size_t i = 0; i < nq; i++) {
		nr_quote_info q;
		ck_assert_int_eq(nr_article_quote(a, i, &q), NR_OK);
		ck_assert_uint_ge(q.content.start, prev);
		ck_assert_uint_lt(q.content.start, q.content.end);
		ck_assert_uint_le(q.content.end, tl);
		ck_assert_uint_le(q.speaker_span.end, tl);
		ck_assert_uint_le(q.cue.end, tl);
		prev = q.content.start;
	}
	tu_free(&r);
}
END_TEST

START_TEST(transcript_turns)
{
	tu_result r;
	run(&r,
	    "UPDATE: This story has been corrected.\n\n"
	    "Senator Ruth Okafor spoke to the station on Sunday. A partial transcript follows.\n\n"
	    "MARTA LINDQVIST: Will you vote for the harbour bill?\n\n"
	    "\"OKAFOR: Not in its present form. The \xE2\x80\x9C"
	    "fee schedule\xE2\x80\x9D is unfair.\n\n"
	    "LINDQVIST: So what would change your mind?\n\n"
	    "OKAFOR: A cap on the fees, and I said so last week.");
	const nr_article *a = r.articles[0];
	ck_assert(!has_quote_with(a, "has been corrected"));
	nr_quote_info q = quote_with(a, "vote for the harbour");
	ck_assert_int_eq(q.kind, NR_QUOTE_DIRECT);
	SPEAKER_IS(q, "Marta Lindqvist");
	ck_assert_str_eq(content(a, &q), "Will you vote for the harbour bill?");
	q = quote_with(a, "present form");
	SPEAKER_IS(q, "Ruth Okafor");
	/* The marks inside a turn are the speaker's, not a quote of their own. */
	ck_assert_ptr_nonnull(strstr(content(a, &q), "is unfair"));
	q = quote_with(a, "change your mind");
	SPEAKER_IS(q, "Marta Lindqvist");
	q = quote_with(a, "cap on the fees");
	SPEAKER_IS(q, "Ruth Okafor");
	ck_assert_uint_eq(nr_article_quote_count(a), 4);
	tu_free(&r);
}
END_TEST

START_TEST(pronoun_skips_openers_and_chains)
{
	tu_result r;
	/* The person in an opening phrase is not the subject. */
	run(&r, "In an interview with Peter Hall on Friday, Tomas Berg praised the crews.\n\n"
		"\xE2\x80\x9CWe will fix this pier by spring,\xE2\x80\x9D he said.");
	nr_quote_info q = quote_with(r.articles[0], "fix this pier");
	SPEAKER_IS(q, "Tomas Berg");
	tu_free(&r);
	/* A sentence led by the same pronoun hands over to the one before:
	 * the harbour master named at its end did not speak. */
	run(&r, "Tomas Berg toured the docks on Monday. He later walked the old pier with "
		"the harbour master, David Lund.\n\n"
		"\xE2\x80\x9CWe will fix this pier by spring,\xE2\x80\x9D he said.");
	q = quote_with(r.articles[0], "fix this pier");
	SPEAKER_IS(q, "Tomas Berg");
	tu_free(&r);
	/* A possessor is not the subject either. */
	run(&r, "Maria Costa spoke after the vote. Her plan was cheaper than Anna Lind's.\n\n"
		"\xE2\x80\x9CThe numbers speak for themselves,\xE2\x80\x9D she said.");
	q = quote_with(r.articles[0], "numbers speak");
	SPEAKER_IS(q, "Maria Costa");
	tu_free(&r);
}
END_TEST

START_TEST(bare_verb_after_a_is_a_noun)
{
	tu_result r;
	run(&r, "Maria Lopez is describing as \xE2\x80\x9Creckless\xE2\x80\x9D a Peter Hall tweet "
		"attacking the harbour board. She says his temper is \xE2\x80\x9C"
		"a danger to the port.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	ck_assert(!has_quote_with(a, "attacking the harbour"));
	nr_quote_info q = quote_with(a, "danger to the port");
	SPEAKER_IS(q, "Maria Lopez");
	tu_free(&r);
}
END_TEST

START_TEST(speaker_name_without_modifiers)
{
	tu_result r;
	/* Words glued in front of a name are not part of it. */
	run(&r, "Crooked Maria Lopez said the count was wrong.\n\n"
		"Rival Peter Hall said the count was fine.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "was wrong");
	SPEAKER_IS(q, "Maria Lopez");
	q = quote_with(a, "was fine");
	SPEAKER_IS(q, "Peter Hall");
	tu_free(&r);
}
END_TEST

START_TEST(two_apostrophes_after_plural)
{
	tu_result r;
	/* The first apostrophe after "mechanics" looks like a plural
	 * possessive; with the second it closes the quotation. */
	run(&r, "''I admire the mechanics'' of the harbour plan, Mr. Lindgren said. "
		"''The details are sound.''");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "admire the mechanics");
	ck_assert_ptr_null(strstr(content(a, &q), "Lindgren"));
	SPEAKER_IS(q, "Lindgren");
	q = quote_with(a, "details are sound");
	SPEAKER_IS(q, "Lindgren");
	tu_free(&r);
}
END_TEST

START_TEST(roles_before_names)
{
	tu_result r;
	run(&r,
	    "\xE2\x80\x9CWe are open to working with both parties,\xE2\x80\x9D White House press "
	    "secretary Jon Ericson said at a briefing Monday.\n\n"
	    "\xE2\x80\x9CThe delay hurts us a little,\xE2\x80\x9D said Republican party boss Karl "
	    "Nyberg, though he added more.\n\n"
	    "The state\xE2\x80\x99s campaign chairman, Per Lund, said he cannot comment on the "
	    "letter.");
	const nr_article *a = r.articles[0];
	/* "press" is no speech verb here: it modifies "secretary". */
	nr_quote_info q = quote_with(a, "open to working");
	SPEAKER_IS(q, "Jon Ericson");
	ck_assert_str_eq(tu_span_text(a, q.speaker_span),
			 "White House press secretary Jon Ericson");
	q = quote_with(a, "delay hurts");
	SPEAKER_IS(q, "Karl Nyberg");
	/* A role named by its apposition is that person. */
	q = quote_with(a, "cannot comment");
	SPEAKER_IS(q, "Per Lund");
	tu_free(&r);
}
END_TEST

START_TEST(descriptions_and_links)
{
	tu_result r;
	run(&r,
	    "Jean Roux, the foreign minister of France, a permanent member of the council, "
	    "said the port's latest \"move cannot be left without consequences.\"\n\n"
	    "On Monday, the mayor, a Democrat, said the fees were too high.\n\n"
	    "\xE2\x80\x9CThe impact of the debate is small,\xE2\x80\x9D wrote Camilla Eastwood for "
	    "Morning Consult.");
	const nr_article *a = r.articles[0];
	/* Two descriptions after the name: the name speaks. */
	nr_quote_info q = quote_with(a, "left without consequences");
	SPEAKER_IS(q, "Jean Roux");
	/* An opening phrase before a role is not a name. */
	q = quote_with(a, "fees were too high");
	SPEAKER_IS(q, "mayor");
	/* A name before "for Body" speaks for the body. */
	q = quote_with(a, "debate is small");
	SPEAKER_IS(q, "Camilla Eastwood");
	tu_free(&r);
}
END_TEST

START_TEST(more_speech_verbs)
{
	tu_result r;
	run(&r, "\xE2\x80\x9CGo back to the studio,\xE2\x80\x9D Lind barked as guards led the "
		"anchor out.\n\n"
		"\xE2\x80\x9CNot again,\xE2\x80\x9D Marta Holm snapped.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "back to the studio");
	SPEAKER_IS(q, "Lind");
	q = quote_with(a, "Not again");
	SPEAKER_IS(q, "Marta Holm");
	tu_free(&r);
}
END_TEST

/* Accusing, denying, urging and threatening report what was said even
 * when their object is a noun phrase, not a clause. */
START_TEST(speech_acts_with_objects)
{
	tu_result r;
	run(&r, "Senator Ines Varga accused the port authority of hiding the audit.\n\n"
		"The ministry on Tuesday denied the allegations.\n\n"
		"Mayor Olaf Brandt urged the council to reopen the bridge.\n\n"
		"The embassy denied him a visa.\n\n"
		"The talks were accused of going nowhere.\n\n"
		"Senator Ines Varga accused the mayor of lying, and Mayor Olaf Brandt said the "
		"senator was to blame.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "the port authority of hiding");
	SPEAKER_IS(q, "Ines Varga");
	ck_assert_str_eq(q.cue_lemma, "accuse");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	q = quote_with(a, "the allegations");
	ck_assert_str_eq(q.cue_lemma, "deny");
	q = quote_with(a, "the council to reopen");
	SPEAKER_IS(q, "Olaf Brandt");
	ck_assert_str_eq(q.cue_lemma, "urge");
	/* A quote all the same: rules tell withholding from denying. */
	q = quote_with(a, "him a visa");
	ck_assert_str_eq(q.cue_lemma, "deny");
	/* The act's object ends where the next clause starts. */
	q = quote_with(a, "the mayor of lying");
	SPEAKER_IS(q, "Ines Varga");
	q = quote_with(a, "senator was to blame");
	SPEAKER_IS(q, "Olaf Brandt");
	/* Passive: nobody is named as speaking. */
	const char *t = tu_text(a);
	for (size_t i = 0; i < nr_article_quote_count(a); i++) {
		ck_assert_int_eq(nr_article_quote(a, i, &q), NR_OK);
		ck_assert_ptr_null(
		    strstr(t + q.content.start, "going nowhere") == t + q.content.start ? t : NULL);
	}
	tu_free(&r);
}
END_TEST

START_TEST(they_groups)
{
	tu_result r;
	run(&r,
	    "Harbour critics, like Senators Anna Berg and Karl Lind, see the vote as a chance "
	    "to fix the rules. They sent a letter on Thursday to the board.\n\n"
	    "\"The program has become plagued by fraud,\" they wrote.\n\n"
	    "Republicans had called the hearing because they felt the port authority was not "
	    "being forthcoming.\n\n"
	    "The new cranes may not be entirely safe, they argue, but the older ones are worse.");
	const nr_article *a = r.articles[0];
	/* "They sent" hands over to the sentence before: the critics. */
	nr_quote_info q = quote_with(a, "plagued by fraud");
	SPEAKER_IS(q, "Harbour critics");
	/* The clause subject before "they" in the same sentence. */
	q = quote_with(a, "not being forthcoming");
	SPEAKER_IS(q, "Republicans");
	/* "..., they argue, ...": what comes before is what was said. */
	if (has_quote_with(a, "older ones are worse")) {
		q = quote_with(a, "older ones are worse");
		ck_assert(q.speaker == NULL || strcmp(q.speaker, "new cranes") != 0);
	}
	tu_free(&r);
}
END_TEST

START_TEST(first_person_contraction_is_no_name)
{
	tu_result r;
	run(&r, "I\xE2\x80\x99ve said that the harbour fees are far too high for small boats.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "harbour fees");
	ck_assert_ptr_null(q.speaker);
	tu_free(&r);
}
END_TEST

START_TEST(lone_surname_speaker_for_she)
{
	/* A surname the first-names list also knows ("Grant", "Dale") says
	 * nothing of sex when used alone; and "the Grant campaign" does not
	 * make the woman seen speaking elsewhere an organisation. */
	tu_result r;
	run(&r,
	    "At least that\xE2\x80\x99s what the Grant campaign now hopes.\n\n"
	    "\xE2\x80\x9CWe will not back down,\xE2\x80\x9D Grant said.\n\n"
	    "\xE2\x80\x9C"
	    "Both plans matter,\xE2\x80\x9D said Tobin, an aide.\n\n"
	    "On Monday night, Grant leaned in hard on the budget. She started with the port fees. "
	    "She then turned to the schools.\n\n"
	    "\xE2\x80\x9CWhy won\xE2\x80\x99"
	    "t he show his accounts?\xE2\x80\x9D"
	    " she said.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "show his accounts");
	SPEAKER_IS(q, "Grant");
	tu_free(&r);
}
END_TEST

START_TEST(writings_speak)
{
	/* A ruling, a letter or an advertisement can be the source, as
	 * written: "said the ruling", "the letter says". */
	tu_result r;
	run(&r,
	    "The appeals court sided with the harbour workers on Friday.\n\n"
	    "\"A town cannot close a pier by failing to repair it,\" said the ruling.\n\n"
	    "The union sent the mayor a letter. \"The cranes are unsafe and everyone knows it,\" "
	    "the letter says.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "close a pier");
	SPEAKER_IS(q, "ruling");
	q = quote_with(a, "cranes are unsafe");
	SPEAKER_IS(q, "letter");
	tu_free(&r);
}
END_TEST

START_TEST(group_modifiers_and_owners)
{
	/* A sentence-initial modifier stays with its group ("Police
	 * officials"), and "they" can be a body its owner names
	 * ("Okafor's campaign ... what they call"). */
	tu_result r;
	run(&r,
	    "Police officials said a second device was found near the pier.\n\n"
	    "The campaign says the candidate will announce plans on Friday.\n\n"
	    "It is the latest in a series of speeches. Okafor\xE2\x80\x99s campaign is seeking to "
	    "contrast her approach with what they call Lind\xE2\x80\x99s \xE2\x80\x9C"
	    "selfish message.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "second device");
	SPEAKER_IS(q, "Police officials");
	q = quote_with(a, "selfish message");
	SPEAKER_IS(q, "Okafor\xE2\x80\x99s campaign");
	tu_free(&r);
}
END_TEST

START_TEST(sung_words_are_quoted)
{
	tu_result r;
	run(&r, "\xE2\x80\x9C"
		"Keep your lanterns lit tonight,\xE2\x80\x9D Marta Holm sings to the crowd.\n\n"
		"\xE2\x80\x9C"
		"Open the gates,\xE2\x80\x9D the protesters chanted.\n\n"
		"\xE2\x80\x9C"
		"We see the port offering hope,\xE2\x80\x9D the letter reads.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "lanterns lit");
	SPEAKER_IS(q, "Marta Holm");
	q = quote_with(a, "Open the gates");
	SPEAKER_IS(q, "protesters");
	q = quote_with(a, "offering hope");
	SPEAKER_IS(q, "letter");
	tu_free(&r);
}
END_TEST

START_TEST(clause_then_subject_said)
{
	/* "CLAUSE, X said." with nothing said after the verb, and the
	 * quotation that goes on in the same paragraph. A clause led by a
	 * preposition is a frame, not content. */
	tu_result r;
	run(&r, "Ana Okafor chairs the port board.\n\n"
		"The port may be slow to act while the minister talks with the union, Okafor said. "
		"\"The other factor is money.\"\n\n"
		"The cranes are unsafe, senior officials said on Friday.\n\n"
		"After the long meeting, Okafor said.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "slow to act while the minister");
	SPEAKER_IS(q, "Ana Okafor");
	ck_assert_int_eq(q.kind, NR_QUOTE_INDIRECT);
	q = quote_with(a, "other factor is money");
	SPEAKER_IS(q, "Ana Okafor");
	q = quote_with(a, "cranes are unsafe");
	SPEAKER_IS(q, "senior officials");
	ck_assert(!has_quote_with(a, "long meeting"));
	tu_free(&r);
}
END_TEST

START_TEST(colon_frame_inverted_or_after_dash)
{
	/* "Stated X:" and "— X called them on it:" closing the paragraph
	 * before a quoted one. */
	tu_result r;
	run(&r,
	    "Karl Moss spoke on the radio on Monday.\n\n"
	    "Stated Moss:\n\n"
	    "\xE2\x80\x9CI think that the stakes are high for the harbour.\xE2\x80\x9D\n\n"
	    "The moderators took the bait, and how tempting that was!\xE2\x80\x94 Ana Okafor "
	    "called them on it:\n\n"
	    "\xE2\x80\x9CThe questions asked show why people do not trust the media.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "stakes are high");
	SPEAKER_IS(q, "Karl Moss");
	q = quote_with(a, "do not trust the media");
	SPEAKER_IS(q, "Ana Okafor");
	tu_free(&r);
}
END_TEST

START_TEST(role_with_place_after_quote)
{
	/* "“...” a narrator in the Okafor ad asks": the role and where it
	 * is, as written; the name inside is not the speaker. */
	tu_result r;
	run(&r,
	    "Ana Okafor has a new advertisement about the harbour.\n\n"
	    "\xE2\x80\x9CYou work hard. So why did the port not pay?\xE2\x80\x9D a narrator in the "
	    "Okafor ad asks.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "port not pay");
	SPEAKER_IS(q, "narrator in the Okafor ad");
	tu_free(&r);
}
END_TEST

START_TEST(age_and_home_town_after_name)
{
	/* "X, 59, of Ashton, Md., who ..., said": the person, not the town. */
	tu_result r;
	run(&r,
	    "Anna Berg Holm, 59, of Ashton, Md., who watched the ceremony on a screen, said the "
	    "event brought back memories of her father.\n\n"
	    "Karl Moss, of Dover, Del., said the harbour had never looked better.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "memories of her father");
	SPEAKER_IS(q, "Anna Berg Holm");
	q = quote_with(a, "never looked better");
	SPEAKER_IS(q, "Karl Moss");
	tu_free(&r);
}
END_TEST

START_TEST(quote_paragraph_after_lead_in)
{
	/* A paragraph that is only a quotation takes the subject of the
	 * sentence closing the paragraph before it. */
	tu_result r;
	run(&r, "Mayor Karl Moss was joined on Monday by the baker Ana Okafor.\n\n"
		"Okafor praised the mayor\xE2\x80\x99s work after the flood and his way with the "
		"council.\n\n"
		"\xE2\x80\x9CWe need someone who will cut through the noise and bring people "
		"together.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "cut through the noise");
	SPEAKER_IS(q, "Ana Okafor");
	tu_free(&r);
}
END_TEST

START_TEST(as_x_put_it)
{
	/* "“...,” as X put it": the speaker after "as". */
	tu_result r;
	run(&r,
	    "The main rule for the harbour fund is a \"lawful source of income,\" as a Home Office "
	    "memo put it.\n\n"
	    "\xE2\x80\x9CIt is a mess,\xE2\x80\x9D as Karl Lind put it.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "lawful source of income");
	SPEAKER_IS(q, "Home Office memo");
	q = quote_with(a, "It is a mess");
	SPEAKER_IS(q, "Karl Lind");
	tu_free(&r);
}
END_TEST

START_TEST(second_frame_ends_content)
{
	/* "X said A and Y said B": A ends before the second frame. */
	tu_result r;
	run(&r,
	    "Republicans said they are convinced the ministry mishandled the case and Democrats "
	    "said the opposition was stoking the issue for its own gain.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "mishandled the case");
	SPEAKER_IS(q, "Republicans");
	ck_assert(strstr(content(a, &q), "Democrats") == NULL);
	q = quote_with(a, "stoking the issue");
	SPEAKER_IS(q, "Democrats");
	tu_free(&r);
}
END_TEST

START_TEST(noun_form_of_cue_is_no_frame)
{
	/* "state", "report" before "is" are nouns: no speaker "York". */
	tu_result r;
	run(&r, "That is why she is so angry that New York state is shortchanging the harbour "
		"schools.\n\n"
		"The report was late, and the mayor said the port would wait.");
	const nr_article *a = r.articles[0];
	ck_assert(!has_quote_with(a, "shortchanging"));
	nr_quote_info q = quote_with(a, "port would wait");
	SPEAKER_IS(q, "mayor");
	tu_free(&r);
}
END_TEST

START_TEST(rated_as_and_plural_noun_after_of)
{
	/* "X rated 32% of Harbour claims as “false”": X speaks; "claims"
	 * after "of ..." is a noun, not a verb with a subject. */
	tu_result r;
	run(&r, "FactDesk rated 32% of Harbour claims as \xE2\x80\x9C"
		"false\xE2\x80\x9D compared to 11% "
		"of Dock claims.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "false");
	SPEAKER_IS(q, "FactDesk");
	tu_free(&r);
}
END_TEST

START_TEST(time_between_subject_and_verb)
{
	/* "The Times on Saturday wrote that X had ...": the paper speaks,
	 * not the X of the reported clause. */
	tu_result r;
	run(&r, "The Ledger on Saturday wrote that Karl Lind had claimed a loss of $9 million.\n\n"
		"Ana Okafor last week said the port would close.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "claimed a loss");
	SPEAKER_IS(q, "Ledger");
	q = quote_with(a, "port would close");
	SPEAKER_IS(q, "Ana Okafor");
	tu_free(&r);
}
END_TEST

START_TEST(pairs_and_conditional_openers)
{
	/* Two people joined by "and" speak as a group that "they" can
	 * name; "Should X ..., Y worry" opens with a condition. */
	tu_result r;
	run(&r,
	    "Senators Karl Moss and Ana Okafor wrote to the port board on Monday.\n\n"
	    "But Mr. Moss and Ms. Okafor say other changes are needed.\n\n"
	    "The fund has grown well beyond its original intent, they say.\n\n"
	    "Should the harbour company run into trouble, environmentalists worry that the cost "
	    "could fall to taxpayers. Unlike the old owner, the company has few investors, they "
	    "say.");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "other changes are needed");
	SPEAKER_IS(q, "Karl Moss and Ana Okafor");
	q = quote_with(a, "beyond its original intent");
	SPEAKER_IS(q, "Karl Moss and Ana Okafor");
	q = quote_with(a, "few investors");
	SPEAKER_IS(q, "environmentalists");
	tu_free(&r);
}
END_TEST

START_TEST(participle_frame_takes_clause_subject)
{
	/* "..., saying his “...”": the subject of the clause the
	 * participle hangs on, not a noun such as "a court order". */
	tu_result r;
	run(&r, "In August, several environmental groups granted Mr. Lind an extension on a court "
		"order "
		"to treat runoff from a former mine, saying his \"start-up capital was less than "
		"expected.\"\n\n"
		"Ana Okafor\xE2\x80\x99s campaign manager Jo Marsh said as much on Monday, arguing "
		"that Lind "
		"\xE2\x80\x9Clashed out at the dockers.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "start-up capital");
	SPEAKER_IS(q, "several environmental groups");
	q = quote_with(a, "lashed out");
	SPEAKER_IS(q, "Jo Marsh");
	tu_free(&r);
	/* The clause after a quotation in the same sentence. */
	run(&r,
	    "\"The harbour people do not agree with Lind,\" Okafor said, suggesting a few "
	    "questions, including, \"Mr. Lind, do you really think the port needs a tax break?\"");
	a = r.articles[0];
	q = quote_with(a, "port needs a tax break");
	SPEAKER_IS(q, "Okafor");
	tu_free(&r);
}
END_TEST

START_TEST(colon_closing_paragraph_before)
{
	tu_result r;
	run(&r,
	    "On July 6, 2015, Anna Berg made the following comment:\n\n"
	    "\xE2\x80\x9C"
	    "For young people who have left school, the jobless rate is 33 percent.\xE2\x80\x9D\n\n"
	    "The woman\xE2\x80\x99s enthusiasm for Lind is recorded in detail:\n\n"
	    "\xE2\x80\x9CHere comes the boss, here he comes.\xE2\x80\x9D");
	const nr_article *a = r.articles[0];
	nr_quote_info q = quote_with(a, "jobless rate");
	SPEAKER_IS(q, "Anna Berg");
	/* Lind is what the sentence is about, not who speaks. */
	q = quote_with(a, "Here comes the boss");
	ck_assert(q.speaker == NULL || strcmp(q.speaker, "Lind") != 0);
	tu_free(&r);
}
END_TEST

/* ---- hostile input (issue 11, case 10): one sentence, repeated --------- */

/* `unit` `reps` times, then `tail` (malloc'd). */
static char *repeated(const char *unit, size_t reps, const char *tail)
{
	size_t n = strlen(unit), tn = strlen(tail);
	char *t = malloc(reps * n + tn + 1);
	ck_assert_ptr_nonnull(t);
	for (size_t i = 0; i < reps; i++)
		memcpy(t + i * n, unit, n);
	memcpy(t + reps * n, tail, tn + 1);
	return t;
}

/* How many quotes name `speaker`. */
static size_t quotes_by(const nr_article *a, const char *speaker)
{
	size_t n = 0;
	for (size_t i = 0; i < nr_article_quote_count(a); i++) {
		nr_quote_info q;
		ck_assert_int_eq(nr_article_quote(a, i, &q), NR_OK);
		n += q.speaker && !strcmp(q.speaker, speaker);
	}
	return n;
}

START_TEST(comma_chain_no_recursion)
{
	/* A subject reached through commas asked again at every comma: a
	 * sentence of 100,000 commas before "said" overflowed the stack. */
	tu_result r;
	char *t = repeated(", ", 100000, "said it.");
	run(&r, t);
	ck_assert_uint_eq(nr_article_quote_count(r.articles[0]), 0);
	tu_free(&r);
	free(t);
}
END_TEST

START_TEST(long_sentence_of_quotes)
{
	/* One sentence of interrupted quotes, each framed: whether a frame
	 * precedes a quote was a walk from the sentence start per quote. The
	 * sentence's quotes run together; all are Smith's. */
	tu_result r;
	char *t = repeated("\u201cWe will stay,\u201d said Smith, \u201cand fight,\u201d ", 5000,
			   "");
	run(&r, t);
	size_t nq = nr_article_quote_count(r.articles[0]);
	ck_assert_uint_ge(nq, 1);
	ck_assert_uint_eq(quotes_by(r.articles[0], "Smith"), nq);
	tu_free(&r);
	free(t);
	/* Pronoun speakers in one sentence: each search for who "she" is
	 * went back over every quote before it. */
	t = repeated("\u201cWe will stay,\u201d she said ", 5000, "");
	char *t2 = malloc(strlen(t) + 32);
	ck_assert_ptr_nonnull(t2);
	sprintf(t2, "Ana Lind spoke. %s.", t);
	run(&r, t2);
	nq = nr_article_quote_count(r.articles[0]);
	ck_assert_uint_ge(nq, 1);
	ck_assert_uint_eq(quotes_by(r.articles[0], "Ana Lind"), nq);
	tu_free(&r);
	free(t2);
	free(t);
	/* Reported speech: "CLAUSE, X said" looked back to the sentence
	 * start for its comma at every cue. */
	t = repeated("said Smith ", 20000, ".");
	run(&r, t);
	tu_free(&r);
	free(t);
}
END_TEST

Suite *quotes_suite(void)
{
	Suite *s = suite_create("quotes");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, lex_setup, lex_teardown);
	tcase_add_test(tc, direct_after_and_inversion);
	tcase_add_test(tc, speech_acts_with_objects);
	tcase_add_test(tc, direct_before_with_colon);
	tcase_add_test(tc, apposition);
	tcase_add_test(tc, inversion_with_title);
	tcase_add_test(tc, groups);
	tcase_add_test(tc, title_only);
	tcase_add_test(tc, pronoun_after_two_people);
	tcase_add_test(tc, pronoun_follows_the_speaker);
	tcase_add_test(tc, multi_paragraph);
	tcase_add_test(tc, two_apostrophes);
	tcase_add_test(tc, mismatched_marks);
	tcase_add_test(tc, nested_singles);
	tcase_add_test(tc, unattributed);
	tcase_add_test(tc, according_to);
	tcase_add_test(tc, mixed);
	tcase_add_test(tc, interrupted_quote);
	tcase_add_test(tc, coordinated_verbs);
	tcase_add_test(tc, cue_lemmas_and_told);
	tcase_add_test(tc, no_speech);
	tcase_add_test(tc, fixture_article);
	tcase_add_test(tc, seed_article);
	tcase_add_test(tc, hostile_marks_and_volume);
	tcase_add_test(tc, transcript_turns);
	tcase_add_test(tc, pronoun_skips_openers_and_chains);
	tcase_add_test(tc, bare_verb_after_a_is_a_noun);
	tcase_add_test(tc, speaker_name_without_modifiers);
	tcase_add_test(tc, two_apostrophes_after_plural);
	tcase_add_test(tc, roles_before_names);
	tcase_add_test(tc, descriptions_and_links);
	tcase_add_test(tc, more_speech_verbs);
	tcase_add_test(tc, they_groups);
	tcase_add_test(tc, first_person_contraction_is_no_name);
	tcase_add_test(tc, colon_closing_paragraph_before);
	tcase_add_test(tc, lone_surname_speaker_for_she);
	tcase_add_test(tc, writings_speak);
	tcase_add_test(tc, group_modifiers_and_owners);
	tcase_add_test(tc, sung_words_are_quoted);
	tcase_add_test(tc, clause_then_subject_said);
	tcase_add_test(tc, colon_frame_inverted_or_after_dash);
	tcase_add_test(tc, role_with_place_after_quote);
	tcase_add_test(tc, age_and_home_town_after_name);
	tcase_add_test(tc, quote_paragraph_after_lead_in);
	tcase_add_test(tc, as_x_put_it);
	tcase_add_test(tc, second_frame_ends_content);
	tcase_add_test(tc, noun_form_of_cue_is_no_frame);
	tcase_add_test(tc, rated_as_and_plural_noun_after_of);
	tcase_add_test(tc, time_between_subject_and_verb);
	tcase_add_test(tc, pairs_and_conditional_openers);
	tcase_add_test(tc, participle_frame_takes_clause_subject);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_unchecked_fixture(tc, lex_setup, lex_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, comma_chain_no_recursion);
	tcase_add_test(tc, long_sentence_of_quotes);
	suite_add_tcase(s, tc);
	return s;
}

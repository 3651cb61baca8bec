/* check_entities.c - people, organisations and places, their titles and
 * officialness, and coreference of their mentions. */
#include "testutil.h"

#include "base/base.h"
#include "lexicon/lexicon.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static nr_lexicon *lex;

static void setup(void) { ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK); }

static void teardown(void)
{
	nr_lexicon_free(lex);
	lex = NULL;
}

/*
 * Structure every analysed article must have: mentions inside the text,
 * each entity's mentions in text order and not overlapping each other.
 */
static void check_invariants(const nr_article *a)
{
	size_t len;
	nr_article_text(a, &len);
	size_t n = nr_article_entity_count(a);
	for (size_t i = 0; i < n; i++) {
		nr_entity_info e;
		ck_assert_int_eq(nr_article_entity(a, i, &e), NR_OK);
		ck_assert_ptr_nonnull(e.name);
		ck_assert(e.name[0] != '\0');
		ck_assert(e.type >= NR_ENTITY_PERSON && e.type <= NR_ENTITY_LOCATION);
		ck_assert_ptr_nonnull(e.title);
		ck_assert_ptr_nonnull(e.affiliation);
		ck_assert_uint_gt(e.mention_count, 0);
		size_t prev = 0;
		for (size_t j = 0; j < e.mention_count; j++) {
			nr_span s = nr_article_entity_mention(a, i, j);
			ck_assert_uint_lt(s.start, s.end);
			ck_assert_uint_le(s.end, len);
			ck_assert_uint_ge(s.start, prev);
			prev = s.end;
		}
		if (e.type != NR_ENTITY_PERSON)
			ck_assert(!e.official);
	}
}

static nr_article *analyse(const char *text)
{
	nr_article *a = NULL;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(a, lex), NR_OK);
	check_invariants(a);
	return a;
}

/* Index of the entity with this name (case-insensitive), or -1. */
static long find(const nr_article *a, const char *name)
{
	size_t n = nr_article_entity_count(a);
	for (size_t i = 0; i < n; i++) {
		nr_entity_info e;
		nr_article_entity(a, i, &e);
		if (strcasecmp(e.name, name) == 0)
			return (long)i;
	}
	return -1;
}

static nr_entity_info get(const nr_article *a, const char *name)
{
	nr_entity_info e;
	memset(&e, 0, sizeof(e));
	long i = find(a, name);
	ck_assert_msg(i >= 0, "no entity '%s'", name);
	nr_article_entity(a, (size_t)i, &e);
	return e;
}

static void expect(const nr_article *a, const char *name, nr_entity_type type)
{
	nr_entity_info e = get(a, name);
	ck_assert_msg(e.type == type, "'%s' is %s, want %s", name, nr_entity_type_name(e.type),
		      nr_entity_type_name(type));
}

static void absent(const nr_article *a, const char *name)
{
	ck_assert_msg(find(a, name) < 0, "unexpected entity '%s'", name);
}

/* The text of mention j of the named entity. */
static const char *mention(const nr_article *a, const char *name, size_t j)
{
	static char buf[256];
	long i = find(a, name);
	ck_assert(i >= 0);
	nr_span s = nr_article_entity_mention(a, (size_t)i, j);
	const char *t = nr_article_text(a, NULL);
	size_t n = s.end - s.start < sizeof(buf) - 1 ? s.end - s.start : sizeof(buf) - 1;
	memcpy(buf, t + s.start, n);
	buf[n] = '\0';
	return buf;
}

START_TEST(title_before_name)
{
	nr_article *a = analyse("White House Press Secretary Gary Lindqvist said on Friday the "
				"talks would continue. Lindqvist told reporters the offer stood.");
	nr_entity_info e = get(a, "Gary Lindqvist");
	ck_assert_int_eq(e.type, NR_ENTITY_PERSON);
	ck_assert_str_eq(e.title, "Press Secretary");
	ck_assert_str_eq(e.affiliation, "White House");
	ck_assert(e.official);
	ck_assert_uint_eq(e.mention_count, 2);
	ck_assert_str_eq(mention(a, "Gary Lindqvist", 0), "Gary Lindqvist");
	ck_assert_str_eq(mention(a, "Gary Lindqvist", 1), "Lindqvist");
	expect(a, "White House", NR_ENTITY_ORGANIZATION);
	absent(a, "Press Secretary");
	absent(a, "Friday");
	nr_article_free(a);
}
END_TEST

START_TEST(demonym_affiliation)
{
	nr_article *a = analyse("Pakistani Prime Minister Tariq Hamid Lodhi spoke in Lahore. "
				"Lodhi said the border would stay open.");
	nr_entity_info e = get(a, "Tariq Hamid Lodhi");
	ck_assert_str_eq(e.title, "Prime Minister");
	ck_assert_str_eq(e.affiliation, "Pakistan");
	ck_assert(e.official);
	ck_assert_uint_eq(e.mention_count, 2);
	expect(a, "Lahore", NR_ENTITY_LOCATION);
	/* An adjective of nationality names no place by itself. */
	absent(a, "Pakistan");
	absent(a, "Pakistani");
	nr_article_free(a);
}
END_TEST

/* Party labels and plural titles go before the name, not into it. */
START_TEST(party_labels)
{
	nr_article *a = analyse(
	    "Republican Dana Whitcombe said the plan was a mistake. Democrat Orla Pyne "
	    "disagreed, and Sens. Ivo Marsh and Kit Brandt stayed silent. Tory Alma Quist "
	    "and former minister Piet Vonk MP left early.");
	nr_entity_info e = get(a, "Dana Whitcombe");
	ck_assert_str_eq(e.title, "Republican");
	get(a, "Orla Pyne");
	get(a, "Ivo Marsh");
	absent(a, "Republican Dana Whitcombe");
	absent(a, "Democrat Orla Pyne");
	absent(a, "Sens. Ivo Marsh");
	get(a, "Alma Quist");
	get(a, "Piet Vonk");
	absent(a, "Piet Vonk MP");
	nr_article_free(a);
	/* A verb opening a sentence can open a name ("Ban", "Rob"), and a
	 * two-syllable given name keeps its hyphen ("Ki-moon"). */
	a = analyse("Ban Ji-woo, the trade minister, said talks would resume. "
		    "Rob Ostrander said nothing. Ban the vote, critics said.");
	expect(a, "Ban Ji-woo", NR_ENTITY_PERSON);
	expect(a, "Rob Ostrander", NR_ENTITY_PERSON);
	absent(a, "Ban the vote");
	nr_article_free(a);
}
END_TEST

START_TEST(rank_and_surname)
{
	nr_article *a = analyse("Admiral Ruth Okonkwo said the ships had left port. Reporters "
				"asked about the plan. Admiral Okonkwo declined to comment, and "
				"Okonkwo later left.");
	nr_entity_info e = get(a, "Ruth Okonkwo");
	ck_assert_str_eq(e.title, "Admiral");
	ck_assert(e.official);
	ck_assert_uint_eq(e.mention_count, 3);
	ck_assert_str_eq(mention(a, "Ruth Okonkwo", 1), "Okonkwo");
	absent(a, "Okonkwo");
	absent(a, "Admiral Okonkwo");
	absent(a, "Reporters");
	nr_article_free(a);
}
END_TEST

START_TEST(title_with_of)
{
	nr_article *a = analyse("Secretary of State Laura Feinmann met the envoy on Tuesday.");
	nr_entity_info e = get(a, "Laura Feinmann");
	ck_assert_str_eq(e.title, "Secretary of State");
	ck_assert(e.official);
	absent(a, "State Laura Feinmann");
	absent(a, "Tuesday");
	nr_article_free(a);
}
END_TEST

START_TEST(apposition_analyst)
{
	nr_article *a = analyse("Martin Oyelaran, a senior analyst at the London-based Centre for "
				"the Study of Markets, said prices would rise. Oyelaran says "
				"the trend is clear.");
	nr_entity_info e = get(a, "Martin Oyelaran");
	ck_assert_str_eq(e.title, "senior analyst");
	ck_assert_str_eq(e.affiliation, "Centre for the Study of Markets");
	ck_assert(!e.official);
	ck_assert_uint_eq(e.mention_count, 2);
	expect(a, "Centre for the Study of Markets", NR_ENTITY_ORGANIZATION);
	expect(a, "London", NR_ENTITY_LOCATION);
	absent(a, "London-based Centre");
	nr_article_free(a);
}
END_TEST

START_TEST(copula_title)
{
	nr_article *a = analyse("Dana Whitlock is a senior analyst at the Institute for Coastal "
				"Research. She says storms are getting worse.");
	nr_entity_info e = get(a, "Dana Whitlock");
	ck_assert_str_eq(e.title, "senior analyst");
	ck_assert_str_eq(e.affiliation, "Institute for Coastal Research");
	ck_assert(!e.official);
	nr_article_free(a);
}
END_TEST

START_TEST(spokesman_depends_on_body)
{
	nr_article *a = analyse("White House spokesman Paul Renner repeated the offer. A company "
				"spokesman, Ivo Balic, declined to comment.");
	nr_entity_info e = get(a, "Paul Renner");
	ck_assert_str_eq(e.title, "spokesman");
	ck_assert_str_eq(e.affiliation, "White House");
	ck_assert(e.official);
	e = get(a, "Ivo Balic");
	ck_assert(!e.official);
	nr_article_free(a);
}
END_TEST

START_TEST(sentence_starts_are_not_names)
{
	nr_article *a = analyse("Officials said the bridge was closed. Despite the rain, crowds "
				"gathered. Meanwhile, the mayor stayed home. Yesterday Nairobi "
				"was calm. Rebecca Odhiambo said she was not worried.");
	absent(a, "Officials");
	absent(a, "Despite");
	absent(a, "Meanwhile");
	absent(a, "Yesterday");
	absent(a, "Yesterday Nairobi");
	expect(a, "Nairobi", NR_ENTITY_LOCATION);
	expect(a, "Rebecca Odhiambo", NR_ENTITY_PERSON);
	ck_assert_uint_eq(nr_article_entity_count(a), 2);
	nr_article_free(a);
}
END_TEST

START_TEST(surname_at_sentence_start)
{
	nr_article *a = analyse("The plan came from Henrik Vaszary. Vaszary told reporters it "
				"would work.");
	nr_entity_info e = get(a, "Henrik Vaszary");
	ck_assert_uint_eq(e.mention_count, 2);
	ck_assert_str_eq(mention(a, "Henrik Vaszary", 1), "Vaszary");
	absent(a, "The");
	nr_article_free(a);
}
END_TEST

START_TEST(possessives)
{
	nr_article *a = analyse("Pakistan\xe2\x80\x99s government rejected Kenya's claim. "
				"Nigeria\xe2\x80\x99s envoy said nothing.");
	expect(a, "Pakistan", NR_ENTITY_LOCATION);
	expect(a, "Kenya", NR_ENTITY_LOCATION);
	expect(a, "Nigeria", NR_ENTITY_LOCATION);
	ck_assert_str_eq(mention(a, "Pakistan", 0), "Pakistan");
	ck_assert_str_eq(mention(a, "Kenya", 0), "Kenya");
	ck_assert_str_eq(mention(a, "Nigeria", 0), "Nigeria");
	nr_article_free(a);
}
END_TEST

START_TEST(hyphenated_forms)
{
	nr_article *a = analyse("The al-Qaida-linked group struck again. The U.S.-Pakistani "
				"relationship is strained, and Pakistan wants help from "
				"Washington-based lenders.");
	expect(a, "al-Qaida", NR_ENTITY_ORGANIZATION);
	ck_assert_str_eq(mention(a, "al-Qaida", 0), "al-Qaida");
	expect(a, "United States", NR_ENTITY_LOCATION);
	ck_assert_str_eq(mention(a, "United States", 0), "U.S.");
	nr_entity_info e = get(a, "Pakistan");
	ck_assert_uint_eq(e.mention_count, 2);
	ck_assert_str_eq(mention(a, "Pakistan", 0), "Pakistani");
	expect(a, "Washington", NR_ENTITY_LOCATION);
	absent(a, "al-Qaida-linked");
	absent(a, "Washington-based");
	nr_article_free(a);
}
END_TEST

START_TEST(washington_city_or_government)
{
	nr_article *a = analyse("Washington said it would respond. Protesters marched in "
				"Washington on Sunday.");
	nr_entity_info e = get(a, "Washington");
	ck_assert_int_eq(e.type, NR_ENTITY_LOCATION);
	ck_assert_uint_eq(e.mention_count, 2);
	ck_assert_uint_eq(nr_article_entity_count(a), 1);
	nr_article_free(a);
}
END_TEST

START_TEST(headline_case_and_caps)
{
	nr_article *a = analyse("Minister Warns Of Tough Times Ahead For Farmers\n\n"
				"MARKETS RALLY AS OIL PRICES FALL\n\n"
				"Farm incomes fell again in Kenya, the agriculture minister said.");
	absent(a, "Warns");
	absent(a, "Tough Times");
	absent(a, "Times");
	absent(a, "Farmers");
	absent(a, "MARKETS");
	absent(a, "OIL");
	absent(a, "MARKETS RALLY");
	expect(a, "Kenya", NR_ENTITY_LOCATION);
	ck_assert_uint_eq(nr_article_entity_count(a), 1);
	nr_article_free(a);
}
END_TEST

START_TEST(caps_line_with_known_name)
{
	/* A name an ALL-CAPS line shares with the body still counts. */
	nr_article *a = analyse("TALKS STALL IN GENEVA\n\n"
				"Delegates left Geneva without a deal.");
	nr_entity_info e = get(a, "Geneva");
	ck_assert_int_eq(e.type, NR_ENTITY_LOCATION);
	ck_assert_uint_eq(e.mention_count, 2);
	absent(a, "TALKS");
	nr_article_free(a);
}
END_TEST

START_TEST(acronyms)
{
	nr_article *a = analyse("Officials from NATO and the CIA met members of the KDRP in "
				"Brussels after World War II memorials were opened. The US and "
				"UK sent envoys.");
	expect(a, "NATO", NR_ENTITY_ORGANIZATION);
	expect(a, "CIA", NR_ENTITY_ORGANIZATION);
	expect(a, "KDRP", NR_ENTITY_ORGANIZATION);
	expect(a, "Brussels", NR_ENTITY_LOCATION);
	expect(a, "United States", NR_ENTITY_LOCATION);
	expect(a, "United Kingdom", NR_ENTITY_LOCATION);
	absent(a, "II");
	absent(a, "World War II");
	ck_assert_uint_eq(nr_article_entity_count(a), 6);
	absent(a, "Officials");
	nr_article_free(a);
}
END_TEST

START_TEST(organisation_cues)
{
	nr_article *a = analyse("Fighters of the militant Karimabad Network crossed the border, "
				"the Ministry of Water Resources said. The Joint Chiefs of Staff "
				"and the Velland Farmers Union disagreed, as did Tessaro Holdings "
				"Inc.");
	expect(a, "Karimabad Network", NR_ENTITY_ORGANIZATION);
	expect(a, "Ministry of Water Resources", NR_ENTITY_ORGANIZATION);
	expect(a, "Joint Chiefs of Staff", NR_ENTITY_ORGANIZATION);
	expect(a, "Velland Farmers Union", NR_ENTITY_ORGANIZATION);
	absent(a, "Fighters");
	nr_article_free(a);
}
END_TEST

START_TEST(org_word_joins_org)
{
	nr_article *a = analyse("The Karimabad Network denied it. Karimabad fighters were seen "
				"near the town.");
	nr_entity_info e = get(a, "Karimabad Network");
	ck_assert_uint_eq(e.mention_count, 2);
	absent(a, "Karimabad");
	nr_article_free(a);
}
END_TEST

START_TEST(honorifics)
{
	nr_article *a = analyse("Mr. Brankovic arrived late, and Sen. Hollister left early. "
				"Brankovic said nothing.");
	expect(a, "Brankovic", NR_ENTITY_PERSON);
	expect(a, "Hollister", NR_ENTITY_PERSON);
	nr_entity_info e = get(a, "Hollister");
	ck_assert(e.official);
	e = get(a, "Brankovic");
	ck_assert(!e.official);
	ck_assert_uint_eq(e.mention_count, 2);
	nr_article_free(a);
}
END_TEST

START_TEST(speech_verb_subject)
{
	nr_article *a = analyse("\xe2\x80\x9cWe will not move,\xe2\x80\x9d said Oduya. "
				"The port reopened on Monday.");
	expect(a, "Oduya", NR_ENTITY_PERSON);
	absent(a, "We");
	absent(a, "Monday");
	nr_article_free(a);
}
END_TEST

START_TEST(scores_table)
{
	nr_article *a = analyse("Chicago 5 Boston 3 , Denver 2 Seattle 1 .");
	expect(a, "Chicago", NR_ENTITY_ORGANIZATION);
	expect(a, "Seattle", NR_ENTITY_ORGANIZATION);
	nr_article_free(a);
}
END_TEST

START_TEST(place_led_name)
{
	nr_article *a = analyse("She wrote for the Denver Courier before the Tokyo Open began.");
	absent(a, "Denver");
	absent(a, "Tokyo");
	nr_article_free(a);
}
END_TEST

START_TEST(title_inside_run)
{
	nr_article *a = analyse("The House of Lords ruled on Monday. New Home Secretary Carl "
				"Brandt vowed to appeal. Labour MP Ines Carvalho agreed with "
				"Brandt.");
	expect(a, "House of Lords", NR_ENTITY_ORGANIZATION);
	nr_entity_info e = get(a, "Carl Brandt");
	ck_assert_str_eq(e.title, "Home Secretary");
	ck_assert(e.official);
	ck_assert_uint_eq(e.mention_count, 2);
	e = get(a, "Ines Carvalho");
	ck_assert_str_eq(e.title, "MP");
	ck_assert_str_eq(e.affiliation, "Labour");
	absent(a, "New");
	absent(a, "House");
	absent(a, "Lords");
	nr_article_free(a);
}
END_TEST

START_TEST(office_beats_honorific)
{
	nr_article *a = analyse("Mr Okafor arrived on Monday. Finance Minister Emeka Okafor said "
				"the budget was ready.");
	nr_entity_info e = get(a, "Emeka Okafor");
	ck_assert_str_eq(e.title, "Finance Minister");
	ck_assert(e.official);
	ck_assert_uint_eq(e.mention_count, 2);
	nr_article_free(a);
}
END_TEST

START_TEST(lists_and_common_nouns)
{
	nr_article *a = analyse("The tour visits Manchester, Wexbury and Tollcaster. Inmates at "
				"Harwick Prison wrote to the prison governor about Radio "
				"programmes, and the radio stayed on.");
	expect(a, "Manchester", NR_ENTITY_LOCATION);
	expect(a, "Wexbury", NR_ENTITY_LOCATION);
	expect(a, "Tollcaster", NR_ENTITY_LOCATION);
	/* "prison" and "radio" are written in lower case too. */
	nr_entity_info e = get(a, "Harwick Prison");
	ck_assert(e.type != NR_ENTITY_PERSON);
	absent(a, "Radio");
	absent(a, "Inmates");
	nr_article_free(a);
}
END_TEST

START_TEST(possessive_and_comma_titles)
{
	nr_article *a = analyse("Kenya's foreign minister, Amina Wairimu, said the talks had "
				"failed. Ministry of Defence spokesman Tom Hadley agreed. The "
				"company's chairman, Ivo Balic, declined to comment.");
	nr_entity_info e = get(a, "Amina Wairimu");
	ck_assert_str_eq(e.title, "foreign minister");
	ck_assert_str_eq(e.affiliation, "Kenya");
	ck_assert(e.official);
	e = get(a, "Tom Hadley");
	ck_assert_str_eq(e.title, "spokesman");
	ck_assert_str_eq(e.affiliation, "Ministry of Defence");
	ck_assert(e.official);
	e = get(a, "Ivo Balic");
	ck_assert_str_eq(e.title, "chairman");
	ck_assert(!e.official);
	nr_article_free(a);
}
END_TEST

START_TEST(seed_article)
{
	tu_result r;
	tu_read_fixture(&r, "../../examples/articles/voa-haqqani.txt", NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	nr_article *a = r.articles[0];
	ck_assert_int_eq(nr_article_analyze(a, lex), NR_OK);
	check_invariants(a);
	static const struct {
		const char *name;
		nr_entity_type type;
		int official; /* -1: not a person */
	} want[] = {
		{ "Jay Carney", NR_ENTITY_PERSON, 1 },
		{ "Barack Obama", NR_ENTITY_PERSON, 1 },
		{ "Mike Mullen", NR_ENTITY_PERSON, 1 },
		{ "Hillary Clinton", NR_ENTITY_PERSON, 1 },
		{ "Jeffrey Dressler", NR_ENTITY_PERSON, 0 },
		{ "Hina Rabbani Khar", NR_ENTITY_PERSON, 1 },
		{ "Yousuf Raza Gilani", NR_ENTITY_PERSON, 1 },
		{ "White House", NR_ENTITY_ORGANIZATION, -1 },
		{ "Haqqani Network", NR_ENTITY_ORGANIZATION, -1 },
		{ "NATO", NR_ENTITY_ORGANIZATION, -1 },
		{ "ISI", NR_ENTITY_ORGANIZATION, -1 },
		{ "Joint Chiefs of Staff", NR_ENTITY_ORGANIZATION, -1 },
		{ "Institute for the Study of War", NR_ENTITY_ORGANIZATION, -1 },
		{ "al-Qaida", NR_ENTITY_ORGANIZATION, -1 },
		{ "Pakistan", NR_ENTITY_LOCATION, -1 },
		{ "Islamabad", NR_ENTITY_LOCATION, -1 },
		{ "Kabul", NR_ENTITY_LOCATION, -1 },
		{ "United States", NR_ENTITY_LOCATION, -1 },
		{ "Afghanistan", NR_ENTITY_LOCATION, -1 },
		{ "India", NR_ENTITY_LOCATION, -1 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		nr_entity_info e = get(a, want[i].name);
		ck_assert_msg(e.type == want[i].type, "%s: type %s", want[i].name,
			      nr_entity_type_name(e.type));
		if (want[i].official >= 0)
			ck_assert_msg(e.official == (want[i].official == 1), "%s: official %d",
				      want[i].name, e.official);
	}
	/* One entity per person, whatever the form. */
	absent(a, "Carney");
	absent(a, "Mullen");
	absent(a, "Admiral Mullen");
	absent(a, "Dressler");
	absent(a, "Obama");
	absent(a, "Haqqani");
	absent(a, "Friday");
	absent(a, "Thursday");
	nr_entity_info e = get(a, "Jay Carney");
	ck_assert_uint_eq(e.mention_count, 4);
	ck_assert_str_eq(e.title, "Press Secretary");
	ck_assert_str_eq(e.affiliation, "White House");
	e = get(a, "Mike Mullen");
	ck_assert_str_eq(e.title, "Admiral");
	ck_assert_uint_eq(e.mention_count, 3);
	e = get(a, "Jeffrey Dressler");
	ck_assert_str_eq(e.title, "senior analyst");
	ck_assert_str_eq(e.affiliation, "Institute for the Study of War");
	e = get(a, "Yousuf Raza Gilani");
	ck_assert_str_eq(e.affiliation, "Pakistan");
	e = get(a, "Hillary Clinton");
	ck_assert_str_eq(e.title, "Secretary of State");
	/* Every entity the gold standard would not list is at most optional. */
	size_t n = nr_article_entity_count(a);
	for (size_t i = 0; i < n; i++) {
		nr_entity_info x;
		nr_article_entity(a, i, &x);
		bool known = strcmp(x.name, "U.S. Embassy") == 0 ||
			     strcmp(x.name, "Washington") == 0;
		for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
			if (strcasecmp(x.name, want[k].name) == 0)
				known = true;
		ck_assert_msg(known, "unexpected entity '%s'", x.name);
	}
	tu_free(&r);
}
END_TEST

START_TEST(empty_and_odd_inputs)
{
	nr_article *a = analyse("");
	ck_assert_uint_eq(nr_article_entity_count(a), 0);
	nr_article_free(a);
	a = analyse("... \xe2\x80\x9c \xe2\x80\x9d - ' 's A. B. C. ---");
	nr_article_free(a);
	/* A long run of capitalised words stays bounded and linear. */
	char *big = malloc(200000);
	ck_assert_ptr_nonnull(big);
	size_t n = 0;
	while (n + 16 < 200000) {
		memcpy(big + n, "Alpha Beta-Gamma ", 17);
		n += 17;
	}
	big[n] = '\0';
	a = analyse(big);
	nr_article_free(a);
	/* One enormous hyphenated word: bounded work, no entity soup. */
	n = 0;
	while (n + 4 < 200000) {
		memcpy(big + n, "al-B", 4);
		n += 4;
	}
	memcpy(big + n, "-x", 3);
	a = analyse(big);
	ck_assert_uint_le(nr_article_entity_count(a), 8);
	nr_article_free(a);
	free(big);
}
END_TEST

START_TEST(lone_surname_seen_speaking)
{
	/* One name, one type: a surname seen speaking is a person where
	 * other mentions have little context ("the Okafor campaign"); a
	 * plural ("Herons said") or "said Brindco general manager" is no
	 * such evidence. A surname alone has no sex. */
	nr_article *a = analyse("That is what the Okafor campaign hopes.\n\n"
				"\"We will win,\" Okafor said.\n\n"
				"On Monday night, Okafor leaned in hard.\n\n"
				"The Herons lost again. Herons said the coach would stay.");
	nr_entity_info e = get(a, "Okafor");
	ck_assert_int_eq(e.type, NR_ENTITY_PERSON);
	ck_assert_uint_eq(e.mention_count, 3);
	long h = find(a, "Herons");
	if (h >= 0) {
		nr_entity_info he;
		nr_article_entity(a, (size_t)h, &he);
		ck_assert_int_ne(he.type, NR_ENTITY_PERSON);
	}
	nr_article_free(a);
}
END_TEST

START_TEST(analysis_is_stable)
{
	/* Analysing twice, or with the built-in lexicons, agrees. */
	const char *text = "Foreign Minister Ana Duarte met NATO officials in Lisbon.";
	nr_article *a = analyse(text);
	nr_article *b = NULL;
	ck_assert_int_eq(nr_article_from_text(&b, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(b, NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(b, NULL), NR_OK);
	ck_assert_uint_eq(nr_article_entity_count(a), nr_article_entity_count(b));
	nr_entity_info e = get(b, "Ana Duarte");
	ck_assert_str_eq(e.title, "Foreign Minister");
	ck_assert(e.official);
	nr_article_free(a);
	nr_article_free(b);
}
END_TEST

/* The facts behind "Prison" (written in lower case elsewhere: a common
 * noun) and "Vaszary" opening a sentence (capitalised reliably elsewhere:
 * a name). */
static void check_case_facts(const nr_article *a)
{
	nr_entity_info e = get(a, "Harwick Prison");
	ck_assert(e.type != NR_ENTITY_PERSON);
	absent(a, "Radio");
	ck_assert_uint_eq(get(a, "Henrik Vaszary").mention_count, 2);
	ck_assert_str_eq(mention(a, "Henrik Vaszary", 1), "Vaszary");
}

START_TEST(case_marks_and_sets_agree)
{
	/* What an article writes in lower case, or capitalised where capitals
	 * are reliable, is marked on the lexicon view's records of its words;
	 * a word too long for a record sends the questions to sets built for
	 * the article instead; a lexicon's warm view, that remembers the words
	 * of the analysis before, answers as a fresh one. Same answers all. */
	const char *base = "Inmates at Harwick Prison wrote to the prison governor about Radio "
			   "programmes, and the radio stayed on. The plan came from Henrik "
			   "Vaszary. Vaszary told reporters it would work.";
	size_t n = strlen(base);
	char *text = malloc(n + 1100);
	ck_assert_ptr_nonnull(text);
	memcpy(text, base, n);
	memcpy(text + n, " Then ", 6);
	memset(text + n + 6, 'q', 1000);
	memcpy(text + n + 1006, ".", 2);
	for (int round = 0; round < 2; round++) {
		nr_article *a = analyse(base);
		check_case_facts(a);
		nr_article_free(a);
		a = analyse(text);
		check_case_facts(a);
		nr_article_free(a);
		/* Lower case is up to ASCII case after a lower-case first
		 * letter: "rADIO" is "Radio" in lower case. */
		a = analyse("Inmates wrote about Radio programmes, and the rADIO stayed on.");
		absent(a, "Radio");
		nr_article_free(a);
	}
	free(text);
}
END_TEST

/* ---- hostile input (issue 11, case 10): extraction stays linear -------- */

/* `unit` repeated to about `bytes` bytes, NUL-terminated (malloc'd). */
static char *repeated(const char *unit, size_t bytes)
{
	size_t n = strlen(unit), reps = bytes / n + 1;
	char *t = malloc(reps * n + 1);
	ck_assert_ptr_nonnull(t);
	for (size_t i = 0; i < reps; i++)
		memcpy(t + i * n, unit, n);
	t[reps * n] = '\0';
	return t;
}

/* The entity named `name`, or fails. */
static nr_entity_info entity_named(const nr_article *a, const char *name)
{
	nr_entity_info e;
	for (size_t i = 0; i < nr_article_entity_count(a); i++)
		if (nr_article_entity(a, i, &e) == NR_OK && !strcmp(e.name, name))
			return e;
	ck_abort_msg("no entity '%s'", name);
	return e;
}

START_TEST(repeated_names_linear)
{
	/* "Pakistan and Lahore." repeated: every decided name went into a
	 * table whose equal keys never matched, each insert probing the whole
	 * cluster (1 MB: 4.9 s, 2.1 MB: 29 s). One sentence of "U.S." ran a
	 * capitalised run to the sentence's end from every word. */
	char *t = repeated("Pakistan and Lahore. ", 400000);
	nr_article *a = analyse(t);
	ck_assert_uint_eq(nr_article_entity_count(a), 2);
	ck_assert_uint_eq(entity_named(a, "Pakistan").mention_count, 400000 / 21 + 1);
	ck_assert_uint_eq(entity_named(a, "Lahore").mention_count, 400000 / 21 + 1);
	nr_article_free(a);
	free(t);
	t = repeated("U.S. ", 200000);
	a = analyse(t);
	ck_assert_uint_eq(nr_article_entity_count(a), 1);
	ck_assert_uint_eq(entity_named(a, "United States").mention_count, 200000 / 5 + 1);
	nr_article_free(a);
	free(t);
}
END_TEST

START_TEST(colliding_keys)
{
	/* Names chosen so that their hashes share their low bits: every
	 * table of the extractor bounds its probes and rebuilds under
	 * another seed, and still tells every name apart. */
	enum { NW = 300 };
	static char words[NW][6];
	size_t nw = 0;
	char w[6] = "Zaaaa";
	for (int i = 0; i < 26 * 26 * 26 * 26 && nw < NW; i++) {
		w[1] = (char)('a' + i / (26 * 26 * 26));
		w[2] = (char)('a' + i / (26 * 26) % 26);
		w[3] = (char)('a' + i / 26 % 26);
		w[4] = (char)('a' + i % 26);
		if ((nr_hash__fold(w, 5) & 0x3ff) == 0)
			memcpy(words[nw++], w, 6);
	}
	ck_assert_uint_eq(nw, NW);
	char *t = malloc(NW * 64);
	ck_assert_ptr_nonnull(t);
	size_t n = 0;
	for (size_t k = 0; k < NW; k++)
		n += (size_t)sprintf(t + n, "Officials met Mr %s on Monday. %s left. ", words[k],
				     words[k]);
	nr_article *a = analyse(t);
	ck_assert_uint_eq(nr_article_entity_count(a), NW);
	for (size_t k = 0; k < NW; k++)
		ck_assert_uint_eq(entity_named(a, words[k]).mention_count, 2);
	nr_article_free(a);
	free(t);
}
END_TEST

/* "Mr", "Sir", "Dr" are forms of address, not offices: an entity's title
 * is an office the article gives it, or none. */
START_TEST(honorifics_are_no_titles)
{
	nr_article *a = analyse("Mr Haldane arrived on Monday. Sir Tomas Reyne toured the docks. "
				"Dr Ana Ruiz, the health minister, opened the clinic. Dame Olga "
				"Brandt, the Tory co-chairman, stayed away.");
	nr_entity_info e = get(a, "Haldane");
	ck_assert_str_eq(e.title, "");
	ck_assert(!e.official);
	e = get(a, "Tomas Reyne");
	ck_assert_str_eq(e.title, "");
	e = get(a, "Ana Ruiz");
	ck_assert_str_eq(e.title, "health minister");
	ck_assert(e.official);
	e = get(a, "Olga Brandt");
	ck_assert_str_eq(e.title, "Tory co-chairman");
	nr_article_free(a);
}
END_TEST

/* A description after the name is a title only when it reads as one. */
START_TEST(apposition_is_a_description)
{
	nr_article *a = analyse("Carla Denz, who is to become chairman, spoke first. Omar Hale, "
				"the former head of the agency, spoke next.");
	ck_assert_str_eq(get(a, "Carla Denz").title, "");
	ck_assert_str_eq(get(a, "Omar Hale").title, "former head");
	nr_article_free(a);
}
END_TEST

/* "the Labour MP for Greyhaven North": the constituency is a place, the
 * person is the MP. */
START_TEST(constituency_is_a_place)
{
	nr_article *a = analyse("Frank Mole, the Labour MP for Greyhaven North, said the plan was "
				"unfair. \"Why now?\" the Labour MP for Greyhaven North asked. "
				"Senator for Tasmania Ruth Orr agreed.");
	expect(a, "Frank Mole", NR_ENTITY_PERSON);
	expect(a, "Greyhaven North", NR_ENTITY_LOCATION);
	expect(a, "Tasmania", NR_ENTITY_LOCATION);
	nr_article_free(a);
}
END_TEST

/* Companies nobody introduces: the words around a name say it is a
 * company ("shares in X", "X's profits", "X, the accountancy firm", "X
 * chief executive Ana Lee", "the carmaker X", "X reported record
 * profits"), a lexicon knows the large ones, and every mention of one
 * name takes one type, whatever each alone suggests ("in X" a place, "X
 * said" a person). */
START_TEST(companies_from_context)
{
	nr_article *a = analyse(
	    "Shares in Brovia Universal fell 3% in Paris. Later Brovia Universal posted a loss, "
	    "and analysts said Brovia Universal would recover.\n\n"
	    "Acme Steel chief executive John Barker said the firm would invest. Talvar Hill, the "
	    "accountancy firm, said the market was weak. The carmaker Kestrel Motors said it would "
	    "build a plant, and Kestrel Motors shareholders will vote. Then Dorvale reported "
	    "record "
	    "profits. Honda said its profits rose. An analyst at Merrion Partners agreed, and "
	    "so did IBM Research.");
	expect(a, "Brovia Universal", NR_ENTITY_ORGANIZATION);
	ck_assert_uint_eq(get(a, "Brovia Universal").mention_count, 3);
	expect(a, "Acme Steel", NR_ENTITY_ORGANIZATION);
	expect(a, "John Barker", NR_ENTITY_PERSON);
	expect(a, "Talvar Hill", NR_ENTITY_ORGANIZATION);
	expect(a, "Kestrel Motors", NR_ENTITY_ORGANIZATION);
	expect(a, "Dorvale", NR_ENTITY_ORGANIZATION);
	expect(a, "Honda", NR_ENTITY_ORGANIZATION);
	expect(a, "Merrion Partners", NR_ENTITY_ORGANIZATION);
	/* A known company's initials open a longer name: one body. */
	expect(a, "IBM Research", NR_ENTITY_ORGANIZATION);
	absent(a, "IBM");
	/* One name, one entity: no second type for any of them. */
	size_t n = nr_article_entity_count(a), brovia = 0;
	for (size_t i = 0; i < n; i++) {
		nr_entity_info e;
		nr_article_entity(a, i, &e);
		brovia += strcmp(e.name, "Brovia Universal") == 0;
	}
	ck_assert_uint_eq(brovia, 1);
	nr_article_free(a);
}
END_TEST

/* Officials hold public office: ministers named by their brief are; a
 * company's chief executive or president is not; a government's chief
 * executive is. */
START_TEST(public_office_not_company_roles)
{
	nr_article *a = analyse(
	    "Trade and Industry Secretary Ana Holt met Work and Pensions Secretary Tom Reyes. "
	    "Acme Steel chief executive John Barker joined them, with Microsoft president Brad "
	    "Smith. Hong Kong Chief Executive Lam Wai spoke later, as did Cara Lund, chief "
	    "executive of the Harbour Trust.");
	nr_entity_info e = get(a, "Ana Holt");
	ck_assert_str_eq(e.title, "Trade and Industry Secretary");
	ck_assert(e.official);
	absent(a, "Industry");
	ck_assert(get(a, "Tom Reyes").official);
	ck_assert(!get(a, "John Barker").official);
	e = get(a, "Brad Smith");
	ck_assert_str_eq(e.affiliation, "Microsoft");
	ck_assert(!e.official);
	ck_assert(get(a, "Lam Wai").official);
	ck_assert(!get(a, "Cara Lund").official);
	nr_article_free(a);
}
END_TEST

/* A user's persons lexicon makes its names people whatever their words
 * say ("Jordan" a country, "Lula" a name alone), its aliases mentions of
 * the listed name; without it the same text reads otherwise. */
START_TEST(persons_lexicon)
{
	const char *text = "Jordan Henderson said the team would win on Sunday. Henderson "
			   "scored twice.\n\nLula told reporters in Brasilia that talks had "
			   "failed.";
	nr_article *a = analyse(text);
	ck_assert(find(a, "Jordan Henderson") < 0 ||
		  get(a, "Jordan Henderson").type != NR_ENTITY_PERSON);
	absent(a, "Luiz Inacio Lula da Silva");
	nr_article_free(a);
	const char *rows = "# people we follow\n"
			   "Jordan Henderson\n"
			   "Luiz Inacio Lula da Silva\tLula\n";
	ck_assert_int_eq(nr_lexicon__load(lex->set, "persons", rows, strlen(rows), "p.txt", NULL),
			 NR_OK);
	a = analyse(text);
	expect(a, "Jordan Henderson", NR_ENTITY_PERSON);
	nr_entity_info e = get(a, "Jordan Henderson");
	ck_assert_uint_eq(e.mention_count, 2);
	ck_assert_str_eq(mention(a, "Jordan Henderson", 1), "Henderson");
	expect(a, "Luiz Inacio Lula da Silva", NR_ENTITY_PERSON);
	ck_assert_str_eq(mention(a, "Luiz Inacio Lula da Silva", 0), "Lula");
	ck_assert_uint_eq(nr_article_quote_count(a), 2);
	nr_quote_info q;
	ck_assert_int_eq(nr_article_quote(a, 1, &q), NR_OK);
	ck_assert_str_eq(q.speaker, "Luiz Inacio Lula da Silva");
	nr_article_free(a);
}
END_TEST

Suite *entities_suite(void)
{
	Suite *s = suite_create("entities");
	TCase *tc = tcase_create("entities");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, title_before_name);
	tcase_add_test(tc, case_marks_and_sets_agree);
	tcase_add_test(tc, demonym_affiliation);
	tcase_add_test(tc, rank_and_surname);
	tcase_add_test(tc, party_labels);
	tcase_add_test(tc, title_with_of);
	tcase_add_test(tc, apposition_analyst);
	tcase_add_test(tc, copula_title);
	tcase_add_test(tc, spokesman_depends_on_body);
	tcase_add_test(tc, sentence_starts_are_not_names);
	tcase_add_test(tc, surname_at_sentence_start);
	tcase_add_test(tc, possessives);
	tcase_add_test(tc, hyphenated_forms);
	tcase_add_test(tc, washington_city_or_government);
	tcase_add_test(tc, headline_case_and_caps);
	tcase_add_test(tc, caps_line_with_known_name);
	tcase_add_test(tc, acronyms);
	tcase_add_test(tc, organisation_cues);
	tcase_add_test(tc, org_word_joins_org);
	tcase_add_test(tc, honorifics);
	tcase_add_test(tc, speech_verb_subject);
	tcase_add_test(tc, scores_table);
	tcase_add_test(tc, place_led_name);
	tcase_add_test(tc, title_inside_run);
	tcase_add_test(tc, office_beats_honorific);
	tcase_add_test(tc, lists_and_common_nouns);
	tcase_add_test(tc, possessive_and_comma_titles);
	tcase_add_test(tc, seed_article);
	tcase_add_test(tc, empty_and_odd_inputs);
	tcase_add_test(tc, analysis_is_stable);
	tcase_add_test(tc, lone_surname_seen_speaking);
	tcase_add_test(tc, honorifics_are_no_titles);
	tcase_add_test(tc, apposition_is_a_description);
	tcase_add_test(tc, constituency_is_a_place);
	tcase_add_test(tc, companies_from_context);
	tcase_add_test(tc, public_office_not_company_roles);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, repeated_names_linear);
	tcase_add_test(tc, colliding_keys);
	tcase_add_test(tc, persons_lexicon);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check_identity.c - the names that stay the same across articles: a
 * country's ISO 3166 alpha-3 code and listed name whatever alias the
 * article used, an organisation's lexicon id, a capital that acts standing
 * for its country; on entities, statement parties and alerts, and the
 * comparison `newsrules test` makes with them (nr_alert_names).
 */
#include "testutil.h"

#include "extract/extract.h"
#include "lexicon/lexicon.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nr_lexicon *lex;

static void setup(void) { ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK); }

static void teardown(void)
{
	nr_lexicon_free(lex);
	lex = NULL;
}

/* The id a name stands for as an actor's name, or "" for none. */
static const char *id_of(const char *name)
{
	static nr_lex_identity id;
	if (!nr_lexicon__identify(lex->set, name, strlen(name), &id))
		return "";
	return id.id;
}

START_TEST(lexicon_names_one_country)
{
	static const char *const usa[] = { "US",
					   "U.S.",
					   "United States",
					   "America",
					   "the US",
					   "USA",
					   "United States of America",
					   "Washington" };
	for (size_t i = 0; i < sizeof(usa) / sizeof(*usa); i++) {
		nr_lex_identity id;
		ck_assert_msg(nr_lexicon__identify(lex->set, usa[i], strlen(usa[i]), &id), "%s",
			      usa[i]);
		ck_assert_str_eq(id.id, "USA");
		ck_assert_str_eq(id.canonical, "United States");
	}
	/* "us" is a pronoun ("=US" is listed in its case); a demonym names
	 * people, not the country; a person is nobody's alias. */
	ck_assert_str_eq(id_of("us"), "");
	ck_assert_str_eq(id_of("Americans"), "");
	ck_assert_str_eq(id_of("George Washington"), "");
	ck_assert_str_eq(id_of("Washington State"), "");
	ck_assert_str_eq(id_of("Britain"), "GBR");
	ck_assert_str_eq(id_of("Moscow"), "RUS");
	ck_assert_str_eq(id_of("Kiev"), "UKR");
	/* A capital stands for its country where government_actors says
	 * news uses it so ("Moscow"), not by being a capital ("Lisbon",
	 * "Victoria" of the Seychelles, a name as often). */
	ck_assert_str_eq(id_of("Lisbon"), "");
	ck_assert_str_eq(id_of("Victoria"), "");
}
END_TEST

START_TEST(lexicon_names_one_organisation)
{
	ck_assert_str_eq(id_of("EU"), "org:european-union");
	ck_assert_str_eq(id_of("the European Union"), "org:european-union");
	ck_assert_str_eq(id_of("European Union"), "org:european-union");
	ck_assert_str_eq(id_of("NATO"), "org:north-atlantic-treaty-organization");
	ck_assert_str_eq(id_of("UN nuclear watchdog"), "org:international-atomic-energy-agency");
	ck_assert_str_eq(id_of("UNICEF"), "org:united-nations-childrens-fund");
	ck_assert_str_eq(id_of("M\xc3\xa9"
			       "decins Sans Fronti\xc3\xa8"
			       "res"),
			 "org:medecins-sans-frontieres");
	ck_assert_str_eq(id_of("MSF"), "org:medecins-sans-frontieres");
	/* Government actors: by their listed name; "Brussels" stands for
	 * the EU in government_actors.tsv, so it is no stand-in for Belgium. */
	ck_assert_str_eq(id_of("Number 10"), "gov:downing-street");
	ck_assert_str_eq(id_of("the White House"), "gov:white-house");
	ck_assert_str_eq(id_of("The Hague"), "");
	ck_assert_str_eq(id_of("the"), "");
	ck_assert_str_eq(id_of("White House"), "gov:white-house");
	ck_assert_str_eq(id_of("Brussels"), "gov:brussels");
	ck_assert_str_eq(id_of("who"), "");
}
END_TEST

typedef struct seen_ids {
	char id[1024][NR_LEX_ID_MAX];
	const char *canonical[1024];
	size_t n;
	bool full;
} seen_ids;

static int note_id(const nr_lex_entry *e, void *payload)
{
	seen_ids *s = payload;
	nr_lex_identity id;
	if (!nr_lexicon__identity_of(lex->set, e, &id))
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->id[i], id.id) != 0)
			continue;
		/* One id, one listed name. */
		ck_assert_msg(!strcmp(s->canonical[i], id.canonical), "%s: '%s' and '%s'", id.id,
			      s->canonical[i], id.canonical);
		return 0;
	}
	if (s->n == 1024) {
		s->full = true;
		return 1;
	}
	strcpy(s->id[s->n], id.id);
	s->canonical[s->n++] = id.canonical;
	return 0;
}

/* Every organisation and government actor of the data has an id of its
 * own, and every country its ISO code. */
START_TEST(ids_are_unique)
{
	static seen_ids s;
	static const int lexes[] = { NR_LEX_ORGANIZATIONS, NR_LEX_GOV_ACTORS, NR_LEX_COUNTRIES };
	for (size_t i = 0; i < sizeof(lexes) / sizeof(*lexes); i++) {
		memset(&s, 0, sizeof(s));
		nr_lexicon__foreach(lex->set, lexes[i], note_id, &s);
		ck_assert(!s.full);
		ck_assert_uint_gt(s.n, 60);
	}
	ck_assert_uint_gt(s.n, 240); /* the countries */
}
END_TEST

static nr_article *analysed(const char *text)
{
	nr_article *a = NULL;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(a, lex), NR_OK);
	return a;
}

/* The entity named `name` (as nr_entity_info gives it), or -1. */
static long entity(const nr_article *a, const char *name)
{
	for (size_t i = 0; i < nr_article_entity_count(a); i++) {
		nr_entity_info e;
		nr_article_entity(a, i, &e);
		if (!strcmp(e.name, name))
			return (long)i;
	}
	return -1;
}

static void expect_identity(const nr_article *a, const char *name, const char *want_id,
			    const char *want_canonical)
{
	long i = entity(a, name);
	ck_assert_msg(i >= 0, "no entity '%s'", name);
	const char *id, *canonical;
	ck_assert_int_eq(nr_article_entity_identity(a, (size_t)i, &id, &canonical), NR_OK);
	ck_assert_str_eq(id, want_id);
	ck_assert_str_eq(canonical, want_canonical);
}

START_TEST(entity_aliases_one_identity)
{
	nr_article *a = analysed("Trade\n\nThe US raised tariffs. U.S. officials said America "
				 "would not back down, and the United States would wait.");
	ck_assert_int_eq(nr_article_entity_count(a), 1);
	expect_identity(a, "United States", "USA", "United States");
	nr_article_free(a);
	/* The name is the fullest form the article uses; the canonical name
	 * and id are the same in every article. */
	a = analysed("Trade\n\nThe EU raised tariffs on steel.");
	expect_identity(a, "EU", "org:european-union", "European Union");
	nr_article_free(a);
	a = analysed("Trade\n\nThe European Union raised tariffs on steel.");
	expect_identity(a, "The European Union", "org:european-union", "European Union");
	nr_article_free(a);
	a = analysed("Aid\n\nThe World Food Program said the convoy had left.");
	expect_identity(a, "World Food Program", "org:world-food-programme",
			"World Food Programme");
	nr_article_free(a);
	a = analysed("Talks\n\nPakistan's army chief met NATO envoys.");
	expect_identity(a, "Pakistan", "PAK", "Pakistan");
	expect_identity(a, "NATO", "org:north-atlantic-treaty-organization",
			"North Atlantic Treaty Organization");
	nr_article_free(a);
}
END_TEST

START_TEST(places_people_and_unknowns)
{
	nr_article *a = analysed("History\n\nGeorge Washington crossed the Delaware. Farmers "
				 "in Washington state grow apples. Tom Okoro founded Okoro "
				 "Holdings Ltd in Lagos.");
	expect_identity(a, "George Washington", "", "George Washington");
	expect_identity(a, "Washington State", "", "Washington State");
	expect_identity(a, "Tom Okoro", "", "Tom Okoro");
	expect_identity(a, "Okoro Holdings Ltd", "", "Okoro Holdings Ltd");
	expect_identity(a, "Lagos", "", "Lagos");
	for (size_t i = 0; i < nr_article_entity_count(a); i++) {
		const char *id, *canonical;
		ck_assert(nr_article__entity_acting(a, i, &id, &canonical));
		ck_assert_str_ne(id, "USA");
	}
	ck_assert_int_eq(nr_article_entity_identity(a, 99, NULL, NULL), NR_EINVAL);
	nr_article_free(a);
}
END_TEST

/* "Washington" the place is a city; when it acts, it is the United
 * States' government, as the statement pass has it. */
START_TEST(capital_acts_for_its_country)
{
	nr_article *a = analysed("Talks\n\nWashington accused Tehran of arming the rebels. "
				 "Protesters marched in Washington on Sunday.");
	expect_identity(a, "Washington", "", "Washington");
	const char *id, *canonical;
	ck_assert(nr_article__entity_acting(a, (size_t)entity(a, "Washington"), &id, &canonical));
	ck_assert_str_eq(id, "USA");
	ck_assert_str_eq(canonical, "United States");
	ck_assert_uint_ge(nr_article_statement_count(a), 1);
	nr_statement_info si;
	ck_assert_int_eq(nr_article_statement(a, 0, &si), NR_OK);
	ck_assert_str_eq(si.actor.name, "Washington");
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_ACTOR, &id, &canonical), NR_OK);
	ck_assert_str_eq(id, "USA");
	ck_assert_str_eq(canonical, "United States");
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_TARGET, &id, &canonical), NR_OK);
	ck_assert_str_eq(id, "IRN");
	ck_assert_str_eq(canonical, "Iran");
	/* No one reports it: no name, no id. */
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_REPORTED, &id, &canonical),
			 NR_OK);
	ck_assert_str_eq(id, "");
	ck_assert_ptr_null(canonical);
	ck_assert_int_eq(nr_article_party_identity(a, 0, (nr_party_role)7, &id, &canonical),
			 NR_EINVAL);
	ck_assert_int_eq(nr_article_party_identity(a, 99, NR_PARTY_ACTOR, &id, &canonical),
			 NR_EINVAL);
	nr_article_free(a);
	/* Brussels acting is the EU's, not Belgium's: no country. */
	a = analysed("Talks\n\nBrussels accused Google of abusing its dominance.");
	ck_assert_uint_ge(nr_article_statement_count(a), 1);
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_ACTOR, &id, &canonical), NR_OK);
	ck_assert_str_ne(id, "BEL");
	nr_article_free(a);
}
END_TEST

START_TEST(groups_have_no_id)
{
	nr_article *a = analysed("Talks\n\nPakistani officials accused George Washington of "
				 "lying.");
	ck_assert_uint_ge(nr_article_statement_count(a), 1);
	const char *id, *canonical;
	nr_statement_info si;
	ck_assert_int_eq(nr_article_statement(a, 0, &si), NR_OK);
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_ACTOR, &id, &canonical), NR_OK);
	ck_assert_str_eq(id, "");
	ck_assert_str_eq(canonical, si.actor.name);
	ck_assert_str_eq(si.actor.country, "PAK");
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_TARGET, &id, &canonical), NR_OK);
	ck_assert_str_eq(id, "");
	ck_assert_str_eq(canonical, "George Washington");
	nr_article_free(a);
}
END_TEST

START_TEST(json_has_ids)
{
	nr_article *a = analysed("Talks\n\nWashington accused the EU of unfair trade.");
	char *js = NULL;
	ck_assert_int_eq(nr_article_to_json(a, 0, &js), NR_OK);
	ck_assert_ptr_nonnull(strstr(js, "\"name\":\"EU\",\"id\":\"org:european-union\","
					 "\"canonical\":\"European Union\""));
	ck_assert_ptr_nonnull(
	    strstr(js, "\"name\":\"Washington\",\"id\":null,\"canonical\":\"Washington\""));
	ck_assert_ptr_nonnull(strstr(js, "\"name\":\"Washington\",\"id\":\"USA\","
					 "\"canonical\":\"United States\""));
	nr_free(js);
	nr_article_free(a);
}
END_TEST

/* Analysed with lexicons of its own, which go when the analysis ends:
 * what the article keeps of them outlives them. */
START_TEST(identities_outlive_the_lexicons)
{
	const char *text = "Talks\n\nWashington accused the EU of unfair trade. White House "
			   "spokesman Jay Carney denied it.";
	nr_article *a = NULL;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(a, NULL), NR_OK);
	expect_identity(a, "EU", "org:european-union", "European Union");
	expect_identity(a, "Washington", "", "Washington");
	const char *id, *canonical;
	ck_assert_int_eq(nr_article_party_identity(a, 0, NR_PARTY_ACTOR, &id, &canonical), NR_OK);
	ck_assert_str_eq(id, "USA");
	ck_assert_str_eq(canonical, "United States");
	nr_statement_info si;
	ck_assert_int_eq(nr_article_statement(a, 0, &si), NR_OK);
	ck_assert_str_eq(si.actor.name, "Washington");
	ck_assert_str_eq(si.target.name, "EU");
	ck_assert_str_eq(si.act, "accuse");
	nr_quote_info qi;
	ck_assert_int_eq(nr_article_quote(a, 0, &qi), NR_OK);
	ck_assert_str_eq(qi.cue_lemma, "accuse");
	ck_assert_str_eq(qi.speaker, "Washington");
	nr_entity_info e;
	ck_assert_int_eq(nr_article_entity(a, (size_t)entity(a, "Jay Carney"), &e), NR_OK);
	ck_assert_str_eq(e.affiliation, "White House");
	nr_article_free(a);
}
END_TEST

/* ---- alerts -------------------------------------------------------------- */

typedef struct alerts {
	char json[4][2048];
	int names[4][8]; /* nr_alert_names of the probes below, actor then target */
	size_t n;
} alerts;

static const char *const PROBES[8] = { "United States", "US",  "U.S.",   "America",
				       "Washington",    "usa", "Canada", "George Washington" };

static int collect(const nr_alert *al, void *payload)
{
	alerts *g = payload;
	if (g->n >= 4)
		return 0;
	char *js;
	ck_assert_int_eq(nr_alert_to_json(al, &js), NR_OK);
	snprintf(g->json[g->n], sizeof(g->json[0]), "%s", js);
	nr_free(js);
	for (size_t k = 0; k < 8; k++)
		g->names[g->n][k] = nr_alert_names(al, NR_PARTY_ACTOR, PROBES[k]);
	g->n++;
	return 0;
}

static void scan(const char *rule, const char *text, alerts *out)
{
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_article *a;
	memset(out, 0, sizeof(*out));
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "t.lua", rule, strlen(rule)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	int rc = nr_scanner_scan(sc, a, collect, out);
	ck_assert_msg(rc == NR_OK, "%s", nr_scanner_error_count(sc) ? nr_scanner_error(sc, 0) : "");
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}

#define RULE(body)                                                                                 \
	"rule { id = 'r', title = 'R', severity = 'low', match = function(article)\n" body "\nend" \
	" }"

START_TEST(alert_actor_identity)
{
	alerts g;
	/* A party, an entity, a string: the same identity, names as given. */
	scan(RULE("for st in article:statements('accuse') do\n"
		  "  article:alert{ actor = st.actor, target = st.target }\n"
		  "  article:alert{ actor = st.actor.entity, target = 'the EU' }\n"
		  "  article:alert{ actor = 'U.S.', target = 'Acme Widgets' }\n"
		  "  article:alert{ actor = 'united states', target = 'european union' }\n"
		  "end"),
	     "Talks\n\nWashington accused the European Union of unfair trade.", &g);
	ck_assert_uint_eq(g.n, 4);
	/* Names the article's entities go by, in any case. */
	ck_assert_ptr_nonnull(strstr(g.json[3], "\"actor_id\":\"USA\",\"actor_canonical\":\"United "
						"States\",\"target_id\":\"org:european-union\""));
	ck_assert_ptr_nonnull(strstr(g.json[0], "\"actor\":\"Washington\",\"target\":\"European "
						"Union\",\"actor_id\":\"USA\",\"actor_canonical\":"
						"\"United States\",\"target_id\":\"org:european-"
						"union\",\"target_canonical\":\"European Union\""));
	ck_assert_ptr_nonnull(strstr(g.json[1], "\"actor\":\"Washington\",\"target\":\"the EU\","
						"\"actor_id\":\"USA\""));
	ck_assert_ptr_nonnull(strstr(g.json[1], "\"target_id\":\"org:european-union\""));
	ck_assert_ptr_nonnull(strstr(g.json[2], "\"actor\":\"U.S.\",\"target\":\"Acme Widgets\","
						"\"actor_id\":\"USA\",\"actor_canonical\":"
						"\"United States\",\"target_id\":null,"
						"\"target_canonical\":null"));
	for (size_t i = 0; i < 4; i++) {
		for (size_t k = 0; k < 6; k++)
			ck_assert_msg(g.names[i][k], "alert %zu: '%s'", i, PROBES[k]);
		ck_assert(!g.names[i][6]);
		ck_assert(!g.names[i][7]);
	}
}
END_TEST

START_TEST(alert_names_without_identity)
{
	alerts g;
	scan(RULE("article:alert{ actor = 'George Washington' }\n"
		  "article:alert{ message = 'nobody' }"),
	     "History\n\nGeorge Washington crossed the Delaware.", &g);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_ptr_nonnull(strstr(g.json[0], "\"actor_id\":null,\"actor_canonical\":null"));
	ck_assert(g.names[0][7]); /* its own name */
	for (size_t k = 0; k < 7; k++)
		ck_assert(!g.names[0][k]);
	for (size_t k = 0; k < 8; k++)
		ck_assert(!g.names[1][k]); /* no actor: names nobody */
	ck_assert_int_eq(nr_alert_names(NULL, NR_PARTY_ACTOR, "x"), 0);
}
END_TEST

/* A rule's fields may not pose as the alert's identities. */
START_TEST(fields_cannot_set_ids)
{
	static const char *const keys[] = { "actor_id", "actor_canonical", "target_id",
					    "target_canonical" };
	for (size_t i = 0; i < 4; i++) {
		nr_ruleset *rs;
		nr_scanner *sc;
		nr_article *a;
		char src[256], want[128];
		snprintf(src, sizeof(src), RULE("article:alert{ fields = { %s = 'USA' } }"),
			 keys[i]);
		snprintf(want, sizeof(want), "fields.%s: the alert sets it", keys[i]);
		ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
		ck_assert_int_eq(nr_ruleset_add_string(rs, "t.lua", src, strlen(src)), NR_OK);
		ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
		ck_assert_int_eq(nr_article_from_text(&a, "x", 1, NULL), NR_OK);
		ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_ERUNTIME);
		ck_assert_ptr_nonnull(strstr(nr_scanner_error(sc, 0), want));
		nr_article_free(a);
		nr_scanner_free(sc);
		nr_ruleset_free(rs);
	}
}
END_TEST

/* What rules read: e.id, e.canonical, p.id, p.canonical. */
START_TEST(lua_fields)
{
	alerts g;
	scan(RULE("local out = {}\n"
		  "for e in article:entities() do\n"
		  "  out[#out + 1] = e.name .. '=' .. tostring(e.id) .. '/' .. e.canonical\n"
		  "end\n"
		  "for st in article:statements() do\n"
		  "  local p = st.actor\n"
		  "  out[#out + 1] = 'actor ' .. p.name .. '=' .. tostring(p.id) .. '/' .. "
		  "p.canonical\n"
		  "end\n"
		  "article:alert{ message = table.concat(out, '; ') }"),
	     "Talks\n\nWashington accused the EU of unfair trade. Tom Okoro agreed.", &g);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_ptr_nonnull(strstr(g.json[0], "\"message\":\"Washington=nil/Washington; "
						"EU=org:european-union/European Union; "
						"Tom Okoro=nil/Tom Okoro; "
						"actor Washington=USA/United States"));
}
END_TEST

Suite *identity_suite(void)
{
	Suite *s = suite_create("identity");
	TCase *tc = tcase_create("identity");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lexicon_names_one_country);
	tcase_add_test(tc, lexicon_names_one_organisation);
	tcase_add_test(tc, ids_are_unique);
	tcase_add_test(tc, entity_aliases_one_identity);
	tcase_add_test(tc, places_people_and_unknowns);
	tcase_add_test(tc, capital_acts_for_its_country);
	tcase_add_test(tc, groups_have_no_id);
	tcase_add_test(tc, json_has_ids);
	tcase_add_test(tc, identities_outlive_the_lexicons);
	tcase_add_test(tc, alert_actor_identity);
	tcase_add_test(tc, alert_names_without_identity);
	tcase_add_test(tc, fields_cannot_set_ids);
	tcase_add_test(tc, lua_fields);
	suite_add_tcase(s, tc);
	return s;
}

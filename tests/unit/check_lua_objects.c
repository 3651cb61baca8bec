/*
 * check_lua_objects.c - entities, quotes and built-in lexicons as rules see
 * them. The entity and quote model is filled by hand (fill_model), so these
 * tests pin the bindings down whatever the extractors find.
 */
#include "testutil.h"

#include "extract/extract.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char TEXT[] =
    "Pakistan denied the accusation on Friday.\n\n"
    "\xE2\x80\x9CWe reject it,\xE2\x80\x9D said Jay Carney, the White House spokesman. "
    "The ministry said talks would go on. Carney met Pakistani envoys in Lahore.";

/* Byte offset of the n-th (0-based) occurrence of needle in the text. */
static uint32_t at(const nr_article *a, const char *needle, int n)
{
	const char *p = a->text;
	for (;;) {
		p = strstr(p, needle);
		ck_assert_ptr_nonnull(p);
		if (n-- == 0)
			return (uint32_t)(p - a->text);
		p++;
	}
}

static void mention(nr_article *a, size_t k, uint32_t entity, const char *needle, int n)
{
	a->mentions[k].start = at(a, needle, n);
	a->mentions[k].end = a->mentions[k].start + (uint32_t)strlen(needle);
	a->mentions[k].entity = entity;
	a->mentions[k].kind = NR_MENTION_NAME;
	a->mentions[k].sentence = 0;
}

/*
 * The model an extractor would produce: Pakistan (location, PAK;
 * "Pakistan", "Pakistani"), Jay Carney (person; "Jay Carney", "Carney"), Lahore
 * (location). Quotes: a direct one by Carney, an indirect one by "The
 * ministry" (a group, no entity). Statements: the statement extractor's
 * on that model.
 */
static void fill_model(nr_article *a)
{
	nr_arena *ar = &a->arena;
	a->nentities = 3;
	a->entities = nr_arena__calloc(ar, 3, sizeof(nr_entity));
	a->nmentions = 5;
	a->mentions = nr_arena__calloc(ar, 5, sizeof(nr_mention));
	ck_assert_ptr_nonnull(a->entities);
	ck_assert_ptr_nonnull(a->mentions);
	mention(a, 0, 0, "Pakistan", 0);
	mention(a, 1, 1, "Jay Carney", 0);
	mention(a, 2, 1, "Carney", 1);
	mention(a, 3, 0, "Pakistani", 0);
	a->mentions[3].kind = NR_MENTION_DEMONYM;
	mention(a, 4, 2, "Lahore", 0);
	static uint32_t m0[] = { 0, 3 }, m1[] = { 1, 2 }, m2[] = { 4 };
	a->entities[0] = (nr_entity){ .name = "Pakistan",
				      .type = NR_ENTITY_LOCATION,
				      .id = "PAK",
				      .canonical = "Pakistan",
				      .act_id = "PAK",
				      .act_canonical = "Pakistan",
				      .title = "",
				      .affiliation = "",
				      .mentions = m0,
				      .nmentions = 2 };
	a->entities[1] = (nr_entity){ .name = "Jay Carney",
				      .type = NR_ENTITY_PERSON,
				      .official = true,
				      .gender = 'm',
				      .title = "spokesman",
				      .affiliation = "White House",
				      .mentions = m1,
				      .nmentions = 2 };
	a->entities[2] = (nr_entity){ .name = "Lahore",
				      .type = NR_ENTITY_LOCATION,
				      .title = "",
				      .affiliation = "",
				      .mentions = m2,
				      .nmentions = 1 };
	a->nquotes = 2;
	a->quotes = nr_arena__calloc(ar, 2, sizeof(nr_quote));
	ck_assert_ptr_nonnull(a->quotes);
	nr_quote *q = &a->quotes[0];
	q->start = at(a, "We reject it", 0);
	q->end = q->start + (uint32_t)strlen("We reject it");
	q->kind = NR_QUOTE_DIRECT;
	q->speaker_entity = 1;
	q->speaker = "Jay Carney";
	q->speaker_start = at(a, "Jay Carney", 0);
	q->speaker_end = q->speaker_start + 10;
	q->cue_start = at(a, "said", 0);
	q->cue_end = q->cue_start + 4;
	q->cue_lemma = "say";
	q->sentence = 1;
	q = &a->quotes[1];
	q->start = at(a, "talks would go on", 0);
	q->end = q->start + (uint32_t)strlen("talks would go on");
	q->kind = NR_QUOTE_INDIRECT;
	q->speaker_entity = -1;
	q->speaker = "The ministry";
	q->speaker_start = at(a, "The ministry", 0);
	q->speaker_end = q->speaker_start + 12;
	q->cue_start = at(a, "said", 1);
	q->cue_end = q->cue_start + 4;
	q->cue_lemma = "say";
	q->sentence = 2;
	/* Statements come from that model as the extractor would make them
	 * (they keep nothing of the lexicon). */
	nr_lexicon *lex;
	ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK);
	ck_assert_int_eq(nr_statements__run(a, lex->set), NR_OK);
	nr_lexicon_free(lex);
	a->analyzed = true;
	a->stated = true;
}

typedef struct got {
	int n;
	char msg[8][512];
	char actor[8][128];
} got;

static int collect(const nr_alert *al, void *payload)
{
	got *g = payload;
	if (g->n < 8) {
		snprintf(g->msg[g->n], sizeof(g->msg[0]), "%s", nr_alert_message(al));
		snprintf(g->actor[g->n], sizeof(g->actor[0]), "%s",
			 nr_alert_actor(al) ? nr_alert_actor(al) : "(nil)");
	}
	g->n++;
	return 0;
}

typedef struct env {
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_article *a;
} env;

/* Load one rule file, make a scanner and the hand-filled article. */
static void setup(env *e, const char *src, bool model)
{
	ck_assert_int_eq(nr_ruleset_new(&e->rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(e->rs, "t.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "load: %s", nr_ruleset_last_error(e->rs));
	ck_assert_int_eq(nr_scanner_new(&e->sc, e->rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&e->a, TEXT, strlen(TEXT), NULL), NR_OK);
	if (model)
		fill_model(e->a);
}

static void teardown(env *e)
{
	nr_article_free(e->a);
	nr_scanner_free(e->sc);
	nr_ruleset_free(e->rs);
}

/* Scan; the rule must run without error. */
static void scan_ok(env *e, got *g)
{
	memset(g, 0, sizeof(*g));
	int rc = nr_scanner_scan(e->sc, e->a, collect, g);
	ck_assert_msg(rc == NR_OK, "scan: %s", nr_scanner_last_error(e->sc));
}

#define RULE(body) \
	"rule { id = 't', title = 'T', severity = 'low', match = function(a)\n" body "\nend }\n"

/* The accessors the bindings read the model through (extract/access.h). */
START_TEST(access_functions)
{
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, TEXT, strlen(TEXT), NULL), NR_OK);
	fill_model(a);
	ck_assert_uint_eq(nr_article__mention_count(a), 5);
	nr_mention_info m = nr_article__mention(a, 3);
	ck_assert_uint_eq(m.span.start, at(a, "Pakistani", 0));
	ck_assert_uint_eq(m.entity, 0);
	ck_assert_int_eq(m.kind, NR_MENTION_DEMONYM);
	ck_assert_int_eq(nr_article__mention(a, 5).kind, 0); /* out of range */
	/* The last sentence ("Carney met Pakistani envoys in Lahore."): all
	 * three of its mentions, then only the locations. */
	nr_span last = { at(a, "Carney met", 0), strlen(TEXT) };
	size_t j = nr_article__mentions_from(a, last.start);
	ck_assert_uint_eq(j, 2);
	ck_assert_uint_eq(nr_article__mention_within(a, last, 0, j), 2);
	ck_assert_uint_eq(nr_article__mention_within(a, last, NR_ENTITY_LOCATION, j), 3);
	ck_assert_uint_eq(nr_article__mention_within(a, last, NR_ENTITY_LOCATION, 4), 4);
	ck_assert_uint_eq(nr_article__mention_within(a, last, 0, 5), SIZE_MAX);
	/* A span cutting a mention in two holds none of it. */
	nr_span cut = { at(a, "Jay Carney", 0) + 1, at(a, "Jay Carney", 0) + 10 };
	ck_assert_uint_eq(
	    nr_article__mention_within(a, cut, 0, nr_article__mentions_from(a, cut.start)),
	    SIZE_MAX);
	ck_assert_uint_eq(nr_article__entity_mention_index(a, 1, 1), 2);
	ck_assert_uint_eq(nr_article__entity_mention_index(a, 1, 2), SIZE_MAX);
	ck_assert_uint_eq(nr_article__entity_mention_index(a, 3, 0), SIZE_MAX);
	ck_assert_int_eq(nr_article__entity_gender(a, 1), 'm');
	ck_assert_int_eq(nr_article__entity_gender(a, 0), 0);
	ck_assert_int_eq(nr_article__entity_gender(a, 9), 0);
	nr_article_free(a);
}
END_TEST

START_TEST(entity_fields_and_mentions)
{
	env e;
	setup(&e,
	      RULE("local out = {}\n"
		   "for x in a:entities() do\n"
		   "  local ms = {}\n"
		   "  for m in x:mentions() do\n"
		   "    assert(a.text:sub(m.start, m.stop) == m.text)\n"
		   "    ms[#ms + 1] = m.text .. '/' .. m.kind\n"
		   "  end\n"
		   "  assert(a.text:sub(x.start, x.stop) == x.text)\n"
		   "  out[#out + 1] = string.format('%d %s %s [%s] [%s] %s %s (%s) %s',\n"
		   "    x.index, x.type, x.name, x.title, x.affiliation, tostring(x.official),\n"
		   "    x.text, table.concat(ms, ','), tostring(x.gender))\n"
		   "end\n"
		   "a:alert{ message = table.concat(out, '; ') }"),
	      true);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.msg[0], "1 location Pakistan [] [] false Pakistan (Pakistan/mention,"
				   "Pakistani/mention) nil; "
				   "2 person Jay Carney [spokesman] [White House] true Jay Carney "
				   "(Jay Carney/mention,Carney/mention) m; "
				   "3 location Lahore [] [] false Lahore (Lahore/mention) nil");
	teardown(&e);
}
END_TEST

START_TEST(entities_by_type_and_in_span)
{
	env e;
	setup(
	    &e,
	    RULE("local n = 0\n"
		 "for x in a:entities('person') do n = n + 1; assert(x.name == 'Jay Carney') end\n"
		 "assert(n == 1)\n"
		 "n = 0\n"
		 "for x in a:entities('location') do n = n + 1 end\n"
		 "assert(n == 2)\n"
		 "local per = {}\n"
		 "for s in a:sentences() do\n"
		 "  local names = {}\n"
		 "  for x in s:entities() do names[#names + 1] = x.name end\n"
		 "  per[#per + 1] = table.concat(names, '+')\n"
		 "end\n"
		 "local locs = {}\n"
		 "for s in a:sentences() do\n"
		 "  for x in s:entities('location') do locs[#locs + 1] = x.name end\n"
		 "end\n"
		 "a:alert{ message = table.concat(per, '|') .. ' ' .. table.concat(locs, ',') }\n"
		 "assert(not pcall(a.entities, a, 'planet'))"),
	    true);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 1);
	/* Sentence 4 names Carney first, then Pakistan (by "Pakistani"). */
	ck_assert_str_eq(g.msg[0], "Pakistan|Jay Carney||Jay Carney+Pakistan+Lahore "
				   "Pakistan,Pakistan,Lahore");
	teardown(&e);
}
END_TEST

START_TEST(quote_fields)
{
	env e;
	setup(&e,
	      RULE("local out = {}\n"
		   "for q in a:quotes() do\n"
		   "  assert(a.text:sub(q.start, q.stop) == q.text)\n"
		   "  local sp = q.speaker\n"
		   "  out[#out + 1] = string.format('%s|%s|%s|%s|%s|%s|%s|%s|%d',\n"
		   "    q.text, q.kind, type(sp) == 'string' and 'str:' .. sp or sp.name,\n"
		   "    q.speaker_name, q.speaker_span.text, q.cue, q.cue_lemma,\n"
		   "    q.sentence.text:sub(1, 12), q.sentence.index)\n"
		   "end\n"
		   "a:alert{ message = table.concat(out, '\\n') }"),
	      true);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.msg[0],
			 "We reject it|direct|Jay Carney|Jay Carney|Jay Carney|said|say|"
			 "\xE2\x80\x9CWe reject|2\n"
			 "talks would go on|indirect|str:The ministry|The ministry|The ministry|"
			 "said|say|The ministry|3");
	teardown(&e);
}
END_TEST

/* The DESIGN example: actor = q.speaker takes the entity's canonical name
 * or the group as written; quotes and entities serve as evidence. */
START_TEST(alert_takes_entities)
{
	env e;
	setup(
	    &e,
	    RULE("for q in a:quotes() do\n"
		 "  a:alert{ message = q.speaker_name .. ' speaks', evidence = { q.sentence, q },\n"
		 "           actor = q.speaker }\n"
		 "end\n"
		 "for x in a:entities('person') do\n"
		 "  a:alert{ message = 'person', evidence = x, target = x }\n"
		 "end"),
	    true);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 3);
	ck_assert_str_eq(g.msg[0], "Jay Carney speaks");
	ck_assert_str_eq(g.actor[0], "Jay Carney");
	ck_assert_str_eq(g.actor[1], "The ministry");
	ck_assert_str_eq(g.msg[2], "person");
	teardown(&e);
}
END_TEST

START_TEST(entity_methods_and_equality)
{
	env e;
	setup(&e,
	      RULE("local carney\n"
		   "for x in a:entities('person') do carney = x end\n"
		   "local q = a:quotes()()\n"
		   "assert(q.speaker == carney)\n"
		   "assert(carney:sentence().index == 2)\n"
		   "assert(carney:has('Jay'))\n"
		   "assert(q:has('reject'))\n"
		   "local n = 0\n"
		   "for x in q.sentence:entities() do n = n + 1 end\n"
		   "assert(n == 1)\n"
		   "assert(tostring(carney) == 'newsrules.Entity(person Jay Carney)')\n"
		   "assert(tostring(q):find('Jay Carney, say', 1, true))\n"
		   "assert(not pcall(function() carney.name = 'x' end))\n"
		   "assert(getmetatable(carney) == 'newsrules.Entity')\n"
		   "assert(getmetatable(q) == 'newsrules.Quote')\n"
		   "a:alert{}"),
	      true);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 1);
	teardown(&e);
}
END_TEST

/* An entity kept past its scan raises instead of reading freed memory. */
START_TEST(stale_entity_raises)
{
	env e;
	setup(&e,
	      "local kept\n"
	      "rule { id = 't', title = 'T', severity = 'low', match = function(a)\n"
	      "  if kept then local _ = kept.name end\n"
	      "  for x in a:entities() do kept = x end\n"
	      "end }\n",
	      true);
	got g = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, collect, &g), NR_OK);
	nr_article *b;
	ck_assert_int_eq(nr_article_from_text(&b, TEXT, strlen(TEXT), NULL), NR_OK);
	fill_model(b);
	ck_assert_int_eq(nr_scanner_scan(e.sc, b, collect, &g), NR_ERUNTIME);
	ck_assert_ptr_nonnull(strstr(nr_scanner_error(e.sc, 0), "outside the scan"));
	nr_article_free(b);
	teardown(&e);
}
END_TEST

/* Extraction runs when a rule first asks, not before; statements only
 * when a rule asks for them (article:statements(), s:statements(),
 * q.statement), each once. */
START_TEST(analysis_is_lazy)
{
	env e;
	setup(&e,
	      "rule { id = 'plain', title = 'P', severity = 'low', match = function(a)\n"
	      "  for s in a:sentences() do end end }\n"
	      "rule { id = 'ents', title = 'E', severity = 'low', match = function(a)\n"
	      "  for x in a:entities() do end end }\n"
	      "rule { id = 'cue', title = 'C', severity = 'low', match = function(a)\n"
	      "  for q in a:quotes() do local _ = q.statement end end }\n"
	      "rule { id = 'span', title = 'S', severity = 'low', match = function(a)\n"
	      "  for s in a:sentence(1):statements() do\n"
	      "    a:alert{ message = s.act } end end }\n"
	      "rule { id = 'all', title = 'A', severity = 'low', match = function(a)\n"
	      "  for s in a:statements() do a:alert{ message = s.act } end end }\n",
	      false);
	got g = { 0 };
	ck_assert_int_eq(nr_scanner_scan_rule(e.sc, e.a, 0, collect, &g), NR_OK);
	ck_assert_int_eq(nr_article_is_analyzed(e.a), 0);
	ck_assert_int_eq(nr_scanner_scan_rule(e.sc, e.a, 1, collect, &g), NR_OK);
	ck_assert_int_eq(nr_article_is_analyzed(e.a), 1);
	ck_assert(!nr_article__is_stated(e.a));
	ck_assert_uint_eq(nr_article_statement_count(e.a), 0);
	ck_assert_uint_gt(nr_scanner_rule_time_ns(e.sc, 1), 0);
	ck_assert_uint_le(nr_scanner_analysis_time_ns(e.sc), nr_scanner_rule_time_ns(e.sc, 1));
	/* A quote's statement: the statement pass. */
	ck_assert_int_eq(nr_scanner_scan_rule(e.sc, e.a, 2, collect, &g), NR_OK);
	ck_assert(nr_article__is_stated(e.a));
	size_t n = nr_article_statement_count(e.a);
	ck_assert_uint_ge(n, 1);
	nr_article_free(e.a);

	/* A span's statements, on an article nothing was extracted from. */
	ck_assert_int_eq(nr_article_from_text(&e.a, TEXT, strlen(TEXT), NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_scan_rule(e.sc, e.a, 3, collect, &g), NR_OK);
	ck_assert(nr_article_is_analyzed(e.a) && nr_article__is_stated(e.a));
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.msg[0], "deny");
	ck_assert_uint_eq(nr_article_statement_count(e.a), n);
	nr_article_free(e.a);

	/* The article's statements, after entities alone. */
	ck_assert_int_eq(nr_article_from_text(&e.a, TEXT, strlen(TEXT), NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_scan_rule(e.sc, e.a, 1, collect, &g), NR_OK);
	ck_assert(!nr_article__is_stated(e.a));
	memset(&g, 0, sizeof(g));
	ck_assert_int_eq(nr_scanner_scan_rule(e.sc, e.a, 4, collect, &g), NR_OK);
	ck_assert(nr_article__is_stated(e.a));
	ck_assert_int_eq(g.n, (int)n);
	/* Public analysis after a scan: the same statements, once. */
	ck_assert_int_eq(nr_article_analyze(e.a, NULL), NR_OK);
	ck_assert_uint_eq(nr_article_statement_count(e.a), n);
	teardown(&e);
}
END_TEST

START_TEST(builtin_lexicons)
{
	env e;
	setup(&e,
	      "local DENY = news.lexicon('speech_verbs:deny')\n"
	      "local SAY = news.lexicon('speech_verbs')\n"
	      "local C = news.lexicon('countries')\n"
	      "local DEM = news.lexicon('countries:demonym')\n"
	      "assert(news.lexicon('countries') == C) -- built once per state\n"
	      "rule { id = 't', title = 'T', severity = 'low', match = function(a)\n"
	      "  local _, m = a:sentences()():has(DENY)\n"
	      "  assert(m.text == 'denied')\n"
	      "  assert(DENY:test('he refutes it') and DENY:test('they rejected it'))\n"
	      "  assert(not DENY:test('he said so'))\n"
	      "  assert(SAY:test('he said so') and SAY:test('she is saying'))\n"
	      "  assert(C:test('troops left the US') and C:test('in the U.S. today'))\n"
	      "  assert(not C:test('he told us'))   -- 'US' only in capitals\n"
	      "  assert(C:test('Pakistan said'))\n"
	      "  assert(DEM:test('Pakistani envoys') and not DEM:test('Pakistan'))\n"
	      "  a:alert{}\n"
	      "end }\n",
	      false);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 1);
	teardown(&e);
}
END_TEST

START_TEST(unknown_builtin_lexicon)
{
	const char *names[] = { "news.lexicon('planets')", "news.lexicon('speech_verbs:sing')" };
	const char *want[] = { "no lexicon 'planets' (built-in: countries,",
			       "no entry of class 'sing' in 'speech_verbs'" };
	for (int i = 0; i < 2; i++) {
		nr_ruleset *rs;
		ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
		ck_assert_int_eq(nr_ruleset_add_string(rs, "x.lua", names[i], strlen(names[i])),
				 NR_ERULE);
		const char *d = nr_ruleset_diagnostic(rs, 0, NULL);
		ck_assert_msg(d && strstr(d, want[i]) && strstr(d, "x.lua:1"), "%s", d ? d : "-");
		nr_ruleset_free(rs);
	}
}
END_TEST

/* ---- docs/rules.md: every marked block runs ------------------------------ */

static char *read_doc(void)
{
	FILE *f = fopen(NR_FIXTURES "/../../docs/rules.md", "rb");
	ck_assert_ptr_nonnull(f);
	static char doc[262144];
	size_t n = fread(doc, 1, sizeof(doc) - 1, f);
	ck_assert_uint_lt(n, sizeof(doc) - 1);
	fclose(f);
	doc[n] = '\0';
	return doc;
}

/* The block after `marker` found from *pos; its source is padded with
 * newlines so that Lua line numbers are the guide's. NULL at the end. */
static char *next_block(const char *doc, const char **pos, const char *marker)
{
	const char *p = strstr(*pos, marker);
	if (!p)
		return NULL;
	p += strlen(marker);
	const char *end = strstr(p, "\n```");
	ck_assert_ptr_nonnull(end);
	*pos = end + 4;
	int line = 1;
	for (const char *q = doc; q < p; q++)
		line += *q == '\n';
	size_t len = (size_t)(end - p) + 1;
	char *src = malloc((size_t)line + len + 1);
	ck_assert_ptr_nonnull(src);
	memset(src, '\n', (size_t)line - 1);
	memcpy(src + line - 1, p, len);
	src[line - 1 + len] = '\0';
	return src;
}

/* ```lua module NAME blocks: modules the guide's rule blocks may require,
 * added to every set under NAME (as nr_ruleset_add_module does). */
static void add_guide_modules(nr_ruleset *rs, const char *doc)
{
	static const char marker[] = "\n```lua module ";
	const char *pos = doc, *p;
	while ((p = strstr(pos, marker))) {
		p += strlen(marker);
		const char *eol = strchr(p, '\n');
		ck_assert_ptr_nonnull(eol);
		char name[64];
		ck_assert_uint_lt((size_t)(eol - p), sizeof(name));
		memcpy(name, p, (size_t)(eol - p));
		name[eol - p] = '\0';
		pos = eol - 1;
		char *src = next_block(doc, &pos, "\n");
		ck_assert_int_eq(nr_ruleset_add_module(rs, name, src, strlen(src)), NR_OK);
		free(src);
	}
}

/* An example's alerts, and how many meet everything it states about
 * them (actor, target, message, fields), as `newsrules test` judges. */
typedef struct judged {
	const nr_ruleset *rs;
	size_t r, e;
	int n, meeting;
} judged;

static int judge(const nr_alert *al, void *payload)
{
	judged *j = payload;
	size_t k, nk = nr_ruleset_example_expect_count(j->rs, j->r, j->e);
	for (k = 0; k < nk && nr_ruleset_example_meets(j->rs, j->r, j->e, k, al) == 1; k++)
		;
	j->n++;
	j->meeting += nk && k == nk;
	return 0;
}

/* ```lua rule blocks: complete files whose examples pass, as under
 * `newsrules test`; ```lua check blocks: files that load cleanly. */
START_TEST(guide_rule_blocks)
{
	const char *doc = read_doc();
	int blocks = 0;
	for (int kind = 0; kind < 2; kind++) {
		const char *pos = doc;
		char *src;
		while (
		    (src = next_block(doc, &pos, kind ? "\n```lua check\n" : "\n```lua rule\n"))) {
			nr_ruleset *rs;
			nr_scanner *sc;
			ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
			add_guide_modules(rs, doc);
			int rc = nr_ruleset_add_string(rs, "docs/rules.md", src, strlen(src));
			ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
			for (size_t d = 0; d < nr_ruleset_diagnostic_count(rs); d++)
				ck_abort_msg("docs/rules.md: %s",
					     nr_ruleset_diagnostic(rs, d, NULL));
			ck_assert_uint_ge(nr_ruleset_rule_count(rs), 1);
			ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
			for (size_t r = 0; kind == 0 && r < nr_ruleset_rule_count(rs); r++) {
				ck_assert_uint_ge(nr_ruleset_example_count(rs, r), 1);
				for (size_t e = 0; e < nr_ruleset_example_count(rs, r); e++) {
					int expect;
					const char *actor;
					const char *text = nr_ruleset_example(rs, r, e, &expect,
									      &actor);
					nr_article *a;
					ck_assert_int_eq(
					    nr_article_from_text(&a, text, strlen(text), NULL),
					    NR_OK);
					judged g = { rs, r, e, 0, 0 };
					ck_assert_int_eq(nr_scanner_scan_rule(sc, a, r, judge, &g),
							 NR_OK);
					ck_assert_msg(
					    g.n == expect, "docs/rules.md:%d: %d alerts, want %d",
					    nr_ruleset_example_line(rs, r, e), g.n, expect);
					ck_assert_msg(
					    !nr_ruleset_example_expect_count(rs, r, e) || g.meeting,
					    "docs/rules.md:%d: no alert meets what the example "
					    "states",
					    nr_ruleset_example_line(rs, r, e));
					nr_article_free(a);
				}
			}
			nr_scanner_free(sc);
			nr_ruleset_free(rs);
			free(src);
			blocks++;
		}
	}
	ck_assert_int_ge(blocks, 2); /* the opening rule and the quote rule */
}
END_TEST

/* ```lua snippet blocks: the body of a match function, run on the article
 * the guide describes (TEXT, with its entities and quotes). */
START_TEST(guide_snippets)
{
	const char *doc = read_doc();
	const char *pos = doc;
	char *src;
	int n = 0;
	while ((src = next_block(doc, &pos, "\n```lua snippet\n"))) {
		/* Wrap on the line before the block so line numbers stay right. */
		size_t len = strlen(src);
		size_t pad = strspn(src, "\n");
		ck_assert_uint_ge(pad, 1);
		static const char head[] = "rule { id = 'doc', title = 'Doc', severity = 'info', "
					   "match = function(article) ";
		char *full = malloc(len + sizeof(head) + 32);
		ck_assert_ptr_nonnull(full);
		memcpy(full, src, pad - 1);
		memcpy(full + pad - 1, head, sizeof(head) - 1);
		size_t at = pad - 1 + sizeof(head) - 1;
		full[at++] = '\n';
		memcpy(full + at, src + pad, len - pad);
		at += len - pad;
		memcpy(full + at, "end }\n", 7);
		env e;
		setup(&e, full, true);
		got g;
		memset(&g, 0, sizeof(g));
		int rc = nr_scanner_scan(e.sc, e.a, collect, &g);
		ck_assert_msg(rc == NR_OK, "docs/rules.md snippet: %s",
			      nr_scanner_last_error(e.sc));
		teardown(&e);
		free(full);
		free(src);
		n++;
	}
	ck_assert_int_ge(n, 8);
}
END_TEST

START_TEST(tostring_without_addresses)
{
	/* tostring() and string.format('%s') named tables, functions and
	 * userdata by address, and '%p' printed any address: an ASLR leak.
	 * Objects are named by a per-state number now; %p is refused. */
	env e;
	setup(&e,
	      RULE("local t, f = {}, function() end\n"
		   "local vals = { a, a:sentence(1), news.regex('x'), news.lexicon{ 'x' },\n"
		   "  a:entities()(), a:quotes()(), t, f, string.format, a.sentences,\n"
		   "  a:sentences(), setmetatable({}, { __name = 'My' }) }\n"
		   "local out = {}\n"
		   "for i = 1, #vals do out[i] = tostring(vals[i]) end\n"
		   "out[#out + 1] = string.format('%s|%s|%.3s|%%|%d', t, f, t, 7)\n"
		   "for _, s in ipairs(out) do assert(not s:find('0x'), s) end\n"
		   "assert(tostring(t) == tostring(t) and tostring(t) ~= tostring({}))\n"
		   "a:alert{ message = table.concat(out, ' ; ', 5) }") "rule { id = 'p', title = "
								       "'P', severity = 'low', "
								       "match = function(a)\n"
								       "  local ok, err = "
								       "pcall(string.format, '%p', "
								       "{}) a:alert{ message = "
								       "'caught' } end }\n",
	      true);
	got g;
	memset(&g, 0, sizeof(g));
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, collect, &g), NR_ERUNTIME);
	ck_assert_int_eq(g.n, 1);
	ck_assert_msg(
	    !strcmp(g.msg[0],
		    "newsrules.Entity(location Pakistan) ; newsrules.Quote(Jay Carney, say: \"We "
		    "reject it\") ; table: #1 ; function: #2 ; function: #3 ; function: #4 ; "
		    "function: #5 ; My: #6 ; table: #1|function: #2|tab|%|7"),
	    "%s", g.msg[0]);
	ck_assert_str_eq(nr_scanner_error(e.sc, 0),
			 "rule 'p' (t.lua:13) on article: error-blocked: t.lua:14: string.format: "
			 "'%p' is not available to rules (sandbox)");
	teardown(&e);
}
END_TEST

/* A speaker written as a mention of a known entity is that entity, as
 * the extractor finds it: "The State Department said", "The SEC said",
 * "I'Anson said" (a name, not "I've"). */
START_TEST(speaker_mention_is_entity)
{
	static const char text[] =
	    "Inquiry Widens\n\n"
	    "The Securities and Exchange Commission (SEC) opened an inquiry on Monday. The SEC "
	    "said the filings were late.\n\n"
	    "The State Department said the talks would resume in May.\n\n"
	    "Lisa I'Anson left the show on Friday. I'Anson said she was glad to be out.";
	env e;
	setup(&e,
	      RULE("local out = {}\n"
		   "for q in a:quotes() do\n"
		   "  local sp = q.speaker\n"
		   "  out[#out + 1] = type(sp) == 'string' and 'str:' .. sp\n"
		   "                  or sp and sp.name or 'nil'\n"
		   "end\n"
		   "a:alert{ message = table.concat(out, '|') }"),
	      false);
	nr_article_free(e.a);
	ck_assert_int_eq(nr_article_from_text(&e.a, text, strlen(text), NULL), NR_OK);
	got g;
	scan_ok(&e, &g);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.msg[0],
			 "Securities and Exchange Commission|State Department|Lisa I'Anson");
	teardown(&e);
}
END_TEST

Suite *lua_objects_suite(void)
{
	Suite *s = suite_create("lua_objects");
	TCase *tc = tcase_create("objects");
	tcase_add_test(tc, access_functions);
	tcase_add_test(tc, entity_fields_and_mentions);
	tcase_add_test(tc, entities_by_type_and_in_span);
	tcase_add_test(tc, quote_fields);
	tcase_add_test(tc, alert_takes_entities);
	tcase_add_test(tc, entity_methods_and_equality);
	tcase_add_test(tc, stale_entity_raises);
	tcase_add_test(tc, analysis_is_lazy);
	tcase_add_test(tc, builtin_lexicons);
	tcase_add_test(tc, unknown_builtin_lexicon);
	tcase_add_test(tc, tostring_without_addresses);
	tcase_add_test(tc, speaker_mention_is_entity);
	suite_add_tcase(s, tc);
	tc = tcase_create("guide");
	tcase_add_test(tc, guide_rule_blocks);
	tcase_add_test(tc, guide_snippets);
	suite_add_tcase(s, tc);
	return s;
}

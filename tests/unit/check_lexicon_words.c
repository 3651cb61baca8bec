/*
 * check_lexicon_words.c - lexicons tested on an article's words, split and
 * hashed once per article (s:has, article:find, span:find, lex:test(span)),
 * give what splitting the text on every call gives (lex:test(string),
 * lex:find(string), which always split): on the shipped examples, the
 * fixtures and hostile text (letters of any script, apostrophes ’ and ',
 * hyphens, digits, words longer than any entry, entries across sentence
 * ends, capitals), for single words, built-in lexicons and a rule's own.
 */
#include "testutil.h"

#include "rules/rules.h" /* the set's shared built-in lexicons */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rule alerts once: "ok", or what disagreed. */
static const char RULE[] =
    "local LEXES = {\n"
    "  news.lexicon('speech_verbs'), news.lexicon('speech_verbs:accuse'),\n"
    "  news.lexicon('countries'), news.lexicon('titles'), news.lexicon('organizations'),\n"
    "  news.lexicon('function_words'), news.lexicon('first_names'),\n"
    "  news.lexicon('locations'), news.lexicon('government_actors'),\n"
    "  news.lexicon { 'talk show host', 'call on', 'co-operate', 'G7', \"o'brien\",\n"
    "                 'it\xE2\x80\x99s', 'S\xC3\xA3o Paulo', 'Z\xC3\x9CRICH', 'NATO', "
    "'well-known',\n"
    "                 '1990s', 'end start', 'the', 'said', 'minister', 'rule out',\n"
    "                 'a b c d e f g h', string.rep('w', 250) },\n"
    "  news.lexicon { 'us', 'Who', 'hold responsible', 'deny', exact = true },\n"
    "}\n"
    "local WORDS = { 'call', 'host', 'g7', 'S\xC3\xA3o', 'it', 's', \"o'brien\", 'well-known',\n"
    "  'end start', '1990s', 'nato', 'Start', 'said', 'the', 'accuse', 'z\xC3\xBCrich' }\n"
    "local WORD_LEXES = {}\n"
    "for i, w in ipairs(WORDS) do WORD_LEXES[i] = news.lexicon { w } end\n"
    "\n"
    "-- Every match of L in text from byte base (1-based) by splitting: a\n"
    "-- list of start, stop pairs in the article's offsets.\n"
    "local function split_finds(L, text, base)\n"
    "  local out, pos = {}, 1\n"
    "  while true do\n"
    "    local s, e = L:find(text:sub(pos))\n"
    "    if not s then return out end\n"
    "    out[#out + 1] = (base + pos + s - 2) .. '-' .. (base + pos + e - 2)\n"
    "    pos = pos + e\n"
    "  end\n"
    "end\n"
    "\n"
    "local function word_finds(iter)\n"
    "  local out = {}\n"
    "  for m in iter do out[#out + 1] = m.start .. '-' .. m.stop end\n"
    "  return out\n"
    "end\n"
    "\n"
    "local function same(what, a, b)\n"
    "  local x, y = table.concat(a, ','), table.concat(b, ',')\n"
    "  if x ~= y then error(what .. ': words ' .. x .. ' split ' .. y, 0) end\n"
    "end\n"
    "\n"
    "local function check_span(L, s, what)\n"
    "  local ok, m = s:has(L)\n"
    "  local b, e = L:find(s.text)\n"
    "  if ok ~= (b ~= nil) or ok ~= L:test(s) or ok ~= L:test(s.text) then\n"
    "    error(what .. ': has ' .. tostring(ok) .. ' in ' .. tostring(s), 0)\n"
    "  end\n"
    "  if ok and (m.start ~= s.start + b - 1 or m.stop ~= s.start + e - 1) then\n"
    "    error(what .. ': has at ' .. m.start .. ' split at ' .. (s.start + b - 1), 0)\n"
    "  end\n"
    "end\n"
    "\n"
    "local function check(article)\n"
    "  local text = article.text\n"
    "  for i, L in ipairs(LEXES) do\n"
    "    same('article:find #' .. i, word_finds(article:find(L)), split_finds(L, text, 1))\n"
    "    for s in article:sentences() do\n"
    "      check_span(L, s, 'sentence, lexicon #' .. i)\n"
    "      same('s:find #' .. i, word_finds(s:find(L)), split_finds(L, s.text, s.start))\n"
    "    end\n"
    "    -- spans that cut words: the range's own words, as before\n"
    "    for m in article:find('[A-Za-z]{2} [A-Za-z]+[ .]?') do\n"
    "      check_span(L, m, 'cut span, lexicon #' .. i)\n"
    "    end\n"
    "  end\n"
    "  for s in article:sentences() do\n"
    "    for i, w in ipairs(WORDS) do\n"
    "      if s:has(w) ~= WORD_LEXES[i]:test(s.text) then\n"
    "        error(\"s:has('\" .. w .. \"') in \" .. tostring(s), 0)\n"
    "      end\n"
    "    end\n"
    "  end\n"
    "end\n"
    "\n"
    "rule { id = 'words', title = 'W', severity = 'low', match = function(article)\n"
    "  local ok, err = pcall(check, article)\n"
    "  article:alert { message = ok and 'ok' or tostring(err) }\n"
    "end }\n";

typedef struct verdict {
	int n;
	char msg[1024];
} verdict;

static int collect(const nr_alert *al, void *payload)
{
	verdict *v = payload;
	if (v->n++ == 0)
		snprintf(v->msg, sizeof(v->msg), "%s", nr_alert_message(al));
	return 0;
}

typedef struct env {
	nr_ruleset *rs;
	nr_scanner *sc;
} env;

static void setup(env *e)
{
	ck_assert_int_eq(nr_ruleset_new(&e->rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(e->rs, "words.lua", RULE, strlen(RULE));
	ck_assert_msg(rc == NR_OK, "load: %s", nr_ruleset_last_error(e->rs));
	nr_scanner_options o = NR_SCANNER_OPTIONS_INIT;
	o.max_instructions = 2000000000ul;
	o.deadline_ms = 600000;
	ck_assert_int_eq(nr_scanner_new(&e->sc, e->rs, &o), NR_OK);
}

static void agree_on(env *e, nr_article *a, const char *what)
{
	verdict v = { 0, "" };
	int rc = nr_scanner_scan(e->sc, a, collect, &v);
	ck_assert_msg(rc == NR_OK, "%s: scan: %s", what, nr_scanner_last_error(e->sc));
	ck_assert_msg(v.n == 1, "%s: %d alerts (%s)", what, v.n, nr_scanner_last_error(e->sc));
	ck_assert_msg(!strcmp(v.msg, "ok"), "%s: %s", what, v.msg);
}

START_TEST(words_agree_on_examples_and_fixtures)
{
	static const char *const files[] = {
		"../../examples/articles/voa-haqqani.txt",
		"../../examples/articles/feed.atom",
		"../../examples/articles/feed.rss",
		"../../examples/articles/stories.jsonl",
		"../../examples/articles/story.nitf.xml",
		"segment/mixed.txt",
		"quotes/harbour.txt",
		"lexicon/watch_article.txt",
	};
	env e;
	setup(&e);
	size_t total = 0;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		tu_result r;
		tu_read_fixture(&r, files[f], NR_FORMAT_AUTO);
		for (size_t i = 0; i < r.narticles; i++, total++)
			agree_on(&e, r.articles[i], files[f]);
		tu_free(&r);
	}
	ck_assert_uint_ge(total, 10);
	nr_scanner_free(e.sc);
	nr_ruleset_free(e.rs);
}
END_TEST

START_TEST(words_agree_on_hostile_text)
{
	char longword[400];
	memset(longword, 'w', sizeof(longword) - 1);
	longword[sizeof(longword) - 1] = '\0';
	static const char *const texts[] = {
		"Critics will call on the talk show host. Talk-show hosts called on NATO; "
		"the Nato chief co-operated, CO-OPERATES and co--operate.",
		"It\xE2\x80\x99s O'Brien's G7 in S\xC3\xA3o Paulo and Z\xC3\x9CRICH, "
		"z\xC3\xBC"
		"rich, SAO PAULO. O\xE2\x80\x99"
		"Brien said it's so.",
		"The end. Start again: it was the end.\n\nStart. END START end-start "
		"the 1990s, 1990S and 1990\xE2\x80\x99s were well-known -well-known- well known.",
		"a b c d e f g h i. A B C D E F G H. a b c d e f g. a-b c d e f g h",
		"The US and the us; WHO and who. They denied it and the minister said "
		"he would not rule it out; he ruled out nothing. UN, U.S. and E.U. ministers "
		"accused, ACCUSED and Accuses one another.",
		"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 said \xE5\x8C\x97\xE4\xBA\xAC "
		"call\xC2\xA0on x1y2 -- call-on call_on 'call' \"on\" called\xE2\x80\x94on.",
	};
	env e;
	setup(&e);
	for (size_t i = 0; i <= sizeof(texts) / sizeof(texts[0]); i++) {
		char buf[2048];
		if (i < sizeof(texts) / sizeof(texts[0]))
			snprintf(buf, sizeof(buf), "%s", texts[i]);
		else /* words longer than any entry, and one entry's length */
			snprintf(buf, sizeof(buf), "call %s on. %.250s said. %s", longword,
				 longword, longword);
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, buf, strlen(buf), NULL), NR_OK);
		agree_on(&e, a, buf);
		nr_article_free(a);
	}
	nr_scanner_free(e.sc);
	nr_ruleset_free(e.rs);
}
END_TEST

static int count_alert(const nr_alert *al, void *payload)
{
	(void)al;
	(*(int *)payload)++;
	return 0;
}

/* A built-in lexicon is built once per rule set: the files that ask for it
 * and every scanner borrow the set's copy, and it matches there as where
 * it was built. */
START_TEST(builtins_built_once_per_set)
{
	static const char *const src[] = {
		"local A = news.lexicon('speech_verbs:accuse')\n"
		"local C = news.lexicon('countries')\n"
		"rule { id = 'a', title = 'a', severity = 'low', match = function(article)\n"
		"  for s in article:sentences() do\n"
		"    if s:has(A) and s:has(C) then article:alert{ evidence = s } end\n"
		"  end end }\n",
		"local C = news.lexicon('countries')\n"
		"local A = news.lexicon('speech_verbs:accuse')\n"
		"local T = news.lexicon('titles')\n"
		"rule { id = 'b', title = 'b', severity = 'low', match = function(article)\n"
		"  for s in article:sentences() do\n"
		"    if s:has(C) and s:has(A) and s:has(T) then article:alert{ evidence = s } end\n"
		"  end end }\n",
	};
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", src[0], strlen(src[0])), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", src[1], strlen(src[1])), NR_OK);
	ck_assert_uint_eq(rs->nlexshare, 3); /* accuse, countries, titles: once each */
	static const char text[] = "The foreign minister accused Iran of lying. "
				   "Pakistan blamed the weather. Nothing happened.";
	for (int k = 0; k < 2; k++) { /* two scanners, both borrowing */
		nr_scanner *sc;
		ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
		int n = 0;
		ck_assert_int_eq(nr_scanner_scan(sc, a, count_alert, &n), NR_OK);
		ck_assert_int_eq(n, 3); /* a: both accusations; b: the minister's */
		nr_article_free(a);
		nr_scanner_free(sc);
	}
	ck_assert_uint_eq(rs->nlexshare, 3);
	nr_ruleset_free(rs);
}
END_TEST

Suite *lexicon_words_suite(void)
{
	Suite *s = suite_create("lexicon_words");
	TCase *tc = tcase_create("agree");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, words_agree_on_examples_and_fixtures);
	tcase_add_test(tc, words_agree_on_hostile_text);
	tcase_add_test(tc, builtins_built_once_per_set);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check_rule_lexicons.c - lexicons as rules reach them: news.lexicon over
 * every built-in lexicon and class the docs list, and user lexicons
 * attached to a rule set (files, strings, a rules directory's lexicons/
 * folder) reaching both news.lexicon and the extractors.
 */
#include "testutil.h"

#include "lexicon/lexicon.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[262144];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	ck_assert_uint_lt(n, sizeof(buf) - 1);
	fclose(f);
	buf[n] = '\0';
	char *copy = strdup(buf);
	ck_assert_ptr_nonnull(copy);
	return copy;
}

/* Load `src` as a rule file; its top level asserts. NR_OK or the first
 * diagnostic in a failure message. */
static void load_ok(const char *name, const char *src)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, name, src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s: %s", name, nr_ruleset_last_error(rs));
	nr_ruleset_free(rs);
}

/* ---- every built-in lexicon and class ---------------------------------- */

/* One class of a lexicon and a form of it that has a word. */
typedef struct cls_pick {
	char name[64];
	const char *phrase;
} cls_pick;

typedef struct cls_walk {
	cls_pick picks[256];
	size_t n;
	const char *any; /* a form of the lexicon, for the lexicon whole */
} cls_walk;

static bool has_word(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9'))
			return true;
	return false;
}

/* A form that quotes well in Lua: no quote or backslash. */
static bool quotable(const char *s) { return !strpbrk(s, "'\\\n"); }

static int pick_classes(const nr_lex_entry *e, void *payload)
{
	cls_walk *w = payload;
	if (!has_word(e->phrase) || !quotable(e->phrase))
		return 0;
	if (!w->any)
		w->any = e->phrase;
	for (const char *p = e->cls; *p;) {
		size_t n = strcspn(p, "|");
		if (n && n < sizeof(w->picks[0].name)) {
			size_t k = 0;
			while (k < w->n && (strlen(w->picks[k].name) != n ||
					    strncmp(w->picks[k].name, p, n) != 0))
				k++;
			if (k == w->n && w->n < NR_ARRAY_LEN(w->picks)) {
				memcpy(w->picks[k].name, p, n);
				w->picks[k].name[n] = '\0';
				w->picks[k].phrase = e->phrase;
				w->n++;
			}
		}
		p += n + (p[n] == '|');
	}
	return 0;
}

/* The lexicon names of docs/lexicons.md's table of built-ins ("| `name` |"). */
static size_t doc_lexicons(char names[][64], size_t cap)
{
	char *doc = read_file(NR_FIXTURES "/../../docs/lexicons.md");
	const char *p = strstr(doc, "## What is built in");
	const char *end = p ? strstr(p, "\n## ") : NULL;
	ck_assert_ptr_nonnull(end);
	size_t n = 0;
	while ((p = strstr(p, "\n| `")) != NULL && p < end && n < cap) {
		p += 4;
		size_t len = strcspn(p, "`");
		ck_assert_uint_lt(len, 64);
		memcpy(names[n], p, len);
		names[n++][len] = '\0';
	}
	free(doc);
	return n;
}

START_TEST(every_builtin_lexicon_and_class_loads)
{
	nr_lexicon *lex;
	ck_assert_int_eq(nr_lexicon_new(&lex), NR_OK);
	char names[64][64];
	size_t nn = doc_lexicons(names, 64);
	/* Every built-in is in the tables. */
	for (int id = 0; id < NR_LEX_BUILTIN_COUNT; id++) {
		size_t k = 0;
		while (k < nn && strcmp(names[k], nr_lexicon__name(lex->set, id)) != 0)
			k++;
		ck_assert_msg(k < nn, "docs/lexicons.md does not list '%s'",
			      nr_lexicon__name(lex->set, id));
	}
	size_t classes = 0;
	for (size_t i = 0; i < nn; i++) {
		int id = nr_lexicon__id(lex->set, names[i]);
		ck_assert_msg(id >= 0 && id < NR_LEX_BUILTIN_COUNT,
			      "docs/lexicons.md lists '%s', no built-in", names[i]);
		if (nr_lexicon__rows(lex->set, id) == 0) {
			/* persons ships empty: it loads, and matches nothing. */
			char src[256];
			snprintf(src, sizeof(src),
				 "assert(not news.lexicon('%s'):test('Ann Lee'))\n"
				 "rule { id = 'x', title = 'x', severity = 'info', "
				 "match = function() end }\n",
				 names[i]);
			load_ok(names[i], src);
			continue;
		}
		cls_walk *w = calloc(1, sizeof(*w));
		ck_assert_ptr_nonnull(w);
		nr_lexicon__foreach(lex->set, id, pick_classes, w);
		ck_assert_msg(w->any != NULL, "%s: no form with a word", names[i]);
		/* The lexicon whole, then each class, in one file whose top
		 * level asserts that each matches one of its own forms. */
		nr_buf src = NR_BUF_INIT;
		nr_buf__printf(&src, "assert(news.lexicon('%s'):test('%s'), '%s')\n", names[i],
			       w->any, w->any);
		for (size_t k = 0; k < w->n; k++)
			nr_buf__printf(&src, "assert(news.lexicon('%s:%s'):test('%s'), '%s:%s')\n",
				       names[i], w->picks[k].name, w->picks[k].phrase, names[i],
				       w->picks[k].name);
		nr_buf__puts(&src, "rule { id = 'x', title = 'x', severity = 'info', "
				   "match = function() end }\n");
		ck_assert(!src.oom);
		load_ok(names[i], src.data);
		classes += w->n;
		nr_buf__free(&src);
		free(w);
	}
	ck_assert_uint_gt(classes, 100);
	nr_lexicon_free(lex);
}
END_TEST

/* The classes docs/rules.md's table offers as `name:class`. */
START_TEST(classes_in_the_guide_load)
{
	char *doc = read_file(NR_FIXTURES "/../../docs/rules.md");
	const char *p = strstr(doc, "### Built-in lexicons");
	ck_assert_ptr_nonnull(p);
	const char *end = strstr(p, "```");
	size_t checked = 0;
	while ((p = strstr(p, "\n| `")) != NULL && p < end) {
		p += 4;
		char name[64];
		size_t len = strcspn(p, "`");
		ck_assert_uint_lt(len, sizeof(name));
		memcpy(name, p, len);
		name[len] = '\0';
		const char *eol = strchr(p, '\n');
		const char *col = p;
		for (int bars = 0; bars < 2 && col < eol; col++)
			bars += *col == '|';
		/* Every `class` in the third column. */
		for (const char *q = col; (q = strchr(q, '`')) != NULL && q < eol;) {
			const char *e = strchr(q + 1, '`');
			char spec[160];
			int w = snprintf(spec, sizeof(spec),
					 "assert(news.lexicon('%s:%.*s'))\n"
					 "rule { id = 'x', title = 'x', severity = 'info', match = "
					 "function() end }\n",
					 name, (int)(e - q - 1), q + 1);
			ck_assert(w > 0 && (size_t)w < sizeof(spec));
			/* Links to sections name no class. */
			if (!memchr(q + 1, '#', (size_t)(e - q - 1))) {
				load_ok(name, spec);
				checked++;
			}
			q = e + 1;
		}
		p = eol;
	}
	ck_assert_uint_gt(checked, 40);
	free(doc);
}
END_TEST

/* Long entries (organizations has nine-word names) match, and cost
 * nothing where the text does not follow them. */
START_TEST(long_entries_match)
{
	load_ok("long.lua",
		"local O = news.lexicon('organizations')\n"
		"assert(O:test('the United Nations Office for the Coordination of "
		"Humanitarian Affairs said'))\n"
		"assert(O:test('aid from the International Federation of Red Cross and Red "
		"Crescent Societies'))\n"
		"local s, e = O:find('an Office of the United Nations High Commissioner for "
		"Refugees report')\n"
		"assert(s == 4 and e == 62, tostring(s) .. ' ' .. tostring(e))\n"
		"local L = news.lexicon { 'a b c d e f g h i j k l m n o p q r s t' }\n"
		"assert(L:test('x a b c d e f g h i j k l m n o p q r s t y'))\n"
		"assert(not L:test('a b c d e f g h i j k l m n o p q r s'))\n"
		"local P = news.lexicon { 'united nations office', 'united' }\n"
		"local s2, e2 = P:find('the United Nations said')\n"
		"assert(s2 == 5 and e2 == 10)  -- a prefix alone is no match\n"
		"rule { id = 'x', title = 'x', severity = 'info', match = function() end }\n");
}
END_TEST

/* ---- a rules directory's lexicons/ folder ------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

static size_t count_diags(const nr_ruleset *rs, const char *part)
{
	size_t n = 0;
	for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++)
		n += strstr(nr_ruleset_diagnostic(rs, i, NULL), part) != NULL;
	return n;
}

static void remove_tree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Every NAME.tsv and NAME.txt in lexicons/ is lexicon NAME for the
 * directory's rules (and its subdirectories' own folders too); the folder
 * is not walked for rule files, is read once however often its rules are
 * added, and a bad row is a warning with its file and line. */
START_TEST(lexicons_folder)
{
	char dir[] = "/tmp/nr-lexdir-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char sub[600], lexdir[600], sublex[600];
	snprintf(lexdir, sizeof(lexdir), "%s/lexicons", dir);
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	snprintf(sublex, sizeof(sublex), "%s/sub/lexicons", dir);
	ck_assert_int_eq(mkdir(lexdir, 0700), 0);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(mkdir(sublex, 0700), 0);
	write_file(lexdir, "watch.txt", "# people\nAnn Okoro\nBad \xff\n");
	write_file(lexdir, "persons.tsv", "Zorbek Ulanov\tUlanov\n");
	write_file(lexdir, "notes.md", "not a lexicon\n");
	write_file(lexdir, "broken.lua", "this is not Lua (\n");
	write_file(sublex, "cues.txt", "stormed out\n");
	write_file(dir, "a.lua",
		   "local W = news.lexicon('watch')\n"
		   "assert(W:test('Ann Okoro said') and news.lexicon('persons'):test('Ulanov'))\n"
		   "rule { id = 'a', title = 'a', severity = 'info', match = function() end }\n");
	write_file(sub, "b.lua",
		   "assert(news.lexicon('cues'):test('she stormed out'))\n"
		   "rule { id = 'b', title = 'b', severity = 'info', match = function() end }\n");
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_path(rs, dir);
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	ck_assert_uint_eq(nr_ruleset_file_count(rs), 2);
	ck_assert_uint_eq(count_diags(rs, "lexicons/watch.txt:3: invalid UTF-8; skipped"), 1);
	ck_assert_uint_eq(count_diags(rs, "broken.lua"), 0);
	/* A rule file of the same directory added alone: the folder is
	 * attached already, its warning not repeated. */
	char one[600];
	snprintf(one, sizeof(one), "%s/a.lua", dir);
	nr_ruleset *rs2;
	ck_assert_int_eq(nr_ruleset_new(&rs2, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs2, one), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs2, one), NR_ERULE); /* duplicate id */
	ck_assert_uint_eq(count_diags(rs2, "watch.txt:3"), 1);
	nr_ruleset_free(rs2);
	/* The extractors read the folder's persons. */
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	const nr_lexicon *lex = nr_ruleset_lexicon(rs);
	ck_assert_ptr_nonnull(lex);
	nr_article *art;
	const char *text = "Ulanov said the talks had failed.";
	ck_assert_int_eq(nr_article_from_text(&art, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article_analyze(art, lex), NR_OK);
	ck_assert_uint_ge(nr_article_entity_count(art), 1);
	nr_entity_info e;
	ck_assert_int_eq(nr_article_entity(art, 0, &e), NR_OK);
	ck_assert_str_eq(e.name, "Zorbek Ulanov");
	ck_assert_int_eq(e.type, NR_ENTITY_PERSON);
	nr_article_free(art);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	/* A file there that cannot be a lexicon name is an error naming it;
	 * the rules that do not need it still load. */
	write_file(lexdir, "Bad Name.txt", "x\n");
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, dir), NR_ERULE);
	ck_assert_uint_eq(count_diags(rs, "lexicons/Bad Name.txt: invalid lexicon name"), 1);
	ck_assert_uint_eq(nr_ruleset_file_count(rs), 2);
	nr_ruleset_free(rs);
	remove_tree(dir);
}
END_TEST

Suite *rule_lexicons_suite(void)
{
	Suite *s = suite_create("rule_lexicons");
	TCase *tc = tcase_create("builtin");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_builtin_lexicon_and_class_loads);
	tcase_add_test(tc, classes_in_the_guide_load);
	tcase_add_test(tc, long_entries_match);
	suite_add_tcase(s, tc);
	tc = tcase_create("user");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lexicons_folder);
	suite_add_tcase(s, tc);
	return s;
}

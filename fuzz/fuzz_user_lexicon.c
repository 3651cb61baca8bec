/*
 * fuzz_user_lexicon.c - libFuzzer target for an analyst's lexicon file:
 * the lenient reading of any bytes as a user lexicon or as rows of a
 * built-in one (persons, organizations, titles, countries, ...), attached
 * to a rule set as -L does, then read three ways: by a rule through
 * news.lexicon("NAME"), by the extractors over an article that repeats the
 * file's own lines, and by a walk of every form. A crash, a sanitizer
 * report, a rule file rejected because of the lexicon's rows, or a load
 * that fails for anything but memory is a bug.
 *
 * Input: the first byte picks the lexicon, the rest is the file.
 */
#include "newsrules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const NAMES[] = {
	"watch",        "persons",     "organizations",
	"titles",       "first_names", "locations",
	"countries",    "org_cues",    "government_actors",
	"speech_verbs", "verbs",       "word_classes",
	"cameo_verbs",  "actor_kinds", "function_words",
};

static int count_form(const nr_lexicon_form *f, void *payload)
{
	if (!f->phrase[0] || !f->canonical[0])
		abort(); /* every form has a phrase and a name */
	(*(size_t *)payload)++;
	return 0;
}

static int on_alert(const nr_alert *al, void *payload)
{
	(void)al;
	(void)payload;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	const char *name = NAMES[data[0] % (sizeof(NAMES) / sizeof(NAMES[0]))];
	const char *file = (const char *)data + 1;
	size_t len = size - 1;
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, NULL) != NR_OK)
		return 0;
	int rc = nr_ruleset_add_lexicon_string(rs, name, file, len, "fuzz.txt");
	if (rc != NR_OK && rc != NR_ENOMEM)
		abort(); /* bad rows are warnings, never a failed load */
	char src[512];
	snprintf(src, sizeof(src),
		 "local L = news.lexicon('%s')\n"
		 "rule { id = 'f', title = 'f', severity = 'info', match = function(a)\n"
		 "  for m in a:find(L) do a:alert{ evidence = m } end\n"
		 "  for e in a:entities() do a:alert{ actor = e } end\n"
		 "end }\n",
		 name);
	if (rc == NR_OK && nr_ruleset_add_string(rs, "fuzz.lua", src, strlen(src)) != NR_OK &&
	    !strstr(nr_ruleset_last_error(rs), "memory"))
		abort();
	const nr_lexicon *lex = nr_ruleset_lexicon(rs);
	size_t forms = 0;
	if (lex && nr_lexicon_foreach(lex, name, count_form, &forms) != NR_OK)
		abort();
	nr_scanner *sc = NULL;
	nr_article *a = NULL;
	/* The file's own lines are the article: its names come up. */
	if (nr_scanner_new(&sc, rs, NULL) == NR_OK &&
	    nr_article_from_text(&a, file, len, NULL) == NR_OK)
		nr_scanner_scan(sc, a, on_alert, NULL);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	return 0;
}

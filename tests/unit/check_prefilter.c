/*
 * check_prefilter.c - the one keyword pass: the automaton against a brute
 * force search, the pass against the memmem reference it replaced (which
 * rules run), and article:hits() as rules see it.
 */
#include "testutil.h"

#include "base/acm.h"
#include "rules/prefilter.h"

#include <check.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ROOT NR_FIXTURES "/../.."

/* ---- the automaton ----------------------------------------------------- */

typedef struct found {
	uint32_t pat[4096];
	size_t end[4096];
	size_t n;
} found;

static void on_found(void *ud, uint32_t pat, size_t end)
{
	found *f = ud;
	ck_assert_uint_lt(f->n, 4096);
	f->pat[f->n] = pat;
	f->end[f->n++] = end;
}

static unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Every (pattern, end) by brute force, in the order the machine reports. */
static void brute(found *f, const char *const *pats, const size_t *lens, size_t n, const char *s,
		  size_t len)
{
	f->n = 0;
	for (size_t end = 1; end <= len; end++) {
		/* longest first among those ending here */
		for (size_t l = end; l > 0; l--)
			for (size_t p = 0; p < n; p++) {
				if (lens[p] != l)
					continue;
				size_t j = 0;
				while (j < l && fold((unsigned char)s[end - l + j]) ==
						    fold((unsigned char)pats[p][j]))
					j++;
				if (j == l)
					on_found(f, (uint32_t)p, end);
			}
	}
}

static void expect_same(const found *a, const found *b)
{
	ck_assert_uint_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		ck_assert_uint_eq(a->pat[i], b->pat[i]);
		ck_assert_uint_eq(a->end[i], b->end[i]);
	}
}

START_TEST(acm_finds_what_brute_force_finds)
{
	/* Overlaps, prefixes, suffixes, capitals, UTF-8 (é is C3 A9, É C3 89:
	 * compared exactly), a pattern inside another. */
	static const char *const pats[] = { "he", "she", "his", "hers", "É", "é",   "aé",
					    "a",  "aa",  "aaa", "hé",   "S", "x y", "\xA9" };
	size_t n = NR_ARRAY_LEN(pats), lens[NR_ARRAY_LEN(pats)];
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(pats[i]);
	nr_acm *m = nr_acm__new(pats, lens, n);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_gt(nr_acm__size(m), 0);
	static const char alphabet[] = "heisrHEISRaAxy \xC3\xA9\x89";
	unsigned seed = 12345;
	found got, want;
	char text[200];
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)(round % 60);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			text[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		got.n = 0;
		nr_acm__run(m, NR_ACM_START, text, len, 0, on_found, &got);
		brute(&want, pats, lens, n, text, len);
		expect_same(&got, &want);
		/* the same pass in two runs, split anywhere */
		size_t cut = len ? (size_t)round % len : 0;
		got.n = 0;
		uint32_t st = nr_acm__run(m, NR_ACM_START, text, cut, 0, on_found, &got);
		nr_acm__run(m, st, text + cut, len - cut, cut, on_found, &got);
		expect_same(&got, &want);
	}
	nr_acm__free(m);
}
END_TEST

START_TEST(acm_no_patterns)
{
	nr_acm *m = nr_acm__new(NULL, NULL, 0);
	ck_assert_ptr_nonnull(m);
	found got = { .n = 0 };
	nr_acm__run(m, NR_ACM_START, "text", 4, 0, on_found, &got);
	ck_assert_uint_eq(got.n, 0);
	nr_acm__free(m);
	/* an empty pattern is refused */
	const char *empty[] = { "" };
	size_t zero = 0;
	ck_assert_ptr_null(nr_acm__new(empty, &zero, 1));
}
END_TEST

/* ---- the pass against the reference ------------------------------------ */

/* Rules whose keywords are hard cases for a multi-pattern search. */
static const char ADVERSARIAL[] =
    "local function r(id, kw) rule { id = id, title = id, severity = 'low', keywords = kw,\n"
    "  match = function(article) end } end\n"
    "r('overlap', { 'abab', 'bab' })\n"
    "r('prefix', { 'deni', 'denied', 'denial' })\n"
    "r('same-as-other', { 'deni' })\n"
    "r('twice', { 'Accuse', 'accuse', 'ACCUSE' })\n"
    "r('utf8', { '\xE2\x80\x9C' .. 'deny', 'caf\xC3\xA9', 'CAF\xC3\x89' })\n"
    "r('boundary', { 'budget\\nthe', 'n\\nt' })\n"
    "r('spaces', { 'ask ', ' not', 'rule out' })\n"
    "r('one-letter', { 'q', 'z' })\n"
    "r('never', { 'xylophonic-zebra' })\n"
    "r('start-end', { 'mayor', 'sheet.' })\n"
    "rule { id = 'no-keywords', title = 'n', severity = 'low', match = function() end }\n";

static const char *const TEXTS[][2] = {
	{ "", "" },
	{ "Mayor", "" },
	{ "", "sheet." },
	{ "", "ababab and denial" },
	{ "THE MAYOR DENIED IT", "WE ACCUSE NOBODY. RULE OUT NOTHING." },
	{ "Budget", "The council met." },
	{ "On budget", "the end" },
	{ "Caf\xC3\xA9 owner", "CAF\xC3\xA9 and caf\xC3\x89 \xE2\x80\x9C"
			       "DENY\xE2\x80\x9D" },
	{ "No keywords", "Nothing at all here, believe me." },
	{ "Q", "z" },
	{ "Title\n", "\ntext" },
	{ "sheet", ". mayo" },
};

static nr_ruleset *load(const char *name, const char *src)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	if (src)
		ck_assert_int_eq(nr_ruleset_add_string(rs, name, src, strlen(src)), NR_OK);
	else
		ck_assert_int_eq(nr_ruleset_add_path(rs, name), NR_OK);
	return rs;
}

/* The pass and the reference decide the same for every rule. */
static void expect_agree(const nr_prefilter *pf, nr_kwscan *ks, const nr_ruleset *rs,
			 const char *title, const char *text, size_t len)
{
	nr_buf lower = NR_BUF_INIT;
	nr_prefilter__lower(&lower, title, strlen(title), text, len);
	nr_kwscan__run(ks, title, strlen(title), text, len);
	for (size_t r = 0; r < rs->nrules; r++) {
		if (!rs->rules[r].nkeywords)
			continue;
		bool want = nr_prefilter__reference_hit(&rs->rules[r], &lower);
		if (nr_kwscan__rule_hit(ks, r) != want)
			ck_abort_msg("rule %s on '%s' / '%.60s': pass says %d", rs->rules[r].id,
				     title, text, !want);
	}
	nr_buf__free(&lower);
	(void)pf;
}

START_TEST(pass_agrees_with_memmem_on_hard_cases)
{
	nr_ruleset *rs = load("adversarial.lua", ADVERSARIAL);
	const nr_prefilter *pf = nr_prefilter__get(rs);
	ck_assert_ptr_nonnull(pf);
	ck_assert_ptr_eq(nr_prefilter__get(rs), pf); /* built once */
	nr_kwscan ks;
	nr_kwscan__init(&ks, pf);
	ck_assert(!ks.oom);
	for (size_t i = 0; i < NR_ARRAY_LEN(TEXTS); i++)
		expect_agree(pf, &ks, rs, TEXTS[i][0], TEXTS[i][1], strlen(TEXTS[i][1]));
	/* a keyword across the title/text boundary makes the rule run */
	nr_kwscan__run(&ks, "On the budget", 13, "The end", 7);
	ck_assert(nr_kwscan__rule_hit(&ks, 5));
	nr_kwscan__free(&ks);
	nr_ruleset_free(rs);
}
END_TEST

/* Scanners made at once on several threads share one automaton: the
 * first built is published, the others are dropped. */
typedef struct racer {
	const nr_ruleset *rs;
	nr_scanner *sc;
	const nr_prefilter *pf;
} racer;

static void *race(void *p)
{
	racer *r = p;
	if (nr_scanner_new(&r->sc, r->rs, NULL) == NR_OK)
		r->pf = nr_prefilter__get(r->rs);
	return NULL;
}

START_TEST(scanners_on_threads_share_one_automaton)
{
	nr_ruleset *rs = load("adversarial.lua", ADVERSARIAL);
	racer r[4];
	pthread_t t[4];
	for (int i = 0; i < 4; i++) {
		r[i] = (racer){ rs, NULL, NULL };
		ck_assert_int_eq(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 4; i++) {
		ck_assert_ptr_nonnull(r[i].pf);
		ck_assert_ptr_eq(r[i].pf, r[0].pf);
		nr_scanner_free(r[i].sc);
	}
	nr_ruleset_free(rs);
}
END_TEST

typedef struct walk {
	const nr_prefilter *pf;
	nr_kwscan *ks;
	const nr_ruleset *rs;
	size_t articles;
} walk;

static int on_article(const nr_read_item *item, void *payload)
{
	walk *w = payload;
	if (!item->article)
		return 0;
	size_t len;
	const char *text = nr_article_text(item->article, &len);
	expect_agree(w->pf, w->ks, w->rs, nr_article_title(item->article), text, len);
	w->articles++;
	nr_article_free(item->article);
	return 0;
}

static void walk_dir(walk *w, const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			walk_dir(w, path);
		else
			nr_read_file(path, NULL, on_article, w);
	}
	closedir(d);
}

START_TEST(pass_agrees_with_memmem_on_files)
{
	const char *sets[] = { ROOT "/rules", NULL };
	for (int s = 0; s < 2; s++) {
		nr_ruleset *rs = sets[s] ? load(sets[s], NULL) : load("adv.lua", ADVERSARIAL);
		nr_kwscan ks;
		walk w = { nr_prefilter__get(rs), &ks, rs, 0 };
		nr_kwscan__init(&ks, w.pf);
		walk_dir(&w, ROOT "/examples/articles");
		walk_dir(&w, NR_FIXTURES);
		ck_assert_uint_gt(w.articles, 50);
		nr_kwscan__free(&ks);
		nr_ruleset_free(rs);
	}
}
END_TEST

/* The scanner skips the same rules either way: same outcome counts. */
START_TEST(scanner_runs_the_same_rules)
{
	nr_ruleset *rs = load(ROOT "/rules", NULL);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "adv.lua", ADVERSARIAL, strlen(ADVERSARIAL)),
			 NR_OK);
	nr_scanner *fast, *ref;
	ck_assert_int_eq(nr_scanner_new(&fast, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&ref, rs, NULL), NR_OK);
	nr_scanner__reference_keywords(ref, true);
	DIR *d = opendir(ROOT "/examples/articles");
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	size_t n = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof(path), ROOT "/examples/articles/%s", e->d_name);
		tu_result r;
		FILE *f = fopen(path, "rb");
		ck_assert_ptr_nonnull(f);
		static char buf[1 << 20];
		size_t len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		tu_read_len(&r, buf, len, NR_FORMAT_AUTO);
		for (size_t i = 0; i < r.narticles; i++, n++) {
			nr_scanner_scan(fast, r.articles[i], NULL, NULL);
			nr_scanner_scan(ref, r.articles[i], NULL, NULL);
		}
		tu_free(&r);
	}
	closedir(d);
	ck_assert_uint_gt(n, 5);
	for (size_t i = 0; i < nr_ruleset_rule_count(rs); i++)
		for (int o = 0; o < NR_OUTCOME_COUNT_; o++)
			ck_assert_uint_eq(nr_scanner_rule_outcomes(fast, i, o),
					  nr_scanner_rule_outcomes(ref, i, o));
	ck_assert_uint_gt(nr_scanner_rule_outcomes(fast, 0, NR_OUTCOME_SKIPPED) +
			      nr_scanner_rule_outcomes(fast, 1, NR_OUTCOME_SKIPPED),
			  0);
	nr_scanner_free(fast);
	nr_scanner_free(ref);
	nr_ruleset_free(rs);
}
END_TEST

/* ---- article:hits() ---------------------------------------------------- */

typedef struct messages {
	char text[8][4096];
	size_t n;
} messages;

static int on_alert(const nr_alert *al, void *payload)
{
	messages *m = payload;
	if (m->n < 8)
		snprintf(m->text[m->n++], sizeof(m->text[0]), "%s", nr_alert_message(al));
	return 0;
}

/* Scan title/text with the rule file `src`; the alerts' messages. */
static void scan_with(messages *m, const char *src, const char *title, const char *text)
{
	nr_ruleset *rs = load("hits.lua", src);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), title), NR_OK);
	m->n = 0;
	int rc = nr_scanner_scan(sc, a, on_alert, m);
	if (rc != NR_OK)
		ck_abort_msg("scan: %s",
			     nr_scanner_error_count(sc) ? nr_scanner_error(sc, 0) : "?");
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}

#define HITS_RULE(kw)                                                                             \
	"rule { id = 'h', title = 'h', severity = 'low', keywords = " kw ",\n"                    \
	"  match = function(article)\n"                                                           \
	"    local all, ws = {}, {}\n"                                                            \
	"    for h in article:hits() do\n"                                                        \
	"      assert(h.kind == 'hit' and h.index == nil and article.text:sub(h.start, h.stop) "  \
	"== h.text)\n"                                                                            \
	"      all[#all + 1] = h.start .. '-' .. h.stop .. ':' .. h.text .. ':' .. h.keyword\n"   \
	"    end\n"                                                                               \
	"    for h in article:hits{ word_start = true } do\n"                                     \
	"      ws[#ws + 1] = h.start .. ':' .. h.keyword .. ':' .. h:sentence().index\n"          \
	"    end\n"                                                                               \
	"    article:alert{ message = table.concat(all, ';') .. '|' .. table.concat(ws, ';') }\n" \
	"  end }\n"

START_TEST(hits_in_text_order_with_declared_keywords)
{
	messages m;
	scan_with(&m,
		  HITS_RULE("{ 'Deny', 'den', 'denied', '\xE2\x80\x9C"
			    "deny' }"),
		  "Deny everything",
		  "They denied it. Sudden \xE2\x80\x9C"
		  "deny\xE2\x80\x9D x\xE2\x80\x9C"
		  "deny\xE2\x80\x9D \xC3\xA9"
		  "deny DENY_ den");
	ck_assert_uint_eq(m.n, 1);
	/* by start, longest first; the title's "Deny" is not in the text;
	 * word starts as `\b` sees them: not after a letter (é is one), and
	 * before a quote mark only after a word character */
	ck_assert_str_eq(m.text[0], "6-11:denied:denied;6-8:den:den;20-22:den:den;"
				    "24-30:\xE2\x80\x9C"
				    "deny:\xE2\x80\x9C"
				    "deny;27-30:deny:Deny;"
				    "27-29:den:den;36-42:\xE2\x80\x9C"
				    "deny:\xE2\x80\x9C"
				    "deny;"
				    "39-42:deny:Deny;39-41:den:den;49-52:deny:Deny;49-51:den:den;"
				    "54-57:DENY:Deny;54-56:DEN:den;60-62:den:den|"
				    "6:denied:1;6:den:1;27:Deny:2;27:den:2;36:\xE2\x80\x9C"
				    "deny:2;"
				    "39:Deny:2;39:den:2;54:Deny:2;54:den:2;60:den:2");
}
END_TEST

START_TEST(hits_of_the_running_rule_only)
{
	messages m;
	scan_with(
	    &m,
	    "rule { id = 'a', title = 'a', severity = 'low', keywords = { 'council' },\n"
	    "  match = function(article) local n = 0\n"
	    "    for h in article:hits() do n = n + 1 end\n"
	    "    article:alert{ message = 'a' .. n } end }\n"
	    "rule { id = 'b', title = 'b', severity = 'low', keywords = { 'met', 'budget' },\n"
	    "  match = function(article) local t = {}\n"
	    "    for h in article:hits() do t[#t + 1] = h.keyword end\n"
	    "    article:alert{ message = 'b' .. table.concat(t, ',') } end }\n"
	    "rule { id = 'c', title = 'c', severity = 'low',\n"
	    "  match = function(article) local n = 0\n"
	    "    for h in article:hits() do n = n + 1 end\n"
	    "    article:alert{ message = 'c' .. n } end }\n",
	    "Budget", "The council met. The council metered the budget.");
	ck_assert_uint_eq(m.n, 3);
	ck_assert_str_eq(m.text[0], "a2");
	ck_assert_str_eq(m.text[1], "bmet,met,budget");
	ck_assert_str_eq(m.text[2], "c0"); /* no keywords, no hits */
}
END_TEST

/* More hits than the pass keeps: they are found again for the rule. */
START_TEST(hits_past_the_buffer)
{
	size_t n = 100000;
	char *text = malloc(2 * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(text + 2 * i, "a ", 2);
	text[2 * n - 1] = '.';
	text[2 * n] = '\0';
	messages m;
	scan_with(&m,
		  "rule { id = 'many', title = 'm', severity = 'low', keywords = { 'a', 'a ' },\n"
		  "  match = function(article) local n, last, ok = 0, 0, true\n"
		  "    for h in article:hits() do n = n + 1\n"
		  "      ok = ok and h.start >= last; last = h.start end\n"
		  "    article:alert{ message = n .. tostring(ok) } end }\n",
		  NULL, text);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_str_eq(m.text[0], "199999true");
	free(text);
}
END_TEST

START_TEST(hits_options_checked)
{
	messages m;
	scan_with(&m,
		  "rule { id = 'o', title = 'o', severity = 'low', keywords = { 'x' },\n"
		  "  match = function(article)\n"
		  "    local ok1, e1 = pcall(article.hits, article, { word_stat = true })\n"
		  "    local ok2, e2 = pcall(article.hits, article, { word_start = 1 })\n"
		  "    local ok3 = pcall(article.hits, article, 5)\n"
		  "    article:alert{ message = tostring(ok1) .. tostring(ok2) .. tostring(ok3)\n"
		  "      .. ' ' .. e1 .. ' ' .. e2 } end }\n",
		  NULL, "x marks the spot.");
	ck_assert_uint_eq(m.n, 1);
	ck_assert_ptr_nonnull(strstr(m.text[0], "falsefalsefalse"));
	ck_assert_ptr_nonnull(strstr(m.text[0], "unknown option word_stat"));
	ck_assert_ptr_nonnull(strstr(m.text[0], "word_start must be a boolean"));
}
END_TEST

/* The pack's cue_sentences on hits gives the sentences its trigger regex
 * gave: \b(?:k1|...) caseless over the text. */
static const char PACK_EQUIV[] =
    "local KW = { 'deni', 'deny', 'rule out', 'not \xE2\x80\x9C', 'not \"', 'arm\xE2\x80\x9D',\n"
    "  'ask ', 'don\xE2\x80\x99t', 'urg', 'warn' }\n"
    "local alt = {}\n"
    "for i, w in ipairs(KW) do alt[i] = (w:gsub('[%^%$%(%)%%%.%[%]%*%+%-%?{}|\\\\]', "
    "'\\\\%0')) end\n"
    "local TRIGGER = news.regex([[\\b(?:]] .. table.concat(alt, '|') .. ')', 'i')\n"
    "rule { id = 'eq', title = 'eq', severity = 'low', keywords = KW,\n"
    "  match = function(article)\n"
    "    local a, b, last = {}, {}, nil\n"
    "    for m in article:find(TRIGGER) do local s = m:sentence()\n"
    "      if s and s.index ~= last then last = s.index; a[#a + 1] = s.index end end\n"
    "    last = nil\n"
    "    for h in article:hits{ word_start = true } do local s = h:sentence()\n"
    "      if s and s.index ~= last then last = s.index; b[#b + 1] = s.index end end\n"
    "    a, b = table.concat(a, ','), table.concat(b, ',')\n"
    "    article:alert{ message = a == b and 'same ' .. a or ('differ ' .. a .. ' / ' .. b) }\n"
    "  end }\n";

START_TEST(word_start_hits_give_the_trigger_sentences)
{
	static const char *const texts[] = {
		"He denied it. Sudden denial. They did not deny. Undeniable? Deniers.",
		"\xE2\x80\x9C"
		"Deny it,\xE2\x80\x9D he said. \xC3\xA9"
		"deny no. Rule out. RULE OUT!",
		"It is not \xE2\x80\x9C"
		"fair\xE2\x80\x9D. Not \"fair\". The armed arm\xE2\x80\x9D "
		"spoke. I ask you. Task force.",
		"Don\xE2\x80\x99t go. DON\xE2\x80\x99T. Urgent. Surge. Warned. Forewarned. "
		"Caf\xC3\xA9 closed. CAF\xC3\x89 open.",
		"_deny x. 9deny y. deny_ z. \xE2\x80\x94"
		"deny w.",
	};
	for (size_t i = 0; i < NR_ARRAY_LEN(texts); i++) {
		messages m;
		scan_with(&m, PACK_EQUIV, NULL, texts[i]);
		ck_assert_uint_eq(m.n, 1);
		if (strncmp(m.text[0], "same ", 5))
			ck_abort_msg("text %zu: %s", i, m.text[0]);
	}
}
END_TEST

/* Run over every example article too. */
START_TEST(word_start_hits_on_examples)
{
	nr_ruleset *rs = load("eq.lua", PACK_EQUIV);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	DIR *d = opendir(ROOT "/examples/articles");
	struct dirent *e;
	size_t same = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof(path), ROOT "/examples/articles/%s", e->d_name);
		FILE *f = fopen(path, "rb");
		static char buf[1 << 20];
		size_t len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		tu_result r;
		tu_read_len(&r, buf, len, NR_FORMAT_AUTO);
		for (size_t i = 0; i < r.narticles; i++) {
			messages m = { .n = 0 };
			nr_scanner_scan(sc, r.articles[i], on_alert, &m);
			for (size_t k = 0; k < m.n; k++) {
				if (strncmp(m.text[k], "same ", 5))
					ck_abort_msg("%s: %s", e->d_name, m.text[k]);
				same++;
			}
		}
		tu_free(&r);
	}
	closedir(d);
	ck_assert_uint_gt(same, 2);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* The pack's cue_sentences: the regex's sentences also where the pass
 * compares differently (a keyword with a letter beyond ASCII; a text
 * holding K, the Kelvin sign, or ſ, the long s, which the regex takes for
 * k and s). */
static const char PACK_RULES[] =
    "local pack = require 'pack'\n"
    "local function r(id, KW) rule { id = id, title = id, severity = 'low', keywords = KW,\n"
    "  match = function(article)\n"
    "    local a, b, last = {}, {}, nil\n"
    "    for m in article:find(pack.trigger(KW)) do local s = m:sentence()\n"
    "      if s and s.index ~= last then last = s.index; a[#a + 1] = s.index end end\n"
    "    for _, s in ipairs(pack.cue_sentences(article, KW)) do b[#b + 1] = s.index end\n"
    "    a, b = table.concat(a, ','), table.concat(b, ',')\n"
    "    article:alert{ message = a == b and a or ('differ ' .. a .. ' / ' .. b) }\n"
    "  end } end\n"
    "r('letters', { 'caf\xC3\xA9', 'deny' })\n"
    "r('signs', { 'keep', 'sun', 'deny' })\n";

START_TEST(pack_cue_sentences_where_the_pass_differs)
{
	FILE *f = fopen(ROOT "/rules/lib/pack.lua", "rb");
	ck_assert_ptr_nonnull(f);
	static char src[1 << 17];
	size_t len = fread(src, 1, sizeof(src) - 1, f);
	fclose(f);
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "pack", src, len), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "p.lua", PACK_RULES, strlen(PACK_RULES)), NR_OK);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	static const char *const texts[][2] = {
		{ "They deny it. The CAF\xC3\x89 closed. A caf\xC3\xA9 opened.", "1,2,3|1" },
		{ "They deny it. We \xE2\x84\xAA"
		  "eep going. The \xC5\xBF"
		  "un rose.",
		  "1|1,2,3" },
		{ "They deny it. We keep going.", "1|1,2" },
	};
	for (size_t i = 0; i < NR_ARRAY_LEN(texts); i++) {
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, texts[i][0], strlen(texts[i][0]), NULL),
				 NR_OK);
		messages m = { .n = 0 };
		ck_assert_int_eq(nr_scanner_scan(sc, a, on_alert, &m), NR_OK);
		ck_assert_uint_eq(m.n, 2);
		char both[2 * sizeof(m.text[0]) + 2];
		snprintf(both, sizeof(both), "%s|%s", m.text[0], m.text[1]);
		ck_assert_str_eq(both, texts[i][1]);
		nr_article_free(a);
	}
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

Suite *prefilter_suite(void)
{
	Suite *s = suite_create("prefilter");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, acm_finds_what_brute_force_finds);
	tcase_add_test(tc, acm_no_patterns);
	tcase_add_test(tc, pass_agrees_with_memmem_on_hard_cases);
	tcase_add_test(tc, pass_agrees_with_memmem_on_files);
	tcase_add_test(tc, scanners_on_threads_share_one_automaton);
	tcase_add_test(tc, scanner_runs_the_same_rules);
	tcase_add_test(tc, hits_in_text_order_with_declared_keywords);
	tcase_add_test(tc, hits_of_the_running_rule_only);
	tcase_add_test(tc, hits_past_the_buffer);
	tcase_add_test(tc, hits_options_checked);
	tcase_add_test(tc, word_start_hits_give_the_trigger_sentences);
	tcase_add_test(tc, word_start_hits_on_examples);
	tcase_add_test(tc, pack_cue_sentences_where_the_pass_differs);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * gen_rules.c - write N analyst-style rule files, for measuring how the
 * cost of a scan grows with the number of rules.
 *
 *   newsrules-bench-genrules [-n N] [-s SEED] [-k SHAPES] [-w KEYWORDS]
 *                            [-d DATA] OUTDIR
 *
 * Each rule watches one country for one class of statement (a verb of
 * speech or stance) by one kind of actor (ministry, army, rebels, ...),
 * the way analysts write them from docs/rules.md. Its match function has
 * one of these shapes, taken in turn (-k picks some; default all four):
 *
 *   lexicon    every sentence: s:has(COUNTRY) and s:has(VERB) and
 *              s:has(OFFICE), three lexicons
 *   regex      every sentence: a news.regex joining the verb to an office
 *              word or the country
 *   quote      every quote whose cue is the verb, by an official or a
 *              speaker the office words name, in a sentence naming the
 *              country
 *   hits       only the sentences of the rule's keyword hits
 *              (article:hits{word_start = true}), then as `lexicon`
 *
 * Its keywords (-w): `country` (default) the country's forms (name,
 * capital, demonyms, aliases: 1 to 6 of them), what a rule about a country
 * cannot match without; `broad` the verb's stem, the country's name and 1
 * to 4 office words, which occur in most articles.
 *
 * The words come from the built-in lexicons' data (DATA, default the
 * source tree's core/lexicon/data): speech_verbs.tsv, countries.tsv,
 * actor_kinds.tsv. The same options give the same files, byte for byte.
 * One file per rule, named gen-NNNN.lua.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef NR_SOURCE_LEXICON_DIR
#define NR_SOURCE_LEXICON_DIR "core/lexicon/data"
#endif

#define PROG "newsrules-bench-genrules"
#define MAX_N 100000ul
#define MAX_FORMS 6

typedef struct words {
	char **v;
	size_t n, cap;
} words;

typedef struct vocab {
	words lemma, cls; /* verbs of speech and stance, and their classes */
	words office;     /* actor nouns: ministry, army, rebels, ... */
	words country;    /* each country's forms, '|'-joined, name first */
} vocab;

static void die(const char *what)
{
	fprintf(stderr, PROG ": %s\n", what);
	exit(2);
}

static void push(words *w, const char *s, size_t len)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = realloc(w->v, w->cap * sizeof(*w->v));
		if (!w->v)
			die("out of memory");
	}
	char *c = malloc(len + 1);
	if (!c)
		die("out of memory");
	memcpy(c, s, len);
	c[len] = '\0';
	w->v[w->n++] = c;
}

static void words_free(words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

/* Column `col` (0-based) of a tab-separated line, or NULL. */
static const char *column(const char *line, int col, size_t *len)
{
	const char *p = line;
	for (int c = 0; c < col; c++) {
		p = strchr(p, '\t');
		if (!p)
			return NULL;
		p++;
	}
	*len = strcspn(p, "\t\n");
	return p;
}

/* Plain words only: letters, spaces, hyphens (nothing to escape in Lua
 * strings or in a regex). */
static bool plain(const char *s, size_t len)
{
	if (len < 3)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' || c == '-'))
			return false;
	}
	return true;
}

static FILE *open_data(const char *dir, const char *file)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return f;
}

static void need_rows(const words *w, const char *file)
{
	if (!w->n) {
		fprintf(stderr, PROG ": %s: no usable rows\n", file);
		exit(2);
	}
}

/* Each data row's column `col` into w (and column `col2` into w2). */
static void load_column(const char *dir, const char *file, int col, words *w, int col2, words *w2)
{
	FILE *f = open_data(dir, file);
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		size_t len, len2 = 0;
		const char *s = column(line, col, &len);
		const char *s2 = w2 ? column(line, col2, &len2) : NULL;
		if (!s || !plain(s, len) || (w2 && !s2))
			continue;
		push(w, s, len);
		if (w2)
			push(w2, s2, len2);
	}
	fclose(f);
	need_rows(w, file);
}

/* Append the plain '|'-separated forms of a column to buf ('=' marks a
 * case-sensitive form in the data: the mark is dropped). */
static size_t add_forms(char *buf, size_t cap, size_t n, int *count, const char *s, size_t len)
{
	while (len && *count < MAX_FORMS) {
		size_t k = 0;
		while (k < len && s[k] != '|')
			k++;
		const char *w = s[0] == '=' ? s + 1 : s;
		size_t wl = s[0] == '=' ? k - 1 : k;
		if (wl && plain(w, wl) && n + wl + 2 < cap) {
			n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", n ? "|" : "", (int)wl, w);
			(*count)++;
		}
		s += k < len ? k + 1 : k;
		len -= k < len ? k + 1 : k;
	}
	return n;
}

/* countries.tsv: name, iso2, iso3, capital, demonyms, aliases. */
static void load_countries(const char *dir, words *out)
{
	static const int cols[] = { 0, 3, 4, 5 };
	FILE *f = open_data(dir, "countries.tsv");
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char buf[1024];
		size_t n = 0;
		int count = 0;
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			size_t len;
			const char *s = column(line, cols[c], &len);
			if (s)
				n = add_forms(buf, sizeof(buf), n, &count, s, len);
			if (c == 0 && count == 0)
				break; /* no plain name: leave the row out */
		}
		if (count)
			push(out, buf, n);
	}
	fclose(f);
	need_rows(out, "countries.tsv");
}

/* xorshift64*: the same seed gives the same rules everywhere. */
static uint64_t rng_state;

static size_t pick(size_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (size_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static void lower(const char *s, size_t len, char *out, size_t cap)
{
	snprintf(out, cap, "%.*s", (int)len, s);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

/* The stem a keyword takes of a lemma: "accuse" -> "accus", so that
 * accused, accuses and accusing all hit. */
static void stem(const char *lemma, char *out, size_t cap)
{
	lower(lemma, strlen(lemma), out, cap);
	size_t n = strlen(out);
	if (n > 4 && out[n - 1] == 'e')
		out[n - 1] = '\0';
}

enum shape { SHAPE_LEXICON, SHAPE_REGEX, SHAPE_QUOTE, SHAPE_HITS, SHAPE_COUNT };
static const char *const shape_names[] = { "lexicon", "regex", "quote", "hits" };

/* The shapes to write, in turn, and the kind of keywords. */
static enum shape shapes[SHAPE_COUNT];
static size_t nshapes;
static bool broad;

/* What one rule is about. */
typedef struct theme {
	size_t verb, country, office[4];
	size_t noffice;
	char verb_stem[64];
} theme;

/* Each '|'-separated form of a country, as `fmt` prints it. */
static void each_form(FILE *f, const char *forms, const char *sep, bool lowered)
{
	const char *p = forms;
	for (int i = 0; *p; i++) {
		size_t k = strcspn(p, "|");
		char w[256];
		if (lowered)
			lower(p, k, w, sizeof(w));
		else
			snprintf(w, sizeof(w), "%.*s", (int)k, p);
		fprintf(f, "%s\"%s\"", i ? sep : "", w);
		p += p[k] ? k + 1 : k;
	}
}

static void write_keywords(FILE *f, const vocab *v, const theme *t)
{
	const char *forms = v->country.v[t->country];
	fprintf(f, "  keywords = { ");
	if (!broad) {
		each_form(f, forms, ", ", true);
	} else {
		char w[256];
		lower(forms, strcspn(forms, "|"), w, sizeof(w));
		fprintf(f, "\"%s\", \"%s\"", t->verb_stem, w);
		for (size_t i = 0; i < t->noffice; i++) {
			const char *o = v->office.v[t->office[i]];
			lower(o, strlen(o), w, sizeof(w));
			fprintf(f, ", \"%s\"", w);
		}
	}
	fprintf(f, " },\n");
}

/* The file-level values the match function reads. */
static void write_locals(FILE *f, const vocab *v, const theme *t, enum shape sh)
{
	const char *forms = v->country.v[t->country];
	fprintf(f, "local COUNTRY = news.lexicon{ ");
	each_form(f, forms, ", ", false);
	fprintf(f, " }\nlocal OFFICE = news.lexicon{");
	for (size_t i = 0; i < t->noffice; i++)
		fprintf(f, "%s\"%s\"", i ? ", " : " ", v->office.v[t->office[i]]);
	fprintf(f, " }\n");
	fprintf(f, "local VERB = news.lexicon(\"speech_verbs:%s\")\n", v->cls.v[t->verb]);
	if (sh == SHAPE_QUOTE)
		fprintf(f, "local LEMMA = \"%s\"\n", v->lemma.v[t->verb]);
	if (sh == SHAPE_REGEX) {
		fprintf(f, "local PATTERN = news.regex([[\\b%s\\w*\\s+(?:\\w+\\s+){0,6}?(?:",
			t->verb_stem);
		for (size_t i = 0; i < t->noffice; i++)
			fprintf(f, "%s%s", i ? "|" : "", v->office.v[t->office[i]]);
		fprintf(f, "|%.*s)\\b]], \"i\")\n", (int)strcspn(forms, "|"), forms);
	}
}

static const char LEXICON_BODY[] = "      local hit, w = s:has(OFFICE)\n"
				   "      if hit and s:has(COUNTRY) and s:has(VERB) then\n"
				   "        article:alert{ message = w.text, evidence = s }\n"
				   "      end\n";

/* The body of match() for each shape. */
static void write_match(FILE *f, enum shape sh)
{
	fprintf(f, "  match = function(article)\n");
	switch (sh) {
	case SHAPE_LEXICON:
		fprintf(f, "    for s in article:sentences() do\n%s    end\n", LEXICON_BODY);
		break;
	case SHAPE_REGEX:
		fprintf(f, "    for s in article:sentences() do\n"
			   "      local m = s:find(PATTERN)()\n"
			   "      if m then\n"
			   "        article:alert{ message = m.text, evidence = s }\n"
			   "      end\n"
			   "    end\n");
		break;
	case SHAPE_QUOTE:
		fprintf(f, "    for q in article:quotes() do\n"
			   "      if q.cue_lemma == LEMMA and q.speaker and "
			   "q.sentence:has(COUNTRY) then\n"
			   "        local official = type(q.speaker) ~= \"string\" and "
			   "q.speaker.official\n"
			   "        if official or OFFICE:test(q.speaker_name) then\n"
			   "          article:alert{ message = q.speaker_name .. \" \" .. "
			   "q.cue_lemma,\n"
			   "                         evidence = q.sentence, actor = q.speaker }\n"
			   "        end\n"
			   "      end\n"
			   "    end\n");
		break;
	case SHAPE_HITS:
	case SHAPE_COUNT:
		fprintf(f,
			"    local last\n"
			"    for h in article:hits{ word_start = true } do\n"
			"      local s = h:sentence()\n"
			"      if s and s.index ~= last then\n"
			"        last = s.index\n"
			"  %s"
			"      end\n"
			"    end\n",
			LEXICON_BODY);
		break;
	}
	fprintf(f, "  end,\n");
}

static void write_rule(const char *dir, size_t i, const vocab *v)
{
	theme t = { 0 };
	t.verb = pick(v->lemma.n);
	t.country = pick(v->country.n);
	t.noffice = 1 + pick(4);
	for (size_t k = 0; k < t.noffice; k++)
		t.office[k] = pick(v->office.n);
	stem(v->lemma.v[t.verb], t.verb_stem, sizeof(t.verb_stem));
	enum shape sh = shapes[i % nshapes];

	char path[4096];
	snprintf(path, sizeof(path), "%s/gen-%04zu.lua", dir, i + 1);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
		exit(2);
	}
	const char *forms = v->country.v[t.country];
	fprintf(f, "-- generated by " PROG " (shape: %s)\n", shape_names[sh]);
	write_locals(f, v, &t, sh);
	fprintf(f, "\nrule {\n  id = \"gen-%04zu\",\n", i + 1);
	fprintf(f, "  title = \"%s: %s by %s, %.*s\",\n", shape_names[sh], v->lemma.v[t.verb],
		v->office.v[t.office[0]], (int)strcspn(forms, "|"), forms);
	fprintf(f, "  severity = \"low\",\n");
	write_keywords(f, v, &t);
	write_match(f, sh);
	fprintf(f, "}\n");
	if (fclose(f) != 0) {
		fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

static void parse_shapes(const char *arg)
{
	nshapes = 0;
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", arg);
	for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t k = 0;
		while (k < SHAPE_COUNT && strcmp(w, shape_names[k]) != 0)
			k++;
		if (k == SHAPE_COUNT || nshapes == SHAPE_COUNT) {
			fprintf(stderr,
				PROG ": -k: unknown shape '%s' (lexicon, regex, quote, hits)\n", w);
			exit(2);
		}
		shapes[nshapes++] = (enum shape)k;
	}
	if (!nshapes)
		die("-k: no shape named");
}

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " [options] OUTDIR\n"
		   "\n"
		   "Write N analyst-style rule files (gen-0001.lua ...) into OUTDIR, for\n"
		   "newsrules-bench-scan -r OUTDIR.\n"
		   "\n"
		   "options:\n"
		   "  -n N         rules to write (default 10)\n"
		   "  -s SEED      seed of the word choices (default 1)\n"
		   "  -k SHAPES    match functions to write, in turn: lexicon, regex,\n"
		   "               quote, hits (default: all four)\n"
		   "  -w KEYWORDS  country (default): the country's forms; broad: the\n"
		   "               verb, the country and office words\n"
		   "  -d DATA      the lexicon data folder (default: the source tree's)\n"
		   "  -h           show this help\n");
}

static unsigned long number(const char *arg, const char *what)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-') {
		fprintf(stderr, PROG ": %s: not a number: '%s'\n", what, arg);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long n = 10, seed = 1;
	const char *data = NR_SOURCE_LEXICON_DIR;
	parse_shapes("lexicon,regex,quote,hits");
	int c;
	while ((c = getopt(argc, argv, "n:s:k:w:d:h")) != -1) {
		switch (c) {
		case 'n': n = number(optarg, "-n"); break;
		case 's': seed = number(optarg, "-s"); break;
		case 'k': parse_shapes(optarg); break;
		case 'w':
			if (strcmp(optarg, "country") && strcmp(optarg, "broad"))
				die("-w: country or broad");
			broad = !strcmp(optarg, "broad");
			break;
		case 'd': data = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1 || n == 0 || n > MAX_N) {
		usage(stderr);
		return 2;
	}
	const char *dir = argv[optind];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
		return 2;
	}
	vocab v = { 0 };
	load_column(data, "speech_verbs.tsv", 0, &v.lemma, 1, &v.cls);
	load_column(data, "actor_kinds.tsv", 0, &v.office, 0, NULL);
	load_countries(data, &v.country);
	rng_state = 0x9E3779B97F4A7C15ull ^ (seed * 0xBF58476D1CE4E5B9ull);
	if (!rng_state)
		rng_state = 1;
	for (size_t i = 0; i < n; i++)
		write_rule(dir, i, &v);
	printf("%lu rules in %s\n", n, dir);
	words_free(&v.lemma);
	words_free(&v.cls);
	words_free(&v.office);
	words_free(&v.country);
	return 0;
}

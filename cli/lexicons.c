/* lexicons.c - `newsrules lexicons`: the built-in and loaded lexicons with
 * their classes and row counts, or the forms of one of them. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void lexicons_usage(FILE *f)
{
	fprintf(f, "usage: newsrules lexicons [options] [NAME[:CLASS]]\n"
		   "\n"
		   "Without NAME, list every lexicon rules can reach with news.lexicon():\n"
		   "the built-in ones, then those loaded with -L or from the lexicons/\n"
		   "folder of a rules directory (-r), each with its rows, forms (the\n"
		   "phrases that can be looked up) and classes (rows per class).\n"
		   "With NAME or NAME:CLASS, print its forms, sorted, one a line:\n"
		   "phrase<TAB>canonical<TAB>class, '=' before a phrase that matches only\n"
		   "in that case ('=US'): the format of a user lexicon (docs/lexicons.md).\n"
		   "\n"
		   "options:\n"
		   "  -L, --lexicon NAME=FILE  load FILE (TSV or a plain list) as lexicon NAME\n"
		   "                           (repeatable)\n"
		   "  -r, --rules FILE|DIR     load rules (repeatable), with the lexicons/\n"
		   "                           folder of their directory\n"
		   "  -f, --format text|json   output format (default text; json: one object\n"
		   "                           a line)\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "Exit status: 0 listed; 1 a lexicon or rule file could not be loaded (the\n"
		   "rest is listed); 2 usage error or no such lexicon or class.\n");
}

/* ---- the forms of a lexicon ----------------------------------------------- */

typedef struct form_list {
	nr_lexicon_form *v;
	size_t n, cap;
	bool oom;
} form_list;

static int keep_form(const nr_lexicon_form *f, void *payload)
{
	form_list *l = payload;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		nr_lexicon_form *v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			l->oom = true;
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *f;
	return 0;
}

static int cmp_form(const void *pa, const void *pb)
{
	const nr_lexicon_form *a = pa, *b = pb;
	int c = strcasecmp(a->phrase, b->phrase);
	if (!c)
		c = strcmp(a->phrase, b->phrase);
	if (!c)
		c = a->exact_case - b->exact_case;
	if (!c)
		c = strcmp(a->canonical, b->canonical);
	return c ? c : strcmp(a->cls, b->cls);
}

static void print_form_text(const nr_lexicon_form *f)
{
	if (f->exact_case)
		putchar('=');
	cli_put_safe(stdout, f->phrase, strlen(f->phrase));
	putchar('\t');
	cli_put_safe(stdout, f->canonical, strlen(f->canonical));
	putchar('\t');
	cli_put_safe(stdout, f->cls, strlen(f->cls));
	putchar('\n');
}

static void print_json(json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	if (s)
		puts(s);
	free(s);
	json_decref(o);
}

static void print_form_json(const nr_lexicon_form *f)
{
	print_json(json_pack("{s:s, s:s, s:s, s:b, s:b}", "phrase", f->phrase, "canonical",
			     f->canonical, "class", f->cls, "exact_case", f->exact_case, "loaded",
			     f->user));
}

/* "no lexicon 'x' (built-in: ...; loaded: ...)" on stderr. */
static void no_such_lexicon(const nr_lexicon *lex, const char *spec)
{
	char names[4096];
	size_t len = 0;
	for (size_t i = 0; i < nr_lexicon_count(lex) && len < sizeof(names); i++) {
		int w = snprintf(names + len, sizeof(names) - len, "%s%s",
				 !i ? ""
				 : nr_lexicon_is_builtin(lex, i - 1) &&
					 !nr_lexicon_is_builtin(lex, i)
				     ? "; loaded: "
				     : ", ",
				 nr_lexicon_name(lex, i));
		if (w < 0)
			break;
		len += (size_t)w;
	}
	cli_error("lexicons: no lexicon '%.*s' (built-in: %s)", (int)strcspn(spec, ":"), spec,
		  names);
}

static int print_forms(const nr_lexicon *lex, const char *spec, bool text)
{
	form_list l = { 0 };
	int rc = nr_lexicon_foreach(lex, spec, keep_form, &l);
	int status = NR_EXIT_OK;
	if (rc == NR_EINVAL) {
		no_such_lexicon(lex, spec);
		status = NR_EXIT_USAGE;
	} else if (l.oom) {
		cli_error("out of memory");
		status = NR_EXIT_INPUT_ERROR;
	} else if (l.n == 0 && strchr(spec, ':')) {
		cli_error("lexicons: no entry of class '%s' in '%.*s'", strchr(spec, ':') + 1,
			  (int)strcspn(spec, ":"), spec);
		status = NR_EXIT_USAGE;
	} else {
		if (l.n)
			qsort(l.v, l.n, sizeof(*l.v), cmp_form);
		for (size_t i = 0; i < l.n; i++) {
			if (i && cmp_form(&l.v[i - 1], &l.v[i]) == 0)
				continue;
			if (text)
				print_form_text(&l.v[i]);
			else
				print_form_json(&l.v[i]);
		}
	}
	free(l.v);
	return status;
}

/* ---- the list of lexicons --------------------------------------------------- */

/* A (class, row) pair of a lexicon: its rows per class are the distinct
 * rows of the pairs of that class. */
typedef struct class_row {
	const char *cls;
	size_t len;
	const void *row;
} class_row;

typedef struct lexicon_stats {
	class_row *pairs;
	size_t n, cap;
	const void **loaded; /* rows of added forms */
	size_t nloaded, caploaded;
	bool oom;
} lexicon_stats;

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 256;
	void *p = realloc(*v, c * size);
	if (!p)
		return false;
	*v = p;
	*cap = c;
	return true;
}

static int note_form(const nr_lexicon_form *f, void *payload)
{
	lexicon_stats *st = payload;
	if (f->user) {
		if (!grow((void **)&st->loaded, &st->caploaded, st->nloaded, sizeof(void *))) {
			st->oom = true;
			return 1;
		}
		st->loaded[st->nloaded++] = f->row;
	}
	for (const char *p = f->cls; *p;) {
		size_t len = strcspn(p, "|");
		if (!grow((void **)&st->pairs, &st->cap, st->n, sizeof(*st->pairs))) {
			st->oom = true;
			return 1;
		}
		st->pairs[st->n++] = (class_row){ p, len, f->row };
		p += len + (p[len] == '|');
	}
	return 0;
}

static int cmp_pair(const void *pa, const void *pb)
{
	const class_row *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->cls, b->cls, n);
	if (!c && a->len != b->len)
		c = a->len < b->len ? -1 : 1;
	if (!c && a->row != b->row)
		c = (uintptr_t)a->row < (uintptr_t)b->row ? -1 : 1;
	return c;
}

static int cmp_ptr(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t) * (const void *const *)pa,
		  b = (uintptr_t) * (const void *const *)pb;
	return a < b ? -1 : a > b;
}

/* Distinct rows in a sorted array of row pointers. */
static size_t distinct(const void **rows, size_t n)
{
	size_t d = 0;
	for (size_t i = 0; i < n; i++)
		d += i == 0 || rows[i] != rows[i - 1];
	return d;
}

/* Calls fn(class, len, rows, payload) for each class of the sorted pairs. */
static void each_class(const lexicon_stats *st, void (*fn)(const char *, size_t, size_t, void *),
		       void *payload)
{
	for (size_t i = 0; i < st->n;) {
		size_t j = i, rows = 0;
		for (; j < st->n && st->pairs[j].len == st->pairs[i].len &&
		       !memcmp(st->pairs[j].cls, st->pairs[i].cls, st->pairs[i].len);
		     j++)
			rows += j == i || st->pairs[j].row != st->pairs[j - 1].row;
		fn(st->pairs[i].cls, st->pairs[i].len, rows, payload);
		i = j;
	}
}

/* The text listing's class line, wrapped under the lexicon's line. */
typedef struct class_line {
	size_t col;
	bool any;
} class_line;

static void print_class_text(const char *cls, size_t len, size_t rows, void *payload)
{
	class_line *cl = payload;
	char item[160];
	int w = snprintf(item, sizeof(item), "%.*s %zu", (int)(len > 100 ? 100 : len), cls, rows);
	if (w < 0)
		return;
	if (!cl->any) {
		fputs("    classes: ", stdout);
		cl->col = 13;
	} else if (cl->col + 2 + (size_t)w > 78) {
		fputs(",\n             ", stdout);
		cl->col = 13;
	} else {
		fputs(", ", stdout);
		cl->col += 2;
	}
	cli_put_safe(stdout, item, (size_t)w);
	cl->col += (size_t)w;
	cl->any = true;
}

static void add_class_json(const char *cls, size_t len, size_t rows, void *payload)
{
	char name[128];
	snprintf(name, sizeof(name), "%.*s", (int)(len > 120 ? 120 : len), cls);
	json_object_set_new(payload, name, json_integer((json_int_t)rows));
}

static void print_lexicon(const nr_lexicon *lex, size_t i, lexicon_stats *st, bool text)
{
	const char *name = nr_lexicon_name(lex, i);
	bool builtin = nr_lexicon_is_builtin(lex, i);
	size_t rows = nr_lexicon_rows(lex, i), forms = nr_lexicon_forms(lex, i);
	size_t loaded = distinct(st->loaded, st->nloaded);
	if (!text) {
		json_t *classes = json_object();
		each_class(st, add_class_json, classes);
		print_json(json_pack("{s:s, s:b, s:I, s:I, s:I, s:o}", "lexicon", name, "builtin",
				     builtin, "rows", (json_int_t)rows, "forms", (json_int_t)forms,
				     "loaded_rows", (json_int_t)loaded, "classes", classes));
		return;
	}
	char from[64];
	if (!builtin)
		snprintf(from, sizeof(from), "loaded");
	else if (loaded)
		snprintf(from, sizeof(from), "built-in + %zu loaded row%s", loaded,
			 loaded == 1 ? "" : "s");
	else
		snprintf(from, sizeof(from), "built-in%s", rows ? "" : " (empty: load your own)");
	cli_print(stdout, "%-20s %7zu %7zu  %s\n", name, rows, forms, from);
	class_line cl = { 0, false };
	each_class(st, print_class_text, &cl);
	if (cl.any)
		putchar('\n');
}

static int list_lexicons(const nr_lexicon *lex, bool text)
{
	if (text)
		printf("%-20s %7s %7s  %s\n", "lexicon", "rows", "forms", "source");
	for (size_t i = 0; i < nr_lexicon_count(lex); i++) {
		lexicon_stats st = { 0 };
		nr_lexicon_foreach(lex, nr_lexicon_name(lex, i), note_form, &st);
		if (st.oom) {
			cli_error("out of memory");
			free(st.pairs);
			free(st.loaded);
			return NR_EXIT_INPUT_ERROR;
		}
		if (st.n)
			qsort(st.pairs, st.n, sizeof(*st.pairs), cmp_pair);
		if (st.nloaded)
			qsort(st.loaded, st.nloaded, sizeof(*st.loaded), cmp_ptr);
		print_lexicon(lex, i, &st, text);
		free(st.pairs);
		free(st.loaded);
	}
	return NR_EXIT_OK;
}

/* ---- the command ------------------------------------------------------------ */

typedef struct lexicons_args {
	char **rules;
	size_t nrules;
	bool text;
} lexicons_args;

static int parse_lexicons_args(int argc, char **argv, lexicons_args *a)
{
	static const struct option longopts[] = {
		{ "lexicon", required_argument, NULL, 'L' },
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "L:r:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'L':
			if (!cli_lexicon_option(optarg))
				return NR_EXIT_USAGE;
			break;
		case 'r': a->rules[a->nrules++] = optarg; break;
		case 'f':
			if (!cli_parse_output_format(optarg, "json", &a->text))
				return NR_EXIT_USAGE;
			break;
		case 'h': lexicons_usage(stdout); return NR_EXIT_OK;
		default: lexicons_usage(stderr); return NR_EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		cli_error("lexicons: give at most one NAME[:CLASS]");
		lexicons_usage(stderr);
		return NR_EXIT_USAGE;
	}
	return -1;
}

/* The rule set whose lexicons are listed: -L files, and with -r its
 * rules (and their directories' lexicons/ folders). NULL on failure. */
static nr_ruleset *load_set(const lexicons_args *a, bool *failed)
{
	nr_ruleset *rs = NULL;
	if (a->nrules) {
		*failed = cli_load_rules(&rs, a->rules, a->nrules, false, false) != NR_OK;
		return rs;
	}
	if (nr_ruleset_new(&rs, NULL) != NR_OK) {
		cli_error("out of memory");
		return NULL;
	}
	*failed = cli_attach_lexicons(rs, true) != NR_OK;
	return rs;
}

int cmd_lexicons(int argc, char **argv)
{
	lexicons_args a = { calloc((size_t)argc + 1, sizeof(char *)), 0, true };
	if (!a.rules) {
		cli_error("out of memory");
		return NR_EXIT_INPUT_ERROR;
	}
	int status = parse_lexicons_args(argc, argv, &a);
	if (status >= 0) {
		free(a.rules);
		return status;
	}
	bool failed = false;
	nr_ruleset *rs = load_set(&a, &failed);
	nr_lexicon *own = NULL;
	const nr_lexicon *lex = rs ? nr_ruleset_lexicon(rs) : NULL;
	if (rs && !lex && nr_lexicon_new(&own) == NR_OK)
		lex = own;
	if (!lex) {
		cli_error("cannot build the lexicons");
		status = NR_EXIT_INPUT_ERROR;
	} else {
		status = optind < argc ? print_forms(lex, argv[optind], a.text)
				       : list_lexicons(lex, a.text);
		if (status == NR_EXIT_OK && failed)
			status = NR_EXIT_INPUT_ERROR;
	}
	nr_lexicon_free(own);
	nr_ruleset_free(rs);
	free(a.rules);
	return status;
}

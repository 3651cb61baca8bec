/*
 * lexicon.c - lexicon sets (the shared built-ins plus a set's user
 * lexicons and rows), their names and counts, and the small questions
 * the extractors ask: country, title, gender, function word, abbreviation.
 */
#include "lexicon/lexicon_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

const char *const nr_lexicon__builtin_names[NR_LEX_BUILTIN_COUNT] = {
	"countries",    "locations",         "first_names",  "titles",  "organizations",
	"org_cues",     "government_actors", "speech_verbs", "verbs",   "function_words",
	"word_classes", "cameo_verbs",       "actor_kinds",  "persons",
};

static void builtins_destroy(nr_lexicon_builtins *b)
{
	nr_lexicon__table_free(&b->table);
	free(b->countries);
	nr_arena__free(&b->arena);
	free(b);
}

void nr_lexicon__builtins_retain(nr_lexicon_builtins *b)
{
	atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
}

void nr_lexicon__builtins_release(nr_lexicon_builtins *b)
{
	if (b && atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1)
		builtins_destroy(b);
}

int nr_lexicon__set_new(nr_lexicon_set **out, nr_lexicon_builtins *builtins, nr_buf *err)
{
	*out = NULL;
	nr_lexicon_set *s = calloc(1, sizeof(*s));
	if (!s)
		goto oom;
	nr_arena__init(&s->arena);
	s->rows = calloc(NR_LEX_BUILTIN_COUNT, sizeof(*s->rows));
	s->forms = calloc(NR_LEX_BUILTIN_COUNT, sizeof(*s->forms));
	if (!s->rows || !s->forms)
		goto oom;
	if (builtins) {
		nr_lexicon__builtins_retain(builtins);
		s->b = builtins;
	} else {
		int rc = nr_lexicon__builtins_new(&s->b, err);
		if (rc != NR_OK) {
			nr_lexicon__set_free(s);
			return rc;
		}
	}
	*out = s;
	return NR_OK;
oom:
	nr_lexicon__set_free(s);
	if (err)
		nr_buf__puts(err, "out of memory");
	return NR_ENOMEM;
}

void nr_lexicon__set_free(nr_lexicon_set *s)
{
	if (!s)
		return;
	nr_lexicon__builtins_release(s->b);
	nr_lexicon__table_free(&s->user);
	nr_arena__free(&s->arena);
	free(s->names);
	free(s->rows);
	free(s->forms);
	free(s);
}

int nr_lexicon__id(const nr_lexicon_set *s, const char *name)
{
	for (int i = 0; i < NR_LEX_BUILTIN_COUNT; i++) {
		if (strcmp(nr_lexicon__builtin_names[i], name) == 0)
			return i;
	}
	for (size_t i = 0; s && i < s->nnames; i++) {
		if (strcmp(s->names[i], name) == 0)
			return NR_LEX_BUILTIN_COUNT + (int)i;
	}
	return -1;
}

const char *nr_lexicon__name(const nr_lexicon_set *s, int id)
{
	if (id >= 0 && id < NR_LEX_BUILTIN_COUNT)
		return nr_lexicon__builtin_names[id];
	if (id >= NR_LEX_BUILTIN_COUNT && (size_t)(id - NR_LEX_BUILTIN_COUNT) < s->nnames)
		return s->names[id - NR_LEX_BUILTIN_COUNT];
	return NULL;
}

int nr_lexicon__count(const nr_lexicon_set *s) { return NR_LEX_BUILTIN_COUNT + (int)s->nnames; }

size_t nr_lexicon__rows(const nr_lexicon_set *s, int id)
{
	if (id < 0 || id >= nr_lexicon__count(s))
		return 0;
	return (id < NR_LEX_BUILTIN_COUNT ? s->b->rows[id] : 0) + s->rows[id];
}

size_t nr_lexicon__forms(const nr_lexicon_set *s, int id)
{
	if (id < 0 || id >= nr_lexicon__count(s))
		return 0;
	return (id < NR_LEX_BUILTIN_COUNT ? s->b->forms[id] : 0) + s->forms[id];
}

static bool valid_lexicon_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* The id of `name`, creating a user lexicon when it is new; -1 on error. */
static int lexicon_for_add(nr_lexicon_set *s, const char *name, nr_buf *err)
{
	int id = nr_lexicon__id(s, name);
	if (id >= 0)
		return id;
	if (!valid_lexicon_name(name)) {
		if (err) {
			err->len = 0;
			nr_buf__printf(err, "invalid lexicon name '%.64s' (want [a-z0-9_.-]+)",
				       name);
		}
		return NR_EINVAL;
	}
	if (s->nnames >= 4096) {
		if (err)
			nr_buf__puts(err, "too many lexicons");
		return NR_EINVAL;
	}
	size_t total = NR_LEX_BUILTIN_COUNT + s->nnames + 1;
	char **names = realloc(s->names, (s->nnames + 1) * sizeof(*names));
	if (names)
		s->names = names;
	size_t *rows = realloc(s->rows, total * sizeof(*rows));
	if (rows)
		s->rows = rows;
	size_t *forms = realloc(s->forms, total * sizeof(*forms));
	if (forms)
		s->forms = forms;
	char *copy = nr_arena__strndup(&s->arena, name, strlen(name));
	if (!names || !rows || !forms || !copy) {
		if (err)
			nr_buf__puts(err, "out of memory");
		return NR_ENOMEM;
	}
	s->rows[total - 1] = 0;
	s->forms[total - 1] = 0;
	s->names[s->nnames++] = copy;
	return (int)total - 1;
}

/* Parse data into lexicon `lexicon` of s; `warn` NULL: the strict
 * reading (the first bad row stops it). */
static int load_data(nr_lexicon_set *s, const char *lexicon, const char *data, size_t len,
		     const char *source, nr_lex_warn_fn warn, void *payload, nr_buf *err)
{
	s->version++; /* views made before may hold what changes here */
	int id = lexicon_for_add(s, lexicon, err);
	if (id < 0)
		return id;
	lex_loader ld = { .arena = &s->arena,
			  .table = &s->user,
			  .other = &s->b->table,
			  .classes = s->b,
			  .lex = id,
			  .source = source ? source : "<lexicon>",
			  .strict = false,
			  .err = err,
			  .rows = s->rows,
			  .forms = s->forms,
			  .warn = warn,
			  .warn_payload = payload };
	return nr_lexicon__parse(&ld, data, len);
}

int nr_lexicon__load(nr_lexicon_set *s, const char *lexicon, const char *data, size_t len,
		     const char *source, nr_buf *err)
{
	return load_data(s, lexicon, data, len, source, NULL, NULL, err);
}

int nr_lexicon__load_lenient(nr_lexicon_set *s, const char *lexicon, const char *data, size_t len,
			     const char *source, nr_lex_warn_fn warn, void *payload, nr_buf *err)
{
	return load_data(s, lexicon, data, len, source, warn, payload, err);
}

int nr_lexicon__add(nr_lexicon_set *s, const char *lexicon, const char *row, nr_buf *err)
{
	if (strchr(row, '\n')) {
		if (err) {
			err->len = 0;
			nr_buf__puts(err, "a lexicon row cannot hold a newline");
		}
		return NR_EINVAL;
	}
	return nr_lexicon__load(s, lexicon, row, strlen(row), "<row>", err);
}

int nr_lexicon__read_file(const char *path, size_t max, nr_buf *b, nr_buf *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (err) {
			err->len = 0;
			nr_buf__printf(err, "%s: %s", path, strerror(errno));
		}
		return NR_EIO;
	}
	char chunk[8192];
	size_t n;
	int rc = NR_OK;
	while (rc == NR_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > max)
			rc = NR_ETOOBIG;
		else
			nr_buf__put(b, chunk, n);
	}
	int why = ferror(f) ? errno : 0;
	if (rc == NR_OK && why)
		rc = NR_EIO;
	fclose(f);
	if (rc == NR_OK && b->oom)
		rc = NR_ENOMEM;
	if (rc && err) {
		err->len = 0;
		if (rc == NR_ETOOBIG)
			nr_buf__printf(err, "%s: larger than %zu bytes", path, max);
		else
			nr_buf__printf(err, "%s: %s", path,
				       rc == NR_EIO ? strerror(why) : "out of memory");
	}
	return rc;
}

static int load_path(nr_lexicon_set *s, const char *lexicon, const char *path, size_t max,
		     nr_lex_warn_fn warn, void *payload, nr_buf *err)
{
	nr_buf b = NR_BUF_INIT;
	int rc = nr_lexicon__read_file(path, max, &b, err);
	if (rc == NR_OK)
		rc = load_data(s, lexicon, b.data ? b.data : "", b.len, path, warn, payload, err);
	nr_buf__free(&b);
	return rc;
}

int nr_lexicon__load_file(nr_lexicon_set *s, const char *lexicon, const char *path, nr_buf *err)
{
	return load_path(s, lexicon, path, SIZE_MAX, NULL, NULL, err);
}

int nr_lexicon__load_file_lenient(nr_lexicon_set *s, const char *lexicon, const char *path,
				  nr_lex_warn_fn warn, void *payload, nr_buf *err)
{
	return load_path(s, lexicon, path, NR_LEX_MAX_FILE, warn, payload, err);
}

const nr_lex_entry *nr_lexicon__country(const nr_lexicon_set *s, const char *phrase, size_t len)
{
	const nr_lex_entry *e = nr_lexicon__lookup(s, NR_LEX_COUNTRIES, phrase, len);
	if (!e)
		return NULL;
	if (strcmp(e->cls, "name") == 0)
		return e;
	const nr_lex_entry *name = nr_lexicon__country_name(&s->b->table, e->canonical);
	if (!name)
		name = nr_lexicon__country_name(&s->user, e->canonical);
	return name ? name : e;
}

const nr_lex_entry *nr_lexicon__country_by_code(const nr_lexicon_set *s, const char *code)
{
	size_t n = strlen(code);
	if (n != 2 && n != 3)
		return NULL;
	for (size_t i = 0; i < s->b->ncountries; i++) {
		const nr_lex_entry *e = s->b->countries[i];
		if (strcasecmp(e->fields[n == 2 ? 1 : 2], code) == 0)
			return e;
	}
	return NULL;
}

const nr_lex_entry *nr_lexicon__title(const nr_lexicon_set *s, const char *phrase, size_t len)
{
	return nr_lexicon__lookup(s, NR_LEX_TITLES, phrase, len);
}

char nr_lexicon__gender(const nr_lexicon_set *s, const char *name, size_t len)
{
	const nr_lex_entry *e = nr_lexicon__lookup(s, NR_LEX_FIRST_NAMES, name, len);
	return e ? e->gender : 0;
}

bool nr_lexicon__is_function_word(const nr_lexicon_set *s, const char *word, size_t len)
{
	return nr_lexicon__lookup(s, NR_LEX_FUNCTION_WORDS, word, len) != NULL;
}

bool nr_lexicon__is_abbreviation(const nr_lexicon_set *s, const char *word, size_t len)
{
	if (len < 2 || word[len - 1] != '.')
		return false;
	const nr_lex_entry *all[8];
	size_t n = nr_lexicon__lookup_all(s, NR_LEX_ANY, word, len, all, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		/* The listed form must end in the period too ("Gen." is an
		 * abbreviation; "Gen" is not part of the question). */
		size_t pl = strlen(all[i]->phrase);
		if (pl && all[i]->phrase[pl - 1] == '.')
			return true;
	}
	return false;
}

size_t nr_lexicon__class_slot(const nr_lexicon_builtins *b, const char *name)
{
	/* At most a quarter full: probes are short. */
	const size_t mask = NR_ARRAY_LEN(b->class_slots) - 1;
	size_t j = (size_t)nr_hash__bytes(name, strlen(name)) & mask;
	while (b->class_slots[j] && strcmp(b->class_names[b->class_slots[j] - 1], name) != 0)
		j = (j + 1) & mask;
	return j;
}

uint64_t nr_lexicon__class_bit(const nr_lexicon_set *s, const char *name)
{
	uint8_t v = s->b->class_slots[nr_lexicon__class_slot(s->b, name)];
	return v ? 1ull << (v - 1) : 0;
}

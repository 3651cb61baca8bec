/* public.c - the lexicon handle of the public API (nr_lexicon_*): a set
 * over the shared built-ins, plus the reason of the last failure. */
#include "lexicon/lexicon.h"

#include <stdlib.h>
#include <string.h>

int nr_lexicon_new(nr_lexicon **out)
{
	if (!out)
		return NR_EINVAL;
	*out = NULL;
	nr_lexicon *lex = calloc(1, sizeof(*lex));
	if (!lex)
		return NR_ENOMEM;
	int rc = nr_lexicon__set_new(&lex->set, NULL, &lex->error);
	if (rc) {
		nr_lexicon_free(lex);
		return rc;
	}
	lex->warm = nr_lexicon__warm_new();
	*out = lex;
	return NR_OK;
}

void nr_lexicon_free(nr_lexicon *lex)
{
	if (!lex)
		return;
	nr_lexicon__warm_free(lex->warm);
	nr_lexicon__set_free(lex->set);
	nr_buf__free(&lex->error);
	free(lex);
}

int nr_lexicon_load_file(nr_lexicon *lex, const char *name, const char *path)
{
	if (!lex || !name || !path)
		return NR_EINVAL;
	lex->error.len = 0;
	if (lex->error.data)
		lex->error.data[0] = '\0';
	return nr_lexicon__load_file(lex->set, name, path, &lex->error);
}

const char *nr_lexicon_last_error(const nr_lexicon *lex)
{
	return lex && lex->error.data ? lex->error.data : "";
}

/* The caller's warning callback, in the order the core calls it. */
typedef struct warn_relay {
	nr_warning_cb fn;
	void *payload;
} warn_relay;

static void relay_warning(void *payload, const char *msg)
{
	warn_relay *r = payload;
	if (r->fn)
		r->fn(msg, r->payload);
}

static void clear_error(nr_lexicon *lex)
{
	lex->error.len = 0;
	if (lex->error.data)
		lex->error.data[0] = '\0';
}

int nr_lexicon_add_file(nr_lexicon *lex, const char *name, const char *path, nr_warning_cb warn,
			void *payload)
{
	if (!lex || !name || !path)
		return NR_EINVAL;
	clear_error(lex);
	warn_relay r = { warn, payload };
	return nr_lexicon__load_file_lenient(lex->set, name, path, relay_warning, &r, &lex->error);
}

int nr_lexicon_add_string(nr_lexicon *lex, const char *name, const char *data, size_t len,
			  const char *source, nr_warning_cb warn, void *payload)
{
	if (!lex || !name || (!data && len))
		return NR_EINVAL;
	clear_error(lex);
	warn_relay r = { warn, payload };
	return nr_lexicon__load_lenient(lex->set, name, data ? data : "", len,
					source ? source : name, relay_warning, &r, &lex->error);
}

size_t nr_lexicon_count(const nr_lexicon *lex)
{
	return lex ? (size_t)nr_lexicon__count(lex->set) : 0;
}

const char *nr_lexicon_name(const nr_lexicon *lex, size_t i)
{
	return lex && i < nr_lexicon_count(lex) ? nr_lexicon__name(lex->set, (int)i) : NULL;
}

int nr_lexicon_is_builtin(const nr_lexicon *lex, size_t i)
{
	return lex && i < nr_lexicon_count(lex) && nr_lexicon__is_builtin((int)i);
}

size_t nr_lexicon_rows(const nr_lexicon *lex, size_t i)
{
	return lex && i < nr_lexicon_count(lex) ? nr_lexicon__rows(lex->set, (int)i) : 0;
}

size_t nr_lexicon_forms(const nr_lexicon *lex, size_t i)
{
	return lex && i < nr_lexicon_count(lex) ? nr_lexicon__forms(lex->set, (int)i) : 0;
}

/* Is `want` (n bytes) one of the '|'-separated classes in cls? */
static bool lists_class_n(const char *cls, const char *want, size_t n)
{
	for (const char *p = cls; *p;) {
		size_t len = strcspn(p, "|");
		if (len == n && memcmp(p, want, n) == 0)
			return true;
		p += len + (p[len] == '|');
	}
	return false;
}

typedef struct form_walk {
	const char *cls; /* class filter or NULL */
	size_t clslen;
	nr_lexicon_form_cb fn;
	void *payload;
} form_walk;

static int walk_form(const nr_lex_entry *e, void *payload)
{
	form_walk *w = payload;
	if (w->cls && !lists_class_n(e->cls, w->cls, w->clslen))
		return 0;
	nr_lexicon_form f = { .phrase = e->phrase,
			      .canonical = e->canonical,
			      .cls = e->cls,
			      .row = e->fields,
			      .exact_case = (e->flags & NR_LEXF_EXACT_CASE) != 0,
			      .user = (e->flags & NR_LEXF_USER) != 0 };
	return w->fn(&f, w->payload);
}

int nr_lexicon_foreach(const nr_lexicon *lex, const char *spec, nr_lexicon_form_cb fn,
		       void *payload)
{
	if (!lex || !spec || !fn)
		return NR_EINVAL;
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	char name[72];
	int id = -1;
	if (n < sizeof(name)) {
		memcpy(name, spec, n);
		name[n] = '\0';
		id = nr_lexicon__id(lex->set, name);
	}
	if (id < 0)
		return NR_EINVAL;
	form_walk w = { colon ? colon + 1 : NULL, colon ? strlen(colon + 1) : 0, fn, payload };
	return nr_lexicon__foreach(lex->set, id, walk_form, &w);
}

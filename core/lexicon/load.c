/*
 * load.c - data rows into forms: the .tsv syntax, each built-in
 * lexicon's columns and checks, the verb forms a row implies, and the
 * build of the shared built-ins from the compiled-in data.
 */
#include "lexicon/lexicon_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(lex_loader *ld, int rc, const char *fmt, ...) NR_PRINTF(3, 4);

/* The first failure of a row: into ld->err, or, when the reading is
 * lenient and the row at fault (NR_EPARSE), into ld->row_error for
 * nr_lexicon__parse() to report and go on. */
static int fail(lex_loader *ld, int rc, const char *fmt, ...)
{
	if (ld->rc != NR_OK)
		return rc;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ld->warn && rc == NR_EPARSE) {
		snprintf(ld->row_error, sizeof(ld->row_error), "%s", msg);
	} else if (ld->err) {
		ld->err->len = 0;
		if (ld->line)
			nr_buf__printf(ld->err, "%s:%zu: %s", ld->source, ld->line, msg);
		else
			nr_buf__printf(ld->err, "%s: %s", ld->source, msg);
	}
	ld->rc = rc;
	return rc;
}

/* A row (or a form) the lenient reading leaves out: reported with its
 * line, the first NR_LEX_MAX_WARNINGS of a source one by one. */
static void report_skip(lex_loader *ld, const char *reason)
{
	if (++ld->nwarnings > NR_LEX_MAX_WARNINGS)
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s:%zu: %s; skipped", ld->source, ld->line, reason);
	ld->warn(ld->warn_payload, msg);
}

static int bad_form(lex_loader *ld, const char *fmt, ...) NR_PRINTF(2, 3);

/* A form that breaks a limit: the lenient reading skips it alone (the
 * rest of its row loads); any other fails the row. */
static int bad_form(lex_loader *ld, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!ld->warn)
		return fail(ld, NR_EPARSE, "%s", msg);
	report_skip(ld, msg);
	return NR_OK;
}

typedef struct form_spec {
	const char *form;      /* may start with '=' */
	const char *canonical; /* NULL: the form itself */
	const char *cls, *country, *extra, *tag;
	char gender;
	uint8_t official;
	uint64_t classes; /* word_classes: the bits of cls */
} form_spec;

static const char *dup_str(lex_loader *ld, const char *s)
{
	if (!s)
		return "";
	return nr_arena__strndup(ld->arena, s, strlen(s));
}

static bool same_folded(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	char fa[LEX_MAXKEY + 1], fb[LEX_MAXKEY + 1];
	size_t na = nr_lexicon__fold(a, strlen(a), fa, sizeof(fa));
	size_t nb = nr_lexicon__fold(b, strlen(b), fb, sizeof(fb));
	return na != SIZE_MAX && na == nb && memcmp(fa, fb, na) == 0;
}

/* Same lexicon, canonical (up to case and accents), particle and country:
 * one meaning listed twice. A CAMEO verb may have one row per act ("reject",
 * and "reject" with an accusation for object, a denial). */
static bool same_meaning(const nr_lex_entry *e, const lex_loader *ld, const char *canonical,
			 const form_spec *fs)
{
	return e->lexicon == ld->lex && same_folded(e->canonical, canonical) &&
	       strcmp(e->extra, fs->extra ? fs->extra : "") == 0 &&
	       strcmp(e->country, fs->country ? fs->country : "") == 0 &&
	       (ld->lex != NR_LEX_CAMEO_VERBS || strcmp(e->cls, fs->cls ? fs->cls : "") == 0);
}

/* The text of a form as a row gives it, and its flags: a leading '='
 * marks exact case; a user's list items may carry spaces ("UN | U.N."). */
static const char *form_text(const lex_loader *ld, const char *form, size_t *len, uint8_t *flags)
{
	size_t n = strlen(form);
	*flags = ld->strict ? 0 : NR_LEXF_USER;
	while (!ld->strict && n && form[0] == ' ')
		form++, n--;
	while (!ld->strict && n && form[n - 1] == ' ')
		n--;
	if (n && form[0] == '=') {
		*flags |= NR_LEXF_EXACT_CASE;
		form++, n--;
	}
	*len = n;
	return form;
}

/* The key of a form from its spaces-normalised text: the same as folding
 * the form itself, and for ASCII (nearly every built-in form) only its
 * capitals lowered. */
static size_t fold_raw(const char *raw, size_t rlen, char *key, size_t cap)
{
	for (size_t i = 0; i < rlen; i++) {
		unsigned char b = (unsigned char)raw[i];
		if (b >= 0x80)
			return nr_lexicon__fold(raw, rlen, key, cap);
		key[i] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
	}
	key[rlen] = '\0';
	return rlen;
}

static int add_form(lex_loader *ld, const form_spec *fs)
{
	size_t flen;
	uint8_t flags;
	const char *form = form_text(ld, fs->form, &flen, &flags);
	if (flen == 0)
		return bad_form(ld, "empty form");
	if (form[0] == ' ' || form[flen - 1] == ' ')
		return fail(ld, NR_EPARSE, "form '%s' has surrounding spaces", form);
	char key[LEX_MAXKEY + 1], raw[LEX_MAXKEY + 1];
	size_t rlen = 0;
	bool sp = false;
	size_t klen = SIZE_MAX;
	if (nr_lexicon__norm_append(raw, &rlen, sizeof(raw), form, flen, false, &sp))
		klen = fold_raw(raw, rlen, key, sizeof(key));
	if (klen == SIZE_MAX || klen == 0)
		return bad_form(ld, "form '%.40s%s' is empty or longer than %d bytes", form,
				flen > 40 ? "..." : "", LEX_MAXKEY);
	if (ld->strict && rlen != flen)
		return fail(ld, NR_EPARSE, "form '%s' has repeated or odd spaces", form);
	const char *canonical = fs->canonical ? fs->canonical : raw;
	const char *extra = fs->extra ? fs->extra : "";
	uint64_t h = nr_lexicon__key_hash(key, klen);

	/* A repeated form: within one row (irregular verbs whose forms
	 * coincide) it is simply skipped; across rows it is a data error in
	 * the built-ins and a no-op for user additions. */
	for (const lex_table *t = ld->table; t; t = t == ld->table ? ld->other : NULL) {
		for (const nr_lex_entry *e = nr_lexicon__table_find(t, key, klen, h); e;
		     e = e->next_) {
			if (!same_meaning(e, ld, canonical, fs))
				continue;
			if (e->fields == ld->fields || !ld->strict)
				return NR_OK;
			/* Rows of exact-case forms that differ in case are two
			 * words: "=Asked" opens sentences, "=asked" reports. */
			if ((e->flags & flags & NR_LEXF_EXACT_CASE) && strcmp(e->phrase, raw) != 0)
				continue;
			/* An exact-case row and a folded one are two words too
			 * ("=The" opens sentences, "the" is a determiner). */
			if ((e->flags ^ flags) & NR_LEXF_EXACT_CASE)
				continue;
			return fail(ld, NR_EPARSE, "duplicate form '%s' (for '%s')", raw,
				    canonical);
		}
	}

	nr_lex_entry *e = nr_arena__calloc(ld->arena, 1, sizeof(*e));
	char *kcopy = nr_arena__strndup(ld->arena, key, klen);
	char *rcopy = nr_arena__strndup(ld->arena, raw, rlen);
	if (!e || !kcopy || !rcopy)
		return fail(ld, NR_ENOMEM, "out of memory");
	e->phrase = rcopy;
	e->canonical = fs->canonical ? fs->canonical : rcopy;
	e->cls = fs->cls ? fs->cls : "";
	e->country = fs->country ? fs->country : "";
	e->extra = extra;
	e->form = fs->tag ? fs->tag : "";
	e->fields = ld->fields;
	e->nfields = ld->nfields;
	e->flags = flags;
	e->official = fs->official;
	e->gender = fs->gender;
	e->classes_ = fs->classes;
	e->lexicon = (uint16_t)ld->lex;
	e->nwords = 1;
	for (size_t i = 0; i < klen; i++)
		e->nwords += key[i] == ' ';
	e->hash_ = h;
	e->key_ = kcopy;
	e->keylen_ = (uint32_t)klen;
	if (!nr_lexicon__table_insert(ld->table, e))
		return fail(ld, NR_ENOMEM, "out of memory");
	ld->forms[ld->lex]++;
	return NR_OK;
}

/* Split a '|' list in place; empty lists give 0 items. */
static int split_list(lex_loader *ld, char *s, char **items, size_t cap)
{
	if (!*s)
		return 0;
	size_t n = 0;
	for (;;) {
		char *bar = strchr(s, '|');
		if (bar)
			*bar = '\0';
		if (!*s) {
			fail(ld, NR_EPARSE, "empty item in a '|' list");
			return -1;
		}
		if (n == cap) {
			fail(ld, NR_EPARSE, "more than %zu items in a list", cap);
			return -1;
		}
		items[n++] = s;
		if (!bar)
			break;
		s = bar + 1;
	}
	return (int)n;
}

static bool is_ident(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	}
	return true;
}

static int check_country(lex_loader *ld, const char *country)
{
	if (!*country)
		return NR_OK;
	const nr_lex_entry *e = nr_lexicon__country_name(ld->table, country);
	if (!e && ld->other)
		e = nr_lexicon__country_name(ld->other, country);
	if (!e)
		return fail(ld, NR_EPARSE, "unknown country '%s'", country);
	if (strcmp(e->canonical, country) != 0)
		return fail(ld, NR_EPARSE, "country '%s' should read '%s'", country, e->canonical);
	return NR_OK;
}

/* Regular English inflection: 3sg, past (= past participle), -ing. */

static bool is_lower_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!(*s >= 'a' && *s <= 'z') && *s != '-')
			return false;
	}
	return true;
}

/* Add a verb's five forms, each followed by the particle if any. */
static int add_verb(lex_loader *ld, const char *lemma, char *forms_col, const char *cls,
		    const char *particle)
{
	static const char *const tags[5] = { "base", "3sg", "past", "pastpart", "ing" };
	if (!is_lower_word(lemma))
		return fail(ld, NR_EPARSE, "verb lemma '%s' is not a lowercase word", lemma);
	char gen[4][64];
	const char *forms[13] = { lemma };
	size_t nforms = 5;
	if (*forms_col) {
		char *items[LEX_MAXLIST];
		int n = split_list(ld, forms_col, items, LEX_MAXLIST);
		if (n < 0)
			return ld->rc;
		if (n < 4 || n > 12)
			return fail(ld, NR_EPARSE,
				    "verb forms must be 3sg|past|pastpart|ing[|more], got %d items",
				    n);
		for (int i = 0; i < n; i++) {
			if (!is_lower_word(items[i]) || strlen(items[i]) > 60)
				return fail(ld, NR_EPARSE,
					    "verb form '%.60s' is not a lowercase word", items[i]);
			forms[i + 1] = items[i];
		}
		nforms = (size_t)n + 1;
	} else {
		if (strlen(lemma) > 50)
			return fail(ld, NR_EPARSE, "verb lemma too long");
		nr_lexicon__inflect(lemma, gen);
		for (int i = 0; i < 4; i++)
			forms[i + 1] = gen[i];
	}
	size_t plen = strlen(particle);
	for (size_t i = 0; i < nforms; i++) {
		char buf[160];
		size_t n = strlen(forms[i]); /* at most 60 */
		memcpy(buf, forms[i], n);
		if (plen) {
			size_t room = sizeof(buf) - 2 - n;
			buf[n++] = ' ';
			memcpy(buf + n, particle, plen < room ? plen : room);
			n += plen < room ? plen : room;
		}
		buf[n] = '\0';
		form_spec fs = { .form = buf,
				 .canonical = lemma,
				 .cls = cls,
				 .extra = particle,
				 .tag = i < 5 ? tags[i] : "other" };
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
	}
	return NR_OK;
}

static int parse_official(lex_loader *ld, const char *s, uint8_t *out)
{
	if (strcmp(s, "yes") == 0)
		*out = NR_OFFICIAL_YES;
	else if (strcmp(s, "no") == 0)
		*out = NR_OFFICIAL_NO;
	else if (strcmp(s, "depends") == 0)
		*out = NR_OFFICIAL_DEPENDS;
	else
		return fail(ld, NR_EPARSE, "official must be yes, no or depends, not '%s'", s);
	return NR_OK;
}

static bool is_upper_code(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	}
	return true;
}

static int add_list(lex_loader *ld, char *col, form_spec fs)
{
	char *items[LEX_MAXLIST];
	int n = split_list(ld, col, items, LEX_MAXLIST);
	if (n < 0)
		return ld->rc;
	for (int i = 0; i < n; i++) {
		fs.form = items[i];
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
	}
	return NR_OK;
}

static int track_country(lex_loader *ld)
{
	nr_lexicon_builtins *b = ld->b;
	if (!b)
		return NR_OK;
	char key[LEX_MAXKEY + 1];
	const char *name = ld->fields[0];
	size_t klen = nr_lexicon__fold(name, strlen(name), key, sizeof(key));
	const nr_lex_entry *e = nr_lexicon__table_find(ld->table, key, klen,
						       nr_lexicon__key_hash(key, klen));
	for (; e; e = e->next_) {
		if (e->lexicon == NR_LEX_COUNTRIES && e->fields == ld->fields)
			break;
	}
	if (!e)
		return NR_OK;
	if (b->ncountries == b->capcountries &&
	    !nr__grow((void **)&b->countries, &b->capcountries, sizeof(*b->countries), 256))
		return fail(ld, NR_ENOMEM, "out of memory");
	b->countries[b->ncountries++] = e;
	return NR_OK;
}

/*
 * One function per built-in lexicon: check a row's columns (c[0] is the
 * form with any '=' marker, ld->fields[0] the name without it) and add
 * its forms. The columns are arena copies owned by the row.
 */

static int add_country_row(lex_loader *ld, char **c)
{
	const char *name = ld->fields[0];
	if (!is_upper_code(c[1], 2) || !is_upper_code(c[2], 3))
		return fail(ld, NR_EPARSE, "bad ISO codes '%s' '%s'", c[1], c[2]);
	if (ld->strict && ld->b) {
		for (size_t i = 0; i < ld->b->ncountries; i++) {
			const char *const *f = ld->b->countries[i]->fields;
			if (strcmp(f[1], c[1]) == 0 || strcmp(f[2], c[2]) == 0)
				return fail(ld, NR_EPARSE, "ISO code of '%s' repeats '%s'", name,
					    f[0]);
		}
	}
	form_spec fs = {
		.form = c[0], .canonical = name, .cls = "name", .country = name, .extra = c[3]
	};
	if (add_form(ld, &fs) != NR_OK || (ld->strict && track_country(ld) != NR_OK))
		return ld->rc;
	fs.cls = "demonym";
	if (add_list(ld, c[4], fs) != NR_OK)
		return ld->rc;
	fs.cls = "alias";
	return add_list(ld, c[5], fs);
}

/* An empty column of a user's row that has a default (a plain list gives
 * only the first): docs/lexicons.md lists them. */
static bool user_default(const lex_loader *ld, const char *col) { return !ld->strict && !*col; }

static int add_location_row(lex_loader *ld, char **c)
{
	static const char *const kinds[] = { "continent", "region", "territory", "state",
					     "province",  "city",   NULL };
	bool ok = user_default(ld, c[1]);
	for (size_t i = 0; kinds[i]; i++)
		ok = ok || strcmp(kinds[i], c[1]) == 0;
	if (!ok)
		return fail(ld, NR_EPARSE, "unknown location kind '%s'", c[1]);
	if (check_country(ld, c[2]) != NR_OK)
		return ld->rc;
	form_spec fs = { .form = c[0], .canonical = ld->fields[0], .cls = c[1], .country = c[2] };
	if (add_form(ld, &fs) != NR_OK)
		return ld->rc;
	return add_list(ld, c[3], fs);
}

static int add_first_name_row(lex_loader *ld, char **c)
{
	if (user_default(ld, c[1]))
		c[1] = "u";
	if (strcmp(c[1], "m") && strcmp(c[1], "f") && strcmp(c[1], "u"))
		return fail(ld, NR_EPARSE, "gender must be m, f or u, not '%s'", c[1]);
	form_spec fs = { .form = c[0], .canonical = ld->fields[0], .gender = c[1][0] };
	return add_form(ld, &fs);
}

static int add_title_row(lex_loader *ld, char **c)
{
	form_spec fs = { .form = c[0], .canonical = ld->fields[0], .cls = c[2] };
	if (!user_default(ld, c[1]) && parse_official(ld, c[1], &fs.official) != NR_OK)
		return ld->rc;
	if (!user_default(ld, c[2]) && !is_ident(c[2]))
		return fail(ld, NR_EPARSE, "bad title class '%s'", c[2]);
	if (add_form(ld, &fs) != NR_OK)
		return ld->rc;
	return add_list(ld, c[3], fs);
}

/* Organisations (name kind country aliases) and government actors
 * (phrase country stands_for aliases): the same row with two columns
 * swapped, and an actor must name its country. */
static int add_body_row(lex_loader *ld, char **c)
{
	bool actor = ld->lex == NR_LEX_GOV_ACTORS;
	if (actor && user_default(ld, c[2]))
		c[2] = "government";
	if (!actor && !user_default(ld, c[1]) && !is_ident(c[1]))
		return fail(ld, NR_EPARSE, "bad organisation kind '%s'", c[1]);
	if (actor && !is_ident(c[2]))
		return fail(ld, NR_EPARSE, "bad role '%s'", c[2]);
	const char *country = actor ? c[1] : c[2];
	const char *kind = actor ? c[2] : c[1];
	if (actor && !*country)
		return fail(ld, NR_EPARSE, "government actor without a country");
	if (check_country(ld, country) != NR_OK)
		return ld->rc;
	form_spec fs = { .form = c[0], .canonical = ld->fields[0], .cls = kind, .country = country };
	if (add_form(ld, &fs) != NR_OK)
		return ld->rc;
	return add_list(ld, c[3], fs);
}

static int add_org_cue_row(lex_loader *ld, char **c)
{
	if (user_default(ld, c[1]))
		c[1] = "both";
	if (strcmp(c[1], "head") && strcmp(c[1], "suffix") && strcmp(c[1], "both"))
		return fail(ld, NR_EPARSE, "position must be head, suffix or both, not '%s'", c[1]);
	form_spec fs = { .form = c[0], .canonical = *c[2] ? c[2] : ld->fields[0], .cls = c[1] };
	return add_form(ld, &fs);
}

static int add_speech_verb_row(lex_loader *ld, char **c)
{
	if (!is_ident(c[1]))
		return fail(ld, NR_EPARSE, "bad speech class '%s'", c[1]);
	if (*c[2] && (!is_lower_word(c[2]) || strlen(c[2]) > 40))
		return fail(ld, NR_EPARSE, "bad particle '%s'", c[2]);
	return add_verb(ld, ld->fields[0], c[3], c[1], c[2]);
}

/* The mask bit of a word_classes class (nr_lexicon__class_bit), adding
 * the name when the built-ins are being made; 0 past LEX_MAXCLASSES. */
static uint64_t class_bit(lex_loader *ld, const char *name)
{
	nr_lexicon_builtins *b = ld->classes;
	if (!b)
		return 0;
	size_t slot = nr_lexicon__class_slot(b, name);
	if (b->class_slots[slot])
		return 1ull << (b->class_slots[slot] - 1);
	if (b != ld->b || b->nclass_names == LEX_MAXCLASSES)
		return 0;
	const char *copy = dup_str(ld, name);
	if (!copy)
		return 0; /* no bit: the extractors then read the rows */
	b->class_names[b->nclass_names] = copy;
	b->class_slots[slot] = (uint8_t)(b->nclass_names + 1);
	return 1ull << b->nclass_names++;
}

/* function_words and word_classes: a word and its '|'-separated classes,
 * each an identifier; the entry keeps the list as written. */
static int add_class_row(lex_loader *ld, char **c)
{
	char *items[LEX_MAXLIST];
	char tmp[256];
	size_t n = strlen(c[1]);
	n = n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1;
	memcpy(tmp, c[1], n);
	tmp[n] = '\0';
	int k = split_list(ld, tmp, items, LEX_MAXLIST);
	if (k <= 0)
		return k < 0 ? ld->rc : fail(ld, NR_EPARSE, "no class");
	uint64_t bits = 0;
	for (int i = 0; i < k; i++) {
		if (!is_ident(items[i]))
			return fail(ld, NR_EPARSE, "bad class '%s'", items[i]);
		if (ld->lex == NR_LEX_WORD_CLASSES)
			bits |= class_bit(ld, items[i]);
	}
	form_spec fs = { .form = c[0], .canonical = ld->fields[0], .cls = c[1], .classes = bits };
	return add_form(ld, &fs);
}

/* A CAMEO code: three or four digits. */
static bool is_cameo_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Object nouns: lower-case words, single spaces between them. */
static int check_objects(lex_loader *ld, const char *col)
{
	char tmp[2048];
	if (strlen(col) >= sizeof(tmp))
		return fail(ld, NR_EPARSE, "object list longer than %zu bytes", sizeof(tmp) - 1);
	memcpy(tmp, col, strlen(col) + 1);
	char *items[LEX_MAXLIST * 2];
	int n = split_list(ld, tmp, items, NR_ARRAY_LEN(items));
	if (n < 0)
		return ld->rc;
	for (int i = 0; i < n; i++) {
		const char *w = items[i];
		bool ok = w[0] != ' ' && w[strlen(w) - 1] != ' ' && !strstr(w, "  ");
		for (const char *p = w; ok && *p; p++)
			ok = (*p >= 'a' && *p <= 'z') || *p == '-' || *p == ' ';
		if (!ok)
			return fail(ld, NR_EPARSE, "bad object noun '%s'", w);
	}
	return NR_OK;
}

/* cameo_verbs: lemma particle act cameo objects forms. */
static int add_cameo_row(lex_loader *ld, char **c)
{
	if (*c[1] && (!is_lower_word(c[1]) || strlen(c[1]) > 40))
		return fail(ld, NR_EPARSE, "bad particle '%s'", c[1]);
	if (!is_ident(c[2]))
		return fail(ld, NR_EPARSE, "bad act '%s'", c[2]);
	if (!is_cameo_code(c[3]))
		return fail(ld, NR_EPARSE, "bad CAMEO code '%s'", c[3]);
	if (check_objects(ld, c[4]) != NR_OK)
		return ld->rc;
	return add_verb(ld, ld->fields[0], c[5], ld->fields[2], ld->fields[1]);
}

const char *const nr_lexicon__actor_kinds[] = {
	"government",   "ministry", "military",          "police", "court",  "party", "legislature",
	"company",      "ngo",      "intergovernmental", "media",  "sports", "group", "person",
	"organization", NULL,
};

/* actor_kinds: noun kind official forms. */
static int add_actor_kind_row(lex_loader *ld, char **c)
{
	const char *kind = NULL;
	for (size_t i = 0; nr_lexicon__actor_kinds[i]; i++)
		if (strcmp(nr_lexicon__actor_kinds[i], c[1]) == 0)
			kind = nr_lexicon__actor_kinds[i];
	if (!kind)
		return fail(ld, NR_EPARSE, "unknown actor kind '%s'", c[1]);
	form_spec fs = { .form = c[0], .canonical = ld->fields[0], .cls = kind };
	if ((!user_default(ld, c[2]) && parse_official(ld, c[2], &fs.official) != NR_OK) ||
	    add_form(ld, &fs) != NR_OK)
		return ld->rc;
	return add_list(ld, c[3], fs);
}

/* persons: name aliases. */
static int add_person_row(lex_loader *ld, char **c)
{
	form_spec fs = { .form = c[0], .canonical = ld->fields[0] };
	if (add_form(ld, &fs) != NR_OK)
		return ld->rc;
	return add_list(ld, c[1], fs);
}

/* A user lexicon's row: phrase [canonical [class]]. */
static int add_user_row(lex_loader *ld, char **c, size_t n)
{
	form_spec fs = { .form = c[0],
			 .canonical = n > 1 && *c[1] ? c[1] : NULL,
			 .cls = n > 2 ? c[2] : "" };
	if (fs.canonical && fs.canonical[0] == '=')
		fs.canonical++;
	return add_form(ld, &fs);
}

/* Parse one row of n columns into forms, as its lexicon reads it. */
static int add_row(lex_loader *ld, char **c, size_t n)
{
	switch (ld->lex) {
	case NR_LEX_COUNTRIES: return add_country_row(ld, c);
	case NR_LEX_LOCATIONS: return add_location_row(ld, c);
	case NR_LEX_FIRST_NAMES: return add_first_name_row(ld, c);
	case NR_LEX_TITLES: return add_title_row(ld, c);
	case NR_LEX_ORGANIZATIONS:
	case NR_LEX_GOV_ACTORS: return add_body_row(ld, c);
	case NR_LEX_ORG_CUES: return add_org_cue_row(ld, c);
	case NR_LEX_SPEECH_VERBS: return add_speech_verb_row(ld, c);
	case NR_LEX_VERBS: return add_verb(ld, ld->fields[0], c[1], "", "");
	case NR_LEX_FUNCTION_WORDS:
	case NR_LEX_WORD_CLASSES: return add_class_row(ld, c);
	case NR_LEX_CAMEO_VERBS: return add_cameo_row(ld, c);
	case NR_LEX_ACTOR_KINDS: return add_actor_kind_row(ld, c);
	case NR_LEX_PERSONS: return add_person_row(ld, c);
	default: return add_user_row(ld, c, n);
	}
}

/*
 * Is the line s[0..len) data? False, with NR_OK in *rc, for comments and
 * blank lines; false with an error in *rc for a line the strict reading
 * of built-ins refuses (bad UTF-8, only whitespace). A user file's CR
 * before the newline is dropped from *len.
 */
static bool is_data_line(lex_loader *ld, const char *s, size_t *len, int *rc)
{
	*rc = NR_OK;
	if (!ld->strict && *len && s[*len - 1] == '\r')
		(*len)--;
	if (*len == 0 || s[0] == '#')
		return false;
	if (!nr_utf8__valid(s, *len)) {
		*rc = fail(ld, NR_EPARSE, "invalid UTF-8");
		return false;
	}
	size_t i = 0;
	while (i < *len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < *len)
		return true;
	if (ld->strict)
		*rc = fail(ld, NR_EPARSE, "whitespace-only line");
	return false;
}

/*
 * Cut row in place at its TABs into cols (at most LEX_MAXCOLS; *n gets
 * how many) and check each column: no CR, VT or FF; surrounding spaces
 * refused in built-ins and trimmed in user rows.
 */
static int split_columns(lex_loader *ld, char *row, char **cols, size_t *n)
{
	*n = 0;
	for (char *p = row;;) {
		if (*n == LEX_MAXCOLS)
			return fail(ld, NR_EPARSE, "too many columns");
		cols[(*n)++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (size_t i = 0; i < *n; i++) {
		char *c = cols[i];
		size_t cl = strlen(c);
		if (memchr(c, '\r', cl) || memchr(c, '\v', cl) || memchr(c, '\f', cl))
			return fail(ld, NR_EPARSE, "control character in column %zu", i + 1);
		if (cl && (c[0] == ' ' || c[cl - 1] == ' ')) {
			if (ld->strict)
				return fail(ld, NR_EPARSE, "column %zu has surrounding spaces",
					    i + 1);
			while (*c == ' ')
				c++;
			cl = strlen(c);
			while (cl && c[cl - 1] == ' ')
				c[--cl] = '\0';
			cols[i] = c;
		}
	}
	return NR_OK;
}

/* Columns per built-in lexicon (user lexicons take 1 to 3), and the
 * fewest a user's row may give: the others have defaults. */
static const struct {
	uint8_t cols, user_min;
	const char *names;
} builtin_cols[NR_LEX_BUILTIN_COUNT] = {
	{ 6, 3, "name iso2 iso3 capital demonyms aliases" },
	{ 4, 1, "name kind country aliases" },
	{ 2, 1, "name gender" },
	{ 4, 1, "title official class aliases" },
	{ 4, 1, "name kind country aliases" },
	{ 3, 1, "word position canonical" },
	{ 4, 2, "phrase country stands_for aliases" },
	{ 4, 2, "lemma class particle forms" },
	{ 2, 1, "lemma forms" },
	{ 2, 2, "word classes" },
	{ 2, 2, "word classes" },
	{ 6, 4, "lemma particle act cameo objects forms" },
	{ 4, 2, "noun kind official forms" },
	{ 2, 1, "name aliases" },
};

/* The row's column count; a user's short row of a built-in lexicon gets
 * its missing columns as empty ones (the NUL ending the last column). */
static int check_column_count(lex_loader *ld, char **cols, size_t *n)
{
	if (ld->lex >= NR_LEX_BUILTIN_COUNT) {
		if (*n > 3)
			return fail(ld, NR_EPARSE, "%zu columns, a user lexicon takes 1 to 3", *n);
		return NR_OK;
	}
	unsigned want = builtin_cols[ld->lex].cols;
	unsigned least = ld->strict ? want : builtin_cols[ld->lex].user_min;
	if (*n != want && (ld->strict || *n > want))
		return fail(ld, NR_EPARSE, "%zu columns, %s takes %u (%s)", *n,
			    nr_lexicon__builtin_names[ld->lex], want, builtin_cols[ld->lex].names);
	if (*n < least)
		return fail(ld, NR_EPARSE, "%zu column%s, a row of %s needs at least %u (%s)", *n,
			    *n == 1 ? "" : "s", nr_lexicon__builtin_names[ld->lex], least,
			    builtin_cols[ld->lex].names);
	char *end = cols[*n - 1] + strlen(cols[*n - 1]);
	while (*n < want)
		cols[(*n)++] = end;
	return NR_OK;
}

/* Keep copies of the row's columns as ld->fields: entries point at them
 * (and add_row() cuts the columns it is given). */
static int keep_fields(lex_loader *ld, char *const *cols, size_t n)
{
	const char **fields = nr_arena__alloc(ld->arena, n * sizeof(*fields));
	if (!fields)
		return fail(ld, NR_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		fields[i] = dup_str(ld, cols[i]);
		if (!fields[i])
			return fail(ld, NR_ENOMEM, "out of memory");
	}
	/* The '=' exact-case marker belongs to the key, not the value. */
	if (fields[0][0] == '=')
		fields[0]++;
	ld->fields = fields;
	ld->nfields = (uint8_t)n;
	return NR_OK;
}

/* Parse one line: NR_OK for comments and blanks too. */
static int parse_line(lex_loader *ld, const char *s, size_t len)
{
	int rc;
	if (!is_data_line(ld, s, &len, &rc))
		return rc;
	char *row = nr_arena__strndup(ld->arena, s, len);
	if (!row)
		return fail(ld, NR_ENOMEM, "out of memory");
	char *cols[LEX_MAXCOLS];
	size_t n;
	if (split_columns(ld, row, cols, &n) != NR_OK || check_column_count(ld, cols, &n) != NR_OK)
		return ld->rc;
	if (!*cols[0])
		return fail(ld, NR_EPARSE, "empty first column");
	if (keep_fields(ld, cols, n) != NR_OK)
		return ld->rc;
	size_t forms = ld->forms[ld->lex];
	rc = add_row(ld, cols, n);
	/* A row whose forms were all skipped, or all repeats, adds nothing. */
	if (rc == NR_OK && (ld->forms[ld->lex] > forms || ld->strict))
		ld->rows[ld->lex]++;
	return rc;
}

int nr_lexicon__parse(lex_loader *ld, const char *data, size_t len)
{
	size_t pos = 0;
	ld->line = 0;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		ld->line++;
		if (memchr(data + pos, '\0', end - pos))
			fail(ld, NR_EPARSE, "NUL byte");
		else
			parse_line(ld, data + pos, end - pos);
		if (ld->rc != NR_OK) {
			if (!ld->warn || ld->rc != NR_EPARSE)
				return ld->rc;
			report_skip(ld, ld->row_error);
			ld->rc = NR_OK;
		}
		pos = end + 1;
	}
	if (ld->warn && ld->nwarnings > NR_LEX_MAX_WARNINGS) {
		char msg[320];
		snprintf(msg, sizeof(msg), "%s: %zu more rows or forms skipped", ld->source,
			 ld->nwarnings - NR_LEX_MAX_WARNINGS);
		ld->warn(ld->warn_payload, msg);
	}
	if (ld->strict && len && data[len - 1] != '\n') {
		ld->line = 0;
		return fail(ld, NR_EPARSE, "no newline at end of file");
	}
	return NR_OK;
}

/* Every capital in countries.tsv is a city too, so locations.tsv need
 * not repeat the small ones; those it lists already are left alone. */
static int add_capitals(nr_lexicon_builtins *b, nr_buf *err)
{
	lex_loader ld = { .arena = &b->arena,
			  .table = &b->table,
			  .b = b,
			  .lex = NR_LEX_LOCATIONS,
			  .source = "countries.tsv",
			  .strict = true,
			  .err = err,
			  .rows = b->rows,
			  .forms = b->forms };
	for (size_t i = 0; i < b->ncountries; i++) {
		const nr_lex_entry *c = b->countries[i];
		const char *cap = c->extra;
		if (!*cap)
			continue;
		bool known = false;
		const nr_lex_entry *all[16];
		size_t n = 0;
		char key[LEX_MAXKEY + 1];
		size_t klen = nr_lexicon__fold(cap, strlen(cap), key, sizeof(key));
		for (const nr_lex_entry *e = nr_lexicon__table_find(
			 &b->table, key, klen, nr_lexicon__key_hash(key, klen));
		     e && n < 16; e = e->next_)
			all[n++] = e;
		for (size_t k = 0; k < n; k++) {
			known = known || (all[k]->lexicon == NR_LEX_LOCATIONS &&
					  strcmp(all[k]->country, c->canonical) == 0);
		}
		if (known)
			continue;
		const char **fields = nr_arena__alloc(&b->arena, 4 * sizeof(*fields));
		if (!fields)
			return NR_ENOMEM;
		fields[0] = cap;
		fields[1] = "city";
		fields[2] = c->canonical;
		fields[3] = "";
		ld.fields = fields;
		ld.nfields = 4;
		form_spec fs = {
			.form = cap, .canonical = cap, .cls = "city", .country = c->canonical
		};
		if (add_form(&ld, &fs) != NR_OK)
			return ld.rc;
		b->rows[NR_LEX_LOCATIONS]++;
	}
	return NR_OK;
}

/*
 * The built-in lexicons are the same for every set in the process and
 * never change once made: they are made once, on first use, and shared
 * read-only (lookups are thread-safe) by every rule set, scanner and
 * nr_lexicon. The process keeps one reference for good, so the copy stays
 * reachable until exit (leak checkers count it as such) and is never
 * made twice. If it cannot be made (no memory), each caller makes its own
 * as before, and gets the error with its message.
 */
static _Atomic(nr_lexicon_builtins *) shared_builtins;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void make_shared_builtins(void)
{
	nr_lexicon_builtins *b;
	if (nr_lexicon__builtins_from(&b, nr_lexicon__blobs, nr_lexicon__nblobs, NULL) == NR_OK)
		atomic_store_explicit(&shared_builtins, b, memory_order_release);
}

const nr_lexicon_builtins *nr_lexicon__builtins_made(void)
{
	return atomic_load_explicit(&shared_builtins, memory_order_acquire);
}

int nr_lexicon__builtins_new(nr_lexicon_builtins **out, nr_buf *err)
{
	pthread_once(&shared_once, make_shared_builtins);
	nr_lexicon_builtins *b = atomic_load_explicit(&shared_builtins, memory_order_acquire);
	if (b) {
		nr_lexicon__builtins_retain(b);
		*out = b;
		return NR_OK;
	}
	return nr_lexicon__builtins_from(out, nr_lexicon__blobs, nr_lexicon__nblobs, err);
}

int nr_lexicon__builtins_from(nr_lexicon_builtins **out, const nr_lex_blob *blobs, size_t nblobs,
			      nr_buf *err)
{
	*out = NULL;
	nr_lexicon_builtins *b = calloc(1, sizeof(*b));
	if (!b) {
		if (err)
			nr_buf__puts(err, "out of memory");
		return NR_ENOMEM;
	}
	atomic_init(&b->refs, 1);
	nr_arena__init(&b->arena);
	/* Lexicon order, not file order: later lexicons check countries. */
	for (int lex = 0; lex < NR_LEX_BUILTIN_COUNT; lex++) {
		const nr_lex_blob *blob = NULL;
		for (size_t i = 0; i < nblobs; i++) {
			if (strcmp(blobs[i].name, nr_lexicon__builtin_names[lex]) == 0)
				blob = &blobs[i];
		}
		char source[64];
		snprintf(source, sizeof(source), "%s.tsv", nr_lexicon__builtin_names[lex]);
		lex_loader ld = { .arena = &b->arena,
				  .table = &b->table,
				  .b = b,
				  .classes = b,
				  .lex = lex,
				  .source = source,
				  .strict = true,
				  .err = err,
				  .rows = b->rows,
				  .forms = b->forms };
		if (!blob) {
			fail(&ld, NR_EPARSE, "lexicon missing from the build");
		} else {
			nr_lexicon__parse(&ld, (const char *)blob->data, blob->len);
		}
		if (ld.rc != NR_OK) {
			nr_lexicon__builtins_release(b);
			return ld.rc;
		}
	}
	int rc = add_capitals(b, err);
	if (rc != NR_OK) {
		nr_lexicon__builtins_release(b);
		return rc;
	}
	*out = b;
	return NR_OK;
}

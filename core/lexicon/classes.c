/*
 * classes.c - the built-in word_classes lexicon as a word set, for a
 * stage that tests words against a few closed classes and has no lexicon
 * set: the segmenter runs under every reader, before any engine exists.
 */
#include "lexicon/lexicon_int.h"

#include <stdlib.h>

/* The bits of the classes in cls ('|'-separated) that classes[] names. */
static uint32_t row_class_bits(const char *cls, const char *const *classes, size_t n)
{
	uint32_t bits = 0;
	for (const char *p = cls; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		for (size_t i = 0; i < n; i++) {
			if (strlen(classes[i]) == len && memcmp(classes[i], p, len) == 0)
				bits |= 1u << i;
		}
		if (!bar)
			break;
		p = bar + 1;
	}
	return bits;
}

/* Every entry of t with a class asked for, into ws; the classes no entry
 * has are left set in *missing. */
static int fill_wordset(nr_wordset *ws, const lex_table *t, const char *const *classes, size_t n,
			uint32_t *missing)
{
	for (size_t i = 0; i < t->cap; i++) {
		for (const nr_lex_entry *e = t->slots[i]; e; e = e->next_) {
			if (e->lexicon != NR_LEX_WORD_CLASSES)
				continue;
			uint32_t bits = row_class_bits(e->cls, classes, n);
			bool exact = (e->flags & NR_LEXF_EXACT_CASE) != 0;
			if (bits && !nr_wordset__add(ws, e->phrase, strlen(e->phrase), exact, bits))
				return NR_ENOMEM;
			*missing &= ~bits;
		}
	}
	return NR_OK;
}

/* Parse the compiled-in word_classes.tsv, as strictly as the built-ins. */
static int parse_word_classes(lex_loader *ld)
{
	for (size_t i = 0; i < nr_lexicon__nblobs; i++) {
		const nr_lex_blob *b = &nr_lexicon__blobs[i];
		if (strcmp(b->name, nr_lexicon__builtin_names[NR_LEX_WORD_CLASSES]) == 0)
			return nr_lexicon__parse(ld, (const char *)b->data, b->len);
	}
	if (ld->err) {
		ld->err->len = 0;
		nr_buf__printf(ld->err, "%s: lexicon missing from the build", ld->source);
	}
	return NR_EPARSE;
}

int nr_lexicon__class_set(nr_wordset *ws, const char *const *classes, size_t n, nr_buf *err)
{
	nr_wordset__init(ws);
	if (n == 0 || n > 32)
		return NR_EINVAL;
	nr_arena arena;
	nr_arena__init(&arena);
	lex_table table = { 0 };
	size_t rows[NR_LEX_BUILTIN_COUNT] = { 0 }, forms[NR_LEX_BUILTIN_COUNT] = { 0 };
	lex_loader ld = { .arena = &arena,
			  .table = &table,
			  .lex = NR_LEX_WORD_CLASSES,
			  .source = "word_classes.tsv",
			  .strict = true,
			  .err = err,
			  .rows = rows,
			  .forms = forms };
	uint32_t missing = n == 32 ? UINT32_MAX : (1u << n) - 1;
	/* The process's built-ins hold the same rows, parsed as strictly:
	 * when a rule set or lexicon made them already, read them there
	 * rather than parse the file again. */
	const nr_lexicon_builtins *made = nr_lexicon__builtins_made();
	int rc = made ? NR_OK : parse_word_classes(&ld);
	if (rc == NR_OK)
		rc = fill_wordset(ws, made ? &made->table : &table, classes, n, &missing);
	if (rc == NR_OK && missing) {
		/* A class the code asks for and the data lacks is a typo on
		 * one side: segmenting without it would go wrong quietly. */
		for (size_t i = 0; err && i < n; i++) {
			if (missing & (1u << i)) {
				err->len = 0;
				nr_buf__printf(err, "%s: no word of class '%s'", ld.source,
					       classes[i]);
				break;
			}
		}
		rc = NR_EPARSE;
	}
	nr_lexicon__table_free(&table);
	nr_arena__free(&arena);
	if (rc != NR_OK)
		nr_wordset__free(ws);
	return rc;
}

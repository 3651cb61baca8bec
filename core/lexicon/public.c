/* public.c - the lexicon handle of the public API (nr_lexicon_*): a set
 * over the shared built-ins, plus the reason of the last failure. */
#include "lexicon/lexicon.h"

#include <stdlib.h>

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

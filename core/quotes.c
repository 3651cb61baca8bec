/* quotes.c - not written yet: finds no quotations. */
#include "extract.h"

int nr_quotes__run(nr_article *a, const nr_lexicon_set *lex)
{
	NR_UNUSED(a);
	NR_UNUSED(lex);
	return NR_OK;
}

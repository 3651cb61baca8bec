/* entities.c - not written yet: finds no entities. */
#include "extract.h"

int nr_entities__run(nr_article *a, const nr_lexicon_set *lex)
{
	NR_UNUSED(a);
	NR_UNUSED(lex);
	return NR_OK;
}

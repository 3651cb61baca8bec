/* segment.c - placeholder: one sentence per paragraph, whitespace tokens. */
#include "internal.h"

#include <stdlib.h>

int nr_segment__run(nr_article *a)
{
	a->sentences = calloc(a->nparagraphs ? a->nparagraphs : 1, sizeof(*a->sentences));
	if (!a->sentences)
		return NR_ENOMEM;
	for (size_t i = 0; i < a->nparagraphs; i++) {
		a->sentences[i].start = a->paragraphs[i].start;
		a->sentences[i].end = a->paragraphs[i].end;
		a->sentences[i].paragraph = (uint32_t)i;
	}
	a->nsentences = a->nparagraphs;
	return NR_OK;
}

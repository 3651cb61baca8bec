/*
 * segment.h - sentences and tokens over an article's finished text.
 */
#ifndef NR_SEGMENT_H
#define NR_SEGMENT_H

#include "article/article.h"

/*
 * Tokens and sentences over the finished text, replacing any there were.
 * NR_OK; NR_ENOMEM, with none, when memory runs out, also for the word
 * classes the first run builds from the lexicon data (tried again on the
 * next run); NR_EPARSE only if that compiled-in data were broken.
 */
int nr_segment__run(nr_article *a);

#endif /* NR_SEGMENT_H */

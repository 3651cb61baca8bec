/*
 * segment.h - sentences and tokens over an article's finished text.
 */
#ifndef NR_SEGMENT_H
#define NR_SEGMENT_H

#include "article/article.h"

/* segment.c: sentences and tokens over the finished text.              */

int nr_segment__run(nr_article *a);

#endif /* NR_SEGMENT_H */

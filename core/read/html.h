/*
 * html.h - shared between the files of the HTML reader
 * (reader_html.c: encoding, parsing, metadata; html_body.c: body
 * extraction). libxml2 types stay inside these files.
 */
#ifndef NR_HTML_PRIV_H
#define NR_HTML_PRIV_H

#include "read/read.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* What the body extractor hands back: paragraphs, each cleaned and
 * NUL-terminated, stored back to back in `paras`. */
typedef struct nr_html_body {
	nr_buf paras;
	size_t count;
	nr_buf h1; /* text of the first <h1> in or just above the article */
} nr_html_body;

typedef struct nr_html_hints {
	const char *title;  /* best title known so far (may be "") */
	const char *byline; /* may be "" */
} nr_html_hints;

/*
 * Pick the article body out of a parsed page (or, with `fragment`, take
 * the whole snippet) and fill `out`. Never recurses on document depth.
 * Returns NR_OK or NR_ENOMEM.
 */
int nr_html__body(nr_html_body *out, xmlDoc *doc, bool fragment, const nr_html_hints *hints);
void nr_html__body_free(nr_html_body *out);

/* Visible text of a subtree, whitespace folded, appended to `out`;
 * script/style skipped. Iterative. */
void nr_html__text(nr_buf *out, const xmlNode *node);

/* An attribute's value by name (ASCII case folded), borrowed from the
 * tree; "" when it has no text, NULL when absent. */
const char *nr_html__attr(const xmlNode *n, const char *name);

/* Next node in document order below `root` (NULL at the end); with
 * `skip_children` the current node's subtree is not entered. */
xmlNode *nr_html__next(const xmlNode *root, const xmlNode *node, bool skip_children);

#endif /* NR_HTML_PRIV_H */

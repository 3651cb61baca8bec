/*
 * html.h - shared between the files of the HTML reader: html.c (encoding,
 * parsing, metadata), html_elems.c (what each element of a page is),
 * html_body.c (scoring and choosing the body, its paragraphs) and
 * html_clean.c (which paragraphs are page furniture). libxml2 types stay
 * inside these files.
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

/* ------------------------------------------------------------------ */
/* html_elems.c: every element of a page gets a slot saying what it is; */
/* html_body.c scores the slots, html_clean.c judges the paragraphs.    */

/* Tags the body extractor tells apart. */
enum {
	T_OTHER,
	T_A,
	T_ARTICLE,
	T_BLOCKQUOTE,
	T_BODY,
	T_BR,
	T_CENTER,
	T_CODE,
	T_DD,
	T_DIV,
	T_DL,
	T_DT,
	T_FIGCAPTION,
	T_FIGURE,
	T_FORM,
	T_FIELDSET,
	T_H1,
	T_H2,
	T_H3,
	T_H4,
	T_H5,
	T_H6,
	T_HR,
	T_HTML,
	T_IMG,
	T_INPUT,
	T_LI,
	T_MAIN,
	T_OL,
	T_P,
	T_PRE,
	T_SECTION,
	T_TABLE,
	T_TD,
	T_TH,
	T_TR,
	T_UL,
	T_NAV,
	T_ASIDE,
	T_FOOTER,
	T_HEADER,
	T_ADDRESS,
	T_CAPTION,
	T_THEAD,
	T_TBODY,
	T_TFOOT,
	T_DETAILS,
	T_SUMMARY,
	T_EMBED,
	T_JUNK
};

/* Tag properties. */
#define K_BLOCK 1u  /* breaks inline text into paragraphs */
#define K_JUNK 2u   /* never part of an article */
#define K_STRUCT 4u /* page structure (nav, aside, ...): dropped in strict attempts */
#define K_EMBED 8u  /* counts as an embed for cleaning */

/* What an element's class and id names say. */
enum { W_UNLIKELY = 1, W_MAYBE = 2, W_NEG = 4, W_POS = 8, W_EMBED = 16, W_CAPTION = 32 };

/* What an element is wherever it stands (nr_html_elem.sflags). */
#define S_HIDDEN 1u
#define S_UNLIKELY 2u
#define S_IN_A 4u
#define S_DATA_TABLE 8u
#define S_IN_FIGURE 16u
#define S_IN_CODE 32u
#define S_EMBEDDED 64u /* an embedded post (tweet, video card) the story quotes */

typedef struct nr_html_elem {
	xmlNode *node;
	struct nr_html_elem *parent; /* nearest element ancestor, or NULL */
	struct nr_html_elem *blk;    /* nearest block ancestor-or-self */
	uint8_t tag, kind;
	uint8_t sflags;
	uint8_t nflags; /* W_* of the class and id names */
	uint32_t anc;   /* scratch: rank among the article's ancestors */
	int8_t weight;  /* class/id weight */
	uint32_t dtext; /* visible characters in direct text children */
	uint32_t dcommas;

	/* Per attempt. */
	bool skip;
	bool cand;
	bool removed;
	uint32_t text, link, own, own_commas, commas;
	uint32_t np, nimg, nli, ninput, nembed, nblockkids, litext;
	uint32_t nlinks;
	bool cluster, cluster_below; /* link_cluster() of itself / of a descendant */
	uint32_t ptext; /* text of paragraphs (blocks with 25+ characters of their own) */
	double score;
} nr_html_elem;

/* A page's elements: one slot each, in document order. */
typedef struct nr_html_page {
	xmlNode *body;      /* <body>, or the root element */
	nr_html_elem *info; /* node->_private of each element points to its slot */
	size_t n;
} nr_html_page;

/* The slot of an element node, or NULL for any other node. */
static inline nr_html_elem *nr_html__elem(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? (nr_html_elem *)n->_private : NULL;
}

/* Give every element of `doc` its slot. NR_OK or NR_ENOMEM; either way
 * nr_html__page_free() undoes it. */
int nr_html__page_slots(nr_html_page *page, xmlDoc *doc);
/* Free the slots and clear the tree's pointers to them. */
void nr_html__page_free(nr_html_page *page);

/* Visible characters (whitespace runs count once) and commas of a text. */
void nr_html__measure(const char *s, uint32_t *chars, uint32_t *commas);

/* A paragraph of the body, as built from the chosen elements. */
typedef struct nr_html_para {
	size_t off, len; /* cleaned text in the store */
	uint32_t chars, link;
	uint32_t plain_words; /* words outside links */
	uint8_t tag;          /* block element it came from */
} nr_html_para;

/*
 * Which paragraphs are article text: set keep[i] for each of p[0..n)
 * (text at store + p[i].off) that is not a link line, furniture phrase,
 * timestamp, dateline, byline, or the headline repeated. A fragment
 * keeps everything.
 */
void nr_html__keep_paras(const nr_html_para *p, size_t n, const char *store,
			 const nr_html_hints *hints, bool fragment, bool *keep);

#endif /* NR_HTML_PRIV_H */

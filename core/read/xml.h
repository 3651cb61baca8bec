/*
 * xml.h - safe libxml2 parsing and tree helpers shared by the feed, NITF
 * and JSON Lines readers. Kept out of read.h so that only the files
 * that use libxml2 see its types.
 */
#ifndef NR_XML_H
#define NR_XML_H

#include "read/read.h"

#include <libxml/tree.h>

/*
 * Parse an XML document with every network and entity-loading feature off
 * (no DTD loading, no entity substitution, no network, no huge mode), the
 * parser's own depth and entity-amplification limits on, and nothing
 * printed. On failure returns NR_EPARSE, NR_ENESTING, NR_ETOOBIG or
 * NR_ENOMEM and writes "XML parse error at line N: <reason>" into `err`.
 * The caller frees *out with xmlFreeDoc().
 */
int nr_xml__parse(xmlDoc **out, const char *data, size_t len, nr_buf *err);

/* Local name test for an element, ignoring its namespace. */
bool nr_xml__is(const xmlNode *n, const char *local);
/* The namespace URI of an element, or "" when it has none. */
const char *nr_xml__ns(const xmlNode *n);
/* First child element with this local name (any namespace), or NULL. */
xmlNode *nr_xml__child(const xmlNode *parent, const char *local);
/* Is n an element named in `list` (NULL-terminated; may be NULL)? */
bool nr_xml__is_one_of(const xmlNode *n, const char *const *list);
/* Attribute value by local name (any namespace), borrowed, or NULL. */
const char *nr_xml__attr(const xmlNode *n, const char *local);

/*
 * Append the character data under `n` (text, CDATA, and the replacement
 * text of simple internal entities) to `out`. Elements named in `skip`
 * (a NULL-terminated list of local names, may be NULL) are left out.
 * The walk is iterative. Returns false on out of memory.
 */
bool nr_xml__text(nr_buf *out, const xmlNode *n, const char *const *skip);

/* Set a metadata field from the text of element n (nothing when n is
 * NULL or its text is empty). NR_OK or NR_ENOMEM. */
int nr_xml__meta_text(nr_article *a, nr_meta field, const xmlNode *n);

/* Serialise the children of `n` as markup (for Atom xhtml content). */
bool nr_xml__inner_markup(nr_buf *out, xmlNode *n);

/*
 * Guess whether a feed body is HTML (has tags or entity references) rather
 * than plain text.
 */
bool nr_xml__looks_html(const char *s, size_t len);

/*
 * Add the body of an HTML snippet (UTF-8) to `a` as paragraphs: through
 * nr_html__extract(), or, when that is not available (NR_EFORMAT), through
 * a plain tag stripper that breaks paragraphs at block elements.
 */
int nr_xml__html_body(nr_article *a, const char *html, size_t len, nr_buf *err);

/* Strip tags from an HTML snippet into one line of text (for titles). */
bool nr_xml__html_inline(nr_buf *out, const char *html, size_t len);

#endif /* NR_XML_H */

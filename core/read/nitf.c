/*
 * nitf.c - NITF 3.x news documents (with or without the IPTC
 * namespace): one article per document. Element names are matched by
 * local name so that every NITF 3.x namespace URI, or none, reads alike.
 */
#include "read/xml.h"

#include <string.h>

/* Furniture inside body.content that is not story text. */
static const char *const body_skip[] = {
	"media", "media-caption", "media-producer", "media-reference", "media-metadata",
	"note",  "byline",        "dateline",       "tagline",         NULL
};

/* Elements whose text makes one paragraph each. */
static const char *const para_elems[] = { "p",         "hl1", "hl2", "li", "dt", "dd",
					  "bq-credit", "pre", "td",  "th", NULL };

static int add_text_paragraph(nr_article *a, const xmlNode *n)
{
	nr_buf b = NR_BUF_INIT;
	int rc = nr_xml__text(&b, n, body_skip) ? NR_OK : NR_ENOMEM;
	if (!rc && b.len)
		rc = nr_article__add_paragraph(a, b.data, b.len);
	nr_buf__free(&b);
	return rc;
}

/*
 * Walk body.content iteratively: a paragraph element becomes a paragraph,
 * media is skipped, and loose text directly inside block or body.content
 * is gathered into paragraphs of its own.
 */
static int read_content(nr_article *a, xmlNode *content)
{
	int rc = NR_OK;
	nr_buf loose = NR_BUF_INIT;
	xmlNode *cur = content->children;
	while (cur && !rc) {
		bool descend = false;
		if (cur->type == XML_ELEMENT_NODE) {
			if (nr_xml__is_one_of(cur, body_skip)) {
				/* dropped */
			} else if (nr_xml__is_one_of(cur, para_elems)) {
				if (loose.len) {
					rc = nr_article__add_paragraph(a, loose.data, loose.len);
					loose.len = 0;
				}
				if (!rc)
					rc = add_text_paragraph(a, cur);
			} else {
				descend = cur->children != NULL;
			}
		} else if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
			   cur->content) {
			nr_buf__puts(&loose, (const char *)cur->content);
		}
		if (descend) {
			cur = cur->children;
			continue;
		}
		while (cur != content && !cur->next)
			cur = cur->parent;
		if (!cur || cur == content)
			break;
		cur = cur->next;
	}
	if (!rc && loose.oom)
		rc = NR_ENOMEM;
	if (!rc && loose.len)
		rc = nr_article__add_paragraph(a, loose.data, loose.len);
	nr_buf__free(&loose);
	return rc;
}

static int meta_attr(nr_article *a, nr_meta field, const xmlNode *n, const char *attr)
{
	const char *v = nr_xml__attr(n, attr);
	return v ? nr_article__set_meta(a, field, v, strlen(v)) : NR_OK;
}

/* NITF's norm attributes use ISO 8601 basic format (20251104T093000+0000);
 * rules and output use the extended one (2025-11-04T09:30:00Z). Anything
 * else is kept as given. */
static int set_norm_date(nr_article *a, const xmlNode *n)
{
	const char *v = nr_xml__attr(n, "norm");
	if (!v)
		return NR_OK;
	char out[40];
	size_t o = nr_date__iso_basic_to_extended(v, out, sizeof(out));
	return o ? nr_article__set_meta(a, NR_META_PUBLISHED, out, o)
		 : nr_article__set_meta(a, NR_META_PUBLISHED, v, strlen(v));
}

/* "By Jane Doe, Staff Writer" -> "Jane Doe, Staff Writer"; a byline made of
 * <person> elements keeps just the people. */
static int set_byline(nr_article *a, const xmlNode *byline)
{
	nr_buf b = NR_BUF_INIT;
	int rc = NR_OK;
	for (xmlNode *c = byline->children; c; c = c->next) {
		if (!nr_xml__is(c, "person"))
			continue;
		if (b.len)
			nr_buf__puts(&b, ", ");
		if (!nr_xml__text(&b, c, NULL))
			rc = NR_ENOMEM;
	}
	if (!rc && b.len == 0 && !nr_xml__text(&b, byline, NULL))
		rc = NR_ENOMEM;
	if (!rc) {
		const char *s = b.data ? b.data : "";
		size_t len = b.len;
		while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
			s++;
			len--;
		}
		if (len > 3 && (s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y') &&
		    (s[2] == ' ' || s[2] == '\t' || s[2] == '\n' || s[2] == ':')) {
			s += 3;
			len -= 3;
		}
		rc = nr_article__set_meta(a, NR_META_BYLINE, s, len);
	}
	nr_buf__free(&b);
	return rc;
}

static int read_nitf(nr_article *a, xmlNode *root)
{
	int rc = NR_OK;
	xmlNode *head = nr_xml__child(root, "head");
	xmlNode *body = nr_xml__child(root, "body");
	xmlNode *bhead = nr_xml__child(body, "body.head");
	xmlNode *docdata = nr_xml__child(head, "docdata");

	/* Title: hl1 is the printed headline, head/title the index title. */
	xmlNode *hed = nr_xml__child(bhead, "hedline");
	rc = nr_xml__meta_text(a, NR_META_TITLE, nr_xml__child(hed, "hl1"));
	if (!rc && !nr_article__has_meta(a, NR_META_TITLE))
		rc = nr_xml__meta_text(a, NR_META_TITLE, nr_xml__child(head, "title"));

	if (!rc)
		rc = meta_attr(a, NR_META_ID, nr_xml__child(docdata, "doc-id"), "id-string");
	if (!rc)
		rc = set_norm_date(a, nr_xml__child(docdata, "date.issue"));
	if (!rc && !nr_article__has_meta(a, NR_META_PUBLISHED)) {
		xmlNode *dl = nr_xml__child(bhead, "dateline");
		xmlNode *sd = nr_xml__child(dl, "story.date");
		rc = set_norm_date(a, sd);
		if (!rc && !nr_article__has_meta(a, NR_META_PUBLISHED))
			rc = nr_xml__meta_text(a, NR_META_PUBLISHED, sd);
	}
	if (!rc) {
		xmlNode *by = nr_xml__child(bhead, "byline");
		if (by)
			rc = set_byline(a, by);
	}
	if (!rc)
		rc = meta_attr(a, NR_META_SOURCE, nr_xml__child(head, "pubdata"), "name");
	if (!rc && !nr_article__has_meta(a, NR_META_SOURCE))
		rc = meta_attr(a, NR_META_SOURCE, nr_xml__child(docdata, "doc.copyright"),
			       "holder");
	if (!rc) {
		xmlNode *pd = nr_xml__child(head, "pubdata");
		rc = meta_attr(a, NR_META_URL, pd, "ex-ref");
	}
	if (!rc) {
		xmlChar *lang = xmlNodeGetLang(body ? body : root);
		if (lang)
			rc = nr_article__set_meta(a, NR_META_LANGUAGE, (const char *)lang,
						  strlen((const char *)lang));
		xmlFree(lang);
	}

	/* The subtitle (hl2 under hedline) opens the text: it is the paper's
	 * own summary and rules should see it. */
	if (!rc && hed) {
		for (xmlNode *c = hed->children; c && !rc; c = c->next)
			if (nr_xml__is(c, "hl2"))
				rc = add_text_paragraph(a, c);
	}
	size_t before = a->nparagraphs;
	for (xmlNode *c = body ? body->children : NULL; c && !rc; c = c->next)
		if (nr_xml__is(c, "body.content"))
			rc = read_content(a, c);
	if (!rc && a->nparagraphs == before) {
		/* No body.content text: an abstract is better than nothing. */
		xmlNode *abs = nr_xml__child(bhead, "abstract");
		if (abs)
			rc = read_content(a, abs);
	}
	return rc;
}

int nr_reader_nitf__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	xmlDoc *doc;
	nr_buf err = NR_BUF_INIT;
	int rc = nr_xml__parse(&doc, data, len, &err);
	if (rc) {
		nr_read__fail(ctx, rc, "%s", err.data ? err.data : nr_strerror(rc));
		nr_buf__free(&err);
		return NR_OK;
	}
	nr_buf__free(&err);
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!nr_xml__is(root, "nitf")) {
		nr_read__fail(ctx, NR_EFORMAT, "not an NITF document: root element <%s>",
			      root && root->name ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return NR_OK;
	}
	nr_article *a;
	rc = nr_article__new(&a, NR_FORMAT_NITF);
	if (!rc)
		rc = read_nitf(a, root);
	xmlFreeDoc(doc);
	if (!rc && a->nparagraphs == 0) {
		nr_article_free(a);
		nr_read__fail(ctx, NR_EEMPTY, "NITF document has no body text");
		return NR_OK;
	}
	if (!rc)
		rc = nr_read__default_id(ctx, a, false);
	if (!rc)
		rc = nr_read__finish(a);
	if (rc) {
		nr_article_free(a);
		return rc;
	}
	nr_read__emit(ctx, a);
	return NR_OK;
}

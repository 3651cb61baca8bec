/*
 * feed.c - RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per
 * item or entry. A feed that does not parse is one error; inside a feed
 * that parses, an item without text is an error record of its own and
 * the other items are still read.
 */
#include "read/xml.h"

#include <string.h>

#include <libxml/uri.h>

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

typedef enum ns_kind { NS_K_PLAIN, NS_K_ATOM, NS_K_DC, NS_K_CONTENT, NS_K_OTHER } ns_kind;

/* RSS 2.0 elements have no namespace, RSS 1.0 ones the RSS 1.0 namespace;
 * both count as plain so Media RSS's media:title never passes for a title. */
static ns_kind kind_of(const xmlNode *n)
{
	const char *ns = nr_xml__ns(n);
	if (!*ns || !strcmp(ns, NS_RSS1) || !strcmp(ns, NS_RSS090))
		return NS_K_PLAIN;
	if (!strcmp(ns, NS_ATOM))
		return NS_K_ATOM;
	if (!strcmp(ns, NS_DC))
		return NS_K_DC;
	if (!strcmp(ns, NS_CONTENT))
		return NS_K_CONTENT;
	return NS_K_OTHER;
}

static xmlNode *find(const xmlNode *parent, ns_kind k, const char *local)
{
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (nr_xml__is(c, local) && kind_of(c) == k)
			return c;
	return NULL;
}

typedef struct feed {
	nr_reader_ctx *ctx;
	bool atom;
	xmlNode *channel; /* <channel> or <feed> */
	nr_buf title;     /* feed title: each article's source */
	nr_buf language;
	nr_buf author; /* Atom feed-level author, the default byline */
	size_t nitem;  /* 1-based number of the item being read */
} feed;

/* Replace the buffer's contents with the text of an element. */
static bool text_of(nr_buf *b, const xmlNode *n)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	return nr_xml__text(b, n, NULL);
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

static int set_date(nr_article *a, const xmlNode *n)
{
	if (!n)
		return NR_OK;
	nr_buf b = NR_BUF_INIT;
	int rc = nr_xml__text(&b, n, NULL) ? NR_OK : NR_ENOMEM;
	if (!rc && b.len) {
		char iso[40];
		if (nr_date__rfc822_to_iso(b.data, iso, sizeof(iso)))
			rc = nr_article__set_meta(a, NR_META_PUBLISHED, iso, strlen(iso));
		else
			rc = nr_article__set_meta(a, NR_META_PUBLISHED, b.data, b.len);
	}
	nr_buf__free(&b);
	return rc;
}

/* RSS <author> holds an e-mail address, often "jane@example.org (Jane Doe)":
 * keep the name when there is one. */
static int set_rss_author(nr_article *a, const xmlNode *n)
{
	nr_buf b = NR_BUF_INIT;
	int rc = nr_xml__text(&b, n, NULL) ? NR_OK : NR_ENOMEM;
	if (!rc && b.len) {
		const char *open = memchr(b.data, '(', b.len);
		const char *close = open ? memchr(open, ')', b.len - (size_t)(open - b.data))
					 : NULL;
		if (open && close && close > open + 1 &&
		    memchr(b.data, '@', (size_t)(open - b.data)))
			rc = nr_article__set_meta(a, NR_META_BYLINE, open + 1,
						  (size_t)(close - open - 1));
		else
			rc = nr_article__set_meta(a, NR_META_BYLINE, b.data, b.len);
	}
	nr_buf__free(&b);
	return rc;
}

/* Atom authors: <author><name>..</name></author>, several joined. */
static bool atom_authors(nr_buf *out, const xmlNode *parent)
{
	nr_buf name = NR_BUF_INIT;
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (!nr_xml__is(c, "author") || kind_of(c) == NS_K_OTHER)
			continue;
		xmlNode *nm = nr_xml__child(c, "name");
		if (!text_of(&name, nm ? nm : c))
			break;
		if (blank(name.data, name.len))
			continue;
		if (out->len)
			nr_buf__puts(out, ", ");
		nr_buf__put(out, name.data, name.len);
	}
	bool ok = !name.oom && !out->oom;
	nr_buf__free(&name);
	return ok;
}

/* Atom <link rel="alternate" href>, resolved against xml:base. */
static int set_atom_link(nr_article *a, xmlNode *entry)
{
	xmlNode *best = NULL;
	for (xmlNode *c = entry->children; c; c = c->next) {
		if (!nr_xml__is(c, "link") || kind_of(c) != NS_K_ATOM || !nr_xml__attr(c, "href"))
			continue;
		const char *rel = nr_xml__attr(c, "rel");
		if (!rel || !strcmp(rel, "alternate")) {
			const char *type = nr_xml__attr(c, "type");
			if (!best || !type || strstr(type, "html"))
				best = c;
			if (!type || strstr(type, "html"))
				break;
		}
	}
	if (!best)
		return NR_OK;
	const char *href = nr_xml__attr(best, "href");
	int rc = NR_OK;
	xmlChar *base = xmlNodeGetBase(best->doc, best);
	xmlChar *full = base ? xmlBuildURI((const xmlChar *)href, base) : NULL;
	const char *url = full ? (const char *)full : href;
	rc = nr_article__set_meta(a, NR_META_URL, url, strlen(url));
	xmlFree(full);
	xmlFree(base);
	return rc;
}

/* A body element's text, as HTML or plain text. Returns NR_OK also when
 * it added nothing. */
static int add_body(nr_article *a, const char *s, size_t len, bool html, nr_buf *err)
{
	if (blank(s, len))
		return NR_OK;
	if (html && nr_xml__looks_html(s, len))
		return nr_xml__html_body(a, s, len, err);
	return nr_text__extract(a, s, len, false);
}

/* Atom text constructs: type="text" (default), "html" or "xhtml". */
static int atom_body(nr_article *a, xmlNode *n, nr_buf *err)
{
	if (!n || nr_xml__attr(n, "src"))
		return NR_OK;
	const char *type = nr_xml__attr(n, "type");
	nr_buf b = NR_BUF_INIT;
	int rc = NR_OK;
	if (type && (!strcmp(type, "xhtml") || strstr(type, "xhtml+xml"))) {
		xmlNode *div = nr_xml__child(n, "div");
		if (!nr_xml__inner_markup(&b, div ? div : n))
			rc = NR_ENOMEM;
		if (!rc && b.len)
			rc = nr_xml__html_body(a, b.data, b.len, err);
	} else {
		bool html = type && (!strcmp(type, "html") || !strcmp(type, "text/html"));
		if (!nr_xml__text(&b, n, NULL))
			rc = NR_ENOMEM;
		else if (html)
			rc = add_body(a, b.data ? b.data : "", b.len, true, err);
		else if (!type || !strcmp(type, "text") || !strncmp(type, "text/", 5))
			rc = add_body(a, b.data ? b.data : "", b.len, false, err);
		/* Other media types (base64 images and the like) carry no text. */
	}
	nr_buf__free(&b);
	return rc;
}

/* Atom title: text, html (tags stripped) or xhtml. */
static int atom_title(nr_article *a, xmlNode *n)
{
	if (!n)
		return NR_OK;
	const char *type = nr_xml__attr(n, "type");
	if (!type || strcmp(type, "html") != 0)
		return nr_xml__meta_text(a, NR_META_TITLE, n);
	nr_buf raw = NR_BUF_INIT, text = NR_BUF_INIT;
	int rc = NR_OK;
	if (!nr_xml__text(&raw, n, NULL) ||
	    !nr_xml__html_inline(&text, raw.data ? raw.data : "", raw.len))
		rc = NR_ENOMEM;
	if (!rc && text.len)
		rc = nr_article__set_meta(a, NR_META_TITLE, text.data, text.len);
	nr_buf__free(&raw);
	nr_buf__free(&text);
	return rc;
}

static int read_atom_entry(feed *f, nr_article *a, xmlNode *e, nr_buf *err)
{
	int rc = atom_title(a, find(e, NS_K_ATOM, "title"));
	if (!rc)
		rc = nr_xml__meta_text(a, NR_META_ID, find(e, NS_K_ATOM, "id"));
	if (!rc)
		rc = set_atom_link(a, e);
	if (!rc)
		rc = set_date(a, find(e, NS_K_ATOM, "published"));
	if (!rc && !nr_article__has_meta(a, NR_META_PUBLISHED))
		rc = set_date(a, find(e, NS_K_ATOM, "updated"));
	if (!rc) {
		nr_buf by = NR_BUF_INIT;
		if (!atom_authors(&by, e))
			rc = NR_ENOMEM;
		else if (by.len)
			rc = nr_article__set_meta(a, NR_META_BYLINE, by.data, by.len);
		else if (f->author.len)
			rc = nr_article__set_meta(a, NR_META_BYLINE, f->author.data, f->author.len);
		nr_buf__free(&by);
	}
	if (!rc) {
		xmlNode *content = find(e, NS_K_ATOM, "content");
		rc = atom_body(a, content, err);
		if (!rc && a->nparagraphs == 0)
			rc = atom_body(a, find(e, NS_K_ATOM, "summary"), err);
		if (!rc && content && !nr_article__has_meta(a, NR_META_LANGUAGE)) {
			xmlChar *lang = xmlNodeGetLang(content);
			if (lang)
				rc = nr_article__set_meta(a, NR_META_LANGUAGE, (const char *)lang,
							  strlen((const char *)lang));
			xmlFree(lang);
		}
	}
	if (!rc && !nr_article__has_meta(a, NR_META_LANGUAGE)) {
		xmlChar *lang = xmlNodeGetLang(e);
		if (lang)
			rc = nr_article__set_meta(a, NR_META_LANGUAGE, (const char *)lang,
						  strlen((const char *)lang));
		xmlFree(lang);
	}
	return rc;
}

/* Link: <link>text</link>, else an atom:link, else a permalink guid; id:
 * the guid, else RSS 1.0's rdf:about. */
static int rss_link_and_id(nr_article *a, xmlNode *it)
{
	int rc = nr_xml__meta_text(a, NR_META_URL, find(it, NS_K_PLAIN, "link"));
	if (!rc && !nr_article__has_meta(a, NR_META_URL))
		rc = set_atom_link(a, it);
	xmlNode *guid = find(it, NS_K_PLAIN, "guid");
	if (!rc)
		rc = nr_xml__meta_text(a, NR_META_ID, guid);
	if (!rc && !nr_article__has_meta(a, NR_META_ID)) {
		const char *about = NULL;
		for (xmlAttr *at = it->properties; at; at = at->next)
			if (at->name && !strcmp((const char *)at->name, "about") && at->ns &&
			    at->ns->href && !strcmp((const char *)at->ns->href, NS_RDF))
				about = nr_xml__attr(it, "about");
		if (about)
			rc = nr_article__set_meta(a, NR_META_ID, about, strlen(about));
	}
	if (!rc && !nr_article__has_meta(a, NR_META_URL) && guid) {
		const char *perma = nr_xml__attr(guid, "isPermaLink");
		if ((!perma || strcmp(perma, "false") != 0) &&
		    (!strncmp(a->id, "http://", 7) || !strncmp(a->id, "https://", 8)))
			rc = nr_article__set_meta(a, NR_META_URL, a->id, strlen(a->id));
	}
	return rc;
}

/* dc:creator names a person (several are joined); RSS <author> is an
 * e-mail address, the fallback. */
static int rss_byline(nr_article *a, xmlNode *it)
{
	int rc = NR_OK;
	nr_buf by = NR_BUF_INIT;
	for (xmlNode *n = it->children; n && !rc; n = n->next) {
		if (!nr_xml__is(n, "creator") || kind_of(n) != NS_K_DC)
			continue;
		size_t mark = by.len;
		if (by.len)
			nr_buf__puts(&by, ", ");
		if (!nr_xml__text(&by, n, NULL))
			rc = NR_ENOMEM;
		else if (blank(by.data + mark, by.len - mark))
			by.len = mark;
	}
	if (!rc && by.oom)
		rc = NR_ENOMEM;
	if (!rc && by.len)
		rc = nr_article__set_meta(a, NR_META_BYLINE, by.data, by.len);
	nr_buf__free(&by);
	xmlNode *n;
	if (!rc && !nr_article__has_meta(a, NR_META_BYLINE) && (n = find(it, NS_K_PLAIN, "author")))
		rc = set_rss_author(a, n);
	return rc;
}

/* Body: content:encoded holds the full story, description a summary
 * or the story itself; both are HTML. */
static int rss_body(nr_article *a, xmlNode *it, nr_buf *err)
{
	int rc = NR_OK;
	xmlNode *n;
	nr_buf b = NR_BUF_INIT;
	if ((n = find(it, NS_K_CONTENT, "encoded"))) {
		rc = nr_xml__text(&b, n, NULL) ? NR_OK : NR_ENOMEM;
		if (!rc)
			rc = add_body(a, b.data ? b.data : "", b.len, true, err);
	}
	if (!rc && a->nparagraphs == 0 && (n = find(it, NS_K_PLAIN, "description"))) {
		rc = text_of(&b, n) ? NR_OK : NR_ENOMEM;
		if (!rc)
			rc = add_body(a, b.data ? b.data : "", b.len, true, err);
	}
	if (!rc && a->nparagraphs == 0 && (n = find(it, NS_K_DC, "description"))) {
		rc = text_of(&b, n) ? NR_OK : NR_ENOMEM;
		if (!rc)
			rc = add_body(a, b.data ? b.data : "", b.len, true, err);
	}
	nr_buf__free(&b);
	return rc;
}

static int read_rss_item(nr_article *a, xmlNode *it, nr_buf *err)
{
	int rc = nr_xml__meta_text(a, NR_META_TITLE, find(it, NS_K_PLAIN, "title"));
	if (!rc && !nr_article__has_meta(a, NR_META_TITLE))
		rc = nr_xml__meta_text(a, NR_META_TITLE, find(it, NS_K_DC, "title"));
	if (!rc)
		rc = rss_link_and_id(a, it);
	if (!rc)
		rc = set_date(a, find(it, NS_K_PLAIN, "pubDate"));
	if (!rc && !nr_article__has_meta(a, NR_META_PUBLISHED))
		rc = set_date(a, find(it, NS_K_DC, "date"));
	if (!rc && !nr_article__has_meta(a, NR_META_PUBLISHED))
		rc = set_date(a, find(it, NS_K_ATOM, "published"));
	if (!rc)
		rc = rss_byline(a, it);
	xmlNode *n;
	if (!rc && (n = find(it, NS_K_DC, "language")))
		rc = nr_xml__meta_text(a, NR_META_LANGUAGE, n);
	if (!rc)
		rc = rss_body(a, it, err);
	return rc;
}

#define NS_MEDIA "http://search.yahoo.com/mrss/"

/* Video and photo feeds (Media RSS) often carry their only text in
 * media:description, at item level or inside media:group/media:content. */
static int media_description(nr_article *a, xmlNode *it, nr_buf *err)
{
	for (int pass = 0; pass < 2; pass++) {
		for (xmlNode *c = it->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || strcmp(nr_xml__ns(c), NS_MEDIA) != 0)
				continue;
			xmlNode *d = NULL;
			if (pass == 0 && nr_xml__is(c, "description"))
				d = c;
			else if (pass == 1 && (nr_xml__is(c, "group") || nr_xml__is(c, "content")))
				d = nr_xml__child(c, "description");
			if (!d)
				continue;
			const char *type = nr_xml__attr(d, "type");
			nr_buf b = NR_BUF_INIT;
			int rc = nr_xml__text(&b, d, NULL) ? NR_OK : NR_ENOMEM;
			if (!rc)
				rc = add_body(a, b.data ? b.data : "", b.len,
					      type && !strcmp(type, "html"), err);
			nr_buf__free(&b);
			if (rc || a->nparagraphs)
				return rc;
		}
	}
	return NR_OK;
}

/* Returns false when reading should stop. */
static bool read_item(feed *f, xmlNode *it)
{
	nr_reader_ctx *ctx = f->ctx;
	nr_article *a;
	nr_buf err = NR_BUF_INIT;
	int rc = nr_article__new(&a, NR_FORMAT_FEED);
	if (rc)
		return nr_read__fail(ctx, rc, "item %zu: out of memory", f->nitem);
	rc = f->atom ? read_atom_entry(f, a, it, &err) : read_rss_item(a, it, &err);
	if (!rc && a->nparagraphs == 0)
		rc = media_description(a, it, &err);
	if (!rc && f->title.len && !nr_article__has_meta(a, NR_META_SOURCE))
		rc = nr_article__set_meta(a, NR_META_SOURCE, f->title.data, f->title.len);
	if (!rc && f->language.len && !nr_article__has_meta(a, NR_META_LANGUAGE))
		rc = nr_article__set_meta(a, NR_META_LANGUAGE, f->language.data, f->language.len);
	if (!rc && a->nparagraphs == 0) {
		nr_article_free(a);
		nr_buf__free(&err);
		return nr_read__fail(ctx, NR_EEMPTY, "item %zu: no text", f->nitem);
	}
	if (!rc)
		rc = nr_read__default_id(ctx, a, true);
	if (!rc)
		rc = nr_read__finish(a);
	if (rc) {
		nr_article_free(a);
		bool go = nr_read__fail(ctx, rc, "item %zu: %s", f->nitem,
					err.len ? err.data : nr_strerror(rc));
		nr_buf__free(&err);
		return go;
	}
	nr_buf__free(&err);
	return nr_read__emit(ctx, a);
}

static bool is_item(const feed *f, const xmlNode *n)
{
	if (f->atom)
		return nr_xml__is(n, "entry") && kind_of(n) != NS_K_OTHER;
	return nr_xml__is(n, "item") && kind_of(n) == NS_K_PLAIN;
}

/* Where the items are: an Atom <feed> holds its entries, RSS 2.0 its
 * <channel>, and RSS 1.0 and 0.90 put them beside the channel. Returns
 * the items' parent, or NULL for a document that is no feed. */
static xmlNode *find_items(feed *f, xmlNode *root)
{
	if (nr_xml__is(root, "feed")) {
		f->atom = true;
		return f->channel = root;
	}
	if (nr_xml__is(root, "rss"))
		return f->channel = nr_xml__child(root, "channel");
	if (nr_xml__is(root, "RDF")) {
		f->channel = nr_xml__child(root, "channel");
		return root;
	}
	return NULL;
}

/* The feed's title (each article's source), language and, for Atom, the
 * default author. False when out of memory. */
static bool read_channel(feed *f)
{
	bool ok = true;
	xmlNode *t = f->atom ? find(f->channel, NS_K_ATOM, "title")
			     : find(f->channel, NS_K_PLAIN, "title");
	if (t && f->atom) {
		const char *type = nr_xml__attr(t, "type");
		if (type && !strcmp(type, "html")) {
			nr_buf raw = NR_BUF_INIT;
			ok = nr_xml__text(&raw, t, NULL) &&
			     nr_xml__html_inline(&f->title, raw.data ? raw.data : "", raw.len);
			nr_buf__free(&raw);
			t = NULL;
		}
	}
	if (t)
		ok = ok && nr_xml__text(&f->title, t, NULL);
	xmlNode *lang = f->atom ? NULL : find(f->channel, NS_K_PLAIN, "language");
	if (!lang && !f->atom)
		lang = find(f->channel, NS_K_DC, "language");
	if (lang) {
		ok = ok && nr_xml__text(&f->language, lang, NULL);
	} else {
		xmlChar *xl = xmlNodeGetLang(f->channel);
		if (xl)
			nr_buf__puts(&f->language, (const char *)xl);
		xmlFree(xl);
	}
	if (f->atom)
		ok = ok && atom_authors(&f->author, f->channel);
	return ok && !f->title.oom && !f->language.oom && !f->author.oom;
}

/* Every item, in order, until the callback asks to stop. */
static void read_items(feed *f, xmlNode *root, xmlNode *items_parent)
{
	bool go = true;
	for (xmlNode *n = items_parent->children; n && go; n = n->next) {
		if (!is_item(f, n))
			continue;
		f->nitem++;
		go = read_item(f, n);
	}
	/* An RSS 0.91/2.0 feed may also carry items outside <channel>. */
	if (!f->atom && items_parent != root)
		for (xmlNode *n = root->children; n && go; n = n->next)
			if (is_item(f, n)) {
				f->nitem++;
				go = read_item(f, n);
			}
	if (f->nitem == 0)
		nr_read__fail(f->ctx, NR_EEMPTY, "the feed has no %s",
			      f->atom ? "entries" : "items");
}

int nr_reader_feed__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	xmlDoc *doc;
	nr_buf err = NR_BUF_INIT;
	int rc = nr_xml__parse(&doc, data, len, &err);
	if (rc) {
		if (rc == NR_ENOMEM && !err.len) {
			nr_buf__free(&err);
			return rc;
		}
		nr_read__fail(ctx, rc, "%s", err.data ? err.data : nr_strerror(rc));
		nr_buf__free(&err);
		return NR_OK;
	}
	nr_buf__free(&err);

	feed f = { ctx, false, NULL, NR_BUF_INIT, NR_BUF_INIT, NR_BUF_INIT, 0 };
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *items_parent = find_items(&f, root);
	if (!items_parent && nr_xml__is(root, "rss"))
		nr_read__fail(ctx, NR_EEMPTY, "RSS feed without a <channel>");
	else if (!items_parent)
		nr_read__fail(ctx, NR_EFORMAT, "not an RSS or Atom feed: root element <%s>",
			      root && root->name ? (const char *)root->name : "");
	else if (f.channel && !read_channel(&f))
		rc = NR_ENOMEM;
	else
		read_items(&f, root, items_parent);
	nr_buf__free(&f.title);
	nr_buf__free(&f.language);
	nr_buf__free(&f.author);
	xmlFreeDoc(doc);
	return rc;
}

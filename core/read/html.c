/* html.c - HTML pages: encoding, a safe libxml2 parse, metadata
 * (Open Graph, meta tags, JSON-LD, <time>, <title>) and the glue around
 * the body extractor (html_elems.c, html_body.c, html_clean.c).
 *
 * libxml2 is a guest here as much as we are a guest in our caller: one
 * parser context per page, no global setters, no network, no DTDs, no
 * entity expansion, errors collected silently. Bytes are converted to
 * UTF-8 before libxml2 sees them, so its own encoding code (which reports
 * conversion failures on stderr) never runs. */
#include "read/html.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parserInternals.h>

/* ------------------------------------------------------------------ */
/* Encoding */

/*
 * The charset a page declares in a <meta> near its top (either form:
 * charset="x" or content="text/html; charset=x"). Writes a lowercase
 * name into `name` and returns true when one is found.
 */
static bool sniff_charset(const char *s, size_t len, char *name, size_t cap)
{
	if (len > 65536)
		len = 65536;
	for (size_t i = 0; i + 5 < len; i++) {
		if (s[i] != '<' || !nr_ascii__prefix_ci(s + i + 1, len - i - 1, "meta"))
			continue;
		size_t end = i + 5;
		while (end < len && s[end] != '>')
			end++;
		for (size_t j = i + 5; j + 7 <= end; j++) {
			if (!nr_ascii__prefix_ci(s + j, end - j, "charset"))
				continue;
			size_t k = j + 7;
			while (k < end &&
			       (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
				k++;
			if (k >= end || s[k] != '=')
				continue;
			k++;
			while (k < end && (s[k] == ' ' || s[k] == '"' || s[k] == '\''))
				k++;
			size_t n = 0;
			while (k < end && n + 1 < cap &&
			       (isalnum((unsigned char)s[k]) || strchr("-_.:", s[k])))
				name[n++] = (char)tolower((unsigned char)s[k++]);
			name[n] = '\0';
			if (n)
				return true;
		}
		i = end;
	}
	return false;
}

static bool is_single_byte_western(const char *cs)
{
	static const char *const names[] = {
		"iso-8859-1",   "iso8859-1",  "latin1",     "latin-1",        "l1",
		"windows-1252", "cp1252",     "x-cp1252",   "us-ascii",       "ascii",
		"iso-8859-15",  "iso8859-15", "iso_8859-1", "ansi_x3.4-1968",
	};
	for (size_t i = 0; i < NR_ARRAY_LEN(names); i++)
		if (!strcmp(cs, names[i]))
			return true;
	return false;
}

static bool has_high_bytes(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/*
 * Turn the page into valid UTF-8. A BOM decides; bytes that are valid
 * UTF-8 and hold non-ASCII text are UTF-8 whatever the page declares
 * (pages saved by browsers keep their old <meta>, and such byte patterns
 * do not happen by chance); otherwise the declaration; undeclared bytes
 * that are not UTF-8 are windows-1252.
 */
static void page_to_utf8(nr_buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		nr_utf8__convert(out, s, len, NR_ENC_UTF8);
		return;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		nr_utf8__convert(out, s, len, u[0] == 0xFF ? NR_ENC_UTF16LE : NR_ENC_UTF16BE);
		return;
	}
	bool high = has_high_bytes(s, len);
	if (!high || nr_utf8__valid(s, len)) {
		nr_utf8__convert(out, s, len, NR_ENC_UTF8);
		return;
	}
	char cs[64];
	if (sniff_charset(s, len, cs, sizeof(cs))) {
		if (!strcmp(cs, "utf-8") || !strcmp(cs, "utf8") || !strncmp(cs, "utf-16", 6)) {
			nr_utf8__convert(out, s, len, NR_ENC_UTF8);
			return;
		}
		if (is_single_byte_western(cs)) {
			nr_utf8__convert(out, s, len, NR_ENC_LATIN1);
			return;
		}
		size_t before = out->len;
		if (nr_utf8__from_charset(out, s, len, cs))
			return;
		out->len = before;
	}
	nr_utf8__convert(out, s, len, NR_ENC_LATIN1);
}

/*
 * libxml2's HTML parser knows no internal DTD subset: "<!DOCTYPE x [
 * <!ENTITY ...> ]>" ends at the first '>' and the declarations leak out
 * as text. Browsers skip them; blank them out the same way (nothing is
 * ever expanded either way).
 */
static void blank_internal_subset(char *s, size_t len)
{
	size_t i = 0;
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if (!nr_ascii__prefix_ci(s + i, len - i, "<!doctype"))
		return;
	size_t j = i + 9;
	while (j < len && s[j] != '>' && s[j] != '[')
		j++;
	if (j >= len || s[j] != '[')
		return;
	for (size_t k = j + 1; k + 1 < len; k++) {
		if (s[k] == ']' && s[k + 1] == '>') {
			memset(s + j, ' ', k + 1 - j);
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Tree helpers */

xmlNode *nr_html__next(const xmlNode *root, const xmlNode *node, bool skip_children)
{
	if (!skip_children && node->children && node->type == XML_ELEMENT_NODE)
		return node->children;
	while (node && node != root) {
		if (node->next)
			return node->next;
		node = node->parent;
	}
	return NULL;
}

static bool is_invisible_element(const xmlNode *n)
{
	const char *name = (const char *)n->name;
	return !strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "noscript") ||
	       !strcmp(name, "template") || !strcmp(name, "head") || !strcmp(name, "svg");
}

void nr_html__text(nr_buf *out, const xmlNode *node)
{
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
		if (node->content)
			nr_buf__puts(out, (const char *)node->content);
		return;
	}
	for (const xmlNode *n = node->children; n;) {
		bool skip = false;
		if (n->type == XML_ELEMENT_NODE) {
			skip = is_invisible_element(n);
			if (!skip && !strcmp((const char *)n->name, "br"))
				nr_buf__putc(out, ' ');
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
			   n->content) {
			nr_buf__puts(out, (const char *)n->content);
		}
		n = nr_html__next(node, n, skip);
	}
}

const char *nr_html__attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			const xmlNode *c = a->children;
			if (c && c->type == XML_TEXT_NODE && c->content)
				return (const char *)c->content;
			return "";
		}
	}
	return NULL;
}

/* Is `word` one of the space-separated tokens of `list` (ASCII case
 * folded)? */
static bool has_token(const char *list, const char *word)
{
	if (!list)
		return false;
	size_t n = strlen(word);
	const char *p = list;
	while (*p) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *q = p;
		while (*q && !isspace((unsigned char)*q))
			q++;
		if ((size_t)(q - p) == n && !strncasecmp(p, word, n))
			return true;
		p = q;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Metadata */

enum { M_TITLE, M_BYLINE, M_PUBLISHED, M_URL, M_SITE, M_LANG, M_HEADLINE, M_BODY, M_COUNT };

/* Candidates for each field, by source priority: lower rank wins. */
typedef struct meta_slot {
	nr_buf val;
	int rank; /* INT_MAX when unset */
} meta_slot;

typedef struct page_meta {
	meta_slot f[M_COUNT];
	nr_buf doc_title; /* <title> */
} page_meta;

static void offer(page_meta *m, int field, int rank, const char *s, size_t len)
{
	meta_slot *slot = &m->f[field];
	if (rank >= slot->rank || !s)
		return;
	nr_buf tmp = NR_BUF_INIT;
	nr_text__clean_append(&tmp, s, len);
	/* "By Jane Roe" is a byline; the "By" is layout. */
	if (field == M_BYLINE && tmp.len > 3 && !strncasecmp(tmp.data, "by ", 3)) {
		memmove(tmp.data, tmp.data + 3, tmp.len - 3);
		tmp.len -= 3;
		tmp.data[tmp.len] = '\0';
	}
	/* Placeholder dates from content systems ("0001-01-01T00:00:00Z"). */
	if (field == M_PUBLISHED && tmp.len >= 4 && !strncmp(tmp.data, "000", 3))
		tmp.len = 0;
	if (tmp.len == 0 || tmp.oom) {
		nr_buf__free(&tmp);
		return;
	}
	nr_buf__free(&slot->val);
	slot->val = tmp;
	slot->rank = rank;
}

static void offer_str(page_meta *m, int field, int rank, const char *s)
{
	if (s)
		offer(m, field, rank, s, strlen(s));
}

static bool looks_like_url(const char *s)
{
	return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8) ||
		     !strncmp(s, "//", 2) || !strncmp(s, "/", 1));
}

/* Byline text from an element: folded, with a leading "By" removed. */
static void offer_byline_text(page_meta *m, int rank, const xmlNode *n)
{
	if (rank >= m->f[M_BYLINE].rank)
		return;
	nr_buf t = NR_BUF_INIT;
	nr_html__text(&t, n);
	nr_buf c = NR_BUF_INIT;
	nr_text__clean_append(&c, t.data ? t.data : "", t.len);
	const char *s = c.data ? c.data : "";
	size_t len = c.len;
	if (len >= 3 && !strncasecmp(s, "by ", 3)) {
		s += 3;
		len -= 3;
	}
	/* A byline is a few names, not a paragraph. */
	if (len > 0 && len <= 100)
		offer(m, M_BYLINE, rank, s, len);
	nr_buf__free(&t);
	nr_buf__free(&c);
}

/* ---- JSON-LD ---- */

static bool type_is_article(json_t *type)
{
	static const char *const types[] = {
		"NewsArticle",
		"Article",
		"ReportageNewsArticle",
		"BlogPosting",
		"AnalysisNewsArticle",
		"OpinionNewsArticle",
		"ReviewNewsArticle",
		"BackgroundNewsArticle",
		"LiveBlogPosting",
		"SocialMediaPosting",
		"TechArticle",
		"ScholarlyArticle",
		"Report",
	};
	if (json_is_array(type)) {
		size_t i;
		json_t *v;
		json_array_foreach(type, i, v) if (type_is_article(v)) return true;
		return false;
	}
	const char *t = json_string_value(type);
	if (!t)
		return false;
	const char *colon = strrchr(t, '/');
	if (colon)
		t = colon + 1;
	for (size_t i = 0; i < NR_ARRAY_LEN(types); i++)
		if (!strcmp(t, types[i]))
			return true;
	return false;
}

static void ld_authors(nr_buf *out, json_t *author, int depth)
{
	if (depth > 3 || !author)
		return;
	if (json_is_array(author)) {
		size_t i;
		json_t *v;
		json_array_foreach(author, i, v) ld_authors(out, v, depth + 1);
		return;
	}
	const char *name = json_is_string(author)
			       ? json_string_value(author)
			       : json_string_value(json_object_get(author, "name"));
	if (!name || !*name || looks_like_url(name))
		return;
	if (out->len)
		nr_buf__puts(out, ", ");
	nr_buf__puts(out, name);
}

static void ld_article(page_meta *m, json_t *o)
{
	offer_str(m, M_HEADLINE, 0, json_string_value(json_object_get(o, "headline")));
	offer_str(m, M_PUBLISHED, 1, json_string_value(json_object_get(o, "datePublished")));
	nr_buf au = NR_BUF_INIT;
	ld_authors(&au, json_object_get(o, "author"), 0);
	if (au.len)
		offer(m, M_BYLINE, 0, au.data, au.len);
	nr_buf__free(&au);
	const char *body = json_string_value(json_object_get(o, "articleBody"));
	if (body && (!m->f[M_BODY].val.len || strlen(body) > m->f[M_BODY].val.len)) {
		/* Keep line structure: the body becomes paragraphs later. */
		nr_buf__free(&m->f[M_BODY].val);
		nr_buf__puts(&m->f[M_BODY].val, body);
		m->f[M_BODY].rank = 0;
	}
}

/* Walk a JSON-LD value looking for article objects; bounded depth. */
static void ld_walk(page_meta *m, json_t *v, int depth)
{
	if (depth > 6 || !v)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) ld_walk(m, e, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (type_is_article(json_object_get(v, "@type")))
		ld_article(m, v);
	ld_walk(m, json_object_get(v, "@graph"), depth + 1);
	ld_walk(m, json_object_get(v, "mainEntity"), depth + 1);
}

static void ld_script(page_meta *m, const xmlNode *script)
{
	nr_buf t = NR_BUF_INIT;
	for (const xmlNode *c = script->children; c; c = c->next)
		if (c->content)
			nr_buf__puts(&t, (const char *)c->content);
	if (!t.len || t.oom) {
		nr_buf__free(&t);
		return;
	}
	/* Tolerate comment or CDATA wrappers around the object. */
	const char *s = t.data, *e = t.data + t.len;
	while (s < e && *s != '{' && *s != '[')
		s++;
	while (e > s && e[-1] != '}' && e[-1] != ']')
		e--;
	if (e > s) {
		json_error_t jerr;
		json_t *root = json_loadb(s, (size_t)(e - s), JSON_DECODE_ANY, &jerr);
		if (root) {
			ld_walk(m, root, 0);
			json_decref(root);
		}
	}
	nr_buf__free(&t);
}

/* ---- tags ---- */

static const char *meta_key(const xmlNode *n)
{
	const char *k = nr_html__attr(n, "property");
	if (!k || !*k)
		k = nr_html__attr(n, "name");
	if (!k || !*k)
		k = nr_html__attr(n, "itemprop");
	return k;
}

static void meta_tag(page_meta *m, const xmlNode *n)
{
	const char *k = meta_key(n);
	const char *v = nr_html__attr(n, "content");
	if (!k || !v)
		return;
	if (!strcasecmp(k, "og:title"))
		offer_str(m, M_TITLE, 0, v);
	else if (!strcasecmp(k, "twitter:title"))
		offer_str(m, M_TITLE, 1, v);
	else if (!strcasecmp(k, "og:site_name"))
		offer_str(m, M_SITE, 0, v);
	else if (!strcasecmp(k, "og:url"))
		offer_str(m, M_URL, 0, v);
	else if (!strcasecmp(k, "og:locale") && strlen(v) < 16)
		offer_str(m, M_LANG, 2, v);
	else if (!strcasecmp(k, "article:published_time"))
		offer_str(m, M_PUBLISHED, 0, v);
	else if (!strcasecmp(k, "date") || !strcasecmp(k, "pubdate") ||
		 !strcasecmp(k, "publishdate") || !strcasecmp(k, "publish-date") ||
		 !strcasecmp(k, "publish_date") || !strcasecmp(k, "dc.date") ||
		 !strcasecmp(k, "dc.date.issued") || !strcasecmp(k, "dcterms.created") ||
		 !strcasecmp(k, "dcterms.date") || !strcasecmp(k, "datepublished") ||
		 !strcasecmp(k, "article.published") || !strcasecmp(k, "og:published_time") ||
		 !strcasecmp(k, "sailthru.date") || !strcasecmp(k, "parsely-pub-date"))
		offer_str(m, M_PUBLISHED, 2, v);
	else if (!strcasecmp(k, "author") || !strcasecmp(k, "dc.creator") ||
		 !strcasecmp(k, "sailthru.author") || !strcasecmp(k, "parsely-author")) {
		if (!looks_like_url(v))
			offer_str(m, M_BYLINE, 1, v);
	} else if (!strcasecmp(k, "article:author")) {
		if (!looks_like_url(v))
			offer_str(m, M_BYLINE, 2, v);
	}
	const char *he = nr_html__attr(n, "http-equiv");
	if (he && !strcasecmp(he, "content-language") && strlen(v) < 16)
		offer_str(m, M_LANG, 1, v);
}

static bool class_has(const xmlNode *n, const char *word)
{
	return has_token(nr_html__attr(n, "class"), word);
}

static void collect_meta(page_meta *m, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root)
		return;
	const char *lang = nr_html__attr(root, "lang");
	if (!lang)
		lang = nr_html__attr(root, "xml:lang");
	if (lang && strlen(lang) < 16)
		offer_str(m, M_LANG, 0, lang);
	bool first_time = true;
	for (xmlNode *n = root; n;) {
		bool skip = false;
		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			if (!strcmp(name, "meta")) {
				meta_tag(m, n);
			} else if (!strcmp(name, "title")) {
				if (!m->doc_title.len &&
				    !(n->parent && n->parent->type == XML_ELEMENT_NODE &&
				      !strcmp((const char *)n->parent->name, "svg")))
					nr_html__text(&m->doc_title, n);
				skip = true;
			} else if (!strcmp(name, "link")) {
				const char *rel = nr_html__attr(n, "rel");
				if (has_token(rel, "canonical"))
					offer_str(m, M_URL, 1, nr_html__attr(n, "href"));
			} else if (!strcmp(name, "script")) {
				const char *type = nr_html__attr(n, "type");
				if (type && !strcasecmp(type, "application/ld+json"))
					ld_script(m, n);
				skip = true;
			} else if (!strcmp(name, "style") || !strcmp(name, "svg")) {
				skip = true;
			} else if (!strcmp(name, "time")) {
				const char *dt = nr_html__attr(n, "datetime");
				if (dt && first_time) {
					offer_str(m, M_PUBLISHED, 4, dt);
					first_time = false;
				}
			} else {
				const char *rel = nr_html__attr(n, "rel");
				const char *ip = nr_html__attr(n, "itemprop");
				if (!strcmp(name, "a") && has_token(rel, "author"))
					offer_byline_text(m, 3, n);
				else if (ip && has_token(ip, "author"))
					offer_byline_text(m, 4, n), skip = true;
				else if (ip && has_token(ip, "datePublished")) {
					const char *dt = nr_html__attr(n, "datetime");
					if (!dt)
						dt = nr_html__attr(n, "content");
					offer_str(m, M_PUBLISHED, 3, dt);
				} else if (class_has(n, "byline") || class_has(n, "author") ||
					   class_has(n, "byline-author"))
					offer_byline_text(m, 5, n), skip = true;
			}
		}
		n = nr_html__next(root, n, skip);
	}
}

/* ---- title ---- */

static bool ci_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && !strncasecmp(a, b, alen);
}

/*
 * Strip the site name from a page title: " | Site", " - Site",
 * " — Site" at the end (or "Site | " at the start). With a known site
 * name only that is removed; without one, a short last segment after
 * the last separator is taken to be the site.
 */
static void strip_site(const char *t, size_t len, const char *site, size_t *out_start,
		       size_t *out_len)
{
	static const char *const seps[] = {
		" | ",  " - ",        " \xE2\x80\x94 ", " \xE2\x80\x93 ",
		" :: ", " \xC2\xBB ", " // ",           " \xC2\xB7 "
	};
	size_t site_len = site ? strlen(site) : 0;
	*out_start = 0;
	*out_len = len;
	size_t best = SIZE_MAX, best_n = 0;
	for (size_t k = 0; k < NR_ARRAY_LEN(seps); k++) {
		size_t n = strlen(seps[k]);
		for (size_t i = len; i-- > 0;) {
			if (i + n <= len && !memcmp(t + i, seps[k], n)) {
				if (best == SIZE_MAX || i > best) {
					best = i;
					best_n = n;
				}
				break;
			}
		}
	}
	if (site_len) {
		for (size_t k = 0; k < NR_ARRAY_LEN(seps); k++) {
			size_t n = strlen(seps[k]);
			if (len > site_len + n &&
			    ci_eq(t + len - site_len, site_len, site, site_len) &&
			    !memcmp(t + len - site_len - n, seps[k], n)) {
				*out_len = len - site_len - n;
				return;
			}
			if (len > site_len + n && ci_eq(t, site_len, site, site_len) &&
			    !memcmp(t + site_len, seps[k], n)) {
				*out_start = site_len + n;
				*out_len = len - site_len - n;
				return;
			}
		}
	}
	if (best == SIZE_MAX)
		return;
	size_t tail = len - best - best_n;
	if (nr_text__count_words(t + best + best_n, tail) <= 4 &&
	    nr_text__count_words(t, best) >= 3)
		*out_len = best;
}

static void choose_title(const page_meta *m, const nr_html_body *body, nr_buf *out)
{
	const char *site = m->f[M_SITE].val.len ? m->f[M_SITE].val.data : NULL;
	const meta_slot *og = &m->f[M_TITLE];
	const char *src = NULL;
	size_t len = 0;
	if (og->val.len) {
		src = og->val.data;
		len = og->val.len;
	} else if (m->f[M_HEADLINE].val.len) {
		src = m->f[M_HEADLINE].val.data;
		len = m->f[M_HEADLINE].val.len;
	} else if (body && body->h1.len) {
		src = body->h1.data;
		len = body->h1.len;
	} else if (m->doc_title.len) {
		nr_buf c = NR_BUF_INIT;
		nr_text__clean_append(&c, m->doc_title.data, m->doc_title.len);
		size_t s0, l0;
		strip_site(c.data ? c.data : "", c.len, site, &s0, &l0);
		nr_buf__put(out, c.data ? c.data + s0 : "", l0);
		nr_buf__free(&c);
		return;
	}
	if (!src)
		return;
	/* Open Graph titles sometimes carry the site name too. */
	size_t s0 = 0, l0 = len;
	if (site)
		strip_site(src, len, site, &s0, &l0);
	if (s0 == 0 && l0 == len) {
		/* Without a known site: strip only when the rest equals the <h1>. */
		size_t s1, l1;
		strip_site(src, len, NULL, &s1, &l1);
		if (body && body->h1.len && ci_eq(src + s1, l1, body->h1.data, body->h1.len))
			s0 = s1, l0 = l1;
	}
	nr_buf__put(out, src + s0, l0);
}

/* ------------------------------------------------------------------ */
/* Parse and extract */

static bool has_markup(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '!' ||
				    s[i + 1] == '/' || s[i + 1] == '?'))
			return true;
	return false;
}

static void add_body_text(nr_article *a, const char *s, size_t len)
{
	/* JSON-LD bodies: one paragraph per non-empty line. */
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '\n')
			j++;
		nr_article__add_paragraph(a, s + i, j - i);
		i = j + 1;
	}
}

static size_t visible_len(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] > ' ')
			n++;
	return n;
}

/* The page as UTF-8 the parser can take: converted, internal DTD subset
 * blanked, and small enough for libxml2's int lengths. */
static int page_bytes(nr_buf *utf8, const char *html, size_t len, nr_buf *err)
{
	page_to_utf8(utf8, html, len);
	if (utf8->oom) {
		nr_buf__puts(err, "out of memory converting the page to UTF-8");
		return NR_ENOMEM;
	}
	if (utf8->data)
		blank_internal_subset(utf8->data, utf8->len);
	if (utf8->len > INT_MAX) {
		nr_buf__puts(err, "page too large for the HTML parser");
		return NR_ETOOBIG;
	}
	return NR_OK;
}

/* Parse a page (or, with `fragment`, a snippet) into a tree with at least
 * a root element. *too_deep tells that the parser stopped at its depth
 * limit, so that a page without text can say why. */
static int parse_page(xmlDoc **out, bool *too_deep, const char *html, size_t len, bool fragment,
		      nr_buf *err)
{
	*out = NULL;
	*too_deep = false;
	if (!fragment && !has_markup(html, len)) {
		nr_buf__puts(err, "not an HTML document (no markup found)");
		return NR_EPARSE;
	}
	nr_buf utf8 = NR_BUF_INIT;
	int rc = page_bytes(&utf8, html, len, err);
	if (rc) {
		nr_buf__free(&utf8);
		return rc;
	}
	nr_xml__init();
	htmlParserCtxtPtr pctx = htmlNewParserCtxt();
	if (!pctx) {
		nr_buf__free(&utf8);
		nr_buf__puts(err, "out of memory creating the HTML parser");
		return NR_ENOMEM;
	}
	/* NOERROR/NOWARNING clear the context's handlers; libxml2 then drops
	 * parser errors instead of printing them (unless the host installed
	 * a structured handler of its own). The bytes are UTF-8 already, so
	 * a <meta charset> must not switch decoders mid-parse. */
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		   HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
	htmlDocPtr doc = htmlCtxtReadMemory(pctx, utf8.data ? utf8.data : "", (int)utf8.len, NULL,
					    "UTF-8", opts);
	*too_deep = pctx->errNo == XML_ERR_INTERNAL_ERROR;
	htmlFreeParserCtxt(pctx);
	nr_buf__free(&utf8);
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		nr_buf__puts(err, fragment ? "no text in the HTML fragment"
					   : "not an HTML document (no elements)");
		return fragment ? NR_EEMPTY : NR_EPARSE;
	}
	*out = doc;
	return NR_OK;
}

static void page_meta_init(page_meta *m)
{
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < M_COUNT; i++)
		m->f[i].rank = INT_MAX;
}

static void page_meta_free(page_meta *m)
{
	for (int i = 0; i < M_COUNT; i++)
		nr_buf__free(&m->f[i].val);
	nr_buf__free(&m->doc_title);
}

/* The paragraphs the body extractor found, or the page's own structured
 * body (JSON-LD articleBody) when the DOM gives much less. */
static int add_page_body(nr_article *a, const page_meta *m, const nr_html_body *body, nr_buf *err)
{
	size_t dom_len = visible_len(body->paras.data ? body->paras.data : "", body->paras.len);
	const nr_buf *ld = &m->f[M_BODY].val;
	if (ld->len && visible_len(ld->data, ld->len) > 3 * dom_len + 200) {
		add_body_text(a, ld->data, ld->len);
	} else {
		const char *p = body->paras.data;
		for (size_t i = 0; i < body->count; i++) {
			size_t n = strlen(p);
			int rc = nr_article__add_paragraph(a, p, n);
			if (rc)
				return rc;
			p += n + 1;
		}
	}
	if (a->body.oom) {
		nr_buf__puts(err, "out of memory building the article");
		return NR_ENOMEM;
	}
	return NR_OK;
}

/* Why a page gave no paragraphs. */
static int no_text(nr_buf *err, bool fragment, bool too_deep)
{
	if (too_deep) {
		nr_buf__printf(err,
			       "markup nested deeper than %u levels; no article text before that "
			       "point",
			       xmlParserMaxDepth);
		return NR_ENESTING;
	}
	nr_buf__puts(err, fragment ? "no text in the HTML fragment"
				   : "no article text found in the page");
	return NR_EEMPTY;
}

/* Title (now with the <h1> the body extractor found), byline, date, url,
 * site and language, each where the article has none yet. */
static int set_page_fields(nr_article *a, const page_meta *m, const nr_html_body *body,
			   nr_buf *title, nr_buf *err)
{
	nr_buf__free(title);
	choose_title(m, body, title);
	struct {
		nr_meta field;
		const nr_buf *val;
	} sets[] = {
		{ NR_META_TITLE, title },
		{ NR_META_BYLINE, &m->f[M_BYLINE].val },
		{ NR_META_PUBLISHED, &m->f[M_PUBLISHED].val },
		{ NR_META_URL, &m->f[M_URL].val },
		{ NR_META_SOURCE, &m->f[M_SITE].val },
		{ NR_META_LANGUAGE, &m->f[M_LANG].val },
	};
	int rc = NR_OK;
	for (size_t i = 0; i < NR_ARRAY_LEN(sets) && !rc; i++)
		if (sets[i].val->len && !nr_article__has_meta(a, sets[i].field))
			rc = nr_article__set_meta(a, sets[i].field, sets[i].val->data,
						  sets[i].val->len);
	if (rc)
		nr_buf__puts(err, "out of memory setting metadata");
	return rc;
}

int nr_html__extract(nr_article *a, const char *html, size_t len, bool fragment, nr_buf *err)
{
	xmlDoc *doc;
	bool too_deep;
	int rc = parse_page(&doc, &too_deep, html, len, fragment, err);
	if (rc)
		return rc;
	page_meta m;
	page_meta_init(&m);
	if (!fragment)
		collect_meta(&m, doc);
	/* A first title, before the body is known, so the extractor can drop
	 * the headline where the page repeats it. */
	nr_buf title = NR_BUF_INIT;
	choose_title(&m, NULL, &title);
	nr_html_hints hints = { title.data ? title.data : "",
				m.f[M_BYLINE].val.len ? m.f[M_BYLINE].val.data : "" };
	nr_html_body body;
	memset(&body, 0, sizeof(body));
	rc = nr_html__body(&body, doc, fragment, &hints);
	if (rc)
		nr_buf__puts(err, "out of memory extracting the article body");
	else
		rc = add_page_body(a, &m, &body, err);
	if (!rc && a->nparagraphs == 0)
		rc = no_text(err, fragment, too_deep);
	if (!rc && !fragment)
		rc = set_page_fields(a, &m, &body, &title, err);
	nr_buf__free(&title);
	nr_html__body_free(&body);
	page_meta_free(&m);
	xmlFreeDoc(doc);
	return rc;
}

int nr_reader_html__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	nr_article *a;
	int rc = nr_article__new(&a, NR_FORMAT_HTML);
	if (rc)
		return rc;
	nr_buf err = NR_BUF_INIT;
	rc = nr_html__extract(a, data, len, false, &err);
	if (!rc)
		rc = nr_read__default_id(ctx, a, false);
	if (!rc)
		rc = nr_read__finish(a);
	if (rc) {
		nr_read__fail(ctx, rc, "%s", err.len ? err.data : nr_strerror(rc));
		nr_buf__free(&err);
		nr_article_free(a);
		return NR_OK;
	}
	nr_buf__free(&err);
	nr_read__emit(ctx, a);
	return NR_OK;
}

/*
 * xml.c - safe libxml2 parsing and tree helpers for the XML readers, and
 * the plain tag stripper their HTML snippets fall back on.
 *
 * libxml2 is a guest here: every setting lives on a parser context, never in
 * the library's process-wide globals, and nothing is ever printed.
 */
#include "read/xml.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#if LIBXML_VERSION >= 21200
#define NR_XML_ERROR_CONST const
#else
#define NR_XML_ERROR_CONST
#endif

/* The first error the parser reports; later ones are usually echoes. */
typedef struct xml_errstate {
	bool have;
	int code;
	int line;
	char msg[240];
} xml_errstate;

/* libxml2 messages may span lines (with a context excerpt); keep the
 * first line so that every reason is one line. */
static void set_msg(xml_errstate *st, const char *m)
{
	snprintf(st->msg, sizeof(st->msg), "%s", m ? m : "unknown error");
	char *nl = strchr(st->msg, '\n');
	if (nl)
		*nl = '\0';
	size_t n = strlen(st->msg);
	while (n && (st->msg[n - 1] == ' ' || st->msg[n - 1] == '\r'))
		st->msg[--n] = '\0';
}

static void on_error(void *data, NR_XML_ERROR_CONST xmlError *e)
{
	xmlParserCtxtPtr ctxt = data;
	xml_errstate *st = ctxt ? ctxt->_private : NULL;
	if (!st || !e || st->have || e->level < XML_ERR_ERROR)
		return;
	st->have = true;
	st->code = e->code;
	st->line = e->line;
	set_msg(st, e->message);
}

/* External entities are never resolved; the options already keep the
 * parser from asking, this makes the SAX route refuse as well. */
static xmlParserInputPtr deny_entity(void *ctx, const xmlChar *pub, const xmlChar *sys)
{
	NR_UNUSED(ctx);
	NR_UNUSED(pub);
	NR_UNUSED(sys);
	return NULL;
}

static void deny_subset(void *ctx, const xmlChar *name, const xmlChar *pub, const xmlChar *sys)
{
	NR_UNUSED(ctx);
	NR_UNUSED(name);
	NR_UNUSED(pub);
	NR_UNUSED(sys);
}

/* The encoding named in the XML declaration, copied into `out`, or "". */
static void declared_encoding(const char *data, size_t len, char *out, size_t outlen)
{
	out[0] = '\0';
	if (len < 5 || memcmp(data, "<?xml", 5) != 0)
		return;
	size_t end = 5;
	while (end < len && end < 512 && data[end] != '>')
		end++;
	for (size_t i = 5; i + 8 < end; i++) {
		if (memcmp(data + i, "encoding", 8) != 0)
			continue;
		size_t j = i + 8;
		while (j < end && (data[j] == ' ' || data[j] == '=' || data[j] == '\t' ||
				   data[j] == '\r' || data[j] == '\n'))
			j++;
		if (j < end && (data[j] == '"' || data[j] == '\''))
			j++;
		size_t k = 0;
		while (j < end && k + 1 < outlen &&
		       (isalnum((unsigned char)data[j]) || strchr("-_.:", data[j])))
			out[k++] = (char)tolower((unsigned char)data[j++]);
		out[k] = '\0';
		return;
	}
}

/*
 * Hand libxml2 nothing but UTF-8. Its own converters report bad bytes
 * through the process-wide error handler (printing to stderr), and it
 * rejects the undeclared windows-1252 news sites still send; so the
 * declared or guessed encoding is converted here and the parser is told
 * the input is UTF-8. Sets *use to the bytes to parse.
 */
static void document_to_utf8(nr_buf *conv, const char *data, size_t len, const char **use,
			     size_t *uselen)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	*use = data;
	*uselen = len;
	char enc[48];
	declared_encoding(data, len, enc, sizeof(enc));
	if (!strcmp(enc, "iso-8859-1") || !strcmp(enc, "latin1") || !strcmp(enc, "latin-1") ||
	    !strcmp(enc, "windows-1252") || !strcmp(enc, "cp1252") || !strcmp(enc, "iso_8859-1")) {
		/* What these sites send is windows-1252, as browsers assume. */
		nr_utf8__convert(conv, data, len, NR_ENC_LATIN1);
	} else if (enc[0] && strcmp(enc, "utf-8") && strcmp(enc, "utf8") &&
		   strcmp(enc, "us-ascii") && strcmp(enc, "ascii") && strncmp(enc, "utf-16", 6) &&
		   strncmp(enc, "utf-32", 6) && strncmp(enc, "ucs", 3) &&
		   nr_utf8__from_charset(conv, data, len, enc)) {
		/* converted from the declared encoding */
	} else if (!nr_utf8__valid(data, len)) {
		nr_utf8__convert(conv, data, len, nr_utf8__guess(data, len));
	} else {
		return;
	}
	if (!conv->oom) {
		*use = conv->data ? conv->data : "";
		*uselen = conv->len;
	}
}

static void silent_error(void *ctx, const char *msg, ...)
{
	NR_UNUSED(ctx);
	NR_UNUSED(msg);
}

static void silent_serror(void *ctx, NR_XML_ERROR_CONST xmlError *e)
{
	NR_UNUSED(ctx);
	NR_UNUSED(e);
}

/* libxml2 wants its one-time setup done before threads parse at once;
 * it is idempotent and changes no behaviour, so run it once here. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void) { xmlInitParser(); }

void nr_xml__init(void) { pthread_once(&xml_once, xml_init); }

void nr_xml__quiet(nr_xml_quiet *q)
{
	if (q->active)
		return;
	/* Reading libxml2's per-thread handlers sets up its global state:
	 * its one-time setup must come first, once, whichever thread reads
	 * first (several readers starting at once leaked its mutexes). */
	nr_xml__init();
	q->serror = (void (*)(void))xmlStructuredError;
	q->sctx = xmlStructuredErrorContext;
	q->gerror = (void (*)(void))xmlGenericError;
	q->gctx = xmlGenericErrorContext;
	q->had_error = xmlGetLastError() != NULL;
	xmlSetStructuredErrorFunc(NULL, silent_serror);
	xmlSetGenericErrorFunc(NULL, silent_error);
	q->active = true;
}

void nr_xml__unquiet(nr_xml_quiet *q)
{
	if (!q->active)
		return;
	xmlSetStructuredErrorFunc(q->sctx, (xmlStructuredErrorFunc)q->serror);
	xmlSetGenericErrorFunc(q->gctx, (xmlGenericErrorFunc)q->gerror);
	/* A last error the read left behind is ours: free it, unless the
	 * caller had one of its own before (which ours replaced). */
	if (!q->had_error)
		xmlResetLastError();
	q->active = false;
}

/* One strict parse of UTF-8 input; fills *st on failure. */
static xmlDocPtr parse_once(const char *use, size_t uselen, xml_errstate *st)
{
	nr_xml__init();
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax) {
		xmlFreeParserCtxt(ctxt);
		st->have = true;
		st->code = XML_ERR_NO_MEMORY;
		set_msg(st, "out of memory creating the XML parser");
		return NULL;
	}
	ctxt->_private = st;
	ctxt->sax->serror = on_error;
	ctxt->sax->resolveEntity = deny_entity;
	ctxt->sax->externalSubset = deny_subset;
	/* Never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE: entities
	 * stay references, no DTD is fetched and the parser keeps its depth
	 * (256) and amplification limits. */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
		   XML_PARSE_NOXINCNODE | XML_PARSE_IGNORE_ENC;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, use, (int)uselen, NULL, "UTF-8", opts);
	if (!doc || !ctxt->wellFormed || st->have) {
		if (!st->have) {
			const xmlError *le = &ctxt->lastError;
			st->have = true;
			st->line = le->line;
			st->code = le->code;
			set_msg(st, le->message ? le->message : "document is not well-formed");
		}
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static const char *find_str(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' || c == ':';
}

/* CDATA sections, comments and processing instructions at s[i] are
 * copied untouched. Returns where copying stopped: i when s[i] opens
 * none of them. */
static size_t copy_verbatim(nr_buf *out, const char *s, size_t len, size_t i)
{
	static const struct {
		const char *open, *close;
	} verbatim[] = { { "<![CDATA[", "]]>" }, { "<!--", "-->" }, { "<?", "?>" } };
	for (size_t k = 0; k < NR_ARRAY_LEN(verbatim); k++) {
		size_t ol = strlen(verbatim[k].open);
		if (len - i < ol || memcmp(s + i, verbatim[k].open, ol) != 0)
			continue;
		const char *end = find_str(s + i, len - i, verbatim[k].close);
		size_t stop = end ? (size_t)(end - s) + strlen(verbatim[k].close) : len;
		nr_buf__put(out, s + i, stop - i);
		return stop;
	}
	return i;
}

/* "&#NNN;" or "&#xHH;" at s[i] is kept when complete; otherwise the '&'
 * is escaped. Returns the position after what was handled. */
static size_t repair_char_ref(nr_buf *out, const char *s, size_t len, size_t i)
{
	size_t j = i + 2;
	bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
	if (hex)
		j++;
	size_t d = j;
	while (j < len && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j])))
		j++;
	if (j > d && j < len && s[j] == ';') {
		nr_buf__put(out, s + i, j + 1 - i);
		return j + 1;
	}
	nr_buf__puts(out, "&amp;");
	return i + 1;
}

/* "&name;" at s[i]: XML's five are kept, an HTML entity becomes a
 * character reference, an unknown name is escaped; a '&' that starts no
 * reference becomes &amp;. Returns the position after what was handled. */
static size_t repair_named_ref(nr_buf *out, const char *s, size_t len, size_t i)
{
	size_t j = i + 1;
	while (j < len && j - i < 40 && is_name_char(s[j]))
		j++;
	if (j == i + 1 || j >= len || s[j] != ';' || !isalpha((unsigned char)s[i + 1])) {
		nr_buf__puts(out, "&amp;");
		return i + 1;
	}
	char name[41];
	memcpy(name, s + i + 1, j - i - 1);
	name[j - i - 1] = '\0';
	if (!strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt") ||
	    !strcmp(name, "quot") || !strcmp(name, "apos")) {
		nr_buf__put(out, s + i, j + 1 - i);
	} else {
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (e)
			nr_buf__printf(out, "&#%u;", e->value);
		else
			nr_buf__printf(out, "&amp;%s;", name);
	}
	return j + 1;
}

/*
 * Rewrite the references browsers accept and XML does not: HTML named
 * entities (&nbsp;, &eacute;) become character references, and a '&' that
 * starts no reference becomes &amp;. CDATA sections, comments and
 * processing instructions are copied untouched. Only used on documents
 * without a DOCTYPE, so no entity of the document's own is undeclared.
 */
static void repair_entities(nr_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && !out->oom) {
		if (s[i] == '<') {
			size_t stop = copy_verbatim(out, s, len, i);
			if (stop != i) {
				i = stop;
				continue;
			}
		}
		if (s[i] != '&') {
			size_t j = i + 1;
			while (j < len && s[j] != '&' && s[j] != '<')
				j++;
			nr_buf__put(out, s + i, j - i);
			i = j;
		} else if (i + 1 < len && s[i + 1] == '#') {
			i = repair_char_ref(out, s, len, i);
		} else {
			i = repair_named_ref(out, s, len, i);
		}
	}
}

int nr_xml__parse(xmlDoc **out, const char *data, size_t len, nr_buf *err)
{
	*out = NULL;
	nr_buf conv = NR_BUF_INIT;
	const char *use;
	size_t uselen;
	document_to_utf8(&conv, data, len, &use, &uselen);
	if (conv.oom || uselen > INT_MAX) {
		nr_buf__free(&conv);
		nr_buf__puts(err, conv.oom ? "out of memory converting the XML to UTF-8"
					   : "XML document too large for the parser");
		return conv.oom ? NR_ENOMEM : NR_ETOOBIG;
	}
	xml_errstate st = { 0 };
	xmlDocPtr doc = parse_once(use, uselen, &st);

	/* Feeds written by hand or by HTML templates often carry &nbsp; or a
	 * bare '&'. One retry with those references repaired, never for a
	 * document with a DOCTYPE (whose entities are its own business). */
	if (!doc &&
	    (st.code == XML_ERR_UNDECLARED_ENTITY || st.code == XML_WAR_UNDECLARED_ENTITY ||
	     st.code == XML_ERR_ENTITYREF_SEMICOL_MISSING || st.code == XML_ERR_ENTITYREF_NO_NAME ||
	     st.code == XML_ERR_NAME_REQUIRED) &&
	    !find_str(use, uselen, "<!DOCTYPE")) {
		nr_buf fixed = NR_BUF_INIT;
		repair_entities(&fixed, use, uselen);
		if (!fixed.oom && fixed.len <= INT_MAX) {
			xml_errstate st2 = { 0 };
			doc = parse_once(fixed.data ? fixed.data : "", fixed.len, &st2);
			if (!doc)
				st = st2;
		}
		nr_buf__free(&fixed);
	}
	nr_buf__free(&conv);
	*out = doc;
	if (doc) {
		/* Entity text budget for nr_xml__text: the input size, at least
		 * 64 KiB. */
		doc->_private = (void *)(uintptr_t)(len > 65536 ? len : 65536);
		return NR_OK;
	}
	int rc;
	if (st.code == XML_ERR_NO_MEMORY)
		rc = NR_ENOMEM;
	else if (strstr(st.msg, "depth") || strstr(st.msg, "Depth"))
		rc = NR_ENESTING;
	else
		rc = NR_EPARSE;
	nr_buf__printf(err, "XML parse error at line %d: %s", st.line, st.msg);
	return rc;
}

bool nr_xml__is(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, local) == 0;
}

const char *nr_xml__ns(const xmlNode *n)
{
	return (n && n->ns && n->ns->href) ? (const char *)n->ns->href : "";
}

xmlNode *nr_xml__child(const xmlNode *parent, const char *local)
{
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (nr_xml__is(c, local))
			return c;
	return NULL;
}

const char *nr_xml__attr(const xmlNode *n, const char *local)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttr *at = n->properties; at; at = at->next) {
		if (!at->name || strcmp((const char *)at->name, local) != 0)
			continue;
		xmlNode *t = at->children;
		if (t && (t->type == XML_TEXT_NODE) && !t->next)
			return t->content ? (const char *)t->content : "";
		/* Attribute values with entity references are rare; take the
		 * first text piece rather than building a copy. */
		for (; t; t = t->next)
			if (t->type == XML_TEXT_NODE && t->content)
				return (const char *)t->content;
		return "";
	}
	return NULL;
}

bool nr_xml__is_one_of(const xmlNode *n, const char *const *list)
{
	if (!list || n->type != XML_ELEMENT_NODE || !n->name)
		return false;
	for (size_t i = 0; list[i]; i++)
		if (strcmp((const char *)n->name, list[i]) == 0)
			return true;
	return false;
}

/*
 * Internal entity text that holds no markup or further references; the
 * rest is dropped so that no expansion can multiply. A document-wide
 * budget (kept in doc->_private by nr_xml__parse) caps the total, so that
 * many references to one long entity cannot blow up either.
 */
static void entity_text(nr_buf *out, const xmlNode *ref)
{
	const xmlEntity *ent = (const xmlEntity *)ref->children;
	if (!ent || ent->type != XML_ENTITY_DECL || ent->etype != XML_INTERNAL_GENERAL_ENTITY ||
	    !ent->content || !ref->doc)
		return;
	const char *c = (const char *)ent->content;
	size_t n = strlen(c);
	uintptr_t left = (uintptr_t)ref->doc->_private;
	if (n > left || strchr(c, '<') || strchr(c, '&'))
		return;
	ref->doc->_private = (void *)(left - n);
	nr_buf__put(out, c, n);
}

bool nr_xml__text(nr_buf *out, const xmlNode *n, const char *const *skip)
{
	if (!n)
		return true;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			nr_buf__puts(out, (const char *)n->content);
		return !out->oom;
	}
	const xmlNode *cur = n->children;
	while (cur) {
		bool descend = false;
		switch (cur->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (cur->content)
				nr_buf__puts(out, (const char *)cur->content);
			break;
		case XML_ENTITY_REF_NODE: entity_text(out, cur); break;
		case XML_ELEMENT_NODE:
			descend = cur->children && !nr_xml__is_one_of(cur, skip);
			break;
		default: break;
		}
		if (descend) {
			cur = cur->children;
			continue;
		}
		while (cur != n && !cur->next)
			cur = cur->parent;
		if (!cur || cur == n)
			break;
		cur = cur->next;
	}
	return !out->oom;
}

bool nr_xml__inner_markup(nr_buf *out, xmlNode *n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	if (!xb)
		return false;
	bool ok = true;
	for (xmlNode *c = n->children; c && ok; c = c->next) {
		if (xmlNodeDump(xb, n->doc, c, 0, 0) < 0)
			ok = false;
	}
	if (ok)
		nr_buf__put(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return ok && !out->oom;
}

bool nr_xml__looks_html(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i + 1];
		if (s[i] == '<' && (isalpha(c) || c == '/' || c == '!'))
			return true;
		if (s[i] == '&' && (isalpha(c) || c == '#')) {
			size_t j = i + 1;
			while (j < len && j < i + 12 &&
			       (isalnum((unsigned char)s[j]) || s[j] == '#'))
				j++;
			if (j < len && s[j] == ';')
				return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* The fallback tag stripper for HTML snippets.                         */

static const char *const html_skip[] = { "script",     "style",  "noscript", "template", "iframe",
					 "object",     "embed",  "svg",      "math",     "head",
					 "figcaption", "button", "select",   "textarea", NULL };

static const char *const html_block[] = {
	"p",  "div",  "br",  "h1",         "h2",      "h3",     "h4",       "h5",      "h6",
	"li", "ul",   "ol",  "blockquote", "pre",     "table",  "tr",       "td",      "th",
	"dd", "dt",   "dl",  "section",    "article", "header", "footer",   "aside",   "figure",
	"hr", "main", "nav", "address",    "center",  "form",   "fieldset", "caption", NULL
};

typedef struct strip_state {
	nr_article *a; /* NULL: inline mode, everything into `para` */
	nr_buf para;
	int rc;
} strip_state;

static void strip_flush(strip_state *st)
{
	if (st->a) {
		if (st->para.oom)
			st->rc = NR_ENOMEM;
		else if (st->para.len && !st->rc)
			st->rc = nr_article__add_paragraph(st->a, st->para.data, st->para.len);
		st->para.len = 0;
	} else if (st->para.len) {
		nr_buf__putc(&st->para, ' ');
	}
}

/* Parse an HTML snippet; *nesting is set when the parser gave up at its
 * depth limit (the tree then holds only what came before). */
static xmlDocPtr html_parse(const char *html, size_t len, bool *nesting)
{
	*nesting = false;
	if (len > INT_MAX)
		return NULL;
	nr_xml__init();
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT;
	xmlDocPtr doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, "UTF-8", opts);
	if (ctxt->lastError.message && strstr(ctxt->lastError.message, "Excessive depth"))
		*nesting = true;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

/* Iterative walk over an HTML tree, breaking at block elements. */
static void strip_walk(strip_state *st, xmlNode *root)
{
	xmlNode *cur = root->children;
	while (cur && !st->rc) {
		bool descend = false;
		if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
			if (cur->content)
				nr_buf__puts(&st->para, (const char *)cur->content);
		} else if (cur->type == XML_ELEMENT_NODE && !nr_xml__is_one_of(cur, html_skip)) {
			if (nr_xml__is_one_of(cur, html_block))
				strip_flush(st);
			descend = cur->children != NULL;
		}
		if (descend) {
			cur = cur->children;
			continue;
		}
		for (;;) {
			if (cur == root)
				return;
			if (cur->type == XML_ELEMENT_NODE && nr_xml__is_one_of(cur, html_block))
				strip_flush(st);
			if (cur->next) {
				cur = cur->next;
				break;
			}
			cur = cur->parent;
			if (!cur)
				return;
		}
	}
}

static int html_strip(nr_article *a, const char *html, size_t len, nr_buf *out)
{
	bool nesting;
	xmlDocPtr doc = html_parse(html, len, &nesting);
	if (!doc)
		return nesting ? NR_ENESTING : len ? NR_ENOMEM : NR_OK;
	strip_state st = { a, NR_BUF_INIT, NR_OK };
	strip_walk(&st, (xmlNode *)doc);
	strip_flush(&st);
	xmlFreeDoc(doc);
	if (nesting && !st.rc)
		st.rc = NR_ENESTING;
	if (!a && out && !st.rc) {
		nr_buf__put(out, st.para.data ? st.para.data : "", st.para.len);
		if (out->oom)
			st.rc = NR_ENOMEM;
	}
	if (st.para.oom && !st.rc)
		st.rc = NR_ENOMEM;
	nr_buf__free(&st.para);
	return st.rc;
}

int nr_xml__html_body(nr_article *a, const char *html, size_t len, nr_buf *err)
{
	size_t before = err->len;
	size_t paras = a->nparagraphs;
	int rc = nr_html__extract(a, html, len, true, err);
	if (rc == NR_OK)
		return NR_OK;
	bool fallback = (rc == NR_EFORMAT || rc == NR_EPARSE) && a->nparagraphs == paras;
	if (!fallback && rc != NR_EEMPTY)
		return rc; /* with the extractor's reason in err */
	err->len = before;
	if (err->data)
		err->data[before] = '\0';
	/* A snippet without text is the caller's to report ("item 3: no
	 * text"), not an extraction failure. */
	if (rc == NR_EEMPTY)
		return NR_OK;
	/* The HTML extractor is unavailable or refused the snippet: strip
	 * tags ourselves, as a last resort that keeps the text. */
	rc = html_strip(a, html, len, NULL);
	if (rc == NR_ENESTING)
		nr_buf__puts(err, "HTML body nested deeper than the parser allows");
	else if (rc)
		nr_buf__puts(err, "cannot parse the HTML body");
	return rc;
}

bool nr_xml__html_inline(nr_buf *out, const char *html, size_t len)
{
	return html_strip(NULL, html, len, out) == NR_OK;
}

int nr_xml__meta_text(nr_article *a, nr_meta field, const xmlNode *n)
{
	if (!n)
		return NR_OK;
	nr_buf b = NR_BUF_INIT;
	int rc = nr_xml__text(&b, n, NULL) ? NR_OK : NR_ENOMEM;
	if (!rc && b.len)
		rc = nr_article__set_meta(a, field, b.data, b.len);
	nr_buf__free(&b);
	return rc;
}

/* html_elems.c - what each element of a page is, decided once before any
 * scoring: its tag and kind, whether it is hidden, what its class and id
 * names say (furniture, article, caption, embedded post), whether a table
 * holds data. Every element gets a slot in one array in document order
 * (node->_private points to it), which html_body.c scores. */
#include "read/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Tags */

typedef struct tagdef {
	const char *name;
	uint8_t tag;
	uint8_t kind;
} tagdef;

/* Sorted by name for bsearch. */
static const tagdef tags[] = {
	{ "a", T_A, 0 },
	{ "address", T_ADDRESS, K_BLOCK },
	{ "applet", T_JUNK, K_JUNK | K_EMBED },
	{ "area", T_JUNK, K_JUNK },
	{ "article", T_ARTICLE, K_BLOCK },
	{ "aside", T_ASIDE, K_BLOCK | K_STRUCT },
	{ "audio", T_JUNK, K_JUNK | K_EMBED },
	{ "blockquote", T_BLOCKQUOTE, K_BLOCK },
	{ "body", T_BODY, K_BLOCK },
	{ "br", T_BR, 0 },
	{ "button", T_JUNK, K_JUNK },
	{ "canvas", T_JUNK, K_JUNK },
	{ "caption", T_CAPTION, K_BLOCK },
	{ "center", T_CENTER, K_BLOCK },
	{ "code", T_CODE, 0 },
	{ "datalist", T_JUNK, K_JUNK },
	{ "dd", T_DD, K_BLOCK },
	{ "details", T_DETAILS, K_BLOCK },
	{ "dialog", T_JUNK, K_JUNK },
	{ "div", T_DIV, K_BLOCK },
	{ "dl", T_DL, K_BLOCK },
	{ "dt", T_DT, K_BLOCK },
	{ "embed", T_EMBED, K_JUNK | K_EMBED },
	{ "fieldset", T_FIELDSET, K_BLOCK },
	{ "figcaption", T_FIGCAPTION, K_BLOCK | K_JUNK },
	{ "figure", T_FIGURE, K_BLOCK },
	{ "footer", T_FOOTER, K_BLOCK | K_STRUCT },
	{ "form", T_FORM, K_BLOCK },
	{ "frame", T_JUNK, K_JUNK },
	{ "frameset", T_JUNK, K_JUNK },
	{ "h1", T_H1, K_BLOCK },
	{ "h2", T_H2, K_BLOCK },
	{ "h3", T_H3, K_BLOCK },
	{ "h4", T_H4, K_BLOCK },
	{ "h5", T_H5, K_BLOCK },
	{ "h6", T_H6, K_BLOCK },
	{ "head", T_JUNK, K_JUNK },
	{ "header", T_HEADER, K_BLOCK | K_STRUCT },
	{ "hgroup", T_OTHER, K_BLOCK },
	{ "hr", T_HR, K_BLOCK },
	{ "html", T_HTML, K_BLOCK },
	{ "iframe", T_EMBED, K_JUNK | K_EMBED },
	{ "img", T_IMG, 0 },
	{ "input", T_INPUT, K_JUNK },
	{ "legend", T_OTHER, K_BLOCK },
	{ "li", T_LI, K_BLOCK },
	{ "link", T_JUNK, K_JUNK },
	{ "main", T_MAIN, K_BLOCK },
	{ "map", T_JUNK, K_JUNK },
	{ "math", T_JUNK, K_JUNK },
	{ "menu", T_UL, K_BLOCK | K_STRUCT },
	{ "meta", T_JUNK, K_JUNK },
	{ "nav", T_NAV, K_BLOCK | K_STRUCT },
	{ "noscript", T_JUNK, K_JUNK },
	{ "object", T_EMBED, K_JUNK | K_EMBED },
	{ "ol", T_OL, K_BLOCK },
	{ "optgroup", T_JUNK, K_JUNK },
	{ "option", T_JUNK, K_JUNK },
	{ "p", T_P, K_BLOCK },
	{ "picture", T_OTHER, 0 },
	{ "pre", T_PRE, K_BLOCK },
	{ "script", T_JUNK, K_JUNK },
	{ "section", T_SECTION, K_BLOCK },
	{ "select", T_JUNK, K_JUNK },
	{ "style", T_JUNK, K_JUNK },
	{ "summary", T_SUMMARY, K_BLOCK },
	{ "svg", T_JUNK, K_JUNK },
	{ "table", T_TABLE, K_BLOCK },
	{ "tbody", T_TBODY, K_BLOCK },
	{ "td", T_TD, K_BLOCK },
	{ "template", T_JUNK, K_JUNK },
	{ "textarea", T_JUNK, K_JUNK },
	{ "tfoot", T_TFOOT, K_BLOCK },
	{ "th", T_TH, K_BLOCK },
	{ "thead", T_THEAD, K_BLOCK },
	{ "title", T_JUNK, K_JUNK },
	{ "tr", T_TR, K_BLOCK },
	{ "ul", T_UL, K_BLOCK },
	{ "video", T_JUNK, K_JUNK | K_EMBED },
};

static int tag_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const tagdef *)elem)->name);
}

static const tagdef *tag_lookup(const char *name)
{
	return bsearch(name, tags, NR_ARRAY_LEN(tags), sizeof(tags[0]), tag_cmp);
}

/* ------------------------------------------------------------------ */
/* Class and id names */

/* Names of page furniture. A class/id token matches when it equals the
 * word, or (for words of five letters or more) starts with it. */
static const char *const unlikely_words[] = {
	"ad",           "ads",          "adslot",     "adsense",    "advert",     "advertisement",
	"advertising",  "agegate",      "banner",     "bio",        "breadcrumb", "breadcrumbs",
	"combx",        "comment",      "community",  "consent",    "cookie",     "cookies",
	"disqus",       "footer",       "gdpr",       "login",      "masthead",   "menu",
	"modal",        "nav",          "navbar",     "navigation", "newsletter", "outbrain",
	"pager",        "pagination",   "popup",      "promo",      "recommend",  "related",
	"remark",       "replies",      "rss",        "share",      "sharing",    "shoutbox",
	"sidebar",      "signup",       "skyscraper", "social",     "sponsor",    "subscribe",
	"subscription", "supplemental", "taboola",    "tags",       "toolbar",    "trending",
	"widget",       "popular",      "mostread",   "most",       "paywall",    "signin",
	"sticky",       "breaking",     "topbar",     "copyright",  "skip",       "jump",
	"print",        "search",       "follow",     "tools",      "byline",     "dateline",
};

/* Names that keep an element even when a furniture word is present. */
static const char *const maybe_words[] = {
	"article", "body", "content", "main", "story", "column", "shadow",
};

static const char *const negative_words[] = {
	"ad",       "ads",        "advert",     "banner",    "bio",      "byline", "caption",
	"combx",    "comment",    "contact",    "credit",    "dateline", "disqus", "footer",
	"footnote", "gdpr",       "hidden",     "masthead",  "media",    "meta",   "nav",
	"outbrain", "photo",      "promo",      "related",   "scroll",   "share",  "shoutbox",
	"sidebar",  "skyscraper", "social",     "sponsor",   "shopping", "tags",   "tool",
	"tools",    "widget",     "newsletter", "subscribe", "menu",     "author", "recommend",
	"popular",  "trending",   "signup",     "teaser",    "header",
};

static const char *const positive_words[] = {
	"article", "body", "content", "entry", "hentry",      "main",  "page",
	"post",    "text", "blog",    "story", "articlebody", "prose",
};

/* Posts from elsewhere quoted in the story. */
static const char *const embed_words[] = {
	"embed", "embedded", "tweet", "twitter", "instagram",
};

/* Captions and credits: never body text, whatever else the name says. */
static const char *const caption_words[] = {
	"caption", "captions", "credit", "credits", "figcaption",
};

static bool token_matches(const char *tok, size_t n, const char *const *words, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t wl = strlen(words[i]);
		if (n == wl && !memcmp(tok, words[i], n))
			return true;
		if (wl >= 5 && n > wl && !memcmp(tok, words[i], wl))
			return true;
	}
	return false;
}

/* Classify a class or id attribute by its tokens (split on anything but
 * letters and digits, lowercased). */
static unsigned name_flags(const char *v)
{
	unsigned f = 0;
	char tok[48];
	if (!v)
		return 0;
	while (*v) {
		while (*v && !isalnum((unsigned char)*v))
			v++;
		/* camelCase splits too: "imageCaption" is "image" "caption". */
		size_t n = 0;
		while (*v && isalnum((unsigned char)*v)) {
			if (n < sizeof(tok))
				tok[n] = (char)tolower((unsigned char)*v);
			n++;
			v++;
			if (islower((unsigned char)v[-1]) && isupper((unsigned char)*v))
				break;
		}
		if (n == 0 || n > sizeof(tok))
			continue;
		if (token_matches(tok, n, unlikely_words, NR_ARRAY_LEN(unlikely_words)))
			f |= W_UNLIKELY;
		if (token_matches(tok, n, maybe_words, NR_ARRAY_LEN(maybe_words)))
			f |= W_MAYBE;
		if (token_matches(tok, n, negative_words, NR_ARRAY_LEN(negative_words)))
			f |= W_NEG;
		if (token_matches(tok, n, positive_words, NR_ARRAY_LEN(positive_words)))
			f |= W_POS;
		if (token_matches(tok, n, embed_words, NR_ARRAY_LEN(embed_words)))
			f |= W_EMBED;
		if (token_matches(tok, n, caption_words, NR_ARRAY_LEN(caption_words)))
			f |= W_CAPTION;
	}
	return f;
}

/* Case-insensitive substring search, ASCII. */
static bool ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static bool style_hidden(const char *style)
{
	if (!style)
		return false;
	/* Drop spaces so "display : none" matches too. */
	char buf[256];
	size_t n = 0;
	for (const char *p = style; *p && n + 1 < sizeof(buf); p++)
		if (!isspace((unsigned char)*p))
			buf[n++] = (char)tolower((unsigned char)*p);
	buf[n] = '\0';
	return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* ------------------------------------------------------------------ */
/* Per-element slots */

/* Visible characters (whitespace runs count once) and commas of a text. */
void nr_html__measure(const char *s, uint32_t *chars, uint32_t *commas)
{
	uint32_t c = 0, k = 0;
	bool space = true;
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		unsigned char b = *p;
		if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f') {
			if (!space)
				c++;
			space = true;
			continue;
		}
		space = false;
		if ((b & 0xC0) == 0x80)
			continue;
		c++;
		if (b == ',')
			k++;
		/* Full-width and ideographic commas (U+FF0C, U+3001), Arabic (U+060C). */
		else if ((b == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
			 (b == 0xE3 && p[1] == 0x80 && p[2] == 0x81) || (b == 0xD8 && p[1] == 0x8C))
			k++;
	}
	*chars = c;
	*commas = k;
}

/* Tag, kind, block, and the flags an element takes from its parent. */
static void take_tag(nr_html_elem *h, xmlNode *e)
{
	h->node = e;
	h->parent = nr_html__elem(e->parent);
	const tagdef *td = tag_lookup((const char *)e->name);
	h->tag = td ? td->tag : T_OTHER;
	h->kind = td ? td->kind : 0;
	h->blk = (h->kind & K_BLOCK) || !h->parent ? h : h->parent->blk;
	if (h->parent)
		h->sflags = h->parent->sflags & (S_IN_A | S_IN_FIGURE | S_IN_CODE);
	if (h->tag == T_A)
		h->sflags |= S_IN_A;
	if (h->tag == T_FIGURE)
		h->sflags |= S_IN_FIGURE;
	if (h->tag == T_CODE || h->tag == T_PRE)
		h->sflags |= S_IN_CODE;
}

/* Hidden by attribute or inline style; an aria-hidden fallback image
 * still shows. */
static bool is_hidden(const xmlNode *e, const char *cls)
{
	const char *aria = nr_html__attr(e, "aria-hidden");
	return nr_html__attr(e, "hidden") || style_hidden(nr_html__attr(e, "style")) ||
	       (aria && !strcasecmp(aria, "true") && !(cls && ci_contains(cls, "fallback-image")));
}

/* The weight and W_* flags of the class and id names (an itemprop of
 * articleBody counts as a positive name), and S_UNLIKELY when a name says
 * furniture and none says article. A caption name overrides the rest. */
static void take_names(nr_html_elem *h, const xmlNode *e, const char *cls)
{
	unsigned fc = name_flags(cls), fi = name_flags(nr_html__attr(e, "id"));
	int w = 0;
	if (fc & W_NEG)
		w -= 25;
	if (fc & W_POS)
		w += 25;
	if (fi & W_NEG)
		w -= 25;
	if (fi & W_POS)
		w += 25;
	const char *ip = nr_html__attr(e, "itemprop");
	bool article_body = ip && ci_contains(ip, "articlebody");
	if (article_body)
		w += 25;
	h->weight = (int8_t)w;
	unsigned f = fc | fi;
	if (f & W_CAPTION)
		f = (f | W_UNLIKELY | W_NEG) & ~(unsigned)(W_MAYBE | W_EMBED);
	h->nflags = (uint8_t)f;
	if ((f & W_UNLIKELY) && !(f & W_MAYBE) && h->tag != T_BODY && h->tag != T_HTML &&
	    h->tag != T_A && !(h->sflags & S_IN_CODE) && !article_body)
		h->sflags |= S_UNLIKELY;
}

/* ARIA roles of page furniture. */
static bool is_furniture_role(const char *role)
{
	static const char *const roles[] = {
		"navigation",  "menu",  "menubar", "complementary", "dialog",
		"alertdialog", "alert", "banner",  "contentinfo",   "search",
	};
	if (!role)
		return false;
	for (size_t i = 0; i < NR_ARRAY_LEN(roles); i++)
		if (!strcasecmp(role, roles[i]))
			return true;
	return false;
}

/* A table with a caption or a header row holds data, not layout. */
static bool is_data_table(const xmlNode *e)
{
	const char *r = nr_html__attr(e, "role");
	if (r && !strcasecmp(r, "presentation"))
		return false;
	for (xmlNode *c = e->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (!strcmp((const char *)c->name, "caption") ||
						    !strcmp((const char *)c->name, "thead")))
			return true;
	return false;
}

static void classify(nr_html_elem *h, xmlNode *e)
{
	take_tag(h, e);
	const char *cls = nr_html__attr(e, "class");
	if (is_hidden(e, cls))
		h->sflags |= S_HIDDEN;
	take_names(h, e, cls);
	if (is_furniture_role(nr_html__attr(e, "role")))
		h->sflags |= S_UNLIKELY;
	if (h->tag == T_TABLE && is_data_table(e))
		h->sflags |= S_DATA_TABLE;
}

/* A post quoted from a social network comes as a blockquote inside
 * wrappers named "...embed...": keep them, even when a wrapper's name
 * also says "social". */
static void mark_embedded(nr_html_page *x)
{
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
		if (h->tag != T_BLOCKQUOTE ||
		    !((h->nflags & W_EMBED) || (h->parent && (h->parent->nflags & W_EMBED))))
			continue;
		h->sflags |= S_EMBEDDED;
		nr_html_elem *a = h->parent;
		for (int k = 0; k < 3 && a && (a->nflags & W_EMBED); k++, a = a->parent)
			a->sflags |= S_EMBEDDED;
	}
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
		if (h->parent && (h->parent->sflags & S_EMBEDDED))
			h->sflags |= S_EMBEDDED;
		if ((h->sflags & S_EMBEDDED) && !(h->nflags & W_CAPTION))
			h->sflags &= (uint8_t)~S_UNLIKELY;
	}
}

int nr_html__page_slots(nr_html_page *x, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	x->body = root;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "body"))
			x->body = c;
	size_t n = 0;
	for (xmlNode *e = root; e; e = nr_html__next(root, e, false))
		if (e->type == XML_ELEMENT_NODE)
			n++;
	x->info = calloc(n ? n : 1, sizeof(nr_html_elem));
	if (!x->info)
		return NR_ENOMEM;
	x->n = 0;
	for (xmlNode *e = root; e; e = nr_html__next(root, e, false)) {
		if (e->type == XML_TEXT_NODE || e->type == XML_CDATA_SECTION_NODE) {
			/* Text counts for the element it sits in. */
			nr_html_elem *p = nr_html__elem(e->parent);
			if (p && e->content) {
				uint32_t ch, cm;
				nr_html__measure((const char *)e->content, &ch, &cm);
				p->dtext += ch;
				p->dcommas += cm;
			}
		} else if (e->type == XML_ELEMENT_NODE) {
			nr_html_elem *h = &x->info[x->n++];
			e->_private = h;
			classify(h, e);
		}
	}
	mark_embedded(x);
	return NR_OK;
}

void nr_html__page_free(nr_html_page *x)
{
	/* Leave no pointers into freed memory behind in the tree. */
	for (size_t i = 0; i < x->n; i++)
		x->info[i].node->_private = NULL;
	free(x->info);
	memset(x, 0, sizeof(*x));
}

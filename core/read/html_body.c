/* html_body.c - find the article body in a page and turn it into
 * paragraphs.
 *
 * The approach follows Mozilla Readability in spirit: paragraphs vote for
 * the containers above them (more for long text with commas, less the
 * further up), class and id names nudge the vote, link-heavy containers
 * lose, and the best container is taken with the siblings that look like
 * it. What differs is the bookkeeping: every element gets a slot in one
 * array in document order, so subtree totals come from one backward sweep
 * instead of repeated text walks, and nothing is removed from the tree —
 * each attempt only marks what it skips. All walks are loops, so document
 * depth costs no stack.
 *
 * Attempts run strictest first (drop unlikely-looking and structural
 * elements, weigh class names, clean link-heavy blocks); when that leaves
 * too little text the next attempt relaxes a rule, as Readability does,
 * but a relaxed attempt may not move into what the strict one dropped.
 *
 * Beyond Readability: siblings of the chosen container that Readability's
 * five-level vote never reaches are judged by their own paragraph text (an
 * article split around a photo); posts quoted from social networks are
 * kept; hover cards of links inside sentences are dropped; and the output
 * paragraphs pass a last filter for link lines, datelines, bylines and
 * page furniture. */
#include "read/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Tags */

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

enum { W_UNLIKELY = 1, W_MAYBE = 2, W_NEG = 4, W_POS = 8, W_EMBED = 16, W_CAPTION = 32 };

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

/* Static flags. */
#define S_HIDDEN 1u
#define S_UNLIKELY 2u
#define S_IN_A 4u
#define S_DATA_TABLE 8u
#define S_IN_FIGURE 16u
#define S_IN_CODE 32u
#define S_EMBEDDED 64u /* an embedded post (tweet, video card) the story quotes */

typedef struct hinfo {
	xmlNode *node;
	struct hinfo *parent; /* nearest element ancestor, or NULL */
	struct hinfo *blk;    /* nearest block ancestor-or-self */
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
} hinfo;

static hinfo *info_of(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? (hinfo *)n->_private : NULL;
}

/* Visible characters (whitespace runs count once) and commas of a text. */
static void measure(const char *s, uint32_t *chars, uint32_t *commas)
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

typedef struct extractor {
	xmlDoc *doc;
	xmlNode *body; /* <body>, or the root element */
	hinfo *info;
	size_t n;
	const nr_html_hints *hints;
} extractor;

static int build(extractor *x)
{
	xmlNode *root = xmlDocGetRootElement(x->doc);
	x->body = root;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "body"))
			x->body = c;
	size_t n = 0;
	for (xmlNode *e = root; e; e = nr_html__next(root, e, false))
		if (e->type == XML_ELEMENT_NODE)
			n++;
	x->info = calloc(n ? n : 1, sizeof(hinfo));
	if (!x->info)
		return NR_ENOMEM;
	x->n = 0;
	for (xmlNode *e = root; e; e = nr_html__next(root, e, false)) {
		if (e->type == XML_TEXT_NODE || e->type == XML_CDATA_SECTION_NODE) {
			hinfo *p = info_of(e->parent);
			if (p && e->content) {
				uint32_t ch, cm;
				measure((const char *)e->content, &ch, &cm);
				p->dtext += ch;
				p->dcommas += cm;
			}
			continue;
		}
		if (e->type != XML_ELEMENT_NODE)
			continue;
		hinfo *h = &x->info[x->n++];
		e->_private = h;
		h->node = e;
		h->parent = info_of(e->parent);
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

		const char *aria = nr_html__attr(e, "aria-hidden");
		const char *cls = nr_html__attr(e, "class");
		if (nr_html__attr(e, "hidden") || style_hidden(nr_html__attr(e, "style")) ||
		    (aria && !strcasecmp(aria, "true") &&
		     !(cls && ci_contains(cls, "fallback-image"))))
			h->sflags |= S_HIDDEN;

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
		if (ip && ci_contains(ip, "articlebody"))
			w += 25;
		h->weight = (int8_t)w;
		unsigned f = fc | fi;
		if (f & W_CAPTION)
			f = (f | W_UNLIKELY | W_NEG) & ~(unsigned)(W_MAYBE | W_EMBED);
		h->nflags = (uint8_t)f;
		if ((f & W_UNLIKELY) && !(f & W_MAYBE) && h->tag != T_BODY && h->tag != T_HTML &&
		    h->tag != T_A && !(h->sflags & S_IN_CODE) &&
		    !(ip && ci_contains(ip, "articlebody")))
			h->sflags |= S_UNLIKELY;
		const char *role = nr_html__attr(e, "role");
		if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "menu") ||
			     !strcasecmp(role, "menubar") || !strcasecmp(role, "complementary") ||
			     !strcasecmp(role, "dialog") || !strcasecmp(role, "alertdialog") ||
			     !strcasecmp(role, "alert") || !strcasecmp(role, "banner") ||
			     !strcasecmp(role, "contentinfo") || !strcasecmp(role, "search")))
			h->sflags |= S_UNLIKELY;
		if (h->tag == T_TABLE) {
			const char *r = nr_html__attr(e, "role");
			if (!(r && !strcasecmp(r, "presentation")))
				for (xmlNode *c = e->children; c; c = c->next)
					if (c->type == XML_ELEMENT_NODE &&
					    (!strcmp((const char *)c->name, "caption") ||
					     !strcmp((const char *)c->name, "thead")))
						h->sflags |= S_DATA_TABLE;
		}
	}
	/* A post quoted from a social network comes as a blockquote inside
	 * wrappers named "...embed...": keep them, even when a wrapper's name
	 * also says "social". */
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (h->tag != T_BLOCKQUOTE ||
		    !((h->nflags & W_EMBED) || (h->parent && (h->parent->nflags & W_EMBED))))
			continue;
		h->sflags |= S_EMBEDDED;
		hinfo *a = h->parent;
		for (int k = 0; k < 3 && a && (a->nflags & W_EMBED); k++, a = a->parent)
			a->sflags |= S_EMBEDDED;
	}
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (h->parent && (h->parent->sflags & S_EMBEDDED))
			h->sflags |= S_EMBEDDED;
		if ((h->sflags & S_EMBEDDED) && !(h->nflags & W_CAPTION))
			h->sflags &= (uint8_t)~S_UNLIKELY;
	}
	return NR_OK;
}

/* ------------------------------------------------------------------ */
/* One attempt */

#define A_STRIP 1u  /* drop unlikely-named and structural elements */
#define A_WEIGHT 2u /* class and id names weigh on scores */
#define A_CLEAN 4u  /* drop link-heavy and thin blocks inside the article */

static bool is_container(uint8_t t)
{
	return t == T_DIV || t == T_SECTION || t == T_ARTICLE || t == T_MAIN || t == T_CENTER ||
	       t == T_BODY || t == T_FORM || t == T_TD;
}

static bool is_scorable(uint8_t t)
{
	return t == T_P || t == T_PRE || t == T_TD || t == T_BLOCKQUOTE ||
	       (t >= T_H2 && t <= T_H6) || is_container(t);
}

/* An inline element inside running text that is nothing but several
 * links: a hover card or teaser list the page shows on demand. */
static bool link_cluster(const hinfo *h)
{
	return !(h->kind & K_BLOCK) && h->tag != T_A && h->nlinks >= 3 && h->text >= 60 &&
	       (double)h->link >= 0.9 * h->text;
}

static void aggregate(extractor *x, unsigned flags)
{
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		bool own_skip = (h->kind & K_JUNK) || (h->sflags & S_HIDDEN) ||
				((flags & A_STRIP) &&
				 ((h->sflags & S_UNLIKELY) || (h->kind & K_STRUCT)));
		h->skip = own_skip || (h->parent && h->parent->skip);
		h->cand = h->removed = false;
		h->text = h->link = h->own = h->own_commas = h->commas = 0;
		h->np = h->nimg = h->nli = h->ninput = h->nembed = h->nblockkids = h->litext = 0;
		h->ptext = h->nlinks = 0;
		h->cluster = h->cluster_below = false;
		h->score = 0;
	}
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (h->skip)
			continue;
		h->blk->own += h->dtext;
		h->blk->own_commas += h->dcommas;
	}
	for (size_t i = x->n; i-- > 0;) {
		hinfo *h = &x->info[i];
		hinfo *p = h->parent;
		if (h->skip) {
			if (p && !p->skip && (h->kind & K_EMBED))
				p->nembed++;
			if (p && !p->skip && h->tag == T_INPUT)
				p->ninput++;
			continue;
		}
		h->text += h->dtext;
		h->commas += h->dcommas;
		if (h->tag == T_A)
			h->link = h->text;
		if (h->tag == T_LI)
			h->litext = h->text;
		if (h->blk == h && h->own >= 25 && is_scorable(h->tag))
			h->ptext += h->own;
		if (!p)
			continue;
		p->text += h->text;
		p->link += h->link;
		p->commas += h->commas;
		p->litext += h->litext;
		p->ptext += h->ptext;
		p->nlinks += h->nlinks + (h->tag == T_A);
		h->cluster = link_cluster(h);
		p->cluster_below |= h->cluster || h->cluster_below;
		p->np += h->np + (h->tag == T_P);
		p->nimg += h->nimg + (h->tag == T_IMG);
		p->nli += h->nli + (h->tag == T_LI);
		p->ninput += h->ninput;
		p->nembed += h->nembed;
		if (h->kind & K_BLOCK)
			p->nblockkids++;
	}
}

static double link_density(const hinfo *h)
{
	return h->text ? (double)h->link / (double)h->text : 0.0;
}

static void init_candidate(hinfo *h, unsigned flags)
{
	h->cand = true;
	switch (h->tag) {
	case T_DIV: h->score = 5; break;
	case T_PRE:
	case T_TD:
	case T_BLOCKQUOTE: h->score = 3; break;
	case T_ADDRESS:
	case T_OL:
	case T_UL:
	case T_DL:
	case T_DD:
	case T_DT:
	case T_LI:
	case T_FORM: h->score = -3; break;
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
	case T_TH: h->score = -5; break;
	default: h->score = 0; break;
	}
	if (flags & A_WEIGHT)
		h->score += h->weight;
}

static hinfo *score_all(extractor *x, unsigned flags)
{
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (h->skip || h->blk != h || h->own < 25 || !is_scorable(h->tag))
			continue;
		double s = 1.0 + h->own_commas + (h->own / 100 > 3 ? 3 : h->own / 100);
		hinfo *a = (is_container(h->tag) && h->nblockkids > 0) ? h : h->parent;
		for (int level = 0; a && level < 5; level++, a = a->parent) {
			if (a->tag == T_HTML)
				break;
			if (!a->cand)
				init_candidate(a, flags);
			a->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
		}
	}
	hinfo *top = NULL;
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (!h->cand)
			continue;
		h->score *= 1.0 - link_density(h);
		if (!top || h->score > top->score)
			top = h;
	}
	return top;
}

static bool is_ancestor(const hinfo *a, const hinfo *h)
{
	for (; h; h = h->parent)
		if (h == a)
			return true;
	return false;
}

/* Readability's moves from the best-scored container to the one that
 * holds the whole article. */
static hinfo *refine_top(extractor *x, hinfo *top)
{
	hinfo *best[5] = { 0 };
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (!h->cand)
			continue;
		for (int k = 0; k < 5; k++) {
			if (!best[k] || h->score > best[k]->score) {
				memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof(best[0]));
				best[k] = h;
				break;
			}
		}
	}
	/* Several near-best containers under one ancestor: the article is
	 * split and the ancestor holds all of it. */
	int close = 0;
	for (int k = 1; k < 5 && top->score > 0; k++)
		if (best[k] && best[k]->score / top->score >= 0.75)
			close++;
	if (close >= 3) {
		for (hinfo *p = top->parent; p && p->tag != T_BODY && p->tag != T_HTML;
		     p = p->parent) {
			int under = 0;
			for (int k = 1; k < 5; k++)
				if (best[k] && best[k]->score / top->score >= 0.75 &&
				    is_ancestor(p, best[k]))
					under++;
			if (under >= 3) {
				top = p;
				break;
			}
		}
	}
	if (!top->cand)
		init_candidate(top, 0);
	/* A parent that scores higher than the child holds more of it. */
	double last = top->score, threshold = top->score / 3;
	for (hinfo *p = top->parent; p && p->tag != T_BODY && p->tag != T_HTML; p = p->parent) {
		if (!p->cand)
			continue;
		if (p->score < threshold)
			break;
		if (p->score > last) {
			top = p;
			break;
		}
		last = p->score;
	}
	/* An only child says nothing its parent does not. */
	while (top->parent && top->parent->tag != T_BODY && top->parent->tag != T_HTML &&
	       top->parent->nblockkids == 1 && top->parent->dtext == 0)
		top = top->parent;
	return top;
}

static bool ends_like_sentence(const xmlNode *n)
{
	nr_buf t = NR_BUF_INIT;
	nr_html__text(&t, n);
	size_t len = t.len;
	while (len && isspace((unsigned char)t.data[len - 1]))
		len--;
	bool r = len && t.data[len - 1] == '.';
	nr_buf__free(&t);
	return r;
}

/* The top container and the siblings that belong with it. */
static size_t pick_roots(hinfo *top, hinfo ***out)
{
	hinfo *parent = top->parent;
	size_t cap = 8, n = 0;
	hinfo **roots = malloc(cap * sizeof(*roots));
	if (!roots)
		return 0;
	if (!parent) {
		roots[n++] = top;
		*out = roots;
		return n;
	}
	double threshold = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
	const char *tcls = nr_html__attr(top->node, "class");
	for (xmlNode *c = parent->node->children; c; c = c->next) {
		hinfo *s = info_of(c);
		if (!s || s->skip)
			continue;
		bool take = s == top;
		if (!take && s->cand) {
			double bonus = 0;
			const char *scls = nr_html__attr(c, "class");
			if (tcls && *tcls && scls && !strcmp(tcls, scls))
				bonus = top->score * 0.2;
			take = s->score + bonus >= threshold;
		}
		/* Readability only votes five levels up, so an article split
		 * into deeper-wrapped parts can leave a part unscored: judge
		 * such siblings by their paragraph text. */
		if (!take && s->ptext >= 140 && link_density(s) < 0.25) {
			const char *scls = nr_html__attr(c, "class");
			bool same = tcls && *tcls && scls && !strcmp(tcls, scls);
			if (same || s->ptext * 4 >= top->ptext)
				take = true;
		}
		if (!take && s->tag == T_P) {
			double ld = link_density(s);
			if (s->text > 80 && ld < 0.25)
				take = true;
			else if (s->text > 0 && s->text <= 80 && ld == 0 && ends_like_sentence(c))
				take = true;
		}
		if (!take)
			continue;
		if (n == cap) {
			hinfo **r = realloc(roots, cap * 2 * sizeof(*roots));
			if (!r) {
				free(roots);
				return 0;
			}
			roots = r;
			cap *= 2;
		}
		roots[n++] = s;
	}
	*out = roots;
	return n;
}

/* Readability's conditional cleaning: blocks inside the article that look
 * like link lists, image galleries, forms or thin fragments. */
static bool clean_away(const hinfo *h, unsigned flags)
{
	uint8_t t = h->tag;
	if (!(t == T_FORM || t == T_FIELDSET || t == T_TABLE || t == T_UL || t == T_OL ||
	      t == T_DIV || t == T_SECTION || t == T_DL))
		return false;
	if (h->sflags & (S_IN_CODE | S_EMBEDDED))
		return false;
	if (t == T_TABLE && (h->sflags & S_DATA_TABLE))
		return false;
	/* A div holding only inline text is a paragraph. */
	if ((t == T_DIV || t == T_SECTION) && h->nblockkids == 0 && h->dtext > 0)
		return false;
	int weight = (flags & A_WEIGHT) ? h->weight : 0;
	if (weight + (h->cand ? h->score : 0) < 0)
		return true;
	if (h->commas >= 10)
		return false;
	bool is_list = t == T_UL || t == T_OL || t == T_DL ||
		       (h->text && (double)h->litext / h->text > 0.9);
	double ld = link_density(h);
	uint32_t p = h->np, img = h->nimg;
	int li = (int)h->nli - 100;
	if (img > 1 && (double)p / img < 0.5 && !(h->sflags & S_IN_FIGURE))
		return true;
	if (!is_list && li > (int)p)
		return true;
	if (h->ninput > p / 3)
		return true;
	if (!is_list && h->text < 25 && (img == 0 || img > 2) && !(h->sflags & S_IN_FIGURE))
		return true;
	if (!is_list && weight < 25 && ld > 0.2)
		return true;
	if (weight >= 25 && ld > 0.5)
		return true;
	if ((h->nembed == 1 && h->text < 75) || h->nembed > 1)
		return true;
	if (is_list && ld > 0.5)
		return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Paragraph output */

typedef struct para {
	size_t off, len; /* cleaned text in the store */
	uint32_t chars, link;
	uint32_t plain_words; /* words outside links */
	uint8_t tag;          /* block element it came from */
} para;

typedef struct emitter {
	nr_buf raw; /* inline text of the paragraph being built */
	uint32_t raw_link, raw_words;
	uint8_t raw_tag;
	nr_buf store; /* cleaned paragraphs */
	para *p;
	size_t np, cap;
	bool oom;
} emitter;

/* Words of two letters or more (so "|", "-" and initials do not count). */
static uint32_t count_words(const char *s)
{
	uint32_t n = 0, run = 0;
	for (const unsigned char *p = (const unsigned char *)s;; p++) {
		if (*p && (isalnum(*p) || *p >= 0x80)) {
			run++;
			continue;
		}
		if (run >= 2)
			n++;
		run = 0;
		if (!*p)
			return n;
	}
}

static void flush(emitter *e)
{
	if (!e->raw.len)
		return;
	size_t off = e->store.len;
	nr_text__clean_append(&e->store, e->raw.data, e->raw.len);
	size_t len = e->store.len - off;
	e->raw.len = 0;
	uint32_t link = e->raw_link, words = e->raw_words;
	e->raw_link = e->raw_words = 0;
	if (e->store.oom || e->raw.oom) {
		e->oom = true;
		return;
	}
	if (len == 0)
		return;
	nr_buf__putc(&e->store, '\0');
	if (e->np == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 32;
		para *np = realloc(e->p, cap * sizeof(*np));
		if (!np) {
			e->oom = true;
			return;
		}
		e->p = np;
		e->cap = cap;
	}
	uint32_t chars, commas;
	measure(e->store.data + off, &chars, &commas);
	e->p[e->np++] = (para){ off, len, chars, link, words, e->raw_tag };
}

static void emit_subtree(emitter *e, hinfo *root, unsigned flags, bool fragment)
{
	xmlNode *top = root->node;
	xmlNode *n = top;
	for (;;) {
		bool enter = true;
		if (n->type == XML_ELEMENT_NODE) {
			hinfo *h = info_of(n);
			if (h->skip || (n != top && (flags & A_CLEAN) && clean_away(h, flags)) ||
			    (!fragment && (h->tag == T_H1 || (h->cluster && !h->cluster_below)))) {
				enter = false;
				if (h->kind & K_BLOCK)
					flush(e);
			} else if (h->kind & K_BLOCK) {
				flush(e);
				e->raw_tag = h->tag;
			} else if (h->tag == T_BR) {
				flush(e);
				e->raw_tag = h->blk->tag;
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
			   n->content) {
			hinfo *p = info_of(n->parent);
			if (!e->raw.len && p)
				e->raw_tag = p->blk->tag;
			nr_buf__puts(&e->raw, (const char *)n->content);
			if (p && (p->sflags & S_IN_A)) {
				uint32_t ch, cm;
				measure((const char *)n->content, &ch, &cm);
				e->raw_link += ch;
			} else {
				e->raw_words += count_words((const char *)n->content);
			}
		}
		if (enter && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		/* Leave n, and every ancestor whose last child it was. */
		for (;;) {
			hinfo *h = info_of(n);
			if (h && (h->kind & K_BLOCK))
				flush(e);
			if (n == top)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* Lowercased ASCII key without edge punctuation, for phrase look-ups. */
static bool phrase_key(const char *s, size_t len, char *out, size_t cap)
{
	while (len && strchr(" .:;!|>\xBB-", s[len - 1]))
		len--;
	while (len && strchr(" |<\xAB-", s[0]))
		s++, len--;
	if (len + 1 > cap)
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[len] = '\0';
	return true;
}

static const char *const furniture[] = {
	"advertisement",
	"advertising",
	"sponsored",
	"sponsored content",
	"share",
	"share this",
	"share this article",
	"share this story",
	"share on facebook",
	"share on twitter",
	"tweet",
	"email",
	"print",
	"comments",
	"comment",
	"leave a comment",
	"read more",
	"continue reading",
	"related",
	"related articles",
	"related stories",
	"see also",
	"more",
	"subscribe",
	"sign up",
	"follow us",
	"back to top",
	"skip to content",
	"loading",
	"loading...",
	"close",
	"menu",
	"next",
	"previous",
	"facebook",
	"twitter",
	"linkedin",
	"whatsapp",
	"pinterest",
	"reddit",
	"copy link",
	"story continues below",
	"article continues below",
	"continue reading below",
	"scroll to continue",
	"view comments",
	"show comments",
	"click here",
	"image",
	"photo",
	"video",
};

static const char *const furniture_prefixes[] = {
	"read more:",
	"read also:",
	"also read:",
	"related:",
	"see also:",
	"more:",
	"tags:",
	"topics:",
	"filed under",
	"share this",
	"follow us",
	"sign up for",
	"subscribe to",
	"click here",
	"advertisement",
	"image:",
	"photo:",
	"credit:",
	"image credit",
	"photo credit",
	"copyright",
	"\xC2\xA9",
	"all rights reserved",
	"recommended:",
	"watch:",
	"listen:",
	"read next",
	"don't miss",
	"you may also like",
};

static bool is_furniture(const char *s, size_t len)
{
	char key[96];
	if (len < 90) {
		for (size_t i = 0; i < NR_ARRAY_LEN(furniture_prefixes); i++) {
			size_t n = strlen(furniture_prefixes[i]);
			if (len >= n && !strncasecmp(s, furniture_prefixes[i], n))
				return true;
		}
	}
	if (!phrase_key(s, len, key, sizeof(key)))
		return false;
	for (size_t i = 0; i < NR_ARRAY_LEN(furniture); i++)
		if (!strcmp(key, furniture[i]))
			return true;
	return false;
}

/* Same words, ignoring case, spacing and punctuation. */
static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < alen && !isalnum((unsigned char)a[i]) && (unsigned char)a[i] < 0x80)
			i++;
		while (j < blen && !isalnum((unsigned char)b[j]) && (unsigned char)b[j] < 0x80)
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[j]))
			return false;
		i++, j++;
	}
}

static bool ends_sentence(const char *s, size_t len)
{
	while (len && strchr("\"')]\xBB\x9D\x99", s[len - 1]))
		len--;
	return len && strchr(".!?:", s[len - 1]);
}

static bool ci_find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n < 10)
		return false;
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* "Updated 11:21 pm, Tuesday" and the like: page furniture around the
 * story, not part of it. */
static bool is_timestamp_line(const char *s, size_t len)
{
	static const char *const lead[] = {
		"updated",      "published",     "posted",
		"last updated", "last modified", "first published",
	};
	if (len >= 80)
		return false;
	bool lead_ok = false;
	for (size_t i = 0; i < NR_ARRAY_LEN(lead) && !lead_ok; i++)
		lead_ok = !strncasecmp(s, lead[i], strlen(lead[i]));
	if (!lead_ok)
		return false;
	for (size_t i = 0; i < len; i++)
		if (isdigit((unsigned char)s[i]))
			return true;
	return false;
}

/* "Follow us on Twitter and Facebook": the page promoting itself. */
static bool is_follow_us(const char *s, size_t len)
{
	if (len >= 250)
		return false;
	char low[256];
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[len] = '\0';
	if (!strstr(low, "follow"))
		return false;
	if (strstr(low, "twitter") || strstr(low, "facebook") || strstr(low, "instagram"))
		return true;
	return !strncmp(low, "follow ", 7) && (strstr(low, "http") || strstr(low, "coverage"));
}

static bool has_year(const char *s, size_t len)
{
	for (size_t i = 0; i + 4 <= len; i++) {
		if ((i > 0 && isdigit((unsigned char)s[i - 1])) ||
		    (i + 4 < len && isdigit((unsigned char)s[i + 4])))
			continue;
		if ((!strncmp(s + i, "19", 2) || !strncmp(s + i, "20", 2)) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
			return true;
	}
	return false;
}

/* A line that is only a date and time ("Nov. 20, 2019 6:02 AM EST"): the
 * page's dateline above the story. */
static bool is_date_line(const char *s, size_t len)
{
	if (len >= 60 || !has_year(s, len))
		return false;
	size_t letters = 0, words = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		bool alpha = isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
		letters += alpha;
		if (alpha && !in)
			words++;
		in = alpha;
	}
	/* Month and weekday names, AM/PM, a zone: a handful of short words. */
	return words <= 6 && letters <= 30;
}

/* Drop what is not article text: link lines, furniture phrases, the
 * headline and byline repeated at the top. */
static void filter(emitter *e, const nr_html_hints *hints, bool fragment, bool *keep)
{
	const char *title = hints && hints->title ? hints->title : "";
	const char *byline = hints && hints->byline ? hints->byline : "";
	bool body_started = false;
	for (size_t i = 0; i < e->np; i++) {
		const para *p = &e->p[i];
		const char *s = e->store.data + p->off;
		keep[i] = true;
		if (fragment)
			continue;
		double ld = p->chars ? (double)p->link / p->chars : 0;
		bool heading = p->tag >= T_H2 && p->tag <= T_H6;
		if (!heading && ((ld > 0.5 && p->chars < 100 && p->plain_words < 3) ||
				 (ld > 0.75 && p->chars < 400)))
			keep[i] = false;
		else if (is_furniture(s, p->len))
			keep[i] = false;
		else if (*title && p->chars < 300 && same_text(s, p->len, title, strlen(title)))
			keep[i] = false;
		else if (*title && p->len < strlen(title) + 40 && ci_find(s, title))
			keep[i] = false; /* breadcrumb or kicker ending in the headline */
		else if (is_timestamp_line(s, p->len) || is_follow_us(s, p->len))
			keep[i] = false;
		else if (!body_started && is_date_line(s, p->len))
			keep[i] = false;
		else if (!body_started && p->chars < 100 && !ends_sentence(s, p->len) &&
			 ((p->len > 3 && !strncasecmp(s, "by ", 3)) ||
			  (*byline && strlen(byline) >= 4 && strstr(s, byline))))
			keep[i] = false;
		if (keep[i] && p->chars >= 100)
			body_started = true;
	}
}

static size_t kept_chars(const emitter *e, const bool *keep)
{
	size_t n = 0;
	for (size_t i = 0; i < e->np; i++)
		if (keep[i])
			n += e->p[i].chars;
	return n;
}

static void emitter_free(emitter *e)
{
	nr_buf__free(&e->raw);
	nr_buf__free(&e->store);
	free(e->p);
	memset(e, 0, sizeof(*e));
}

/* The headline: the first <h1> that shares the nearest ancestor with the
 * article container (inside it, or in a wrapper just above it). One pass
 * over the h1s, each climbing until it meets the container's ancestry. */
static void find_h1(extractor *x, hinfo *top, nr_buf *out)
{
	uint32_t rank = 1;
	for (hinfo *a = top; a; a = a->parent)
		a->anc = rank++;
	hinfo *best = NULL;
	uint32_t best_rank = UINT32_MAX;
	for (size_t i = 0; i < x->n; i++) {
		hinfo *h = &x->info[i];
		if (h->tag != T_H1)
			continue;
		hinfo *a = h;
		bool hidden = false;
		for (; a && !a->anc; a = a->parent)
			hidden |= (a->kind & K_JUNK) || (a->sflags & S_HIDDEN);
		if (a && !hidden && a->anc < best_rank && a->tag != T_HTML) {
			best = h;
			best_rank = a->anc;
		}
	}
	for (hinfo *a = top; a; a = a->parent)
		a->anc = 0;
	if (!best)
		return;
	nr_buf t = NR_BUF_INIT;
	nr_html__text(&t, best->node);
	nr_text__clean_append(out, t.data ? t.data : "", t.len);
	nr_buf__free(&t);
}

static bool in_furniture(const hinfo *h)
{
	for (; h; h = h->parent)
		if ((h->sflags & S_UNLIKELY) || (h->kind & K_STRUCT))
			return true;
	return false;
}

int nr_html__body(nr_html_body *out, xmlDoc *doc, bool fragment, const nr_html_hints *hints)
{
	memset(out, 0, sizeof(*out));
	extractor x = { doc, NULL, NULL, 0, hints };
	int rc = build(&x);
	if (rc)
		return rc;
	if (!x.n || !x.body) {
		free(x.info);
		return NR_OK;
	}

	static const unsigned attempts[] = { A_STRIP | A_WEIGHT | A_CLEAN, A_WEIGHT | A_CLEAN,
					     A_CLEAN, 0 };
	emitter best = { 0 };
	bool *best_keep = NULL;
	size_t best_chars = 0;
	hinfo *best_top = NULL;
	size_t nattempts = fragment ? 1 : NR_ARRAY_LEN(attempts);
	for (size_t k = 0; k < nattempts; k++) {
		unsigned flags = fragment ? 0 : attempts[k];
		aggregate(&x, flags);
		hinfo *root = info_of(x.body);
		hinfo **roots = NULL;
		size_t nroots = 0;
		hinfo *top = root;
		if (!fragment) {
			top = score_all(&x, flags);
			if (!top || top->tag == T_BODY || top->tag == T_HTML)
				top = root;
			else
				top = refine_top(&x, top);
			nroots = pick_roots(top, &roots);
		}
		if (!nroots) {
			free(roots);
			roots = malloc(sizeof(*roots));
			if (!roots) {
				rc = NR_ENOMEM;
				break;
			}
			roots[0] = top;
			nroots = 1;
		}
		emitter e = { 0 };
		for (size_t i = 0; i < nroots; i++) {
			emit_subtree(&e, roots[i], flags, fragment);
			flush(&e);
		}
		free(roots);
		bool *keep = calloc(e.np ? e.np : 1, sizeof(bool));
		if (!keep || e.oom) {
			free(keep);
			emitter_free(&e);
			rc = NR_ENOMEM;
			break;
		}
		filter(&e, hints, fragment, keep);
		size_t chars = kept_chars(&e, keep);
		/* A relaxed attempt that lands in a part the strict one dropped
		 * as furniture (the comments under a short story, say) only
		 * wins when the strict one found next to nothing. */
		bool distrust = best_keep && best_chars >= 140 && in_furniture(top);
		if (!best_keep || (chars > best_chars && !distrust)) {
			emitter_free(&best);
			free(best_keep);
			best = e;
			best_keep = keep;
			best_chars = chars;
			best_top = top;
		} else {
			emitter_free(&e);
			free(keep);
		}
		if (best_chars >= 500)
			break;
	}
	if (!rc && best_keep) {
		for (size_t i = 0; i < best.np; i++) {
			if (!best_keep[i])
				continue;
			nr_buf__put(&out->paras, best.store.data + best.p[i].off, best.p[i].len);
			nr_buf__putc(&out->paras, '\0');
			out->count++;
		}
		if (!fragment && best_top)
			find_h1(&x, best_top, &out->h1);
		if (out->paras.oom || out->h1.oom)
			rc = NR_ENOMEM;
	}
	emitter_free(&best);
	free(best_keep);
	/* Leave no pointers into freed memory behind in the tree. */
	for (size_t i = 0; i < x.n; i++)
		x.info[i].node->_private = NULL;
	free(x.info);
	return rc;
}

void nr_html__body_free(nr_html_body *out)
{
	nr_buf__free(&out->paras);
	nr_buf__free(&out->h1);
	memset(out, 0, sizeof(*out));
}

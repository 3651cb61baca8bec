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
 * page furniture (html_clean.c). The slots themselves, and what each
 * element is, come from html_elems.c. */
#include "read/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Scoring: one attempt's totals, votes and choice of container */

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
static bool link_cluster(const nr_html_elem *h)
{
	return !(h->kind & K_BLOCK) && h->tag != T_A && h->nlinks >= 3 && h->text >= 60 &&
	       (double)h->link >= 0.9 * h->text;
}

static void aggregate(nr_html_page *x, unsigned flags)
{
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
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
		nr_html_elem *h = &x->info[i];
		if (h->skip)
			continue;
		h->blk->own += h->dtext;
		h->blk->own_commas += h->dcommas;
	}
	for (size_t i = x->n; i-- > 0;) {
		nr_html_elem *h = &x->info[i];
		nr_html_elem *p = h->parent;
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

static double link_density(const nr_html_elem *h)
{
	return h->text ? (double)h->link / (double)h->text : 0.0;
}

static void init_candidate(nr_html_elem *h, unsigned flags)
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

static nr_html_elem *score_all(nr_html_page *x, unsigned flags)
{
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
		if (h->skip || h->blk != h || h->own < 25 || !is_scorable(h->tag))
			continue;
		double s = 1.0 + h->own_commas + (h->own / 100 > 3 ? 3 : h->own / 100);
		nr_html_elem *a = (is_container(h->tag) && h->nblockkids > 0) ? h : h->parent;
		for (int level = 0; a && level < 5; level++, a = a->parent) {
			if (a->tag == T_HTML)
				break;
			if (!a->cand)
				init_candidate(a, flags);
			a->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
		}
	}
	nr_html_elem *top = NULL;
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
		if (!h->cand)
			continue;
		h->score *= 1.0 - link_density(h);
		if (!top || h->score > top->score)
			top = h;
	}
	return top;
}

static bool is_ancestor(const nr_html_elem *a, const nr_html_elem *h)
{
	for (; h; h = h->parent)
		if (h == a)
			return true;
	return false;
}

/* Readability's moves from the best-scored container to the one that
 * holds the whole article. */
static nr_html_elem *refine_top(nr_html_page *x, nr_html_elem *top)
{
	nr_html_elem *best[5] = { 0 };
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
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
		for (nr_html_elem *p = top->parent; p && p->tag != T_BODY && p->tag != T_HTML;
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
	for (nr_html_elem *p = top->parent; p && p->tag != T_BODY && p->tag != T_HTML;
	     p = p->parent) {
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

static bool same_class(const char *tcls, const xmlNode *c)
{
	const char *scls = nr_html__attr(c, "class");
	return tcls && *tcls && scls && !strcmp(tcls, scls);
}

/* Does sibling s of the top container belong with it? By its own score
 * (helped by sharing the top's class), by its paragraph text, or, for a
 * lone <p>, by being a sentence of text with few links. */
static bool belongs_with_top(const nr_html_elem *s, const nr_html_elem *top, const char *tcls)
{
	if (s == top)
		return true;
	double threshold = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
	if (s->cand) {
		double bonus = same_class(tcls, s->node) ? top->score * 0.2 : 0;
		if (s->score + bonus >= threshold)
			return true;
	}
	/* Readability only votes five levels up, so an article split
	 * into deeper-wrapped parts can leave a part unscored: judge
	 * such siblings by their paragraph text. */
	if (s->ptext >= 140 && link_density(s) < 0.25 &&
	    (same_class(tcls, s->node) || s->ptext * 4 >= top->ptext))
		return true;
	if (s->tag == T_P) {
		double ld = link_density(s);
		if (s->text > 80 && ld < 0.25)
			return true;
		if (s->text > 0 && s->text <= 80 && ld == 0 && ends_like_sentence(s->node))
			return true;
	}
	return false;
}

/* The top container and the siblings that belong with it, in document
 * order; 0 when out of memory. */
static size_t pick_roots(nr_html_elem *top, nr_html_elem ***out)
{
	nr_html_elem **roots = NULL;
	size_t cap = 0, n = 0;
	if (!top->parent) {
		if (!nr__grow((void **)&roots, &cap, sizeof(*roots), 8))
			return 0;
		roots[n++] = top;
		*out = roots;
		return n;
	}
	const char *tcls = nr_html__attr(top->node, "class");
	for (xmlNode *c = top->parent->node->children; c; c = c->next) {
		nr_html_elem *s = nr_html__elem(c);
		if (!s || s->skip || !belongs_with_top(s, top, tcls))
			continue;
		if (n == cap && !nr__grow((void **)&roots, &cap, sizeof(*roots), 8)) {
			free(roots);
			return 0;
		}
		roots[n++] = s;
	}
	*out = roots;
	return n;
}

/* Readability's conditional cleaning: blocks inside the article that look
 * like link lists, image galleries, forms or thin fragments. */
static bool clean_away(const nr_html_elem *h, unsigned flags)
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

typedef struct emitter {
	nr_buf raw; /* inline text of the paragraph being built */
	uint32_t raw_link, raw_words;
	uint8_t raw_tag;
	nr_buf store; /* cleaned paragraphs */
	nr_html_para *p;
	size_t np, cap;
	bool oom;
} emitter;

/* Words of two letters or more (so "|", "-" and initials do not count). */
static uint32_t count_multiletter_words(const char *s)
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
	if (e->np == e->cap && !nr__grow((void **)&e->p, &e->cap, sizeof(nr_html_para), 32)) {
		e->oom = true;
		return;
	}
	uint32_t chars, commas;
	nr_html__measure(e->store.data + off, &chars, &commas);
	e->p[e->np++] = (nr_html_para){ off, len, chars, link, words, e->raw_tag };
}

static void emit_subtree(emitter *e, nr_html_elem *root, unsigned flags, bool fragment)
{
	xmlNode *top = root->node;
	xmlNode *n = top;
	for (;;) {
		bool enter = true;
		if (n->type == XML_ELEMENT_NODE) {
			nr_html_elem *h = nr_html__elem(n);
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
			nr_html_elem *p = nr_html__elem(n->parent);
			if (!e->raw.len && p)
				e->raw_tag = p->blk->tag;
			nr_buf__puts(&e->raw, (const char *)n->content);
			if (p && (p->sflags & S_IN_A)) {
				uint32_t ch, cm;
				nr_html__measure((const char *)n->content, &ch, &cm);
				e->raw_link += ch;
			} else {
				e->raw_words += count_multiletter_words((const char *)n->content);
			}
		}
		if (enter && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		/* Leave n, and every ancestor whose last child it was. */
		for (;;) {
			nr_html_elem *h = nr_html__elem(n);
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
static void find_h1(nr_html_page *x, nr_html_elem *top, nr_buf *out)
{
	uint32_t rank = 1;
	for (nr_html_elem *a = top; a; a = a->parent)
		a->anc = rank++;
	nr_html_elem *best = NULL;
	uint32_t best_rank = UINT32_MAX;
	for (size_t i = 0; i < x->n; i++) {
		nr_html_elem *h = &x->info[i];
		if (h->tag != T_H1)
			continue;
		nr_html_elem *a = h;
		bool hidden = false;
		for (; a && !a->anc; a = a->parent)
			hidden |= (a->kind & K_JUNK) || (a->sflags & S_HIDDEN);
		if (a && !hidden && a->anc < best_rank && a->tag != T_HTML) {
			best = h;
			best_rank = a->anc;
		}
	}
	for (nr_html_elem *a = top; a; a = a->parent)
		a->anc = 0;
	if (!best)
		return;
	nr_buf t = NR_BUF_INIT;
	nr_html__text(&t, best->node);
	nr_text__clean_append(out, t.data ? t.data : "", t.len);
	nr_buf__free(&t);
}

static bool in_furniture(const nr_html_elem *h)
{
	for (; h; h = h->parent)
		if ((h->sflags & S_UNLIKELY) || (h->kind & K_STRUCT))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Attempts */

/* What one attempt found: its paragraphs, which of them are kept, how
 * much text that is, and the container they came from. */
typedef struct attempt {
	emitter e;
	bool *keep;
	size_t chars;
	nr_html_elem *top;
} attempt;

static void attempt_free(attempt *t)
{
	emitter_free(&t->e);
	free(t->keep);
	t->keep = NULL;
}

/* The containers an attempt takes its text from: the best-scored one,
 * refined, with the siblings that belong with it; the whole body for a
 * fragment, or when nothing but the body scored. NULL when out of
 * memory. */
static nr_html_elem **choose_roots(nr_html_page *x, unsigned flags, bool fragment,
				   nr_html_elem **top_out, size_t *nroots)
{
	nr_html_elem *top = nr_html__elem(x->body);
	nr_html_elem **roots = NULL;
	size_t n = 0;
	if (!fragment) {
		nr_html_elem *best = score_all(x, flags);
		if (best && best->tag != T_BODY && best->tag != T_HTML)
			top = refine_top(x, best);
		n = pick_roots(top, &roots);
	}
	if (!n) {
		free(roots);
		roots = malloc(sizeof(*roots));
		if (!roots)
			return NULL;
		roots[0] = top;
		n = 1;
	}
	*top_out = top;
	*nroots = n;
	return roots;
}

/* Score with the attempt's rules, emit the chosen containers as
 * paragraphs and judge each paragraph. */
static int run_attempt(attempt *t, nr_html_page *x, unsigned flags, bool fragment,
		       const nr_html_hints *hints)
{
	memset(t, 0, sizeof(*t));
	aggregate(x, flags);
	size_t nroots;
	nr_html_elem **roots = choose_roots(x, flags, fragment, &t->top, &nroots);
	if (!roots)
		return NR_ENOMEM;
	for (size_t i = 0; i < nroots; i++) {
		emit_subtree(&t->e, roots[i], flags, fragment);
		flush(&t->e);
	}
	free(roots);
	t->keep = calloc(t->e.np ? t->e.np : 1, sizeof(bool));
	if (!t->keep || t->e.oom) {
		attempt_free(t);
		return NR_ENOMEM;
	}
	nr_html__keep_paras(t->e.p, t->e.np, t->e.store.data, hints, fragment, t->keep);
	t->chars = kept_chars(&t->e, t->keep);
	return NR_OK;
}

/* Attempts run strictest first, until one keeps 500 characters. A later
 * one wins only with more text, and a relaxed attempt that lands in a
 * part the strict one dropped as furniture (the comments under a short
 * story, say) only when the strict one found next to nothing. */
static int best_attempt(attempt *best, nr_html_page *x, bool fragment, const nr_html_hints *hints)
{
	static const unsigned rules[] = { A_STRIP | A_WEIGHT | A_CLEAN, A_WEIGHT | A_CLEAN, A_CLEAN,
					  0 };
	size_t n = fragment ? 1 : NR_ARRAY_LEN(rules);
	for (size_t k = 0; k < n; k++) {
		attempt t;
		int rc = run_attempt(&t, x, fragment ? 0 : rules[k], fragment, hints);
		if (rc)
			return rc;
		bool distrust = best->keep && best->chars >= 140 && in_furniture(t.top);
		if (!best->keep || (t.chars > best->chars && !distrust)) {
			attempt_free(best);
			*best = t;
		} else {
			attempt_free(&t);
		}
		if (best->chars >= 500)
			break;
	}
	return NR_OK;
}

/* Hand the kept paragraphs over, and the headline above the container. */
static int take_paras(nr_html_body *out, const attempt *best, nr_html_page *x, bool fragment)
{
	const emitter *e = &best->e;
	for (size_t i = 0; i < e->np; i++) {
		if (!best->keep[i])
			continue;
		nr_buf__put(&out->paras, e->store.data + e->p[i].off, e->p[i].len);
		nr_buf__putc(&out->paras, '\0');
		out->count++;
	}
	if (!fragment && best->top)
		find_h1(x, best->top, &out->h1);
	return out->paras.oom || out->h1.oom ? NR_ENOMEM : NR_OK;
}

int nr_html__body(nr_html_body *out, xmlDoc *doc, bool fragment, const nr_html_hints *hints)
{
	memset(out, 0, sizeof(*out));
	nr_html_page x = { 0 };
	int rc = nr_html__page_slots(&x, doc);
	if (!rc && x.n && x.body) {
		attempt best = { 0 };
		rc = best_attempt(&best, &x, fragment, hints);
		if (!rc && best.keep)
			rc = take_paras(out, &best, &x, fragment);
		attempt_free(&best);
	}
	nr_html__page_free(&x);
	return rc;
}

void nr_html__body_free(nr_html_body *out)
{
	nr_buf__free(&out->paras);
	nr_buf__free(&out->h1);
	memset(out, 0, sizeof(*out));
}

/*
 * marks.c - pass 1 of the quote extractor: quotation marks are classified
 * (opening, closing, either) and paired per paragraph. Curly and straight
 * marks pair with each other (papers mix them), two touching apostrophes
 * count as one double mark, singles only matter outside a double
 * quotation (nested ones stay inside it), and a quotation left open at a
 * paragraph end continues when the next paragraph opens with a mark
 * (quotes running over several paragraphs).
 */
#include "extract/quotes/quotes_int.h"

static bool mark_push(qctx *q, const qmark *mk)
{
	if (q->nm == q->capm && !nr__grow((void **)&q->m, &q->capm, sizeof(qmark), 64)) {
		q->oom = true;
		return false;
	}
	q->m[q->nm++] = *mk;
	return true;
}

static bool space_or_edge(const qctx *q, uint32_t pos, bool before)
{
	if (before) {
		if (pos == 0)
			return true;
		unsigned char c = (unsigned char)q->t[pos - 1];
		return c == ' ' || c == '\n' || c == '(' || c == '[' || c == '\t' ||
		       c == 0x94 /* end of an em dash */ || c == 0xA0;
	}
	if (pos >= q->a->text_len)
		return true;
	unsigned char c = (unsigned char)q->t[pos];
	return c == ' ' || c == '\n' || c == ',' || c == '.' || c == ';' || c == ':' || c == ')' ||
	       c == '?' || c == '!' || c == '\t' || c == 0xE2 /* dash, quote */;
}

/* The mark starting at token i (code point cp): one token, or two
 * apostrophes that make a double mark. Returns the last token it takes. */
static uint32_t mark_tokens(const qctx *q, uint32_t i, uint32_t cp, qmark *mk)
{
	if (cp == '\'' && i + 1 < q->ntok && q->tok[i + 1].kind == NR_TOKEN_QUOTE &&
	    q->tok[i + 1].start == mk->end && q->t[mk->end] == '\'') {
		mk->ntok = 2;
		mk->end = q->tok[i + 1].end;
		return i + 1;
	}
	if (cp == '\'' && i > 0 && q->tok[i - 1].kind == NR_TOKEN_PUNCT &&
	    q->tok[i - 1].end == mk->start && tlen(q, i - 1) == 1 && ttext(q, i - 1)[0] == '\'' &&
	    i > 1 && q->tok[i - 2].end == q->tok[i - 1].start) {
		/* "mechanics''": the segmenter took the first apostrophe
		 * for a plural possessive; the two close a quotation. */
		mk->tok = i - 1;
		mk->ntok = 2;
		mk->start = q->tok[i - 1].start;
		return i;
	}
	if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x2039 ||
	    cp == 0x203A)
		mk->dbl = false;
	return i;
}

/* Opening, closing or either: curly marks say so, straight ones by the
 * spaces around them. */
static uint8_t mark_direction(const qctx *q, uint32_t cp, const qmark *mk)
{
	uint8_t dir = MARK_EITHER;
	switch (cp) {
	case 0x201C:
	case 0x201E:
	case 0x00AB:
	case 0x2018:
	case 0x201A:
	case 0x2039: dir = MARK_OPEN; break;
	case 0x201D:
	case 0x00BB:
	case 0x2019:
	case 0x203A: dir = MARK_CLOSE; break;
	default: {
		bool sb = space_or_edge(q, mk->start, true);
		bool sa = space_or_edge(q, mk->end, false);
		if (sb && !sa)
			dir = MARK_OPEN;
		else if (sa && !sb)
			dir = MARK_CLOSE;
		break;
	}
	}
	/* A curly mark printed the wrong way round still says where it
	 * sits: “ glued to the end of a word closes. */
	if (dir == MARK_OPEN && !space_or_edge(q, mk->start, true) &&
	    space_or_edge(q, mk->end, false))
		dir = MARK_CLOSE;
	return dir;
}

/* Every quotation mark of the article, in text order, into q->m. */
static void collect_marks(qctx *q)
{
	for (uint32_t i = 0; i < q->ntok; i++) {
		if (q->tok[i].kind != NR_TOKEN_QUOTE)
			continue;
		qmark mk = { i, 1, q->tok[i].start, q->tok[i].end, MARK_EITHER, true };
		uint32_t cp;
		nr_utf8__decode(q->t + mk.start, mk.end - mk.start, &cp);
		i = mark_tokens(q, i, cp, &mk);
		mk.dir = mark_direction(q, cp, &mk);
		if (!mark_push(q, &mk))
			return;
	}
}

static bool next_para_opens(const qctx *q, size_t mi, uint32_t para)
{
	if (mi >= q->nm)
		return false;
	const qmark *n = &q->m[mi];
	if (!n->dbl || n->dir == MARK_CLOSE)
		return false;
	if (para_of_tok(q, n->tok) != para + 1)
		return false;
	return q->a->paragraphs[para + 1].start == n->start;
}

/* Pair double marks into spans, in text order. */
static span *pair_marks(qctx *q, size_t *nspans)
{
	span *sp = malloc((q->nm + 1) * sizeof(*sp));
	*nspans = 0;
	if (!sp) {
		q->oom = true;
		return NULL;
	}
	size_t ns = 0, mi = 0, oi = 0;
	bool open = false;
	uint32_t cur = 0;
	for (;;) {
		while (mi < q->nm && !q->m[mi].dbl)
			mi++;
		if (open) {
			if (mi >= q->nm || para_of_tok(q, q->m[mi].tok) != cur) {
				/* Open at the paragraph end: continued when the next
				 * paragraph opens with a mark, else ends there. */
				if (mi < q->nm && next_para_opens(q, mi, cur)) {
					cur++;
					mi++;
					continue;
				}
				span s = { (uint32_t)oi, UINT32_MAX, q->m[oi].start,
					   q->a->paragraphs[cur].end, false };
				sp[ns++] = s;
				open = false;
				continue;
			}
			const qmark *mk = &q->m[mi];
			if (mk->dir == MARK_OPEN) {
				/* A new quotation opens before the last one closed:
				 * the old one ends here. */
				span s = { (uint32_t)oi, UINT32_MAX, q->m[oi].start, mk->start,
					   false };
				while (s.end > s.start && q->t[s.end - 1] == ' ')
					s.end--;
				sp[ns++] = s;
				oi = mi++;
				continue;
			}
			span s = { (uint32_t)oi, (uint32_t)mi, q->m[oi].start, mk->end, false };
			sp[ns++] = s;
			open = false;
			mi++;
			continue;
		}
		if (mi >= q->nm)
			break;
		if (q->m[mi].dir == MARK_CLOSE) {
			mi++; /* a stray closing mark */
			continue;
		}
		open = true;
		oi = mi;
		cur = para_of_tok(q, q->m[mi].tok);
		mi++;
	}
	*nspans = ns;
	return sp;
}

/* Single-quoted stretches outside the double ones (British style,
 * headlines, quotes within a paragraph that uses no doubles). */
static size_t pair_singles(qctx *q, span *sp, size_t ns, size_t cap)
{
	size_t n = ns;
	size_t si = 0;
	for (size_t mi = 0; mi < q->nm && n < cap; mi++) {
		const qmark *mk = &q->m[mi];
		if (mk->dbl || mk->dir != MARK_OPEN)
			continue;
		while (si < ns && sp[si].end <= mk->start)
			si++;
		if (si < ns && sp[si].start <= mk->start)
			continue; /* nested inside a double quotation */
		uint32_t para = para_of_tok(q, mk->tok);
		for (size_t j = mi + 1; j < q->nm; j++) {
			const qmark *c = &q->m[j];
			if (para_of_tok(q, c->tok) != para || c->dbl)
				break;
			if (c->dir == MARK_OPEN)
				break;
			span s = { (uint32_t)mi, (uint32_t)j, mk->start, c->end, true };
			sp[n++] = s;
			mi = j;
			break;
		}
	}
	return n;
}

static int span_cmp(const void *x, const void *y)
{
	const span *a = x, *b = y;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* The quoted spans in text order: doubles paired first, then singles
 * outside them. */
span *nr_quotes__find_spans(qctx *q, size_t *nspans)
{
	*nspans = 0;
	collect_marks(q);
	if (q->oom)
		return NULL;
	size_t ns = 0;
	span *sp = pair_marks(q, &ns);
	if (!sp)
		return NULL;
	span *sp2 = realloc(sp, (ns + q->nm + 1) * sizeof(*sp));
	if (!sp2) {
		free(sp);
		q->oom = true;
		return NULL;
	}
	sp = sp2;
	ns = pair_singles(q, sp, ns, ns + q->nm + 1);
	qsort(sp, ns, sizeof(*sp), span_cmp);
	*nspans = ns;
	return sp;
}

/*
 * candidates.c - one sentence at a time, the words that name something
 * become candidate mentions: lexicon names (countries, places,
 * organisations, government actors), capitalised runs with an
 * organisation cue, people's names with or without a title, and the
 * parts of hyphenated compounds ("U.S.-Pakistani"). What type an
 * undecided name has is typing.c's question; resolve.c settles the rest
 * at document level.
 */
#include "entities_int.h"

/* A sentence being scanned, and the run of tokens [i, R) being decided
 * in it: `plain` is the run's end before any connector ("of", "for"),
 * L the tokens of the lexicon name at i (0 when none). */
typedef struct scanrun {
	uint32_t si;
	size_t sb, se;  /* the sentence's tokens */
	size_t numbers; /* number tokens in it */
	size_t i, R, plain;
	size_t L;
	const nr_lex_entry *le;
	int lexid;
	bool cap; /* token i is capitalised */
} scanrun;

/* Tokens [from, to) belong to a mention or a title: no later run starts
 * or goes on there. */
static inline void take_tokens(ctx *x, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		x->tf[k] |= TF_USED;
}

cand *nr_ent__add_cand(ctx *x, uint32_t start, uint32_t end, uint32_t tok0, uint32_t tok1,
		       uint32_t sentence)
{
	if (x->nc == x->capc && !nr__grow((void **)&x->c, &x->capc, sizeof(cand), 64)) {
		x->oom = true;
		return NULL;
	}
	cand *c = &x->c[x->nc++];
	memset(c, 0, sizeof(*c));
	c->start = start;
	c->end = end;
	c->tok0 = tok0;
	c->tok1 = tok1;
	c->sentence = sentence;
	c->kind = NR_MENTION_NAME;
	c->target = -1;
	c->affil = -1;
	c->entity = -1;
	c->key = x->text + start;
	c->keylen = end - start;
	c->nwords = (uint8_t)(tok1 - tok0 > 255 ? 255 : tok1 - tok0);
	bool caps = true;
	for (uint32_t t = tok0; t < tok1; t++)
		if (x->toks[t].kind == NR_TOKEN_WORD && !(x->tf[t] & TF_ALLCAPS))
			caps = false;
	c->allcaps = caps;
	if (tok1 > tok0) {
		x->start_cand[tok0] = (int32_t)(x->nc - 1);
		x->end_cand[tok1 - 1] = (int32_t)(x->nc - 1);
	}
	return c;
}

/* A candidate of `type`, found by `src`, over tokens [i, end), which it
 * takes. NULL when out of memory. */
static cand *add_run(ctx *x, size_t i, size_t end, uint32_t sent, uint8_t type, uint8_t src)
{
	cand *c = nr_ent__add_cand(x, x->toks[i].start, x->toks[end - 1].end, (uint32_t)i,
				   (uint32_t)end, sent);
	if (c) {
		c->type = type;
		c->src = src;
	}
	take_tokens(x, i, end);
	return c;
}

static uint8_t lex_type(int lexid)
{
	if (lexid == NR_LEX_ORGANIZATIONS || lexid == NR_LEX_GOV_ACTORS)
		return NR_ENTITY_ORGANIZATION;
	if (lexid == NR_LEX_PERSONS)
		return NR_ENTITY_PERSON;
	return NR_ENTITY_LOCATION;
}

/* c is lexicon entry e of lexicon lexid: its type, and as its key the
 * canonical name, the country's for whatever stands for a country.
 * Demonyms name nothing by themselves. */
static void take_lex_entry(const ctx *x, cand *c, const nr_lex_entry *e, int lexid)
{
	c->lex = e;
	c->src = SRC_LEX;
	c->type = lex_type(lexid);
	c->key = e->canonical;
	c->keylen = (uint32_t)strlen(e->canonical);
	if (lexid != NR_LEX_COUNTRIES)
		return;
	const nr_lex_entry *ce = nr_lexicon__country(x->lex, e->phrase, strlen(e->phrase));
	if (ce) {
		c->key = ce->canonical;
		c->keylen = (uint32_t)strlen(ce->canonical);
	}
	if (strcmp(e->cls, "demonym") == 0) {
		c->src = SRC_DEMONYM;
		c->kind = NR_MENTION_DEMONYM;
	}
}

/* A lexicon hit at tokens [i, i+n), which it takes. */
static cand *add_lex(ctx *x, size_t i, size_t n, uint32_t sent, const nr_lex_entry *e, int lexid)
{
	cand *c = nr_ent__add_cand(x, x->toks[i].start, x->toks[i + n - 1].end, (uint32_t)i,
				   (uint32_t)(i + n), sent);
	if (!c)
		return NULL;
	take_lex_entry(x, c, e, lexid);
	if ((lexid == NR_LEX_COUNTRIES && strcmp(e->cls, "alias") == 0) ||
	    ((lexid == NR_LEX_ORGANIZATIONS || lexid == NR_LEX_PERSONS) &&
	     !eq_fold(e->phrase, strlen(e->phrase), e->canonical, strlen(e->canonical))))
		c->kind = NR_MENTION_ALIAS;
	take_tokens(x, i, i + n);
	return c;
}

/* ------------------------------------------------------------------ */
/* Hyphenated compounds: "al-Qaida-linked", "U.S.-Pakistani".           */

/* The longest prefix of s[off, n), ending at a hyphen or at n, that names
 * an organisation, a country or a place (in that order of preference);
 * *end and *lexid say where it ends and which lexicon. Prefixes are no
 * longer than any lexicon phrase, which bounds the work on hostile words. */
static const nr_lex_entry *lex_prefix(const ctx *x, const char *s, size_t off, size_t n,
				      size_t *end, int *lexid)
{
	static const int order[] = { NR_LEX_ORGANIZATIONS, NR_LEX_COUNTRIES, NR_LEX_LOCATIONS };
	size_t top = n - off > 64 ? off + 64 : n;
	for (size_t e = top; e > off; e--) {
		if (e != n && s[e] != '-')
			continue;
		for (size_t k = 0; k < NR_ARRAY_LEN(order); k++) {
			const nr_lex_entry *le = nr_lexicon__lookup(x->lex, order[k], s + off,
								    e - off);
			if (le) {
				*end = e;
				*lexid = order[k];
				return le;
			}
		}
	}
	return NULL;
}

/* Candidates for the parts of hyphenated word i: lexicon names, and a
 * reliably capitalised part before a lower-case tail ("Okoro-led"). At
 * most eight parts, however long the word. */
static void hyphen_parts(ctx *x, size_t i, uint32_t sent)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i), off = 0;
	uint32_t t0 = x->toks[i].start;
	for (int parts = 0; off < n && parts < 8; parts++) {
		size_t best = 0;
		int bl = 0;
		const nr_lex_entry *be = lex_prefix(x, s, off, n, &best, &bl);
		if (be && !(be->flags & NR_LEXF_EXACT_CASE &&
			    strncmp(be->phrase, s + off, best - off) != 0)) {
			cand *c = nr_ent__add_cand(x, t0 + (uint32_t)off, t0 + (uint32_t)best,
						   (uint32_t)i, (uint32_t)i, sent);
			if (!c)
				return;
			take_lex_entry(x, c, be, bl);
			off = best + 1;
			continue;
		}
		/* A capitalised part before a lower-case tail: a name. */
		const char *h = memchr(s + off, '-', n - off);
		size_t e = h ? (size_t)(h - s) : n;
		if (e > off && s[off] >= 'A' && s[off] <= 'Z' && h && e + 1 < n &&
		    s[e + 1] >= 'a' && s[e + 1] <= 'z' && nr_ent__capset_has(x, s + off, e - off)) {
			cand *c = nr_ent__add_cand(x, t0 + (uint32_t)off, t0 + (uint32_t)e,
						   (uint32_t)i, (uint32_t)i, sent);
			if (!c)
				return;
			c->src = SRC_SHAPE;
		}
		off = e + 1;
	}
}

/* ------------------------------------------------------------------ */
/* Runs of a sentence.                                                  */

/* A city named before a lower-case "state" ("Washington state", "New
 * York state") is the state when the places lexicon lists it so: the
 * mention stays the name, the entity is the state, not the capital. */
static void city_or_state(ctx *x, cand *c, const scanrun *r)
{
	size_t j = r->i + r->L;
	if (!c || r->lexid != NR_LEX_LOCATIONS || strcmp(r->le->cls, "city") != 0 || j >= r->se ||
	    (x->tf[j] & TF_CAP) || !tok_is(x, j, "state"))
		return;
	char buf[160];
	size_t n = c->end - c->start;
	if (n + sizeof(" state") > sizeof(buf))
		return;
	memcpy(buf, x->text + c->start, n);
	memcpy(buf + n, " state", sizeof(" state"));
	const nr_lex_entry *all[4];
	size_t got = nr_lexicon__lookup_all(x->lex, NR_LEX_LOCATIONS, buf, n + 6, all, 4);
	for (size_t k = 0; k < got && k < 4; k++)
		if (strcmp(all[k]->cls, "state") == 0) {
			take_lex_entry(x, c, all[k], NR_LEX_LOCATIONS);
			return;
		}
}

/* The lexicon name at r->i, which the run is. */
static size_t take_lex_run(ctx *x, const scanrun *r)
{
	size_t i = r->i, L = r->L;
	cand *c = add_lex(x, i, L, r->si, r->le, r->lexid);
	city_or_state(x, c, r);
	/* "Chicago 5 Boston 3": in a table of scores a city or state
	 * stands for its team. */
	if (c && r->lexid == NR_LEX_LOCATIONS && i + L < r->se &&
	    x->toks[i + L].kind == NR_TOKEN_NUMBER && r->numbers >= 3 &&
	    (strcmp(r->le->cls, "city") == 0 || strcmp(r->le->cls, "state") == 0)) {
		c->type = NR_ENTITY_ORGANIZATION;
		c->src = SRC_CUE;
		c->key = x->text + c->start;
		c->keylen = c->end - c->start;
	}
	return i + L;
}

/* A name over tokens [n0, n1), after its title over [r->i, n0) when
 * `title` is set; the run up to n1 is taken. Returns where to go on. */
static size_t take_name(ctx *x, const scanrun *r, size_t n0, size_t n1, const nr_lex_entry *title)
{
	/* Post-nominals close a name, they are no part of it: "Frank Mole
	 * MP", "Ana Ruiz QC". */
	if (n1 - n0 >= 3 && nr_ent__is_postnominal(x, n1 - 1))
		n1--;
	/* A name run may hold a lexicon place after the name ("Simmons
	 * Leicestershire" never happens; "Okoro Washington" rarely): stop
	 * before a lexicon hit past the first word. */
	bool fname = n1 - n0 >= 2 && is_first_name(x, n0);
	for (size_t k = n0 + 1; k < n1 && !fname; k++) {
		const nr_lex_entry *e2;
		int l2;
		if (name_match(x, k, r->se, &e2, &l2)) {
			n1 = k;
			break;
		}
	}
	cand *c = nr_ent__add_cand(x, x->toks[n0].start, x->toks[n1 - 1].end, (uint32_t)n0,
				   (uint32_t)n1, r->si);
	if (!c)
		return n1;
	take_tokens(x, r->i, n1);
	c->src = SRC_SHAPE;
	if (title) {
		c->type = NR_ENTITY_PERSON;
		c->src = SRC_PERSON;
		nr_ent__attach_title(x, c, r->i, n0, title, r->sb);
	} else {
		nr_ent__type_name_run(x, c, n0, n1, r->sb, r->se);
	}
	return n1;
}

/* A title inside the run ("New Home Secretary Ann Lee", "Labour MP Ann
 * Lee") before a name word: the run stops before it, and what comes
 * before it is taken up on its own. */
static void cut_at_inner_title(const ctx *x, scanrun *r)
{
	for (size_t k = r->i + 1; k + 1 < r->R; k++) {
		const nr_lex_entry *te2;
		size_t t2 = title_match(x, k, r->R, &te2);
		if (t2 && k + t2 < r->R && nr_ent__name_word(x, k + t2)) {
			r->R = k;
			r->plain = r->plain < r->R ? r->plain : r->R;
			return;
		}
	}
}

/* A run that is no lexicon name and has no cue: a name, perhaps opened
 * by a title ("Admiral Ruth Okoro"), or a title alone. */
static size_t take_name_run(ctx *x, scanrun *r)
{
	size_t i = r->i;
	const nr_lex_entry *tme;
	size_t T = title_match(x, i, r->R, &tme);
	if (!T) {
		cut_at_inner_title(x, r);
		if (r->R - i == 1 && is_fw(x, i))
			return i + 1;
		return take_name(x, r, i, r->plain > i ? r->plain : r->R, NULL);
	}
	size_t n0 = i + T;
	if (n0 >= r->R || !(n0 < r->se && nr_ent__name_word(x, n0))) {
		/* A title alone ("the Chairman"). */
		take_tokens(x, i, n0);
		return n0;
	}
	size_t n1;
	nr_ent__run_end(x, n0, r->se, &n1);
	/* "Major League Baseball", "General Motors": a cue after the
	 * title makes it a name of a body. */
	bool body = false;
	for (size_t k = n0; k < n1 && !body; k++)
		body = is_cue(x, k, false) && !is_first_name(x, k);
	if (body) {
		add_run(x, i, n1, r->si, NR_ENTITY_ORGANIZATION, SRC_CUE);
		return n1;
	}
	return take_name(x, r, n0, n1, tme);
}

/* Does an organisation cue make the run a body's name? A head cue needs
 * its "of": "House of Lords", not "House Speaker Ann Lee". */
static bool run_has_cue(const ctx *x, scanrun *r, size_t runlen)
{
	size_t i = r->i, R = r->R, plain = r->plain;
	bool cue = runlen >= 2 &&
		   (is_cue(x, R - 1, false) || (plain < R && (is_cue(x, i, true) ||
							      /* "Roper Center for ..." */
							      is_cue(x, plain - 1, true))));
	/* "Hong Kong Open", "Washington Post", "LG Card": a place or a body
	 * opening a longer name is part of an organisation's (or event's)
	 * name, unless a title or another lexicon name follows it. */
	if (r->L && runlen > r->L && !cue && r->cap &&
	    (r->lexid == NR_LEX_COUNTRIES || r->lexid == NR_LEX_LOCATIONS ||
	     r->lexid == NR_LEX_ORGANIZATIONS) &&
	    strcmp(r->le->cls, "demonym") != 0 &&
	    (!(x->tf[i] & TF_ALLCAPS) || r->lexid == NR_LEX_ORGANIZATIONS)) {
		const nr_lex_entry *e2;
		int l2;
		size_t k = i + r->L;
		if (!title_match(x, k, r->se, &e2) && !name_match(x, k, r->se, &e2, &l2) &&
		    !is_first_name(x, k) && plain > k) {
			cue = true;
			r->R = plain;
		}
	}
	return cue;
}

/* What the run is: a lexicon name, a body named with a cue word, or a
 * name. Returns the token to go on from. */
static size_t decide_run(ctx *x, scanrun *r)
{
	size_t i = r->i, L = r->L;
	size_t runlen = r->R > i ? r->R - i : 0;
	/* "Men", "Total", "Former" capitalised alone: words; so is a cue
	 * alone ("League", "Network"). */
	if (runlen == 1 && !L && (is_fw(x, i) || is_cue(x, i, false) || is_cue(x, i, true)))
		return i + 1;
	bool cue = run_has_cue(x, r, runlen);
	if (L && (L >= runlen || !cue))
		return take_lex_run(x, r);
	if (cue) {
		add_run(x, i, r->R, r->si, NR_ENTITY_ORGANIZATION, SRC_CUE);
		return r->R;
	}
	return take_name_run(x, r);
}

/* Where the run at r->i ends: a name word's run, or, at an unvouched
 * capital at a sentence start, the run of a title that opens a name
 * ("Admiral Okoro said"). False when there is no run to decide. */
static bool find_run(const ctx *x, scanrun *r)
{
	size_t i = r->i;
	r->plain = r->R = i;
	if (r->cap && nr_ent__name_word(x, i)) {
		r->R = nr_ent__run_end(x, i, r->se, &r->plain);
		return true;
	}
	if (r->L)
		return true;
	const nr_lex_entry *te0;
	size_t tn = title_match(x, i, r->se, &te0);
	if (!tn || i + tn >= r->se || !nr_ent__name_word(x, i + tn))
		return false;
	r->R = nr_ent__run_end(x, i + tn, r->se, &r->plain);
	return true;
}

/* Is token j followed by a capitalised token? */
static bool cap_then_cap(const ctx *x, size_t j, size_t se)
{
	return j + 1 < se && (x->tf[j + 1] & TF_CAP);
}

/* Are tokens [i, p) a brief: capitalised words that no lexicon names and
 * that are no given names, weekdays or function words, joined by "and"
 * (commas only in a list that has one)? */
static bool brief_words(const ctx *x, size_t i, size_t p, size_t se)
{
	bool comma = false, and = false;
	for (size_t j = i; j < p; j++) {
		const nr_lex_entry *e;
		int l;
		if (x->tf[j] & TF_CAP) {
			if (x->toks[j].kind != NR_TOKEN_WORD || (x->tf[j] & TF_USED) ||
			    is_first_name(x, j) || is_calendar(x, j) || is_fw(x, j) ||
			    name_match(x, j, se, &e, &l))
				return false;
			continue;
		}
		comma |= tok_is(x, j, ",");
		and |= !tok_is(x, j, ",");
	}
	return !comma || and;
}

/* "Trade and Industry Secretary Ann Lee", "Rural Affairs Minister Ann
 * Lee": capitalised words (joined by "and" or commas) before a minister's
 * one-word title are the brief the office is for, not a body's name.
 * Where that title starts (its entry in *te, its length in *tn), or 0.
 * Asked at every capitalised word: the stretch of capitals is walked on
 * the tokens' shapes alone, the lexicons asked only when a minister's
 * title closes it. */
static size_t portfolio_title(const ctx *x, size_t i, size_t se, const nr_lex_entry **te,
			      size_t *tn)
{
	size_t j = i + 1;
	while (j < se && j < i + 8 &&
	       ((x->tf[j] & TF_CAP) ||
		((tok_is(x, j, "and") || tok_is(x, j, "&") || tok_is(x, j, ",")) &&
		 cap_then_cap(x, j, se))))
		j++;
	for (size_t p = i + 1; p < j; p++) {
		if (!(x->tf[p] & TF_CAP) || !cap_then_cap(x, p, se) ||
		    !nr_ent__in_word_class(x, tok_s(x, p), tok_n(x, p), "ent_portfolio_title"))
			continue;
		/* The title itself, one word: "Minister", not "Prime
		 * Minister" ("On Wednesday, Prime Minister Ana Lee"); and
		 * not one the lexicons know whole ("Home Secretary"). */
		if (title_match(x, i, se, te) || title_match(x, p, se, te) != 1 ||
		    !nr_ent__name_word(x, p + 1) || !brief_words(x, i, p, se))
			return 0;
		*tn = 1;
		return p;
	}
	return 0;
}

/* A minister named with the brief before the title: the brief and the
 * title are the office, the name after them the person. */
static size_t take_portfolio(ctx *x, scanrun *r, size_t j, size_t tn, const nr_lex_entry *te)
{
	size_t n0 = j + tn, n1;
	nr_ent__run_end(x, n0, r->se, &n1);
	size_t before = x->nc;
	size_t next = take_name(x, r, n0, n1, te);
	if (x->nc > before)
		x->c[x->nc - 1].portfolio = true;
	return next;
}

/* Does a lower-case hyphenated word hold a capital ("al-Qaida")? */
static bool has_ascii_upper(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] >= 'A' && s[k] <= 'Z')
			return true;
	return false;
}

/* Scan from token i, taking what starts there; returns the token to go
 * on from. */
static size_t scan_at(ctx *x, scanrun *r, size_t i)
{
	if (x->toks[i].kind != NR_TOKEN_WORD || (x->tf[i] & TF_USED))
		return i + 1;
	r->cap = (x->tf[i] & TF_CAP) != 0;
	/* Lower-case words matter only as compounds ("al-Qaida"). */
	if (!r->cap && !((x->tf[i] & TF_HYPHEN) && has_ascii_upper(tok_s(x, i), tok_n(x, i))))
		return i + 1;
	r->i = i;
	r->L = name_match(x, i, r->se, &r->le, &r->lexid);
	if (r->L == 1 && (r->le->flags & NR_LEXF_EXACT_CASE) == 0 && (x->tf[i] & TF_UNRELIABLE) &&
	    is_fw(x, i))
		r->L = 0; /* "May", "Chad" opening a sentence */
	if (!r->L && (x->tf[i] & TF_HYPHEN) && nr_ent__hyphen_split(x, i)) {
		hyphen_parts(x, i, r->si);
		return i + 1;
	}
	if (!r->cap && !r->L)
		return i + 1;
	if (!r->L && nr_ent__initials_name(x, i, r->se)) {
		size_t plain;
		nr_ent__run_end(x, i, r->se, &plain);
		add_run(x, i, plain, r->si, NR_ENTITY_PERSON, SRC_PERSON);
		return plain;
	}
	const nr_lex_entry *pte;
	size_t ptn, pj = r->cap && !r->L ? portfolio_title(x, i, r->se, &pte, &ptn) : 0;
	if (pj)
		return take_portfolio(x, r, pj, ptn, pte);
	if (!find_run(x, r))
		return i + 1;
	return decide_run(x, r);
}

void nr_ent__scan_sentence(ctx *x, uint32_t si)
{
	const nr_sentence *S = &x->a->sentences[si];
	scanrun r = { .si = si, .sb = S->first_token, .se = S->first_token + S->ntokens };
	size_t pending_person_from = x->nc;
	for (size_t k = r.sb; k < r.se; k++)
		r.numbers += x->toks[k].kind == NR_TOKEN_NUMBER;
	x->cur_se = r.se;
	x->cur_numbers = r.numbers;
	for (size_t i = r.sb; i < r.se && !x->oom;)
		i = scan_at(x, &r, i);
	/* Titles and employers given after the name ("Dr Ana Ruiz, the
	 * health minister": the office, not the honorific). */
	for (size_t k = pending_person_from; k < x->nc; k++) {
		cand *c = &x->c[k];
		if (c->type == NR_ENTITY_PERSON && (!c->title || nr_ent__honorific(c->title)))
			nr_ent__apposition(x, c, r.se);
	}
}

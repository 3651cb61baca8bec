/*
 * entities.c - people, organisations and places named in an article: the
 * order of the passes (entities_int.h lists the files that hold them).
 *
 * One pass over the tokens proposes candidate mentions from the lexicons
 * (countries, places, organisations, government actors, titles, first
 * names), from the shape of capitalised runs and from organisation cue
 * words; a second pass resolves them at document level: surnames join the
 * fuller name ("Vance" -> "Paul Vance"), single words that are part of a
 * known organisation name join it, undecided words take the type the rest
 * of the article gives them. Capitals at sentence starts, in headlines and
 * in ALL-CAPS lines say nothing about names, so words there count only
 * when the lexicons or a reliably capitalised use elsewhere vouch for them.
 *
 * Cost is linear in tokens: a few hash lookups per capitalised word, scratch
 * arrays malloc'd once per article, results in the article's arena.
 */
#include "entities_int.h"

/* The per-token scratch arrays. False when out of memory. */
static bool ctx_open(ctx *x, nr_article *a, const nr_lexicon_set *lex)
{
	x->a = a;
	x->lex = lex;
	x->text = a->text;
	x->toks = a->tokens;
	size_t nt = a->ntokens;
	x->tf = calloc(nt, 1);
	x->end_cand = malloc(nt * sizeof(*x->end_cand));
	x->start_cand = malloc(nt * sizeof(*x->start_cand));
	x->lx = calloc(nt, sizeof(*x->lx));
	x->mc = malloc(nt * sizeof(*x->mc)); /* filled on first use */
	if (!x->tf || !x->end_cand || !x->start_cand || !x->lx || !x->mc)
		return false;
	memset(x->end_cand, 0xff, nt * sizeof(*x->end_cand));
	memset(x->start_cand, 0xff, nt * sizeof(*x->start_cand));
	return true;
}

static void ctx_close(ctx *x)
{
	free(x->tf);
	free(x->end_cand);
	free(x->start_cand);
	free(x->capset.slot);
	free(x->lowset.slot);
	free(x->lx);
	free(x->mc);
	free(x->c);
}

/* Is cand c a company: a lexicon's, or in a company's context? */
static bool cand_company(const cand *c)
{
	return c->company || (c->lex && c->lex->lexicon == NR_LEX_ORGANIZATIONS &&
			      !strcmp(c->lex->cls, "company"));
}

/* The names of the article that some mention shows to be a company's. */
static bool company_keys(const ctx *x, keytab *co)
{
	if (!nr_ent__keytab_init(co, x->nc, false))
		return false;
	for (size_t k = 0; k < x->nc; k++)
		if (cand_company(&x->c[k]))
			nr_ent__keytab_get(co, x->c, x->c[k].key, x->c[k].keylen, 0, (int32_t)k);
	return true;
}

/* What an affiliation is (AF_*). */
static uint8_t affiliation_kind(const ctx *x, keytab *co, const cand *af)
{
	if (cand_company(af) || nr_ent__keytab_get(co, x->c, af->key, af->keylen, 0, -1) >= 0)
		return AF_COMPANY;
	return nr_ent__gov_affiliation(x, af) ? AF_GOV : 0;
}

/*
 * Affiliation names and kinds (government, company), taken while cand
 * indexes still hold, and parked in arrays by cand index; from here
 * `affil` holds each cand's own index so they can follow the cands
 * through resolution and sorting. False when out of memory.
 */
static bool park_affiliations(ctx *x, char ***names, uint8_t **gov)
{
	*names = calloc(x->nc + 1, sizeof(**names));
	*gov = calloc(x->nc + 1, sizeof(**gov));
	keytab co = { 0 };
	if (!*names || !*gov || !company_keys(x, &co)) {
		nr_ent__keytab_free(&co);
		return false;
	}
	for (size_t k = 0; k < x->nc; k++) {
		const cand *ck = &x->c[k];
		if (ck->affil < 0)
			continue;
		const cand *af = &x->c[ck->affil];
		/* Copies: the article may outlive the lexicons. */
		const char *nm = nr_ent__cand_name(af);
		(*names)[k] = nm ? nr_arena__strndup(&x->a->arena, nm, strlen(nm))
				 : nr_arena__strndup(&x->a->arena, x->text + af->start,
						     af->end - af->start);
		if (!(*names)[k]) {
			nr_ent__keytab_free(&co);
			return false;
		}
		(*gov)[k] = affiliation_kind(x, &co, af);
	}
	nr_ent__keytab_free(&co);
	for (size_t k = 0; k < x->nc; k++)
		x->c[k].affil = (int32_t)k;
	return true;
}

/* Sort the resolved cands by position, and the parked arrays with them
 * (by the index each cand had when they were parked). */
static int sort_carrying(ctx *x, char ***names, uint8_t **gov)
{
	char **an = calloc(x->nc + 1, sizeof(*an));
	uint8_t *ag = calloc(x->nc + 1, sizeof(*ag));
	if (!an || !ag) {
		free(an);
		free(ag);
		return NR_ENOMEM;
	}
	nr_ent__sort_cands(x);
	for (size_t k = 0; k < x->nc; k++) {
		an[k] = (*names)[x->c[k].affil];
		ag[k] = (*gov)[x->c[k].affil];
		x->c[k].affil = (int32_t)k;
	}
	free(*names);
	free(*gov);
	*names = an;
	*gov = ag;
	return NR_OK;
}

int nr_entities__run(nr_article *a, const nr_lexicon_set *lex)
{
	if (!a || !lex)
		return NR_EINVAL;
	a->entities = NULL;
	a->nentities = 0;
	a->mentions = NULL;
	a->nmentions = 0;
	if (!a->ntokens || !a->text)
		return NR_OK;
	if (a->ntokens > UINT32_MAX / 4)
		return NR_ETOOBIG;
	ctx x = { 0 };
	char **affil_names = NULL;
	uint8_t *affil_gov = NULL;
	int rc = NR_ENOMEM;
	nr_words own;
	if (!(x.words = nr_words__for(a, lex, &own)))
		return NR_ENOMEM;
	if (!ctx_open(&x, a, x.words->lex) || !nr_ent__mark_tokens(&x))
		goto done;
	int late = NR_OK;
	for (size_t s = 0; s < a->nsentences && !x.oom && !late; s++)
		if (!(late = nr_deadline__check(a->deadline)))
			nr_ent__scan_sentence(&x, (uint32_t)s);
	if (late)
		rc = late;
	if (late || x.oom || !park_affiliations(&x, &affil_names, &affil_gov))
		goto done;
	rc = nr_ent__resolve(&x);
	if (!rc)
		rc = nr_deadline__check(a->deadline);
	if (!rc)
		rc = sort_carrying(&x, &affil_names, &affil_gov);
	if (!rc)
		rc = nr_ent__build(&x, affil_names, affil_gov);
done:
	free(affil_names);
	free(affil_gov);
	ctx_close(&x);
	if (x.words == &own)
		nr_words__free(&own);
	return x.oom ? NR_ENOMEM : rc;
}

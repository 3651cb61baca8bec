/*
 * mentions.c - the resolved candidates become the article's entities and
 * mentions: grouped by key and type, each entity named by its best
 * mention (the canonical form where the article uses it) and titled by
 * its best title; mentions sorted by position, which nr_mentions__from()
 * searches.
 */
#include "entities_int.h"

#include <strings.h>

/* The name a cand gives its entity as is: the lexicon's key for
 * demonyms, places, government actors and the persons a user listed;
 * NULL for the text as written. */
const char *nr_ent__cand_name(const cand *c)
{
	if (c->src == SRC_DEMONYM || (c->lex && c->type == NR_ENTITY_LOCATION) ||
	    (c->lex && (c->lex->lexicon == NR_LEX_GOV_ACTORS || c->lex->lexicon == NR_LEX_PERSONS)))
		return c->key;
	return NULL;
}

static int cmp_cand_start(const void *pa, const void *pb)
{
	const cand *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

void nr_ent__sort_cands(ctx *x)
{
	if (x->nc)
		qsort(x->c, x->nc, sizeof(*x->c), cmp_cand_start);
}

/* One entity being built. */
typedef struct ent_acc {
	int32_t best;   /* cand giving the name */
	int32_t titled; /* cand giving title/affiliation */
	uint32_t n;
} ent_acc;

/* Is a a better source for the name than b? */
static bool better_name(const cand *a, const cand *b)
{
	if (a->allcaps != b->allcaps)
		return !a->allcaps;
	if (a->nwords != b->nwords)
		return a->nwords > b->nwords;
	return (a->end - a->start) > (b->end - b->start);
}

/* Entities by key and type (c->entity), each with the cand giving its
 * name and the one giving its title; *ne is how many. False when out of
 * memory. */
static bool group_cands(ctx *x, ent_acc *acc, size_t *ne)
{
	cand *c = x->c;
	keytab keys = { 0 };
	if (!nr_ent__keytab_init(&keys, x->nc, true))
		return false;
	*ne = 0;
	for (size_t k = 0; k < x->nc; k++) {
		int32_t f = nr_ent__keytab_get(&keys, c, c[k].key, c[k].keylen, c[k].type,
					       (int32_t)k);
		/* An honorific ("Mr", "Sir", "Dr") is no office: the entity's
		 * title is the first office any mention gives. */
		bool office = c[k].title && !nr_ent__honorific(c[k].title);
		if (f == (int32_t)k) {
			acc[*ne].best = (int32_t)k;
			acc[*ne].titled = office ? (int32_t)k : -1;
			c[k].entity = (int32_t)(*ne)++;
		} else {
			ent_acc *e = &acc[c[f].entity];
			c[k].entity = c[f].entity;
			if (better_name(&c[k], &c[e->best]) && c[k].src != SRC_DEMONYM)
				e->best = (int32_t)k;
			if (office && e->titled < 0)
				e->titled = (int32_t)k;
		}
		acc[c[k].entity].n++;
	}
	nr_ent__keytab_free(&keys);
	return true;
}

/* Mentions in cand order, each entity's list of them carved from idx. */
static void fill_mentions(const ctx *x, nr_entity *ents, nr_mention *ms, uint32_t *idx,
			  ent_acc *acc, size_t ne)
{
	const cand *c = x->c;
	uint32_t off = 0;
	for (size_t e = 0; e < ne; e++) {
		ents[e].mentions = idx + off;
		off += acc[e].n;
		acc[e].n = 0;
	}
	for (size_t k = 0; k < x->nc; k++) {
		nr_mention *m = &ms[k];
		m->start = c[k].start;
		m->end = c[k].end;
		m->entity = (uint32_t)c[k].entity;
		m->sentence = c[k].sentence;
		m->kind = c[k].kind;
		nr_entity *en = &ents[c[k].entity];
		en->mentions[acc[c[k].entity].n++] = (uint32_t)k;
		en->nmentions = acc[c[k].entity].n;
	}
}

/* The entity's type, name and (for people) gender, from its best cand b. */
static void name_entity(ctx *x, nr_entity *en, const cand *b, const nr_mention *ms)
{
	en->type = b->type;
	const char *nm = nr_ent__cand_name(b);
	if (!nm && b->lex && b->lex->lexicon == NR_LEX_ORGANIZATIONS) {
		/* The canonical form if the article uses it, else the fullest
		 * form it uses ("ISI", "NATO"). */
		for (uint32_t j = 0; j < en->nmentions; j++) {
			const nr_mention *m = &ms[en->mentions[j]];
			if (eq_fold(x->text + m->start, m->end - m->start, b->key, b->keylen))
				nm = b->key;
		}
	}
	/* A copy even of the lexicon's name: the article may outlive the
	 * lexicons it was analysed with (nr_article_analyze(a, NULL)). */
	if (nm)
		en->name = nr_arena__strndup(&x->a->arena, nm, strlen(nm));
	else
		en->name = nr_arena__strndup(&x->a->arena, x->text + b->start, b->end - b->start);
	en->title = "";
	en->affiliation = "";
	if (en->type == NR_ENTITY_PERSON) {
		/* From a first name only: a name used alone is a surname as
		 * often as not ("Clinton", "Warren"). */
		const char *nb = x->text + b->start;
		size_t fw = strcspn(nb, " ");
		char gd = fw < b->end - b->start ? nr_lexicon__gender(x->lex, nb, fw) : 0;
		en->gender = gd == 'm' || gd == 'f' ? gd : 0;
	}
}

/* The lexicon entry cand c gives an entity of `type`, when the entity is
 * what the entry names (a team named for its town is no town). */
static const nr_lex_entry *naming_entry(const cand *c, uint8_t type)
{
	if (!c->lex || c->src == SRC_CUE || c->type != type)
		return NULL;
	int l = c->lex->lexicon;
	if (type == NR_ENTITY_LOCATION ? l == NR_LEX_COUNTRIES || l == NR_LEX_LOCATIONS
				       : type == NR_ENTITY_ORGANIZATION &&
					     (l == NR_LEX_ORGANIZATIONS || l == NR_LEX_GOV_ACTORS))
		return c->lex;
	return NULL;
}

/* The entity's identity across articles (lexicon/identity.c), from the
 * first mention whose lexicon entry names it, the best one first: its id
 * and listed name, and what it stands for when it acts. Copies in the
 * article's arena, which outlives the lexicon. */
static void identify_entity(ctx *x, nr_entity *en, const cand *b)
{
	en->id = en->act_id = "";
	en->canonical = en->act_canonical = en->name;
	const nr_lex_entry *le = naming_entry(b, en->type);
	for (uint32_t j = 0; !le && j < en->nmentions; j++)
		le = naming_entry(&x->c[en->mentions[j]], en->type);
	if (!le)
		return;
	nr_lex_identity id, act;
	const char *canonical = le->canonical;
	if (nr_lexicon__identity_of(x->lex, le, &id)) {
		canonical = id.canonical;
		en->id = nr_arena__strndup(&x->a->arena, id.id, strlen(id.id));
	}
	if (!eq_fold(canonical, strlen(canonical), b->key, b->keylen)) {
		en->id = "";
		return;
	}
	if (strcmp(canonical, en->name) != 0)
		en->canonical = nr_arena__strndup(&x->a->arena, canonical, strlen(canonical));
	en->act_id = en->id;
	en->act_canonical = en->canonical;
	if (nr_lexicon__acting(x->lex, le, &act)) {
		en->act_id = nr_arena__strndup(&x->a->arena, act.id, strlen(act.id));
		en->act_canonical = nr_arena__strndup(&x->a->arena, act.canonical,
						      strlen(act.canonical));
	}
}

/* A person whose first name says nothing of gender ("Nicola", a surname
 * alone) takes the one an honorific gives in any mention ("Ms Sturgeon"),
 * when they agree. */
static void gender_from_honorifics(const ctx *x, nr_entity *en)
{
	if (en->type != NR_ENTITY_PERSON || en->gender)
		return;
	char g = 0;
	for (uint32_t j = 0; j < en->nmentions; j++) {
		char h = x->c[en->mentions[j]].hgender;
		if (h && g && h != g)
			return;
		if (h)
			g = h;
	}
	en->gender = g;
}

/* The title and affiliation of cand ti, and whether it makes an official. */
static void title_entity(ctx *x, nr_entity *en, size_t ti, char **affil_names,
			 const uint8_t *affil_gov)
{
	const cand *t = &x->c[ti];
	en->title = nr_arena__strndup(&x->a->arena, x->text + t->title_start,
				      t->title_end - t->title_start);
	if (affil_names[ti])
		en->affiliation = affil_names[ti];
	/* A minister's brief makes a public office; a company's "president"
	 * or "chief of staff" holds none. */
	if (t->portfolio)
		en->official = true;
	else if (t->title->official == NR_OFFICIAL_YES)
		en->official = affil_gov[ti] != AF_COMPANY;
	else if (t->title->official == NR_OFFICIAL_DEPENDS)
		en->official = affil_gov[ti] == AF_GOV;
}

static int cmp_key(const void *pa, const void *pb)
{
	const nr_entity_key *a = pa, *b = pb;
	size_t m = a->len < b->len ? a->len : b->len;
	int c = m ? strncasecmp(a->s, b->s, m) : 0;
	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->entity < b->entity ? -1 : a->entity > b->entity;
}

/* Every name the entities go by (name, listed name, acting name), sorted
 * up to ASCII case, for nr_article__entity_named(). */
static int index_names(nr_article *a, const nr_entity *ents, size_t ne)
{
	nr_entity_key *k = nr_arena__calloc(&a->arena, ne * 3 + 1, sizeof(*k));
	if (!k)
		return NR_ENOMEM;
	size_t n = 0;
	for (size_t e = 0; e < ne; e++) {
		const char *names[3] = { ents[e].name, ents[e].canonical, ents[e].act_canonical };
		for (size_t i = 0; i < 3; i++) {
			if (i && (!names[i] || !strcasecmp(names[i], names[i - 1]) ||
				  (i == 2 && !strcasecmp(names[2], names[0]))))
				continue;
			size_t len = strlen(names[i]);
			k[n++] = (nr_entity_key){ names[i],
						  len > UINT32_MAX ? UINT32_MAX : (uint32_t)len,
						  (uint32_t)e };
		}
	}
	if (n > 1)
		qsort(k, n, sizeof(*k), cmp_key);
	a->entity_keys = k;
	a->nentity_keys = n;
	return NR_OK;
}

/*
 * The article's entities and mentions from the sorted cands; the parked
 * affiliation names and government flags are indexed like the cands.
 */
int nr_ent__build(ctx *x, char **affil_names, const uint8_t *affil_gov)
{
	nr_article *a = x->a;
	size_t nc = x->nc, ne = 0;
	ent_acc *acc = calloc(nc + 1, sizeof(*acc));
	if (!acc || !group_cands(x, acc, &ne)) {
		free(acc);
		return NR_ENOMEM;
	}
	nr_entity *ents = nr_arena__calloc(&a->arena, ne ? ne : 1, sizeof(*ents));
	nr_mention *ms = nr_arena__calloc(&a->arena, nc ? nc : 1, sizeof(*ms));
	uint32_t *idx = nr_arena__calloc(&a->arena, nc ? nc : 1, sizeof(*idx));
	if (!ents || !ms || !idx) {
		free(acc);
		return NR_ENOMEM;
	}
	fill_mentions(x, ents, ms, idx, acc, ne);
	int rc = NR_OK;
	for (size_t e = 0; e < ne && !rc; e++) {
		nr_entity *en = &ents[e];
		name_entity(x, en, &x->c[acc[e].best], ms);
		if (en->name)
			identify_entity(x, en, &x->c[acc[e].best]);
		gender_from_honorifics(x, en);
		if (acc[e].titled >= 0)
			title_entity(x, en, (size_t)acc[e].titled, affil_names, affil_gov);
		if (!en->name || !en->title || !en->id || !en->canonical || !en->act_id ||
		    !en->act_canonical)
			rc = NR_ENOMEM;
	}
	free(acc);
	if (!rc)
		rc = index_names(a, ents, ne);
	if (rc)
		return rc;
	a->entities = ents;
	a->nentities = ne;
	a->mentions = ms;
	a->nmentions = nc;
	return NR_OK;
}

size_t nr_mentions__from(const nr_article *a, uint32_t b)
{
	size_t lo = 0, hi = a->nmentions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->mentions[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * parties.c - who a phrase names: an entity (with the kind of actor it
 * is, whether it holds public office, its country), a pronoun resolved to
 * the entity it stands for, or a group as written ("Pakistani officials":
 * government, official, PAK). Kinds come from actor_kinds.tsv, through
 * the head noun of a phrase, the words of an organisation's name, or the
 * class another lexicon gives the name ("militant", "foreign_ministry").
 */
#include "extract/statements/statements_int.h"

const char *nr_st__intern(sctx *x, const char *s)
{
	if (!s || !*s)
		return "";
	size_t h = (size_t)(((uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15ull) >> 58);
	if (x->intern_src[h] != s) {
		const char *d = nr_arena__strndup(&x->a->arena, s, strlen(s));
		if (!d) {
			x->oom = true;
			return "";
		}
		x->intern_src[h] = s;
		x->intern_dst[h] = d;
	}
	return x->intern_dst[h];
}

/* The static name of a kind the lexicon gives (its cls). */
static const char *kind_name(const char *cls)
{
	for (size_t i = 0; nr_lexicon__actor_kinds[i]; i++)
		if (!strcmp(nr_lexicon__actor_kinds[i], cls))
			return nr_lexicon__actor_kinds[i];
	return "";
}

/* The actor_kinds row of a phrase, or NULL. */
static const nr_lex_entry *kind_row(sctx *x, const char *s, size_t n)
{
	return n ? nr_lexicon__lookup(x->lex, NR_LEX_ACTOR_KINDS, s, n) : NULL;
}

/* The row of a lexicon class ("foreign_ministry" reads "foreign ministry"). */
static const nr_lex_entry *class_row(sctx *x, const char *cls)
{
	char buf[64];
	size_t n = strlen(cls);
	if (!n || n >= sizeof(buf))
		return NULL;
	for (size_t i = 0; i < n; i++)
		buf[i] = cls[i] == '_' ? ' ' : cls[i];
	return kind_row(x, buf, n);
}

/* ISO alpha-3 of a country name, alias or demonym, or NULL. */
static const char *country_code(sctx *x, const char *s, size_t n)
{
	const nr_lex_entry *c = n ? nr_lexicon__country(x->lex, s, n) : NULL;
	return c && c->nfields > 2 && *c->fields[2] ? nr_st__intern(x, c->fields[2]) : NULL;
}

/* The country an affiliation or a body's name stands for: a country
 * itself, a government actor ("White House") or a known organisation. */
static const char *country_of_name(sctx *x, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n)
		return NULL;
	const char *cc = country_code(x, s, n);
	if (cc)
		return cc;
	static const int lexes[] = { NR_LEX_GOV_ACTORS, NR_LEX_ORGANIZATIONS, NR_LEX_LOCATIONS };
	for (size_t i = 0; i < NR_ARRAY_LEN(lexes); i++) {
		const nr_lex_entry *e = nr_lexicon__lookup(x->lex, lexes[i], s, n);
		if (e && *e->country)
			return country_code(x, e->country, strlen(e->country));
	}
	return NULL;
}

/* The kind row an organisation's own words give: the last word of its
 * name that names a kind ("Interior Ministry", "Ministry of Defence"). */
static const nr_lex_entry *name_words_row(sctx *x, const char *name)
{
	const nr_lex_entry *row = NULL;
	for (const char *p = name; *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		const nr_lex_entry *e = kind_row(x, w, (size_t)(p - w));
		if (e)
			row = e;
	}
	return row;
}

static void organization_facts(sctx *x, const nr_entity *en, efacts *f)
{
	static const int lexes[] = { NR_LEX_ORGANIZATIONS, NR_LEX_GOV_ACTORS };
	const nr_lex_entry *row = NULL;
	size_t n = strlen(en->name);
	for (size_t i = 0; !row && i < NR_ARRAY_LEN(lexes); i++) {
		const nr_lex_entry *e = nr_lexicon__lookup(x->lex, lexes[i], en->name, n);
		if (e) {
			row = class_row(x, e->cls);
			if (*e->country)
				f->country = country_code(x, e->country, strlen(e->country));
		}
	}
	if (!row)
		row = name_words_row(x, en->name);
	f->kind = row ? kind_name(row->cls) : "organization";
	f->official = row && row->official == NR_OFFICIAL_YES;
	if (!f->country)
		f->country = country_of_name(x, en->affiliation);
	if (!f->country) {
		/* "Pakistani Foreign Ministry": a demonym in the name. */
		for (const char *p = en->name; *p && !f->country;) {
			const char *w = p;
			while (*p && *p != ' ')
				p++;
			f->country = country_code(x, w, (size_t)(p - w));
			while (*p == ' ')
				p++;
		}
	}
}

static const efacts *entity_facts(sctx *x, int32_t ei)
{
	efacts *f = &x->ef[ei];
	if (f->done)
		return f;
	f->done = true;
	const nr_entity *en = &x->a->entities[ei];
	switch (en->type) {
	case NR_ENTITY_PERSON:
		f->kind = kind_name("person");
		f->official = en->official;
		f->country = country_of_name(x, en->affiliation);
		break;
	case NR_ENTITY_LOCATION:
		/* "Pakistan rejected ...": a place that acts is its government. */
		f->kind = kind_name("government");
		f->official = true;
		f->country = country_of_name(x, en->name);
		break;
	default: organization_facts(x, en, f); break;
	}
	if (!f->country)
		f->country = "";
	return f;
}

void nr_st__party_entity(sctx *x, int32_t entity, uint32_t start, uint32_t end, nr_party *out)
{
	memset(out, 0, sizeof(*out));
	out->start = start;
	out->end = end;
	out->entity = entity;
	out->kind = out->country = "";
	if (entity < 0 || (size_t)entity >= x->a->nentities)
		return;
	const efacts *f = entity_facts(x, entity);
	out->name = x->a->entities[entity].name;
	out->kind = f->kind;
	out->official = f->official;
	out->country = f->country;
}

/* The entity a third-person pronoun at token h stands for: the nearest
 * earlier mention of a fitting entity, a few sentences back at most. */
static int32_t resolve_pronoun(sctx *x, uint32_t h, int32_t exclude)
{
	bool male = tclass(x, h, SW_MALE), female = tclass(x, h, SW_FEMALE);
	bool person = male || female;
	const nr_article *a = x->a;
	size_t m = nr_mentions__from(a, x->tok[h].start);
	uint32_t first_sent = x->sent > 3 ? x->sent - 3 : 0;
	for (size_t n = 0; m > 0 && n < W_PRONOUN; n++) {
		const nr_mention *mm = &a->mentions[--m];
		if (mm->sentence < first_sent)
			break;
		if (mm->entity >= a->nentities)
			continue;
		const nr_entity *e = &a->entities[mm->entity];
		if (person != (e->type == NR_ENTITY_PERSON))
			continue;
		if (person && e->gender && e->gender != (male ? 'm' : 'f'))
			continue;
		if ((int32_t)mm->entity == exclude)
			continue;
		return (int32_t)mm->entity;
	}
	return -1;
}

/* A group as written: kind from its head, country from its words. */
static void party_group(sctx *x, const phrase *p, nr_party *out)
{
	uint32_t h = p->head;
	const nr_lex_entry *row = NULL;
	if (h > p->s && tword(x, h - 1) && nr_words__may_start(x->words, h - 1, NR_LEX_ACTOR_KINDS))
		row = kind_row(x, ttext(x, h - 1), x->tok[h].end - x->tok[h - 1].start);
	if (!row)
		row = nr_st__lookup(x, NR_LEX_ACTOR_KINDS, h);
	const nr_lex_entry *title = row ? NULL : nr_st__lookup(x, NR_LEX_TITLES, h);
	for (uint32_t k = p->s; k < p->e && !*out->country; k++) {
		int32_t m = x->tmention[k];
		const char *cc = NULL;
		if (m >= 0 && x->a->mentions[m].entity < x->a->nentities)
			cc = entity_facts(x, (int32_t)x->a->mentions[m].entity)->country;
		else if (tword(x, k))
			cc = country_code(x, ttext(x, k), tlen(x, k));
		if (cc)
			out->country = cc;
	}
	if (row) {
		out->kind = kind_name(row->cls);
		out->official = row->official == NR_OFFICIAL_YES ||
				(row->official == NR_OFFICIAL_DEPENDS && *out->country);
	} else if (title) {
		out->kind = kind_name("person");
		out->official = title->official == NR_OFFICIAL_YES;
	} else if (tclass(x, h, SW_GROUP_NOUN)) {
		out->kind = kind_name("group");
	}
}

void nr_st__party_of(sctx *x, const phrase *p, nr_party *out)
{
	memset(out, 0, sizeof(*out));
	out->entity = -1;
	out->kind = out->country = "";
	if (!p->ok)
		return;
	uint32_t s = x->tok[p->s].start, e = x->tok[p->e - 1].end;
	int32_t m = p->mention;
	if (m >= 0 && x->a->mentions[m].entity < x->a->nentities) {
		nr_st__party_entity(x, (int32_t)x->a->mentions[m].entity, s, e, out);
		return;
	}
	out->start = s;
	out->end = e;
	if (tclass(x, p->head, SW_PRONOUN)) {
		/* "we", "I": the speaker's side; "you": whoever is spoken to,
		 * whom the text does not name here. */
		int32_t ent = tclass(x, p->head, SW_FIRST_PERSON | SW_SECOND_PERSON)
				  ? -1
				  : resolve_pronoun(x, p->head, -1);
		if (ent >= 0)
			nr_st__party_entity(x, ent, s, e, out);
		return;
	}
	out->name = nr_arena__strndup(&x->a->arena, x->t + s, e - s);
	if (!out->name)
		x->oom = true;
	party_group(x, p, out);
}

void nr_st__party_other(sctx *x, nr_party *p, int32_t exclude)
{
	if (p->end <= p->start)
		return;
	uint32_t lo = nr_tokens__first_at(x->tok, x->ntok, p->start);
	if (lo >= x->ntok || x->tok[lo].end != p->end || !tclass(x, lo, SW_PRONOUN) ||
	    tclass(x, lo, SW_FIRST_PERSON | SW_SECOND_PERSON))
		return;
	int32_t ent = resolve_pronoun(x, lo, exclude);
	uint32_t s = p->start, e = p->end;
	if (ent >= 0) {
		nr_st__party_entity(x, ent, s, e, p);
	} else {
		memset(p, 0, sizeof(*p));
		p->entity = -1;
		p->kind = p->country = "";
		p->start = s;
		p->end = e;
	}
}

void nr_st__party_speaker(sctx *x, const nr_quote *q, nr_party *out)
{
	if (q->speaker_entity >= 0) {
		nr_st__party_entity(x, q->speaker_entity, q->speaker_start, q->speaker_end, out);
		return;
	}
	memset(out, 0, sizeof(*out));
	out->entity = -1;
	out->kind = out->country = "";
	out->start = q->speaker_start;
	out->end = q->speaker_end;
	out->name = q->speaker;
	if (!q->speaker || q->speaker_end <= q->speaker_start)
		return;
	/* The speaker phrase as the quote extractor found it: its last word
	 * is its head ("Pakistani officials"). */
	phrase p = { 0, 0, 0, -1, true, false };
	uint32_t lo = nr_tokens__first_at(x->tok, x->ntok, q->speaker_start);
	p.s = lo;
	for (p.e = lo; p.e < x->ntok && x->tok[p.e].end <= q->speaker_end; p.e++)
		;
	if (p.e == p.s || !tword(x, p.e - 1))
		return;
	p.head = p.e - 1;
	party_group(x, &p, out);
}

/* analyze.c - the public face of entity, quotation and statement
 * extraction: nr_article_analyze() and the getters; the passes on demand
 * (nr_article__analyze, nr_article__analyze_statements). */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

const char *nr_entity_type_name(nr_entity_type t)
{
	switch (t) {
	case NR_ENTITY_PERSON: return "person";
	case NR_ENTITY_ORGANIZATION: return "organization";
	case NR_ENTITY_LOCATION: return "location";
	}
	return "unknown";
}

const char *nr_quote_kind_name(nr_quote_kind k)
{
	switch (k) {
	case NR_QUOTE_DIRECT: return "direct";
	case NR_QUOTE_MIXED: return "mixed";
	case NR_QUOTE_INDIRECT: return "indirect";
	}
	return "unknown";
}

const char *nr_modality_name(nr_modality m)
{
	switch (m) {
	case NR_MODALITY_ASSERTED: return "asserted";
	case NR_MODALITY_HEDGED: return "hedged";
	case NR_MODALITY_FUTURE: return "future";
	case NR_MODALITY_QUESTION: return "question";
	}
	return "unknown";
}

const char *nr_voice_name(nr_voice v)
{
	switch (v) {
	case NR_VOICE_ACTIVE: return "active";
	case NR_VOICE_PASSIVE: return "passive";
	}
	return "unknown";
}

/* What a failed pass leaves: no entities, mentions or quotes (statements
 * come after them, so there are none yet), or no statements. */
static void forget_base(nr_article *a)
{
	a->entities = NULL;
	a->nentities = 0;
	a->mentions = NULL;
	a->nmentions = 0;
	a->entity_keys = NULL;
	a->nentity_keys = 0;
	a->quotes = NULL;
	a->nquotes = 0;
}

static void forget_statements(nr_article *a)
{
	a->statements = NULL;
	a->nstatements = 0;
	a->quote_statement = NULL;
}

/*
 * The passes `a` still lacks, under one view of the lexicons: entities
 * and quotes, then the statements when `statements` asks for them. The
 * deadline is polled once per sentence within a pass and between passes.
 * A pass that fails leaves nothing half-built: entities and quotes go
 * together, statements alone (entities and quotes already made stay).
 */
static int run_passes(nr_article *a, const nr_lexicon *lex, const nr_deadline *dl, bool statements)
{
	if (!a)
		return NR_EINVAL;
	bool base = !a->analyzed, stated = statements && !a->stated;
	if (!base && !stated)
		return NR_OK;
	nr_lexicon *own = NULL;
	if (!lex) {
		int rc = nr_lexicon_new(&own);
		if (rc)
			return rc;
		lex = own;
	}
	/* The extractors ask about the same words over and over: one view
	 * answers each once, and a warm one, that the lexicon keeps between
	 * analyses, remembers the words of the articles before. */
	nr_arena scratch;
	nr_arena__init(&scratch);
	int warm;
	const nr_lexicon_set *set = nr_lexicon__borrow_view(lex, &scratch, a->ntokens, &warm);
	/* ... and each token is found in it once, for all passes. */
	nr_words words;
	int rc = nr_words__init(&words, a, set);
	if (rc) {
		nr_lexicon__give_back(lex, warm);
		nr_arena__free(&scratch);
		nr_lexicon_free(own);
		return rc;
	}
	a->words = &words;
	a->deadline = dl;
	if (base) {
		rc = nr_entities__run(a, set);
		if (!rc)
			rc = nr_deadline__check(dl);
		if (!rc)
			rc = nr_quotes__run(a, set);
		if (rc)
			forget_base(a);
		a->analyzed = !rc;
	}
	if (stated && !rc) {
		rc = nr_deadline__check(dl);
		if (!rc)
			rc = nr_statements__run(a, set);
		if (rc)
			forget_statements(a);
		a->stated = !rc;
	}
	a->deadline = NULL;
	a->words = NULL;
	nr_words__free(&words);
	nr_lexicon__give_back(lex, warm);
	nr_arena__free(&scratch);
	nr_lexicon_free(own);
	return rc;
}

int nr_article_analyze(nr_article *a, const nr_lexicon *lex)
{
	return run_passes(a, lex, NULL, true);
}

int nr_article__analyze(nr_article *a, const nr_lexicon *lex, const nr_deadline *dl)
{
	return run_passes(a, lex, dl, false);
}

int nr_article__analyze_statements(nr_article *a, const nr_lexicon *lex, const nr_deadline *dl)
{
	return run_passes(a, lex, dl, true);
}

bool nr_article__is_stated(const nr_article *a) { return a && a->stated; }

int nr_article_is_analyzed(const nr_article *a) { return a && a->analyzed; }

size_t nr_article_entity_count(const nr_article *a) { return a ? a->nentities : 0; }

int nr_article_entity(const nr_article *a, size_t i, nr_entity_info *out)
{
	if (!a || !out || i >= a->nentities)
		return NR_EINVAL;
	const nr_entity *e = &a->entities[i];
	out->name = e->name;
	out->type = (nr_entity_type)e->type;
	out->title = e->title ? e->title : "";
	out->affiliation = e->affiliation ? e->affiliation : "";
	out->official = e->official;
	out->mention_count = e->nmentions;
	return NR_OK;
}

nr_span nr_article_entity_mention(const nr_article *a, size_t i, size_t j)
{
	nr_span s = { 0, 0 };
	if (!a || i >= a->nentities || j >= a->entities[i].nmentions)
		return s;
	const nr_mention *m = &a->mentions[a->entities[i].mentions[j]];
	s.start = m->start;
	s.end = m->end;
	return s;
}

int nr_article_entity_identity(const nr_article *a, size_t i, const char **id,
			       const char **canonical)
{
	if (!a || i >= a->nentities)
		return NR_EINVAL;
	const nr_entity *e = &a->entities[i];
	if (id)
		*id = e->id ? e->id : "";
	if (canonical)
		*canonical = e->canonical ? e->canonical : e->name;
	return NR_OK;
}

size_t nr_article_quote_count(const nr_article *a) { return a ? a->nquotes : 0; }

int nr_article_quote(const nr_article *a, size_t i, nr_quote_info *out)
{
	if (!a || !out || i >= a->nquotes)
		return NR_EINVAL;
	const nr_quote *q = &a->quotes[i];
	out->content.start = q->start;
	out->content.end = q->end;
	out->kind = (nr_quote_kind)q->kind;
	out->speaker = q->speaker;
	out->speaker_entity = q->speaker_entity;
	out->speaker_span.start = q->speaker_start;
	out->speaker_span.end = q->speaker_end;
	out->cue.start = q->cue_start;
	out->cue.end = q->cue_end;
	out->cue_lemma = q->cue_lemma ? q->cue_lemma : "";
	out->sentence = q->sentence;
	return NR_OK;
}

size_t nr_article_statement_count(const nr_article *a) { return a ? a->nstatements : 0; }

static void party_info(const nr_party *p, nr_party_info *out)
{
	out->span.start = p->start;
	out->span.end = p->end;
	out->entity = p->entity;
	out->name = p->name;
	out->kind = p->kind ? p->kind : "";
	out->official = p->official;
	out->country = p->country ? p->country : "";
}

int nr_article_party_identity(const nr_article *a, size_t i, nr_party_role role, const char **id,
			      const char **canonical)
{
	if (!a || i >= a->nstatements || (unsigned)role > NR_PARTY_REPORTED)
		return NR_EINVAL;
	const nr_statement *s = &a->statements[i];
	const nr_party *p = role == NR_PARTY_ACTOR    ? &s->actor
			    : role == NR_PARTY_TARGET ? &s->target
						      : &s->reported;
	if (id)
		*id = p->id ? p->id : "";
	if (canonical)
		*canonical = p->canonical ? p->canonical : p->name;
	return NR_OK;
}

int nr_article_statement(const nr_article *a, size_t i, nr_statement_info *out)
{
	if (!a || !out || i >= a->nstatements)
		return NR_EINVAL;
	const nr_statement *s = &a->statements[i];
	out->act = s->act;
	out->cameo = s->cameo;
	party_info(&s->actor, &out->actor);
	party_info(&s->target, &out->target);
	party_info(&s->reported, &out->reported);
	out->content.start = s->content_start;
	out->content.end = s->content_end;
	out->cue.start = s->cue_start;
	out->cue.end = s->cue_end;
	out->sentence = s->sentence;
	out->negated = s->negated;
	out->modality = (nr_modality)s->modality;
	out->voice = (nr_voice)s->voice;
	out->quote = s->quote;
	out->denied.start = s->denied_start;
	out->denied.end = s->denied_end;
	return NR_OK;
}

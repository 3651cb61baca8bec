/*
 * copy.c - alerts that outlive the scan: nr_alert_copy() and its
 * nr_alert_free(), and nr_alert_get_info(), an alert in one call.
 *
 * A copy is one arena holding the alert's strings and what its accessors
 * and JSON form read of the article (nr_alert_snap); the rule's id,
 * title and tags stay in the rule set, which the copy holds a reference
 * to. The article text is kept when NR_ALERT_JSON_TEXT would print it
 * (at most NR_ALERT_MAX_TEXT bytes); else each evidence keeps the text of
 * its context, which is all NR_ALERT_JSON_CONTEXT prints.
 */
#include "alerts/alert.h"
#include "extract/access.h"

#include <stdlib.h>
#include <string.h>

typedef struct alert_copy {
	nr_alert al; /* first: an nr_alert * of a copy is its alert_copy * */
	nr_alert_snap snap;
	nr_arena arena;
} alert_copy;

/* s[0..n) copied, or NULL for NULL; *ok cleared when memory runs out. */
static const char *dup_n(nr_arena *ar, const char *s, size_t n, bool *ok)
{
	if (!s)
		return NULL;
	char *p = nr_arena__strndup(ar, s, n);
	*ok = *ok && p;
	return p;
}

static const char *dup_s(nr_arena *ar, const char *s, bool *ok)
{
	return dup_n(ar, s, s ? strlen(s) : 0, ok);
}

/* The alert's own strings and evidence. */
static bool copy_own(nr_arena *ar, nr_alert *c, const nr_alert *al)
{
	bool ok = true;
	c->severity = dup_s(ar, al->severity, &ok);
	c->message = dup_n(ar, al->message, al->message_len, &ok);
	c->message_len = al->message_len;
	c->actor_len = al->actor_len;
	c->target_len = al->target_len;
	c->actor = dup_n(ar, al->actor, al->actor_len, &ok);
	c->target = dup_n(ar, al->target, al->target_len, &ok);
	c->actor_id = dup_s(ar, al->actor_id, &ok);
	c->actor_canonical = dup_s(ar, al->actor_canonical, &ok);
	c->target_id = dup_s(ar, al->target_id, &ok);
	c->target_canonical = dup_s(ar, al->target_canonical, &ok);
	c->fields_json = dup_s(ar, al->fields_json, &ok);
	if (al->nev) {
		c->ev = nr_arena__calloc(ar, al->nev, sizeof(*c->ev));
		ok = ok && c->ev;
		for (size_t i = 0; ok && i < al->nev; i++) {
			c->ev[i].span = al->ev[i].span;
			c->ev[i].len = al->ev[i].len;
			c->ev[i].text = dup_n(ar, al->ev[i].text, al->ev[i].len, &ok);
		}
	}
	/* The set's lexicons live as long as the set the copy holds; a
	 * scanner's own do not. */
	c->lex = al->lex && al->lex == al->rs->lex ? al->lex : NULL;
	return ok;
}

/* What the alert reads of its article. */
static bool copy_article(nr_arena *ar, nr_alert_snap *sn, const nr_alert *al)
{
	const nr_article *a = al->article;
	bool ok = true;
	sn->id = dup_s(ar, nr_article_id(a), &ok);
	sn->title = dup_s(ar, nr_article_title(a), &ok);
	sn->url = dup_s(ar, nr_article_url(a), &ok);
	sn->published = dup_s(ar, nr_article_published(a), &ok);
	sn->extra = dup_s(ar, nr_article__extra_alert(a), &ok);
	const char *text = nr_article_text(a, &sn->text_len);
	if (sn->text_len <= NR_ALERT_MAX_TEXT)
		sn->text = dup_n(ar, text, sn->text_len, &ok);
	sn->nsentences = nr_article_sentence_count(a);
	sn->sentences = nr_arena__calloc(ar, sn->nsentences + 1, sizeof(*sn->sentences));
	ok = ok && sn->sentences;
	for (size_t i = 0; ok && i < sn->nsentences; i++)
		sn->sentences[i] = nr_article_sentence(a, i);
	if (!ok || sn->text || !al->nev)
		return ok;
	sn->context = nr_arena__calloc(ar, al->nev, sizeof(*sn->context));
	ok = sn->context != NULL;
	for (size_t i = 0; ok && i < al->nev; i++) {
		nr_span c = nr_alert_evidence_context(al, i, 1);
		sn->context[i] = dup_n(ar, text + c.start, c.end - c.start, &ok);
	}
	return ok;
}

/* What a copy kept of its article, for a copy of the copy. */
static bool copy_snap(nr_arena *ar, nr_alert_snap *sn, const nr_alert *al)
{
	bool ok = true;
	*sn = *al->snap;
	sn->id = dup_s(ar, sn->id, &ok);
	sn->title = dup_s(ar, sn->title, &ok);
	sn->url = dup_s(ar, sn->url, &ok);
	sn->published = dup_s(ar, sn->published, &ok);
	sn->extra = dup_s(ar, sn->extra, &ok);
	sn->text = dup_n(ar, sn->text, sn->text_len, &ok);
	nr_span *v = nr_arena__calloc(ar, sn->nsentences + 1, sizeof(*v));
	if (!ok || !v)
		return false;
	memcpy(v, sn->sentences, sn->nsentences * sizeof(*v));
	sn->sentences = v;
	const char **ctx = sn->context;
	if (!ctx)
		return true;
	sn->context = nr_arena__calloc(ar, al->nev, sizeof(*ctx));
	ok = sn->context != NULL;
	for (size_t i = 0; ok && i < al->nev; i++) {
		nr_span x = nr_alert_evidence_context(al, i, 1);
		sn->context[i] = dup_n(ar, ctx[i], x.end - x.start, &ok);
	}
	return ok;
}

int nr_alert_copy(const nr_alert *al, nr_alert **out)
{
	if (!out)
		return NR_EINVAL;
	*out = NULL;
	if (!al)
		return NR_EINVAL;
	alert_copy *c = calloc(1, sizeof(*c));
	if (!c)
		return NR_ENOMEM;
	nr_arena__init(&c->arena);
	c->al.rs = al->rs;
	c->al.rule = al->rule;
	c->al.nev = al->nev;
	bool ok = copy_own(&c->arena, &c->al, al) &&
		  (al->snap ? copy_snap(&c->arena, &c->snap, al)
			    : copy_article(&c->arena, &c->snap, al));
	c->al.snap = &c->snap;
	c->al.article = NULL;
	c->al.next = NULL;
	if (!ok) {
		nr_arena__free(&c->arena);
		free(c);
		return NR_ENOMEM;
	}
	nr_ruleset_retain((nr_ruleset *)al->rs);
	*out = &c->al;
	return NR_OK;
}

void nr_alert_free(nr_alert *al)
{
	if (!al || !al->snap)
		return; /* a scanner's alert is the scanner's */
	alert_copy *c = (alert_copy *)al;
	const nr_ruleset *rs = al->rs;
	nr_arena__free(&c->arena);
	free(c);
	nr_ruleset_free((nr_ruleset *)rs);
}

int nr_alert_get_info(const nr_alert *al, nr_alert_info *out)
{
	if (!al || !out || out->version < 1 || out->version > NR_ALERT_INFO_VERSION)
		return NR_EINVAL;
	memset(out, 0, sizeof(*out));
	out->version = NR_ALERT_INFO_VERSION;
	out->rule_id = al->rule->id;
	out->title = al->rule->title;
	out->severity = al->severity;
	out->severity_rank = nr_severity_rank(al->severity);
	out->message = al->message;
	out->message_len = al->message_len;
	out->actor = al->actor;
	out->actor_len = nr_alert_actor_len(al);
	out->target = al->target;
	out->target_len = nr_alert_target_len(al);
	out->actor_id = al->actor_id;
	out->target_id = al->target_id;
	out->tag_count = al->rule->ntags;
	out->evidence_count = al->nev;
	out->fields_json = al->fields_json;
	const nr_alert_snap *sn = al->snap;
	out->article_id = sn ? sn->id : nr_article_id(al->article);
	out->article_title = sn ? sn->title : nr_article_title(al->article);
	out->article_url = sn ? sn->url : nr_article_url(al->article);
	out->article_published = sn ? sn->published : nr_article_published(al->article);
	out->ruleset_hash = al->rs->hash;
	return NR_OK;
}

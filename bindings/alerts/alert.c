/*
 * alert.c - the alert record: building it from what a rule said, the
 * public accessors, and its JSON form (one object per alert, the format of
 * `scan --format jsonl`).
 */
#include "alerts/alert.h"
#include "extract/access.h"

#include <jansson.h>
#include <string.h>

void nr_alert__list_init(nr_alert_list *l, unsigned int max)
{
	nr_arena__init(&l->arena);
	l->head = NULL;
	l->tail = &l->head;
	l->count = 0;
	l->max = max;
	l->bytes = 0;
	l->capped = false;
}

void nr_alert__list_reset(nr_alert_list *l)
{
	nr_arena__free(&l->arena);
	nr_alert__list_init(l, l->max);
}

void nr_alert__list_free(nr_alert_list *l) { nr_arena__free(&l->arena); }

/* A copy in the arena, repaired to valid UTF-8 (NUL bytes kept), and its
 * length; NULL when out of memory. */
static char *arena_utf8(nr_arena *ar, const char *s, size_t len, size_t *out_len)
{
	*out_len = len;
	if (nr_utf8__valid(s, len))
		return nr_arena__strndup(ar, s, len);
	nr_buf b = NR_BUF_INIT;
	nr_utf8__convert(&b, s, len, NR_ENC_UTF8);
	char *p = b.oom ? NULL : nr_arena__strndup(ar, b.data ? b.data : "", b.len);
	*out_len = b.len;
	nr_buf__free(&b);
	return p;
}

/* Evidence spans with their text, copied from the article. */
static nr_alert_ev *copy_evidence(nr_arena *ar, const nr_article *a, const nr_span *ev, size_t n)
{
	const char *text = nr_article_text(a, NULL);
	nr_alert_ev *v = nr_arena__calloc(ar, n, sizeof(*v));
	for (size_t i = 0; v && i < n; i++) {
		v[i].span = ev[i];
		v[i].text = arena_utf8(ar, text + ev[i].start, ev[i].end - ev[i].start, &v[i].len);
		if (!v[i].text)
			return NULL;
	}
	return v;
}

size_t nr_alert__draft_size(const nr_alert_draft *d)
{
	size_t n = sizeof(nr_alert) + d->nevidence * sizeof(nr_alert_ev);
	n += d->message ? d->message_len + 1 : 0;
	n += d->actor ? d->actor_len + 1 : 0;
	n += d->target ? d->target_len + 1 : 0;
	const nr_alert_who *w[2] = { &d->actor_who, &d->target_who };
	for (size_t i = 0; i < 2; i++)
		if (w[i]->id && w[i]->canonical)
			n += strlen(w[i]->id) + strlen(w[i]->canonical) + 2;
	n += d->fields_json ? strlen(d->fields_json) + 1 : 0;
	for (size_t i = 0; i < d->nevidence; i++)
		n += d->evidence[i].end - d->evidence[i].start + 1;
	return n;
}

/* Who an actor or target is, copied (nothing when either half is
 * unknown); false when out of memory. */
static bool copy_who(nr_arena *ar, const nr_alert_who *w, const char **id, const char **canonical)
{
	if (!w->id || !w->canonical || !*w->id)
		return true;
	*id = nr_arena__strndup(ar, w->id, strlen(w->id));
	*canonical = nr_arena__strndup(ar, w->canonical, strlen(w->canonical));
	return *id && *canonical;
}

/* The draft's strings into `al`, copied; false when out of memory. What
 * the rule left out comes from its declaration, uncopied: the set
 * outlives every alert. */
static bool copy_draft(nr_arena *ar, nr_alert *al, const nr_alert_draft *d)
{
	size_t n;
	al->severity = d->severity ? arena_utf8(ar, d->severity, strlen(d->severity), &n)
				   : al->rule->severity;
	al->message = al->rule->title;
	al->message_len = strlen(al->rule->title);
	if (d->message)
		al->message = arena_utf8(ar, d->message, d->message_len, &al->message_len);
	if (d->actor)
		al->actor = arena_utf8(ar, d->actor, d->actor_len, &al->actor_len);
	if (d->target)
		al->target = arena_utf8(ar, d->target, d->target_len, &al->target_len);
	bool who = copy_who(ar, &d->actor_who, &al->actor_id, &al->actor_canonical) &&
		   copy_who(ar, &d->target_who, &al->target_id, &al->target_canonical);
	al->lex = d->lex;
	al->fields_json = d->fields_json
			      ? nr_arena__strndup(ar, d->fields_json, strlen(d->fields_json))
			      : "{}";
	if (d->nevidence) {
		al->ev = copy_evidence(ar, al->article, d->evidence, d->nevidence);
		al->nev = d->nevidence;
	}
	return al->severity && al->message && (!d->actor || al->actor) &&
	       (!d->target || al->target) && who && al->fields_json && (!d->nevidence || al->ev);
}

int nr_alert__add(nr_alert_list *l, const nr_ruleset *rs, const nr_rule *rule, const nr_article *a,
		  const nr_alert_draft *d)
{
	size_t size = nr_alert__draft_size(d);
	if (nr_alert__list_full(l) || !nr_alert__list_fits(l, size))
		return NR_ETOOBIG;
	nr_arena *ar = &l->arena;
	nr_alert *al = nr_arena__calloc(ar, 1, sizeof(*al));
	if (!al)
		return NR_ENOMEM;
	al->rs = rs;
	al->rule = rule;
	al->article = a;
	l->bytes += size;
	if (!copy_draft(ar, al, d))
		return NR_ENOMEM;
	*l->tail = al;
	l->tail = &al->next;
	l->count++;
	return NR_OK;
}

const char *nr_alert_rule_id(const nr_alert *al) { return al->rule->id; }
const char *nr_alert_title(const nr_alert *al) { return al->rule->title; }
const char *nr_alert_severity(const nr_alert *al) { return al->severity; }
size_t nr_alert_tag_count(const nr_alert *al) { return al->rule->ntags; }
const char *nr_alert_message(const nr_alert *al) { return al->message; }
size_t nr_alert_evidence_count(const nr_alert *al) { return al->nev; }
const char *nr_alert_actor(const nr_alert *al) { return al->actor; }
const char *nr_alert_target(const nr_alert *al) { return al->target; }
size_t nr_alert_message_len(const nr_alert *al) { return al->message_len; }
size_t nr_alert_actor_len(const nr_alert *al) { return al->actor ? al->actor_len : 0; }
size_t nr_alert_target_len(const nr_alert *al) { return al->target ? al->target_len : 0; }
int nr_alert_identity(const nr_alert *al, nr_party_role role, const char **id,
		      const char **canonical)
{
	if (!al || (role != NR_PARTY_ACTOR && role != NR_PARTY_TARGET))
		return NR_EINVAL;
	bool actor = role == NR_PARTY_ACTOR;
	if (id)
		*id = actor ? al->actor_id : al->target_id;
	if (canonical)
		*canonical = actor ? al->actor_canonical : al->target_canonical;
	return NR_OK;
}
const char *nr_alert_fields_json(const nr_alert *al) { return al->fields_json; }
const nr_article *nr_alert_article(const nr_alert *al) { return al->article; }

const char *nr_alert_tag(const nr_alert *al, size_t i)
{
	return i < al->rule->ntags ? al->rule->tags[i] : NULL;
}

nr_span nr_alert_evidence(const nr_alert *al, size_t i, const char **text)
{
	nr_span none = { 0, 0 };
	if (i >= al->nev) {
		if (text)
			*text = NULL;
		return none;
	}
	if (text)
		*text = al->ev[i].text;
	return al->ev[i].span;
}

static json_t *str_or_null(const char *s, size_t len)
{
	return s ? json_stringn(s, len) : json_null();
}

/* null for "" too: an article's absent metadata. */
static json_t *str_or_empty(const char *s) { return s && s[0] ? json_string(s) : json_null(); }

/* The article's metadata member `name`, "" when absent. */
static const char *meta_of(const nr_alert *al, const char *name)
{
	const nr_alert_snap *sn = al->snap;
	switch (name[0]) {
	case 'i': return sn ? sn->id : nr_article_id(al->article);
	case 't': return sn ? sn->title : nr_article_title(al->article);
	case 'u': return sn ? sn->url : nr_article_url(al->article);
	default: return sn ? sn->published : nr_article_published(al->article);
	}
}

/* The article text (NULL: a copy that did not keep it) and its length. */
static const char *text_of(const nr_alert *al, size_t *len)
{
	if (!al->snap)
		return nr_article_text(al->article, len);
	*len = al->snap->text_len;
	return al->snap->text;
}

/* A metadata value of the article, whole, or null and named in `left`
 * when longer than NR_ALERT_MAX_META. */
static bool meta_member(json_t *art, json_t *left, const char *name, const nr_alert *al)
{
	const char *v = meta_of(al, name);
	if (strnlen(v, NR_ALERT_MAX_META + 1) <= NR_ALERT_MAX_META)
		return !json_object_set_new(art, name, str_or_empty(v));
	return !json_array_append_new(
		   left, json_pack("{s:s,s:I}", "name", name, "bytes", (json_int_t)strlen(v))) &&
	       !json_object_set_new(art, name, json_null());
}

/* A JSON string of text that may have been cut inside a character (a
 * span a rule made): repaired to valid UTF-8, as alerts' strings are. */
static json_t *json_text(const char *s, size_t n)
{
	if (nr_utf8__valid(s, n))
		return json_stringn(s, n);
	nr_buf b = NR_BUF_INIT;
	nr_utf8__convert(&b, s, n, NR_ENC_UTF8);
	json_t *v = b.oom ? NULL : json_stringn(b.data ? b.data : "", b.len);
	nr_buf__free(&b);
	return v;
}

/* article.text (--with-text): the clean text evidence offsets point into,
 * whole up to NR_ALERT_MAX_TEXT bytes, else null and named in `left`. */
static bool text_member(json_t *art, json_t *left, const nr_alert *al)
{
	size_t len;
	const char *text = text_of(al, &len);
	if (text && len <= NR_ALERT_MAX_TEXT)
		return !json_object_set_new(art, "text", json_stringn(text, len));
	return !json_array_append_new(
		   left, json_pack("{s:s,s:I}", "name", "text", "bytes", (json_int_t)len)) &&
	       !json_object_set_new(art, "text", json_null());
}

/*
 * What an alert repeats of its article, bounded (docs/formats.md): the
 * metadata, the pass-through fields of a JSON Lines record that fit their
 * budget (jsonl.c chose them), and under "left_out" the name and size of
 * what was too large to repeat with every alert. NULL without memory.
 */
static json_t *article_json(const nr_alert *al, unsigned int flags)
{
	json_t *art = json_object(), *left = json_array();
	bool ok = art && left && meta_member(art, left, "id", al) &&
		  meta_member(art, left, "title", al) && meta_member(art, left, "url", al) &&
		  meta_member(art, left, "published", al) &&
		  (!(flags & NR_ALERT_JSON_TEXT) || text_member(art, left, al));
	const char *extra = al->snap ? al->snap->extra : nr_article__extra_alert(al->article);
	json_t *form = ok && extra ? json_loads(extra, JSON_ALLOW_NUL, NULL) : NULL;
	if (form) {
		json_t *more = json_object_get(form, "left_out");
		ok = !json_object_set(art, "extra", json_object_get(form, "extra")) &&
		     (!more || !json_array_extend(left, more));
		json_decref(form);
	}
	if (ok && json_array_size(left))
		ok = !json_object_set(art, "left_out", left);
	json_decref(left);
	if (!ok) {
		json_decref(art);
		return NULL;
	}
	return art;
}

/* Sentence i of the alert's article, and their number. */
static nr_span sentence_of(const nr_alert *al, size_t i)
{
	return al->snap ? al->snap->sentences[i] : nr_article_sentence(al->article, i);
}

static size_t sentence_count(const nr_alert *al)
{
	return al->snap ? al->snap->nsentences : nr_article_sentence_count(al->article);
}

/* First sentence ending after byte `at` (n when none). */
static size_t sentence_after(const nr_alert *al, size_t n, size_t at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sentence_of(al, mid).end > at)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Last sentence starting before byte `at`, plus one (0 when none). */
static size_t sentence_before(const nr_alert *al, size_t n, size_t at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sentence_of(al, mid).start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

nr_span nr_alert_evidence_context(const nr_alert *al, size_t i, size_t around)
{
	nr_span none = { 0, 0 };
	if (!al || i >= al->nev)
		return none;
	nr_span ev = al->ev[i].span, ctx = ev;
	size_t n = sentence_count(al);
	if (n == 0)
		return ev;
	size_t first = sentence_after(al, n, ev.start);
	size_t last = sentence_before(al, n, ev.end > ev.start ? ev.end : ev.start + 1);
	/* last is one past the last sentence holding the span: a span
	 * between two sentences has first == last. */
	first = first >= n ? n - 1 : first;
	last = last == 0 ? 0 : last - 1;
	if (last < first)
		last = first;
	first = first > around ? first - around : 0;
	last = n - 1 - last > around ? last + around : n - 1;
	nr_span fs = sentence_of(al, first), ls = sentence_of(al, last);
	if (fs.start < ctx.start)
		ctx.start = fs.start;
	if (ls.end > ctx.end)
		ctx.end = ls.end;
	return ctx;
}

/* evidence[i] as JSON; with its context (--with-text=context) when asked. */
static json_t *evidence_json(const nr_alert *al, size_t i, unsigned int flags)
{
	const nr_alert_ev *e = &al->ev[i];
	json_t *o = json_pack("{s:I,s:I,s:s%}", "start", (json_int_t)e->span.start, "end",
			      (json_int_t)e->span.end, "text", e->text, e->len);
	if (!o || !(flags & NR_ALERT_JSON_CONTEXT))
		return o;
	nr_span c = nr_alert_evidence_context(al, i, 1);
	size_t len;
	const char *text = text_of(al, &len);
	const char *part = text ? text + c.start : al->snap->context[i];
	json_t *ctx = json_pack("{s:I,s:I,s:o*}", "start", (json_int_t)c.start, "end",
				(json_int_t)c.end, "text", json_text(part, c.end - c.start));
	if (!ctx || json_object_set_new(o, "context", ctx)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int nr_alert_to_json(const nr_alert *al, char **out) { return nr_alert_to_json_ext(al, 0, out); }

int nr_alert_to_json_ext(const nr_alert *al, unsigned int flags, char **out)
{
	if (!al || !out)
		return NR_EINVAL;
	*out = NULL;
	json_t *tags = json_array();
	for (size_t i = 0; tags && i < al->rule->ntags; i++)
		json_array_append_new(tags, json_string(al->rule->tags[i]));
	json_t *ev = json_array();
	for (size_t i = 0; ev && i < al->nev; i++)
		if (json_array_append_new(ev, evidence_json(al, i, flags))) {
			json_decref(ev);
			ev = NULL;
		}
	json_t *fields = json_object();
	if (fields) {
		json_object_set_new(fields, "actor", str_or_null(al->actor, al->actor_len));
		json_object_set_new(fields, "target", str_or_null(al->target, al->target_len));
		json_object_set_new(fields, "actor_id", str_or_empty(al->actor_id));
		json_object_set_new(fields, "actor_canonical", str_or_empty(al->actor_canonical));
		json_object_set_new(fields, "target_id", str_or_empty(al->target_id));
		json_object_set_new(fields, "target_canonical", str_or_empty(al->target_canonical));
		/* NUL bytes in values are the rule's; the keys hold none. */
		json_t *extra = json_loads(al->fields_json, JSON_ALLOW_NUL, NULL);
		const char *k;
		json_t *v;
		if (extra)
			json_object_foreach(extra, k, v)
			{
				if (!nr_alert__own_field(k))
					json_object_set(fields, k, v);
			}
		json_decref(extra);
	}
	json_t *art = article_json(al, flags);
	json_t *o = json_pack("{s:s,s:s,s:s,s:o*,s:s%,s:o*,s:o*,s:o*,s:s}", "rule", al->rule->id,
			      "title", al->rule->title, "severity", al->severity, "tags", tags,
			      "message", al->message, al->message_len, "evidence", ev, "fields",
			      fields, "article", art, "ruleset", al->rs->hash);
	if (!o)
		return NR_ENOMEM;
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return *out ? NR_OK : NR_ENOMEM;
}

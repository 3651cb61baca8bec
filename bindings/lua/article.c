/*
 * article.c - the article object rules get: its metadata and text, the
 * iterators over its sentences, paragraphs, entities, quotes and
 * statements, and
 * article:alert{}, which reads and checks the rule's table and hands plain
 * values to the alert builder (bindings/alerts/).
 */
#include "lua/objects.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static nr_lua_article *check_article(lua_State *L, int idx)
{
	return nr_lua__check(L, idx, NR_T_ARTICLE);
}

static void push_text(lua_State *L, nr_scan_ctx *ctx, const nr_article *a)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	if (ctx->module) {
		lua_pushlstring(L, text, len);
		return;
	}
	if (ctx->text_ref != LUA_NOREF) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, ctx->text_ref);
		return;
	}
	/* Pushed once per article, then shared by every rule. */
	lua_pushlstring(L, text, len);
	lua_pushvalue(L, -1);
	ctx->text_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* ---- iterators --------------------------------------------------------- */

/* Type of entity i (which the caller knows to exist). */
static int entity_type(const nr_article *a, size_t i)
{
	nr_entity_info e;
	return nr_article_entity(a, i, &e) == NR_OK ? (int)e.type : 0;
}

/* upvalues: owner object, next index, type filter */
static int entity_step(lua_State *L)
{
	const nr_lua_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	int type = (int)lua_tointeger(L, lua_upvalueindex(3));
	const nr_article *a = nr_lua__live(L, h);
	size_t n = nr_article_entity_count(a);
	while ((size_t)i < n && type && entity_type(a, (size_t)i) != type)
		i++;
	if ((size_t)i >= n)
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	nr_lua__push_entity(L, lua_upvalueindex(1), (size_t)i);
	return 1;
}

/* upvalues: owner object, next index */
static int quote_step(lua_State *L)
{
	const nr_lua_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	const nr_article *a = nr_lua__live(L, h);
	if ((size_t)i >= nr_article_quote_count(a))
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	nr_lua__push_quote(L, lua_upvalueindex(1), (size_t)i);
	return 1;
}

static int article_sentences(lua_State *L)
{
	const nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	nr_lua__push_span_list(L, 1, NR_SPAN_SENTENCE, 0, nr_article_sentence_count(a));
	return 1;
}

/* article:sentence(i): the i-th sentence (1-based), or nil. */
static int article_sentence(lua_State *L)
{
	nr_lua_article *art = check_article(L, 1);
	const nr_article *a = nr_lua__live(L, &art->h);
	lua_Integer i = luaL_checkinteger(L, 2);
	if (i < 1 || (lua_Unsigned)i > nr_article_sentence_count(a))
		return 0;
	nr_lua__push_sentence(L, 1, a, (size_t)i - 1);
	return 1;
}

static int article_paragraphs(lua_State *L)
{
	const nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	nr_lua__push_span_list(L, 1, NR_SPAN_PARAGRAPH, 0, nr_article_paragraph_count(a));
	return 1;
}

static int article_find(lua_State *L)
{
	const nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	luaL_checkany(L, 2);
	size_t len;
	nr_article_text(a, &len);
	return nr_lua__push_find(L, 1, 2, 0, len);
}

static int article_entities(lua_State *L)
{
	nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	int type = nr_lua__opt_entity_type(L, 2);
	nr_lua__analyze(L, a);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushinteger(L, type);
	lua_pushcclosure(L, entity_step, 3);
	return 1;
}

static int article_quotes(lua_State *L)
{
	nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	nr_lua__analyze(L, a);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, quote_step, 2);
	return 1;
}

/* article:statements([act]): every statement, or those of an act (a name
 * or a list of names). */
static int article_statements(lua_State *L)
{
	nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	nr_lua__analyze_statements(L, a);
	size_t len;
	nr_article_text(a, &len);
	return nr_lua__push_statements(L, 1, 2, 0, len + 1);
}

/* ---- article:alert{} ---------------------------------------------------- */

/*
 * The rule's table is read raw, without metamethods: no code of the rule
 * runs between the checks and the copy, so an __index cannot raise more
 * alerts past the cap (or change what was checked) while one is built.
 */

/* A string the alert would carry, against its limit. */
static void check_length(lua_State *L, const char *field, size_t len)
{
	if (len > NR_ALERT_MAX_STRING)
		luaL_error(L, "alert: '%s' is %I bytes, more than the %I an alert may carry", field,
			   (lua_Integer)len, (lua_Integer)NR_ALERT_MAX_STRING);
}

/* The scan's lexicons, when they have been made (NULL before). */
static const nr_lexicon *scan_lexicon(lua_State *L)
{
	nr_lexicon **lexp = nr_sandbox__get(L)->lexp;
	return lexp ? *lexp : NULL;
}

/*
 * Text of an actor/target value, and who it is in every article (*who:
 * id and canonical name, both NULL when unknown): a string or a span is
 * its text, whose identity is that of the article's entity of that name,
 * else of the lexicons' country or organisation; an entity is its name,
 * a statement party its name (else its text), each with its identity as
 * it acts ("Washington" that acts: USA, "United States").
 */
static const char *who_text(lua_State *L, int idx, const char *field, size_t *len,
			    nr_alert_who *who)
{
	int t = lua_type(L, idx);
	const char *s = NULL;
	*len = 0;
	who->id = who->canonical = NULL;
	if (t == LUA_TNIL)
		return NULL;
	const nr_lua_item *e = NULL;
	const nr_lua_span *sp = NULL;
	const nr_lua_party *pa = NULL;
	const nr_article *a = NULL;
	if (t == LUA_TSTRING) {
		s = lua_tolstring(L, idx, len);
		a = nr_lua__ctx(L) ? nr_lua__ctx(L)->article : NULL;
	} else if ((e = luaL_testudata(L, idx, NR_MT_ENTITY))) {
		nr_entity_info info;
		a = nr_lua__live(L, &e->h);
		nr_article_entity(a, e->index, &info);
		*len = strlen(info.name);
		s = info.name;
		nr_article__entity_acting(a, e->index, &who->id, &who->canonical);
	} else if ((sp = luaL_testudata(L, idx, NR_MT_SPAN))) {
		a = nr_lua__live(L, &sp->h);
		s = nr_article_text(a, NULL) + sp->start;
		*len = sp->end - sp->start;
	} else if ((pa = luaL_testudata(L, idx, NR_MT_PARTY))) {
		nr_statement_info si;
		const nr_party_info *pi = nr_lua__party_info(L, pa, &si);
		if (pi->name) {
			s = pi->name;
			*len = strlen(s);
		} else {
			s = nr_article_text(pa->h.a, NULL) + pi->span.start;
			*len = pi->span.end - pi->span.start;
		}
		nr_article_party_identity(pa->h.a, pa->index, (nr_party_role)pa->role, &who->id,
					  &who->canonical);
	} else {
		luaL_error(L,
			   "alert: '%s' must be a string, a span, an entity or a party, not a %s",
			   field, luaL_typename(L, idx));
	}
	check_length(L, field, *len);
	if ((t == LUA_TSTRING || sp) && *len)
		nr_alert__who_of_name(a, nr_sandbox__lexicon(L), s, *len, who);
	if (!who->id || !*who->id)
		who->id = who->canonical = NULL;
	return s;
}

static json_t *json_utf8(const char *s, size_t n)
{
	if (nr_utf8__valid(s, n))
		return json_stringn(s, n);
	nr_buf b = NR_BUF_INIT;
	nr_utf8__convert(&b, s, n, NR_ENC_UTF8);
	json_t *v = b.oom ? NULL : json_stringn(b.data ? b.data : "", b.len);
	nr_buf__free(&b);
	return v;
}

/* A checked fields value (at the top of the stack) as JSON. */
static json_t *field_value(lua_State *L)
{
	json_t *v = NULL;
	size_t n;
	switch (lua_type(L, -1)) {
	case LUA_TSTRING: {
		const char *s = lua_tolstring(L, -1, &n);
		return json_utf8(s, n);
	}
	case LUA_TBOOLEAN: return json_boolean(lua_toboolean(L, -1));
	case LUA_TNUMBER:
		if (lua_isinteger(L, -1))
			v = json_integer((json_int_t)lua_tointeger(L, -1));
		else
			v = json_real(lua_tonumber(L, -1));
		return v ? v : json_null(); /* NaN and infinities */
	default: return json_null();
	}
}

/*
 * Set key (k, kl) of o, repaired to UTF-8 (JSON keys must be; a key is
 * never dropped for it). -1 when out of memory, 1 when the repaired key
 * is one the object already has.
 */
static int set_field(json_t *o, const char *k, size_t kl, json_t *v)
{
	nr_buf b = NR_BUF_INIT;
	if (!nr_utf8__valid(k, kl)) {
		nr_utf8__convert(&b, k, kl, NR_ENC_UTF8);
		nr_buf__putc(&b, '\0');
		k = b.data;
	}
	int rc = !v || b.oom ? -1 : json_object_get(o, k) ? 1 : 0;
	if (rc == 0 && json_object_set_new(o, k, v))
		rc = -1;
	else if (rc)
		json_decref(v);
	nr_buf__free(&b);
	return rc;
}

/* The checked fields table at idx as a JSON object text (malloc'd, keys
 * sorted), or NULL with the reason in *why. */
static char *fields_text(lua_State *L, int idx, const char **why)
{
	json_t *o = json_object();
	int rc = o ? 0 : -1;
	lua_pushnil(L);
	while (rc == 0 && lua_next(L, idx)) {
		size_t kl;
		const char *k = lua_tolstring(L, -2, &kl); /* a string: checked */
		rc = set_field(o, k, kl, field_value(L));
		lua_pop(L, 1);
	}
	char *js = rc == 0 ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	*why = rc > 0 ? "two 'fields' keys are the same once repaired to UTF-8" : "out of memory";
	return js;
}

/* Every key of the alert table (at 2) must be a known field: a typo
 * would otherwise drop what the rule meant to say. */
static void check_alert_keys(lua_State *L)
{
	static const char *const known[] = { "message", "evidence", "actor", "target",
					     "fields",  "severity", NULL };
	lua_pushnil(L);
	while (lua_next(L, 2)) {
		lua_pop(L, 1);
		bool ok = false;
		if (lua_type(L, -1) == LUA_TSTRING)
			for (size_t i = 0; known[i]; i++)
				ok |= !strcmp(lua_tostring(L, -1), known[i]);
		if (!ok)
			luaL_error(L,
				   "alert: unknown field '%s' (message, evidence, actor, target, "
				   "fields, severity)",
				   lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
	}
}

/* The severity at idx: NULL when absent (the rule's), else a valid name. */
static const char *read_severity(lua_State *L, int idx)
{
	if (lua_isnil(L, idx))
		return NULL;
	const char *sev = lua_tostring(L, idx);
	if (lua_type(L, idx) != LUA_TSTRING || nr_severity_rank(sev) < 0)
		luaL_error(L, "alert: 'severity' must be info, low, medium, high or critical");
	return sev;
}

/* One evidence value: anything with a span, on this very article. */
static nr_span evidence_span(lua_State *L, int idx, const nr_article *a)
{
	uint32_t es, ee;
	if (nr_lua__check_spanlike(L, idx, &es, &ee)->a != a)
		luaL_error(L, "alert: evidence from another article");
	return (nr_span){ es, ee };
}

/* The evidence at idx, a span or a list of spans, into ev; the count. */
static size_t read_evidence(lua_State *L, int idx, const nr_article *a,
			    nr_span ev[NR_ALERT_MAX_EVIDENCE])
{
	if (lua_type(L, idx) == LUA_TUSERDATA) {
		ev[0] = evidence_span(L, idx, a);
		return 1;
	}
	if (lua_isnil(L, idx))
		return 0;
	if (lua_type(L, idx) != LUA_TTABLE)
		luaL_error(L, "alert: 'evidence' must be a span or a list of spans");
	size_t n = lua_rawlen(L, idx);
	if (n > NR_ALERT_MAX_EVIDENCE)
		luaL_error(L, "alert: more than %d evidence spans", NR_ALERT_MAX_EVIDENCE);
	for (size_t i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, (lua_Integer)i);
		if (lua_type(L, -1) != LUA_TUSERDATA)
			luaL_error(L, "alert: evidence[%d] is a %s, not a span", (int)i,
				   luaL_typename(L, -1));
		ev[i - 1] = evidence_span(L, -1, a);
		lua_pop(L, 1);
	}
	return n;
}

/* One entry of `fields` (key at -2, value at -1), checked. */
static void check_field(lua_State *L)
{
	if (lua_type(L, -2) != LUA_TSTRING)
		luaL_error(L, "alert: 'fields' keys must be strings");
	size_t kl;
	const char *k = lua_tolstring(L, -2, &kl);
	if (kl == 0 || kl > NR_ALERT_MAX_KEY || memchr(k, '\0', kl))
		luaL_error(L, "alert: 'fields' keys must be 1 to %d bytes, without NUL",
			   NR_ALERT_MAX_KEY);
	/* The alert's own actor and target (and their ids) would hide these. */
	if (!strcmp(k, "actor") || !strcmp(k, "target"))
		luaL_error(L, "alert: fields.%s: give it as the alert's '%s' field", k, k);
	if (nr_alert__own_field(k))
		luaL_error(L, "alert: fields.%s: the alert sets it from its actor or target", k);
	int t = lua_type(L, -1);
	if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TBOOLEAN)
		luaL_error(L, "alert: fields.%s is a %s (strings, numbers and booleans only)", k,
			   luaL_typename(L, -1));
	if (t == LUA_TSTRING && lua_rawlen(L, -1) > NR_ALERT_MAX_VALUE)
		luaL_error(L, "alert: fields.%s is %I bytes, more than the %d a value may carry", k,
			   (lua_Integer)lua_rawlen(L, -1), (int)NR_ALERT_MAX_VALUE);
}

/* The fields table at idx: at most NR_ALERT_MAX_FIELDS entries. */
static void check_fields(lua_State *L, int idx)
{
	if (lua_isnil(L, idx))
		return;
	if (lua_type(L, idx) != LUA_TTABLE)
		luaL_error(L, "alert: 'fields' must be a table");
	int n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (++n > NR_ALERT_MAX_FIELDS)
			luaL_error(L, "alert: more than %d 'fields'", NR_ALERT_MAX_FIELDS);
		check_field(L);
		lua_pop(L, 1);
	}
}

/* Read and check the alert table (at 2) into d: message at 3, evidence
 * 4, actor 5, target 6, fields 7, severity 8. Raises on a mistake. */
static void read_draft(lua_State *L, const nr_article *a, nr_alert_draft *d, nr_span *ev)
{
	static const char *const fields[] = { "message", "evidence", "actor",
					      "target",  "fields",   "severity" };
	check_alert_keys(L);
	lua_settop(L, 2);
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		lua_pushstring(L, fields[i]);
		lua_rawget(L, 2);
	}
	if (!lua_isnil(L, 3) && lua_type(L, 3) != LUA_TSTRING)
		luaL_error(L, "alert: 'message' must be a string");
	d->severity = read_severity(L, 8);
	d->evidence = ev;
	d->nevidence = read_evidence(L, 4, a, ev);
	d->actor = who_text(L, 5, "actor", &d->actor_len, &d->actor_who);
	d->target = who_text(L, 6, "target", &d->target_len, &d->target_who);
	d->lex = scan_lexicon(L);
	check_fields(L, 7);
	if (!lua_isnil(L, 3)) {
		d->message = lua_tolstring(L, 3, &d->message_len);
		check_length(L, "message", d->message_len);
	}
}

/*
 * article:alert{message=, evidence=, actor=, target=, fields=, severity=}.
 * Everything is checked before anything is built, so a rule's mistake
 * raises with nothing half-made; the builder copies what it keeps.
 */
static int article_alert(lua_State *L)
{
	const nr_article *a = nr_lua__live(L, &check_article(L, 1)->h);
	luaL_checktype(L, 2, LUA_TTABLE);
	nr_scan_ctx *ctx = nr_lua__ctx(L);
	if (!ctx || !ctx->rule)
		return luaL_error(L, "alert: no rule is running (alerts come from rules)");
	nr_alert_draft d = { 0 };
	nr_span ev[NR_ALERT_MAX_EVIDENCE];
	read_draft(L, a, &d, ev);
	if (nr_alert__list_full(&ctx->alerts)) {
		ctx->alerts.capped = true; /* no failure: the scanner keeps the first max */
		return luaL_error(L, "alert: more than %d alerts from one rule on one article",
				  (int)ctx->alerts.max);
	}
	const char *why = NULL;
	char *fields = NULL;
	if (!lua_isnil(L, 7) && !(fields = fields_text(L, 7, &why)))
		return luaL_error(L, "alert: %s", why);
	d.fields_json = fields;
	if (!nr_alert__list_fits(&ctx->alerts, nr_alert__draft_size(&d))) {
		free(fields);
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_MEMORY,
					 "alert: this rule's alerts on this article would hold "
					 "more than %u bytes (alert memory limit)",
					 NR_ALERT_MAX_BYTES);
	}
	int rc = nr_alert__add(&ctx->alerts, ctx->rs, ctx->rule, a, &d);
	free(fields);
	if (rc)
		return luaL_error(L, "alert: %s", nr_strerror(rc));
	return 0;
}

/* ---- the article object --------------------------------------------------- */

static int article_index(lua_State *L)
{
	nr_lua_article *ua = check_article(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const nr_article *a = nr_lua__live(L, &ua->h);
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	const char *v = NULL;
	if (!strcmp(k, "text")) {
		push_text(L, nr_lua__ctx(L), a);
		return 1;
	} else if (!strcmp(k, "id")) {
		v = nr_article_id(a);
	} else if (!strcmp(k, "title")) {
		v = nr_article_title(a);
	} else if (!strcmp(k, "url")) {
		v = nr_article_url(a);
	} else if (!strcmp(k, "source")) {
		v = nr_article_source(a);
	} else if (!strcmp(k, "published")) {
		v = nr_article_published(a);
	} else if (!strcmp(k, "byline")) {
		v = nr_article_byline(a);
	} else if (!strcmp(k, "language")) {
		v = nr_article_language(a);
	} else if (!strcmp(k, "format")) {
		v = nr_format_name(nr_article_format(a));
	} else {
		return 0;
	}
	lua_pushstring(L, v ? v : "");
	return 1;
}

static int article_tostring(lua_State *L)
{
	nr_lua_article *ua = check_article(L, 1);
	if (nr_lua__is_alive(L, &ua->h))
		lua_pushfstring(L, NR_MT_ARTICLE "(%s)", nr_article_id(ua->h.a));
	else
		lua_pushliteral(L, NR_MT_ARTICLE "(expired)");
	return 1;
}

static int article_gc(lua_State *L)
{
	nr_lua_article *ua = luaL_testudata(L, 1, NR_MT_ARTICLE);
	if (ua && ua->owned) {
		nr_article_free(ua->owned);
		ua->owned = NULL;
		ua->h.a = NULL;
	}
	return 0;
}

void nr_article__lua_push(lua_State *L, nr_scan_ctx *ctx)
{
	nr_lua_article *ua = lua_newuserdatauv(L, sizeof(*ua), 0);
	ua->h.a = ctx->article;
	ua->h.gen = ctx->gen;
	ua->owned = NULL;
	luaL_setmetatable(L, NR_MT_ARTICLE);
}

void nr_article__lua_push_owned(lua_State *L, nr_article *a)
{
	nr_lua_article *ua = lua_newuserdatauv(L, sizeof(*ua), 0);
	ua->h.a = a;
	ua->h.gen = 0;
	ua->owned = a;
	luaL_setmetatable(L, NR_MT_ARTICLE);
}

void nr_article__lua_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "sentences", article_sentences },
		{ "sentence", article_sentence },
		{ "paragraphs", article_paragraphs },
		{ "find", article_find },
		{ "hits", nr_article__hits }, /* hits.c */
		{ "entities", article_entities },
		{ "quotes", article_quotes },
		{ "statements", article_statements },
		{ "alert", article_alert },
		{ NULL, NULL },
	};
	/* Only module-made articles own what they point to (__gc). */
	static const nr_lua_type type = { NR_MT_ARTICLE,    methods, article_index,
					  article_tostring, NULL,    article_gc };
	nr_lua__new_type(L, &type);
	nr_lua__span_open(L);
	nr_lua__entity_open(L);
	nr_lua__quote_open(L);
	nr_lua__statement_open(L);
}

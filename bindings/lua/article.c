/*
 * lua_article.c - what a rule sees of an article: the article, its spans
 * (sentences, paragraphs, matches) and article:alert{}.
 *
 * Userdata carry the scan generation they were made in; the article they
 * point into belongs to the host and is gone once the scan returns, so any
 * use of a stale object (a rule stashing a sentence in an upvalue) raises
 * instead of reading freed memory. In Lua, spans are 1-based and inclusive
 * (`text:sub(s.start, s.stop) == s.text`); in C they are 0-based,
 * end-exclusive.
 */
#include "lua/objects.h"

#include "extract/access.h"

#include <jansson.h>
#include <string.h>

#define NR_MAX_EVIDENCE 32

/*
 * Every object starts with the same head: the article it points into and
 * the scan generation it was made in. Objects made by the `newsrules` Lua
 * module (ctx->module) instead keep their article alive: the article
 * userdata owns it and every child holds the article in its user value.
 */
typedef struct l_head {
	nr_article *a; /* analysed when a rule asks for entities or quotes */
	uint64_t gen;
} l_head;

typedef struct l_article {
	l_head h;
	nr_article *owned; /* module mode: freed with the userdata */
} l_article;

enum { SPAN_MATCH, SPAN_SENTENCE, SPAN_PARAGRAPH, SPAN_MENTION, SPAN_PART };
static const char *const span_kinds[] = { "match", "sentence", "paragraph", "mention", "part" };

typedef struct l_span {
	l_head h;
	uint32_t start, end; /* 0-based, end-exclusive */
	int32_t index;       /* sentence or paragraph number, or -1 */
	int kind;
} l_span;

typedef struct l_entity {
	l_head h;
	uint32_t index;
} l_entity;

typedef struct l_quote {
	l_head h;
	uint32_t index;
} l_quote;

static nr_scan_ctx *scan_ctx(lua_State *L) { return nr_sandbox__get(L)->host; }

static bool is_alive(lua_State *L, const l_head *h)
{
	nr_scan_ctx *ctx = scan_ctx(L);
	if (ctx && ctx->module)
		return h->a != NULL;
	return ctx && ctx->article && ctx->gen == h->gen && ctx->article == h->a;
}

/* The article behind an object, or raise. */
static nr_article *live(lua_State *L, const l_head *h)
{
	if (!is_alive(L, h))
		luaL_error(L, "article object used outside the scan it belongs to");
	return h->a;
}

/*
 * New object of `size` bytes (an l_head first) for the article of the
 * object at `owner`; pushed with metatable `mt`.
 */
static void *new_obj(lua_State *L, size_t size, const char *mt, int owner)
{
	owner = lua_absindex(L, owner);
	const l_head *oh = lua_touserdata(L, owner);
	nr_scan_ctx *ctx = scan_ctx(L);
	bool module = ctx && ctx->module;
	l_head *h = lua_newuserdatauv(L, size, module ? 1 : 0);
	memset(h, 0, size);
	h->a = oh->a;
	h->gen = oh->gen;
	luaL_setmetatable(L, mt);
	if (module) {
		if (luaL_testudata(L, owner, NR_MT_ARTICLE))
			lua_pushvalue(L, owner);
		else
			lua_getiuservalue(L, owner, 1);
		lua_setiuservalue(L, -2, 1);
	}
	return h;
}

static l_span *push_span(lua_State *L, int owner, size_t start, size_t end, int kind, int32_t index)
{
	l_span *s = new_obj(L, sizeof(*s), NR_MT_SPAN, owner);
	s->start = (uint32_t)start;
	s->end = (uint32_t)end;
	s->kind = kind;
	s->index = index;
	return s;
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

static int empty_iter(lua_State *L)
{
	NR_UNUSED(L);
	return 0;
}

/*
 * Entities and quotes are extracted the first time a rule asks for them
 * on an article, with the state's one lexicon set, into the article the
 * host handed to nr_scanner_scan() (which says so).
 */
static const nr_article *analyzed(lua_State *L, nr_article *a)
{
	if (nr_article_is_analyzed(a))
		return a;
	const nr_lexicon *lex = nr_sandbox__lexicon(L);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = nr_article_analyze(a, lex);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	nr_scan_ctx *ctx = scan_ctx(L);
	if (ctx)
		ctx->analyze_ns += (uint64_t)((t1.tv_sec - t0.tv_sec) * 1000000000LL +
					      (t1.tv_nsec - t0.tv_nsec));
	if (rc)
		luaL_error(L, "entity and quote extraction failed: %s", nr_strerror(rc));
	return a;
}

/* ---- iterators over sentences and paragraphs --------------------------- */

/* upvalues: owner object, next index, kind, last index (exclusive) */
static int list_step(lua_State *L)
{
	const l_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	int kind = (int)lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer stop = lua_tointeger(L, lua_upvalueindex(4));
	const nr_article *a = live(L, h);
	if (i >= stop)
		return 0;
	bool sentence = kind == SPAN_SENTENCE;
	size_t n = sentence ? nr_article_sentence_count(a) : nr_article_paragraph_count(a);
	if ((size_t)i >= n)
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	nr_span sp = sentence ? nr_article_sentence(a, (size_t)i)
			      : nr_article_paragraph(a, (size_t)i);
	push_span(L, lua_upvalueindex(1), sp.start, sp.end, kind, (int32_t)i);
	return 1;
}

static void push_list_iter(lua_State *L, int owner, int kind, size_t first, size_t stop)
{
	lua_pushvalue(L, owner);
	lua_pushinteger(L, (lua_Integer)first);
	lua_pushinteger(L, kind);
	lua_pushinteger(L, (lua_Integer)stop);
	lua_pushcclosure(L, list_step, 4);
}

/* ---- find: regex, pattern string or lexicon over a byte range ---------- */

/* upvalues: owner object, matcher (regex or lexicon), position, end */
static int find_step(lua_State *L)
{
	const l_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer end = lua_tointeger(L, lua_upvalueindex(4));
	const nr_article *a = live(L, h);
	size_t len;
	const char *text = nr_article_text(a, &len);
	if (pos > end || (size_t)end > len)
		return 0;
	size_t ms, me;
	int found;
	if (nr_news__is_lexicon(L, lua_upvalueindex(2))) {
		found = nr_news__lexicon_find(L, lua_upvalueindex(2), text, (size_t)end,
					      (size_t)pos, &ms, &me);
	} else {
		nr_regex *re = luaL_checkudata(L, lua_upvalueindex(2), NR_MT_REGEX);
		found = nr_news__regex_exec(L, re, text, (size_t)end, (size_t)pos, true, &ms, &me);
	}
	if (!found) {
		lua_pushinteger(L, end + 1);
		lua_replace(L, lua_upvalueindex(3));
		return 0;
	}
	size_t next = me;
	if (me == ms) { /* empty match: step over one character */
		uint32_t cp;
		next = ms < (size_t)end ? ms + nr_utf8__decode(text + ms, (size_t)end - ms, &cp)
					: (size_t)end + 1;
	}
	lua_pushinteger(L, (lua_Integer)next);
	lua_replace(L, lua_upvalueindex(3));
	push_span(L, lua_upvalueindex(1), ms, me, SPAN_MATCH, -1);
	return 1;
}

/* Replace the value at idx by a matcher: strings compile as regexes. */
static void to_matcher(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TSTRING) {
		size_t len;
		const char *p = lua_tolstring(L, idx, &len);
		nr_news__regex_cached(L, p, len, 0);
		lua_replace(L, idx);
	} else if (!luaL_testudata(L, idx, NR_MT_REGEX) && !nr_news__is_lexicon(L, idx)) {
		luaL_typeerror(L, idx, "pattern string, news.regex or news.lexicon");
	}
}

static int push_find_iter(lua_State *L, int owner, int matcher, size_t start, size_t end)
{
	to_matcher(L, matcher);
	lua_pushvalue(L, owner);
	lua_pushvalue(L, matcher);
	lua_pushinteger(L, (lua_Integer)start);
	lua_pushinteger(L, (lua_Integer)end);
	lua_pushcclosure(L, find_step, 4);
	return 1;
}

/* ---- entities and quotes ----------------------------------------------- */

static l_entity *push_entity(lua_State *L, int owner, size_t i)
{
	l_entity *e = new_obj(L, sizeof(*e), NR_MT_ENTITY, owner);
	e->index = (uint32_t)i;
	return e;
}

static l_quote *push_quote(lua_State *L, int owner, size_t i)
{
	l_quote *q = new_obj(L, sizeof(*q), NR_MT_QUOTE, owner);
	q->index = (uint32_t)i;
	return q;
}

/* Optional entity type argument: 0 for any. */
static int opt_type(lua_State *L, int arg)
{
	static const char *const names[] = { "any", "person", "organization", "location", NULL };
	if (lua_isnoneornil(L, arg))
		return 0;
	return luaL_checkoption(L, arg, NULL, names);
}

/* Type of entity i (which the caller knows to exist). */
static int entity_type(const nr_article *a, size_t i)
{
	nr_entity_info e;
	return nr_article_entity(a, i, &e) == NR_OK ? (int)e.type : 0;
}

/* upvalues: owner object, next index, type filter */
static int entity_step(lua_State *L)
{
	const l_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	int type = (int)lua_tointeger(L, lua_upvalueindex(3));
	const nr_article *a = live(L, h);
	size_t n = nr_article_entity_count(a);
	while ((size_t)i < n && type && entity_type(a, (size_t)i) != type)
		i++;
	if ((size_t)i >= n)
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	push_entity(L, lua_upvalueindex(1), (size_t)i);
	return 1;
}

/*
 * For iterators over a list of numbers (upvalues: owner object, list of
 * 1-based indexes, next position): the next index, 0-based, or -1 at the
 * end or when it is not below n.
 */
static lua_Integer list_next(lua_State *L, size_t n)
{
	lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
	if (lua_rawgeti(L, lua_upvalueindex(2), pos) != LUA_TNUMBER) {
		lua_pop(L, 1);
		return -1;
	}
	lua_Integer i = lua_tointeger(L, -1) - 1;
	lua_pop(L, 1);
	lua_pushinteger(L, pos + 1);
	lua_replace(L, lua_upvalueindex(3));
	return i >= 0 && (size_t)i < n ? i : -1;
}

static int entity_list_step(lua_State *L)
{
	const nr_article *a = live(L, lua_touserdata(L, lua_upvalueindex(1)));
	lua_Integer i = list_next(L, nr_article_entity_count(a));
	if (i < 0)
		return 0;
	push_entity(L, lua_upvalueindex(1), (size_t)i);
	return 1;
}

/* upvalues: owner object, next index */
static int quote_step(lua_State *L)
{
	const l_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	const nr_article *a = live(L, h);
	if ((size_t)i >= nr_article_quote_count(a))
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	push_quote(L, lua_upvalueindex(1), (size_t)i);
	return 1;
}

/* upvalues: entity object, next mention */
static int mention_step(lua_State *L)
{
	const l_entity *e = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer j = lua_tointeger(L, lua_upvalueindex(2));
	const nr_article *a = live(L, &e->h);
	size_t m = nr_article__entity_mention_index(a, e->index, (size_t)j);
	if (m == SIZE_MAX)
		return 0;
	lua_pushinteger(L, j + 1);
	lua_replace(L, lua_upvalueindex(2));
	nr_span sp = nr_article__mention(a, m).span;
	push_span(L, lua_upvalueindex(1), sp.start, sp.end, SPAN_MENTION, (int32_t)m);
	return 1;
}

static int mention_list_step(lua_State *L)
{
	const nr_article *a = live(L, lua_touserdata(L, lua_upvalueindex(1)));
	lua_Integer m = list_next(L, nr_article__mention_count(a));
	if (m < 0)
		return 0;
	nr_span sp = nr_article__mention(a, (size_t)m).span;
	push_span(L, lua_upvalueindex(1), sp.start, sp.end, SPAN_MENTION, (int32_t)m);
	return 1;
}

/*
 * Byte range of a span, an entity (its first mention) or a quote (its
 * content); raises for anything else or an expired object.
 */
static const l_head *check_spanlike(lua_State *L, int idx, uint32_t *start, uint32_t *end)
{
	void *p;
	if ((p = luaL_testudata(L, idx, NR_MT_SPAN))) {
		const l_span *s = p;
		live(L, &s->h);
		*start = s->start;
		*end = s->end;
		return &s->h;
	}
	if ((p = luaL_testudata(L, idx, NR_MT_ENTITY))) {
		const l_entity *e = p;
		/* Its first mention ({0,0} when it has none). */
		nr_span sp = nr_article_entity_mention(live(L, &e->h), e->index, 0);
		*start = (uint32_t)sp.start;
		*end = (uint32_t)sp.end;
		return &e->h;
	}
	if ((p = luaL_testudata(L, idx, NR_MT_QUOTE))) {
		const l_quote *q = p;
		nr_quote_info qi;
		nr_article_quote(live(L, &q->h), q->index, &qi);
		*start = (uint32_t)qi.content.start;
		*end = (uint32_t)qi.content.end;
		return &q->h;
	}
	luaL_typeerror(L, idx, "span, entity or quote");
	return NULL;
}

/* ---- article ----------------------------------------------------------- */

static l_article *check_article(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_ARTICLE);
}

static int article_sentences(lua_State *L)
{
	const nr_article *a = live(L, &check_article(L, 1)->h);
	push_list_iter(L, 1, SPAN_SENTENCE, 0, nr_article_sentence_count(a));
	return 1;
}

static void push_sentence(lua_State *L, int owner, const nr_article *a, size_t i);

/* article:sentence(i): the i-th sentence (1-based), or nil. */
static int article_sentence(lua_State *L)
{
	l_article *art = check_article(L, 1);
	const nr_article *a = live(L, &art->h);
	lua_Integer i = luaL_checkinteger(L, 2);
	if (i < 1 || (lua_Unsigned)i > nr_article_sentence_count(a))
		return 0;
	push_sentence(L, 1, a, (size_t)i - 1);
	return 1;
}

static int article_paragraphs(lua_State *L)
{
	const nr_article *a = live(L, &check_article(L, 1)->h);
	push_list_iter(L, 1, SPAN_PARAGRAPH, 0, nr_article_paragraph_count(a));
	return 1;
}

static int article_find(lua_State *L)
{
	const nr_article *a = live(L, &check_article(L, 1)->h);
	luaL_checkany(L, 2);
	size_t len;
	nr_article_text(a, &len);
	return push_find_iter(L, 1, 2, 0, len);
}

static int article_entities(lua_State *L)
{
	nr_article *a = live(L, &check_article(L, 1)->h);
	int type = opt_type(L, 2);
	analyzed(L, a);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushinteger(L, type);
	lua_pushcclosure(L, entity_step, 3);
	return 1;
}

static int article_quotes(lua_State *L)
{
	nr_article *a = live(L, &check_article(L, 1)->h);
	analyzed(L, a);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, quote_step, 2);
	return 1;
}

/* Text of an actor/target value: a string, a span's text or an entity's
 * canonical name. */
static const char *who_text(lua_State *L, int idx, const char *field, size_t *len)
{
	int t = lua_type(L, idx);
	if (t == LUA_TNIL) {
		*len = 0;
		return NULL;
	}
	if (t == LUA_TSTRING)
		return lua_tolstring(L, idx, len);
	const l_entity *e = luaL_testudata(L, idx, NR_MT_ENTITY);
	if (e) {
		nr_entity_info info;
		nr_article_entity(live(L, &e->h), e->index, &info);
		*len = strlen(info.name);
		return info.name;
	}
	const l_span *s = luaL_testudata(L, idx, NR_MT_SPAN);
	if (s) {
		const char *text = nr_article_text(live(L, &s->h), NULL);
		*len = s->end - s->start;
		return text + s->start;
	}
	luaL_error(L, "alert: '%s' must be a string, a span or an entity, not a %s", field,
		   luaL_typename(L, idx));
	return NULL;
}

/* Alerts leave as JSON: a message a rule cut mid-character is repaired
 * (U+FFFD) rather than lost. */
static char *arena_dup(lua_State *L, nr_arena *ar, const char *s, size_t len)
{
	char *p;
	if (nr_utf8__valid(s, len)) {
		p = nr_arena__strndup(ar, s, len);
	} else {
		nr_buf b = NR_BUF_INIT;
		nr_utf8__convert(&b, s, len, NR_ENC_UTF8);
		p = b.oom ? NULL : nr_arena__strndup(ar, b.data ? b.data : "", b.len);
		nr_buf__free(&b);
	}
	if (!p)
		luaL_error(L, "alert: out of memory");
	return p;
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

static json_t *fields_json(lua_State *L, int idx)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		/* Types were checked before: no call below can raise. */
		const char *k = lua_tostring(L, -2);
		json_t *v = NULL;
		switch (lua_type(L, -1)) {
		case LUA_TSTRING: {
			size_t n;
			const char *s = lua_tolstring(L, -1, &n);
			v = json_utf8(s, n);
			break;
		}
		case LUA_TBOOLEAN: v = json_boolean(lua_toboolean(L, -1)); break;
		case LUA_TNUMBER:
			if (lua_isinteger(L, -1))
				v = json_integer((json_int_t)lua_tointeger(L, -1));
			else
				v = json_real(lua_tonumber(L, -1));
			if (!v)
				v = json_null();
			break;
		default: v = json_null();
		}
		json_object_set_new(o, k, v);
		lua_pop(L, 1);
	}
	return o;
}

static int article_alert(lua_State *L)
{
	const nr_article *a = live(L, &check_article(L, 1)->h);
	luaL_checktype(L, 2, LUA_TTABLE);
	nr_scan_ctx *ctx = scan_ctx(L);
	if (!ctx || !ctx->rule)
		return luaL_error(L, "alert: no rule is running (alerts come from rules)");
	if (ctx->nalerts >= ctx->max_alerts)
		return luaL_error(L, "alert: more than %d alerts from one rule on one article",
				  (int)ctx->max_alerts);

	/* Check everything first: nothing is allocated until no error is left. */
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
			return luaL_error(L,
					  "alert: unknown field '%s' (message, evidence, actor, "
					  "target, fields, severity)",
					  lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
									 : "?");
	}
	lua_settop(L, 2);
	lua_getfield(L, 2, "message");  /* 3 */
	lua_getfield(L, 2, "evidence"); /* 4 */
	lua_getfield(L, 2, "actor");    /* 5 */
	lua_getfield(L, 2, "target");   /* 6 */
	lua_getfield(L, 2, "fields");   /* 7 */
	lua_getfield(L, 2, "severity"); /* 8 */
	if (!lua_isnil(L, 3) && lua_type(L, 3) != LUA_TSTRING)
		return luaL_error(L, "alert: 'message' must be a string");
	const char *sev = NULL;
	if (!lua_isnil(L, 8)) {
		sev = lua_tostring(L, 8);
		if (lua_type(L, 8) != LUA_TSTRING || nr_severity_rank(sev) < 0)
			return luaL_error(L, "alert: 'severity' must be info, low, medium, high "
					     "or critical");
	}
	nr_span ev[NR_MAX_EVIDENCE];
	size_t nev = 0;
	uint32_t es, ee;
	if (lua_type(L, 4) == LUA_TUSERDATA) {
		if (check_spanlike(L, 4, &es, &ee)->a != a)
			return luaL_error(L, "alert: evidence from another article");
		ev[nev++] = (nr_span){ es, ee };
	} else if (lua_type(L, 4) == LUA_TTABLE) {
		lua_Integer n = luaL_len(L, 4);
		if (n > NR_MAX_EVIDENCE)
			return luaL_error(L, "alert: more than %d evidence spans", NR_MAX_EVIDENCE);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_geti(L, 4, i);
			if (lua_type(L, -1) != LUA_TUSERDATA)
				return luaL_error(L, "alert: evidence[%d] is a %s, not a span",
						  (int)i, luaL_typename(L, -1));
			if (check_spanlike(L, -1, &es, &ee)->a != a)
				return luaL_error(L, "alert: evidence from another article");
			ev[nev++] = (nr_span){ es, ee };
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, 4)) {
		return luaL_error(L, "alert: 'evidence' must be a span or a list of spans");
	}
	size_t alen = 0, tlen = 0;
	const char *actor = who_text(L, 5, "actor", &alen);
	const char *target = who_text(L, 6, "target", &tlen);
	if (!lua_isnil(L, 7)) {
		if (lua_type(L, 7) != LUA_TTABLE)
			return luaL_error(L, "alert: 'fields' must be a table");
		lua_pushnil(L);
		while (lua_next(L, 7)) {
			if (lua_type(L, -2) != LUA_TSTRING)
				return luaL_error(L, "alert: 'fields' keys must be strings");
			int t = lua_type(L, -1);
			if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TBOOLEAN)
				return luaL_error(L,
						  "alert: fields.%s is a %s (strings, numbers and "
						  "booleans only)",
						  lua_tostring(L, -2), luaL_typename(L, -1));
			lua_pop(L, 1);
		}
	}

	/* Build the alert in the scan's arena (freed whole, so a later raise
	 * leaks nothing). */
	nr_arena *ar = &ctx->arena;
	nr_alert *al = nr_arena__calloc(ar, 1, sizeof(*al));
	if (!al)
		return luaL_error(L, "alert: out of memory");
	al->rs = ctx->rs;
	al->rule = ctx->rule;
	al->article = a;
	al->severity = sev ? arena_dup(L, ar, sev, strlen(sev)) : ctx->rule->severity;
	if (lua_isnil(L, 3)) {
		al->message = ctx->rule->title;
	} else {
		size_t n;
		const char *m = lua_tolstring(L, 3, &n);
		al->message = arena_dup(L, ar, m, n);
	}
	if (nev) {
		const char *text = nr_article_text(a, NULL);
		al->ev = nr_arena__calloc(ar, nev, sizeof(*al->ev));
		if (!al->ev)
			return luaL_error(L, "alert: out of memory");
		for (size_t i = 0; i < nev; i++) {
			al->ev[i].span = ev[i];
			al->ev[i].text = arena_dup(L, ar, text + ev[i].start,
						   ev[i].end - ev[i].start);
		}
		al->nev = nev;
	}
	al->actor = actor ? arena_dup(L, ar, actor, alen) : NULL;
	al->target = target ? arena_dup(L, ar, target, tlen) : NULL;
	al->fields_json = "{}";
	if (!lua_isnil(L, 7)) {
		json_t *o = fields_json(L, 7);
		char *js = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(o);
		if (!js)
			return luaL_error(L, "alert: out of memory");
		char *copy = nr_arena__strndup(ar, js, strlen(js));
		free(js);
		if (!copy)
			return luaL_error(L, "alert: out of memory");
		al->fields_json = copy;
	}
	*ctx->tail = al;
	ctx->tail = &al->next;
	ctx->nalerts++;
	return 0;
}

static int article_index(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const nr_article *a = live(L, &ua->h);
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	const char *v = NULL;
	if (!strcmp(k, "text")) {
		push_text(L, scan_ctx(L), a);
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
	l_article *ua = check_article(L, 1);
	if (is_alive(L, &ua->h))
		lua_pushfstring(L, NR_MT_ARTICLE "(%s)", nr_article_id(ua->h.a));
	else
		lua_pushliteral(L, NR_MT_ARTICLE "(expired)");
	return 1;
}

static int article_gc(lua_State *L)
{
	l_article *ua = luaL_testudata(L, 1, NR_MT_ARTICLE);
	if (ua && ua->owned) {
		nr_article_free(ua->owned);
		ua->owned = NULL;
		ua->h.a = NULL;
	}
	return 0;
}

/* ---- spans (and what else has a span: entities, quotes) ---------------- */

static size_t sentence_at(const nr_article *a, size_t pos)
{
	size_t lo = 0, hi = nr_article_sentence_count(a);
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (nr_article_sentence(a, mid).start <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void push_sentence(lua_State *L, int owner, const nr_article *a, size_t i)
{
	nr_span sp = nr_article_sentence(a, i);
	push_span(L, owner, sp.start, sp.end, SPAN_SENTENCE, (int32_t)i);
}

static int span_sentence(lua_State *L)
{
	uint32_t s0, e0;
	const nr_article *a = check_spanlike(L, 1, &s0, &e0)->a;
	const l_span *s = luaL_testudata(L, 1, NR_MT_SPAN);
	if (s && s->kind == SPAN_SENTENCE) {
		lua_settop(L, 1);
		return 1;
	}
	if (nr_article_sentence_count(a) == 0)
		return 0;
	push_sentence(L, 1, a, sentence_at(a, s0));
	return 1;
}

static int span_sentences(lua_State *L)
{
	uint32_t s0, e0;
	const nr_article *a = check_spanlike(L, 1, &s0, &e0)->a;
	if (nr_article_sentence_count(a) == 0) {
		lua_pushcfunction(L, empty_iter);
		return 1;
	}
	size_t first = sentence_at(a, s0);
	size_t last = e0 > s0 ? sentence_at(a, e0 - 1) : first;
	push_list_iter(L, 1, SPAN_SENTENCE, first, last + 1);
	return 1;
}

static int span_find(lua_State *L)
{
	uint32_t s0, e0;
	check_spanlike(L, 1, &s0, &e0);
	luaL_checkany(L, 2);
	return push_find_iter(L, 1, 2, s0, e0);
}

static int span_has(lua_State *L)
{
	uint32_t s0, e0;
	const nr_article *a = check_spanlike(L, 1, &s0, &e0)->a;
	size_t ms, me;
	int found;
	if (lua_type(L, 2) == LUA_TSTRING) {
		size_t len;
		const char *w = lua_tolstring(L, 2, &len);
		nr_news__lexicon_word(L, w, len);
		lua_replace(L, 2);
	}
	const char *text = nr_article_text(a, NULL);
	if (nr_news__is_lexicon(L, 2)) {
		found = nr_news__lexicon_find(L, 2, text, e0, s0, &ms, &me);
	} else {
		nr_regex *re = luaL_testudata(L, 2, NR_MT_REGEX);
		if (!re)
			return luaL_typeerror(L, 2, "word, news.lexicon or news.regex");
		found = nr_news__regex_exec(L, re, text, e0, s0, true, &ms, &me);
	}
	lua_pushboolean(L, found);
	if (!found)
		return 1;
	push_span(L, 1, ms, me, SPAN_MATCH, -1);
	return 2;
}

/* Entities with a mention inside the span, in order of their first
 * mention there. Mentions are few per article: a straight walk costs
 * little and assumes no order. */
static int span_entities(lua_State *L)
{
	uint32_t s0, e0;
	nr_article *a = check_spanlike(L, 1, &s0, &e0)->a;
	int type = opt_type(L, 2);
	analyzed(L, a);
	lua_settop(L, 1);
	size_t ne = nr_article_entity_count(a);
	uint32_t *first = lua_newuserdatauv(L, (ne ? ne : 1) * sizeof(uint32_t), 0); /* 2 */
	for (size_t i = 0; i < ne; i++)
		first[i] = UINT32_MAX;
	size_t n = 0;
	nr_span span = { s0, e0 };
	for (size_t j = nr_article__mention_within(a, span, type, nr_article__mentions_from(a, s0));
	     j != SIZE_MAX; j = nr_article__mention_within(a, span, type, j + 1)) {
		nr_mention_info m = nr_article__mention(a, j);
		if (first[m.entity] == UINT32_MAX)
			n++;
		if (m.span.start < first[m.entity])
			first[m.entity] = (uint32_t)m.span.start;
	}
	lua_createtable(L, (int)(n < 64 ? n : 64), 0); /* 3: entity numbers */
	lua_Integer k = 0;
	for (size_t i = 0; i < ne; i++) {
		if (first[i] == UINT32_MAX)
			continue;
		/* insertion by first mention: a sentence names a handful */
		lua_Integer at = ++k;
		while (at > 1) {
			lua_rawgeti(L, 3, at - 1);
			size_t prev = (size_t)lua_tointeger(L, -1) - 1;
			if (first[prev] <= first[i]) {
				lua_pop(L, 1);
				break;
			}
			lua_rawseti(L, 3, at);
			at--;
		}
		lua_pushinteger(L, (lua_Integer)i + 1);
		lua_rawseti(L, 3, at);
	}
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 3);
	lua_pushinteger(L, 1);
	lua_pushcclosure(L, entity_list_step, 3);
	return 1;
}

/* Mentions inside the span (names, demonyms, aliases and the pronouns
 * and nominals resolved to an entity), in text order. */
static int span_mentions(lua_State *L)
{
	uint32_t s0, e0;
	nr_article *a = check_spanlike(L, 1, &s0, &e0)->a;
	int type = opt_type(L, 2);
	analyzed(L, a);
	lua_settop(L, 1);
	lua_createtable(L, 8, 0); /* 2: mention numbers, in text order */
	lua_Integer n = 0;
	nr_span span = { s0, e0 };
	for (size_t j = nr_article__mention_within(a, span, type, nr_article__mentions_from(a, s0));
	     j != SIZE_MAX; j = nr_article__mention_within(a, span, type, j + 1)) {
		lua_pushinteger(L, (lua_Integer)j + 1);
		lua_rawseti(L, 2, ++n);
	}
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_pushinteger(L, 1);
	lua_pushcclosure(L, mention_list_step, 3);
	return 1;
}

static l_span *check_span(lua_State *L, int idx) { return luaL_checkudata(L, idx, NR_MT_SPAN); }

/* start, stop and text of a byte range; returns 1 when k was one of them. */
static int push_span_field(lua_State *L, const nr_article *a, uint32_t s0, uint32_t e0,
			   const char *k)
{
	if (!strcmp(k, "start"))
		lua_pushinteger(L, (lua_Integer)s0 + 1);
	else if (!strcmp(k, "stop"))
		lua_pushinteger(L, (lua_Integer)e0);
	else if (!strcmp(k, "text"))
		lua_pushlstring(L, nr_article_text(a, NULL) + s0, e0 - s0);
	else
		return 0;
	return 1;
}

static int span_index(lua_State *L)
{
	l_span *s = check_span(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	if (!strcmp(k, "start") || !strcmp(k, "stop") || !strcmp(k, "text"))
		return push_span_field(L, live(L, &s->h), s->start, s->end, k);
	if (s->kind == SPAN_MENTION && s->index >= 0) {
		static const char *const mention_kinds[] = { "",        "name",    "pronoun",
							     "nominal", "demonym", "alias" };
		const nr_article *a = live(L, &s->h);
		bool known = (size_t)s->index < nr_article__mention_count(a);
		nr_mention_info m = nr_article__mention(a, (size_t)s->index);
		if (known && !strcmp(k, "entity") && m.entity < nr_article_entity_count(a)) {
			push_entity(L, 1, m.entity);
			return 1;
		}
		if (known && !strcmp(k, "mention_kind") && m.kind >= NR_MENTION_NAME &&
		    m.kind <= NR_MENTION_ALIAS) {
			lua_pushstring(L, mention_kinds[m.kind]);
			return 1;
		}
	}
	if (!strcmp(k, "kind")) {
		lua_pushstring(L, span_kinds[s->kind]);
	} else if (!strcmp(k, "index")) {
		if (s->index < 0 || s->kind == SPAN_MENTION)
			return 0;
		lua_pushinteger(L, (lua_Integer)s->index + 1);
	} else {
		return 0;
	}
	return 1;
}

static void push_excerpt(lua_State *L, const nr_article *a, uint32_t s0, uint32_t e0)
{
	size_t n = e0 - s0;
	lua_pushlstring(L, nr_article_text(a, NULL) + s0, n > 40 ? 40 : n);
	if (n > 40) {
		lua_pushliteral(L, "...");
		lua_concat(L, 2);
	}
}

static int span_tostring(lua_State *L)
{
	l_span *s = check_span(L, 1);
	if (!is_alive(L, &s->h)) {
		lua_pushliteral(L, NR_MT_SPAN "(expired)");
		return 1;
	}
	push_excerpt(L, s->h.a, s->start, s->end);
	lua_pushfstring(L, NR_MT_SPAN "(%s %d-%d: \"%s\")", span_kinds[s->kind], (int)s->start + 1,
			(int)s->end, lua_tostring(L, -1));
	return 1;
}

static int span_eq(lua_State *L)
{
	l_span *a = check_span(L, 1), *b = check_span(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->start == b->start &&
			       a->end == b->end);
	return 1;
}

/* ---- entity -------------------------------------------------------------- */

static l_entity *check_entity(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_ENTITY);
}

static int entity_mentions(lua_State *L)
{
	l_entity *e = check_entity(L, 1);
	live(L, &e->h);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, mention_step, 2);
	return 1;
}

static int entity_index(lua_State *L)
{
	l_entity *e = check_entity(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	uint32_t s0, e0;
	const nr_article *a = check_spanlike(L, 1, &s0, &e0)->a;
	if (push_span_field(L, a, s0, e0, k))
		return 1;
	nr_entity_info ent;
	nr_article_entity(a, e->index, &ent);
	if (!strcmp(k, "name")) {
		lua_pushstring(L, ent.name);
	} else if (!strcmp(k, "type")) {
		lua_pushstring(L, nr_entity_type_name(ent.type));
	} else if (!strcmp(k, "title")) {
		lua_pushstring(L, ent.title);
	} else if (!strcmp(k, "affiliation")) {
		lua_pushstring(L, ent.affiliation);
	} else if (!strcmp(k, "official")) {
		lua_pushboolean(L, ent.official);
	} else if (!strcmp(k, "gender")) {
		char g = nr_article__entity_gender(a, e->index);
		if (!g)
			return 0;
		lua_pushlstring(L, &g, 1);
	} else if (!strcmp(k, "count")) {
		lua_pushinteger(L, (lua_Integer)ent.mention_count);
	} else if (!strcmp(k, "index")) {
		lua_pushinteger(L, (lua_Integer)e->index + 1);
	} else {
		return 0;
	}
	return 1;
}

static int entity_tostring(lua_State *L)
{
	l_entity *e = check_entity(L, 1);
	if (!is_alive(L, &e->h)) {
		lua_pushliteral(L, NR_MT_ENTITY "(expired)");
		return 1;
	}
	nr_entity_info ent;
	nr_article_entity(e->h.a, e->index, &ent);
	lua_pushfstring(L, NR_MT_ENTITY "(%s %s)", nr_entity_type_name(ent.type), ent.name);
	return 1;
}

static int entity_eq(lua_State *L)
{
	l_entity *a = check_entity(L, 1), *b = check_entity(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->index == b->index);
	return 1;
}

/* ---- quote --------------------------------------------------------------- */

static l_quote *check_quote(lua_State *L, int idx) { return luaL_checkudata(L, idx, NR_MT_QUOTE); }

/* A part of the text ({start, end}) as a span, or nothing when the quote
 * has no such part. */
static int push_part(lua_State *L, const nr_article *a, nr_span part)
{
	size_t len;
	nr_article_text(a, &len);
	if (part.end <= part.start || part.end > len)
		return 0;
	push_span(L, 1, part.start, part.end, SPAN_PART, -1);
	return 1;
}

/* The attribution verb as written, "" when there is none. */
static void push_cue(lua_State *L, const nr_article *a, nr_span cue)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	if (cue.end <= cue.start || cue.end > len)
		lua_pushliteral(L, "");
	else
		lua_pushlstring(L, text + cue.start, cue.end - cue.start);
}

/* The speaker fields: an entity when the extractor resolved one, else the
 * group as written; speaker_name is always a string. */
static int push_speaker(lua_State *L, const nr_article *a, const nr_quote_info *qi, bool name)
{
	bool has_entity = qi->speaker_entity >= 0 &&
			  (size_t)qi->speaker_entity < nr_article_entity_count(a);
	if (name) {
		nr_entity_info e;
		if (qi->speaker)
			lua_pushstring(L, qi->speaker);
		else if (has_entity &&
			 nr_article_entity(a, (size_t)qi->speaker_entity, &e) == NR_OK)
			lua_pushstring(L, e.name);
		else
			lua_pushliteral(L, "");
		return 1;
	}
	if (has_entity)
		push_entity(L, 1, (size_t)qi->speaker_entity);
	else if (qi->speaker && qi->speaker[0])
		lua_pushstring(L, qi->speaker);
	else
		return 0;
	return 1;
}

static int quote_index(lua_State *L)
{
	l_quote *q = check_quote(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	const nr_article *a = live(L, &q->h);
	nr_quote_info qi;
	nr_article_quote(a, q->index, &qi);
	if (push_span_field(L, a, (uint32_t)qi.content.start, (uint32_t)qi.content.end, k))
		return 1;
	if (!strcmp(k, "kind"))
		lua_pushstring(L, nr_quote_kind_name(qi.kind));
	else if (!strcmp(k, "speaker"))
		return push_speaker(L, a, &qi, false);
	else if (!strcmp(k, "speaker_name"))
		return push_speaker(L, a, &qi, true);
	else if (!strcmp(k, "speaker_span"))
		return push_part(L, a, qi.speaker_span);
	else if (!strcmp(k, "cue_span"))
		return push_part(L, a, qi.cue);
	else if (!strcmp(k, "cue"))
		push_cue(L, a, qi.cue);
	else if (!strcmp(k, "cue_lemma"))
		lua_pushstring(L, qi.cue_lemma);
	else if (!strcmp(k, "sentence") && qi.sentence < nr_article_sentence_count(a))
		push_sentence(L, 1, a, qi.sentence);
	else if (!strcmp(k, "index"))
		lua_pushinteger(L, (lua_Integer)q->index + 1);
	else
		return 0;
	return 1;
}

static int quote_tostring(lua_State *L)
{
	l_quote *q = check_quote(L, 1);
	if (!is_alive(L, &q->h)) {
		lua_pushliteral(L, NR_MT_QUOTE "(expired)");
		return 1;
	}
	nr_quote_info qi;
	nr_article_quote(q->h.a, q->index, &qi);
	push_excerpt(L, q->h.a, (uint32_t)qi.content.start, (uint32_t)qi.content.end);
	lua_pushfstring(L, NR_MT_QUOTE "(%s, %s: \"%s\")", qi.speaker ? qi.speaker : "unattributed",
			qi.cue_lemma[0] ? qi.cue_lemma : "no cue", lua_tostring(L, -1));
	return 1;
}

static int quote_eq(lua_State *L)
{
	l_quote *a = check_quote(L, 1), *b = check_quote(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->index == b->index);
	return 1;
}

/* ---- registration ------------------------------------------------------ */

static int readonly(lua_State *L)
{
	return luaL_error(L, "%s objects are read-only", luaL_typename(L, 1));
}

static void new_type(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction index,
		     lua_CFunction tostr, lua_CFunction eq)
{
	luaL_newmetatable(L, name);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lua_pushcclosure(L, index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, tostr);
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, readonly);
	lua_setfield(L, -2, "__newindex");
	if (eq) {
		lua_pushcfunction(L, eq);
		lua_setfield(L, -2, "__eq");
	}
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__name");
}

void nr_article__lua_open(lua_State *L)
{
	static const luaL_Reg article_methods[] = {
		{ "sentences", article_sentences },   { "sentence", article_sentence },
		{ "paragraphs", article_paragraphs }, { "find", article_find },
		{ "entities", article_entities },     { "quotes", article_quotes },
		{ "alert", article_alert },           { NULL, NULL },
	};
	/* Entities and quotes have a span too, and the span methods. */
	static const luaL_Reg span_methods[] = {
		{ "sentence", span_sentence },
		{ "sentences", span_sentences },
		{ "find", span_find },
		{ "has", span_has },
		{ "entities", span_entities },
		{ "mentions", span_mentions },
		{ NULL, NULL },
	};
	static const luaL_Reg entity_methods[] = {
		{ "mentions", entity_mentions },
		{ "sentence", span_sentence },
		{ "sentences", span_sentences },
		{ "find", span_find },
		{ "has", span_has },
		{ NULL, NULL },
	};
	/* A quote's `sentence` is a field (the sentence span), not a method. */
	static const luaL_Reg quote_methods[] = {
		{ "sentences", span_sentences }, { "find", span_find },         { "has", span_has },
		{ "entities", span_entities },   { "mentions", span_mentions }, { NULL, NULL },
	};
	new_type(L, NR_MT_ARTICLE, article_methods, article_index, article_tostring, NULL);
	/* Only module-made articles own what they point to. */
	lua_pushcfunction(L, article_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	new_type(L, NR_MT_SPAN, span_methods, span_index, span_tostring, span_eq);
	lua_pop(L, 1);
	new_type(L, NR_MT_ENTITY, entity_methods, entity_index, entity_tostring, entity_eq);
	lua_pop(L, 1);
	new_type(L, NR_MT_QUOTE, quote_methods, quote_index, quote_tostring, quote_eq);
	lua_pop(L, 1);
}

void nr_article__lua_push(lua_State *L, nr_scan_ctx *ctx)
{
	l_article *ua = lua_newuserdatauv(L, sizeof(*ua), 0);
	ua->h.a = ctx->article;
	ua->h.gen = ctx->gen;
	ua->owned = NULL;
	luaL_setmetatable(L, NR_MT_ARTICLE);
}

void nr_article__lua_push_owned(lua_State *L, nr_article *a)
{
	l_article *ua = lua_newuserdatauv(L, sizeof(*ua), 0);
	ua->h.a = a;
	ua->h.gen = 0;
	ua->owned = a;
	luaL_setmetatable(L, NR_MT_ARTICLE);
}

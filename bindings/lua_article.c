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
#include "host.h"

#include <jansson.h>
#include <string.h>

#define NR_MAX_EVIDENCE 32

typedef struct l_article {
	uint64_t gen;
} l_article;

enum { SPAN_MATCH, SPAN_SENTENCE, SPAN_PARAGRAPH };
static const char *const span_kinds[] = { "match", "sentence", "paragraph" };

typedef struct l_span {
	uint64_t gen;
	uint32_t start, end; /* 0-based, end-exclusive */
	int32_t index;       /* sentence or paragraph number, or -1 */
	int kind;
} l_span;

static nr_scan_ctx *scan_ctx(lua_State *L)
{
	return nr_sandbox__get(L)->host;
}

/* The article behind a userdata generation, or raise. */
static const nr_article *live_article(lua_State *L, uint64_t gen)
{
	nr_scan_ctx *ctx = scan_ctx(L);
	if (!ctx || !ctx->article || ctx->gen != gen)
		luaL_error(L, "article object used outside the scan it belongs to");
	return ctx->article;
}

static l_span *push_span(lua_State *L, uint64_t gen, size_t start, size_t end, int kind,
			 int32_t index)
{
	l_span *s = lua_newuserdatauv(L, sizeof(*s), 0);
	s->gen = gen;
	s->start = (uint32_t)start;
	s->end = (uint32_t)end;
	s->kind = kind;
	s->index = index;
	luaL_setmetatable(L, NR_MT_SPAN);
	return s;
}

static void push_text(lua_State *L, nr_scan_ctx *ctx)
{
	if (ctx->text_ref != LUA_NOREF) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, ctx->text_ref);
		return;
	}
	/* Pushed once per article, then shared by every rule. */
	lua_pushlstring(L, ctx->article->text ? ctx->article->text : "", ctx->article->text_len);
	lua_pushvalue(L, -1);
	ctx->text_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

static int empty_iter(lua_State *L)
{
	NR_UNUSED(L);
	return 0;
}

/* ---- iterators over sentences and paragraphs --------------------------- */

/* upvalues: gen, next index, kind, last index (exclusive) */
static int list_step(lua_State *L)
{
	uint64_t gen = (uint64_t)lua_tointeger(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	int kind = (int)lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer stop = lua_tointeger(L, lua_upvalueindex(4));
	const nr_article *a = live_article(L, gen);
	if (i >= stop)
		return 0;
	size_t n = kind == SPAN_SENTENCE ? a->nsentences : a->nparagraphs;
	if ((size_t)i >= n)
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	if (kind == SPAN_SENTENCE)
		push_span(L, gen, a->sentences[i].start, a->sentences[i].end, kind, (int32_t)i);
	else
		push_span(L, gen, a->paragraphs[i].start, a->paragraphs[i].end, kind, (int32_t)i);
	return 1;
}

static void push_list_iter(lua_State *L, uint64_t gen, int kind, size_t first, size_t stop)
{
	lua_pushinteger(L, (lua_Integer)gen);
	lua_pushinteger(L, (lua_Integer)first);
	lua_pushinteger(L, kind);
	lua_pushinteger(L, (lua_Integer)stop);
	lua_pushcclosure(L, list_step, 4);
}

/* ---- find: regex, pattern string or lexicon over a byte range ---------- */

/* upvalues: gen, matcher (regex or lexicon), position, end */
static int find_step(lua_State *L)
{
	uint64_t gen = (uint64_t)lua_tointeger(L, lua_upvalueindex(1));
	lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer end = lua_tointeger(L, lua_upvalueindex(4));
	const nr_article *a = live_article(L, gen);
	if (pos > end || (size_t)end > a->text_len)
		return 0;
	size_t ms, me;
	int found;
	if (nr_news__is_lexicon(L, lua_upvalueindex(2))) {
		found = nr_news__lexicon_find(L, lua_upvalueindex(2), a->text, (size_t)end,
					      (size_t)pos, &ms, &me);
	} else {
		nr_regex *re = luaL_checkudata(L, lua_upvalueindex(2), NR_MT_REGEX);
		found = nr_news__regex_exec(L, re, a->text, (size_t)end, (size_t)pos, true, &ms,
					    &me);
	}
	if (!found) {
		lua_pushinteger(L, end + 1);
		lua_replace(L, lua_upvalueindex(3));
		return 0;
	}
	size_t next = me;
	if (me == ms) { /* empty match: step over one character */
		uint32_t cp;
		next = ms < (size_t)end ? ms + nr_utf8__decode(a->text + ms, (size_t)end - ms, &cp)
				       : (size_t)end + 1;
	}
	lua_pushinteger(L, (lua_Integer)next);
	lua_replace(L, lua_upvalueindex(3));
	push_span(L, gen, ms, me, SPAN_MATCH, -1);
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

static int push_find_iter(lua_State *L, uint64_t gen, int matcher, size_t start, size_t end)
{
	to_matcher(L, matcher);
	lua_pushinteger(L, (lua_Integer)gen);
	lua_pushvalue(L, matcher);
	lua_pushinteger(L, (lua_Integer)start);
	lua_pushinteger(L, (lua_Integer)end);
	lua_pushcclosure(L, find_step, 4);
	return 1;
}

/* ---- article ----------------------------------------------------------- */

static l_article *check_article(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_ARTICLE);
}

static int article_sentences(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	const nr_article *a = live_article(L, ua->gen);
	push_list_iter(L, ua->gen, SPAN_SENTENCE, 0, a->nsentences);
	return 1;
}

static int article_paragraphs(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	const nr_article *a = live_article(L, ua->gen);
	push_list_iter(L, ua->gen, SPAN_PARAGRAPH, 0, a->nparagraphs);
	return 1;
}

static int article_find(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	const nr_article *a = live_article(L, ua->gen);
	luaL_checkany(L, 2);
	return push_find_iter(L, ua->gen, 2, 0, a->text_len);
}

/* Entities and quotes come from extractors that are not wired in yet:
 * the iterators are there so rules can be written against them. */
static int article_empty(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	live_article(L, ua->gen);
	lua_pushcfunction(L, empty_iter);
	return 1;
}

/* Text of an actor/target value: a string, or a span's text. */
static const char *who_text(lua_State *L, int idx, const char *field, size_t *len)
{
	int t = lua_type(L, idx);
	if (t == LUA_TNIL) {
		*len = 0;
		return NULL;
	}
	if (t == LUA_TSTRING) {
		return lua_tolstring(L, idx, len);
	}
	l_span *s = luaL_testudata(L, idx, NR_MT_SPAN);
	if (s) {
		const nr_article *a = live_article(L, s->gen);
		*len = s->end - s->start;
		return a->text + s->start;
	}
	luaL_error(L, "alert: '%s' must be a string or a span, not a %s", field,
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
		case LUA_TBOOLEAN:
			v = json_boolean(lua_toboolean(L, -1));
			break;
		case LUA_TNUMBER:
			if (lua_isinteger(L, -1))
				v = json_integer((json_int_t)lua_tointeger(L, -1));
			else
				v = json_real(lua_tonumber(L, -1));
			if (!v)
				v = json_null();
			break;
		default:
			v = json_null();
		}
		json_object_set_new(o, k, v);
		lua_pop(L, 1);
	}
	return o;
}

static int article_alert(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	const nr_article *a = live_article(L, ua->gen);
	luaL_checktype(L, 2, LUA_TTABLE);
	nr_scan_ctx *ctx = scan_ctx(L);
	if (!ctx->rule)
		return luaL_error(L, "alert: no rule is running");
	if (ctx->nalerts >= ctx->max_alerts)
		return luaL_error(L, "alert: more than %d alerts from one rule on one article",
				  (int)ctx->max_alerts);

	/* Check everything first: nothing is allocated until no error is left. */
	static const char *const known[] = { "message", "evidence", "actor", "target",
					     "fields", "severity", NULL };
	lua_pushnil(L);
	while (lua_next(L, 2)) {
		lua_pop(L, 1);
		bool ok = false;
		if (lua_type(L, -1) == LUA_TSTRING)
			for (size_t i = 0; known[i]; i++)
				ok |= !strcmp(lua_tostring(L, -1), known[i]);
		if (!ok)
			return luaL_error(L, "alert: unknown field '%s' (message, evidence, actor, "
					     "target, fields, severity)",
					  lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
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
	l_span *ev[NR_MAX_EVIDENCE];
	size_t nev = 0;
	if (luaL_testudata(L, 4, NR_MT_SPAN)) {
		ev[nev++] = lua_touserdata(L, 4);
	} else if (lua_type(L, 4) == LUA_TTABLE) {
		lua_Integer n = luaL_len(L, 4);
		if (n > NR_MAX_EVIDENCE)
			return luaL_error(L, "alert: more than %d evidence spans", NR_MAX_EVIDENCE);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_geti(L, 4, i);
			l_span *s = luaL_testudata(L, -1, NR_MT_SPAN);
			if (!s)
				return luaL_error(L, "alert: evidence[%d] is a %s, not a span", (int)i,
						  luaL_typename(L, -1));
			ev[nev++] = s;
			lua_pop(L, 1); /* the table keeps it alive */
		}
	} else if (!lua_isnil(L, 4)) {
		return luaL_error(L, "alert: 'evidence' must be a span or a list of spans");
	}
	for (size_t i = 0; i < nev; i++)
		live_article(L, ev[i]->gen);
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
				return luaL_error(L, "alert: fields.%s is a %s (strings, numbers and "
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
		al->ev = nr_arena__calloc(ar, nev, sizeof(*al->ev));
		if (!al->ev)
			return luaL_error(L, "alert: out of memory");
		for (size_t i = 0; i < nev; i++) {
			al->ev[i].span.start = ev[i]->start;
			al->ev[i].span.end = ev[i]->end;
			al->ev[i].text = arena_dup(L, ar, a->text + ev[i]->start,
						   ev[i]->end - ev[i]->start);
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
	const nr_article *a = live_article(L, ua->gen);
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	const char *v = NULL;
	if (!strcmp(k, "text")) {
		push_text(L, scan_ctx(L));
		return 1;
	} else if (!strcmp(k, "id")) {
		v = a->id;
	} else if (!strcmp(k, "title")) {
		v = a->title;
	} else if (!strcmp(k, "url")) {
		v = a->url;
	} else if (!strcmp(k, "source")) {
		v = a->source;
	} else if (!strcmp(k, "published")) {
		v = a->published;
	} else if (!strcmp(k, "byline")) {
		v = a->byline;
	} else if (!strcmp(k, "language")) {
		v = a->language;
	} else if (!strcmp(k, "format")) {
		v = nr_format_name(a->format);
	} else {
		return 0;
	}
	lua_pushstring(L, v ? v : "");
	return 1;
}

static int article_tostring(lua_State *L)
{
	l_article *ua = check_article(L, 1);
	nr_scan_ctx *ctx = scan_ctx(L);
	if (ctx && ctx->article && ctx->gen == ua->gen)
		lua_pushfstring(L, NR_MT_ARTICLE "(%s)", ctx->article->id);
	else
		lua_pushliteral(L, NR_MT_ARTICLE "(expired)");
	return 1;
}

/* ---- span -------------------------------------------------------------- */

static l_span *check_span(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_SPAN);
}

static size_t sentence_at(const nr_article *a, size_t pos)
{
	size_t lo = 0, hi = a->nsentences;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->sentences[mid].start <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int span_sentence(lua_State *L)
{
	l_span *s = check_span(L, 1);
	const nr_article *a = live_article(L, s->gen);
	if (s->kind == SPAN_SENTENCE) {
		lua_settop(L, 1);
		return 1;
	}
	if (a->nsentences == 0)
		return 0;
	size_t i = sentence_at(a, s->start);
	push_span(L, s->gen, a->sentences[i].start, a->sentences[i].end, SPAN_SENTENCE,
		  (int32_t)i);
	return 1;
}

static int span_sentences(lua_State *L)
{
	l_span *s = check_span(L, 1);
	const nr_article *a = live_article(L, s->gen);
	if (a->nsentences == 0) {
		lua_pushcfunction(L, empty_iter);
		return 1;
	}
	size_t first = sentence_at(a, s->start);
	size_t last = s->end > s->start ? sentence_at(a, s->end - 1) : first;
	push_list_iter(L, s->gen, SPAN_SENTENCE, first, last + 1);
	return 1;
}

static int span_find(lua_State *L)
{
	l_span *s = check_span(L, 1);
	live_article(L, s->gen);
	luaL_checkany(L, 2);
	return push_find_iter(L, s->gen, 2, s->start, s->end);
}

static int span_has(lua_State *L)
{
	l_span *s = check_span(L, 1);
	const nr_article *a = live_article(L, s->gen);
	size_t ms, me;
	int found;
	if (lua_type(L, 2) == LUA_TSTRING) {
		size_t len;
		const char *w = lua_tolstring(L, 2, &len);
		nr_news__lexicon_word(L, w, len);
		lua_replace(L, 2);
	}
	if (nr_news__is_lexicon(L, 2)) {
		found = nr_news__lexicon_find(L, 2, a->text, s->end, s->start, &ms, &me);
	} else {
		nr_regex *re = luaL_testudata(L, 2, NR_MT_REGEX);
		if (!re)
			return luaL_typeerror(L, 2, "word, news.lexicon or news.regex");
		found = nr_news__regex_exec(L, re, a->text, s->end, s->start, true, &ms, &me);
	}
	lua_pushboolean(L, found);
	if (!found)
		return 1;
	push_span(L, s->gen, ms, me, SPAN_MATCH, -1);
	return 2;
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
	if (!strcmp(k, "start")) {
		lua_pushinteger(L, (lua_Integer)s->start + 1);
	} else if (!strcmp(k, "stop")) {
		lua_pushinteger(L, (lua_Integer)s->end);
	} else if (!strcmp(k, "text")) {
		const nr_article *a = live_article(L, s->gen);
		lua_pushlstring(L, a->text + s->start, s->end - s->start);
	} else if (!strcmp(k, "kind")) {
		lua_pushstring(L, span_kinds[s->kind]);
	} else if (!strcmp(k, "index")) {
		if (s->index < 0)
			return 0;
		lua_pushinteger(L, (lua_Integer)s->index + 1);
	} else {
		return 0;
	}
	return 1;
}

static int span_tostring(lua_State *L)
{
	l_span *s = check_span(L, 1);
	nr_scan_ctx *ctx = scan_ctx(L);
	if (!ctx || !ctx->article || ctx->gen != s->gen) {
		lua_pushliteral(L, NR_MT_SPAN "(expired)");
		return 1;
	}
	size_t n = s->end - s->start;
	lua_pushfstring(L, NR_MT_SPAN "(%s %d-%d: \"%s%s\")", span_kinds[s->kind],
			(int)s->start + 1, (int)s->end,
			lua_pushlstring(L, ctx->article->text + s->start, n > 40 ? 40 : n),
			n > 40 ? "..." : "");
	return 1;
}

static int span_eq(lua_State *L)
{
	l_span *a = check_span(L, 1), *b = check_span(L, 2);
	lua_pushboolean(L, a->gen == b->gen && a->start == b->start && a->end == b->end);
	return 1;
}

static int span_empty(lua_State *L)
{
	l_span *s = check_span(L, 1);
	live_article(L, s->gen);
	lua_pushcfunction(L, empty_iter);
	return 1;
}

static int readonly(lua_State *L)
{
	return luaL_error(L, "%s objects are read-only", luaL_typename(L, 1));
}

static void new_type(lua_State *L, const char *name, const luaL_Reg *methods,
		     lua_CFunction index, lua_CFunction tostr)
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
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__name");
}

void nr_article__lua_open(lua_State *L)
{
	static const luaL_Reg article_methods[] = {
		{ "sentences", article_sentences },
		{ "paragraphs", article_paragraphs },
		{ "find", article_find },
		{ "entities", article_empty },
		{ "quotes", article_empty },
		{ "alert", article_alert },
		{ NULL, NULL },
	};
	static const luaL_Reg span_methods[] = {
		{ "sentence", span_sentence },
		{ "sentences", span_sentences },
		{ "find", span_find },
		{ "has", span_has },
		{ "entities", span_empty },
		{ NULL, NULL },
	};
	new_type(L, NR_MT_ARTICLE, article_methods, article_index, article_tostring);
	lua_pop(L, 1);
	new_type(L, NR_MT_SPAN, span_methods, span_index, span_tostring);
	lua_pushcfunction(L, span_eq);
	lua_setfield(L, -2, "__eq");
	lua_pop(L, 1);
}

void nr_article__lua_push(lua_State *L, nr_scan_ctx *ctx)
{
	l_article *ua = lua_newuserdatauv(L, sizeof(*ua), 0);
	ua->gen = ctx->gen;
	luaL_setmetatable(L, NR_MT_ARTICLE);
}

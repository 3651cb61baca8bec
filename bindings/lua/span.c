/*
 * span.c - spans: sentences, paragraphs, matches, mentions and the parts
 * of a quote, as byte ranges of the article text; their iterators, and
 * the methods (:find, :has, :entities, :mentions, ...) that entities and
 * quotes share because they have a span too. In Lua, spans are 1-based
 * and inclusive (`text:sub(s.start, s.stop) == s.text`); in C they are
 * 0-based, end-exclusive.
 */
#include "lua/objects.h"

#include <string.h>

static const char *const span_kinds[] = {
	"match", "sentence", "paragraph", "mention", "part", "hit"
};

nr_lua_span *nr_lua__push_span(lua_State *L, int owner, size_t start, size_t end, int kind,
			       int32_t index)
{
	nr_lua_span *s = nr_lua__new_object(L, sizeof(*s), NR_T_SPAN, owner);
	s->start = (uint32_t)start;
	s->end = (uint32_t)end;
	s->kind = kind;
	s->index = index;
	return s;
}

static int empty_iter(lua_State *L)
{
	NR_UNUSED(L);
	return 0;
}

/* ---- sentences: one object per sentence of an article ------------------- */

static const char SENTENCES_KEY = 's';

/*
 * In a scan every rule that asks for sentence i of an article gets the
 * same object, made the first time: a table in the registry holds them,
 * with the scan generation at [0], and a new article's first ask replaces
 * it. Sentences are read-only, so sharing them shows only in rawequal and
 * as table keys. Objects of the `newsrules` module each hold their
 * article: not shared (nil is pushed for the table).
 */
static void push_sentence_table(lua_State *L, const nr_lua_head *oh)
{
	const nr_scan_ctx *ctx = nr_lua__ctx(L);
	if (!ctx || ctx->module) {
		lua_pushnil(L);
		return;
	}
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SENTENCES_KEY) == LUA_TTABLE) {
		lua_rawgeti(L, -1, 0);
		bool current = (uint64_t)lua_tointeger(L, -1) == oh->gen;
		lua_pop(L, 1);
		if (current)
			return;
	}
	lua_pop(L, 1);
	size_t n = nr_article_sentence_count(oh->a);
	lua_createtable(L, n < 4096 ? (int)n : 4096, 1);
	lua_pushinteger(L, (lua_Integer)oh->gen);
	lua_rawseti(L, -2, 0);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &SENTENCES_KEY);
}

/* Sentence i of the article of the (live) object at owner, from the
 * table at tbl (nil: a new object). */
static void push_sentence_at(lua_State *L, int owner, int tbl, nr_span sp, size_t i)
{
	owner = lua_absindex(L, owner);
	tbl = lua_absindex(L, tbl);
	bool shared = lua_type(L, tbl) == LUA_TTABLE && i < INT32_MAX;
	if (shared && lua_rawgeti(L, tbl, (lua_Integer)i + 1) == LUA_TUSERDATA)
		return;
	if (shared)
		lua_pop(L, 1);
	nr_lua__push_span(L, owner, sp.start, sp.end, NR_SPAN_SENTENCE, (int32_t)i);
	if (shared) {
		lua_pushvalue(L, -1);
		lua_rawseti(L, tbl, (lua_Integer)i + 1);
	}
}

/* ---- iterators over sentences and paragraphs --------------------------- */

/* upvalues: owner object, next index, kind, last index (exclusive), the
 * article's table of sentence objects (or nil) */
static int list_step(lua_State *L)
{
	const nr_lua_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	int kind = (int)lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer stop = lua_tointeger(L, lua_upvalueindex(4));
	const nr_article *a = nr_lua__live(L, h);
	if (i >= stop)
		return 0;
	bool sentence = kind == NR_SPAN_SENTENCE;
	size_t n = sentence ? nr_article_sentence_count(a) : nr_article_paragraph_count(a);
	if ((size_t)i >= n)
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	if (sentence) {
		push_sentence_at(L, lua_upvalueindex(1), lua_upvalueindex(5),
				 nr_article_sentence(a, (size_t)i), (size_t)i);
		return 1;
	}
	nr_span sp = nr_article_paragraph(a, (size_t)i);
	nr_lua__push_span(L, lua_upvalueindex(1), sp.start, sp.end, kind, (int32_t)i);
	return 1;
}

void nr_lua__push_span_list(lua_State *L, int owner, int kind, size_t first, size_t stop)
{
	owner = lua_absindex(L, owner);
	lua_pushvalue(L, owner);
	lua_pushinteger(L, (lua_Integer)first);
	lua_pushinteger(L, kind);
	lua_pushinteger(L, (lua_Integer)stop);
	if (kind == NR_SPAN_SENTENCE)
		push_sentence_table(L, lua_touserdata(L, owner));
	else
		lua_pushnil(L);
	lua_pushcclosure(L, list_step, 5);
}

/* ---- find: regex, pattern string or lexicon over a byte range ---------- */

/* upvalues: owner object, matcher (regex or lexicon), position, end */
static int find_step(lua_State *L)
{
	const nr_lua_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer end = lua_tointeger(L, lua_upvalueindex(4));
	const nr_article *a = nr_lua__live(L, h);
	size_t len;
	const char *text = nr_article_text(a, &len);
	if (pos > end || (size_t)end > len)
		return 0;
	size_t ms, me;
	int found;
	if (nr_lua__type_of(L, lua_upvalueindex(2)) == NR_T_LEXICON) {
		found = nr_news__lexicon_find(L, lua_upvalueindex(2), h->a, text, (size_t)end,
					      (size_t)pos, &ms, &me);
	} else {
		nr_regex *re = nr_lua__check(L, lua_upvalueindex(2), NR_T_REGEX);
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
	nr_lua__push_span(L, lua_upvalueindex(1), ms, me, NR_SPAN_MATCH, -1);
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
	} else if (nr_lua__type_of(L, idx) != NR_T_REGEX &&
		   nr_lua__type_of(L, idx) != NR_T_LEXICON) {
		luaL_typeerror(L, idx, "pattern string, news.regex or news.lexicon");
	}
}

int nr_lua__push_find(lua_State *L, int owner, int matcher, size_t start, size_t end)
{
	to_matcher(L, matcher);
	lua_pushvalue(L, owner);
	lua_pushvalue(L, matcher);
	lua_pushinteger(L, (lua_Integer)start);
	lua_pushinteger(L, (lua_Integer)end);
	lua_pushcclosure(L, find_step, 4);
	return 1;
}

/* ---- entities and mentions of a span ----------------------------------- */

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
	const nr_article *a = nr_lua__live(L, lua_touserdata(L, lua_upvalueindex(1)));
	lua_Integer i = list_next(L, nr_article_entity_count(a));
	if (i < 0)
		return 0;
	nr_lua__push_entity(L, lua_upvalueindex(1), (size_t)i);
	return 1;
}

static int mention_list_step(lua_State *L)
{
	const nr_article *a = nr_lua__live(L, lua_touserdata(L, lua_upvalueindex(1)));
	lua_Integer m = list_next(L, nr_article__mention_count(a));
	if (m < 0)
		return 0;
	nr_span sp = nr_article__mention(a, (size_t)m).span;
	nr_lua__push_span(L, lua_upvalueindex(1), sp.start, sp.end, NR_SPAN_MENTION, (int32_t)m);
	return 1;
}

/*
 * Byte range of a span, an entity (its first mention), a quote (its
 * content), a statement (its parts) or a party (where it is named);
 * raises for anything else or an expired object.
 */
const nr_lua_head *nr_lua__check_spanlike(lua_State *L, int idx, uint32_t *start, uint32_t *end)
{
	void *p = lua_touserdata(L, idx);
	switch (nr_lua__type_of(L, idx)) {
	case NR_T_SPAN: {
		const nr_lua_span *s = p;
		nr_lua__live(L, &s->h);
		*start = s->start;
		*end = s->end;
		return &s->h;
	}
	case NR_T_ENTITY: {
		const nr_lua_item *e = p;
		/* Its first mention ({0,0} when it has none). */
		nr_span sp = nr_article_entity_mention(nr_lua__live(L, &e->h), e->index, 0);
		*start = (uint32_t)sp.start;
		*end = (uint32_t)sp.end;
		return &e->h;
	}
	case NR_T_QUOTE: {
		const nr_lua_item *q = p;
		nr_quote_info qi;
		nr_article_quote(nr_lua__live(L, &q->h), q->index, &qi);
		*start = (uint32_t)qi.content.start;
		*end = (uint32_t)qi.content.end;
		return &q->h;
	}
	case NR_T_STATEMENT: {
		const nr_lua_item *s = p;
		nr_lua__statement_span(nr_lua__live(L, &s->h), s->index, start, end);
		return &s->h;
	}
	case NR_T_PARTY: {
		/* Where the text names it ({0,0} when nowhere). */
		nr_statement_info si;
		const nr_party_info *pi = nr_lua__party_info(L, p, &si);
		*start = (uint32_t)pi->span.start;
		*end = (uint32_t)pi->span.end;
		return &((const nr_lua_party *)p)->h;
	}
	default: luaL_typeerror(L, idx, "span, entity, quote, statement or party"); return NULL;
	}
}

/* ---- span methods (entities and quotes have them too) ------------------ */

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

void nr_lua__push_sentence(lua_State *L, int owner, const nr_article *a, size_t i)
{
	owner = lua_absindex(L, owner);
	push_sentence_table(L, lua_touserdata(L, owner));
	push_sentence_at(L, owner, -1, nr_article_sentence(a, i), i);
	lua_remove(L, -2);
}

int nr_lua__span_sentence(lua_State *L)
{
	uint32_t s0, e0;
	const nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	const nr_lua_span *s = nr_lua__test(L, 1, NR_T_SPAN);
	if (s && s->kind == NR_SPAN_SENTENCE) {
		lua_settop(L, 1);
		return 1;
	}
	if (nr_article_sentence_count(a) == 0)
		return 0;
	nr_lua__push_sentence(L, 1, a, sentence_at(a, s0));
	return 1;
}

int nr_lua__span_sentences(lua_State *L)
{
	uint32_t s0, e0;
	const nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	if (nr_article_sentence_count(a) == 0) {
		lua_pushcfunction(L, empty_iter);
		return 1;
	}
	size_t first = sentence_at(a, s0);
	size_t last = e0 > s0 ? sentence_at(a, e0 - 1) : first;
	nr_lua__push_span_list(L, 1, NR_SPAN_SENTENCE, first, last + 1);
	return 1;
}

int nr_lua__span_find(lua_State *L)
{
	uint32_t s0, e0;
	nr_lua__check_spanlike(L, 1, &s0, &e0);
	luaL_checkany(L, 2);
	return nr_lua__push_find(L, 1, 2, s0, e0);
}

int nr_lua__span_has(lua_State *L)
{
	uint32_t s0, e0;
	nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	size_t ms, me;
	int found;
	if (lua_type(L, 2) == LUA_TSTRING) {
		nr_news__lexicon_word(L, 2);
		lua_replace(L, 2);
	}
	const char *text = nr_article_text(a, NULL);
	int type = nr_lua__type_of(L, 2);
	if (type == NR_T_LEXICON) {
		found = nr_news__lexicon_find(L, 2, a, text, e0, s0, &ms, &me);
	} else {
		nr_regex *re = type == NR_T_REGEX ? lua_touserdata(L, 2) : NULL;
		if (!re)
			return luaL_typeerror(L, 2, "word, news.lexicon or news.regex");
		found = nr_news__regex_exec(L, re, text, e0, s0, true, &ms, &me);
	}
	lua_pushboolean(L, found);
	if (!found)
		return 1;
	nr_lua__push_span(L, 1, ms, me, NR_SPAN_MATCH, -1);
	return 2;
}

/* Entities with a mention inside the span, in order of their first
 * mention there. Mentions are few per article: a straight walk costs
 * little and assumes no order. */
int nr_lua__span_entities(lua_State *L)
{
	uint32_t s0, e0;
	nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	int type = nr_lua__opt_entity_type(L, 2);
	nr_lua__analyze(L, a);
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
int nr_lua__span_mentions(lua_State *L)
{
	uint32_t s0, e0;
	nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	int type = nr_lua__opt_entity_type(L, 2);
	nr_lua__analyze(L, a);
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

/* s:statements([act]): statements whose cue starts inside the span. */
int nr_lua__span_statements(lua_State *L)
{
	uint32_t s0, e0;
	nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	nr_lua__analyze_statements(L, a);
	return nr_lua__push_statements(L, 1, 2, s0, e0);
}

/* ---- the span object ----------------------------------------------------- */

static nr_lua_span *check_span(lua_State *L, int idx) { return nr_lua__check(L, idx, NR_T_SPAN); }

/* start, stop and text of a byte range; returns 1 when k was one of them. */
int nr_lua__push_span_field(lua_State *L, const nr_article *a, uint32_t s0, uint32_t e0,
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
	nr_lua_span *s = check_span(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	if (!strcmp(k, "start") || !strcmp(k, "stop") || !strcmp(k, "text"))
		return nr_lua__push_span_field(L, nr_lua__live(L, &s->h), s->start, s->end, k);
	if (s->kind == NR_SPAN_MENTION && s->index >= 0) {
		static const char *const mention_kinds[] = { "",        "name",    "pronoun",
							     "nominal", "demonym", "alias" };
		const nr_article *a = nr_lua__live(L, &s->h);
		bool known = (size_t)s->index < nr_article__mention_count(a);
		nr_mention_info m = nr_article__mention(a, (size_t)s->index);
		if (known && !strcmp(k, "entity") && m.entity < nr_article_entity_count(a)) {
			nr_lua__push_entity(L, 1, m.entity);
			return 1;
		}
		if (known && !strcmp(k, "mention_kind") && m.kind >= NR_MENTION_NAME &&
		    m.kind <= NR_MENTION_ALIAS) {
			lua_pushstring(L, mention_kinds[m.kind]);
			return 1;
		}
	}
	if (s->kind == NR_SPAN_HIT && !strcmp(k, "keyword"))
		return nr_article__push_hit_keyword(L, s->index);
	if (!strcmp(k, "kind")) {
		lua_pushstring(L, span_kinds[s->kind]);
	} else if (!strcmp(k, "index")) {
		if (s->index < 0 || s->kind == NR_SPAN_MENTION || s->kind == NR_SPAN_HIT)
			return 0;
		lua_pushinteger(L, (lua_Integer)s->index + 1);
	} else {
		return 0;
	}
	return 1;
}

void nr_lua__push_excerpt(lua_State *L, const nr_article *a, uint32_t s0, uint32_t e0)
{
	size_t n = e0 - s0, cut = n > 40 ? 40 : n;
	const char *text = nr_article_text(a, NULL) + s0;
	/* Never inside a character: the excerpt reads well in errors and
	 * alerts (which would repair a cut one into U+FFFD). */
	while (cut < n && cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	lua_pushlstring(L, text, cut);
	if (n > 40) {
		lua_pushliteral(L, "...");
		lua_concat(L, 2);
	}
}

static int span_tostring(lua_State *L)
{
	nr_lua_span *s = check_span(L, 1);
	if (!nr_lua__is_alive(L, &s->h)) {
		lua_pushliteral(L, NR_MT_SPAN "(expired)");
		return 1;
	}
	nr_lua__push_excerpt(L, s->h.a, s->start, s->end);
	lua_pushfstring(L, NR_MT_SPAN "(%s %d-%d: \"%s\")", span_kinds[s->kind], (int)s->start + 1,
			(int)s->end, lua_tostring(L, -1));
	return 1;
}

static int span_eq(lua_State *L)
{
	nr_lua_span *a = check_span(L, 1), *b = check_span(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->start == b->start &&
			       a->end == b->end);
	return 1;
}

void nr_lua__span_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "sentence", nr_lua__span_sentence },
		{ "sentences", nr_lua__span_sentences },
		{ "find", nr_lua__span_find },
		{ "has", nr_lua__span_has },
		{ "entities", nr_lua__span_entities },
		{ "mentions", nr_lua__span_mentions },
		{ "statements", nr_lua__span_statements },
		{ NULL, NULL },
	};
	static const nr_lua_type type = { NR_MT_SPAN,    methods, span_index,
					  span_tostring, span_eq, NULL };
	nr_lua__new_type(L, &type);
}

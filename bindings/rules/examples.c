/*
 * examples.c - a rule's `examples`: reading each one while the file loads
 * (text, expect, and what the alert must say: actor, target, message,
 * fields), and judging an alert against what an example states, for
 * `newsrules test` and any host that runs examples.
 */
#define _GNU_SOURCE /* memmem */
#include "lua/objects.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NR_MAX_EXPECT 100000

static const char KNOWN_KEYS[] = "text, expect, actor, target, message, fields";

/* A report in the site's words: "examples[i]: ..." with the example's line. */
typedef struct ex_site {
	nr_example_report report;
	void *site;
	size_t i;
	int line;
	bool bad;
} ex_site;

static void ex_error(ex_site *st, const char *fmt, ...) NR_PRINTF(2, 3);

static void ex_error(ex_site *st, const char *fmt, ...)
{
	char msg[400], full[480];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "examples[%zu]: %s", st->i, msg);
	st->bad = true;
	st->report(st->site, st->line, full);
}

void nr_example__free(nr_example *e)
{
	free(e->text);
	free(e->actor);
	for (size_t k = 0; k < e->nwants; k++) {
		free(e->wants[k].name);
		free(e->wants[k].text);
		free(e->wants[k].json);
	}
	free(e->wants);
	memset(e, 0, sizeof(*e));
}

void nr_example__cursor(nr_example_cursor *cur, const char *src, size_t len, int rule_line)
{
	memset(cur, 0, sizeof(*cur));
	cur->src = src;
	cur->len = len;
	cur->line = 1;
	cur->rule_line = rule_line;
	while (src && cur->from < len && cur->line < rule_line)
		cur->line += src[cur->from++] == '\n';
}

/* The line of `text` after the cursor (which moves past it), or the
 * rule's line when it is not there as written. */
static int find_line(nr_example_cursor *cur, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (!cur->src || n == 0 || n > cur->len - cur->from)
		return cur->rule_line;
	const char *hit = memmem(cur->src + cur->from, cur->len - cur->from, text, n);
	if (!hit)
		return cur->rule_line;
	for (const char *p = cur->src + cur->from; p < hit; p++)
		cur->line += *p == '\n';
	int line = cur->line;
	for (size_t k = 0; k < n; k++)
		cur->line += hit[k] == '\n';
	cur->from = (size_t)(hit - cur->src) + n;
	return line;
}

/* Every key of the example table at `ex` must be one of KNOWN_KEYS. */
static void check_keys(lua_State *L, int ex, ex_site *st)
{
	static const char *const known[] = { "text",    "expect", "actor", "target",
					     "message", "fields", NULL };
	lua_pushnil(L);
	while (lua_next(L, ex)) {
		lua_pop(L, 1);
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		bool ok = false;
		for (size_t j = 0; k && known[j]; j++)
			ok |= !strcmp(k, known[j]);
		if (!ok)
			ex_error(st, "unknown field '%s' (%s)", k ? k : "(not a string)",
				 KNOWN_KEYS);
	}
}

/* Append an expectation; its name is copied. NULL when out of memory. */
static nr_want *add_want(nr_example *e, const char *name, size_t *cap)
{
	if (e->nwants == *cap && !nr__grow((void **)&e->wants, cap, sizeof(*e->wants), 4))
		return NULL;
	nr_want *w = &e->wants[e->nwants];
	memset(w, 0, sizeof(*w));
	if (!(w->name = strdup(name)))
		return NULL;
	e->nwants++;
	return w;
}

/* A malloc'd copy of s[0..len) with a NUL after it, or NULL. */
/* The value at the top of the stack (a string, number or boolean) into
 * w, with its JSON text. An error when it cannot be compared with what
 * an alert carries (not UTF-8, not a finite number). */
static void want_value(lua_State *L, nr_want *w, ex_site *st)
{
	size_t len;
	const char *s;
	json_t *js = NULL;
	switch (lua_type(L, -1)) {
	case LUA_TSTRING:
		w->kind = NR_WANT_STRING;
		s = lua_tolstring(L, -1, &len);
		if (!nr_utf8__valid(s, len)) {
			ex_error(st, "'%s' is not valid UTF-8 (alerts carry UTF-8 only)", w->name);
			return;
		}
		w->text = nr__memdup0(s, len);
		w->len = len;
		js = json_stringn(s, len);
		w->json = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
		json_decref(js);
		break;
	case LUA_TNUMBER:
		w->kind = NR_WANT_NUMBER;
		w->num = lua_tonumber(L, -1);
		if (!isfinite(w->num)) {
			ex_error(st, "'%s' must be a finite number", w->name);
			return;
		}
		lua_pushvalue(L, -1); /* lua_tolstring converts what it is given */
		s = lua_tolstring(L, -1, &len);
		w->json = nr__memdup0(s, len);
		lua_pop(L, 1);
		break;
	default:
		w->kind = NR_WANT_BOOLEAN;
		w->boolean = lua_toboolean(L, -1);
		w->json = strdup(w->boolean ? "true" : "false");
	}
	if (!w->json || (w->kind == NR_WANT_STRING && !w->text))
		ex_error(st, "out of memory");
}

/* actor or target: a non-empty string, or false for an alert without. */
static void parse_who(lua_State *L, int ex, const char *key, ex_site *st, nr_example *e,
		      size_t *cap)
{
	lua_pushstring(L, key);
	int t = lua_rawget(L, ex);
	bool none = t == LUA_TBOOLEAN && !lua_toboolean(L, -1);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (!none && (t != LUA_TSTRING || lua_rawlen(L, -1) == 0)) {
		ex_error(st, "'%s' must be a non-empty string, or false for an alert without one",
			 key);
	} else {
		nr_want *w = add_want(e, key, cap);
		if (!w)
			ex_error(st, "out of memory");
		else if (none && !(w->json = strdup("null")))
			ex_error(st, "out of memory");
		else if (!none)
			want_value(L, w, st);
		if (w && !none && !strcmp(key, "actor") &&
		    !(e->actor = strdup(lua_tostring(L, -1))))
			ex_error(st, "out of memory");
	}
	lua_pop(L, 1);
}

/* message: a non-empty string the alert's message must contain. */
static void parse_message(lua_State *L, int ex, ex_site *st, nr_example *e, size_t *cap)
{
	lua_pushstring(L, "message");
	int t = lua_rawget(L, ex);
	if (t != LUA_TNIL && (t != LUA_TSTRING || lua_rawlen(L, -1) == 0)) {
		ex_error(st, "'message' must be a non-empty string (text the message contains)");
	} else if (t == LUA_TSTRING) {
		nr_want *w = add_want(e, "message", cap);
		if (w)
			want_value(L, w, st);
		else
			ex_error(st, "out of memory");
	}
	lua_pop(L, 1);
}

/* One entry of `fields` (key at -2, value at -1), checked and kept. */
static void parse_field(lua_State *L, ex_site *st, nr_example *e, size_t *cap)
{
	if (lua_type(L, -2) != LUA_TSTRING) {
		ex_error(st, "'fields' keys must be strings");
		return;
	}
	size_t kl;
	const char *k = lua_tolstring(L, -2, &kl);
	int t = lua_type(L, -1);
	if (kl == 0 || kl > NR_ALERT_MAX_KEY || memchr(k, '\0', kl)) {
		ex_error(st, "'fields' keys must be 1 to %d bytes, without NUL", NR_ALERT_MAX_KEY);
	} else if (!strcmp(k, "actor") || !strcmp(k, "target")) {
		ex_error(st, "fields.%s: give it as the example's '%s'", k, k);
	} else if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TBOOLEAN) {
		ex_error(st, "fields.%s is a %s (strings, numbers and booleans only)", k,
			 luaL_typename(L, -1));
	} else {
		char name[NR_ALERT_MAX_KEY + 8];
		snprintf(name, sizeof(name), "fields.%s", k);
		nr_want *w = add_want(e, name, cap);
		if (w)
			want_value(L, w, st);
		else
			ex_error(st, "out of memory");
	}
}

static int want_cmp(const void *a, const void *b)
{
	return strcmp(((const nr_want *)a)->name, ((const nr_want *)b)->name);
}

/* fields: a table of what the alert's fields must hold, kept in key order. */
static void parse_fields(lua_State *L, int ex, ex_site *st, nr_example *e, size_t *cap)
{
	lua_pushstring(L, "fields");
	int t = lua_rawget(L, ex);
	if (t != LUA_TNIL && t != LUA_TTABLE)
		ex_error(st, "'fields' must be a table such as { act = \"deny\" }, not a %s",
			 luaL_typename(L, -1));
	if (t != LUA_TTABLE) {
		lua_pop(L, 1);
		return;
	}
	int ft = lua_gettop(L);
	size_t first = e->nwants, n = 0;
	lua_pushnil(L);
	while (lua_next(L, ft)) {
		if (++n <= NR_ALERT_MAX_FIELDS)
			parse_field(L, st, e, cap);
		lua_pop(L, 1);
	}
	if (n > NR_ALERT_MAX_FIELDS)
		ex_error(st, "more than %d 'fields' (an alert carries no more)",
			 NR_ALERT_MAX_FIELDS);
	if (e->nwants > first)
		qsort(e->wants + first, e->nwants - first, sizeof(*e->wants), want_cmp);
	lua_pop(L, 1);
}

/* text and expect, which every example has. */
static void parse_text_expect(lua_State *L, int ex, ex_site *st, nr_example *e)
{
	lua_pushstring(L, "expect");
	int isnum = 0;
	lua_Integer x = 0;
	if (lua_rawget(L, ex) == LUA_TNUMBER)
		x = lua_tointegerx(L, -1, &isnum);
	if (!isnum || x < 0 || x > NR_MAX_EXPECT)
		ex_error(st, "'expect' must be a whole number of alerts (0 to %d)", NR_MAX_EXPECT);
	e->expect = (int)x;
	lua_pop(L, 1);
}

bool nr_example__parse(lua_State *L, int ex, size_t i, nr_example *e, nr_example_cursor *cur,
		       nr_example_report report, void *site)
{
	ex_site st = { report, site, i, cur->rule_line, false };
	lua_pushstring(L, "text");
	if (lua_rawget(L, ex) != LUA_TSTRING) {
		ex_error(&st, "'text' must be a string");
	} else if (!(e->text = strdup(lua_tostring(L, -1)))) {
		ex_error(&st, "out of memory");
	} else {
		st.line = e->line = find_line(cur, e->text);
	}
	lua_pop(L, 1);
	if (!e->line)
		e->line = cur->rule_line;
	check_keys(L, ex, &st);
	parse_text_expect(L, ex, &st, e);
	size_t cap = 0;
	parse_who(L, ex, "actor", &st, e, &cap);
	parse_who(L, ex, "target", &st, e, &cap);
	parse_message(L, ex, &st, e, &cap);
	parse_fields(L, ex, &st, e, &cap);
	if (e->expect == 0 && e->nwants)
		ex_error(&st, "'%s' needs expect = 1 or more (expect = 0: no alert to check)",
			 strncmp(e->wants[0].name, "fields.", 7) ? e->wants[0].name : "fields");
	return !st.bad;
}

/* ---- judging an alert ---------------------------------------------------- */

/* Equal once folded as lexicons fold (case, Latin accents, ’, spaces). */
static bool same_name(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t cap = 2 * (alen > blen ? alen : blen) + 16;
	char *fa = malloc(cap), *fb = malloc(cap);
	bool same;
	size_t na = fa ? nr_lexicon__fold(a, alen, fa, cap) : SIZE_MAX;
	size_t nb = fb ? nr_lexicon__fold(b, blen, fb, cap) : SIZE_MAX;
	if (na == SIZE_MAX || nb == SIZE_MAX) /* cannot fold: bytes must match */
		same = alen == blen && !memcmp(a, b, alen);
	else
		same = na == nb && !memcmp(fa, fb, na);
	free(fa);
	free(fb);
	return same;
}

static bool meets_who(const nr_want *w, const char *got, size_t len)
{
	if (w->kind == NR_WANT_NONE)
		return got == NULL;
	return got && same_name(w->text, w->len, got, len);
}

/* fields.KEY against the alert's fields (a JSON object text). */
static bool meets_field(const nr_want *w, const char *fields_json)
{
	json_t *o = json_loads(fields_json, JSON_ALLOW_NUL, NULL);
	json_t *v = o ? json_object_get(o, w->name + strlen("fields.")) : NULL;
	bool ok = false;
	if (!v)
		ok = false;
	else if (w->kind == NR_WANT_STRING)
		ok = json_is_string(v) && json_string_length(v) == w->len &&
		     !memcmp(json_string_value(v), w->text, w->len);
	else if (w->kind == NR_WANT_NUMBER)
		ok = json_is_number(v) && json_number_value(v) == w->num;
	else if (w->kind == NR_WANT_BOOLEAN)
		ok = json_is_boolean(v) && json_is_true(v) == w->boolean;
	json_decref(o);
	return ok;
}

static bool meets(const nr_want *w, const nr_alert *al)
{
	/* The name as the alert gives it, or another name of the same country
	 * or organisation ("United States" for an actor written "US"). */
	if (!strcmp(w->name, "actor"))
		return meets_who(w, al->actor, al->actor_len) ||
		       (w->kind == NR_WANT_STRING &&
			nr_alert_names(al, NR_PARTY_ACTOR, w->text) == 1);
	if (!strcmp(w->name, "target"))
		return meets_who(w, al->target, al->target_len) ||
		       (w->kind == NR_WANT_STRING &&
			nr_alert_names(al, NR_PARTY_TARGET, w->text) == 1);
	if (!strcmp(w->name, "message"))
		return w->len <= al->message_len &&
		       memmem(al->message, al->message_len, w->text, w->len) != NULL;
	return meets_field(w, al->fields_json);
}

/* ---- the public getters -------------------------------------------------- */

static const nr_example *example_at(const nr_ruleset *rs, size_t i, size_t e)
{
	if (!rs || i >= rs->nrules || e >= rs->rules[i].nexamples)
		return NULL;
	return &rs->rules[i].examples[e];
}

size_t nr_ruleset_example_expect_count(const nr_ruleset *rs, size_t i, size_t e)
{
	const nr_example *ex = example_at(rs, i, e);
	return ex ? ex->nwants : 0;
}

const char *nr_ruleset_example_expect(const nr_ruleset *rs, size_t i, size_t e, size_t k,
				      const char **want)
{
	const nr_example *ex = example_at(rs, i, e);
	if (want)
		*want = NULL;
	if (!ex || k >= ex->nwants)
		return NULL;
	if (want)
		*want = ex->wants[k].json;
	return ex->wants[k].name;
}

int nr_ruleset_example_meets(const nr_ruleset *rs, size_t i, size_t e, size_t k, const nr_alert *al)
{
	const nr_example *ex = example_at(rs, i, e);
	if (!ex || k >= ex->nwants || !al)
		return -1;
	return meets(&ex->wants[k], al);
}

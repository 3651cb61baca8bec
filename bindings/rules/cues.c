/*
 * cues.c - a rule's keywords against its own cue lists.
 *
 * Keywords are a prefilter: a rule runs only on articles holding one of
 * them. The cues a rule looks for are the lexicons and regexes its match
 * function reaches: its upvalues, the fields of them it reads (V.accuse,
 * not all of V), the globals it reads, and so on through the functions it
 * calls, a few levels deep. A lexicon counts as a cue list when one of
 * the rule's keywords occurs in one of its forms (so a gate of sport
 * words is not one), a regex when one occurs in its text. Then:
 *   - a form of a cue list that holds no keyword is a cue the rule never
 *     sees alone (uncovered-cue);
 *   - a keyword that occurs in no form, regex or string the rule's code
 *     holds matches nothing the rule looks for (unused-keyword), unless
 *     the rule reads where its keywords occur (article:hits): then each
 *     keyword is a cue itself.
 */
#include "lua/objects.h"
#include "rules/lint.h"

#include <stdlib.h>
#include <string.h>

/* How deep the walk follows functions and tables, and how many values it
 * looks at per rule. */
#define NR_CUE_DEPTH 8
#define NR_CUE_VALUES 20000
/* Entries listed one by one per lexicon (the rest summed up). */
#define NR_CUE_LISTED 20
/* Work the cue lint may do for a whole file (values walked, forms
 * grouped, keyword searches): a file that builds huge lexicons or
 * thousands of rules gets a lint that stops, not one that takes minutes. */
#define NR_CUE_WORK 10000000

typedef struct cue_walk {
	nr_lint *lt;
	int seen;    /* value -> true */
	int lexes;   /* lexicon -> path (the shortest, then the first in order) */
	int regexes; /* regex -> pattern */
	int strings; /* string constants of the functions reached -> true */
	size_t values;
	bool extractors; /* it reads statements or quotes */
	bool hits;       /* it reads its keywords' hits */
} cue_walk;

static void cue_visit(cue_walk *w, int depth, const char *path);

/* Keep `path` for the object at top under `set` if shorter or first. */
static void keep_path(lua_State *L, int set, const char *path)
{
	lua_pushvalue(L, -1);
	if (lua_rawget(L, set) == LUA_TSTRING) {
		const char *old = lua_tostring(L, -1);
		if (strlen(old) < strlen(path) ||
		    (strlen(old) == strlen(path) && strcmp(old, path) <= 0)) {
			lua_pop(L, 1);
			return;
		}
	}
	lua_pop(L, 1);
	lua_pushvalue(L, -1);
	lua_pushstring(L, path);
	lua_rawset(L, set);
}

/* How function f (and functions nested in it) use upvalue u of the
 * closure: wholly (GETUPVAL), or by fields (GETTABUP: keys into `fields`). */
static bool upvalue_use(lua_State *L, const nr_proto *f, unsigned u, int fields, int depth)
{
	bool whole = false;
	for (size_t pc = 0; pc < f->ncode && !whole; pc++) {
		uint32_t i = f->code[pc];
		if (NR_I_OP(i) == NR_OP_GETUPVAL && NR_I_B(i) == u)
			whole = true;
		const char *k = nr_luac__kstr(f, NR_I_C(i));
		if (NR_I_OP(i) == NR_OP_GETTABUP && NR_I_B(i) == u && k) {
			lua_pushboolean(L, 1);
			lua_setfield(L, fields, k);
		}
	}
	for (size_t p = 0; p < f->np && !whole && depth < 200; p++) {
		const nr_proto *q = f->p[p];
		for (size_t j = 0; j < q->nup && !whole; j++)
			if (!q->up[j].instack && q->up[j].idx == u)
				whole = upvalue_use(L, q, (unsigned)j, fields, depth + 1);
	}
	return whole;
}

/* Does f (or a function nested in it) call a method `name`? */
static bool calls_method(const nr_proto *f, const char *name)
{
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		const char *k = NR_I_K(i) ? nr_luac__kstr(f, NR_I_C(i)) : NULL;
		if (NR_I_OP(i) == NR_OP_SELF && k && !strcmp(k, name))
			return true;
	}
	for (size_t p = 0; p < f->np; p++)
		if (calls_method(f->p[p], name))
			return true;
	return false;
}

/* The string constants of f and its nested functions into `set`. */
static void proto_strings(lua_State *L, const nr_proto *f, int set)
{
	for (size_t i = 0; i < f->nk; i++) {
		if (f->k[i].type != NR_K_STR)
			continue;
		lua_pushlstring(L, f->k[i].s, f->k[i].len);
		lua_pushboolean(L, 1);
		lua_rawset(L, set);
	}
	for (size_t p = 0; p < f->np; p++)
		proto_strings(L, f->p[p], set);
}

/* A field of the value at top, read raw (nil for what is no table). */
static void push_field(lua_State *L, const char *key)
{
	if (lua_type(L, -1) == LUA_TTABLE) {
		lua_pushstring(L, key);
		lua_rawget(L, -2);
	} else {
		lua_pushnil(L);
	}
}

/* The globals f reads (fields of the env upvalue), as the file sees them. */
static void visit_global(cue_walk *w, const char *name, int depth)
{
	lua_State *L = w->lt->L;
	nr_sandbox__env_tables(L, w->lt->env);
	lua_pop(L, 1); /* the library holds no cues of the file's */
	push_field(L, name);
	lua_remove(L, -2);
	cue_visit(w, depth + 1, name);
}

/* The Lua function at top (popped): what it reads of its upvalues. */
static void visit_function(cue_walk *w, int depth, const char *path)
{
	lua_State *L = w->lt->L;
	int fi = lua_gettop(L);
	const nr_proto *f;
	if (nr_luac__dump(L, fi, &w->lt->scratch, &f) != NR_OK) {
		lua_pop(L, 1);
		return;
	}
	proto_strings(L, f, w->strings);
	w->extractors = w->extractors || calls_method(f, "statements") || calls_method(f, "quotes");
	w->hits = w->hits || calls_method(f, "hits");
	for (unsigned u = 0; u < f->nup; u++) {
		lua_newtable(L);
		int fields = lua_gettop(L);
		bool whole = upvalue_use(L, f, u, fields, 0);
		const char *name = f->up[u].name[0] ? f->up[u].name : path;
		lua_pushnil(L);
		while (lua_next(L, fields)) {
			lua_pop(L, 1);
			const char *key = lua_tostring(L, -1);
			if (f->up[u].env) {
				visit_global(w, key, depth);
				continue;
			}
			lua_getupvalue(L, fi, (int)u + 1);
			push_field(L, key);
			lua_remove(L, -2);
			lua_pushfstring(L, "%s.%s", name, key);
			lua_insert(L, -2);
			cue_visit(w, depth + 1, lua_tostring(L, -2));
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
		if (whole && !f->up[u].env && lua_getupvalue(L, fi, (int)u + 1))
			cue_visit(w, depth + 1, name);
	}
	lua_settop(L, fi - 1);
}

/* A table the code uses whole: every value in it may be a cue. */
static void visit_table(cue_walk *w, int depth, const char *path)
{
	lua_State *L = w->lt->L;
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t) && w->values < NR_CUE_VALUES) {
		if (lua_type(L, -2) == LUA_TSTRING)
			lua_pushfstring(L, "%s.%s", path, lua_tostring(L, -2));
		else
			lua_pushfstring(L, "%s[...]", path);
		lua_insert(L, -2);
		cue_visit(w, depth + 1, lua_tostring(L, -2));
		lua_pop(L, 1);
	}
	lua_settop(L, t - 1);
}

/* The value at top (popped), reached by `path`. */
static void cue_visit(cue_walk *w, int depth, const char *path)
{
	lua_State *L = w->lt->L;
	int t = lua_type(L, -1);
	w->values++;
	w->lt->work++;
	if (t == LUA_TUSERDATA) {
		if (luaL_testudata(L, -1, NR_MT_LEXICON))
			keep_path(L, w->lexes, path);
		if (luaL_testudata(L, -1, NR_MT_REGEX)) {
			lua_pushvalue(L, -1);
			lua_getiuservalue(L, -2, 1);
			lua_rawset(L, w->regexes);
		}
	}
	if ((t != LUA_TTABLE && t != LUA_TFUNCTION) || lua_iscfunction(L, -1) ||
	    depth > NR_CUE_DEPTH || w->values > NR_CUE_VALUES || w->lt->work > NR_CUE_WORK ||
	    !lua_checkstack(L, 16)) {
		lua_pop(L, 1);
		return;
	}
	if (!nr_lint__first_visit(L, w->seen)) {
		lua_pop(L, 1);
		return;
	}
	if (t == LUA_TFUNCTION)
		visit_function(w, depth, path);
	else
		visit_table(w, depth, path);
}

/* ---- the checks ------------------------------------------------------------------ */

static bool has_keyword(const nr_rule *r, const char *s)
{
	for (size_t k = 0; k < r->nkeywords; k++)
		if (strstr(s, r->keywords[k]))
			return true;
	return false;
}

/* A regex's text as words: lowercased, \s+ and the like a space, other
 * escapes dropped, so that "to\s+blame" holds the keyword "to blame". */
static char *regex_words(nr_arena *arena, const char *p)
{
	size_t n = strlen(p);
	char *out = nr_arena__alloc(arena, n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '\\' && i + 1 < n) {
			char e = p[++i];
			if (e == 's' || e == ' ') {
				*o++ = ' ';
				if (i + 1 < n &&
				    (p[i + 1] == '+' || p[i + 1] == '*' || p[i + 1] == '?'))
					i++;
			} else if (!((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'))) {
				*o++ = e;
			}
			continue;
		}
		*o++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	*o = '\0';
	return out;
}

/* An entry of a cue list whose forms hold no keyword (some or all). */
typedef struct miss {
	const char *path, *head;
	const char *forms; /* the uncovered forms, quoted, "or" between */
	bool head_only;
} miss;

static int by_path_head(const void *a, const void *b)
{
	const miss *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : strcmp(x->head, y->head);
}

typedef struct rule_cues {
	miss *misses;
	size_t nmisses, cap;
	const char **texts; /* every form, regex text and string the rule reaches */
	size_t ntexts, cap_texts;
	size_t lists; /* cue lists: lexicons and regexes holding keywords */
	bool hits;    /* the rule reads its keywords' hits: each one is a cue */
} rule_cues;

/* Keep s (a string of the arena) among the texts the keywords may be in. */
static void add_text(nr_lint *lt, rule_cues *rc, const char *s)
{
	if (s && nr_lint__grow(lt, (void **)&rc->texts, &rc->cap_texts, rc->ntexts, sizeof(char *)))
		rc->texts[rc->ntexts++] = s;
}

/* A form of a lexicon and the (shorter) form it is an inflection of. */
typedef struct lex_form {
	const char *text;
	long parent; /* index, or -1: an entry of its own */
	size_t root; /* the entry it belongs to */
} lex_form;

/* A lexicon's forms, shortest first, each tied to its entry. */
typedef struct lex_families {
	lex_form *v;
	size_t n;
} lex_families;

static int by_length(const void *a, const void *b)
{
	const lex_form *x = a, *y = b;
	size_t lx = strlen(x->text), ly = strlen(y->text);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->text, y->text);
}

/* The forms of the set at top into an array of the arena (popped). */
static lex_families collect_forms(nr_lint *lt)
{
	lua_State *L = lt->L;
	int set = lua_gettop(L);
	size_t n = 0;
	lua_pushnil(L);
	while (lua_next(L, set)) {
		n += nr_news__lexicon_is_form(L, -1);
		lua_pop(L, 1);
	}
	lex_families fam = { nr_arena__calloc(&lt->arena, n + 1, sizeof(lex_form)), 0 };
	lua_pushnil(L);
	while (fam.v && lua_next(L, set)) {
		bool mark = !nr_news__lexicon_is_form(L, -1);
		lua_pop(L, 1);
		const char *t = !mark && lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
									: NULL;
		char *d = t && fam.n < n ? nr_arena__strndup(&lt->arena, t, strlen(t)) : NULL;
		if (d)
			fam.v[fam.n++] = (lex_form){ d, -1, 0 };
	}
	lua_pop(L, 1);
	if (fam.v)
		qsort(fam.v, fam.n, sizeof(*fam.v), by_length);
	return fam;
}

/* The lexicon at lex's forms tied to the form each inflects ("denied" to
 * "deny"): entries are those tied to none, whatever news.lexicon made of
 * them. Made once per lexicon (the cache table at `cache`). */
static lex_families lexicon_families(nr_lint *lt, int lex, int cache)
{
	lua_State *L = lt->L;
	lua_pushvalue(L, lex);
	if (lua_rawget(L, cache) == LUA_TLIGHTUSERDATA) {
		lex_families *f = lua_touserdata(L, -1);
		lua_pop(L, 1);
		return *f;
	}
	lua_pop(L, 1);
	nr_news__lexicon_forms(L, lex);
	lex_families fam = collect_forms(lt);
	/* Grouping asks news.lexicon for each form's inflections. */
	lt->work += 20 * fam.n;
	if (lt->work > NR_CUE_WORK)
		return (lex_families){ NULL, 0 };
	lex_families *keep = nr_arena__alloc(&lt->arena, sizeof(*keep));
	if (!fam.v || !keep)
		return (lex_families){ NULL, 0 };
	lua_newtable(L); /* form -> index */
	int index = lua_gettop(L);
	for (size_t i = 0; i < fam.n; i++) {
		lua_pushinteger(L, (lua_Integer)i);
		lua_setfield(L, index, fam.v[i].text);
	}
	for (size_t i = 0; i < fam.n; i++) {
		nr_news__entry_forms(L, fam.v[i].text, strlen(fam.v[i].text));
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pop(L, 1);
			lua_pushvalue(L, -1);
			lua_Integer j = lua_rawget(L, index) == LUA_TNUMBER ? lua_tointeger(L, -1)
									    : -1;
			lua_pop(L, 1);
			if (j > (lua_Integer)i && fam.v[j].parent < 0)
				fam.v[j].parent = (long)i;
		}
		lua_pop(L, 1);
		/* Shorter forms come first: a form's entry is its parent's. */
		fam.v[i].root = fam.v[i].parent < 0 ? i : fam.v[fam.v[i].parent].root;
	}
	lua_pop(L, 1);
	*keep = fam;
	lua_pushvalue(L, lex);
	lua_pushlightuserdata(L, keep);
	lua_rawset(L, cache);
	return fam;
}

/* The forms of each entry that hold no keyword: how many (count[root])
 * and the first four (shown[root]), in one pass. */
typedef struct misses_of {
	size_t *count;
	size_t (*shown)[4];
} misses_of;

static bool entry_misses(nr_lint *lt, const lex_families *fam, const bool *hit, misses_of *m)
{
	m->count = nr_arena__calloc(&lt->scratch, fam->n + 1, sizeof(*m->count));
	m->shown = nr_arena__calloc(&lt->scratch, fam->n + 1, sizeof(*m->shown));
	if (!m->count || !m->shown)
		return false;
	for (size_t i = 0; i < fam->n; i++) {
		size_t root = fam->v[i].root;
		if (hit[i])
			continue;
		if (m->count[root] < 4)
			m->shown[root][m->count[root]] = i;
		m->count[root]++;
	}
	return true;
}

/* Entry head's uncovered forms, quoted, into a string. */
static const char *quote_misses(nr_lint *lt, const lex_families *fam, const misses_of *m,
				size_t head)
{
	char buf[512];
	size_t len = 0, n = m->count[head];
	for (size_t k = 0; k < n && k < 4 && len < sizeof(buf); k++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s'%s'", k ? " or " : "",
					fam->v[m->shown[head][k]].text);
	if (n > 4 && len < sizeof(buf))
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, " (and %zu more)", n - 4);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	const char *out = nr_arena__strndup(&lt->scratch, buf, len);
	return out ? out : "";
}

static void add_miss(nr_lint *lt, rule_cues *rc, miss m)
{
	if (nr_lint__grow(lt, (void **)&rc->misses, &rc->cap, rc->nmisses, sizeof(m)))
		rc->misses[rc->nmisses++] = m;
}

/* One reached lexicon: its forms into texts; when it is a cue list (the
 * keywords occur in at least half its entries), the entries whose forms
 * do not all hold one into misses. */
static void gather_lexicon(nr_lint *lt, const nr_rule *r, int lex, const char *path, rule_cues *rc,
			   int cache)
{
	lex_families fam = lexicon_families(lt, lex, cache);
	lt->work += fam.n * (r->nkeywords / 16 + 1);
	if (lt->work > NR_CUE_WORK)
		return;
	bool *hit = nr_arena__calloc(&lt->scratch, fam.n + 1, 1);
	bool *touched = nr_arena__calloc(&lt->scratch, fam.n + 1, 1); /* per entry */
	if (!hit || !touched)
		return;
	size_t heads = 0, ntouched = 0;
	for (size_t i = 0; i < fam.n; i++) {
		add_text(lt, rc, fam.v[i].text);
		hit[i] = has_keyword(r, fam.v[i].text);
		size_t root = fam.v[i].root;
		if (hit[i] && !touched[root]) {
			touched[root] = true;
			ntouched++;
		}
		heads += fam.v[i].parent < 0;
	}
	if (!ntouched || 2 * ntouched < heads)
		return;
	rc->lists++;
	misses_of m;
	if (!entry_misses(lt, &fam, hit, &m))
		return;
	for (size_t i = 0; i < fam.n; i++) {
		if (fam.v[i].parent >= 0 || !m.count[i])
			continue;
		add_miss(lt, rc,
			 (miss){ path, fam.v[i].text, quote_misses(lt, &fam, &m, i),
				 m.count[i] == 1 && !hit[i] });
	}
}

typedef struct row_texts {
	nr_lint *lt;
	rule_cues *rc;
} row_texts;

/* A row of the extractors' verb lexicons: its phrase and columns. */
static int add_row(const nr_lex_entry *e, void *payload)
{
	row_texts *t = payload;
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, e->phrase);
	for (uint8_t f = 0; f < e->nfields; f++) {
		nr_buf__putc(&b, '|');
		nr_buf__puts(&b, e->fields[f]);
	}
	char *low = b.oom ? NULL : nr_arena__strndup(&t->lt->scratch, b.data, b.len);
	nr_buf__free(&b);
	for (char *p = low; p && *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	add_text(t->lt, t->rc, low);
	return 0;
}

/* A rule that reads statements or quotes is cued by the extractors' verbs
 * (and the objects that select a CAMEO act: "issue an ultimatum"). */
static void extractor_texts(nr_lint *lt, rule_cues *rc)
{
	const nr_lexicon_set *set = nr_sandbox__lexicon(lt->L)->set;
	row_texts t = { lt, rc };
	nr_lexicon__foreach(set, NR_LEX_SPEECH_VERBS, add_row, &t);
	nr_lexicon__foreach(set, NR_LEX_CAMEO_VERBS, add_row, &t);
}

static void gather_texts(nr_lint *lt, const nr_rule *r, const cue_walk *w, rule_cues *rc, int cache)
{
	lua_State *L = lt->L;
	if (w->extractors)
		extractor_texts(lt, rc);
	lua_pushnil(L);
	while (lua_next(L, w->lexes)) {
		const char *path = nr_arena__strndup(&lt->scratch, lua_tostring(L, -1),
						     lua_rawlen(L, -1));
		if (path)
			gather_lexicon(lt, r, lua_gettop(L) - 1, path, rc, cache);
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	while (lua_next(L, w->regexes)) {
		char *words = lua_type(L, -1) == LUA_TSTRING
				  ? regex_words(&lt->scratch, lua_tostring(L, -1))
				  : NULL;
		if (words) {
			add_text(lt, rc, words);
			rc->lists += has_keyword(r, words);
		}
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	while (lua_next(L, w->strings)) {
		lua_pop(L, 1);
		char *low = nr_arena__strndup(&lt->scratch, lua_tostring(L, -1), lua_rawlen(L, -1));
		for (char *p = low; p && *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		if (low)
			add_text(lt, rc, low);
	}
}

static void report(nr_lint *lt, const nr_rule *r, rule_cues *rc)
{
	int line = nr_lint__field_line(lt, r, "keywords");
	if (rc->nmisses)
		qsort(rc->misses, rc->nmisses, sizeof(*rc->misses), by_path_head);
	size_t first = 0;
	for (size_t i = 0, end = 0; i < rc->nmisses; i++) {
		const miss *m = &rc->misses[i];
		if (i >= end) { /* a lexicon's first entry: where its entries end */
			first = i;
			for (end = i + 1;
			     end < rc->nmisses && !strcmp(rc->misses[end].path, m->path);)
				end++;
		}
		size_t listed = i - first, left = end - i - 1;
		if (listed > NR_CUE_LISTED)
			continue;
		if (listed == NR_CUE_LISTED && left > 0)
			nr_lint__warn(
			    lt, line, "uncovered-cue",
			    "rule '%s': and %zu more entries of %s that no keyword covers", r->id,
			    left + 1, m->path);
		else if (m->head_only)
			nr_lint__warn(lt, line, "uncovered-cue",
				      "rule '%s' never runs on an article whose only cue is %s (an "
				      "entry of %s): no keyword occurs in it",
				      r->id, m->forms, m->path);
		else
			nr_lint__warn(
			    lt, line, "uncovered-cue",
			    "rule '%s' never runs on an article whose only cue is %s (forms "
			    "of '%s' in %s): no keyword occurs in them",
			    r->id, m->forms, m->head, m->path);
	}
	lt->work += r->nkeywords * rc->ntexts / 8;
	for (size_t k = 0; k < r->nkeywords && rc->lists && !rc->hits && lt->work <= NR_CUE_WORK;
	     k++) {
		bool used = false;
		for (size_t t = 0; t < rc->ntexts && !used; t++)
			used = strstr(rc->texts[t], r->keywords[k]) != NULL;
		if (!used)
			nr_lint__warn(
			    lt, line, "unused-keyword",
			    "rule '%s': keyword '%s' occurs in none of the cues the rule looks "
			    "for (its lexicons, regexes and strings): it only makes the rule "
			    "run on articles it has no cue in",
			    r->id, r->keywords[k]);
	}
}

static void lint_rule(nr_lint *lt, const nr_rule *r, int cache)
{
	lua_State *L = lt->L;
	int top = lua_gettop(L);
	for (int t = 0; t < 4; t++)
		lua_newtable(L);
	cue_walk w = { lt, top + 1, top + 2, top + 3, top + 4, 0, false, false };
	lua_rawgeti(L, LUA_REGISTRYINDEX, lt->c->matches_ref);
	lua_getfield(L, -1, r->id);
	lua_remove(L, -2);
	cue_visit(&w, 0, "match");
	rule_cues rc = { 0 };
	rc.hits = w.hits;
	gather_texts(lt, r, &w, &rc, cache);
	report(lt, r, &rc);
	nr_arena__reset(&lt->scratch); /* what this rule needed (not the families) */
	lua_settop(L, top);
}

void nr_lint__cues(nr_lint *lt)
{
	if (lt->c->matches_ref <= 0)
		return;
	lua_newtable(lt->L); /* lexicon -> its families, made once */
	int cache = lua_gettop(lt->L);
	for (size_t i = 0; i < lt->c->nrules && lt->work <= NR_CUE_WORK; i++)
		if (lt->c->rules[i].nkeywords)
			lint_rule(lt, &lt->c->rules[i], cache);
	lua_pop(lt->L, 1);
}

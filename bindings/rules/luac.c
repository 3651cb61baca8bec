/*
 * luac.c - reading back what lua_dump() wrote (Lua 5.4's ldump.c), for
 * the linter. Every read is checked against the end of the buffer, every
 * count against what is left of it, every nesting against a depth; any
 * surprise is "cannot read" (NR_EINVAL), never a guess.
 */
#include "rules/luac.h"

#include <lauxlib.h>
#include <string.h>

/* Nested functions Lua allows (LUAI_MAXCCALLS), with room. */
#define NR_LUAC_DEPTH 250
/* lineinfo's mark for "see abslineinfo" (ldebug.h). */
#define NR_ABSLINEINFO (-0x80)

/* Type tags of constants in a 5.4 dump (lobject.h's variants). */
enum {
	TAG_NIL = 0,
	TAG_FALSE = 1,
	TAG_TRUE = 17,
	TAG_INT = 3,
	TAG_FLT = 19,
	TAG_SHR = 4,
	TAG_LNG = 20
};

typedef struct luac_rd {
	const unsigned char *p, *end;
	nr_arena *arena;
	int depth;
	size_t protos;
} luac_rd;

static bool rd_bytes(luac_rd *r, void *out, size_t n)
{
	if ((size_t)(r->end - r->p) < n)
		return false;
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static bool rd_byte(luac_rd *r, unsigned *out)
{
	unsigned char b;
	if (!rd_bytes(r, &b, 1))
		return false;
	*out = b;
	return true;
}

/* ldump.c's dumpSize: 7 bits a byte, most significant first, the last
 * byte marked with 0x80. */
static bool rd_size(luac_rd *r, size_t *out)
{
	size_t x = 0;
	for (;;) {
		unsigned b;
		if (!rd_byte(r, &b) || x > (SIZE_MAX >> 7))
			return false;
		x = (x << 7) | (b & 0x7f);
		if (b & 0x80)
			break;
	}
	*out = x;
	return true;
}

static bool rd_int(luac_rd *r, int *out)
{
	size_t x;
	if (!rd_size(r, &x) || x > (size_t)INT32_MAX)
		return false;
	*out = (int)x;
	return true;
}

/* A count of items of at least `each` bytes: no more than what is left. */
static bool rd_count(luac_rd *r, size_t each, size_t *out)
{
	return rd_size(r, out) && *out <= (size_t)(r->end - r->p) / each;
}

/* A string (size + 1, then the bytes; 0 for none): a NUL-terminated copy. */
static bool rd_str(luac_rd *r, const char **s, size_t *len)
{
	size_t size;
	if (!rd_size(r, &size))
		return false;
	if (size == 0) {
		*s = NULL;
		*len = 0;
		return true;
	}
	if (size - 1 > (size_t)(r->end - r->p))
		return false;
	char *d = nr_arena__strndup(r->arena, (const char *)r->p, size - 1);
	if (!d)
		return false;
	r->p += size - 1;
	*s = d;
	*len = size - 1;
	return true;
}

/* ldump.c's dumpHeader, as this Lua writes it. */
static bool rd_header(luac_rd *r)
{
	static const unsigned char head[] = { 0x1b, 'L',  'u',  'a',  0x54, 0x00, 0x19,
					      0x93, '\r', '\n', 0x1a, '\n', 4 };
	unsigned char got[sizeof(head) + 2];
	if (!rd_bytes(r, got, sizeof(got)) || memcmp(got, head, sizeof(head)) ||
	    got[sizeof(head)] != sizeof(lua_Integer) || got[sizeof(head) + 1] != sizeof(lua_Number))
		return false;
	lua_Integer i;
	lua_Number n;
	if (!rd_bytes(r, &i, sizeof(i)) || i != 0x5678 || !rd_bytes(r, &n, sizeof(n)) ||
	    n != (lua_Number)370.5)
		return false;
	unsigned nup;
	return rd_byte(r, &nup);
}

static bool rd_code(luac_rd *r, nr_proto *f)
{
	if (!rd_count(r, 4, &f->ncode))
		return false;
	uint32_t *code = nr_arena__alloc(r->arena, f->ncode * 4 + 4);
	if (!code || !rd_bytes(r, code, f->ncode * 4))
		return false;
	for (size_t pc = 0; pc < f->ncode; pc++)
		if (NR_I_OP(code[pc]) >= NR_OP_COUNT)
			return false;
	f->code = code;
	return true;
}

static bool rd_constants(luac_rd *r, nr_proto *f)
{
	if (!rd_count(r, 1, &f->nk))
		return false;
	nr_kval *k = nr_arena__calloc(r->arena, f->nk + 1, sizeof(*k));
	if (!k)
		return false;
	for (size_t i = 0; i < f->nk; i++) {
		unsigned tag;
		char skip[8];
		if (!rd_byte(r, &tag))
			return false;
		switch (tag) {
		case TAG_NIL: k[i].type = NR_K_NIL; break;
		case TAG_FALSE:
		case TAG_TRUE: k[i].type = NR_K_BOOL; break;
		case TAG_INT:
		case TAG_FLT:
			k[i].type = tag == TAG_INT ? NR_K_INT : NR_K_FLT;
			if (!rd_bytes(r, skip, 8))
				return false;
			break;
		case TAG_SHR:
		case TAG_LNG:
			k[i].type = NR_K_STR;
			if (!rd_str(r, &k[i].s, &k[i].len) || !k[i].s)
				return false;
			break;
		default: return false;
		}
	}
	f->k = k;
	return true;
}

static bool rd_upvalues(luac_rd *r, nr_proto *f)
{
	if (!rd_count(r, 3, &f->nup) || f->nup > 255)
		return false;
	nr_upval *up = nr_arena__calloc(r->arena, f->nup + 1, sizeof(*up));
	if (!up)
		return false;
	for (size_t i = 0; i < f->nup; i++) {
		unsigned instack, idx, kind;
		if (!rd_byte(r, &instack) || !rd_byte(r, &idx) || !rd_byte(r, &kind) ||
		    instack > 1 || kind > 3)
			return false;
		up[i].instack = instack;
		up[i].idx = idx;
		up[i].name = "";
	}
	f->up = up;
	return true;
}

static const nr_proto *rd_proto(luac_rd *r, const nr_proto *parent);

static bool rd_protos(luac_rd *r, nr_proto *f)
{
	if (!rd_count(r, 1, &f->np))
		return false;
	const nr_proto **p = nr_arena__calloc(r->arena, f->np + 1, sizeof(*p));
	if (!p)
		return false;
	for (size_t i = 0; i < f->np; i++)
		if (!(p[i] = rd_proto(r, f)))
			return false;
	f->p = p;
	return true;
}

/* Each instruction's line: a delta a byte, or ABSLINEINFO and the line in
 * the next absolute entry, which must be for that instruction. */
static bool rd_lines(luac_rd *r, nr_proto *f)
{
	size_t n, nabs;
	if (!rd_count(r, 1, &n))
		return false;
	const signed char *delta = (const signed char *)r->p;
	r->p += n;
	if (!rd_count(r, 2, &nabs))
		return false;
	if (n == 0) {
		for (size_t i = 0; i < nabs * 2; i++) {
			int skip;
			if (!rd_int(r, &skip))
				return false;
		}
		return nabs == 0;
	}
	int *lines = nr_arena__alloc(r->arena, (f->ncode + 1) * sizeof(int));
	if (n != f->ncode || !lines)
		return false;
	int line = f->line;
	size_t ai = 0;
	int apc = -1, aline = 0;
	if (nabs && (!rd_int(r, &apc) || !rd_int(r, &aline)))
		return false;
	for (size_t pc = 0; pc < n; pc++) {
		if (delta[pc] != NR_ABSLINEINFO) {
			line += delta[pc];
		} else {
			if (ai >= nabs || (size_t)apc != pc)
				return false;
			line = aline;
			if (++ai < nabs && (!rd_int(r, &apc) || !rd_int(r, &aline)))
				return false;
		}
		lines[pc] = line;
	}
	f->lines = lines;
	return ai == nabs;
}

static bool rd_debug(luac_rd *r, nr_proto *f)
{
	size_t n;
	if (!rd_lines(r, f) || !rd_count(r, 3, &n))
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *s;
		size_t len;
		int from, to;
		if (!rd_str(r, &s, &len) || !rd_int(r, &from) || !rd_int(r, &to))
			return false;
	}
	if (!rd_count(r, 1, &n) || (n && n != f->nup))
		return false;
	nr_upval *up = (nr_upval *)f->up;
	for (size_t i = 0; i < n; i++) {
		const char *s;
		size_t len;
		if (!rd_str(r, &s, &len))
			return false;
		up[i].name = s ? s : "";
	}
	return true;
}

/* ldump.c's dumpFunction. */
static const nr_proto *rd_proto(luac_rd *r, const nr_proto *parent)
{
	if (++r->depth > NR_LUAC_DEPTH || ++r->protos > 1000000)
		return NULL;
	nr_proto *f = nr_arena__calloc(r->arena, 1, sizeof(*f));
	const char *source;
	size_t slen;
	unsigned nparams, vararg, maxstack;
	if (!f || !rd_str(r, &source, &slen) || !rd_int(r, &f->line) || !rd_int(r, &f->lastline) ||
	    !rd_byte(r, &nparams) || !rd_byte(r, &vararg) || !rd_byte(r, &maxstack) ||
	    !rd_code(r, f) || !rd_constants(r, f) || !rd_upvalues(r, f) || !rd_protos(r, f) ||
	    !rd_debug(r, f))
		return NULL;
	f->parent = parent;
	f->nparams = nparams;
	f->maxstack = maxstack;
	r->depth--;
	return f;
}

/* Which upvalues are the chunk's _ENV: the outermost function's one so
 * named, and in nested functions those that reach it upvalue by upvalue. */
static void mark_env(const nr_proto *f)
{
	nr_upval *up = (nr_upval *)f->up;
	for (size_t i = 0; i < f->nup; i++) {
		if (!f->parent)
			up[i].env = !strcmp(up[i].name, "_ENV");
		else
			up[i].env = !up[i].instack && up[i].idx < f->parent->nup &&
				    f->parent->up[up[i].idx].env;
	}
	for (size_t i = 0; i < f->np; i++)
		mark_env(f->p[i]);
}

int nr_luac__read(nr_arena *arena, const void *buf, size_t len, const nr_proto **out)
{
	luac_rd r = { buf, (const unsigned char *)buf + len, arena, 0, 0 };
	*out = NULL;
	if (LUA_VERSION_NUM != 504 || !rd_header(&r))
		return NR_EINVAL;
	const nr_proto *f = rd_proto(&r, NULL);
	if (!f || r.p != r.end)
		return NR_EINVAL;
	mark_env(f);
	*out = f;
	return NR_OK;
}

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
	NR_UNUSED(L);
	nr_buf *b = ud;
	nr_buf__put(b, p, sz);
	return b->oom;
}

int nr_luac__dump(lua_State *L, int idx, nr_arena *arena, const nr_proto **out)
{
	*out = NULL;
	if (!lua_isfunction(L, idx) || lua_iscfunction(L, idx))
		return NR_EINVAL;
	lua_pushvalue(L, idx);
	nr_buf b = NR_BUF_INIT;
	int st = lua_dump(L, dump_writer, &b, 0);
	lua_pop(L, 1);
	int rc = st || b.oom ? NR_ENOMEM : nr_luac__read(arena, b.data, b.len, out);
	nr_buf__free(&b);
	return rc;
}

const char *nr_luac__kstr(const nr_proto *f, size_t i)
{
	return i < f->nk && f->k[i].type == NR_K_STR ? f->k[i].s : NULL;
}

int nr_luac__line(const nr_proto *f, size_t pc)
{
	return f->lines && pc < f->ncode ? f->lines[pc] : 0;
}

/* Does f read (GETTABUP) or call a method (SELF) named `key` of _ENV? */
static bool has_op(const nr_proto *f, unsigned op, const char *key)
{
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		const char *k = nr_luac__kstr(f, NR_I_C(i));
		if (NR_I_OP(i) != op || !k || strcmp(k, key))
			continue;
		if (op == NR_OP_SELF ? NR_I_K(i) : NR_I_B(i) < f->nup && f->up[NR_I_B(i)].env)
			return true;
	}
	return false;
}

/* SETTABUP: the table is upvalue A, the key K[B]. */
static bool sets_global(const nr_proto *f, const char *key)
{
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		const char *k = nr_luac__kstr(f, NR_I_B(i));
		if (NR_I_OP(i) == NR_OP_SETTABUP && k && !strcmp(k, key) && NR_I_A(i) < f->nup &&
		    f->up[NR_I_A(i)].env)
			return true;
	}
	return false;
}

bool nr_luac__usable(lua_State *L)
{
	static const char probe[] = "local a = nr_get\nnr_set = a\na:nr_method()\n";
	if (!lua_checkstack(L, 4))
		return false;
	if (luaL_loadbufferx(L, probe, sizeof(probe) - 1, "=probe", "t") != LUA_OK) {
		lua_pop(L, 1);
		return false;
	}
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_proto *f;
	bool ok = nr_luac__dump(L, -1, &arena, &f) == NR_OK && f->lines && f->nup == 1 &&
		  has_op(f, NR_OP_GETTABUP, "nr_get") && has_op(f, NR_OP_SELF, "nr_method") &&
		  sets_global(f, "nr_set") && nr_luac__line(f, f->ncode - 1) == 3;
	nr_arena__free(&arena);
	lua_pop(L, 1);
	return ok;
}

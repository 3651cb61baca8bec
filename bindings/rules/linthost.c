/*
 * linthost.c - news.host.NAME(...) written out in a rule file, against the
 * host functions its set has when the file loads (rules/hostfn.c): a name
 * the set lacks is flagged [unknown-host-function], with the nearest one
 * it has. Read from the bytecode: GETTABUP _ENV "news", GETFIELD "host",
 * GETFIELD NAME on the register the previous one filled. A host table
 * reached otherwise (local h = news.host) is not followed.
 */
#include "rules/lint.h"

#include <string.h>

/* The function name read at pc (the GETFIELD "host" of news.host), or
 * NULL when pc does not start news.host.NAME. */
static const char *host_name_at(const nr_proto *f, size_t pc)
{
	uint32_t i = f->code[pc];
	if (pc == 0 || pc + 1 >= f->ncode || NR_I_OP(i) != NR_OP_GETFIELD)
		return NULL;
	const char *k = nr_luac__kstr(f, NR_I_C(i));
	uint32_t prev = f->code[pc - 1], next = f->code[pc + 1];
	if (!k || strcmp(k, "host") || NR_I_OP(prev) != NR_OP_GETTABUP ||
	    NR_I_A(prev) != NR_I_B(i) || NR_I_B(prev) >= f->nup || !f->up[NR_I_B(prev)].env)
		return NULL;
	const char *t = nr_luac__kstr(f, NR_I_C(prev));
	if (!t || strcmp(t, "news") || NR_I_OP(next) != NR_OP_GETFIELD || NR_I_B(next) != NR_I_A(i))
		return NULL;
	return nr_luac__kstr(f, NR_I_C(next));
}

static void check_host_calls(nr_lint *lt, const nr_proto *f, void *arg)
{
	int names = *(int *)arg;
	for (size_t pc = 0; pc < f->ncode; pc++) {
		const char *name = host_name_at(f, pc);
		if (!name || nr_ruleset__function(lt->rs, name))
			continue;
		int line = nr_luac__line(f, pc + 1);
		if (!lt->rs->nfns) {
			nr_lint__warn(lt, line, "unknown-host-function",
				      "news.host.%s: the rule set has no host functions (the "
				      "program that embeds the rules adds them; `newsrules` "
				      "itself adds none)",
				      name);
			continue;
		}
		const char *near = nr_lint__nearest(lt->L, names, name);
		nr_lint__warn(lt, line, "unknown-host-function",
			      "news.host.%s: the rule set has no such host function%s%s%s", name,
			      near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
	}
}

void nr_lint__host(nr_lint *lt)
{
	lua_State *L = lt->L;
	lua_createtable(L, 0, (int)lt->rs->nfns);
	int names = lua_gettop(L);
	for (size_t i = 0; i < lt->rs->nfns; i++) {
		lua_pushboolean(L, 1);
		lua_setfield(L, names, lt->rs->fns[i].name);
	}
	nr_lint__each_proto(lt, lt->chunk, check_host_calls, &names);
	lua_settop(L, names - 1);
}

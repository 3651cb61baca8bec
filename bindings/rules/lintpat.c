/*
 * lintpat.c - constant Lua patterns the pattern budget would refuse on an
 * ordinary paragraph: string.find(s, "..."), s:match("...") and their
 * kin, found by following what each register holds through straight-line
 * code (a jump target forgets everything: the lint only says what it is
 * sure of). The cost is pattern.c's, over 10 KB of ordinary text.
 */
#include "rules/lint.h"

#include <string.h>

/* The paragraph the lint costs patterns on. */
#define NR_LINT_PARAGRAPH 10000

enum { RV_NONE, RV_STR, RV_STRLIB, RV_STRFN, RV_METHOD };

/* What a register holds, as far as the lint knows. */
typedef struct rv {
	unsigned char kind;
	const char *s; /* RV_STR: the constant; RV_STRFN, RV_METHOD: the name */
	size_t len;
} rv;

static int pattern_fn(const char *name)
{
	static const char *const fns[] = { "find", "match", "gmatch", "gsub" };
	for (int k = 0; k < 4; k++)
		if (name && !strcmp(name, fns[k]))
			return k;
	return -1;
}

/* Instructions another one jumps to (or that follow an unconditional
 * jump or a return): there, what registers hold is not known. */
static bool *jump_targets(nr_lint *lt, const nr_proto *f)
{
	bool *t = nr_arena__calloc(&lt->scratch, f->ncode + 2, 1);
	if (!t)
		return NULL;
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		long to = -1;
		switch (NR_I_OP(i)) {
		case NR_OP_JMP: to = (long)pc + 1 + NR_I_SJ(i); break;
		case NR_OP_FORPREP: to = (long)pc + 2 + (long)NR_I_BX(i); break;
		case NR_OP_TFORPREP: to = (long)pc + 1 + (long)NR_I_BX(i); break;
		case NR_OP_FORLOOP:
		case NR_OP_TFORLOOP: to = (long)pc + 1 - (long)NR_I_BX(i); break;
		case NR_OP_EQ:
		case NR_OP_LT:
		case NR_OP_LE:
		case NR_OP_EQK:
		case NR_OP_EQI:
		case NR_OP_LTI:
		case NR_OP_LEI:
		case NR_OP_GTI:
		case NR_OP_GEI:
		case NR_OP_TEST:
		case NR_OP_TESTSET:
		case NR_OP_LFALSESKIP: to = (long)pc + 2; break;
		default: break;
		}
		if (to >= 0 && (size_t)to <= f->ncode)
			t[to] = true;
		if (NR_I_OP(i) == NR_OP_JMP ||
		    (NR_I_OP(i) >= NR_OP_RETURN && NR_I_OP(i) <= NR_OP_RETURN1))
			t[pc + 1] = true;
	}
	return t;
}

/* Is a constant given to obj:find/match/... a Lua pattern? The object
 * may be a span or the article (find takes PCRE2 there), a regex or a
 * lexicon (the argument is the subject): only when it uses Lua's own
 * syntax (% escapes and classes, the lazy '-') and none of PCRE2's. */
static bool looks_lua(const char *p)
{
	if (strchr(p, '\\') || strstr(p, "(?") || strchr(p, '|') || strchr(p, '{'))
		return false;
	return strchr(p, '%') || strstr(p, ".-") || strstr(p, "]-") || strstr(p, ")-");
}

/* The call at pc: function in regs[a], arguments after it. */
static void check_call(nr_lint *lt, const nr_proto *f, size_t pc, const rv *regs, unsigned a)
{
	uint32_t i = f->code[pc];
	unsigned nargs = NR_I_B(i) ? NR_I_B(i) - 1 : 255;
	const rv *fn = &regs[a], *pat = a + 2 < 256 ? &regs[a + 2] : NULL;
	if ((fn->kind != RV_STRFN && fn->kind != RV_METHOD) || nargs < 2 || !pat ||
	    pat->kind != RV_STR)
		return;
	if (fn->kind == RV_METHOD && regs[a + 1].kind != RV_STR && !looks_lua(pat->s))
		return;
	int k = pattern_fn(fn->s);
	int how = k == 2 ? NR_PAT_GMATCH : k == 3 ? NR_PAT_GSUB : NR_PAT_FIND;
	void *scratch = nr_arena__alloc(&lt->scratch, nr_sandbox__pattern_scratch(pat->len));
	if (!scratch || nr_sandbox__pattern_steps(pat->s, pat->len, how, NULL, NR_LINT_PARAGRAPH,
						  scratch) <= NR_PATTERN_STEPS_MAX)
		return;
	nr_lint__warn(
	    lt, nr_luac__line(f, pc), "costly-pattern",
	    "pattern \"%.60s%s\" can take more than %.0e steps on a %d KB paragraph: "
	    "string.%s refuses it there (error-regex); use news.regex, anchor it with '^', "
	    "or make a repetition exclusive of what follows it ([^,]*, rather than .-,)",
	    pat->s, pat->len > 60 ? "..." : "", NR_PATTERN_STEPS_MAX, NR_LINT_PARAGRAPH / 1000,
	    fn->s);
}

/* Forget registers from `from` up. */
static void forget(rv *regs, unsigned from)
{
	for (unsigned r = from; r < 256; r++)
		regs[r].kind = RV_NONE;
}

/* What instruction i puts in regs (the calls it checks first). */
static void track_step(nr_lint *lt, const nr_proto *f, size_t pc, rv *regs)
{
	uint32_t i = f->code[pc];
	unsigned a = NR_I_A(i), b = NR_I_B(i);
	const char *k;
	switch (NR_I_OP(i)) {
	case NR_OP_LOADK:
	case NR_OP_LOADKX: {
		size_t ki = NR_I_BX(i);
		if (NR_I_OP(i) == NR_OP_LOADKX)
			ki = pc + 1 < f->ncode ? NR_I_AX(f->code[pc + 1]) : (size_t)-1;
		k = nr_luac__kstr(f, ki);
		regs[a] = k ? (rv){ RV_STR, k, f->k[ki].len } : (rv){ RV_NONE, NULL, 0 };
		break;
	}
	case NR_OP_MOVE: regs[a] = regs[b]; break;
	case NR_OP_GETTABUP:
		k = nr_luac__kstr(f, NR_I_C(i));
		regs[a].kind = b < f->nup && f->up[b].env && k && !strcmp(k, "string") ? RV_STRLIB
										       : RV_NONE;
		break;
	case NR_OP_GETFIELD:
		k = nr_luac__kstr(f, NR_I_C(i));
		regs[a] = regs[b].kind == RV_STRLIB && pattern_fn(k) >= 0
			      ? (rv){ RV_STRFN, k, 0 }
			      : (rv){ RV_NONE, NULL, 0 };
		break;
	case NR_OP_SELF:
		k = NR_I_K(i) ? nr_luac__kstr(f, NR_I_C(i)) : NULL;
		if (a + 1 < 256)
			regs[a + 1] = regs[b];
		regs[a] = pattern_fn(k) >= 0 ? (rv){ RV_METHOD, k, 0 } : (rv){ RV_NONE, NULL, 0 };
		break;
	case NR_OP_CALL:
	case NR_OP_TAILCALL:
		check_call(lt, f, pc, regs, a);
		forget(regs, a);
		break;
	case NR_OP_TFORCALL:
	case NR_OP_VARARG:
	case NR_OP_LOADNIL:
	case NR_OP_FORLOOP:
	case NR_OP_FORPREP:
	case NR_OP_TFORPREP:
	case NR_OP_TFORLOOP: forget(regs, a); break;
	case NR_OP_SETTABUP:
	case NR_OP_SETTABLE:
	case NR_OP_SETI:
	case NR_OP_SETFIELD:
	case NR_OP_SETUPVAL:
	case NR_OP_MMBIN:
	case NR_OP_MMBINI:
	case NR_OP_MMBINK:
	case NR_OP_CLOSE:
	case NR_OP_TBC:
	case NR_OP_JMP:
	case NR_OP_EQ:
	case NR_OP_LT:
	case NR_OP_LE:
	case NR_OP_EQK:
	case NR_OP_EQI:
	case NR_OP_LTI:
	case NR_OP_LEI:
	case NR_OP_GTI:
	case NR_OP_GEI:
	case NR_OP_TEST:
	case NR_OP_RETURN:
	case NR_OP_RETURN0:
	case NR_OP_RETURN1:
	case NR_OP_SETLIST:
	case NR_OP_VARARGPREP:
	case NR_OP_EXTRAARG: break; /* they write no register */
	default: regs[a].kind = RV_NONE; break;
	}
}

static void lint_proto_patterns(nr_lint *lt, const nr_proto *f, void *arg)
{
	NR_UNUSED(arg);
	bool *target = jump_targets(lt, f);
	if (!target)
		return;
	rv regs[256];
	forget(regs, 0);
	for (size_t pc = 0; pc < f->ncode; pc++) {
		if (target[pc])
			forget(regs, 0);
		track_step(lt, f, pc, regs);
	}
	nr_arena__reset(&lt->scratch);
}

void nr_lint__patterns(nr_lint *lt)
{
	nr_lint__each_proto(lt, lt->chunk, lint_proto_patterns, NULL);
}

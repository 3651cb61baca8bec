/*
 * luac.h - Lua 5.4 bytecode as lua_dump() writes it, read back for the
 * linter (what `luac -l` lists): each function's instructions with their
 * lines, constants, upvalues and nested functions.
 *
 * The reader trusts nothing it reads: it checks the header against the
 * running Lua (version 5.4, format 0, the sizes and test values of this
 * build) and every count and index against what is left, and answers
 * "cannot read" rather than guess, so a Lua of another make means no
 * lint, never a crash.
 */
#ifndef NR_LUAC_H
#define NR_LUAC_H

#include "base/base.h"

#include <lua.h>

/* Lua 5.4's opcodes, in lopcodes.h's order (5.4.0 to 5.4.6 share it). */
enum {
	NR_OP_MOVE,
	NR_OP_LOADI,
	NR_OP_LOADF,
	NR_OP_LOADK,
	NR_OP_LOADKX,
	NR_OP_LOADFALSE,
	NR_OP_LFALSESKIP,
	NR_OP_LOADTRUE,
	NR_OP_LOADNIL,
	NR_OP_GETUPVAL,
	NR_OP_SETUPVAL,
	NR_OP_GETTABUP,
	NR_OP_GETTABLE,
	NR_OP_GETI,
	NR_OP_GETFIELD,
	NR_OP_SETTABUP,
	NR_OP_SETTABLE,
	NR_OP_SETI,
	NR_OP_SETFIELD,
	NR_OP_NEWTABLE,
	NR_OP_SELF,
	NR_OP_ADDI,
	NR_OP_ADDK,
	NR_OP_SUBK,
	NR_OP_MULK,
	NR_OP_MODK,
	NR_OP_POWK,
	NR_OP_DIVK,
	NR_OP_IDIVK,
	NR_OP_BANDK,
	NR_OP_BORK,
	NR_OP_BXORK,
	NR_OP_SHRI,
	NR_OP_SHLI,
	NR_OP_ADD,
	NR_OP_SUB,
	NR_OP_MUL,
	NR_OP_MOD,
	NR_OP_POW,
	NR_OP_DIV,
	NR_OP_IDIV,
	NR_OP_BAND,
	NR_OP_BOR,
	NR_OP_BXOR,
	NR_OP_SHL,
	NR_OP_SHR,
	NR_OP_MMBIN,
	NR_OP_MMBINI,
	NR_OP_MMBINK,
	NR_OP_UNM,
	NR_OP_BNOT,
	NR_OP_NOT,
	NR_OP_LEN,
	NR_OP_CONCAT,
	NR_OP_CLOSE,
	NR_OP_TBC,
	NR_OP_JMP,
	NR_OP_EQ,
	NR_OP_LT,
	NR_OP_LE,
	NR_OP_EQK,
	NR_OP_EQI,
	NR_OP_LTI,
	NR_OP_LEI,
	NR_OP_GTI,
	NR_OP_GEI,
	NR_OP_TEST,
	NR_OP_TESTSET,
	NR_OP_CALL,
	NR_OP_TAILCALL,
	NR_OP_RETURN,
	NR_OP_RETURN0,
	NR_OP_RETURN1,
	NR_OP_FORLOOP,
	NR_OP_FORPREP,
	NR_OP_TFORPREP,
	NR_OP_TFORCALL,
	NR_OP_TFORLOOP,
	NR_OP_SETLIST,
	NR_OP_CLOSURE,
	NR_OP_VARARG,
	NR_OP_VARARGPREP,
	NR_OP_EXTRAARG,
	NR_OP_COUNT
};

/* Instruction fields (lopcodes.h): op 7 bits, A 8, k 1, B 8, C 8; Bx 17,
 * sBx and sJ offset by half their range. */
#define NR_I_OP(i) ((unsigned)((i)&0x7f))
#define NR_I_A(i) ((unsigned)(((i) >> 7) & 0xff))
#define NR_I_K(i) ((unsigned)(((i) >> 15) & 1))
#define NR_I_B(i) ((unsigned)(((i) >> 16) & 0xff))
#define NR_I_C(i) ((unsigned)(((i) >> 24) & 0xff))
#define NR_I_BX(i) ((unsigned)((i) >> 15))
#define NR_I_AX(i) ((unsigned)((i) >> 7))
#define NR_I_SJ(i) ((int)((i) >> 7) - 0xffffff)

enum { NR_K_NIL, NR_K_BOOL, NR_K_INT, NR_K_FLT, NR_K_STR };

typedef struct nr_kval {
	int type;      /* NR_K_* */
	const char *s; /* NR_K_STR: NUL-terminated copy */
	size_t len;
} nr_kval;

typedef struct nr_upval {
	bool instack; /* the enclosing function's register idx, else its upvalue */
	unsigned idx;
	const char *name; /* "" when stripped */
	bool env;         /* the chunk's _ENV, however deep */
} nr_upval;

typedef struct nr_proto {
	const struct nr_proto *parent;
	int line, lastline; /* linedefined, lastlinedefined (0 for a chunk) */
	unsigned nparams, maxstack;
	size_t ncode;
	const uint32_t *code;
	const int *lines; /* of each instruction; NULL when stripped */
	size_t nk;
	const nr_kval *k;
	size_t nup;
	const nr_upval *up;
	size_t np;
	const struct nr_proto *const *p;
} nr_proto;

/* Read what lua_dump() wrote; the protos live in `arena`. NR_OK, or
 * NR_EINVAL for anything this reader does not know or that is cut. */
int nr_luac__read(nr_arena *arena, const void *buf, size_t len, const nr_proto **out);
/* lua_dump() the Lua function at idx (debug information kept) and read
 * it back; NR_EINVAL for a C function, NR_ENOMEM. */
int nr_luac__dump(lua_State *L, int idx, nr_arena *arena, const nr_proto **out);
/* Does this Lua compile as this reader expects? (Checked once per call on
 * a known chunk: a Lua with other opcodes gets no lint.) */
bool nr_luac__usable(lua_State *L);

/* The string constant K[i], or NULL. */
const char *nr_luac__kstr(const nr_proto *f, size_t i);
/* Line of instruction pc (0 when unknown). */
int nr_luac__line(const nr_proto *f, size_t pc);

#endif /* NR_LUAC_H */

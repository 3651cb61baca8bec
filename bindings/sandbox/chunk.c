/*
 * chunk.c - what a rule file's text must pass before Lua's parser sees it.
 *
 * Lua 5.4.4 (Debian 12's) names the culprit of a runtime error by walking
 * the bytecode back through the registers (getobjname): once per field
 * access of a chain, recursively, scanning the function's code at each
 * step. A 100,000-long `x.b.b.b...` chain makes that quadratic and then
 * overflows the C stack (fixed in Lua 5.4.7). The parser stops at 200 C
 * levels of nesting on its own, but says "C stack overflow" with no line.
 * So a lexical scan measures the longest chain of field accesses and the
 * deepest nesting first, and refuses the file with its name and line.
 *
 * The scan is conservative: it may count a chain longer than the one the
 * compiler makes (a call or an operator in parentheses ends Lua's walk),
 * never shorter. It gives up quietly on text Lua will reject anyway (an
 * unfinished string, a stray closer): the parser then says what is wrong.
 */
#include "sandbox/sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <string.h>

/* Field accesses in a row (a.b.c is two), and levels of nesting: brackets,
 * blocks, and the operators Lua's parser recurses on (unary ones, `..`
 * and `^`). Far beyond what any rule needs; far below what breaks Lua. */
#define NR_MAX_CHAIN 100
#define NR_MAX_NESTING 100

enum { T_EOF, T_STOP, T_NAME, T_KEYWORD, T_STRING, T_NUMBER, T_PUNCT };

/* How an open bracket's inner chain carries out when it closes. */
enum { M_BLOCK, M_PLAIN, M_INDEX, M_CALL, M_GROUP };

typedef struct level {
	char close; /* ')', ']', '}', 'e' (end) or 'u' (until) */
	char mode;  /* M_* */
	int chain;  /* field accesses in the current run */
	int saved;  /* chain of the level below when this one opened */
	int rdepth; /* parser recursion of this level's expression */
} level;

typedef struct scan {
	const char *s;
	size_t n, i;
	int line;
	/* the current token */
	int tok;
	char punct;       /* T_PUNCT: the character, or a code for two */
	const char *word; /* T_NAME, T_KEYWORD */
	size_t wlen;
	/* nesting */
	level lv[NR_MAX_NESTING + 2];
	int top;
	int depth;        /* levels plus every level's rdepth */
	bool operand_end; /* the last token ends an operand */
	bool prefix_end;  /* ... of a prefix expression (may be indexed, called) */
	char why[96];     /* the refusal, or "" */
} scan;

static const char *const keywords[] = { "and",   "break", "do",       "else",  "elseif", "end",
					"false", "for",   "function", "goto",  "if",     "in",
					"local", "nil",   "not",      "or",    "repeat", "return",
					"then",  "true",  "until",    "while", NULL };

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_word(const scan *z, const char *w)
{
	return z->wlen == strlen(w) && !memcmp(z->word, w, z->wlen);
}

/* Past a line break at i (\n, \r, \r\n or \n\r count once). */
static void newline(scan *z)
{
	char c = z->s[z->i++];
	if (z->i < z->n && (z->s[z->i] == '\n' || z->s[z->i] == '\r') && z->s[z->i] != c)
		z->i++;
	z->line++;
}

/* At '[': the level of a long bracket ([[, [==[), or -1. */
static int long_open(const scan *z, size_t at)
{
	size_t j = at + 1;
	while (j < z->n && z->s[j] == '=')
		j++;
	return j < z->n && z->s[j] == '[' ? (int)(j - at - 1) : -1;
}

/* Skip a long string or comment opened at i with `eq` '='s; false when
 * it never closes. */
static bool skip_long(scan *z, int eq)
{
	z->i += (size_t)eq + 2;
	while (z->i < z->n) {
		char c = z->s[z->i];
		if (c == '\n' || c == '\r') {
			newline(z);
		} else if (c == ']') {
			size_t j = z->i + 1;
			while (j < z->n && z->s[j] == '=')
				j++;
			if (j < z->n && z->s[j] == ']' && (int)(j - z->i - 1) == eq) {
				z->i = j + 1;
				return true;
			}
			z->i++;
		} else {
			z->i++;
		}
	}
	return false;
}

/* Skip a quoted string at i; false when it never closes on its line. */
static bool skip_quoted(scan *z)
{
	char q = z->s[z->i++];
	while (z->i < z->n) {
		char c = z->s[z->i];
		if (c == q) {
			z->i++;
			return true;
		}
		if (c == '\n' || c == '\r')
			return false;
		if (c != '\\') {
			z->i++;
			continue;
		}
		if (++z->i >= z->n)
			return false;
		c = z->s[z->i];
		if (c == '\n' || c == '\r') {
			newline(z);
		} else if (c == 'z') { /* \z skips the white space after it */
			z->i++;
			while (z->i < z->n && strchr(" \t\v\f\r\n", z->s[z->i]) && z->s[z->i])
				if (z->s[z->i] == '\n' || z->s[z->i] == '\r')
					newline(z);
				else
					z->i++;
		} else {
			z->i++;
		}
	}
	return false;
}

/* Blanks and comments; false on a long comment that never closes. */
static bool skip_blank(scan *z)
{
	while (z->i < z->n) {
		char c = z->s[z->i];
		if (c == '\n' || c == '\r') {
			newline(z);
		} else if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
			z->i++;
		} else if (c == '-' && z->i + 1 < z->n && z->s[z->i + 1] == '-') {
			z->i += 2;
			int eq = z->i < z->n && z->s[z->i] == '[' ? long_open(z, z->i) : -1;
			if (eq >= 0 && !skip_long(z, eq))
				return false;
			if (eq < 0)
				while (z->i < z->n && z->s[z->i] != '\n' && z->s[z->i] != '\r')
					z->i++;
		} else {
			break;
		}
	}
	return true;
}

static void read_number(scan *z)
{
	while (z->i < z->n) {
		char c = z->s[z->i];
		char lc = (char)(c | 0x20);
		if ((lc == 'e' || lc == 'p') && z->i + 1 < z->n &&
		    (z->s[z->i + 1] == '+' || z->s[z->i + 1] == '-'))
			z->i += 2;
		else if (is_alpha(c) || is_digit(c) || c == '.')
			z->i++;
		else
			break;
	}
}

/* Two-character operators as one code: .. ... == ~= <= >= // :: << >> */
static char two_char(scan *z, char c)
{
	static const char *const pairs[] = { "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>" };
	static const char codes[] = "DE!LG/:<>";
	if (z->i + 1 >= z->n)
		return c;
	for (size_t k = 0; k < NR_ARRAY_LEN(pairs); k++) {
		if (c == pairs[k][0] && z->s[z->i + 1] == pairs[k][1]) {
			z->i += 2;
			if (codes[k] == 'D' && z->i < z->n && z->s[z->i] == '.') {
				z->i++;
				return 'V'; /* ... */
			}
			return codes[k];
		}
	}
	return c;
}

static void next_token(scan *z)
{
	if (!skip_blank(z)) {
		z->tok = T_STOP;
		return;
	}
	if (z->i >= z->n) {
		z->tok = T_EOF;
		return;
	}
	char c = z->s[z->i];
	if (is_alpha(c)) {
		z->word = z->s + z->i;
		while (z->i < z->n && (is_alpha(z->s[z->i]) || is_digit(z->s[z->i])))
			z->i++;
		z->wlen = (size_t)(z->s + z->i - z->word);
		z->tok = T_NAME;
		for (size_t k = 0; keywords[k] && z->word[0] >= keywords[k][0]; k++)
			if (z->word[0] == keywords[k][0] && is_word(z, keywords[k]))
				z->tok = T_KEYWORD;
	} else if (is_digit(c) || (c == '.' && z->i + 1 < z->n && is_digit(z->s[z->i + 1]))) {
		read_number(z);
		z->tok = T_NUMBER;
	} else if (c == '"' || c == '\'') {
		z->tok = skip_quoted(z) ? T_STRING : T_STOP;
	} else if (c == '[' && long_open(z, z->i) >= 0) {
		z->tok = skip_long(z, long_open(z, z->i)) ? T_STRING : T_STOP;
	} else {
		z->tok = T_PUNCT;
		z->punct = two_char(z, c);
		if (z->punct == c)
			z->i++;
	}
}

/* ---- chains and nesting -------------------------------------------------- */

static level *cur(scan *z) { return &z->lv[z->top]; }

static bool refuse(scan *z, const char *what, int limit)
{
	snprintf(z->why, sizeof(z->why), "%s %d %s (a sandbox limit)", what, limit,
		 what[0] == 'm' ? "field accesses in a row" : "levels deep");
	return false;
}

static bool set_chain(scan *z, int chain)
{
	cur(z)->chain = chain;
	if (chain > NR_MAX_CHAIN)
		return refuse(z, "more than", NR_MAX_CHAIN);
	return true;
}

static bool add_depth(scan *z, int d)
{
	z->depth += d;
	if (z->depth > NR_MAX_NESTING)
		return refuse(z, "nested more than", NR_MAX_NESTING);
	return true;
}

static bool push(scan *z, char close, char mode, int chain)
{
	if (!add_depth(z, 1))
		return false;
	int saved = cur(z)->chain;
	z->top++;
	*cur(z) = (level){ close, mode, 0, saved, 0 };
	z->operand_end = z->prefix_end = false;
	return set_chain(z, chain);
}

/* A closer: false when it closes nothing open (the parser will say). */
static bool pop(scan *z, char close)
{
	if (z->top == 0 || cur(z)->close != close)
		return false;
	level in = *cur(z);
	z->depth -= 1 + in.rdepth;
	z->top--;
	int chain = in.mode == M_INDEX ? in.saved + 1 : in.mode == M_GROUP ? in.chain : 0;
	z->operand_end = z->prefix_end = in.mode != M_BLOCK && in.mode != M_PLAIN;
	if (close == '}')
		z->operand_end = z->prefix_end = true; /* f{...}.x */
	return set_chain(z, chain);
}

/* The expression at this level is over: its recursion unwinds. */
static void end_expr(scan *z)
{
	z->depth -= cur(z)->rdepth;
	cur(z)->rdepth = 0;
	cur(z)->chain = 0;
	z->operand_end = z->prefix_end = false;
}

/* Operators the parser recurses on: unary ones, `..` and `^`. */
static bool recursing(scan *z)
{
	cur(z)->rdepth++;
	cur(z)->chain = 0;
	z->operand_end = z->prefix_end = false;
	return add_depth(z, 1);
}

static bool keyword(scan *z)
{
	if (is_word(z, "function") || is_word(z, "if") || is_word(z, "do"))
		return push(z, 'e', M_BLOCK, 0);
	if (is_word(z, "repeat"))
		return push(z, 'u', M_BLOCK, 0);
	if (is_word(z, "end") || is_word(z, "until")) {
		if (!pop(z, z->word[0]))
			return false;
		end_expr(z);
		return true;
	}
	if (is_word(z, "not"))
		return recursing(z);
	bool value = is_word(z, "nil") || is_word(z, "true") || is_word(z, "false");
	if (!value)
		end_expr(z);
	cur(z)->chain = 0;
	z->operand_end = value;
	z->prefix_end = false;
	return true;
}

static bool punct(scan *z, bool call_ok)
{
	char c = z->punct;
	int chain = cur(z)->chain;
	switch (c) {
	case '.':
	case ':': z->operand_end = z->prefix_end = false; return set_chain(z, chain + 1);
	case '(': return push(z, ')', call_ok ? M_CALL : M_GROUP, 0);
	case '[':
		return z->prefix_end ? push(z, ']', M_INDEX, chain + 1) : push(z, ']', M_PLAIN, 0);
	case '{': return push(z, '}', M_PLAIN, 0);
	case ')':
	case ']':
	case '}': return pop(z, c);
	case 'D': /* .. */
	case '^':
	case '#': return recursing(z);
	case '-':
	case '~':
		if (!z->operand_end)
			return recursing(z); /* unary */
		break;
	case ',':
	case ';':
	case '=': end_expr(z); return true;
	default: break;
	}
	cur(z)->chain = 0;
	z->operand_end = c == 'V'; /* ... */
	z->prefix_end = false;
	return true;
}

/* One token; false to stop (refused when z->why says so). */
static bool step(scan *z, bool after_dot, bool call_ok)
{
	switch (z->tok) {
	case T_NAME:
		if (!after_dot)
			cur(z)->chain = 0;
		z->operand_end = z->prefix_end = true;
		return true;
	case T_STRING:
		cur(z)->chain = 0;
		z->operand_end = z->prefix_end = true;
		return true;
	case T_NUMBER:
		cur(z)->chain = 0;
		z->operand_end = true;
		z->prefix_end = false;
		return true;
	case T_KEYWORD: return keyword(z);
	default: return punct(z, call_ok);
	}
}

/* 0 when the text passes (or is for Lua to reject), else the line. */
static int prescan(scan *z)
{
	bool after_dot = false, call_ok = false;
	for (;;) {
		next_token(z);
		if (z->tok == T_EOF || z->tok == T_STOP)
			return 0;
		if (!step(z, after_dot, call_ok))
			return z->why[0] ? z->line : 0;
		after_dot = z->tok == T_PUNCT && (z->punct == '.' || z->punct == ':');
		/* `(` after these is a call; after a string or `}` it may be a new
		 * statement's parenthesis, whose chain carries on: count it so. */
		call_ok = z->tok == T_NAME ||
			  (z->tok == T_PUNCT && (z->punct == ')' || z->punct == ']'));
	}
}

int nr_sandbox__load(lua_State *L, const char *src, size_t len, const char *chunkname)
{
	scan z;
	memset(&z, 0, sizeof(z));
	z.s = src;
	z.n = len;
	z.line = 1;
	z.lv[0].close = 'x';
	int line = prescan(&z);
	if (line) {
		const char *name = chunkname[0] == '@' ? chunkname + 1 : chunkname;
		lua_pushfstring(L, "%s:%d: %s", name, line, z.why);
		return LUA_ERRSYNTAX;
	}
	return luaL_loadbufferx(L, src, len, chunkname, "t");
}

typedef struct dump_buf {
	char *p;
	size_t n, cap;
	bool oom;
} dump_buf;

static int dump_write(lua_State *L, const void *p, size_t sz, void *ud)
{
	(void)L;
	dump_buf *b = ud;
	if (b->n + sz > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + sz)
			cap *= 2;
		char *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return 1;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, sz);
	b->n += sz;
	return 0;
}

bool nr_sandbox__dump(lua_State *L, char **out, size_t *n)
{
	dump_buf b = { 0 };
	if (lua_dump(L, dump_write, &b, 0) != 0 || b.oom) {
		free(b.p);
		return false;
	}
	*out = b.p;
	*n = b.n;
	return true;
}

int nr_sandbox__load_dump(lua_State *L, const char *bc, size_t n, const char *chunkname)
{
	return luaL_loadbufferx(L, bc, n, chunkname, "b");
}

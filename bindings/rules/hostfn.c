/*
 * hostfn.c - C functions the host adds to a rule set, which its rules call
 * as news.host.NAME(...) (the call itself and its budgets: lua/host.c).
 * Like the rest of the set they are fixed once a scanner uses it, so
 * scanners on several threads read the list without a lock.
 */
#include "rules/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_HOSTFN_NAME_MAX 64

static const char *const keywords[] = { "and",   "break", "do",       "else",  "elseif", "end",
					"false", "for",   "function", "goto",  "if",     "in",
					"local", "nil",   "not",      "or",    "repeat", "return",
					"then",  "true",  "until",    "while", NULL };

/* A name a rule can write after `news.host.`: a Lua identifier. */
static bool fn_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > NR_HOSTFN_NAME_MAX || (name[0] >= '0' && name[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	for (size_t i = 0; keywords[i]; i++)
		if (!strcmp(name, keywords[i]))
			return false;
	return true;
}

const nr_hostfn *nr_ruleset__function(const nr_ruleset *rs, const char *name)
{
	for (size_t i = 0; rs && i < rs->nfns; i++)
		if (!strcmp(rs->fns[i].name, name))
			return &rs->fns[i];
	return NULL;
}

int nr_ruleset_add_function(nr_ruleset *rs, const char *name, nr_host_fn fn, void *payload)
{
	if (!rs)
		return NR_EINVAL;
	if (atomic_load(&rs->frozen)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "rule set is in use by a scanner and can no longer change");
		return NR_EFROZEN;
	}
	if (!name || !fn || !fn_name_ok(name)) {
		snprintf(rs->last_error, sizeof(rs->last_error), "host function '%.80s': %s",
			 name ? name : "(null)",
			 !name || fn_name_ok(name)
			     ? "no function given"
			     : "not a name a rule can call as news.host.NAME (a Lua identifier "
			       "of at most 64 bytes, not a keyword)");
		return NR_EINVAL;
	}
	if (nr_ruleset__function(rs, name)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "host function '%s': added already", name);
		return NR_EINVAL;
	}
	if (rs->nfns == rs->cap_fns &&
	    !nr__grow((void **)&rs->fns, &rs->cap_fns, sizeof(*rs->fns), 8))
		return NR_ENOMEM;
	char *copy = strdup(name);
	if (!copy)
		return NR_ENOMEM;
	rs->fns[rs->nfns++] = (nr_hostfn){ copy, fn, payload };
	return NR_OK;
}

size_t nr_ruleset_function_count(const nr_ruleset *rs) { return rs ? rs->nfns : 0; }

const char *nr_ruleset_function(const nr_ruleset *rs, size_t i)
{
	return rs && i < rs->nfns ? rs->fns[i].name : NULL;
}

void nr_ruleset__functions_free(nr_ruleset *rs)
{
	for (size_t i = 0; i < rs->nfns; i++)
		free(rs->fns[i].name);
	free(rs->fns);
	rs->fns = NULL;
	rs->nfns = rs->cap_fns = 0;
}

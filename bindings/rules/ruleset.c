#define _GNU_SOURCE /* memmem */
/*
 * ruleset.c - loading rule files into an immutable rule set.
 *
 * Loading is YARA's compile step: each file is read as text (never
 * bytecode) and run once in a declaration environment where rule{} records
 * and validates the rule's metadata. What survives is plain C data plus the
 * file's source: a Lua state cannot be shared across threads, so every
 * scanner runs the sources again in its own state to get the match
 * functions back.
 */
#include "lua/objects.h"
#include "rules/prefilter.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NR_DEFAULT_MAX_FILE (4u * 1024u * 1024u)
#define NR_DEFAULT_LOAD_INSTR 10000000ul
#define NR_DEFAULT_LOAD_MEMORY (64u * 1024u * 1024u)
#define NR_DEFAULT_RETAINED (128u * 1024u * 1024u)

static const char *const severities[] = { "info", "low", "medium", "high", "critical", NULL };

int nr_severity_rank(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; severities[i]; i++)
		if (!strcmp(name, severities[i]))
			return i;
	return -1;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void nr_rule__free(nr_rule *r)
{
	free(r->id);
	free(r->title);
	free(r->severity);
	free_list(r->tags, r->ntags);
	free_list(r->declared, r->declared ? r->nkeywords : 0);
	free_list(r->keywords, r->nkeywords);
	for (size_t i = 0; i < r->nexamples; i++)
		nr_example__free(&r->examples[i]);
	free(r->examples);
	memset(r, 0, sizeof(*r));
}

void nr_ruleset__diag(nr_ruleset *rs, nr_diag_level level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (level == NR_DIAG_ERROR)
		snprintf(rs->last_error, sizeof(rs->last_error), "%s", buf);
	if (rs->ndiags == rs->cap_diags &&
	    !nr__grow((void **)&rs->diags, &rs->cap_diags, sizeof(*rs->diags), 16))
		return;
	char *text = strdup(buf);
	if (!text)
		return;
	rs->diags[rs->ndiags].text = text;
	rs->diags[rs->ndiags].level = level;
	rs->ndiags++;
}

/* ---- the set ------------------------------------------------------------ */

void nr_ruleset__freeze(const nr_ruleset *rs)
{
	/* `frozen` is the set's only mutable member but for the prefilter
	 * (nr_prefilter__get): atomic, and written before the scanner reads
	 * anything else. */
	atomic_store(&((nr_ruleset *)rs)->frozen, 1);
}

int nr_ruleset_new(nr_ruleset **out, const nr_ruleset_options *opts)
{
	if (!out)
		return NR_EINVAL;
	*out = NULL;
	if (opts && (opts->version < 1 || opts->version > NR_RULESET_OPTIONS_VERSION))
		return NR_EINVAL;
	nr_ruleset *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return NR_ENOMEM;
	nr_ruleset_options def = NR_RULESET_OPTIONS_INIT;
	rs->opts = def;
	/* An older caller's struct ends before the fields of later versions. */
	static const size_t ends[] = { offsetof(nr_ruleset_options, max_retained),
				       offsetof(nr_ruleset_options, lint),
				       sizeof(nr_ruleset_options) };
	if (opts)
		memcpy(&rs->opts, opts, ends[opts->version - 1]);
	rs->opts.version = NR_RULESET_OPTIONS_VERSION;
	if (!rs->opts.max_file_bytes)
		rs->opts.max_file_bytes = NR_DEFAULT_MAX_FILE;
	if (!rs->opts.max_instructions)
		rs->opts.max_instructions = NR_DEFAULT_LOAD_INSTR;
	if (!rs->opts.max_memory)
		rs->opts.max_memory = NR_DEFAULT_LOAD_MEMORY;
	if (!rs->opts.max_retained)
		rs->opts.max_retained = NR_DEFAULT_RETAINED;
	rs->hash_state = 1469598103934665603ull;
	snprintf(rs->hash, sizeof(rs->hash), "%016llx", (unsigned long long)rs->hash_state);
	atomic_init(&rs->frozen, 0);
	atomic_init(&rs->refs, 1);
	*out = rs;
	return NR_OK;
}

nr_ruleset *nr_ruleset_retain(nr_ruleset *rs)
{
	if (rs)
		atomic_fetch_add_explicit(&rs->refs, 1, memory_order_relaxed);
	return rs;
}

void nr_ruleset_free(nr_ruleset *rs)
{
	/* Release: what this holder did to the set happens before the free;
	 * acquire: the last holder sees every other holder's. */
	if (!rs || atomic_fetch_sub_explicit(&rs->refs, 1, memory_order_acq_rel) != 1)
		return;
	for (size_t i = 0; i < rs->nfiles; i++) {
		free(rs->files[i].name);
		free(rs->files[i].source);
		free(rs->files[i].dump.bc);
	}
	free(rs->files);
	for (size_t i = 0; i < rs->nrules; i++)
		nr_rule__free(&rs->rules[i]);
	free(rs->rules);
	for (size_t i = 0; i < rs->ndiags; i++)
		free(rs->diags[i].text);
	free(rs->diags);
	nr_ruleset__lexicons_free(rs);
	nr_ruleset__functions_free(rs);
	for (size_t i = 0; i < rs->nlexshare; i++)
		nr_news__lexshare_free(rs->lexshare[i]);
	free(rs->lexshare);
	for (size_t i = 0; i < rs->nrx; i++) {
		pcre2_code_free(rs->rx[i].code);
		pcre2_code_free(atomic_load(&rs->rx[i].jit));
		free(rs->rx[i].pattern);
	}
	free(rs->rx);
	for (size_t i = 0; i < rs->nmods; i++) {
		free(rs->mods[i].path);
		free(rs->mods[i].source);
		free(rs->mods[i].dump.bc);
	}
	free(rs->mods);
	nr_prefilter__free(atomic_load(&rs->prefilter));
	for (size_t i = 0; i < rs->nroots; i++)
		free(rs->roots[i]);
	free(rs->roots);
	free(rs);
}

/* The set's digest (FNV-1a over every loaded source, with its length,
 * and every attached lexicon): it names the set in every alert, so it
 * must not change. */
void nr_ruleset__digest(nr_ruleset *rs, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = rs->hash_state;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	rs->hash_state = h;
	snprintf(rs->hash, sizeof(rs->hash), "%016llx", (unsigned long long)h);
}

static void discard(nr_collector *c)
{
	for (size_t i = 0; i < c->nrules; i++)
		nr_rule__free(&c->rules[i]);
	free(c->rules);
	c->rules = NULL;
	c->nrules = 0;
	nr_rule__free(&c->pending);
	free(c->dump.bc);
	c->dump = (nr_dump){ 0 };
}

/* Regexes a rejected file compiled are of no use to anyone. */
static void drop_rx(nr_ruleset *rs, size_t keep)
{
	while (rs->nrx > keep) {
		rs->nrx--;
		pcre2_code_free(rs->rx[rs->nrx].code);
		pcre2_code_free(atomic_load(&rs->rx[rs->nrx].jit));
		free(rs->rx[rs->nrx].pattern);
	}
}

static int reject(nr_ruleset *rs, nr_collector *c)
{
	drop_rx(rs, c->rx_mark);
	discard(c);
	rs->rejected++;
	return NR_ERULE;
}

/*
 * Run a file as nr_ruleset__run_file() does and measure the heap it keeps
 * (into c->retained): what its environment and its rules' match functions
 * hold after a full collection, beyond the fresh state's. Every scanner
 * runs every file in one state and starts with the sum.
 */
static int run_measured(nr_sandbox *sb, nr_collector *c, const char *name, const char *src,
			size_t len)
{
	lua_State *L = sb->L;
	lua_gc(L, LUA_GCCOLLECT);
	size_t base = sb->mem_used;
	int st = nr_ruleset__run_file(sb, c, name, src, len);
	if (st == LUA_OK) {
		lua_gc(L, LUA_GCCOLLECT);
		c->retained = sb->mem_used > base ? sb->mem_used - base : 0;
	}
	return st;
}

/* Run one file in a fresh state of its own, as rule{} records into `c`.
 * NR_OK, or the code of a state that could not be made (file rejected). */
static int declare_file(nr_ruleset *rs, nr_collector *c, const char *name, const char *src,
			size_t len)
{
	nr_sandbox sb;
	int rc = nr_sandbox__init(&sb, rs->opts.max_memory, rs->opts.max_instructions, 10000,
				  nr_lua__libs);
	if (rc) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot create a Lua state: %s", name,
				 nr_strerror(rc));
		rs->rejected++;
		return rc;
	}
	c->file = name;
	c->index = rs->nfiles;
	c->rs = rs;
	c->rx_mark = rs->nrx;
	sb.loading = rs;
	/* Built-in lexicons are built once per set (a file that asks for
	 * one), then shared read-only by its scanners. */
	sb.lexp = &rs->lex;
	int st = run_measured(&sb, c, name, src, len);
	nr_log__note(rs->log_cb, rs->log_payload, NULL, NULL, name, c->log_suppressed);
	if (st == LUA_OK && rs->opts.lint)
		nr_rules__lint(&sb, c, name, src, len);
	if (st != LUA_OK) {
		const char *msg = lua_tostring(sb.L, -1);
		/* Syntax errors already read "name:line: ..."; a few (bytecode,
		 * memory) name no line. */
		if (msg && !strncmp(msg, name, strlen(name)))
			nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s", msg);
		else
			nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s:1: %s", name, msg ? msg : "error");
		c->nerrors++;
	}
	nr_sandbox__close(&sb);
	return NR_OK;
}

/*
 * What is wrong with the rules a file declared, beyond each rule itself:
 * ids are unique across the whole set (an error), and a rule without
 * keywords or examples is weak (a warning). Every problem is reported,
 * even when one already rejects the file. True when an id is taken.
 */
static bool check_declared(nr_ruleset *rs, const nr_collector *c, const char *name)
{
	if (c->nrules == 0 && !c->nerrors && c->returned)
		nr_ruleset__diag(rs, NR_DIAG_WARNING,
				 "%s:1: no rule{} in this file, which returns a value like a "
				 "module: require it from a rule file (in a rules directory a "
				 "module is not loaded as a rule file)",
				 name);
	else if (c->nrules == 0 && !c->nerrors)
		nr_ruleset__diag(rs, NR_DIAG_WARNING, "%s:1: no rule{} in this file", name);
	bool dup = false;
	for (size_t i = 0; i < c->nrules; i++) {
		for (size_t j = 0; j < rs->nrules + i; j++) {
			const nr_rule *o = j < rs->nrules ? &rs->rules[j]
							  : &c->rules[j - rs->nrules];
			if (strcmp(o->id, c->rules[i].id))
				continue;
			const char *ofile = j < rs->nrules ? rs->files[o->file].name : name;
			nr_ruleset__diag(rs, NR_DIAG_ERROR,
					 "%s:%d: rule '%s': duplicate id (first defined at %s:%d)",
					 name, c->rules[i].line, c->rules[i].id, ofile, o->line);
			dup = true;
			break;
		}
	}
	for (size_t i = 0; i < c->nrules; i++) {
		const nr_rule *r = &c->rules[i];
		if (r->nkeywords == 0)
			nr_ruleset__diag(
			    rs, NR_DIAG_WARNING,
			    "%s:%d: rule '%s' has no keywords: it runs on every article", name,
			    r->line, r->id);
		if (r->nexamples == 0)
			nr_ruleset__diag(rs, NR_DIAG_WARNING,
					 "%s:%d: rule '%s' has no examples for 'newsrules test'",
					 name, r->line, r->id);
	}
	return dup;
}

/* Room for one more file and `more` rules. */
static bool make_room(nr_ruleset *rs, size_t more)
{
	if (rs->nfiles == rs->cap_files &&
	    !nr__grow((void **)&rs->files, &rs->cap_files, sizeof(*rs->files), 8))
		return false;
	while (rs->nrules + more > rs->cap_rules)
		if (!nr__grow((void **)&rs->rules, &rs->cap_rules, sizeof(*rs->rules), 16))
			return false;
	return true;
}

/* A file that passed: keep its source (scanners run it again), take its
 * rules, and fold it into the set's digest. */
static int commit_file(nr_ruleset *rs, nr_collector *c, const char *name, const char *src,
		       size_t len)
{
	if (!make_room(rs, c->nrules))
		return NR_ENOMEM;
	nr_rfile *f = &rs->files[rs->nfiles];
	f->name = strdup(name);
	f->source = nr__memdup0(src, len);
	if (!f->name || !f->source) {
		free(f->name);
		free(f->source);
		return NR_ENOMEM;
	}
	f->len = len;
	f->retained = c->retained;
	f->dump = c->dump;
	c->dump = (nr_dump){ 0 };
	rs->retained += c->retained;
	for (size_t i = 0; i < c->nrules; i++) {
		c->rules[i].file = rs->nfiles;
		rs->rules[rs->nrules++] = c->rules[i];
	}
	rs->nfiles++;
	free(c->rules);
	c->rules = NULL;
	c->nrules = 0;
	uint64_t n = len;
	nr_ruleset__digest(rs, &n, sizeof(n));
	nr_ruleset__digest(rs, src, len);
	return NR_OK;
}

/* Would the set keep more heap than its limit with this file? Then the
 * file is at fault: it is the one that crosses. */
static bool too_much_kept(nr_ruleset *rs, const nr_collector *c, const char *name)
{
	if (c->retained <= rs->opts.max_retained &&
	    rs->retained <= rs->opts.max_retained - c->retained)
		return false;
	nr_ruleset__diag(rs, NR_DIAG_ERROR,
			 "%s:1: the rule files would keep %zu bytes of Lua heap once loaded, "
			 "%zu of them this file's, more than the %zu-byte limit for all files "
			 "(max_retained): keep less at the top level of rule files",
			 name, rs->retained + c->retained, c->retained, rs->opts.max_retained);
	return true;
}

/* `walked`: the file was found in a rules directory, where a file that
 * declares no rule and returns a value is a module some rule file
 * requires, not a rule file. */
static int load_source(nr_ruleset *rs, const char *name, const char *src, size_t len, bool walked)
{
	nr_collector c = { 0 };
	int rc = declare_file(rs, &c, name, src, len);
	if (rc)
		return rc;
	if (walked && c.returned && c.nrules == 0 && !c.nerrors) {
		drop_rx(rs, c.rx_mark);
		discard(&c);
		return NR_OK;
	}
	bool dup = check_declared(rs, &c, name);
	if (c.nerrors || dup || too_much_kept(rs, &c, name))
		return reject(rs, &c);
	if (commit_file(rs, &c, name, src, len) != NR_OK) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: out of memory", name);
		reject(rs, &c);
		return NR_ENOMEM;
	}
	return NR_OK;
}

int nr_ruleset_add_string(nr_ruleset *rs, const char *name, const char *source, size_t len)
{
	if (!rs || (!source && len))
		return NR_EINVAL;
	if (atomic_load(&rs->frozen)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "rule set is in use by a scanner and can no longer change");
		return NR_EFROZEN;
	}
	return load_source(rs, name ? name : "<string>", source ? source : "", len, false);
}

static int load_file(nr_ruleset *rs, const char *path, bool walked)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot open: %s", path, strerror(errno));
		rs->rejected++;
		return NR_EIO;
	}
	nr_buf b = NR_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = NR_OK;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > rs->opts.max_file_bytes) {
			rc = NR_ETOOBIG;
			break;
		}
		nr_buf__put(&b, chunk, n);
	}
	if (ferror(f))
		rc = NR_EIO;
	fclose(f);
	if (b.oom)
		rc = NR_ENOMEM;
	if (rc) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: %s", path,
				 rc == NR_ETOOBIG ? "rule file larger than the limit"
						  : nr_strerror(rc));
		rs->rejected++;
		nr_buf__free(&b);
		return rc;
	}
	rc = load_source(rs, path, b.data ? b.data : "", b.len, walked);
	nr_buf__free(&b);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcmp(s + n - m, suf);
}

/* lib/ folders hold modules (modules.c), never rule files. */
static bool is_lib(const char *path)
{
	const char *slash = strrchr(path, '/');
	return !strcmp(slash ? slash + 1 : path, "lib");
}

/* A rules directory: `require` looks in its lib/. The folder of a file
 * given alone counts as one. */
static int add_root(nr_ruleset *rs, const char *path, bool dir)
{
	size_t n = strlen(path);
	if (!dir) {
		const char *slash = strrchr(path, '/');
		n = slash ? (size_t)(slash - path) : 0;
		if (slash == path)
			n = 1; /* "/x.lua": the root folder */
	}
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (size_t i = 0; i < rs->nroots; i++)
		if (strlen(rs->roots[i]) == n && !memcmp(rs->roots[i], path, n))
			return NR_OK;
	if (rs->nroots == rs->cap_roots &&
	    !nr__grow((void **)&rs->roots, &rs->cap_roots, sizeof(*rs->roots), 4))
		return NR_ENOMEM;
	if (!(rs->roots[rs->nroots] = strndup(path, n)))
		return NR_ENOMEM;
	rs->nroots++;
	return NR_OK;
}

static int add_dir(nr_ruleset *rs, const char *path, int depth)
{
	if (depth > 32) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: directories nested too deep", path);
		return NR_ERULE;
	}
	DIR *d = opendir(path);
	if (!d) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot open: %s", path, strerror(errno));
		rs->rejected++;
		return NR_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	/* Its lexicons first: its rules may ask for them as they load. */
	int rc = nr_ruleset__add_dir_lexicons(rs, path);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "lexicons"))
			continue;
		if (n == cap && !nr__grow((void **)&names, &cap, sizeof(*names), 32)) {
			rc = NR_ENOMEM;
			break;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		if (!(names[n] = malloc(len))) {
			rc = NR_ENOMEM;
			break;
		}
		snprintf(names[n], len, "%s%s%s", path, has_suffix(path, "/") ? "" : "/",
			 e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int r = NR_OK;
		if (rc == NR_OK || !rs->opts.strict) {
			if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
				if (!is_lib(names[i]))
					r = add_dir(rs, names[i], depth + 1);
			} else if (has_suffix(names[i], ".lua")) {
				r = load_file(rs, names[i], true);
			}
		}
		if (r && rc == NR_OK)
			rc = r;
		free(names[i]);
	}
	free(names);
	return rc;
}

int nr_ruleset_add_path(nr_ruleset *rs, const char *path)
{
	if (!rs || !path)
		return NR_EINVAL;
	if (atomic_load(&rs->frozen)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "rule set is in use by a scanner and can no longer change");
		return NR_EFROZEN;
	}
	struct stat st;
	bool dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	if (add_root(rs, path, dir) != NR_OK) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: out of memory", path);
		return NR_ENOMEM;
	}
	if (dir)
		return add_dir(rs, path, 0);
	int rc = nr_ruleset__add_file_lexicons(rs, path);
	if (rc && rs->opts.strict)
		return rc;
	int frc = load_file(rs, path, false);
	return frc ? frc : rc;
}

void nr_ruleset_set_log(nr_ruleset *rs, nr_log_cb cb, void *payload)
{
	if (rs) {
		rs->log_cb = cb;
		rs->log_payload = payload;
	}
}

const char *nr_ruleset_last_error(const nr_ruleset *rs) { return rs ? rs->last_error : ""; }

size_t nr_ruleset_diagnostic_count(const nr_ruleset *rs) { return rs ? rs->ndiags : 0; }

const char *nr_ruleset_diagnostic(const nr_ruleset *rs, size_t i, nr_diag_level *level)
{
	if (!rs || i >= rs->ndiags)
		return NULL;
	if (level)
		*level = rs->diags[i].level;
	return rs->diags[i].text;
}

size_t nr_ruleset_file_count(const nr_ruleset *rs) { return rs ? rs->nfiles : 0; }
size_t nr_ruleset_rejected_count(const nr_ruleset *rs) { return rs ? rs->rejected : 0; }
const char *nr_ruleset_hash(const nr_ruleset *rs) { return rs ? rs->hash : ""; }
size_t nr_ruleset_rule_count(const nr_ruleset *rs) { return rs ? rs->nrules : 0; }

static const nr_rule *rule_at(const nr_ruleset *rs, size_t i)
{
	return rs && i < rs->nrules ? &rs->rules[i] : NULL;
}

const char *nr_ruleset_rule_id(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->id : NULL;
}

const char *nr_ruleset_rule_title(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->title : NULL;
}

const char *nr_ruleset_rule_severity(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->severity : NULL;
}

const char *nr_ruleset_rule_file(const nr_ruleset *rs, size_t i, int *line)
{
	const nr_rule *r = rule_at(rs, i);
	if (!r)
		return NULL;
	if (line)
		*line = r->line;
	return rs->files[r->file].name;
}

size_t nr_ruleset_rule_tag_count(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->ntags : 0;
}

const char *nr_ruleset_rule_tag(const nr_ruleset *rs, size_t i, size_t t)
{
	const nr_rule *r = rule_at(rs, i);
	return r && t < r->ntags ? r->tags[t] : NULL;
}

size_t nr_ruleset_example_count(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->nexamples : 0;
}

const char *nr_ruleset_example(const nr_ruleset *rs, size_t i, size_t e, int *expect,
			       const char **actor)
{
	const nr_rule *r = rule_at(rs, i);
	if (!r || e >= r->nexamples)
		return NULL;
	if (expect)
		*expect = r->examples[e].expect;
	if (actor)
		*actor = r->examples[e].actor;
	return r->examples[e].text;
}

int nr_ruleset_example_line(const nr_ruleset *rs, size_t i, size_t e)
{
	const nr_rule *r = rule_at(rs, i);
	return r && e < r->nexamples ? r->examples[e].line : 0;
}

/*
 * scanner.c - one sandboxed Lua state that runs a rule set over articles.
 *
 * Every rule x article pair ends in exactly one outcome, counted per rule:
 * match, no match, skipped by the keyword prefilter, disabled, interrupted
 * by the host (nr_scanner_interrupt), or an error of a named class. An
 * error stays with its rule: the state is cleaned up and the next rule
 * runs. A rule that fails max_failures articles in a row is disabled for
 * the rest of the scanner's life, with a notice, if it fails its probe
 * article too (see probe_suspects()).
 */
#include "scanner/scanner.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_DEFAULT_INSTR 20000000ul
#define NR_DEFAULT_MEMORY (256u * 1024u * 1024u)
#define NR_DEFAULT_DEADLINE_MS 2000u
#define NR_DEFAULT_FAILURES 5u
#define NR_DEFAULT_ALERTS 1000u
#define NR_MAX_SCAN_ERRORS 1000

static const char *const outcome_names[] = {
	"match",         "no-match",           "skipped",      "disabled",
	"error-runtime", "error-instructions", "error-memory", "error-blocked",
	"error-regex",   "error-deadline",     "interrupted",  "error-article-deadline",
};

const char *nr_outcome_name(nr_outcome o)
{
	return (unsigned)o < NR_OUTCOME_COUNT_ ? outcome_names[o] : "unknown";
}

static void add_error(nr_scanner *s, const char *fmt, ...) NR_PRINTF(2, 3);

static void add_error(nr_scanner *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->last_error, sizeof(s->last_error), fmt, ap);
	va_end(ap);
	if (s->nerrors >= NR_MAX_SCAN_ERRORS)
		return;
	if (s->nerrors == s->cap_errors &&
	    !nr__grow((void **)&s->errors, &s->cap_errors, sizeof(*s->errors), 8))
		return;
	char *e = strdup(s->last_error);
	if (e)
		s->errors[s->nerrors++] = e;
}

static void clear_errors(nr_scanner *s)
{
	for (size_t i = 0; i < s->nerrors; i++)
		free(s->errors[i]);
	s->nerrors = 0;
}

void nr_scanner_free(nr_scanner *s)
{
	if (!s)
		return;
	nr_sandbox__close(&s->sb);
	nr_watch__stop(&s->watch);
	nr_alert__list_free(&s->ctx.alerts);
	clear_errors(s);
	free(s->errors);
	nr_scanner__free_rules(s);
	if (!s->rs || s->lex != s->rs->lex)
		nr_lexicon_free(s->lex);
	nr_buf__free(&s->lower);
	nr_kwscan__free(&s->kw);
	nr_ruleset_free((nr_ruleset *)s->rs); /* the scanner's reference */
	free(s);
}

void nr_scanner__free_rules(nr_scanner *s)
{
	free(s->match_ref);
	free(s->env_ref);
	free(s->fails);
	free(s->suspect);
	free(s->disabled);
	free(s->counts);
	free(s->last);
	free(s->ns);
	free(s->logs);
	free(s->nalerts);
	free(s->ans);
}

bool nr_scanner__alloc_rules(nr_scanner *s)
{
	const nr_ruleset *rs = s->rs;
	size_t nr = rs->nrules ? rs->nrules : 1, nf = rs->nfiles ? rs->nfiles : 1;
	s->match_ref = calloc(nr, sizeof(*s->match_ref));
	s->env_ref = calloc(nf, sizeof(*s->env_ref));
	s->fails = calloc(nr, sizeof(*s->fails));
	s->suspect = calloc(nr, sizeof(*s->suspect));
	s->disabled = calloc(nr, sizeof(*s->disabled));
	s->counts = calloc(nr, sizeof(*s->counts));
	s->last = malloc(nr);
	s->ns = calloc(nr, sizeof(*s->ns));
	s->logs = calloc(nr, sizeof(*s->logs));
	s->nalerts = calloc(nr, sizeof(*s->nalerts));
	s->ans = calloc(nr, sizeof(*s->ans));
	if (!s->match_ref || !s->env_ref || !s->fails || !s->suspect || !s->disabled ||
	    !s->counts || !s->last || !s->ns || !s->logs || !s->nalerts || !s->ans)
		return false;
	memset(s->last, NR_OUTCOME_COUNT_, nr); /* no outcome before a scan */
	return true;
}

/* The rules did not come back in the scanner's own state. The reason
 * stays with the scanner, which is handed back (as sqlite3_open() does):
 * the shared set is read-only, and threads may be creating scanners on it
 * at the same time. */
static int fail_new(nr_scanner *s, int rc, const char *msg)
{
	nr_sandbox__close(&s->sb);
	s->stillborn = true;
	snprintf(s->last_error, sizeof(s->last_error), "%s", msg);
	return rc;
}

typedef struct state_args {
	nr_scanner *s;
	char *msg;
	size_t msglen;
	int rc;
} state_args;

/* A file failed to run again in this state: the message names it, and a
 * budget it tripped (the files together keep more than this scanner's
 * heap) is the rules' fault, not the host's. */
static void file_failed(state_args *a, const char *name, int st, const char *msg)
{
	nr_sandbox *sb = &a->s->sb;
	if (sb->tripped)
		snprintf(a->msg, a->msglen, "%s: %s while the rule files ran again in the scanner",
			 name, sb->trip_msg);
	else if (msg && !strncmp(msg, name, strlen(name)))
		snprintf(a->msg, a->msglen, "%s", msg);
	else
		snprintf(a->msg, a->msglen, "%s: %s", name, msg ? msg : "not enough memory");
	a->rc = st == LUA_ERRMEM && !sb->tripped ? NR_ENOMEM : NR_ERULE;
}

/* Protected part of load_state(): run every source again in this state to
 * get the match functions back. */
static int state_entry(lua_State *L)
{
	state_args *a = lua_touserdata(L, 1);
	nr_scanner *s = a->s;
	const nr_ruleset *rs = s->rs;
	lua_settop(L, 0);
	lua_newtable(L);
	lua_pushvalue(L, 1);
	int matches_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	for (size_t f = 0; f < rs->nfiles; f++) {
		nr_collector c = { 0 };
		c.scanner = true;
		c.file = rs->files[f].name;
		c.index = f;
		c.matches_ref = matches_ref;
		c.dump = rs->files[f].dump; /* borrowed: parsed once, by the set */
		int st = nr_ruleset__run_file(&s->sb, &c, rs->files[f].name, rs->files[f].source,
					      rs->files[f].len);
		nr_rule__free(&c.pending);
		if (st != LUA_OK) {
			file_failed(a, rs->files[f].name, st, lua_tostring(L, -1));
			return 0;
		}
		s->env_ref[f] = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		const nr_rule *r = &rs->rules[i];
		if (r->nkeywords)
			s->any_keywords = true;
		lua_pushstring(L, r->id);
		if (lua_rawget(L, 1) != LUA_TFUNCTION) {
			snprintf(a->msg, a->msglen,
				 "%s:%d: rule '%s' did not come back when the file ran again "
				 "(rule files must declare the same rules every time)",
				 rs->files[r->file].name, r->line, r->id);
			a->rc = NR_ERULE;
			return 0;
		}
		s->match_ref[i] = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	luaL_unref(L, LUA_REGISTRYINDEX, matches_ref);
	a->rc = NR_OK;
	return 0;
}

/* A fresh sandboxed state with every rule file run in it again. */
int nr_scanner__load_state(nr_scanner *s, char *msg, size_t msglen)
{
	int rc = nr_sandbox__init(&s->sb, s->opts.max_memory, s->opts.max_instructions,
				  s->opts.deadline_ms, nr_lua__libs);
	if (rc)
		return rc;
	s->sb.host = &s->ctx;
	s->sb.shared = s->rs;
	s->sb.lexp = &s->lex;
	s->sb.watch = &s->watch;
	lua_State *L = s->sb.L;
	state_args a = { s, msg, msglen, NR_ENOMEM };
	snprintf(msg, msglen, "out of memory");
	lua_pushcfunction(L, state_entry);
	lua_pushlightuserdata(L, &a);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		a.rc = NR_ENOMEM;
	lua_settop(L, 0);
	lua_gc(L, LUA_GCCOLLECT);
	s->baseline = s->sb.mem_used;
	s->sb.obey_stop = true; /* rules from now on, not the files' top level */
	return a.rc;
}

/*
 * Rules may keep data in file-level locals from one article to the next.
 * When what they keep passes half the memory budget, every rule would soon
 * fail for want of memory: start again from a fresh state instead.
 */
static void check_retained(nr_scanner *s)
{
	/* Half of what the freshly loaded rules left free. */
	size_t base = s->baseline < s->opts.max_memory ? s->baseline : s->opts.max_memory;
	size_t limit = base + (s->opts.max_memory - base) / 2;
	if (s->broken || s->sb.mem_used <= limit)
		return;
	lua_gc(s->sb.L, LUA_GCCOLLECT);
	if (s->sb.mem_used <= limit)
		return;
	size_t held = s->sb.mem_used;
	nr_sandbox__close(&s->sb);
	char msg[512];
	int rc = nr_scanner__load_state(s, msg, sizeof(msg));
	s->resets++;
	if (rc) {
		s->broken = true;
		nr_sandbox__close(&s->sb);
		add_error(s, "scanner state could not be rebuilt (%s): every rule is disabled",
			  rc == NR_ERULE ? msg : nr_strerror(rc));
		return;
	}
	add_error(s,
		  "scanner state rebuilt: rules kept %zu bytes across articles "
		  "(more than half of what the %zu-byte memory budget left free)",
		  held - base, s->opts.max_memory);
}

int nr_scanner_new(nr_scanner **out, const nr_ruleset *rs, const nr_scanner_options *opts)
{
	if (!out || !rs)
		return NR_EINVAL;
	*out = NULL;
	if (opts && (opts->version < 1 || opts->version > NR_SCANNER_OPTIONS_VERSION))
		return NR_EINVAL;
	nr_ruleset__freeze(rs);
	const nr_prefilter *pf = nr_prefilter__get(rs);
	if (!pf)
		return NR_ENOMEM;

	nr_scanner *s = calloc(1, sizeof(*s));
	if (!s)
		return NR_ENOMEM;
	nr_kwscan__init(&s->kw, pf);
	s->ctx.kw = &s->kw;
	nr_scanner_options def = NR_SCANNER_OPTIONS_INIT;
	s->opts = def;
	/* A version 1 caller's struct ends before article_deadline_ms. */
	if (opts)
		memcpy(&s->opts, opts,
		       opts->version == 1 ? offsetof(nr_scanner_options, article_deadline_ms)
					  : sizeof(*opts));
	s->opts.version = NR_SCANNER_OPTIONS_VERSION;
	if (!s->opts.max_instructions)
		s->opts.max_instructions = NR_DEFAULT_INSTR;
	if (!s->opts.max_memory)
		s->opts.max_memory = NR_DEFAULT_MEMORY;
	if (!s->opts.deadline_ms)
		s->opts.deadline_ms = NR_DEFAULT_DEADLINE_MS;
	if (!s->opts.max_failures)
		s->opts.max_failures = NR_DEFAULT_FAILURES;
	if (!s->opts.max_alerts)
		s->opts.max_alerts = NR_DEFAULT_ALERTS;
	s->rs = nr_ruleset_retain((nr_ruleset *)rs); /* released by nr_scanner_free */
	s->lex = rs->lex;
	nr_alert__list_init(&s->ctx.alerts, s->opts.max_alerts);
	s->ctx.text_ref = LUA_NOREF;
	s->ctx.rs = rs;
	if (s->kw.oom || !nr_scanner__alloc_rules(s) ||
	    nr_watch__start(&s->watch, nr_sandbox__hook, s->opts.deadline_ms)) {
		nr_scanner_free(s);
		return NR_ENOMEM;
	}
	char msg[512];
	int rc = nr_scanner__load_state(s, msg, sizeof(msg));
	if (rc == NR_ERULE) {
		*out = s;
		return fail_new(s, rc, msg);
	}
	if (rc) {
		nr_scanner_free(s);
		return rc;
	}
	*out = s;
	return NR_OK;
}

/* Where the keywords of the rules occur in article a (title and text). */
static void find_keywords(nr_scanner *s, const nr_article *a)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	const char *title = nr_article_title(a);
	nr_kwscan__run(&s->kw, title, strlen(title), text, len);
	if (s->reference)
		nr_prefilter__lower(&s->lower, title, strlen(title), text, len);
}

static bool keywords_hit(const nr_scanner *s, size_t i)
{
	if (s->reference)
		return nr_prefilter__reference_hit(&s->rs->rules[i], &s->lower);
	return nr_kwscan__rule_hit(&s->kw, i);
}

void nr_scanner__reference_keywords(nr_scanner *s, bool on)
{
	if (s)
		s->reference = on;
}

/* Protected: set up and call one rule. Returns the rule call's status and,
 * on error, its message. */
static int rule_entry(lua_State *L)
{
	nr_scanner *s = lua_touserdata(L, 1);
	size_t i = (size_t)lua_tointeger(L, 2);
	const nr_rule *r = &s->rs->rules[i];
	lua_settop(L, 0);
	/* Fresh globals for every call: nothing a rule plants survives it. */
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->env_ref[r->file]);
	nr_sandbox__env_clear(L, -1);
	lua_pop(L, 1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->match_ref[i]);
	nr_article__lua_push(L, &s->ctx);
	nr_sandbox__arm(&s->sb);
	int st = nr_sandbox__pcall(L, 1, 0);
	nr_sandbox__disarm(&s->sb);
	if (st == LUA_OK)
		lua_pushnil(L);
	lua_pushinteger(L, st);
	return 2;
}

/* The article being scanned, as messages name it. */
static const char *article_name(const nr_scanner *s)
{
	if (s->probing)
		return "its probe article";
	const char *id = nr_article_id(s->ctx.article);
	return id[0] ? id : "article";
}

/* Count the lines rule i logged on the article, and stand for those the
 * rate limit held back with one note. */
static void log_done(nr_scanner *s, size_t i)
{
	nr_scan_ctx *ctx = &s->ctx;
	if (ctx->log_off)
		return;
	s->logs[i][0] += ctx->log_rule;
	s->logs[i][1] += ctx->log_suppressed;
	const nr_rule *r = &s->rs->rules[i];
	nr_log__note(ctx->log_cb, ctx->log_payload, r->id, nr_article_id(ctx->article),
		     s->rs->files[r->file].name, ctx->log_suppressed);
}

/* Run rule i; returns its outcome; alerts are left in s->ctx. A rule the
 * alert cap stopped matched: the alerts before the cap are kept. */
static nr_outcome run_rule(nr_scanner *s, size_t i)
{
	const nr_rule *r = &s->rs->rules[i];
	lua_State *L = s->sb.L;
	lua_settop(L, 0);
	nr_alert__list_reset(&s->ctx.alerts);
	s->ctx.rule = r;
	s->ctx.log_rule = 0;
	s->ctx.log_suppressed = 0;
	s->sb.tripped = 0;

	lua_pushcfunction(L, rule_entry);
	lua_pushlightuserdata(L, s);
	lua_pushinteger(L, (lua_Integer)i);
	int st = lua_pcall(L, 2, 2, 0);
	const char *msg = NULL;
	if (st == LUA_OK) {
		st = (int)lua_tointeger(L, -1);
		msg = lua_tostring(L, -2);
	} else {
		nr_sandbox__disarm(&s->sb);
		msg = lua_tostring(L, -1);
	}
	nr_outcome o;
	bool capped = s->ctx.alerts.capped && !s->sb.tripped;
	if (st == LUA_OK || capped) {
		o = s->ctx.alerts.count ? NR_OUTCOME_MATCH : NR_OUTCOME_NOMATCH;
		if (capped && !s->probing)
			add_error(
			    s,
			    "rule '%s' (%s:%d) on %s: stopped at the alert cap (%u alerts per "
			    "rule per article): the %zu alerts before it are kept",
			    r->id, s->rs->files[r->file].name, r->line, article_name(s),
			    s->ctx.alerts.max, s->ctx.alerts.count);
	} else {
		o = s->sb.tripped      ? (nr_outcome)s->sb.tripped
		    : st == LUA_ERRMEM ? NR_OUTCOME_ERR_MEMORY
				       : NR_OUTCOME_ERR_RUNTIME;
		if (s->probing)
			snprintf(s->probe_why, sizeof(s->probe_why), "%s: %s", nr_outcome_name(o),
				 msg ? msg : "not enough memory");
		else
			add_error(s, "rule '%s' (%s:%d) on %s: %s: %s", r->id,
				  s->rs->files[r->file].name, r->line, article_name(s),
				  nr_outcome_name(o), msg ? msg : "not enough memory");
		nr_alert__list_reset(&s->ctx.alerts); /* a failed rule's alerts are void */
		lua_settop(L, 0);
		if (o == NR_OUTCOME_ERR_MEMORY)
			lua_gc(L, LUA_GCCOLLECT);
	}
	log_done(s, i);
	s->ctx.rule = NULL;
	lua_settop(L, 0);
	return o;
}

/* ---- the circuit breaker ------------------------------------------------ */

/* The probe article of a rule without examples: ordinary news prose. */
static const char PROBE_TEXT[] =
    "The minister denied the report on Monday. \"We have done nothing wrong,\" "
    "a spokesman for the ministry said. The opposition accused the government "
    "of hiding the figures and demanded an inquiry.";

/* Count rule i's outcome on the article: failures in a row make it a
 * suspect, a run that ends (with or without alerts) clears the count. */
static void count_outcome(nr_scanner *s, size_t i, nr_outcome o)
{
	if (o == NR_OUTCOME_INTERRUPTED || o == NR_OUTCOME_ERR_ARTICLE_DEADLINE)
		return; /* the host's doing, or the article's, not the rule's */
	if (o >= NR_OUTCOME_ERR_RUNTIME) {
		if (++s->fails[i] >= s->opts.max_failures)
			s->suspect[i] = true;
	} else if (o == NR_OUTCOME_MATCH || o == NR_OUTCOME_NOMATCH) {
		s->fails[i] = 0;
	}
}

/* Rule i on its probe article (its first example, else PROBE_TEXT), its
 * alerts dropped; false when the probe could not be built. */
static bool run_probe(nr_scanner *s, size_t i, nr_outcome *o)
{
	const nr_rule *r = &s->rs->rules[i];
	const char *text = r->nexamples ? r->examples[0].text : PROBE_TEXT;
	nr_article *a;
	if (nr_article_from_text(&a, text, strlen(text), NULL) != NR_OK)
		return false;
	s->ctx.article = a;
	s->ctx.gen++;        /* objects of the scanned article expire */
	find_keywords(s, a); /* its hits are the probe's */
	s->ctx.text_ref = LUA_NOREF;
	s->probing = true;
	s->ctx.log_off = true; /* its lines are not the article's */
	s->probe_why[0] = '\0';
	*o = run_rule(s, i);
	s->probing = false;
	s->ctx.log_off = false;
	nr_alert__list_reset(&s->ctx.alerts);
	if (s->ctx.text_ref != LUA_NOREF && s->sb.L)
		luaL_unref(s->sb.L, LUA_REGISTRYINDEX, s->ctx.text_ref);
	s->ctx.text_ref = LUA_NOREF;
	s->ctx.article = NULL;
	s->kw.text = NULL;
	s->ctx.gen++; /* and so do the probe's */
	nr_article_free(a);
	return true;
}

/*
 * Articles can make a sound rule fail (a 68 KB sentence past a pattern's
 * budget), and no article may switch a rule off for the articles after
 * it. So a rule that failed max_failures articles in a row is run once on
 * its probe article: it is disabled only if it fails there too (then the
 * rule is at fault); otherwise its count starts again, with a notice.
 */
/* Rule i on its probe article: 1 when it failed there too (now disabled),
 * 0 when it ran (its count starts again), -1 when there was no verdict. */
static int probe_rule(nr_scanner *s, size_t i)
{
	const nr_rule *r = &s->rs->rules[i];
	const char *what = r->nexamples ? "its first example" : "a fixed text";
	nr_outcome o;
	s->suspect[i] = false;
	if (!run_probe(s, i, &o) || o == NR_OUTCOME_INTERRUPTED ||
	    o == NR_OUTCOME_ERR_ARTICLE_DEADLINE)
		return -1; /* no probe, no verdict: the rule stays on */
	if (o >= NR_OUTCOME_ERR_RUNTIME) {
		s->disabled[i] = true;
		add_error(s,
			  "rule '%s' (%s:%d) disabled after %u failures in a row: it also "
			  "fails its probe article (%s): %s",
			  r->id, s->rs->files[r->file].name, r->line, s->fails[i], what,
			  s->probe_why);
		return 1;
	}
	add_error(s,
		  "rule '%s' (%s:%d) failed %u articles in a row but runs on its "
		  "probe article (%s): the articles are at fault, the rule stays on",
		  r->id, s->rs->files[r->file].name, r->line, s->fails[i], what);
	s->fails[i] = 0;
	return 0;
}

static void probe_suspects(nr_scanner *s)
{
	for (size_t i = 0; i < s->rs->nrules && !s->broken; i++)
		if (s->suspect[i] && !atomic_load(&s->watch.stop))
			probe_rule(s, i); /* an interrupted scan probes nothing */
}

/* Has the article deadline of the running scan passed? */
static bool article_late(const nr_scanner *s)
{
	return s->article_end && nr__now_ns() >= s->article_end;
}

/* Rule i's outcome on the article: run, or why not. */
static nr_outcome scan_rule(nr_scanner *s, size_t i)
{
	const nr_rule *r = &s->rs->rules[i];
	if (atomic_load(&s->watch.stop))
		return NR_OUTCOME_INTERRUPTED; /* and not run */
	if (article_late(s))
		return NR_OUTCOME_ERR_ARTICLE_DEADLINE;
	if (s->disabled[i] || s->broken)
		return NR_OUTCOME_DISABLED;
	if (r->nkeywords && !keywords_hit(s, i))
		return NR_OUTCOME_SKIPPED;
	int64_t t0 = nr__now_ns();
	uint64_t a0 = s->ctx.analyze_ns;
	nr_outcome o = run_rule(s, i);
	s->ns[i] += (uint64_t)(nr__now_ns() - t0);
	s->ans[i] += s->ctx.analyze_ns - a0;
	return o;
}

/* What the scan returns after an outcome: the host's stop first, then the
 * article deadline, then a rule's failure. */
static int scan_rc(int rc, nr_outcome o)
{
	int now = o == NR_OUTCOME_INTERRUPTED            ? NR_EINTERRUPTED
		  : o == NR_OUTCOME_ERR_ARTICLE_DEADLINE ? NR_ETIMEOUT
		  : o >= NR_OUTCOME_ERR_RUNTIME          ? NR_ERUNTIME
							 : NR_OK;
	static const int order[] = { NR_OK, NR_ERUNTIME, NR_ETIMEOUT, NR_EINTERRUPTED, NR_EABORT };
	int ra = 0, rb = 0;
	for (int k = 0; k < 5; k++) {
		ra = order[k] == rc ? k : ra;
		rb = order[k] == now ? k : rb;
	}
	return rb > ra ? now : rc;
}

/* Hand rule i's alerts to the callback; NR_EABORT when it stops the scan. */
static int deliver(nr_scanner *s, size_t i, nr_alert_cb cb, void *payload)
{
	int rc = NR_OK;
	for (nr_alert *al = s->ctx.alerts.head; al && cb; al = al->next) {
		s->nalerts[i]++;
		if (cb(al, payload)) {
			rc = NR_EABORT;
			break;
		}
	}
	nr_alert__list_reset(&s->ctx.alerts);
	return rc;
}

static void scan_end(nr_scanner *s, int rc)
{
	if (s->ctx.text_ref != LUA_NOREF && s->sb.L)
		luaL_unref(s->sb.L, LUA_REGISTRYINDEX, s->ctx.text_ref);
	s->ctx.text_ref = LUA_NOREF;
	s->ctx.article = NULL;
	s->kw.text = NULL;
	if (!article_late(s))
		probe_suspects(s); /* a late scan probes at the next one */
	s->article_end = 0;
	s->sb.article_ns = 0;
	check_retained(s);
	if (rc == NR_EABORT)
		snprintf(s->last_error, sizeof(s->last_error),
			 "the alert callback stopped the scan");
	else if (rc == NR_EINTERRUPTED)
		snprintf(s->last_error, sizeof(s->last_error), "the scan was interrupted");
	else if (rc == NR_ETIMEOUT)
		snprintf(s->last_error, sizeof(s->last_error),
			 "the article deadline of %u ms passed", s->opts.article_deadline_ms);
}

static int scan(nr_scanner *s, nr_article *a, size_t only, nr_alert_cb cb, void *payload)
{
	if (!s || !a)
		return NR_EINVAL;
	if (s->stillborn)
		return NR_ERULE;         /* last_error keeps saying why */
	atomic_store(&s->watch.stop, 0); /* an interrupt between scans is void */
	clear_errors(s);
	s->last_error[0] = '\0';
	s->article_end = s->opts.article_deadline_ms
			     ? nr__now_ns() + (int64_t)s->opts.article_deadline_ms * 1000000
			     : 0;
	s->sb.article_ns = s->article_end;
	s->sb.article_ms = s->opts.article_deadline_ms;
	s->ctx.article = a;
	s->ctx.gen++;
	s->ctx.text_ref = LUA_NOREF;
	s->ctx.log_article = 0;
	if (s->any_keywords)
		find_keywords(s, a);
	int rc = NR_OK;
	memset(s->last, NR_OUTCOME_COUNT_, s->rs->nrules);
	size_t first = only == SIZE_MAX ? 0 : only;
	size_t stop = only == SIZE_MAX ? s->rs->nrules : only + 1;
	for (size_t i = first; i < stop && rc != NR_EABORT; i++) {
		nr_outcome o = scan_rule(s, i);
		s->counts[i][o]++;
		s->last[i] = (unsigned char)o;
		rc = scan_rc(rc, o);
		count_outcome(s, i, o);
		if (deliver(s, i, cb, payload))
			rc = NR_EABORT;
	}
	scan_end(s, rc);
	return rc;
}

int nr_scanner_scan(nr_scanner *s, nr_article *a, nr_alert_cb cb, void *payload)
{
	return scan(s, a, SIZE_MAX, cb, payload);
}

int nr_scanner_scan_rule(nr_scanner *s, nr_article *a, size_t rule, nr_alert_cb cb, void *payload)
{
	if (!s || rule >= s->rs->nrules)
		return NR_EINVAL;
	return scan(s, a, rule, cb, payload);
}

int nr_scanner_probe_rule(nr_scanner *s, size_t rule, unsigned failures)
{
	if (!s || rule >= s->rs->nrules)
		return NR_EINVAL;
	if (s->stillborn)
		return NR_ERULE;
	atomic_store(&s->watch.stop, 0);
	clear_errors(s);
	s->last_error[0] = '\0';
	if (s->disabled[rule] || s->broken)
		return s->disabled[rule] ? NR_ERUNTIME : NR_EINTERRUPTED;
	s->fails[rule] = failures;
	int verdict = probe_rule(s, rule);
	s->fails[rule] = 0;
	return verdict > 0 ? NR_ERUNTIME : verdict == 0 ? NR_OK : NR_EINTERRUPTED;
}

int nr_scanner_disable_rule(nr_scanner *s, size_t rule)
{
	if (!s || rule >= s->rs->nrules)
		return NR_EINVAL;
	s->disabled[rule] = true;
	return NR_OK;
}

void nr_scanner_interrupt(nr_scanner *s)
{
	if (s)
		nr_watch__interrupt(&s->watch);
}

const char *nr_scanner_last_error(const nr_scanner *s) { return s ? s->last_error : ""; }

size_t nr_scanner_error_count(const nr_scanner *s) { return s ? s->nerrors : 0; }

const char *nr_scanner_error(const nr_scanner *s, size_t i)
{
	return s && i < s->nerrors ? s->errors[i] : NULL;
}

unsigned long nr_scanner_rule_outcomes(const nr_scanner *s, size_t rule, nr_outcome o)
{
	if (!s || rule >= s->rs->nrules || (unsigned)o >= NR_OUTCOME_COUNT_)
		return 0;
	return s->counts[rule][o];
}

nr_outcome nr_scanner_rule_last_outcome(const nr_scanner *s, size_t rule)
{
	if (!s || rule >= s->rs->nrules)
		return NR_OUTCOME_COUNT_;
	return (nr_outcome)s->last[rule];
}

uint64_t nr_scanner_rule_time_ns(const nr_scanner *s, size_t rule)
{
	return s && rule < s->rs->nrules ? s->ns[rule] : 0;
}

uint64_t nr_scanner_analysis_time_ns(const nr_scanner *s) { return s ? s->ctx.analyze_ns : 0; }

void nr_scanner_set_log(nr_scanner *s, nr_log_cb cb, void *payload)
{
	if (s) {
		s->ctx.log_cb = cb;
		s->ctx.log_payload = payload;
	}
}

unsigned long nr_scanner_log_count(const nr_scanner *s, size_t rule, unsigned long *suppressed)
{
	bool ok = s && rule < s->rs->nrules;
	if (suppressed)
		*suppressed = ok ? s->logs[rule][1] : 0;
	return ok ? s->logs[rule][0] : 0;
}

/*
 * alloc_fail.c - allocation-failure sweep, as SQLite and curl test theirs.
 *
 * This program replaces malloc, calloc, realloc and free (ELF interposition,
 * which glibc supports: the library, libxml2, jansson, Lua and PCRE2 all
 * allocate through them) with versions that can make the N-th allocation
 * fail. For each N of a sweep it forks and, in the child, loads a rule set,
 * makes a scanner, reads every example article and scans it, then frees it
 * all. Whatever fails must end in an error code: the child must not crash,
 * abort or leak (every block allocated during the run is freed again). The
 * first N past the last allocation of a whole run ends the sweep.
 *
 *   alloc_fail RULES_DIR ARTICLES_DIR [MAX_RUNS [FIRST]]
 *
 * With FIRST, the sweep starts at allocation FIRST and prints the stack of
 * each failing allocation (how to find what a failure report is about);
 * with TRACE_LEAKS=1 in the environment, a leak report prints where each
 * block it names was allocated.
 * Built without sanitizers only (they replace malloc themselves).
 */
#define _GNU_SOURCE
#include "newsrules.h"

#include <dirent.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static long fail_at = -1; /* allocation number that fails, or -1 */
static long count;        /* allocations since arming */

/* Blocks made after arming, by address, with their allocation number: what
 * a leak report names. Open addressing; deleted slots keep a tombstone. */
#define TRACK_SLOTS (1u << 18)
typedef struct tracked {
	void *p;
	long seq;
} tracked;
static tracked *track;
static void *(*track_bt)[12]; /* where each was made, with TRACE_LEAKS set */
static void *const TOMB = (void *)1;

static size_t slot_of(void *p) { return ((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> 46; }

static int track_full; /* a block could not be tracked: the check is void */

static void track_add(void *p)
{
	if (!track || fail_at < 0)
		return;
	for (size_t i = slot_of(p), k = 0; k < TRACK_SLOTS; i = (i + 1) & (TRACK_SLOTS - 1), k++) {
		if (!track[i].p || track[i].p == TOMB) {
			track[i].p = p;
			track[i].seq = count;
			if (track_bt)
				backtrace(track_bt[i], 12);
			return;
		}
	}
	track_full = 1;
}

static void track_del(void *p)
{
	if (!track || !p)
		return;
	for (size_t i = slot_of(p), k = 0; k < TRACK_SLOTS && track[i].p;
	     i = (i + 1) & (TRACK_SLOTS - 1), k++) {
		if (track[i].p == p) {
			track[i].p = TOMB;
			return;
		}
	}
}

/*
 * PCRE2 10.42 (Debian 12) crashes inside pcre2_jit_compile() when one of
 * its own allocations fails, whoever calls it (a ten-line program shows
 * it). That is not newsrules' to fix: an allocation made inside the JIT
 * compiler is let through and the next one fails instead. newsrules
 * itself keeps the sandbox's memory cap out of JIT compilation.
 */
static uintptr_t jit_lo, jit_hi;
static int trace_fail; /* print the stack of the failing allocation */

static void find_jit(void)
{
	void *f = dlsym(RTLD_DEFAULT, "pcre2_jit_compile_8");
	Dl_info info;
	const ElfW(Sym) *sym = NULL;
	if (f && dladdr1(f, &info, (void **)&sym, RTLD_DL_SYMENT) && sym) {
		jit_lo = (uintptr_t)f;
		jit_hi = jit_lo + sym->st_size;
	}
}

static int inside_jit(void)
{
	void *bt[64];
	int n = backtrace(bt, 64);
	for (int i = 0; i < n; i++)
		if ((uintptr_t)bt[i] >= jit_lo && (uintptr_t)bt[i] < jit_hi)
			return 1;
	return 0;
}

static long trace_at = -1; /* print the stack of this allocation (TRACE_AT) */

static int should_fail(void)
{
	if (fail_at > 0 && count + 1 == trace_at) {
		void *bt[32];
		backtrace_symbols_fd(bt, backtrace(bt, 32), 2);
	}
	if (fail_at < 0 || ++count != fail_at)
		return 0;
	if (jit_hi && inside_jit()) {
		fail_at++;
		return 0;
	}
	if (trace_fail) {
		void *bt[32];
		backtrace_symbols_fd(bt, backtrace(bt, 32), 2);
	}
	return 1;
}

void *malloc(size_t n)
{
	if (should_fail())
		return NULL;
	void *p = __libc_malloc(n);
	if (p)
		track_add(p);
	return p;
}

void *calloc(size_t n, size_t m)
{
	if (should_fail())
		return NULL;
	void *p = __libc_calloc(n, m);
	if (p)
		track_add(p);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	if (should_fail())
		return NULL;
	void *q = __libc_realloc(p, n);
	if (q && q != p) {
		track_del(p);
		track_add(q);
	}
	return q;
}

void free(void *p)
{
	track_del(p);
	__libc_free(p);
}

/* ---- the work ----------------------------------------------------------- */

typedef struct file {
	char *name;
	char *data;
	size_t len;
} file;

typedef struct files {
	file v[64];
	size_t n;
} files;

static void load_dir(files *fs, const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "alloc_fail: cannot open %s\n", dir);
		exit(2);
	}
	struct dirent *e;
	while ((e = readdir(d)) && fs->n < 64) {
		size_t nl = strlen(e->d_name), sl = strlen(suffix);
		if (e->d_name[0] == '.' || nl < sl || strcmp(e->d_name + nl - sl, suffix))
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		file *x = &fs->v[fs->n];
		x->data = malloc(1 << 20);
		x->len = fread(x->data, 1, (1 << 20) - 1, f);
		fclose(f);
		x->name = strdup(e->d_name);
		fs->n++;
	}
	closedir(d);
}

typedef struct job {
	nr_scanner *scanner;
	size_t articles, alerts;
} job;

static int on_alert(const nr_alert *al, void *payload)
{
	char *json = NULL;
	if (nr_alert_to_json(al, &json) == NR_OK)
		nr_free(json);
	/* A copy that outlives the scan, and its JSON. */
	nr_alert *copy = NULL;
	if (nr_alert_copy(al, &copy) == NR_OK && nr_alert_to_json(copy, &json) == NR_OK)
		nr_free(json);
	nr_alert_free(copy);
	((job *)payload)->alerts++;
	return 0;
}

static int on_item(const nr_read_item *item, void *payload)
{
	job *j = payload;
	if (!item->article)
		return 0;
	j->articles++;
	nr_scanner_scan(j->scanner, item->article, on_alert, j);
	char *json = NULL;
	if (nr_article_to_json(item->article, 0, &json) == NR_OK)
		nr_free(json);
	nr_article_free(item->article);
	return 0;
}

/* One whole run; returns what it managed (for the unarmed reference run). */
/* The rule files' modules (lib/ of the rules directory), added by name. */
static files modules;

static job run(const files *rules, const files *articles)
{
	job j = { 0 };
	nr_ruleset *rs = NULL;
	if (nr_ruleset_new(&rs, NULL) != NR_OK)
		return j;
	for (size_t i = 0; i < modules.n; i++) {
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)(strlen(modules.v[i].name) - 4),
			 modules.v[i].name);
		nr_ruleset_add_module(rs, name, modules.v[i].data, modules.v[i].len);
	}
	for (size_t i = 0; i < rules->n; i++)
		nr_ruleset_add_string(rs, rules->v[i].name, rules->v[i].data, rules->v[i].len);
	if (nr_scanner_new(&j.scanner, rs, NULL) == NR_OK) {
		for (size_t i = 0; i < articles->n; i++) {
			nr_read_options o = NR_READ_OPTIONS_INIT;
			o.name = articles->v[i].name;
			nr_read_buffer(articles->v[i].data, articles->v[i].len, &o, on_item, &j);
		}
		/* A reload: the scanner moves to a set of the first rule file (or
		 * keeps the old one), and scans the first article again. */
		nr_ruleset *next = NULL;
		if (rules->n && nr_ruleset_new(&next, NULL) == NR_OK &&
		    nr_ruleset_add_string(next, rules->v[0].name, rules->v[0].data,
					  rules->v[0].len) == NR_OK)
			nr_scanner_rebind(j.scanner, next);
		nr_ruleset_free(next); /* the scanner holds it, if it moved */
		nr_read_options o = NR_READ_OPTIONS_INIT;
		if (articles->n)
			nr_read_buffer(articles->v[0].data, articles->v[0].len, &o, on_item, &j);
	}
	nr_scanner_free(j.scanner);
	nr_ruleset_free(rs);
	return j;
}

/* Which allocations of the trial are still held (their numbers; run with
 * FIRST to see where allocation n fails, with TRACE_AT=k where k is made). */
static int report_leaks(long n)
{
	int held = 0;
	for (size_t i = 0; i < TRACK_SLOTS; i++) {
		if (!track[i].p || track[i].p == TOMB)
			continue;
		if (held++ < 5) {
			fprintf(stderr,
				"alloc_fail: with allocation %ld failing, allocation %ld is never "
				"freed\n",
				n, track[i].seq);
			if (track_bt)
				backtrace_symbols_fd(track_bt[i], 12, 2);
		}
	}
	return held;
}

/* Run with allocation n failing in a child: 0 clean, 1 crash, 2 leak, 3 done
 * (no allocation n happened). */
static int trial(long n, const files *rules, const files *articles)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		memset(track, 0, TRACK_SLOTS * sizeof(*track));
		count = 0;
		fail_at = n;
		run(rules, articles);
		fail_at = -1;
		if (count < n)
			_exit(3);
		if (track_full) {
			fprintf(stderr, "alloc_fail: more blocks at once than TRACK_SLOTS\n");
			_exit(2);
		}
		_exit(report_leaks(n) ? 2 : 0);
	}
	int st;
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		return 1;
	return WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: alloc_fail RULES_DIR ARTICLES_DIR [MAX_RUNS]\n");
		return 2;
	}
	long max_runs = argc > 3 ? atol(argv[3]) : 600;
	void *warm[4];
	backtrace(warm, 4); /* its first call loads libgcc: not during a trial */
	find_jit();
	trace_fail = argc > 4;
	track = __libc_calloc(TRACK_SLOTS, sizeof(*track));
	if (getenv("TRACE_LEAKS"))
		track_bt = __libc_calloc(TRACK_SLOTS, sizeof(*track_bt));
	const char *at = getenv("TRACE_AT");
	trace_at = at ? atol(at) : -1;
	static files rules, articles;
	load_dir(&rules, argv[1], ".lua");
	char lib[4096];
	snprintf(lib, sizeof(lib), "%s/lib", argv[1]);
	if (access(lib, F_OK) == 0)
		load_dir(&modules, lib, ".lua");
	load_dir(&articles, argv[2], "");
	/* A reference run: it also leaves libxml2's and the lexicons' one-time
	 * setup done, so the trials measure leaks of the scan alone. */
	count = 0;
	fail_at = 0;
	job ref = run(&rules, &articles);
	long total = count;
	fail_at = -1;
	if (!ref.articles || !ref.alerts) {
		fprintf(stderr, "alloc_fail: the reference run read %zu articles, %zu alerts\n",
			ref.articles, ref.alerts);
		return 1;
	}
	/* Every allocation up to a point, then evenly spread over the rest. */
	long dense = max_runs / 2 < total ? max_runs / 2 : total;
	long step = total > dense ? (total - dense) / (max_runs - dense) + 1 : 1;
	long runs = 0, bad = 0;
	long first = argc > 4 ? atol(argv[4]) : 1;
	for (long n = first; n <= total + 1; n += n <= dense ? 1 : step) {
		int r = trial(n, &rules, &articles);
		runs++;
		if (r == 3)
			break;
		if (r) {
			fprintf(stderr, "alloc_fail: allocation %ld of %ld failing: %s\n", n, total,
				r == 1 ? "crashed" : "leaked");
			if (++bad >= 10)
				break;
		}
	}
	printf("alloc_fail: %ld allocations in a run of %zu articles, %zu alerts; %ld trials, "
	       "%ld failed\n",
	       total, ref.articles, ref.alerts, runs, bad);
	return bad ? 1 : 0;
}

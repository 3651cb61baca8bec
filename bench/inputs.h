/*
 * inputs.h - what the two benchmarks share: their inputs, loaded into
 * memory before any clock starts (so the figures measure the library, not
 * the disk) and walked exactly as the CLI walks them (cli/walk.c); one
 * pass over them; the options both take; the thread's CPU clock.
 */
#ifndef NR_BENCH_INPUTS_H
#define NR_BENCH_INPUTS_H

#include "newsrules.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct input {
	char *name;
	char *data;
	size_t len;
} input;

typedef struct inputs {
	input *v;
	size_t n, cap;
	size_t bytes;
	size_t skipped; /* unreadable paths */
	const char *prog;
} inputs;

/* Print "<prog>: what" and exit with status 2. */
void bench_die(const char *prog, const char *what);

/*
 * Load every file the paths name: files as given, directories walked in
 * sorted order with hidden entries skipped. Unreadable paths are reported
 * on stderr and counted in in->skipped; no readable file at all is fatal.
 */
void inputs_load(inputs *in, const char *prog, char **paths, int n);
void inputs_free(inputs *in);

/* One pass: read every input (named as its path) with `opts`, handing
 * each outcome to cb. */
void inputs_read(const inputs *in, nr_read_options *opts, nr_read_cb cb, void *payload);

/* -i FORMAT and -n N; each prints why and returns false on a bad value. */
bool bench_parse_format(const char *prog, const char *arg, nr_format *out);
bool bench_parse_repeat(const char *prog, const char *arg, unsigned long *out);

/* CPU time of this thread: what the work cost, whatever else the machine
 * was doing meanwhile. */
double bench_cpu_seconds(void);

#endif

/*
 * inputs.h - the benchmarks' inputs, loaded into memory before any clock
 * starts so that the figures measure the library, not the disk.
 */
#ifndef NR_BENCH_INPUTS_H
#define NR_BENCH_INPUTS_H

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
} inputs;

/* Print "<prog>: what" and exit with status 2. */
void bench_die(const char *prog, const char *what);

/*
 * Load a file, or every file below a directory (sorted, hidden entries
 * skipped, as the CLI walks them). Unreadable paths are reported on stderr
 * and counted in in->skipped.
 */
void inputs_load(inputs *in, const char *prog, const char *path);
void inputs_free(inputs *in);

#endif

/* inputs.c - loading benchmark inputs into memory, and what else the two
 * benchmarks share. */
#include "inputs.h"

#include "walk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void bench_die(const char *prog, const char *what)
{
	fprintf(stderr, "%s: %s\n", prog, what);
	exit(2);
}

/* The whole of an open file, malloc'd; *len gets its length. */
static char *slurp(FILE *f, const char *prog, size_t *len)
{
	size_t cap = 65536;
	char *buf = malloc(cap);
	if (!buf)
		bench_die(prog, "out of memory");
	size_t got;
	*len = 0;
	while ((got = fread(buf + *len, 1, cap - *len, f)) > 0) {
		*len += got;
		if (*len == cap) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				bench_die(prog, "out of memory");
			buf = nb;
		}
	}
	return buf;
}

static void add_input(inputs *in, const char *path, char *data, size_t len)
{
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 256;
		input *nv = realloc(in->v, in->cap * sizeof(*nv));
		if (!nv)
			bench_die(in->prog, "out of memory");
		in->v = nv;
	}
	in->v[in->n].name = strdup(path);
	if (!in->v[in->n].name)
		bench_die(in->prog, "out of memory");
	in->v[in->n].data = data;
	in->v[in->n].len = len;
	in->n++;
	in->bytes += len;
}

static void skip(const char *path, const char *reason, void *payload)
{
	inputs *in = payload;
	fprintf(stderr, "%s: %s: %s\n", in->prog, path, reason);
	in->skipped++;
}

static void load_file(const char *path, void *payload)
{
	inputs *in = payload;
	FILE *f = fopen(path, "rb");
	if (!f) {
		skip(path, strerror(errno), in);
		return;
	}
	size_t len;
	char *buf = slurp(f, in->prog, &len);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		skip(path, "read error", in);
		return;
	}
	add_input(in, path, buf, len);
}

void inputs_load(inputs *in, const char *prog, char **paths, int n)
{
	in->prog = prog;
	cli_walk_inputs(paths, n, load_file, skip, in);
	if (in->n == 0)
		bench_die(prog, "no readable input files");
}

void inputs_free(inputs *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->v[i].name);
		free(in->v[i].data);
	}
	free(in->v);
	in->v = NULL;
	in->n = in->cap = 0;
}

void inputs_read(const inputs *in, nr_read_options *opts, nr_read_cb cb, void *payload)
{
	for (size_t i = 0; i < in->n; i++) {
		opts->name = in->v[i].name;
		nr_read_buffer(in->v[i].data, in->v[i].len, opts, cb, payload);
	}
}

bool bench_parse_format(const char *prog, const char *arg, nr_format *out)
{
	if (nr_format_parse(out, arg) == NR_OK)
		return true;
	fprintf(stderr, "%s: unknown input format '%s'\n", prog, arg);
	return false;
}

bool bench_parse_repeat(const char *prog, const char *arg, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (*end || errno || v == 0 || v > 100000) {
		fprintf(stderr, "%s: --repeat wants 1..100000, not '%s'\n", prog, arg);
		return false;
	}
	*out = v;
	return true;
}

double bench_cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

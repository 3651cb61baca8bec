/* inputs.c - loading benchmark inputs into memory. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void bench_die(const char *prog, const char *what)
{
	fprintf(stderr, "%s: %s\n", prog, what);
	exit(2);
}

static int load_file(inputs *in, const char *prog, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		in->skipped++;
		return -1;
	}
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		bench_die(prog, "out of memory");
	size_t got;
	while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				bench_die(prog, "out of memory");
			buf = nb;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "%s: %s: read error\n", prog, path);
		free(buf);
		in->skipped++;
		return -1;
	}
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 256;
		input *nv = realloc(in->v, in->cap * sizeof(*nv));
		if (!nv)
			bench_die(prog, "out of memory");
		in->v = nv;
	}
	in->v[in->n].name = strdup(path);
	if (!in->v[in->n].name)
		bench_die(prog, "out of memory");
	in->v[in->n].data = buf;
	in->v[in->n].len = len;
	in->n++;
	in->bytes += len;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files as given; directories walked in sorted order, hidden entries
 * skipped, as the CLI does. Depth is bounded against symlink loops. */
static void load_path(inputs *in, const char *prog, const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		load_file(in, prog, path);
		return;
	}
	if (depth > 32)
		return;
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		in->skipped++;
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **nn = realloc(names, cap * sizeof(*nn));
			if (!nn)
				bench_die(prog, "out of memory");
			names = nn;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n])
			bench_die(prog, "out of memory");
		snprintf(names[n], len, "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		load_path(in, prog, names[i], depth + 1);
		free(names[i]);
	}
	free(names);
}

void inputs_load(inputs *in, const char *prog, const char *path) { load_path(in, prog, path, 0); }

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

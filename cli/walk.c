/*
 * walk.c - expanding the command line's inputs into files: directories
 * walked in sorted order, hidden entries skipped, loops and FIFOs refused;
 * and reading a stream in chunks as they come.
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define WALK_MAX_DEPTH 64

/* The directories being walked, outermost first: a symlink back to one of
 * them would otherwise repeat its files until the depth limit. */
typedef struct walk_stack {
	dev_t dev[WALK_MAX_DEPTH + 1];
	ino_t ino[WALK_MAX_DEPTH + 1];
} walk_stack;

/* A directory's entries as full paths, sorted; `oom` when some could not
 * be listed for want of memory. */
typedef struct dir_list {
	char **names;
	size_t n, cap;
	bool oom;
} dir_list;

/* List `path` into l; false (errno set) when it cannot be opened. */
static bool list_dir(const char *path, dir_list *l)
{
	DIR *d = opendir(path);
	if (!d)
		return false;
	const char *sep = path[strlen(path) - 1] == '/' ? "" : "/";
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 64;
			char **nn = realloc(l->names, cap * sizeof(*nn));
			if (!nn) {
				l->oom = true;
				break;
			}
			l->names = nn;
			l->cap = cap;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		if (!(l->names[l->n] = malloc(len))) {
			l->oom = true;
			break;
		}
		snprintf(l->names[l->n], len, "%s%s%s", path, sep, e->d_name);
		l->n++;
	}
	closedir(d);
	if (l->n)
		qsort(l->names, l->n, sizeof(*l->names), cmp_str);
	return true;
}

/* Is the directory `st` one of those being walked above `depth`? */
static bool on_stack(const walk_stack *stack, int depth, const struct stat *st)
{
	for (int k = 0; k < depth; k++)
		if (stack->dev[k] == st->st_dev && stack->ino[k] == st->st_ino)
			return true;
	return false;
}

static size_t walk(const char *path, int depth, walk_stack *stack, cli_path_fn fn,
		   cli_path_error_fn err, void *payload)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0) {
		/* Stdin and missing paths go to the reader, which reports what
		 * is wrong as an error record. */
		fn(path, payload);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* A FIFO or device met inside a directory could block or never
		 * end; one named on the command line is the user's choice. */
		if (depth > 0 && !S_ISREG(st.st_mode)) {
			err(path, "not a regular file", payload);
			return 1;
		}
		fn(path, payload);
		return 0;
	}
	if (depth > WALK_MAX_DEPTH) {
		err(path, "directories nested too deep", payload);
		return 1;
	}
	if (on_stack(stack, depth, &st)) {
		err(path, "directory loop (a link to a directory above it)", payload);
		return 1;
	}
	stack->dev[depth] = st.st_dev;
	stack->ino[depth] = st.st_ino;
	dir_list l = { NULL, 0, 0, false };
	if (!list_dir(path, &l)) {
		err(path, strerror(errno), payload);
		return 1;
	}
	size_t failed = 0;
	if (l.oom) {
		/* Never drop files silently. */
		err(path, "out of memory listing the directory", payload);
		failed++;
	}
	for (size_t i = 0; i < l.n; i++) {
		failed += walk(l.names[i], depth + 1, stack, fn, err, payload);
		free(l.names[i]);
	}
	free(l.names);
	return failed;
}

size_t cli_walk_inputs(char **paths, int n, cli_path_fn fn, cli_path_error_fn err, void *payload)
{
	size_t failed = 0;
	walk_stack stack;
	for (int i = 0; i < n; i++)
		failed += walk(paths[i], 0, &stack, fn, err, payload);
	return failed;
}

bool cli_is_stream(const char *path)
{
	struct stat st;
	int rc = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st);
	return rc == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) && !S_ISBLK(st.st_mode);
}

/* Would a read of fd block now? */
static bool would_block(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;
	do
		n = poll(&p, 1, 0);
	while (n < 0 && errno == EINTR);
	return n == 0;
}

int cli_read_chunks(int fd, cli_chunk_fn chunk, void (*idle)(void *payload), void *payload)
{
	enum { CHUNK = 65536 };
	char *buf = malloc(CHUNK);
	if (!buf)
		return ENOMEM;
	int err = 0;
	for (;;) {
		if (idle && would_block(fd))
			idle(payload);
		ssize_t n = read(fd, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = errno;
		if (n <= 0 || !chunk(buf, (size_t)n, payload))
			break;
	}
	free(buf);
	return err;
}

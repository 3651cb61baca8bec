/*
 * walk.h - expanding a command line's inputs into files, the one way the
 * commands and the benchmarks read a directory. Plain C over POSIX: it
 * knows nothing of articles.
 */
#ifndef NR_CLI_WALK_H
#define NR_CLI_WALK_H

#include <stdbool.h>
#include <stddef.h>

/* Expand the command line's inputs: files as given, directories walked
 * recursively in sorted order (hidden entries skipped), "-" for stdin.
 * Calls fn for each file path; returns the number of paths that failed to
 * expand (reported through err). */
typedef void (*cli_path_fn)(const char *path, void *payload);
typedef void (*cli_path_error_fn)(const char *path, const char *reason, void *payload);
size_t cli_walk_inputs(char **paths, int n, cli_path_fn fn, cli_path_error_fn err, void *payload);

/* Is `path` ("-": stdin) a stream - a pipe, FIFO, socket or terminal,
 * whose end may be far off - rather than a regular file or a directory? */
bool cli_is_stream(const char *path);

/*
 * Read `fd` to its end in chunks handed to `chunk` (which returns false to
 * stop). Before each read that would block, `idle` (if not NULL) is called,
 * so that what is done can be written out while the input is quiet.
 * Returns 0, or the errno of a read that failed.
 */
typedef bool (*cli_chunk_fn)(const char *data, size_t len, void *payload);
int cli_read_chunks(int fd, cli_chunk_fn chunk, void (*idle)(void *payload), void *payload);

#endif

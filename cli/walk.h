/*
 * walk.h - expanding a command line's inputs into files, the one way the
 * commands and the benchmarks read a directory. Plain C over POSIX: it
 * knows nothing of articles.
 */
#ifndef NR_CLI_WALK_H
#define NR_CLI_WALK_H

#include <stddef.h>

/* Expand the command line's inputs: files as given, directories walked
 * recursively in sorted order (hidden entries skipped), "-" for stdin.
 * Calls fn for each file path; returns the number of paths that failed to
 * expand (reported through err). */
typedef void (*cli_path_fn)(const char *path, void *payload);
typedef void (*cli_path_error_fn)(const char *path, const char *reason, void *payload);
size_t cli_walk_inputs(char **paths, int n, cli_path_fn fn, cli_path_error_fn err, void *payload);

#endif

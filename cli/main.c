/* main.c - the newsrules command: subcommand dispatch and input walking. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *nr_cli_prog = "newsrules";

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", nr_cli_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

bool cli_parse_output_format(const char *arg, const char *structured, bool *text)
{
	if (!strcmp(arg, "text")) {
		*text = true;
		return true;
	}
	if (!strcmp(arg, "json") || !strcmp(arg, "jsonl")) {
		*text = false;
		return true;
	}
	cli_error("unknown output format '%s' (%s or text)", arg, structured);
	return false;
}

bool cli_parse_input_format(const char *arg, nr_format *out)
{
	if (nr_format_parse(out, arg) == NR_OK)
		return true;
	cli_error("unknown input format '%s' (auto, text, html, feed, nitf, jsonl)", arg);
	return false;
}

bool cli_parse_count(const char *option, const char *arg, unsigned long long max,
		     unsigned long long *out)
{
	/* strtoull takes "-5" as a huge number and skips blanks: only plain
	 * digits are a count. */
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end || errno || v == 0 || v > max) {
		if (max < SIZE_MAX)
			cli_error("--%s wants a whole number from 1 to %llu, not '%s'", option, max,
				  arg);
		else
			cli_error("--%s wants a positive whole number, not '%s'", option, arg);
		return false;
	}
	*out = v;
	return true;
}

bool cli_parse_read_option(int opt, const char *arg, nr_read_options *o)
{
	if (opt == 'i')
		return cli_parse_input_format(arg, &o->format);
	unsigned long long v;
	if (!cli_parse_count("max-bytes", arg, SIZE_MAX, &v))
		return false;
	o->max_bytes = (size_t)v;
	return true;
}

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
	for (int k = 0; k < depth; k++) {
		if (stack->dev[k] == st.st_dev && stack->ino[k] == st.st_ino) {
			err(path, "directory loop (a link to a directory above it)", payload);
			return 1;
		}
	}
	stack->dev[depth] = st.st_dev;
	stack->ino[depth] = st.st_ino;
	DIR *d = opendir(path);
	if (!d) {
		err(path, strerror(errno), payload);
		return 1;
	}
	size_t n = 0, cap = 0, failed = 0;
	char **names = NULL;
	bool oom = false;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **nn = realloc(names, cap * sizeof(*names));
			if (!nn) {
				oom = true;
				break;
			}
			names = nn;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n]) {
			oom = true;
			break;
		}
		snprintf(names[n], len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
			 e->d_name);
		n++;
	}
	closedir(d);
	if (oom) {
		/* Never drop files silently. */
		err(path, "out of memory listing the directory", payload);
		failed++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		failed += walk(names[i], depth + 1, stack, fn, err, payload);
		free(names[i]);
	}
	free(names);
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

static void usage(FILE *f)
{
	fprintf(f, "usage: newsrules <command> [options] [args]\n"
		   "\n"
		   "commands:\n"
		   "  inspect   read articles and print their text, paragraphs and sentences\n"
		   "  scan      run rules over articles and print alerts\n"
		   "  check     load rule files and report every problem\n"
		   "  test      run the examples inside rule files\n"
		   "  version   print the version\n"
		   "\n"
		   "Run 'newsrules <command> --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return NR_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(argc - 1, argv + 1);
	if (!strcmp(cmd, "scan"))
		return cmd_scan(argc - 1, argv + 1);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(cmd, "test"))
		return cmd_test(argc - 1, argv + 1);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("newsrules %s\n", nr_version());
		return NR_EXIT_OK;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return NR_EXIT_OK;
	}
	cli_error("unknown command '%s'", cmd);
	usage(stderr);
	return NR_EXIT_USAGE;
}

/* main.c - the newsrules command: subcommand dispatch and the option
 * parsers the commands share. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *nr_cli_prog = "newsrules";

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", nr_cli_prog);
	cli_vprint_line(stderr, fmt, ap);
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

static void usage(FILE *f)
{
	fprintf(f, "usage: newsrules <command> [options] [args]\n"
		   "\n"
		   "commands:\n"
		   "  inspect   read articles and print their text, paragraphs and sentences\n"
		   "  scan      run rules over articles and print alerts\n"
		   "  watch     run rules over articles as they arrive (folders, stdin,\n"
		   "            feeds) and deliver alerts to sinks, until stopped\n"
		   "  check     load rule files and report every problem\n"
		   "  test      run the examples inside rule files\n"
		   "  lexicons  list the lexicons rules can use, or print one's entries\n"
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
	if (!strcmp(cmd, "watch"))
		return cmd_watch(argc - 1, argv + 1);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(cmd, "test"))
		return cmd_test(argc - 1, argv + 1);
	if (!strcmp(cmd, "lexicons"))
		return cmd_lexicons(argc - 1, argv + 1);
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

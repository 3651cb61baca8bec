/* check.c - `newsrules check`: load rule files and report every problem. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static void check_usage(FILE *f)
{
	fprintf(f, "usage: newsrules check [options] RULES...\n"
		   "\n"
		   "Load rule files (or every *.lua under a directory) and print each\n"
		   "problem as 'error: FILE:LINE: ...' or 'warning: FILE:LINE: ...', then a\n"
		   "summary. Errors reject a file. Warnings: rules without keywords or\n"
		   "examples, and what the lint finds in files that load (the kind is\n"
		   "named at the end of the line):\n"
		   "  [undefined-global]  a global read that neither the file nor the\n"
		   "                      sandbox defines (it would be nil)\n"
		   "  [unknown-method]    obj:name() where no object a rule sees, nor the\n"
		   "                      file's own tables, has a method 'name'\n"
		   "  [costly-pattern]    a constant Lua pattern the pattern budget would\n"
		   "                      refuse on a 10 KB paragraph\n"
		   "  [uncovered-cue]     an entry of the rule's cue lexicon that holds no\n"
		   "                      keyword: the rule never runs on it alone\n"
		   "  [unused-keyword]    a keyword in none of the cues the rule looks for\n"
		   "A comment '-- check: ignore [KIND...]' on the line (or alone on the\n"
		   "line before) silences the lint there. Examples are checked too\n"
		   "(unknown fields, values of the wrong type); what the files' top-level\n"
		   "code logs (news.log, print) goes to stderr.\n"
		   "\n"
		   "options:\n"
		   "  -L, --lexicon NAME=FILE  load FILE (TSV or a plain list) as lexicon NAME\n"
		   "                           before the rules (repeatable); its skipped rows\n"
		   "                           are warnings\n"
		   "  -s, --strict             warnings are errors (printed and counted as such)\n"
		   "  -q, --quiet              errors only, no warnings\n"
		   "      --log FILE           write what the files log to FILE instead of stderr\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "Exit status: 0 no errors (warnings allowed, none with --strict),\n"
		   "1 some file has errors (or, with --strict, warnings), 2 usage error.\n");
}

int cmd_check(int argc, char **argv)
{
	enum { CHECK_OPT_LOG = 256 };
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "log", required_argument, NULL, CHECK_OPT_LOG },
		{ "lexicon", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool quiet = false, strict = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "L:sqh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': strict = true; break;
		case 'q': quiet = true; break;
		case CHECK_OPT_LOG:
			if (!cli_log_open(optarg))
				return NR_EXIT_USAGE;
			break;
		case 'L':
			if (!cli_lexicon_option(optarg))
				return NR_EXIT_USAGE;
			break;
		case 'h': check_usage(stdout); return NR_EXIT_OK;
		default: check_usage(stderr); return NR_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("check: give rule files or directories");
		check_usage(stderr);
		return NR_EXIT_USAGE;
	}
	nr_ruleset_options opts = NR_RULESET_OPTIONS_INIT;
	opts.lint = 1;
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, &opts) != NR_OK) {
		cli_error("out of memory");
		return NR_EXIT_INPUT_ERROR;
	}
	nr_ruleset_set_log(rs, cli_log_write, &cli_logger);
	cli_attach_lexicons(rs, false);
	for (int i = optind; i < argc; i++)
		nr_ruleset_add_path(rs, argv[i]);
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++) {
		nr_diag_level lv;
		const char *d = nr_ruleset_diagnostic(rs, i, &lv);
		bool error = lv == NR_DIAG_ERROR || strict;
		if (error)
			errors++;
		else
			warnings++;
		if (error || !quiet)
			cli_print(stdout, "%s: %s\n", error ? "error" : "warning", d);
	}
	/* A scanner runs every file again in a fresh state: a file that does
	 * not declare the same rules twice is caught here, not in production. */
	nr_scanner *s = NULL;
	int rc = nr_scanner_new(&s, rs, NULL);
	if (rc) {
		errors++;
		cli_print(stdout, "error: %s\n", cli_scanner_error(s, rc));
	}
	nr_scanner_free(s);
	size_t nmods = nr_ruleset_module_count(rs);
	for (size_t i = 0; i < nmods && !quiet; i++)
		cli_print(stdout, "module: %s\n", nr_ruleset_module(rs, i));
	printf("%zu files, %zu rules", nr_ruleset_file_count(rs) + nr_ruleset_rejected_count(rs),
	       nr_ruleset_rule_count(rs));
	if (nmods)
		printf(", %zu module%s", nmods, nmods == 1 ? "" : "s");
	printf(": %zu errors, %zu warnings\n", errors, warnings);
	nr_ruleset_free(rs);
	if (!cli_log_close())
		errors++;
	return errors ? NR_EXIT_INPUT_ERROR : NR_EXIT_OK;
}

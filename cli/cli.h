/* cli.h - shared pieces of the newsrules command. */
#ifndef NR_CLI_H
#define NR_CLI_H

#include "newsrules.h"
#include "walk.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit statuses, documented in each command's --help (scan_usage(), ...)
 * and, for scan, in docs/rules.md. */
enum {
	NR_EXIT_OK = 0,          /* every input read */
	NR_EXIT_INPUT_ERROR = 1, /* at least one input or article failed */
	NR_EXIT_USAGE = 2        /* bad command line */
};

extern const char *nr_cli_prog;

/* "newsrules: <message>\n" on stderr, the message made terminal-safe. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * term.c: text from rules, articles and file names, written so that it
 * cannot drive a terminal or forge a line: control characters, bidi
 * controls and bytes that are not UTF-8 become escapes (\n, \x1b,
 * \u202e). cli_print formats first and keeps the format's final newline;
 * cli_vprint_line escapes every newline of the text and ends the line.
 */
void cli_put_safe(FILE *f, const char *s, size_t len);
void cli_print(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_vprint_line(FILE *f, const char *fmt, va_list ap);

/* Option values shared by the commands. Each returns false after printing
 * a usage error naming the option. */
bool cli_parse_output_format(const char *arg, const char *structured, bool *text);
bool cli_parse_input_format(const char *arg, nr_format *out);
/* A positive whole number in plain digits, at most `max`. */
bool cli_parse_count(const char *option, const char *arg, unsigned long long max,
		     unsigned long long *out);
/* The reader options commands share: -i/--input-format and -m/--max-bytes
 * (`opt` is the getopt letter) into `o`. */
bool cli_parse_read_option(int opt, const char *arg, nr_read_options *o);

/*
 * log.c: the lines rules log (news.log, print), written to stderr or to
 * the --log file, one line each: "newsrules: log: [rule] article: text",
 * or "newsrules: log: file:line: text" for a file's top level. `label`,
 * when set, stands for the article (test: "example 2"). cli_load_rules()
 * and check hand the set's lines here; scan and test the scanner's.
 */
typedef struct cli_log {
	FILE *f; /* NULL: stderr */
	const char *label;
	unsigned long lines, notes; /* written: lines, "suppressed" notes */
} cli_log;
extern cli_log cli_logger;
/* --log FILE (truncated); false after printing why. */
bool cli_log_open(const char *path);
/* Close the --log file; false after printing why (a write failed). */
bool cli_log_close(void);
void cli_log_write(const nr_log_line *ll, void *payload);

int cmd_inspect(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_lexicons(int argc, char **argv);
int cmd_watch(int argc, char **argv); /* watch/watch.c */

/* Exit status of scan/check/test when rule files were rejected (and of
 * scan when a rule failed on an article). */
#define NR_EXIT_RULES 3
/* scan --alert-status: alerts were found and nothing failed. */
#define NR_EXIT_ALERTS 4

/*
 * rules.c: build a rule set from -r paths, or from the shipped pack when
 * none is given. Prints every error (and warnings when asked) to stderr.
 * Returns NR_OK, NR_ERULE when some file was rejected (the set holds the
 * others), or another code when nothing could be loaded (*out is NULL).
 */
int cli_load_rules(nr_ruleset **out, char **paths, size_t npaths, bool strict, bool warnings);
/*
 * -L/--lexicon NAME=FILE of scan, check, test and lexicons: kept in the
 * order given (FILE is borrowed from argv) and attached to each rule set
 * before its rule files. The option's value is checked here: false after
 * a usage error naming it.
 */
bool cli_lexicon_option(char *arg);
/* Attach the -L lexicons to rs; with `print`, every problem (warnings
 * too: the user named the files) goes to stderr. NR_OK or the first
 * failure's code. */
int cli_attach_lexicons(nr_ruleset *rs, bool print);
/* The shipped pack's directory, or NULL. */
const char *cli_default_rules(void);
/* Why nr_scanner_new() returned rc: the message of the scanner it may have
 * handed back (a rule file at fault), else the code's text. */
const char *cli_scanner_error(const nr_scanner *s, int rc);

#endif

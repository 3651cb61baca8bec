/*
 * log.c - where the lines rules write with news.log(...) or print(...)
 * go: stderr, or the file of --log (scan, test, check). Each line names
 * the rule and the article (or, for a file's top level, the file and
 * line) and is written terminal-safe, as everything from rules is.
 */
#include "cli.h"

#include <errno.h>
#include <string.h>

cli_log cli_logger = { NULL, NULL, 0, 0 };

bool cli_log_open(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		cli_error("--log: cannot open '%s': %s", path, strerror(errno));
		return false;
	}
	cli_logger.f = f;
	return true;
}

bool cli_log_close(void)
{
	bool ok = true;
	if (cli_logger.f && cli_logger.f != stderr) {
		ok = !ferror(cli_logger.f) && fclose(cli_logger.f) == 0;
		if (!ok)
			cli_error("--log: cannot write the log file");
	}
	cli_logger.f = NULL;
	return ok;
}

void cli_log_write(const nr_log_line *ll, void *payload)
{
	cli_log *lg = payload;
	FILE *f = lg->f ? lg->f : stderr;
	fprintf(f, "%s: log: ", nr_cli_prog);
	if (ll->rule) {
		const char *art = lg->label ? lg->label : ll->article[0] ? ll->article : "-";
		cli_print(f, "[%s] %s: ", ll->rule, art);
	} else if (ll->line > 0) {
		cli_print(f, "%s:%d: ", ll->file, ll->line);
	} else {
		cli_print(f, "%s: ", ll->file ? ll->file : "-");
	}
	/* The tabs between print's arguments stay tabs: they drive nothing. */
	const char *m = ll->message, *end = m + ll->message_len, *tab;
	while ((tab = memchr(m, '\t', (size_t)(end - m))) != NULL) {
		cli_put_safe(f, m, (size_t)(tab - m));
		fputc('\t', f);
		m = tab + 1;
	}
	cli_put_safe(f, m, (size_t)(end - m));
	if (ll->suppressed && ll->rule) {
		fprintf(f, " (at most %d lines per rule per article, %d per article)",
			NR_LOG_MAX_PER_RULE, NR_LOG_MAX_PER_ARTICLE);
		lg->notes++;
	} else if (ll->suppressed) {
		fprintf(f, " (at most %d lines from a file's top level)", NR_LOG_MAX_PER_RULE);
		lg->notes++;
	} else {
		lg->lines++;
	}
	fputc('\n', f);
}

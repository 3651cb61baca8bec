/* rules.c - finding and loading rule files for scan, check and test. */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_default_rules(void)
{
	static char found[PATH_MAX];
	const char *env = getenv("NEWSRULES_RULES");
	if (env && *env && is_dir(env))
		return env;
	/* Beside the binary: build/newsrules -> rules/, or an installed tree
	 * bin/newsrules -> share/newsrules/rules. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			static const char *const rel[] = { "../rules", "../share/newsrules/rules" };
			for (size_t i = 0; i < 2; i++) {
				int w = snprintf(found, sizeof(found), "%s/%s", exe, rel[i]);
				if (w > 0 && (size_t)w < sizeof(found) && is_dir(found))
					return found;
			}
		}
	}
#ifdef NR_SOURCE_RULES_DIR
	if (is_dir(NR_SOURCE_RULES_DIR))
		return NR_SOURCE_RULES_DIR;
#endif
#ifdef NR_INSTALL_RULES_DIR
	if (is_dir(NR_INSTALL_RULES_DIR))
		return NR_INSTALL_RULES_DIR;
#endif
	return NULL;
}

const char *cli_scanner_error(const nr_scanner *s, int rc)
{
	const char *msg = s ? nr_scanner_last_error(s) : "";
	return msg[0] ? msg : nr_strerror(rc);
}

/* The -L options, in order. */
static struct {
	char *name, *path;
} lexicon_args[256];
static size_t nlexicon_args;

bool cli_lexicon_option(char *arg)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		cli_error("--lexicon wants NAME=FILE, not '%s'", arg);
		return false;
	}
	if (nlexicon_args == sizeof(lexicon_args) / sizeof(lexicon_args[0])) {
		cli_error("--lexicon: at most %zu lexicon files", nlexicon_args);
		return false;
	}
	*eq = '\0';
	lexicon_args[nlexicon_args].name = arg;
	lexicon_args[nlexicon_args++].path = eq + 1;
	return true;
}

static void print_diagnostics(const nr_ruleset *rs, size_t from, bool warnings)
{
	for (size_t i = from; i < nr_ruleset_diagnostic_count(rs); i++) {
		nr_diag_level lv;
		const char *d = nr_ruleset_diagnostic(rs, i, &lv);
		if (lv == NR_DIAG_ERROR || warnings)
			cli_error("%s: %s", lv == NR_DIAG_ERROR ? "error" : "warning", d);
	}
}

int cli_attach_lexicons(nr_ruleset *rs, bool print)
{
	size_t from = nr_ruleset_diagnostic_count(rs);
	int worst = NR_OK;
	for (size_t i = 0; i < nlexicon_args; i++) {
		int rc = nr_ruleset_add_lexicon(rs, lexicon_args[i].name, lexicon_args[i].path);
		if (rc && !worst)
			worst = rc;
	}
	if (print)
		print_diagnostics(rs, from, true);
	return worst;
}

int cli_load_rules(nr_ruleset **out, char **paths, size_t npaths, bool strict, bool warnings)
{
	*out = NULL;
	nr_ruleset_options opts = NR_RULESET_OPTIONS_INIT;
	opts.strict = strict;
	nr_ruleset *rs;
	int rc = nr_ruleset_new(&rs, &opts);
	if (rc) {
		cli_error("cannot create a rule set: %s", nr_strerror(rc));
		return rc;
	}
	nr_ruleset_set_log(rs, cli_log_write, &cli_logger);
	char *def[1];
	if (npaths == 0) {
		const char *d = cli_default_rules();
		if (!d) {
			cli_error("no rules given (-r) and the shipped rule pack was not found");
			nr_ruleset_free(rs);
			return NR_EIO;
		}
		def[0] = (char *)d;
		paths = def;
		npaths = 1;
	}
	int worst = cli_attach_lexicons(rs, true);
	size_t from = nr_ruleset_diagnostic_count(rs);
	for (size_t i = 0; i < npaths && !(worst && strict); i++) {
		rc = nr_ruleset_add_path(rs, paths[i]);
		if (rc && !worst)
			worst = rc;
	}
	print_diagnostics(rs, from, warnings);
	*out = rs;
	return worst ? NR_ERULE : NR_OK;
}

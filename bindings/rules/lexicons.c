/*
 * lexicons.c - user lexicons attached to a rule set: from a file, from
 * memory, or from a rules directory's lexicons/ folder (every NAME.tsv and
 * NAME.txt there is lexicon NAME). They join the set's one lexicon set,
 * which its rules reach through news.lexicon("NAME") and its scanners'
 * extractors read, so a user's persons or organizations rows count in
 * extraction too. One bad row is a warning and skipped; a file that cannot
 * be read is an error naming it; neither stops the rest.
 */
#include "lua/objects.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void warn_diag(void *payload, const char *msg)
{
	nr_ruleset__diag(payload, NR_DIAG_WARNING, "%s", msg);
}

static int refuse_frozen(nr_ruleset *rs)
{
	snprintf(rs->last_error, sizeof(rs->last_error),
		 "rule set is in use by a scanner and can no longer change");
	return NR_EFROZEN;
}

/* The set's lexicons, made with the built-ins on first need. */
static nr_lexicon *set_lexicons(nr_ruleset *rs)
{
	if (!rs->lex && nr_lexicon_new(&rs->lex) != NR_OK)
		rs->lex = NULL;
	return rs->lex;
}

/* Load data as lexicon `name` of the set, reporting as `source`. */
static int attach(nr_ruleset *rs, const char *name, const char *data, size_t len,
		  const char *source)
{
	nr_lexicon *lex = set_lexicons(rs);
	if (!lex) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: out of memory", source);
		return NR_ENOMEM;
	}
	nr_buf err = NR_BUF_INIT;
	int rc = nr_lexicon__load_lenient(lex->set, name, data, len, source, warn_diag, rs, &err);
	if (rc != NR_OK) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: %s", source,
				 err.data ? err.data : nr_strerror(rc));
	} else {
		/* Another lexicon makes another set: alerts tell them apart. */
		uint64_t n = len;
		nr_ruleset__digest(rs, "lexicon", 8);
		nr_ruleset__digest(rs, name, strlen(name) + 1);
		nr_ruleset__digest(rs, &n, sizeof(n));
		nr_ruleset__digest(rs, data, len);
	}
	nr_buf__free(&err);
	return rc;
}

int nr_ruleset_add_lexicon_string(nr_ruleset *rs, const char *name, const char *data, size_t len,
				  const char *source)
{
	if (!rs || !name || (!data && len))
		return NR_EINVAL;
	if (atomic_load(&rs->frozen))
		return refuse_frozen(rs);
	return attach(rs, name, data ? data : "", len, source ? source : name);
}

int nr_ruleset_add_lexicon(nr_ruleset *rs, const char *name, const char *path)
{
	if (!rs || !name || !path)
		return NR_EINVAL;
	if (atomic_load(&rs->frozen))
		return refuse_frozen(rs);
	nr_buf data = NR_BUF_INIT, err = NR_BUF_INIT;
	int rc = nr_lexicon__read_file(path, NR_LEX_MAX_FILE, &data, &err);
	if (rc == NR_OK)
		rc = attach(rs, name, data.data ? data.data : "", data.len, path);
	else
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s (lexicon '%s')",
				 err.data ? err.data : nr_strerror(rc), name);
	nr_buf__free(&data);
	nr_buf__free(&err);
	return rc;
}

const nr_lexicon *nr_ruleset_lexicon(const nr_ruleset *rs) { return rs ? rs->lex : NULL; }

/* ---- a rules directory's lexicons/ folder ------------------------------- */

/* The lexicon a file of the folder holds: its name less .tsv or .txt
 * into name; false for any other file. */
static bool lexicon_file(const char *file, char *name, size_t cap)
{
	size_t n = strlen(file);
	if (n < 5 || file[0] == '.' ||
	    (strcmp(file + n - 4, ".tsv") != 0 && strcmp(file + n - 4, ".txt") != 0) ||
	    n - 4 >= cap)
		return false;
	memcpy(name, file, n - 4);
	name[n - 4] = '\0';
	return true;
}

/* Has the folder been attached before (by its real path)? If not, note
 * it. False when out of memory too: then it is attached again. */
static bool seen_folder(nr_ruleset *rs, const char *real)
{
	for (size_t i = 0; i < rs->nlexdirs; i++)
		if (!strcmp(rs->lexdirs[i], real))
			return true;
	char **dirs = realloc(rs->lexdirs, (rs->nlexdirs + 1) * sizeof(*dirs));
	char *copy = strdup(real);
	if (dirs)
		rs->lexdirs = dirs;
	if (!dirs || !copy) {
		free(copy);
		return false;
	}
	rs->lexdirs[rs->nlexdirs++] = copy;
	return false;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lexicon files of folder `dir`, sorted, into *out (each malloc'd). */
static int list_folder(nr_ruleset *rs, const char *dir, char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot open: %s", dir, strerror(errno));
		return NR_EIO;
	}
	size_t cap = 0;
	int rc = NR_OK;
	char name[256];
	for (struct dirent *e; rc == NR_OK && (e = readdir(d)) != NULL;) {
		if (!lexicon_file(e->d_name, name, sizeof(name)))
			continue;
		if (*n == cap && !nr__grow((void **)out, &cap, sizeof(**out), 16))
			rc = NR_ENOMEM;
		else if (!((*out)[*n] = strdup(e->d_name)))
			rc = NR_ENOMEM;
		else
			(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_names);
	return rc;
}

int nr_ruleset__add_dir_lexicons(nr_ruleset *rs, const char *dir)
{
	char folder[PATH_MAX], real[PATH_MAX];
	struct stat st;
	int w = snprintf(folder, sizeof(folder), "%s%slexicons", dir,
			 dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/");
	if (w < 0 || (size_t)w >= sizeof(folder) || stat(folder, &st) != 0 ||
	    !S_ISDIR(st.st_mode) || !realpath(folder, real) || seen_folder(rs, real))
		return NR_OK;
	char **files;
	size_t n;
	int rc = list_folder(rs, folder, &files, &n);
	for (size_t i = 0; i < n; i++) {
		char name[256], path[PATH_MAX];
		lexicon_file(files[i], name, sizeof(name));
		w = snprintf(path, sizeof(path), "%s/%s", folder, files[i]);
		int r = NR_EINVAL;
		if (w > 0 && (size_t)w < sizeof(path))
			r = nr_ruleset_add_lexicon(rs, name, path);
		else
			nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s/%s: path too long", folder,
					 files[i]);
		if (r && rc == NR_OK)
			rc = r == NR_ENOMEM ? r : NR_ERULE;
		free(files[i]);
	}
	free(files);
	return rc;
}

int nr_ruleset__add_file_lexicons(nr_ruleset *rs, const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (!slash)
		return nr_ruleset__add_dir_lexicons(rs, ".");
	size_t n = (size_t)(slash - path);
	if (n >= sizeof(dir))
		return NR_OK;
	memcpy(dir, path, n);
	dir[n] = '\0';
	return nr_ruleset__add_dir_lexicons(rs, n ? dir : "/");
}

void nr_ruleset__lexicons_free(nr_ruleset *rs)
{
	nr_lexicon_free(rs->lex);
	rs->lex = NULL;
	for (size_t i = 0; i < rs->nlexdirs; i++)
		free(rs->lexdirs[i]);
	free(rs->lexdirs);
	rs->lexdirs = NULL;
	rs->nlexdirs = 0;
}

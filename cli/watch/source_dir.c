/*
 * source_dir.c - directory sources and rule paths, through inotify.
 *
 * A source directory is watched (and every directory under it, and each
 * one that appears later), then its files are read in scan's order
 * (cli_walk_inputs: sorted, recursive, hidden entries skipped); from then
 * on a file is read when it is closed after writing (IN_CLOSE_WRITE) or
 * moved in (IN_MOVED_TO). Hidden files (rsync's and most tools' temporary
 * names) and partial ones (*.part, *.partial, *.tmp, *.crdownload, *~)
 * are skipped. A file is keyed by path, device, inode, size and mtime:
 * read once per run, and items of it done in an earlier run are not
 * scanned again; a file rewritten later is a new file.
 */
#include "watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

typedef struct watched {
	int wd;
	char *path;
	bool source, rules;
	char *rule_file; /* a rule file's name in `path` (NULL: any) */
} watched;

struct watch_dirs {
	watch_ctx *ctx;
	int fd;
	watched *w;
	size_t n, cap;
};

#define SOURCE_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
#define RULES_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE)

bool watch_dirs_new(watch_dirs **out, watch_ctx *ctx)
{
	watch_dirs *d = calloc(1, sizeof(*d));
	*out = NULL;
	if (!d)
		return false;
	d->ctx = ctx;
	d->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (d->fd < 0) {
		cli_error("watch: inotify: %s", strerror(errno));
		free(d);
		return false;
	}
	*out = d;
	return true;
}

void watch_dirs_free(watch_dirs *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->w[i].path);
		free(d->w[i].rule_file);
	}
	free(d->w);
	close(d->fd);
	free(d);
}

int watch_dirs_fd(const watch_dirs *d) { return d->fd; }

static watched *find_wd(watch_dirs *d, int wd)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->w[i].wd == wd)
			return &d->w[i];
	return NULL;
}

/* Watch one directory; the entry (existing when inotify gives the same
 * wd for it). */
static watched *add_watch(watch_dirs *d, const char *path, uint32_t mask)
{
	int wd = inotify_add_watch(d->fd, path, mask | IN_ONLYDIR | IN_MASK_ADD);
	if (wd < 0) {
		cli_error("watch: %s: cannot watch: %s", path, strerror(errno));
		return NULL;
	}
	watched *w = find_wd(d, wd);
	if (w)
		return w;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		watched *nw = realloc(d->w, cap * sizeof(*nw));
		if (!nw)
			return NULL;
		d->w = nw;
		d->cap = cap;
	}
	w = &d->w[d->n];
	*w = (watched){ wd, strdup(path), false, false, NULL };
	if (!w->path)
		return NULL;
	d->n++;
	return w;
}

static bool skipped_name(const char *name)
{
	static const char *const partial[] = { ".part", ".partial", ".tmp", ".crdownload", "~" };
	size_t n = strlen(name);
	if (name[0] == '.')
		return true;
	for (size_t i = 0; i < sizeof(partial) / sizeof(*partial); i++) {
		size_t k = strlen(partial[i]);
		if (n >= k && !strcmp(name + n - k, partial[i]))
			return true;
	}
	return false;
}

/* Watch `path` and every directory under it (hidden ones skipped). */
static void watch_tree(watch_dirs *d, const char *path, bool source, int depth)
{
	watched *w = add_watch(d, path, source ? SOURCE_MASK : RULES_MASK);
	if (!w || depth > 64)
		return;
	if (source)
		w->source = true;
	else
		w->rules = true;
	DIR *dir = opendir(path);
	struct dirent *e;
	while (dir && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096];
		struct stat st;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(d, sub, source, depth + 1);
	}
	if (dir)
		closedir(dir);
}

/* ---- reading a file -------------------------------------------------- */

typedef struct file_read {
	watch_ctx *ctx;
	const char *key;
	size_t n;
} file_read;

static int on_item(const nr_read_item *item, void *payload)
{
	file_read *fr = payload;
	char key[4200];
	snprintf(key, sizeof key, "%s#%zu", fr->key, item->index);
	fr->n = item->index + 1 > fr->n ? item->index + 1 : fr->n;
	watch_item *it = watch_item_from_read(item, key);
	if (!it)
		cli_error("watch: %s: out of memory: item %zu not scanned", item->source,
			  item->index);
	watch_submit(fr->ctx, it, fr->key);
	return atomic_load(&fr->ctx->stopping) ? 1 : 0;
}

static void read_file(watch_ctx *ctx, const char *path)
{
	const char *base = strrchr(path, '/');
	struct stat st;
	if (skipped_name(base ? base + 1 : path) || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	char key[4200];
	snprintf(key, sizeof key, "%s|%llu:%llu|%lld|%lld.%09ld", path,
		 (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
		 (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	if (!watch_state_file_begin(ctx->state, key))
		return;
	file_read fr = { ctx, key, 0 };
	nr_read_file(path, &ctx->o.read, on_item, &fr);
	if (!atomic_load(&ctx->stopping))
		watch_state_file_end(ctx->state, key, fr.n);
}

static void on_path(const char *path, void *payload)
{
	watch_dirs *d = payload;
	if (!atomic_load(&d->ctx->stopping))
		read_file(d->ctx, path);
}

static void on_path_error(const char *path, const char *reason, void *payload)
{
	watch_dirs *d = payload;
	watch_submit(d->ctx, watch_error_item(path, reason, NULL), NULL);
}

bool watch_dirs_add(watch_dirs *d, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cli_error("watch: source %s: %s", path,
			  errno && stat(path, &st) != 0 ? strerror(errno) : "not a directory");
		return false;
	}
	watch_tree(d, path, true, 0);
	char *p = (char *)path;
	cli_walk_inputs(&p, 1, on_path, on_path_error, d);
	return true;
}

bool watch_dirs_add_rules(watch_dirs *d, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	if (S_ISDIR(st.st_mode)) {
		watch_tree(d, path, false, 0);
		return true;
	}
	char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : NULL;
	const char *name = slash ? slash + 1 : path;
	watched *w = add_watch(d, slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".",
			       RULES_MASK);
	if (w && !w->rules) {
		w->rules = true;
		w->rule_file = strdup(name);
	} else if (w && w->rule_file && strcmp(w->rule_file, name)) {
		/* Two rule files in one folder: any change there counts. */
		free(w->rule_file);
		w->rule_file = NULL;
	}
	free(dir);
	return w != NULL;
}

/* One event: a file to read, a directory to watch, a rule changed. */
static void on_event(watch_dirs *d, const struct inotify_event *ev, bool *rules_changed)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		/* Events were lost: read every source again (keys skip what
		 * was read) and reload to be sure. */
		for (size_t i = 0; i < d->n; i++)
			if (d->w[i].source) {
				char *p = d->w[i].path;
				cli_walk_inputs(&p, 1, on_path, on_path_error, d);
			}
		*rules_changed = true;
		return;
	}
	watched *w = find_wd(d, ev->wd);
	if (!w || !ev->len)
		return;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", w->path, ev->name);
	if (w->rules && ev->name[0] != '.' && (!w->rule_file || !strcmp(w->rule_file, ev->name)))
		*rules_changed = true;
	if (!w->source || skipped_name(ev->name))
		return;
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
			/* Files may be there before the watch: walk it too. */
			watch_tree(d, path, true, 1);
			char *p = path;
			cli_walk_inputs(&p, 1, on_path, on_path_error, d);
		}
		return;
	}
	if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
		read_file(d->ctx, path);
}

void watch_dirs_read(watch_dirs *d, bool *rules_changed)
{
	char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t n = read(d->fd, buf, sizeof buf);
		if (n <= 0)
			return;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			on_event(d, ev, rules_changed);
			p += sizeof(*ev) + ev->len;
		}
	}
}

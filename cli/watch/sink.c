/*
 * sink.c - where `watch` delivers batches of JSON lines: stdout, a file
 * (append, fsync per batch, rotated by size), a long-lived command fed on
 * its stdin, a webhook (sink_http.c). A batch that cannot be written now
 * stays pending in the state and is tried again after a back-off; it is
 * never dropped.
 */
#define _GNU_SOURCE /* pipe2 */
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Back-off after `failures` in a row: 0.1 s doubling, at most 30 s. */
static double backoff(unsigned failures)
{
	double d = 0.1;
	for (unsigned i = 1; i < failures && d < 30; i++)
		d *= 2;
	return d > 30 ? 30 : d;
}

static void failed(watch_sink *s)
{
	s->failures++;
	s->retry_at = watch_now() + backoff(s->failures);
}

/* "100M", "64k", "1G", "5000": bytes; 0 when not a size. */
static unsigned long long parse_size(const char *v, size_t n)
{
	unsigned long long x = 0, mul = 1;
	size_t i = 0;
	for (; i < n && v[i] >= '0' && v[i] <= '9'; i++)
		x = x * 10 + (unsigned long long)(v[i] - '0');
	if (i == 0 || x > (1ull << 40))
		return 0;
	if (i < n) {
		char u = v[i] | 0x20;
		mul = u == 'k' ? 1ull << 10 : u == 'm' ? 1ull << 20 : u == 'g' ? 1ull << 30 : 0;
		if (i + 1 != n)
			return 0;
	}
	return x * mul;
}

/* file:PATH[?rotate=SIZE[&keep=N]] */
static bool parse_file(watch_sink *s, const char *spec)
{
	const char *q = strchr(spec, '?');
	size_t plen = q ? (size_t)(q - spec) : strlen(spec);
	s->keep = 5;
	if (!plen || !(s->path = strndup(spec, plen)))
		goto bad;
	for (const char *p = q ? q + 1 : NULL; p && *p;) {
		const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
		if (!strncmp(p, "rotate=", 7)) {
			if (!(s->rotate = parse_size(p + 7, (size_t)(end - p - 7))))
				goto bad;
		} else if (!strncmp(p, "keep=", 5)) {
			unsigned long long k = parse_size(p + 5, (size_t)(end - p - 5));
			if (strspn(p + 5, "0123456789") != (size_t)(end - p - 5) || k > 1000)
				goto bad;
			s->keep = (unsigned)k;
		} else {
			goto bad;
		}
		p = amp ? amp + 1 : NULL;
	}
	return true;
bad:
	cli_error("--sink file:PATH[?rotate=SIZE[&keep=N]] (SIZE like 100M, N old files "
		  "kept, 0 to 1000), not 'file:%s'",
		  spec);
	return false;
}

bool watch_sink_parse(watch_sink *s, const char *spec)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (!(s->spec = strdup(spec))) {
		cli_error("out of memory");
		return false;
	}
	if (!strcmp(spec, "-")) {
		s->kind = SINK_STDOUT;
		return true;
	}
	if (!strncmp(spec, "file:", 5)) {
		s->kind = SINK_FILE;
		return parse_file(s, spec + 5);
	}
	if (!strncmp(spec, "exec:", 5) && spec[5]) {
		s->kind = SINK_EXEC;
		return (s->command = strdup(spec + 5)) != NULL;
	}
	if (!strncmp(spec, "http://", 7) || !strncmp(spec, "https://", 8)) {
		s->kind = SINK_HTTP;
		return true;
	}
	cli_error("unknown --sink '%s' (-, file:PATH, exec:COMMAND, http(s)://URL)", spec);
	return false;
}

static bool open_file(watch_sink *s)
{
	s->fd = open(s->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	struct stat st;
	if (s->fd < 0 || fstat(s->fd, &st) != 0) {
		cli_error("watch: sink %s: %s", s->spec, strerror(errno));
		return false;
	}
	s->size = st.st_size;
	return true;
}

bool watch_sink_open(watch_sink *s)
{
	switch (s->kind) {
	case SINK_STDOUT: s->fd = STDOUT_FILENO; return true;
	case SINK_FILE: return open_file(s);
	case SINK_EXEC: return true; /* started at the first batch */
	case SINK_HTTP: return watch_sink_http_open(s);
	}
	return false;
}

static void stop_exec(watch_sink *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->pid > 0) {
		/* Its stdin closed, the command ends when it has read it all. */
		int status;
		while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	s->pid = 0;
}

void watch_sink_close(watch_sink *s)
{
	if (s->kind == SINK_FILE && s->fd >= 0)
		close(s->fd);
	if (s->kind == SINK_EXEC)
		stop_exec(s);
	if (s->kind == SINK_HTTP)
		watch_sink_http_close(s);
	free(s->spec);
	free(s->path);
	free(s->command);
	s->spec = s->path = s->command = NULL;
}

/* PATH -> PATH.1 -> ... -> PATH.keep (the oldest dropped). */
static bool rotate(watch_sink *s)
{
	size_t n = strlen(s->path) + 16;
	char *from = malloc(n), *to = malloc(n);
	bool ok = from && to;
	for (unsigned i = s->keep; ok && i >= 1; i--) {
		snprintf(to, n, "%s.%u", s->path, i);
		if (i == 1)
			snprintf(from, n, "%s", s->path);
		else
			snprintf(from, n, "%s.%u", s->path, i - 1);
		if (rename(from, to) != 0 && errno != ENOENT)
			ok = false;
	}
	if (ok && s->keep == 0)
		ok = unlink(s->path) == 0;
	free(from);
	free(to);
	if (!ok) {
		cli_error("watch: sink %s: cannot rotate: %s", s->spec, strerror(errno));
		return false;
	}
	close(s->fd);
	return open_file(s);
}

int64_t watch_sink_prepare(watch_sink *s, size_t len)
{
	if (s->kind != SINK_FILE)
		return -1;
	/* Not while batches wait for the file: they go to this one first. */
	if (s->rotate && !s->backlog && s->size > 0 &&
	    (unsigned long long)s->size + len > s->rotate)
		rotate(s);
	return (int64_t)s->size + (int64_t)s->pending_bytes;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		data += w;
		len -= (size_t)w;
	}
	return true;
}

static bool write_file(watch_sink *s, const char *data, size_t len)
{
	if (s->fd < 0 && !open_file(s)) {
		failed(s);
		return false;
	}
	if (write_all(s->fd, data, len) && fsync(s->fd) == 0) {
		s->size += (off_t)len;
		return true;
	}
	cli_error("watch: sink %s: %s; the batch is kept and tried again", s->spec,
		  strerror(errno));
	/* Nothing half-written stays: the batch is written whole later. */
	if (ftruncate(s->fd, s->size) != 0) {
		close(s->fd);
		s->fd = -1;
	}
	failed(s);
	return false;
}

/* /bin/sh -c COMMAND with a pipe on its stdin. */
static bool start_exec(watch_sink *s)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return false;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return false;
	}
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		pthread_sigmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		dup2(p[0], STDIN_FILENO);
		execl("/bin/sh", "sh", "-c", s->command, (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	s->fd = p[1];
	s->pid = pid;
	return true;
}

static bool write_exec(watch_sink *s, const char *data, size_t len)
{
	int status;
	if (s->pid > 0 && waitpid(s->pid, &status, WNOHANG) == s->pid) {
		/* It ended between batches: what it had not read is lost with
		 * it; the batches from now on go to a new one. */
		cli_error("watch: sink %s: the command exited (%s %d); starting it again", s->spec,
			  WIFEXITED(status) ? "status" : "signal",
			  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		s->pid = 0;
		stop_exec(s);
	}
	if (s->pid <= 0 && !start_exec(s)) {
		cli_error("watch: sink %s: cannot start: %s", s->spec, strerror(errno));
		failed(s);
		return false;
	}
	if (write_all(s->fd, data, len))
		return true;
	cli_error("watch: sink %s: the command exited; it is started again and given the "
		  "batch again",
		  s->spec);
	stop_exec(s);
	failed(s);
	return false;
}

bool watch_sink_write(watch_sink *s, const char *data, size_t len)
{
	bool ok = false;
	switch (s->kind) {
	case SINK_STDOUT:
		ok = write_all(STDOUT_FILENO, data, len);
		if (!ok) {
			cli_error("watch: sink -: %s; the batch is kept and tried again",
				  strerror(errno));
			failed(s);
		}
		break;
	case SINK_FILE: ok = write_file(s, data, len); break;
	case SINK_EXEC: ok = write_exec(s, data, len); break;
	case SINK_HTTP: ok = watch_sink_http_write(s, data, len); break;
	}
	if (ok)
		s->failures = 0;
	return ok;
}

bool watch_sink_redo(watch_sink *s, int64_t offset, const char *data, size_t len)
{
	if (s->kind == SINK_FILE && offset >= 0 && s->fd >= 0) {
		if (s->size > offset) {
			if (ftruncate(s->fd, offset) != 0) {
				cli_error("watch: sink %s: cannot cut back to %lld bytes: %s",
					  s->spec, (long long)offset, strerror(errno));
				return false;
			}
			s->size = offset;
		} else if (s->size < offset) {
			cli_error("watch: sink %s: shorter (%lld bytes) than the state recorded "
				  "(%lld): the pending batch is appended",
				  s->spec, (long long)s->size, (long long)offset);
		}
	}
	return watch_sink_write(s, data, len);
}

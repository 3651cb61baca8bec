/*
 * bench_stream.c - newsrules-bench-stream: memory and speed of `newsrules
 * scan -` (or `inspect -`, `watch -`) on a long JSON Lines stream. Articles (the
 * files under the DIRs given, first line the title, or synthetic ones when
 * none is given) are written as JSON Lines, over and over, into a pipe to
 * the command until -s bytes have gone; the command's alerts are counted
 * as they come out. Reports MB/s, articles/s and the child's peak RSS
 * (wait4's rusage). Speed and memory are measured here, never asserted in
 * a test (bench/README.md).
 */
#include "inputs.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "bench-stream";

static void usage(void)
{
	fprintf(stderr, "usage: newsrules-bench-stream [-s SIZE] [-c scan|inspect|watch] [-j N] "
			"[-b NEWSRULES]\n"
			"                              [DIR|FILE...]\n"
			"  -s SIZE   bytes of JSON Lines to write (suffix K, M, G; default 1G)\n"
			"  -c CMD    scan (default), inspect or watch (watch - ends at the end of\n"
			"            the stream)\n"
			"  -j N      scan --jobs N\n"
			"  -b PATH   the newsrules binary (default: the one of this build)\n"
			"Articles come from the files given (first line: title), repeated;\n"
			"synthetic ones when none is given.\n");
	exit(2);
}

static unsigned long long parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		usage();
	switch (*end) {
	case 'k':
	case 'K': v <<= 10; break;
	case 'm':
	case 'M': v <<= 20; break;
	case 'g':
	case 'G': v <<= 30; break;
	case '\0': break;
	default: usage();
	}
	return v;
}

/* A JSON string of s[0..n) into b (control bytes escaped, the rest as is). */
static void json_str(FILE *b, const char *s, size_t n)
{
	fputc('"', b);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(b, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", b);
		else if (c < 0x20)
			fprintf(b, "\\u%04x", c);
		else
			fputc(c, b);
	}
	fputc('"', b);
}

/* One record per input, with "#N" ids set when written. */
typedef struct records {
	char **v; /* "\"title\":...,\"text\":...}\n" tails */
	size_t *len;
	size_t n;
} records;

static void add_record(records *r, const char *data, size_t len)
{
	const char *nl = memchr(data, '\n', len);
	size_t tl = nl ? (size_t)(nl - data) : 0;
	char *s = NULL;
	size_t sl = 0;
	FILE *b = open_memstream(&s, &sl);
	if (!b)
		bench_die(prog, "out of memory");
	fputs(",\"title\":", b);
	json_str(b, data, tl);
	fputs(",\"text\":", b);
	json_str(b, data + tl, len - tl);
	fputs("}\n", b);
	fclose(b);
	r->v = realloc(r->v, (r->n + 1) * sizeof(*r->v));
	r->len = realloc(r->len, (r->n + 1) * sizeof(*r->len));
	if (!r->v || !r->len)
		bench_die(prog, "out of memory");
	r->v[r->n] = s;
	r->len[r->n++] = sl;
}

static void synthetic(records *r)
{
	static const char *const words[] = {
		"minister", "said",  "the",     "government", "would",  "report",
		"strike",   "port",  "union",   "court",      "police", "threatened",
		"denied",   "spoke", "Tuesday", "council",    "budget", "election",
	};
	char buf[4096];
	for (unsigned a = 0; a < 64; a++) {
		size_t n = (size_t)snprintf(buf, sizeof(buf), "Synthetic story %u\n", a);
		unsigned x = a * 2654435761u + 1;
		for (int s = 0; s < 30 && n < sizeof(buf) - 200; s++) {
			buf[n++] = 'A';
			for (int w = 0; w < 12; w++) {
				x = x * 1103515245u + 12345u;
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %s",
						      words[(x >> 16) % 18]);
			}
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, ".%s",
					      s % 5 == 4 ? "\n\n" : " ");
		}
		add_record(r, buf, n);
	}
}

/* Counts the lines the command writes (one per alert or article). */
typedef struct counter {
	int fd;
	unsigned long long lines, bytes;
} counter;

static void *count_lines(void *arg)
{
	counter *c = arg;
	char buf[65536];
	ssize_t n;
	while ((n = read(c->fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		c->bytes += (unsigned long long)n;
		for (ssize_t i = 0; i < n; i++)
			c->lines += buf[i] == '\n';
	}
	return NULL;
}

static pid_t start_child(char **argv, int *in_fd, int *out_fd)
{
	int in[2], out[2];
	if (pipe(in) || pipe(out))
		bench_die(prog, "pipe failed");
	pid_t pid = fork();
	if (pid < 0)
		bench_die(prog, "fork failed");
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execv(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	*in_fd = in[1];
	*out_fd = out[0];
	return pid;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		s += k;
		n -= (size_t)k;
	}
	return true;
}

/* Write records round-robin until `size` bytes; returns the count. */
static unsigned long long feed(int fd, const records *r, unsigned long long size,
			       unsigned long long *written)
{
	char *buf = malloc(1 << 20);
	size_t used = 0;
	unsigned long long n = 0;
	if (!buf)
		bench_die(prog, "out of memory");
	*written = 0;
	while (*written < size) {
		size_t k = n % r->n;
		char id[48];
		int il = snprintf(id, sizeof(id), "{\"id\":\"bench-%llu\"", n);
		if (used + (size_t)il + r->len[k] > (1 << 20)) {
			if (!write_all(fd, buf, used))
				break;
			used = 0;
		}
		if ((size_t)il + r->len[k] > (1 << 20)) {
			if (!write_all(fd, id, (size_t)il) || !write_all(fd, r->v[k], r->len[k]))
				break;
		} else {
			memcpy(buf + used, id, (size_t)il);
			memcpy(buf + used + il, r->v[k], r->len[k]);
			used += (size_t)il + r->len[k];
		}
		*written += (unsigned long long)il + r->len[k];
		n++;
	}
	if (used)
		write_all(fd, buf, used);
	free(buf);
	return n;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long long size = 1ull << 30;
	const char *cmd = "scan", *bin = NR_CLI_PATH, *jobs = NULL;
	int c;
	while ((c = getopt(argc, argv, "s:c:j:b:h")) != -1) {
		switch (c) {
		case 's': size = parse_size(optarg); break;
		case 'c': cmd = optarg; break;
		case 'j': jobs = optarg; break;
		case 'b': bin = optarg; break;
		default: usage();
		}
	}
	if (strcmp(cmd, "scan") && strcmp(cmd, "inspect") && strcmp(cmd, "watch"))
		usage();
	records r = { 0 };
	inputs in = { 0 };
	if (optind < argc) {
		inputs_load(&in, prog, argv + optind, argc - optind);
		for (size_t i = 0; i < in.n; i++)
			add_record(&r, in.v[i].data, in.v[i].len);
	} else {
		synthetic(&r);
	}
	signal(SIGPIPE, SIG_IGN);
	char *child_argv[] = { (char *)bin, (char *)cmd, "-", NULL, NULL, NULL };
	if (jobs) {
		child_argv[2] = "--jobs";
		child_argv[3] = (char *)jobs;
		child_argv[4] = "-";
	}
	int in_fd, out_fd;
	double t0 = now();
	pid_t pid = start_child(child_argv, &in_fd, &out_fd);
	counter cnt = { out_fd, 0, 0 };
	pthread_t th;
	pthread_create(&th, NULL, count_lines, &cnt);
	unsigned long long written;
	unsigned long long articles = feed(in_fd, &r, size, &written);
	close(in_fd);
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		bench_die(prog, "wait4 failed");
	pthread_join(th, NULL);
	double secs = now() - t0;
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		     (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	printf("%s -%s%s: %llu articles, %.1f MB of JSON Lines (%zu distinct) in %.1f s\n", cmd,
	       jobs ? " --jobs " : "", jobs ? jobs : "", articles, (double)written / 1e6, r.n,
	       secs);
	printf("bench-stream: mb_per_s=%.1f articles_per_s=%.0f peak_rss_mb=%.1f cpu_s=%.1f "
	       "out_lines=%llu exit=%d\n",
	       (double)written / 1e6 / secs, (double)articles / secs, (double)ru.ru_maxrss / 1024.0,
	       cpu, cnt.lines, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	for (size_t i = 0; i < r.n; i++)
		free(r.v[i]);
	free(r.v);
	free(r.len);
	if (in.n)
		inputs_free(&in);
	return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : 1;
}

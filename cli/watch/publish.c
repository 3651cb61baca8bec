/*
 * publish.c - `newsrules publish nats://HOST:PORT/SUBJECT INPUT...`: each
 * article as one JetStream message (a file as it is, with the format it
 * is detected as in the header Nats-Format; a JSON Lines file or stdin one
 * message per record, Nats-Format: jsonl), published asynchronously (at
 * most PUB_IN_FLIGHT unacked), every ack waited for at the end. For feeding `watch` a NATS source
 * (docs/deploy.md) and for tests.
 */
#include "source_nats.h"

#include "net.h"

#include <dirent.h>
#include <stdatomic.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct pub {
	jsCtx *js;
	const char *subject;
	unsigned long long n;
	bool failed;
	atomic_ulong refused; /* publishes the stream did not ack */
} pub;

/* Publishes go out asynchronously, at most this many unacked at once; the
 * command waits for every ack at the end. */
#define PUB_IN_FLIGHT 256

static void publish_usage(FILE *f)
{
	fprintf(f, "usage: newsrules publish [options] nats://HOST:PORT/SUBJECT INPUT...\n"
		   "\n"
		   "Publish articles to a NATS JetStream subject, one message each, every\n"
		   "publish acknowledged by the stream. INPUT is a file (sent as it is,\n"
		   "its detected format in the header Nats-Format), a JSON Lines file or -\n"
		   "(stdin: JSON Lines), one message per record, or a directory (its\n"
		   "files, sorted, recursively). The stream must exist (a watcher on it\n"
		   "creates it).\n"
		   "\n"
		   "options:\n"
		   "      --nats-creds FILE, --nats-user U, --nats-password P,\n"
		   "      --nats-token T, --nats-ca FILE   as for watch\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "Exit status: 0 all published; 1 a publish failed; 2 usage error.\n");
}

static bool send(pub *p, const char *data, size_t len, const char *fmt)
{
	natsMsg *m = NULL;
	natsStatus st = natsMsg_Create(&m, p->subject, NULL, data, (int)len);
	if (st == NATS_OK && fmt)
		st = natsMsgHeader_Set(m, "Nats-Format", fmt);
	if (st == NATS_OK)
		st = js_PublishMsgAsync(p->js, &m, NULL); /* takes m on success */
	natsMsg_Destroy(m);
	if (st != NATS_OK) {
		cli_error("publish: %s: %s", p->subject, natsStatus_GetText(st));
		p->failed = true;
		return false;
	}
	p->n++;
	return true;
}

static void on_refused(jsCtx *js, jsPubAckErr *pae, void *closure)
{
	(void)js;
	pub *p = closure;
	if (atomic_fetch_add(&p->refused, 1) == 0)
		cli_error("publish: %s: a message was not stored: %s", p->subject,
			  pae->ErrText ? pae->ErrText : natsStatus_GetText(pae->Err));
}

/* The JetStream context for asynchronous publishes, and the wait for
 * every ack at the end: false when some were not stored. */
static natsStatus async_context(pub *p, natsConnection *nc)
{
	jsOptions jo;
	jsOptions_Init(&jo);
	jo.PublishAsync.MaxPending = PUB_IN_FLIGHT;
	jo.PublishAsync.ErrHandler = on_refused;
	jo.PublishAsync.ErrHandlerClosure = p;
	jsCtx_Destroy(p->js);
	p->js = NULL;
	return natsConnection_JetStream(&p->js, nc, &jo);
}

static bool wait_acks(pub *p)
{
	jsPubOptions po;
	jsPubOptions_Init(&po);
	po.MaxWait = 30000;
	natsStatus st = js_PublishAsyncComplete(p->js, &po);
	if (st != NATS_OK)
		cli_error("publish: %s: not every message was acked: %s", p->subject,
			  natsStatus_GetText(st));
	unsigned long r = atomic_load(&p->refused);
	if (r)
		cli_error("publish: %s: %lu messages not stored", p->subject, r);
	p->n -= r < p->n ? r : p->n;
	return st == NATS_OK && !r;
}

/* One message per line of a JSON Lines text (blank lines skipped). */
static bool send_lines(pub *p, const char *data, size_t len)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		if (end > i && strspn(data + i, " \t\r") < end - i &&
		    !send(p, data + i, end - i, "jsonl"))
			return false;
		i = end + 1;
	}
	return true;
}

static bool publish_file(pub *p, const char *path)
{
	size_t len = 0;
	char *data = NULL;
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (f) {
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			char *nd = realloc(data, len + n + 1);
			if (!nd)
				break;
			data = nd;
			memcpy(data + len, buf, n);
			len += n;
		}
		if (f != stdin)
			fclose(f);
	}
	if (!f) {
		cli_error("publish: %s: cannot read", path);
		p->failed = true;
		return false;
	}
	nr_format fmt = nr_format_detect(data ? data : "", len, path);
	bool ok = fmt == NR_FORMAT_JSONL || !strcmp(path, "-")
		      ? send_lines(p, data ? data : "", len)
		      : send(p, data ? data : "", len, nr_format_name(fmt));
	free(data);
	return ok;
}

static bool publish_path(pub *p, const char *path)
{
	struct stat st;
	if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct dirent **ents = NULL;
		int n = scandir(path, &ents, NULL, alphasort);
		bool ok = n >= 0;
		for (int i = 0; i < n; i++) {
			char sub[4096];
			if (ok && ents[i]->d_name[0] != '.') {
				snprintf(sub, sizeof sub, "%s/%s", path, ents[i]->d_name);
				ok = publish_path(p, sub);
			}
			free(ents[i]);
		}
		free(ents);
		return ok;
	}
	return publish_file(p, path);
}

int cmd_publish(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "nats-creds", required_argument, NULL, 'c' },
		{ "nats-user", required_argument, NULL, 'u' },
		{ "nats-password", required_argument, NULL, 'p' },
		{ "nats-token", required_argument, NULL, 't' },
		{ "nats-ca", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	watch_nats_auth auth = { 0 };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': auth.creds = optarg; break;
		case 'u': auth.user = optarg; break;
		case 'p': auth.password = optarg; break;
		case 't': auth.token = optarg; break;
		case 'a': auth.ca = optarg; break;
		case 'h': publish_usage(stdout); return NR_EXIT_OK;
		default: publish_usage(stderr); return NR_EXIT_USAGE;
		}
	}
	const char *url = optind < argc ? argv[optind] : "";
	const char *host = watch_nats_is_url(url) ? strstr(url, "://") + 3 : NULL;
	const char *slash = host ? strchr(host, '/') : NULL;
	if (!slash || !slash[1] || optind + 1 >= argc) {
		publish_usage(stderr);
		return NR_EXIT_USAGE;
	}
	char *server = strndup(url, (size_t)(slash - url));
	pub p = { NULL, slash + 1, 0, false, 0 };
	natsConnection *nc = NULL;
	natsStatus st = server ? watch_nats_connect(&nc, &p.js, server, &auth, false)
			       : NATS_NO_MEMORY;
	if (st != NATS_OK) {
		char *name = net_url_redact(url);
		cli_error("publish: %s: cannot connect: %s", name ? name : "nats://...",
			  natsStatus_GetText(st));
		free(name);
	}
	if (st == NATS_OK)
		st = async_context(&p, nc);
	for (int i = optind + 1; st == NATS_OK && i < argc && !p.failed; i++)
		publish_path(&p, argv[i]);
	if (st == NATS_OK && !wait_acks(&p))
		p.failed = true;
	if (st == NATS_OK)
		fprintf(stderr, "newsrules: publish: %llu messages published to %s\n", p.n,
			p.subject);
	jsCtx_Destroy(p.js);
	natsConnection_Destroy(nc);
	nats_Close();
	free(server);
	return st == NATS_OK && !p.failed ? NR_EXIT_OK : NR_EXIT_INPUT_ERROR;
}

/*
 * stream.c - the push reader: bytes arrive in chunks of any size, articles
 * leave as soon as their record is complete. nr_read_buffer() is the same
 * machine fed once, so a buffer and a stream of the same bytes give the
 * same items whatever the chunking (docs/formats.md, "Streams").
 *
 * The first bytes choose a mode:
 *   - JSON Lines (detected, or asked for): record by record, each line
 *     handed out when its newline arrives; max_bytes caps one line;
 *   - RS-framed (the first non-blank byte is 0x1E, RFC 7464): each record
 *     between two RS is a whole document of any format, read when the next
 *     RS (or the end) arrives; max_bytes caps one record;
 *   - anything else is kept, up to max_bytes, and read at the end.
 * A JSON Lines input whose first object spans several lines may be one
 * pretty-printed document: it is kept until that is decided (a byte after
 * the object closes, or the end of input).
 */
#include "read/read.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of the head the binary check looks at (nr_utf8__looks_binary). */
#define HEAD_MAX 8192
#define RS 0x1E

typedef enum stream_mode {
	M_HEAD,    /* too few bytes to choose */
	M_LINES,   /* JSON Lines, line by line */
	M_PENDING, /* JSON whose first object spans lines: one document? */
	M_WHOLE,   /* kept whole, read at the end */
	M_FRAMED,  /* RS-framed records */
	M_DRAIN,   /* refused: the rest is read and dropped */
	M_DONE
} stream_mode;

/* Where a JSON value opened at the start of the input ends, byte by byte. */
typedef struct json_shape {
	size_t pos;   /* next byte to look at */
	size_t depth; /* open brackets */
	bool in_str, esc;
	bool closed;  /* the first value has closed */
	bool newline; /* a newline came while it was open */
} json_shape;

struct nr_reader {
	nr_reader_ctx ctx;
	char *name;     /* the caller's name, copied; NULL for none */
	nr_format want; /* the format asked for */
	size_t cap;
	int size_kind;  /* SIZE_*: what the cap message says */
	uintmax_t size; /* the input's size when known */
	stream_mode mode;
	nr_buf buf;     /* bytes pushed and not consumed yet */
	size_t base;    /* stream offset of the first unconsumed byte */
	size_t scanned; /* bytes of the current line or record without a separator */
	char head[HEAD_MAX];
	size_t headlen;
	size_t lineno;  /* JSON Lines: the current line */
	size_t records; /* JSON Lines, RS framing: records seen */
	bool verdict;   /* the binary check was made */
	bool skipping;  /* dropping the rest of an oversize line or record */
	json_shape js;
	size_t recno; /* RS framing: the current record */
	int rstate;   /* RS framing: REC_*, how far the record is JSON text */
	json_shape rjs;
	bool oom;
	bool finished;
};

enum { SIZE_UNKNOWN, SIZE_BUFFER, SIZE_FILE };

/* An RS-framed record: its first byte not seen yet, a JSON value open, a
 * JSON value closed (its line feed ends the record), anything else. */
enum { REC_START, REC_JSON, REC_CLOSED, REC_OTHER };

static bool jsonl_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static bool is_bom(const char *p, size_t n) { return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0; }

/* ---- whole inputs -------------------------------------------------------- */

static void fail_too_big(nr_reader *r)
{
	if (r->size_kind == SIZE_FILE)
		nr_read__fail(&r->ctx, NR_ETOOBIG, "file is %ju bytes, over the %zu-byte limit",
			      r->size, r->cap);
	else if (r->size_kind == SIZE_BUFFER)
		nr_read__fail(&r->ctx, NR_ETOOBIG, "input is %ju bytes, over the %zu-byte limit",
			      r->size, r->cap);
	else
		nr_read__fail(&r->ctx, NR_ETOOBIG, "input is over the %zu-byte limit", r->cap);
	r->mode = M_DRAIN;
}

static size_t step_whole(nr_reader *r, const char *p, size_t n, bool at_end)
{
	if ((r->size_kind != SIZE_UNKNOWN && r->size > r->cap) || n > r->cap) {
		fail_too_big(r);
		return n;
	}
	if (!at_end)
		return 0;
	nr_read__bytes(&r->ctx, p, n, r->name);
	r->mode = M_DONE;
	return n;
}

/* ---- choosing the mode ----------------------------------------------------- */

/* The JSON reader's own start: an array is one document, an object may be
 * one, anything else is read line by line. */
static void start_jsonl(nr_reader *r, const char *p, size_t n)
{
	r->ctx.format = NR_FORMAT_JSONL;
	size_t j = is_bom(p, n) ? 3 : 0;
	while (j < n && jsonl_ws((unsigned char)p[j]))
		j++;
	r->lineno = 1;
	if (j < n && p[j] == '[') {
		r->mode = M_WHOLE;
	} else if (j < n && p[j] == '{') {
		r->mode = M_PENDING;
		r->js = (json_shape){ .pos = j };
	} else {
		r->mode = M_LINES;
	}
}

/* Skip a possible BOM, blanks and NUL bytes (what the emptiness check
 * skips). Returns false while a BOM may still be arriving. */
static bool first_byte(const char *p, size_t n, bool at_end, size_t *at)
{
	const unsigned char *u = (const unsigned char *)p;
	if (!at_end && n < 3 && n && u[0] == 0xEF && (n < 2 || u[1] == 0xBB))
		return false;
	size_t i = is_bom(p, n) ? 3 : 0;
	while (i < n && (isspace(u[i]) || u[i] == 0))
		i++;
	*at = i;
	return true;
}

/* Is the byte after an opening bracket there yet (format detection reads
 * it)? */
static bool bracket_decided(const char *p, size_t n, size_t i)
{
	for (size_t k = i + 1; k < n; k++)
		if (!isspace((unsigned char)p[k]))
			return true;
	return false;
}

/* Choose the mode from the first bytes. Returns the bytes consumed (the
 * blanks before an RS); the mode stays M_HEAD while more are needed. */
static size_t decide(nr_reader *r, const char *p, size_t n, bool at_end)
{
	const unsigned char *u = (const unsigned char *)p;
	bool wide = n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
	size_t i;
	if (wide) {
		r->mode = M_WHOLE;
		return 0;
	}
	if ((!at_end && n < 2) || !first_byte(p, n, at_end, &i) || i == n) {
		/* Still blank: only a whole input can say what it is. */
		if (at_end || n > r->cap)
			r->mode = M_WHOLE;
		return 0;
	}
	if (u[i] == RS) {
		r->mode = M_FRAMED;
		r->recno = 1;
		return i + 1;
	}
	if (r->want == NR_FORMAT_JSONL) {
		start_jsonl(r, p, n);
	} else if (r->want == NR_FORMAT_AUTO && (u[i] == '{' || u[i] == '[')) {
		if (!at_end && !bracket_decided(p, n, i)) {
			if (n > r->cap)
				r->mode = M_WHOLE;
			return 0;
		}
		if (nr_format_detect(p, n, r->name) == NR_FORMAT_JSONL)
			start_jsonl(r, p, n);
		else
			r->mode = M_WHOLE;
	} else {
		r->mode = M_WHOLE;
	}
	return 0;
}

/* ---- JSON Lines ----------------------------------------------------------- */

static bool blank_line(const char *s, size_t n, size_t lineno)
{
	size_t i = lineno == 1 && is_bom(s, n) ? 3 : 0;
	for (; i < n; i++)
		if (!jsonl_ws((unsigned char)s[i]))
			return false;
	return true;
}

/*
 * The binary check a whole input gets, made once, before the first record
 * is handed out: over the head of the input up to `end` (the end of the
 * first record), at most HEAD_MAX bytes. False when the input is refused.
 */
static bool check_head(nr_reader *r, size_t end)
{
	if (r->verdict)
		return true;
	r->verdict = true;
	size_t n = end < r->headlen ? end : r->headlen;
	if (!nr_read__binary(r->head, n))
		return true;
	r->ctx.format = r->want; /* refused before any format was chosen */
	nr_read__fail(&r->ctx, NR_EBINARY,
		      "input looks binary (NUL or control bytes), not text or markup");
	r->mode = M_DRAIN;
	return false;
}

/* One complete line, ending at stream offset `end`. */
static void take_line(nr_reader *r, const char *s, size_t n, size_t end)
{
	if (blank_line(s, n, r->lineno) || !check_head(r, end))
		return;
	bool record;
	int rc;
	nr_jsonl__line(&r->ctx, s, n, r->lineno, &record, &rc);
	r->records += record;
	if (rc == NR_ENOMEM) {
		r->oom = true;
		nr_read__fail(&r->ctx, NR_ENOMEM, "line %zu: out of memory", r->lineno);
	}
}

/* A line over the cap (known once cap + 1 of its bytes, from `start`, are
 * in): one error item; the rest of it is skipped. */
static void oversize_line(nr_reader *r, size_t start)
{
	if (!check_head(r, start + r->cap + 1))
		return;
	r->records++;
	nr_read__fail(&r->ctx, NR_ETOOBIG, "line %zu: record over the %zu-byte limit, skipped",
		      r->lineno, r->cap);
	r->skipping = true;
}

/* The last bytes of a line that has no newline yet, from stream offset
 * `off`. Returns the bytes consumed of them. */
static size_t line_tail(nr_reader *r, const char *p, size_t n, size_t off, bool at_end)
{
	r->scanned = 0;
	if (r->skipping)
		return n;
	if (n > r->cap) {
		oversize_line(r, off);
		return n;
	}
	if (at_end && n) {
		take_line(r, p, n, off + n);
		return n;
	}
	r->scanned = n;
	return 0;
}

static size_t step_lines(nr_reader *r, const char *p, size_t n, bool at_end)
{
	size_t pos = 0;
	while (pos < n && r->mode == M_LINES && !r->ctx.stop) {
		size_t from = pos + r->scanned;
		const char *nl = memchr(p + from, '\n', n - from);
		if (!nl) {
			pos += line_tail(r, p + pos, n - pos, r->base + pos, at_end);
			break;
		}
		size_t end = (size_t)(nl - p);
		r->scanned = 0;
		if (r->skipping) {
			r->skipping = false;
		} else if (end - pos > r->cap) {
			oversize_line(r, r->base + pos);
			r->skipping = false;
		} else {
			take_line(r, p + pos, end - pos, r->base + end + 1);
		}
		r->lineno++;
		pos = end + 1;
	}
	if (r->mode != M_LINES || r->ctx.stop)
		return n;
	if (at_end) {
		if (r->records == 0)
			nr_read__fail(&r->ctx, NR_EEMPTY, "no JSON records in input");
		r->mode = M_DONE;
		return n;
	}
	return pos;
}

/* ---- one document or lines? --------------------------------------------- */

/* One byte of a JSON value outside a raw newline; true when it closes
 * the value. */
static bool shape_byte(json_shape *js, char c)
{
	if (js->in_str) {
		if (js->esc)
			js->esc = false;
		else if (c == '\\')
			js->esc = true;
		else if (c == '"')
			js->in_str = false;
		return false;
	}
	if (c == '"')
		js->in_str = true;
	else if (c == '{' || c == '[')
		js->depth++;
	else if ((c == '}' || c == ']') && js->depth && --js->depth == 0)
		return true;
	return false;
}

/* Follow the first JSON value. Returns true once the input is known not to
 * be one JSON document: it closed on its first line (so line and document
 * read the same), a raw newline sits in a string, or something follows it. */
static bool not_one_document(json_shape *js, const char *p, size_t n)
{
	for (; js->pos < n; js->pos++) {
		char c = p[js->pos];
		if (js->closed) {
			if (!jsonl_ws((unsigned char)c))
				return true;
			continue;
		}
		if (c == '\n' && js->in_str)
			return true;
		if (c == '\n')
			js->newline = true;
		if (shape_byte(js, c)) {
			js->closed = true;
			if (!js->newline)
				return true;
		}
	}
	return false;
}

static size_t step_pending(nr_reader *r, const char *p, size_t n, bool at_end)
{
	if (not_one_document(&r->js, p, n) || n > r->cap) {
		r->mode = M_LINES;
		return 0;
	}
	if (!at_end)
		return 0;
	nr_read__bytes(&r->ctx, p, n, r->name);
	r->mode = M_DONE;
	return n;
}

/* ---- RS-framed records ---------------------------------------------------- */

static bool blank_record(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

static void take_record(nr_reader *r, const char *s, size_t n)
{
	if (blank_record(s, n))
		return;
	r->records++;
	char prefix[48];
	snprintf(prefix, sizeof(prefix), "record %zu: ", r->recno);
	r->ctx.prefix = prefix;
	r->ctx.framed = true;
	r->ctx.format = r->want;
	if (nr_read__bytes(&r->ctx, s, n, r->name) == NR_ENOMEM)
		r->oom = true;
	r->ctx.prefix = NULL;
}

static void oversize_record(nr_reader *r)
{
	r->records++;
	r->ctx.format = r->want;
	nr_read__fail(&r->ctx, NR_ETOOBIG, "record %zu: over the %zu-byte limit, skipped", r->recno,
		      r->cap);
	r->skipping = true;
}

/*
 * A record that is JSON text (RFC 7464: RS, a JSON value, LF) ends at the
 * line feed after its value, without waiting for the next RS. Follows the
 * record from where it was left; returns the length of the record up to
 * and including that line feed, or 0 while there is none (or the record is
 * no JSON text).
 */
static size_t json_record_end(nr_reader *r, const char *p, size_t n)
{
	json_shape *js = &r->rjs;
	for (; js->pos < n && r->rstate != REC_OTHER; js->pos++) {
		char c = p[js->pos];
		if (r->rstate == REC_START) {
			if (jsonl_ws((unsigned char)c))
				continue;
			r->rstate = c == '{' || c == '[' ? REC_JSON : REC_OTHER;
			shape_byte(js, c);
		} else if (r->rstate == REC_JSON) {
			if (shape_byte(js, c))
				r->rstate = REC_CLOSED;
		} else if (c == '\n') {
			return js->pos + 1;
		} else if (!jsonl_ws((unsigned char)c)) {
			r->rstate = REC_OTHER;
		}
	}
	return 0;
}

static void next_record(nr_reader *r)
{
	r->rstate = REC_START;
	r->rjs = (json_shape){ 0 };
	r->scanned = 0;
}

static size_t step_framed(nr_reader *r, const char *p, size_t n, bool at_end)
{
	size_t pos = 0;
	while (!r->ctx.stop) {
		size_t from = pos + r->scanned;
		const char *rs = memchr(p + from, RS, n - from);
		size_t end = rs ? (size_t)(rs - p) : n;
		size_t jend = r->skipping ? 0 : json_record_end(r, p + pos, end - pos);
		if (jend && jend <= r->cap) {
			/* Its value is complete: read it; the rest, up to the next
			 * RS, is more of the same record (blank, as a rule). */
			take_record(r, p + pos, jend);
			pos += jend;
			next_record(r);
			continue;
		}
		if (!rs && !at_end) {
			if (!r->skipping && end - pos > r->cap)
				oversize_record(r);
			if (r->skipping) {
				r->scanned = 0;
				return n;
			}
			r->scanned = end - pos;
			return pos;
		}
		if (!r->skipping && end - pos > r->cap)
			oversize_record(r);
		else if (!r->skipping)
			take_record(r, p + pos, end - pos);
		r->skipping = false;
		next_record(r);
		if (!rs)
			break;
		r->recno++;
		pos = end + 1;
	}
	if (at_end && !r->ctx.stop && r->records == 0) {
		r->ctx.format = r->want;
		nr_read__fail(&r->ctx, NR_EEMPTY, "no records in the RS-framed input");
	}
	if (at_end)
		r->mode = M_DONE;
	return n;
}

/* ---- the machine ---------------------------------------------------------- */

/* Feed the unconsumed bytes p[0..n) (stream offset r->base); returns how
 * many were consumed. At the end of input everything is. */
static size_t step(nr_reader *r, const char *p, size_t n, bool at_end)
{
	size_t used = 0;
	for (;;) {
		if (r->ctx.stop && r->mode != M_DONE)
			r->mode = M_DRAIN;
		stream_mode was = r->mode;
		size_t k = 0;
		switch (r->mode) {
		case M_HEAD: k = decide(r, p + used, n - used, at_end); break;
		case M_LINES: k = step_lines(r, p + used, n - used, at_end); break;
		case M_PENDING: k = step_pending(r, p + used, n - used, at_end); break;
		case M_WHOLE: k = step_whole(r, p + used, n - used, at_end); break;
		case M_FRAMED: k = step_framed(r, p + used, n - used, at_end); break;
		case M_DRAIN:
		case M_DONE: return n;
		}
		used += k;
		r->base += k;
		if (r->mode == was)
			return used;
	}
}

static void keep_head(nr_reader *r, const char *data, size_t len)
{
	if (r->headlen < HEAD_MAX) {
		size_t k = HEAD_MAX - r->headlen < len ? HEAD_MAX - r->headlen : len;
		memcpy(r->head + r->headlen, data, k);
		r->headlen += k;
	}
}

/* Run the machine over a push, copying only what it leaves unconsumed. */
static int feed(nr_reader *r, const char *data, size_t len, bool at_end)
{
	keep_head(r, data, len);
	nr_xml__quiet(&r->ctx.quiet);
	if (r->buf.len == 0) {
		size_t used = step(r, data, len, at_end);
		if (used < len)
			nr_buf__put(&r->buf, data + used, len - used);
	} else {
		nr_buf__put(&r->buf, data, len);
		size_t used = r->buf.oom ? 0 : step(r, r->buf.data, r->buf.len, at_end);
		memmove(r->buf.data, r->buf.data + used, r->buf.len - used);
		r->buf.len -= used;
	}
	nr_xml__unquiet(&r->ctx.quiet);
	if (r->buf.oom) {
		r->oom = true;
		r->buf.oom = false;
		nr_read__fail(&r->ctx, NR_ENOMEM, "out of memory keeping a record");
		r->mode = M_DRAIN;
		nr_buf__free(&r->buf);
	}
	if (r->mode == M_DRAIN || r->mode == M_DONE)
		r->buf.len = 0;
	return NR_OK;
}

/* ---- public --------------------------------------------------------------- */

static bool options_ok(const nr_read_options *o)
{
	return o->version != 0 && o->version <= NR_READ_OPTIONS_VERSION;
}

static void init_reader(nr_reader *r, const nr_read_options *o, nr_read_cb cb, void *payload)
{
	r->ctx.cb = cb;
	r->ctx.payload = payload;
	r->ctx.format = o->format;
	r->ctx.max_bytes = r->cap = o->max_bytes ? o->max_bytes : NR_DEFAULT_MAX_BYTES;
	r->want = o->format;
	r->mode = M_HEAD;
	r->buf = (nr_buf)NR_BUF_INIT;
}

int nr_reader_new(nr_reader **out, const nr_read_options *opts, nr_read_cb cb, void *payload)
{
	nr_read_options def = NR_READ_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (!out)
		return NR_EINVAL;
	*out = NULL;
	if (!cb || !options_ok(opts))
		return NR_EINVAL;
	nr_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return NR_ENOMEM;
	init_reader(r, opts, cb, payload);
	if (opts->name && !(r->name = strdup(opts->name))) {
		free(r);
		return NR_ENOMEM;
	}
	r->ctx.source = r->name ? r->name : "<stream>";
	*out = r;
	return NR_OK;
}

int nr_reader_push(nr_reader *r, const void *data, size_t len)
{
	if (!r || (!data && len) || r->finished)
		return NR_EINVAL;
	if (len)
		feed(r, data, len, false);
	if (r->ctx.stop)
		return NR_EABORT;
	return r->oom ? NR_ENOMEM : NR_OK;
}

int nr_reader_finish(nr_reader *r)
{
	if (!r || r->finished)
		return NR_EINVAL;
	feed(r, "", 0, true);
	r->finished = true;
	nr_buf__free(&r->buf);
	return r->ctx.first_error;
}

void nr_reader_free(nr_reader *r)
{
	if (!r)
		return;
	nr_xml__unquiet(&r->ctx.quiet);
	nr_buf__free(&r->buf);
	free(r->name);
	free(r);
}

void nr_reader__set_size(nr_reader *r, uintmax_t size)
{
	r->size_kind = SIZE_FILE;
	r->size = size;
}

void nr_reader__fail_io(nr_reader *r, int err)
{
	nr_read__fail(&r->ctx, NR_EIO, "read error: %s", strerror(err));
	r->mode = M_DRAIN;
	r->buf.len = 0;
}

bool nr_reader__refused(const nr_reader *r)
{
	return r->mode == M_DRAIN || r->mode == M_DONE || r->ctx.stop;
}

int nr_read_buffer(const char *data, size_t len, const nr_read_options *opts, nr_read_cb cb,
		   void *payload)
{
	nr_read_options def = NR_READ_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (!cb || (!data && len) || !options_ok(opts))
		return NR_EINVAL;
	nr_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return NR_ENOMEM;
	init_reader(r, opts, cb, payload);
	/* Borrowed: the reader does not outlive the call. */
	r->name = (char *)opts->name;
	r->ctx.source = opts->name ? opts->name : "<buffer>";
	r->size_kind = SIZE_BUFFER;
	r->size = len;
	feed(r, data ? data : "", len, true);
	int rc = r->ctx.first_error;
	nr_buf__free(&r->buf);
	free(r);
	return rc;
}

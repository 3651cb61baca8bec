/*
 * jsonl.c - JSON Lines: one article object per line. Also accepted:
 * a whole file that is one JSON array of such objects, or one (possibly
 * pretty-printed) object. Fields the article model has no place for are
 * kept as a JSON object in extra_json.
 */
#include "read/xml.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef enum field_kind {
	F_UNKNOWN = 0,
	F_META,  /* a metadata field */
	F_TEXT,  /* plain-text body */
	F_HTML,  /* HTML body */
	F_BYLINE /* byline: string, list of names, or {name} objects */
} field_kind;

static const struct {
	const char *key;
	field_kind kind;
	nr_meta meta;
} fields[] = {
	{ "id", F_META, NR_META_ID },
	{ "title", F_META, NR_META_TITLE },
	{ "headline", F_META, NR_META_TITLE },
	{ "url", F_META, NR_META_URL },
	{ "link", F_META, NR_META_URL },
	{ "published", F_META, NR_META_PUBLISHED },
	{ "date", F_META, NR_META_PUBLISHED },
	{ "source", F_META, NR_META_SOURCE },
	{ "language", F_META, NR_META_LANGUAGE },
	{ "lang", F_META, NR_META_LANGUAGE },
	{ "byline", F_BYLINE, NR_META_BYLINE },
	{ "author", F_BYLINE, NR_META_BYLINE },
	{ "text", F_TEXT, NR_META_ID },
	{ "body", F_TEXT, NR_META_ID },
	{ "content", F_TEXT, NR_META_ID },
	{ "html", F_HTML, NR_META_ID },
};

static int find_field(const char *key)
{
	for (size_t i = 0; i < NR_ARRAY_LEN(fields); i++)
		if (!strcmp(key, fields[i].key))
			return (int)i;
	return -1;
}

/* A scalar as text: strings as they are, numbers printed (ids are often
 * numeric). Returns false for anything else. */
static bool scalar_text(json_t *v, char *tmp, size_t tmplen, const char **s, size_t *len)
{
	if (json_is_string(v)) {
		*s = json_string_value(v);
		*len = json_string_length(v);
		return true;
	}
	int n = -1;
	if (json_is_integer(v))
		n = snprintf(tmp, tmplen, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		n = snprintf(tmp, tmplen, "%.17g", json_real_value(v));
	if (n < 0 || (size_t)n >= tmplen)
		return false;
	*s = tmp;
	*len = (size_t)n;
	return true;
}

/* "Jane Doe", ["Jane Doe", "John Roe"] or [{"name": "Jane Doe"}]. */
static bool byline_text(json_t *v, nr_buf *out)
{
	if (json_is_string(v)) {
		nr_buf__put(out, json_string_value(v), json_string_length(v));
		return true;
	}
	if (json_is_object(v)) {
		json_t *name = json_object_get(v, "name");
		if (!json_is_string(name))
			return false;
		nr_buf__put(out, json_string_value(name), json_string_length(name));
		return true;
	}
	if (!json_is_array(v) || json_array_size(v) == 0)
		return false;
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		if (json_is_object(e))
			e = json_object_get(e, "name");
		if (!json_is_string(e))
			return false;
		if (out->len)
			nr_buf__puts(out, ", ");
		nr_buf__put(out, json_string_value(e), json_string_length(e));
	}
	return true;
}

/* A metadata field: a scalar sets it unless an alias set it first; null
 * is accepted as "none". *used is false for values of another shape. */
static int take_meta(nr_article *a, nr_meta meta, json_t *v, bool *used)
{
	char tmp[64];
	const char *s;
	size_t len;
	if (json_is_null(v)) {
		*used = true;
		return NR_OK;
	}
	if (!scalar_text(v, tmp, sizeof(tmp), &s, &len))
		return NR_OK;
	*used = true;
	/* The first of two aliases wins. */
	return nr_article__has_meta(a, meta) ? NR_OK : nr_article__set_meta(a, meta, s, len);
}

static int take_byline(nr_article *a, json_t *v, bool *used)
{
	if (json_is_null(v)) {
		*used = true;
		return NR_OK;
	}
	int rc = NR_OK;
	nr_buf b = NR_BUF_INIT;
	if (byline_text(v, &b)) {
		if (b.oom)
			rc = NR_ENOMEM;
		else if (!nr_article__has_meta(a, NR_META_BYLINE) && b.len)
			rc = nr_article__set_meta(a, NR_META_BYLINE, b.data, b.len);
		*used = true;
	}
	nr_buf__free(&b);
	return rc;
}

/* The record's body fields, kept for after the metadata. */
typedef struct record_body {
	json_t *text, *html;
} record_body;

/* Take one known field into the article (or, for the body, into `body`);
 * *used tells whether it was taken. */
static int take_field(nr_article *a, int f, json_t *v, record_body *body, bool *used)
{
	switch (fields[f].kind) {
	case F_META: return take_meta(a, fields[f].meta, v, used);
	case F_BYLINE: return take_byline(a, v, used);
	case F_TEXT:
		if (json_is_string(v) && !body->text) {
			body->text = v;
			*used = true;
		}
		return NR_OK;
	case F_HTML:
		if (json_is_string(v) && !body->html) {
			body->html = v;
			*used = true;
		}
		return NR_OK;
	default: return NR_OK;
	}
}

/* Every field of the record: known ones into the article, the rest (and
 * known ones of a shape we cannot use) kept in `extra` rather than lost. */
static int take_fields(nr_article *a, json_t *obj, json_t *extra, record_body *body)
{
	int rc = NR_OK;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int f = find_field(key);
		bool used = false;
		if (f >= 0)
			rc = take_field(a, f, v, body, &used);
		if (!used && !rc && json_object_set(extra, key, v))
			rc = NR_ENOMEM;
		if (rc)
			break;
	}
	return rc;
}

/* Paragraphs from the text field, else from the html field. */
static int add_record_body(nr_article *a, const record_body *body, nr_buf *why)
{
	int rc = NR_OK;
	if (body->text)
		rc = nr_text__extract(a, json_string_value(body->text),
				      json_string_length(body->text), false);
	if (!rc && body->html && a->nparagraphs == 0)
		rc = nr_xml__html_body(a, json_string_value(body->html),
				       json_string_length(body->html), why);
	if (!rc && a->nparagraphs == 0) {
		nr_buf__puts(why, body->text || body->html ? "no text in the text/html field"
							   : "no \"text\" or \"html\" field");
		rc = NR_EEMPTY;
	}
	return rc;
}

/* ---- pass-through fields ----------------------------------------------- */

/*
 * Every alert on an article repeats its pass-through fields, so a record
 * with a 1 MB field and 300 alerts would write 300 MB. An alert repeats
 * those that fit NR_EXTRA_ALERT_MAX together (compact JSON), in record
 * order, each whole; the others it names with their size under
 * "left_out" (docs/formats.md): the first LEFT_LISTED with names up to
 * LEFT_NAME_MAX bytes, the rest counted in a last {"more", "bytes"}.
 * inspect's JSON carries every field once.
 */
#define LEFT_LISTED 16
#define LEFT_NAME_MAX 128

/* Bytes of a key and of its value as compact JSON; false without memory. */
static bool dumped_sizes(const char *key, json_t *v, size_t *kb, size_t *vb)
{
	json_t *k = json_string(key);
	char *ks = k ? json_dumps(k, JSON_ENCODE_ANY) : NULL;
	char *vs = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	bool ok = ks && vs;
	if (ok) {
		*kb = strlen(ks);
		*vb = strlen(vs);
	}
	json_decref(k);
	free(ks);
	free(vs);
	return ok;
}

/* What the alerts leave out of the fields: counts, and the first names. */
typedef struct left_out {
	json_t *list;
	size_t more, more_bytes;
} left_out;

static int note_left_out(left_out *lo, const char *key, size_t bytes)
{
	size_t n = json_array_size(lo->list);
	if (n >= LEFT_LISTED || strlen(key) > LEFT_NAME_MAX) {
		lo->more++;
		lo->more_bytes += bytes;
		return NR_OK;
	}
	json_t *e = json_pack("{s:s,s:I}", "name", key, "bytes", (json_int_t)bytes);
	return e && !json_array_append_new(lo->list, e) ? NR_OK : NR_ENOMEM;
}

/* {"extra": {...}, "left_out": [...]} as every alert repeats it. */
static json_t *alert_form(json_t *extra)
{
	json_t *kept = json_object(), *form = json_object();
	left_out lo = { json_array(), 0, 0 };
	int rc = kept && form && lo.list ? NR_OK : NR_ENOMEM;
	size_t used = 2; /* {} */
	const char *key;
	json_t *v;
	json_object_foreach(extra, key, v)
	{
		size_t kb, vb;
		if (rc || !dumped_sizes(key, v, &kb, &vb)) {
			rc = NR_ENOMEM;
			break;
		}
		size_t add = kb + 1 + vb + (used > 2);
		if (add <= NR_EXTRA_ALERT_MAX - used) {
			used += add;
			rc = json_object_set(kept, key, v) ? NR_ENOMEM : NR_OK;
		} else {
			rc = note_left_out(&lo, key, vb);
		}
	}
	if (!rc && lo.more &&
	    json_array_append_new(lo.list, json_pack("{s:I,s:I}", "more", (json_int_t)lo.more,
						     "bytes", (json_int_t)lo.more_bytes)))
		rc = NR_ENOMEM;
	if (!rc && json_object_set(form, "extra", kept))
		rc = NR_ENOMEM;
	if (!rc && json_array_size(lo.list) && json_object_set(form, "left_out", lo.list))
		rc = NR_ENOMEM;
	json_decref(kept);
	json_decref(lo.list);
	if (rc) {
		json_decref(form);
		return NULL;
	}
	return form;
}

static char *dup_dump(json_t *o)
{
	char *dump = o ? json_dumps(o, JSON_COMPACT) : NULL;
	char *copy = dump ? strdup(dump) : NULL;
	free(dump);
	return copy;
}

static int keep_extra(nr_article *a, json_t *extra)
{
	if (json_object_size(extra) == 0)
		return NR_OK;
	a->extra_json = dup_dump(extra);
	json_t *form = a->extra_json ? alert_form(extra) : NULL;
	a->extra_alert = dup_dump(form);
	json_decref(form);
	return a->extra_json && a->extra_alert ? NR_OK : NR_ENOMEM;
}

/*
 * Build an article from one record. On failure returns a code and writes
 * the reason (without the line prefix) into `why`.
 */
static int read_record(nr_reader_ctx *ctx, json_t *obj, nr_article **out, nr_buf *why)
{
	*out = NULL;
	if (!json_is_object(obj)) {
		nr_buf__puts(why, "not a JSON object");
		return NR_EPARSE;
	}
	nr_article *a;
	int rc = nr_article__new(&a, NR_FORMAT_JSONL);
	if (rc)
		return rc;
	json_t *extra = json_object();
	record_body body = { NULL, NULL };
	rc = extra ? take_fields(a, obj, extra, &body) : NR_ENOMEM;
	if (!rc)
		rc = add_record_body(a, &body, why);
	if (!rc)
		rc = keep_extra(a, extra);
	json_decref(extra);
	if (!rc)
		rc = nr_read__default_id(ctx, a, true);
	if (!rc)
		rc = nr_read__finish(a);
	if (rc) {
		if (!why->len)
			nr_buf__puts(why, nr_strerror(rc));
		nr_article_free(a);
		return rc;
	}
	*out = a;
	return NR_OK;
}

/* Report one record as an article or an error; false to stop. */
static bool report(nr_reader_ctx *ctx, json_t *obj, const char *unit, size_t n)
{
	nr_article *a;
	nr_buf why = NR_BUF_INIT;
	int rc = read_record(ctx, obj, &a, &why);
	bool go;
	if (rc)
		go = nr_read__fail(ctx, rc, "%s %zu: %s", unit, n,
				   why.oom || !why.data ? nr_strerror(rc) : why.data);
	else
		go = nr_read__emit(ctx, a);
	nr_buf__free(&why);
	return go;
}

/* jansson insists on UTF-8: a line in windows-1252 is converted first. */
static json_t *load(const char *s, size_t len, json_error_t *jerr, bool *oom)
{
	*oom = false;
	if (nr_utf8__valid(s, len))
		return json_loadb(s, len, 0, jerr);
	nr_buf conv = NR_BUF_INIT;
	nr_utf8__convert(&conv, s, len, nr_utf8__guess(s, len));
	if (conv.oom) {
		nr_buf__free(&conv);
		*oom = true;
		return NULL;
	}
	json_t *v = json_loadb(conv.data ? conv.data : "", conv.len, 0, jerr);
	nr_buf__free(&conv);
	return v;
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/*
 * One JSON document for the whole input: an array of records or a single
 * (pretty-printed) object. A JSON Lines file fails this at its second
 * line; then *done is false and the input is read line by line.
 */
static int read_document(nr_reader_ctx *ctx, const char *s, size_t len, bool *done)
{
	json_error_t jerr;
	bool oom;
	*done = true;
	json_t *doc = load(s, len, &jerr, &oom);
	if (oom)
		return NR_ENOMEM;
	if (json_is_array(doc)) {
		size_t k;
		json_t *e;
		json_array_foreach(doc, k, e)
		{
			if (!report(ctx, e, "item", k + 1))
				break;
		}
		if (json_array_size(doc) == 0)
			nr_read__fail(ctx, NR_EEMPTY, "the JSON array is empty");
	} else if (doc) {
		report(ctx, doc, "line", 1);
	} else if (s[0] == '[') {
		nr_read__fail(ctx, NR_EPARSE, "line %d: invalid JSON: %s", jerr.line, jerr.text);
	} else {
		*done = false;
	}
	json_decref(doc);
	return NR_OK;
}

bool nr_jsonl__line(nr_reader_ctx *ctx, const char *s, size_t n, size_t lineno, bool *record,
		    int *rc)
{
	*rc = NR_OK;
	*record = false;
	if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	while (n && is_ws(s[n - 1]))
		n--;
	while (n && is_ws(*s)) {
		s++;
		n--;
	}
	if (!n)
		return true;
	*record = true;
	json_error_t jerr;
	bool oom;
	json_t *obj = load(s, n, &jerr, &oom);
	if (oom) {
		*rc = NR_ENOMEM;
		return false;
	}
	bool go;
	if (!obj)
		go = nr_read__fail(ctx, NR_EPARSE, "line %zu: invalid JSON: %s", lineno, jerr.text);
	else
		go = report(ctx, obj, "line", lineno);
	json_decref(obj);
	return go;
}

/* One record per non-blank line. */
static int read_lines(nr_reader_ctx *ctx, const char *data, size_t len)
{
	size_t lineno = 0, records = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		lineno++;
		bool record;
		int rc;
		bool go = nr_jsonl__line(ctx, data + pos, end - pos, lineno, &record, &rc);
		pos = end + 1;
		records += record;
		if (rc)
			return rc;
		if (!go)
			break;
	}
	if (records == 0)
		nr_read__fail(ctx, NR_EEMPTY, "no JSON records in input");
	return NR_OK;
}

int nr_reader_jsonl__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && is_ws(data[i]))
		i++;
	if (i < len && (data[i] == '[' || data[i] == '{')) {
		bool done;
		int rc = read_document(ctx, data + i, len - i, &done);
		if (rc || done)
			return rc;
	}
	return read_lines(ctx, data, len);
}

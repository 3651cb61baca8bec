/* text.c - plain text articles: one article per input. */
#include "read/read.h"

#include <string.h>

int nr_reader_text__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	/* Valid UTF-8 without a BOM, the common case, is read in place. */
	nr_buf utf8 = NR_BUF_INIT;
	const char *text = data;
	size_t tlen = len;
	bool bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	if (bom || !nr_utf8__valid(data, len)) {
		nr_utf8__convert(&utf8, data, len, nr_utf8__guess(data, len));
		if (utf8.oom) {
			nr_buf__free(&utf8);
			return NR_ENOMEM;
		}
		text = utf8.data ? utf8.data : "";
		tlen = utf8.len;
	}
	nr_article *a;
	int rc = nr_article__new(&a, NR_FORMAT_TEXT);
	if (!rc)
		rc = nr_text__extract(a, text, tlen, true);
	nr_buf__free(&utf8);
	if (!rc && a->nparagraphs == 0 && !nr_article__has_meta(a, NR_META_TITLE)) {
		nr_article_free(a);
		nr_read__fail(ctx, NR_EEMPTY, "no article text left after removing page furniture");
		return NR_OK;
	}
	if (!rc)
		rc = nr_read__default_id(ctx, a, false);
	if (!rc)
		rc = nr_read__finish(a);
	if (rc) {
		nr_article_free(a);
		return rc;
	}
	nr_read__emit(ctx, a);
	return NR_OK;
}

int nr_article_from_text(nr_article **out, const char *text, size_t len, const char *title)
{
	if (!out || (!text && len))
		return NR_EINVAL;
	*out = NULL;
	nr_article *a;
	int rc = nr_article__new(&a, NR_FORMAT_TEXT);
	if (rc)
		return rc;
	nr_buf utf8 = NR_BUF_INIT;
	nr_utf8__convert(&utf8, text ? text : "", len, nr_utf8__guess(text ? text : "", len));
	if (utf8.oom)
		rc = NR_ENOMEM;
	if (!rc && title)
		rc = nr_article__set_meta(a, NR_META_TITLE, title, strlen(title));
	if (!rc)
		rc = nr_text__extract(a, utf8.data ? utf8.data : "", utf8.len, false);
	nr_buf__free(&utf8);
	if (!rc)
		rc = nr_read__finish(a);
	if (rc) {
		nr_article_free(a);
		return rc;
	}
	*out = a;
	return NR_OK;
}

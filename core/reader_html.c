/* reader_html.c - not written yet. */
#include "internal.h"

int nr_reader_html__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	NR_UNUSED(data);
	NR_UNUSED(len);
	nr_read__fail(ctx, NR_EFORMAT, "the html reader is not available yet");
	return NR_OK;
}

int nr_html__extract(nr_article *a, const char *html, size_t len, bool fragment, nr_buf *err)
{
	NR_UNUSED(a);
	NR_UNUSED(html);
	NR_UNUSED(len);
	NR_UNUSED(fragment);
	nr_buf__puts(err, "HTML extraction is not available yet");
	return NR_EFORMAT;
}

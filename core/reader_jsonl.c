/* reader_jsonl.c - not written yet. */
#include "internal.h"

int nr_reader_jsonl__read(nr_reader_ctx *ctx, const char *data, size_t len)
{
	NR_UNUSED(data);
	NR_UNUSED(len);
	nr_read__fail(ctx, NR_EFORMAT, "the jsonl reader is not available yet");
	return NR_OK;
}

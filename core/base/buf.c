/* buf.c - growable byte buffer with a sticky out-of-memory flag, so a
 * long run of appends needs one check at the end. */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nr_buf__free(nr_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

bool nr_buf__reserve(nr_buf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (extra > SIZE_MAX - b->len - 1) {
		b->oom = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	/* Terminate at once: a buffer that was only reserved must still
	 * read (and detach) as an empty string. */
	p[b->len] = '\0';
	b->data = p;
	b->cap = cap;
	return true;
}

void nr_buf__put(nr_buf *b, const char *s, size_t len)
{
	if (!nr_buf__reserve(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void nr_buf__puts(nr_buf *b, const char *s) { nr_buf__put(b, s, strlen(s)); }

void nr_buf__putc(nr_buf *b, char c)
{
	if (!nr_buf__reserve(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void nr_buf__printf(nr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[256];
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		nr_buf__put(b, small, (size_t)n);
		return;
	}
	if (!nr_buf__reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *nr_buf__detach(nr_buf *b, size_t *len)
{
	char *p = b->data;
	if (!p) {
		p = malloc(1);
		if (p)
			p[0] = '\0';
	}
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

bool nr__grow(void **arr, size_t *cap, size_t elem, size_t first)
{
	size_t ncap = *cap ? *cap * 2 : first;
	if (ncap < *cap || ncap > SIZE_MAX / elem)
		return false;
	void *p = realloc(*arr, ncap * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

char *nr__memdup0(const void *p, size_t n)
{
	char *d = n < SIZE_MAX ? malloc(n + 1) : NULL;
	if (d) {
		if (n)
			memcpy(d, p, n);
		d[n] = '\0';
	}
	return d;
}

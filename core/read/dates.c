/* dates.c - the dates feeds and NITF write, rewritten as the ISO 8601
 * extended form rules and output use: RFC 822 ("Tue, 04 Nov 2025
 * 09:15:00 +0100") and ISO 8601 basic ("20251104T091500+0100"). */
#include "read/read.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* RFC 822                                                              */

static const char *skip_date_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == ',')
		s++;
	return s;
}

/* minw..maxw digits as a number. */
static bool read_num(const char **s, int minw, int maxw, int *out)
{
	const char *p = *s;
	int v = 0, n = 0;
	while (n < maxw && isdigit((unsigned char)*p)) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < minw)
		return false;
	*s = p;
	*out = v;
	return true;
}

/* "Tue, 4 Nov 2025" (day name optional, two-digit years taken as
 * 1950..2049); *mon is 0..11. */
static bool read_date(const char **s, int *day, int *mon, int *year)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
					      "jul", "aug", "sep", "oct", "nov", "dec" };
	const char *p = skip_date_blanks(*s);
	if (isalpha((unsigned char)*p)) { /* optional day name */
		while (isalpha((unsigned char)*p))
			p++;
		p = skip_date_blanks(p);
	}
	if (!read_num(&p, 1, 2, day))
		return false;
	p = skip_date_blanks(p);
	*mon = -1;
	for (int i = 0; i < 12; i++)
		if (nr_ascii__prefix_ci(p, strlen(p), months[i]))
			*mon = i;
	if (*mon < 0)
		return false;
	while (isalpha((unsigned char)*p))
		p++;
	p = skip_date_blanks(p);
	const char *ys = p;
	if (!read_num(&p, 2, 4, year) || (p - ys) == 3)
		return false;
	if (p - ys == 2)
		*year += *year < 50 ? 2000 : 1900;
	*s = p;
	return true;
}

/* "09:15" or "09:15:00". */
static bool read_time(const char **s, int *hh, int *mm, int *ss)
{
	const char *p = skip_date_blanks(*s);
	*ss = 0;
	if (!read_num(&p, 1, 2, hh) || *p++ != ':' || !read_num(&p, 2, 2, mm))
		return false;
	if (*p == ':') {
		p++;
		if (!read_num(&p, 2, 2, ss))
			return false;
	}
	*s = p;
	return true;
}

/* "+0100", "-0500", or a zone name RFC 822 lists; *off in minutes east. */
static bool read_zone(const char **s, int *off)
{
	static const struct {
		const char *name;
		int minutes;
	} zones[] = { { "gmt", 0 },    { "ut", 0 },     { "utc", 0 },    { "z", 0 },
		      { "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
		      { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 } };
	const char *p = skip_date_blanks(*s);
	if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1, z;
		p++;
		const char *zs = p;
		if (!read_num(&p, 4, 4, &z) || p - zs != 4)
			return false;
		*off = sign * ((z / 100) * 60 + z % 100);
		*s = p;
		return true;
	}
	size_t zl = 0;
	while (isalpha((unsigned char)p[zl]))
		zl++;
	bool known = false;
	for (size_t i = 0; i < NR_ARRAY_LEN(zones); i++) {
		if (zl == strlen(zones[i].name) && nr_ascii__prefix_ci(p, zl, zones[i].name)) {
			*off = zones[i].minutes;
			known = true;
		}
	}
	*s = p + zl;
	return known;
}

bool nr_date__rfc822_to_iso(const char *s, char *out, size_t outlen)
{
	int day, mon, year, hh, mm, ss, off = 0;
	const char *p = s;
	if (!read_date(&p, &day, &mon, &year) || !read_time(&p, &hh, &mm, &ss) ||
	    !read_zone(&p, &off))
		return false;
	p = skip_date_blanks(p);
	if (*p || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60)
		return false;
	int n;
	if (off == 0)
		n = snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, mon + 1, day, hh,
			     mm, ss);
	else
		n = snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, mon + 1,
			     day, hh, mm, ss, off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
	return n > 0 && (size_t)n < outlen;
}

/* ------------------------------------------------------------------ */
/* ISO 8601 basic                                                       */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

size_t nr_date__iso_basic_to_extended(const char *v, char *out, size_t outlen)
{
	size_t len = strlen(v);
	if (outlen < 32 || len < 8 || !digits(v, 8))
		return 0;
	size_t o = (size_t)snprintf(out, outlen, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
	const char *p = v + 8;
	size_t rest = len - 8;
	if (rest >= 5 && *p == 'T' && digits(p + 1, 4)) {
		bool secs = rest >= 7 && digits(p + 5, 2);
		o += (size_t)snprintf(out + o, outlen - o, "T%.2s:%.2s:%.2s", p + 1, p + 3,
				      secs ? p + 5 : "00");
		p += secs ? 7 : 5;
		rest -= secs ? 7 : 5;
		if (rest == 1 && *p == 'Z') {
			out[o++] = 'Z';
			rest = 0;
		} else if (rest == 5 && (*p == '+' || *p == '-') && digits(p + 1, 4)) {
			if (!strcmp(p + 1, "0000"))
				out[o++] = 'Z';
			else
				o += (size_t)snprintf(out + o, outlen - o, "%c%.2s:%.2s", *p, p + 1,
						      p + 3);
			rest = 0;
		}
	}
	return rest == 0 ? o : 0;
}

/* html_clean.c - the last filter over the paragraphs of an HTML body:
 * what the chosen containers hold besides the story. Lines of links,
 * furniture phrases ("Share this article", "Read more:"), timestamps and
 * datelines, "Follow us" lines, and the headline and byline repeated at
 * the top are dropped; the words are page furniture on any site, never
 * those of a particular story. */
#include "read/html.h"

#include <ctype.h>
#include <string.h>

/* Lowercased ASCII key without edge punctuation, for phrase look-ups. */
static bool phrase_key(const char *s, size_t len, char *out, size_t cap)
{
	while (len && strchr(" .:;!|>\xBB-", s[len - 1]))
		len--;
	while (len && strchr(" |<\xAB-", s[0]))
		s++, len--;
	if (len + 1 > cap)
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[len] = '\0';
	return true;
}

static const char *const furniture[] = {
	"advertisement",
	"advertising",
	"sponsored",
	"sponsored content",
	"share",
	"share this",
	"share this article",
	"share this story",
	"share on facebook",
	"share on twitter",
	"tweet",
	"email",
	"print",
	"comments",
	"comment",
	"leave a comment",
	"read more",
	"continue reading",
	"related",
	"related articles",
	"related stories",
	"see also",
	"more",
	"subscribe",
	"sign up",
	"follow us",
	"back to top",
	"skip to content",
	"loading",
	"loading...",
	"close",
	"menu",
	"next",
	"previous",
	"facebook",
	"twitter",
	"linkedin",
	"whatsapp",
	"pinterest",
	"reddit",
	"copy link",
	"story continues below",
	"article continues below",
	"continue reading below",
	"scroll to continue",
	"view comments",
	"show comments",
	"click here",
	"image",
	"photo",
	"video",
};

static const char *const furniture_prefixes[] = {
	"read more:",
	"read also:",
	"also read:",
	"related:",
	"see also:",
	"more:",
	"tags:",
	"topics:",
	"filed under",
	"share this",
	"follow us",
	"sign up for",
	"subscribe to",
	"click here",
	"advertisement",
	"image:",
	"photo:",
	"credit:",
	"image credit",
	"photo credit",
	"copyright",
	"\xC2\xA9",
	"all rights reserved",
	"recommended:",
	"watch:",
	"listen:",
	"read next",
	"don't miss",
	"you may also like",
};

static bool is_furniture_phrase(const char *s, size_t len)
{
	char key[96];
	if (len < 90) {
		for (size_t i = 0; i < NR_ARRAY_LEN(furniture_prefixes); i++) {
			size_t n = strlen(furniture_prefixes[i]);
			if (len >= n && !strncasecmp(s, furniture_prefixes[i], n))
				return true;
		}
	}
	if (!phrase_key(s, len, key, sizeof(key)))
		return false;
	for (size_t i = 0; i < NR_ARRAY_LEN(furniture); i++)
		if (!strcmp(key, furniture[i]))
			return true;
	return false;
}

/* Same words, ignoring case, spacing and punctuation. */
static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < alen && !isalnum((unsigned char)a[i]) && (unsigned char)a[i] < 0x80)
			i++;
		while (j < blen && !isalnum((unsigned char)b[j]) && (unsigned char)b[j] < 0x80)
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[j]))
			return false;
		i++, j++;
	}
}

static bool ends_with_stop_or_colon(const char *s, size_t len)
{
	while (len && strchr("\"')]\xBB\x9D\x99", s[len - 1]))
		len--;
	return len && strchr(".!?:", s[len - 1]);
}

static bool ci_find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n < 10)
		return false;
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* "Updated 11:21 pm, Tuesday" and the like: page furniture around the
 * story, not part of it. */
static bool is_timestamp_line(const char *s, size_t len)
{
	static const char *const lead[] = {
		"updated",      "published",     "posted",
		"last updated", "last modified", "first published",
	};
	if (len >= 80)
		return false;
	bool lead_ok = false;
	for (size_t i = 0; i < NR_ARRAY_LEN(lead) && !lead_ok; i++)
		lead_ok = !strncasecmp(s, lead[i], strlen(lead[i]));
	if (!lead_ok)
		return false;
	for (size_t i = 0; i < len; i++)
		if (isdigit((unsigned char)s[i]))
			return true;
	return false;
}

/* "Follow us on Twitter and Facebook": the page promoting itself. */
static bool is_follow_us(const char *s, size_t len)
{
	if (len >= 250)
		return false;
	char low[256];
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[len] = '\0';
	if (!strstr(low, "follow"))
		return false;
	if (strstr(low, "twitter") || strstr(low, "facebook") || strstr(low, "instagram"))
		return true;
	return !strncmp(low, "follow ", 7) && (strstr(low, "http") || strstr(low, "coverage"));
}

static bool has_year(const char *s, size_t len)
{
	for (size_t i = 0; i + 4 <= len; i++) {
		if ((i > 0 && isdigit((unsigned char)s[i - 1])) ||
		    (i + 4 < len && isdigit((unsigned char)s[i + 4])))
			continue;
		if ((!strncmp(s + i, "19", 2) || !strncmp(s + i, "20", 2)) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
			return true;
	}
	return false;
}

/* A line that is only a date and time ("Nov. 20, 2019 6:02 AM EST"): the
 * page's dateline above the story. */
static bool is_date_line(const char *s, size_t len)
{
	if (len >= 60 || !has_year(s, len))
		return false;
	size_t letters = 0, words = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		bool alpha = isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
		letters += alpha;
		if (alpha && !in)
			words++;
		in = alpha;
	}
	/* Month and weekday names, AM/PM, a zone: a handful of short words. */
	return words <= 6 && letters <= 30;
}

/* Is this paragraph article text? `body_started` once a long kept
 * paragraph has been seen: datelines and bylines only stand above it. */
static bool is_article_text(const nr_html_para *p, const char *s, const char *title,
			    size_t title_len, const char *byline, bool body_started)
{
	double ld = p->chars ? (double)p->link / p->chars : 0;
	bool heading = p->tag >= T_H2 && p->tag <= T_H6;
	if (!heading &&
	    ((ld > 0.5 && p->chars < 100 && p->plain_words < 3) || (ld > 0.75 && p->chars < 400)))
		return false;
	if (is_furniture_phrase(s, p->len))
		return false;
	if (*title && p->chars < 300 && same_text(s, p->len, title, title_len))
		return false;
	if (*title && p->len < title_len + 40 && ci_find(s, title))
		return false; /* breadcrumb or kicker ending in the headline */
	if (is_timestamp_line(s, p->len) || is_follow_us(s, p->len))
		return false;
	if (!body_started && is_date_line(s, p->len))
		return false;
	if (!body_started && p->chars < 100 && !ends_with_stop_or_colon(s, p->len) &&
	    ((p->len > 3 && !strncasecmp(s, "by ", 3)) ||
	     (*byline && strlen(byline) >= 4 && strstr(s, byline))))
		return false;
	return true;
}

void nr_html__keep_paras(const nr_html_para *p, size_t n, const char *store,
			 const nr_html_hints *hints, bool fragment, bool *keep)
{
	const char *title = hints && hints->title ? hints->title : "";
	const char *byline = hints && hints->byline ? hints->byline : "";
	size_t title_len = strlen(title);
	bool body_started = false;
	for (size_t i = 0; i < n; i++) {
		keep[i] = fragment || is_article_text(&p[i], store + p[i].off, title, title_len,
						      byline, body_started);
		if (keep[i] && p[i].chars >= 100)
			body_started = true;
	}
}

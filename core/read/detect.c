/* detect.c - input formats: their names, and telling which one a buffer
 * holds from its first bytes (and its file name when there is one). */
#include "read/read.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const char *nr_format_name(nr_format f)
{
	switch (f) {
	case NR_FORMAT_AUTO: return "auto";
	case NR_FORMAT_TEXT: return "text";
	case NR_FORMAT_HTML: return "html";
	case NR_FORMAT_FEED: return "feed";
	case NR_FORMAT_NITF: return "nitf";
	case NR_FORMAT_JSONL: return "jsonl";
	}
	return "unknown";
}

int nr_format_parse(nr_format *out, const char *name)
{
	static const struct {
		const char *name;
		nr_format f;
	} names[] = {
		{ "auto", NR_FORMAT_AUTO },    { "text", NR_FORMAT_TEXT },
		{ "txt", NR_FORMAT_TEXT },     { "plain", NR_FORMAT_TEXT },
		{ "html", NR_FORMAT_HTML },    { "htm", NR_FORMAT_HTML },
		{ "feed", NR_FORMAT_FEED },    { "rss", NR_FORMAT_FEED },
		{ "atom", NR_FORMAT_FEED },    { "nitf", NR_FORMAT_NITF },
		{ "jsonl", NR_FORMAT_JSONL },  { "json", NR_FORMAT_JSONL },
		{ "ndjson", NR_FORMAT_JSONL },
	};
	if (!out || !name)
		return NR_EINVAL;
	for (size_t i = 0; i < NR_ARRAY_LEN(names); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return NR_OK;
		}
	}
	return NR_EFORMAT;
}

/* Case-insensitive search for an ASCII needle in the first bytes. */
static bool head_has(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (len > 8192)
		len = 8192;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && tolower((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static const char *strstr_n(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return s + i + n - 1;
	return NULL;
}

static nr_format format_from_ext(const char *name)
{
	if (!name)
		return NR_FORMAT_AUTO;
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (!dot || (slash && dot < slash))
		return NR_FORMAT_AUTO;
	dot++;
	if (!strcasecmp(dot, "html") || !strcasecmp(dot, "htm") || !strcasecmp(dot, "xhtml"))
		return NR_FORMAT_HTML;
	if (!strcasecmp(dot, "rss") || !strcasecmp(dot, "atom"))
		return NR_FORMAT_FEED;
	if (!strcasecmp(dot, "nitf"))
		return NR_FORMAT_NITF;
	if (!strcasecmp(dot, "jsonl") || !strcasecmp(dot, "ndjson") || !strcasecmp(dot, "json"))
		return NR_FORMAT_JSONL;
	if (!strcasecmp(dot, "txt") || !strcasecmp(dot, "text"))
		return NR_FORMAT_TEXT;
	return NR_FORMAT_AUTO;
}

/*
 * The name of the first element, past the XML declaration, comments,
 * processing instructions and a DOCTYPE (with its internal subset), within
 * the first 64 KiB. NULL when there is none in reach.
 */
static const char *root_element(const char *s, size_t len, size_t *namelen)
{
	if (len > 65536)
		len = 65536;
	size_t i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i + 1 >= len || s[i] != '<')
			return NULL;
		const char *end = NULL;
		if (s[i + 1] == '?') {
			end = strstr_n(s + i, len - i, "?>");
		} else if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			end = strstr_n(s + i, len - i, "-->");
		} else if (s[i + 1] == '!') {
			/* DOCTYPE: skip to the '>' that is outside the [...] subset. */
			int depth = 0;
			for (size_t k = i; k < len && !end; k++) {
				if (s[k] == '[')
					depth++;
				else if (s[k] == ']' && depth > 0)
					depth--;
				else if (s[k] == '>' && depth == 0)
					end = s + k;
			}
		} else {
			size_t k = i + 1;
			while (k < len && (isalnum((unsigned char)s[k]) || s[k] == ':' ||
					   s[k] == '-' || s[k] == '_' || s[k] == '.'))
				k++;
			*namelen = k - i - 1;
			return *namelen ? s + i + 1 : NULL;
		}
		if (!end)
			return NULL;
		i = (size_t)(end - s) + 1;
	}
	return NULL;
}

static bool name_is(const char *n, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(n, want, len) == 0;
}

/*
 * Does the JSON value opening at s[i] look like JSON rather than prose?
 * News text often opens with a bracket ("[Updated 10:05] ...", "{Editor's
 * note}"), while a JSON object's first key is a string and an array holds
 * values.
 */
static bool json_opening(const unsigned char *s, size_t i, size_t len)
{
	unsigned char open = s[i++];
	while (i < len && isspace(s[i]))
		i++;
	if (i >= len)
		return true; /* a lone bracket: let the JSON reader say why */
	if (open == '{')
		return s[i] == '"' || s[i] == '}';
	return s[i] == '{' || s[i] == '[' || s[i] == ']' || s[i] == '"';
}

nr_format nr_format_detect(const char *data, size_t len, const char *name)
{
	size_t i = 0;
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	while (i < len && isspace(s[i]))
		i++;
	nr_format ext = format_from_ext(name);
	if (i < len && (s[i] == '{' || s[i] == '[') &&
	    (ext == NR_FORMAT_JSONL || json_opening(s, i, len)))
		return ext == NR_FORMAT_TEXT ? NR_FORMAT_TEXT : NR_FORMAT_JSONL;
	if (i < len && s[i] == '<') {
		const char *h = data + i;
		size_t hl = len - i;
		/* The root element decides when it is a known one: an HTML page
		 * may carry RDF licence metadata or quote "<rss" in its text. */
		size_t rl = 0;
		const char *root = root_element(h, hl, &rl);
		if (root) {
			const char *colon = memchr(root, ':', rl);
			const char *local = colon ? colon + 1 : root;
			size_t ll = colon ? rl - (size_t)(colon + 1 - root) : rl;
			if (name_is(local, ll, "rss") || name_is(local, ll, "rdf") ||
			    name_is(local, ll, "feed"))
				return NR_FORMAT_FEED;
			if (name_is(local, ll, "nitf"))
				return NR_FORMAT_NITF;
			if (name_is(local, ll, "html"))
				return NR_FORMAT_HTML;
		}
		if (head_has(h, hl, "<nitf"))
			return NR_FORMAT_NITF;
		if (head_has(h, hl, "<rss") || head_has(h, hl, "<rdf:rdf") ||
		    (head_has(h, hl, "<feed") && head_has(h, hl, "http://www.w3.org/2005/atom")))
			return NR_FORMAT_FEED;
		if (ext == NR_FORMAT_FEED || ext == NR_FORMAT_NITF)
			return ext;
		return NR_FORMAT_HTML;
	}
	if (ext == NR_FORMAT_HTML && head_has(data, len, "<"))
		return NR_FORMAT_HTML;
	return NR_FORMAT_TEXT;
}

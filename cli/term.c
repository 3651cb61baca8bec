/*
 * term.c - text the command prints, made safe for a terminal. Rule
 * messages, actors, fields and error messages, article titles and text,
 * and file names come from rule authors, article writers and whoever named
 * the files: an ESC, CR or newline in them would let them forge lines or
 * drive the terminal. Control characters (C0, DEL, C1), the invisible
 * marks that reorder text (bidi controls) and bytes that are not UTF-8
 * are written as escapes instead: \n, \r, \t, \x1b, \u202e.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence at s (at most len bytes) and its code
 * point, or 0 when the bytes are not UTF-8. */
static size_t utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (s[0] > 0xF4 || n == 0 || n > len)
		return 0;
	uint32_t c = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* Code points a terminal acts on or that reorder what it shows. */
static bool unsafe_cp(uint32_t c)
{
	return (c >= 0x80 && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void cli_put_safe(FILE *f, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		size_t run = i;
		while (run < len && s[run] >= 0x20 && s[run] < 0x7F)
			run++;
		fwrite(s + i, 1, run - i, f);
		if ((i = run) >= len)
			break;
		uint32_t cp = 0;
		size_t n = s[i] >= 0x80 ? utf8_seq(s + i, len - i, &cp) : 0;
		if (n && !unsafe_cp(cp))
			fwrite(s + i, 1, n, f);
		else if (n)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			fprintf(f, "\\%c", s[i] == '\n' ? 'n' : s[i] == '\r' ? 'r' : 't');
		else
			fprintf(f, "\\x%02x", s[i]);
		i += n ? n : 1;
	}
}

/* Format, then write it safe; keep_nl: one final newline is the line's
 * own (anywhere else a newline came from an argument). */
static void put_formatted(FILE *f, bool keep_nl, const char *fmt, va_list ap)
{
	char small[1024];
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	char *s = small;
	if (n >= (int)sizeof(small) && (s = malloc((size_t)n + 1)) != NULL)
		vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	if (!s) { /* out of memory: what fitted */
		s = small;
		n = (int)strlen(small);
	}
	if (n > 0) {
		bool nl = keep_nl && s[n - 1] == '\n';
		cli_put_safe(f, s, (size_t)n - nl);
		if (nl)
			fputc('\n', f);
	}
	if (s != small)
		free(s);
}

void cli_print(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_formatted(f, true, fmt, ap);
	va_end(ap);
}

void cli_vprint_line(FILE *f, const char *fmt, va_list ap)
{
	put_formatted(f, false, fmt, ap);
	fputc('\n', f);
}

/* testutil.h - helpers shared by the Check suites. */
#ifndef NR_TESTUTIL_H
#define NR_TESTUTIL_H

#include "newsrules.h"

#include <check.h>
#include <stddef.h>

/* The suite this test executable runs (see tests/CMakeLists.txt). */
Suite *NR_SUITE_FN(void);

/* Everything one read produced, in order. */
typedef struct tu_result {
	nr_article *articles[64];
	size_t narticles;
	int errors[64];
	char messages[64][256];
	size_t nerrors;
	size_t items; /* articles + errors */
	int rc;       /* what nr_read_* returned */
} tu_result;

/* Read a buffer (NUL-terminated string) in the given format. */
void tu_read(tu_result *r, const char *data, nr_format format);
void tu_read_len(tu_result *r, const char *data, size_t len, nr_format format);
/* Read a file under tests/fixtures/. */
void tu_read_fixture(tu_result *r, const char *relpath, nr_format format);
void tu_free(tu_result *r);

/* The article's text as a NUL-terminated string (borrowed). */
const char *tu_text(const nr_article *a);
/* Text of sentence i, copied into a static buffer. */
const char *tu_sentence(const nr_article *a, size_t i);
/* Does the article text contain needle? */
int tu_contains(const nr_article *a, const char *needle);

/* Read an invented article, `headline` then a blank line then `body`,
 * expect one article and analyse it with `lex`. */
void tu_analyze(tu_result *r, const char *headline, const char *body, const nr_lexicon *lex);
/* The text of a span, in one of four static buffers that take turns (so
 * two may be compared), cut at 511 bytes; "" for an empty span. */
const char *tu_span_text(const nr_article *a, nr_span s);

/* Has loading the set left a diagnostic holding `part`, at `level`, or at
 * any level when `level` is -1? */
int tu_has_diag(const nr_ruleset *rs, int level, const char *part);

#endif

/*
 * acm.h - many literal patterns found in one pass (Aho-Corasick compiled to
 * a DFA over byte classes).
 *
 * A pattern matches where its bytes occur, ASCII letters compared without
 * case and every other byte (UTF-8 included) exactly: what lowercasing the
 * text and memmem() with a lowercased pattern find. Built once, the machine
 * is read-only: any number of threads may run it at once, each with its
 * own state value.
 */
#ifndef NR_ACM_H
#define NR_ACM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nr_acm nr_acm;

/* The machine for patterns pats[i] of lens[i] bytes (i < n), which must be
 * non-empty and distinct once ASCII is folded; pattern i reports as i.
 * NULL when out of memory or past 2^31 transitions. */
nr_acm *nr_acm__new(const char *const *pats, const size_t *lens, size_t n);
void nr_acm__free(nr_acm *m);

/* Bytes the machine holds; its states; its byte classes. */
size_t nr_acm__size(const nr_acm *m);
size_t nr_acm__states(const nr_acm *m);
size_t nr_acm__classes(const nr_acm *m);
/* Length of pattern i. */
size_t nr_acm__length(const nr_acm *m, uint32_t i);

/* Called for each occurrence: pattern `pat` ends just before byte `end`
 * (an offset counted from the first byte of the first run of a pass). */
typedef void (*nr_acm_fn)(void *ud, uint32_t pat, size_t end);

/* The state at the start of a pass. */
#define NR_ACM_START 0u

/*
 * Feed s[0..n) to the machine in `state` (NR_ACM_START, or what the
 * previous run of the same pass returned, so that a pattern may span two
 * runs); `base` is the offset of s[0] in the pass. Calls fn for every
 * occurrence ending in s, in order of their end, longest first among those
 * ending at the same byte. Returns the state after s.
 */
uint32_t nr_acm__run(const nr_acm *m, uint32_t state, const char *s, size_t n, size_t base,
		     nr_acm_fn fn, void *ud);

#endif /* NR_ACM_H */

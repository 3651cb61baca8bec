/*
 * fingerprint.c - near-duplicate fingerprints of an article's body.
 *
 * The same wire story reaches a monitor many times: other outlets cut its
 * end, put their own first paragraph on it, fix a word, change the
 * headline. What stays is much of the body's word sequence, so the
 * fingerprint is a MinHash signature (Broder 1997) of the body's set of
 * three-word shingles: for each of 64 hash functions, the least hash of
 * any shingle. Two signatures agree in a slot with probability equal to
 * the resemblance (Jaccard index) of the two sets, so the share of equal
 * slots estimates it, and with the two set sizes the containment of the
 * smaller body in the larger one. A 64-bit SimHash was tried first and
 * dropped: a third of the body cut moved it 12 bits on average, no further
 * than unrelated stories' nearest neighbours (bench/bench_dedup.c,
 * docs/watch.md).
 *
 * Words are the segmenter's word and number tokens of the body (the
 * title, byline and metadata are left out: they are what outlets change),
 * ASCII case folded and apostrophes dropped ("Pakistan's" with a straight
 * or a curly one is one word). `exact` chains the same word hashes: two
 * bodies equal up to case, spacing and punctuation share it, however short
 * they are.
 */
#include "article/article.h"

#include <string.h>

/* splitmix64's finaliser: a bijection that spreads every input bit. */
static inline uint64_t fp_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* One word's hash: ASCII lowered, ' and U+2019 dropped. Words longer
 * than the buffer are hashed on their first 96 bytes and their length. */
static uint64_t fp_word(const char *s, size_t n)
{
	char w[96];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof w; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\'')
			continue;
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			i += 2;
			continue;
		}
		w[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return nr_hash__bytes(w, k) ^ (n > sizeof w ? fp_mix(n) : 0);
}

/* The 64 hash functions: multiply-shift (Dietzfelbinger et al. 1997) with
 * odd multipliers and offsets drawn once from a splitmix64 sequence. */
typedef struct fp_family {
	uint64_t mul[NR_FINGERPRINT_HASHES], add[NR_FINGERPRINT_HASHES];
} fp_family;

static void fp_family_init(fp_family *f)
{
	uint64_t x = 0x2545f4914f6cdd1dull;
	for (unsigned i = 0; i < NR_FINGERPRINT_HASHES; i++) {
		x += 0x9e3779b97f4a7c15ull;
		f->mul[i] = fp_mix(x) | 1;
		x += 0x9e3779b97f4a7c15ull;
		f->add[i] = fp_mix(x);
	}
}

static void fp_shingle(const fp_family *f, uint32_t *min, uint64_t h)
{
	for (unsigned i = 0; i < NR_FINGERPRINT_HASHES; i++) {
		uint32_t v = (uint32_t)((f->mul[i] * h + f->add[i]) >> 32);
		min[i] = v < min[i] ? v : min[i];
	}
}

int nr_article_fingerprint(const nr_article *a, nr_fingerprint *out)
{
	if (!a || !out)
		return NR_EINVAL;
	fp_family fam;
	fp_family_init(&fam);
	memset(out->minhash, 0xff, sizeof out->minhash);
	uint64_t w0 = 0, w1 = 0, exact = 0x6a09e667f3bcc909ull;
	size_t words = 0;
	uint32_t shingles = 0;
	for (size_t i = 0; i < a->ntokens; i++) {
		const nr_token *t = &a->tokens[i];
		if (t->kind != NR_TOKEN_WORD && t->kind != NR_TOKEN_NUMBER)
			continue;
		uint64_t w = fp_word(a->text + t->start, t->end - t->start);
		exact = fp_mix(exact ^ w);
		if (++words >= 3 && shingles < UINT32_MAX) {
			fp_shingle(&fam, out->minhash,
				   fp_mix(w0 * 0x9e3779b97f4a7c15ull ^ fp_mix(w1 ^ fp_mix(w))));
			shingles++;
		}
		w0 = w1;
		w1 = w;
	}
	out->exact = words ? exact : 0;
	out->shingles = shingles;
	return NR_OK;
}

double nr_fingerprint_resemblance(const nr_fingerprint *a, const nr_fingerprint *b)
{
	if (!a || !b || !a->exact || !b->exact)
		return 0.0;
	if (a->exact == b->exact)
		return 1.0;
	if (!a->shingles || !b->shingles)
		return 0.0;
	unsigned same = 0;
	for (unsigned i = 0; i < NR_FINGERPRINT_HASHES; i++)
		same += a->minhash[i] == b->minhash[i];
	return (double)same / NR_FINGERPRINT_HASHES;
}

double nr_fingerprint_containment(const nr_fingerprint *a, const nr_fingerprint *b)
{
	double j = nr_fingerprint_resemblance(a, b);
	if (j <= 0.0 || j >= 1.0)
		return j;
	/* |A n B| = J (|A| + |B|) / (1 + J), over the smaller set. */
	double na = a->shingles, nb = b->shingles;
	double c = j * (na + nb) / (1.0 + j) / (na < nb ? na : nb);
	return c > 1.0 ? 1.0 : c;
}

int nr_fingerprint_near(const nr_fingerprint *a, const nr_fingerprint *b, double min_containment)
{
	if (!a || !b || !a->exact)
		return 0;
	if (a->exact == b->exact)
		return 1;
	if (a->shingles < NR_FINGERPRINT_MIN_SHINGLES || b->shingles < NR_FINGERPRINT_MIN_SHINGLES)
		return 0;
	/* The containment of a short body in a long one is the resemblance
	 * scaled up by their sizes' ratio, noise included: one slot in 64
	 * equal by chance would make a 25-shingle brief half contained in
	 * an 800-shingle story. At least 4 equal slots are asked for (on
	 * Reuters 1996 this drops such a pair, and costs a story cut to a
	 * sixth of its length its match; docs/watch.md). */
	if (nr_fingerprint_resemblance(a, b) < 4.0 / NR_FINGERPRINT_HASHES)
		return 0;
	return nr_fingerprint_containment(a, b) >= min_containment;
}

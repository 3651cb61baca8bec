/*
 * keys.c - the extractor's hash sets of cands and tokens, keyed by their
 * text (and, for cands, their type when the set says so).
 *
 * The keys come from the article, so nothing stops an article from
 * choosing keys that share a hash. Every set is at most half full and
 * bounds its probes: a key that would sit more than KEYS_PROBE_MAX slots
 * past its home means keys collide by design, not by chance, and the set
 * is rebuilt under the next seed. Collisions crafted for one seed scatter
 * under another; after KEYS_SEEDS seeds the set stops bounding probes (it
 * stays correct, only slower). A look-up ends after the bound too, since
 * no key sits further from home. Cost stays linear in the keys.
 */
#include "entities_int.h"

/* Every element of old[0..oldcap) into ns[0..cap) under seed, each within
 * `bound` slots of its home. False if one does not fit. */
static bool place_all(uint32_t *ns, size_t cap, const uint32_t *old, size_t oldcap,
		      keyset_hash_fn hash, const void *owner, uint32_t seed, size_t bound)
{
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i])
			continue;
		size_t p = hash(owner, old[i] - 1, seed) & (cap - 1);
		for (size_t d = 0; ns[p]; d++) {
			if (d >= bound)
				return false;
			p = (p + 1) & (cap - 1);
		}
		ns[p] = old[i];
	}
	return true;
}

bool nr_ent__keyset_rebuild(keyset *s, size_t cap, uint32_t seed, keyset_hash_fn hash,
			    const void *owner)
{
	uint32_t *ns = calloc(cap, sizeof(*ns));
	if (!ns)
		return false;
	size_t oldcap = s->slot ? s->mask + 1 : 0;
	/* Past the last seed probes go unbounded, so this always ends. */
	size_t bound = seed <= KEYS_SEEDS ? KEYS_PROBE_MAX : cap;
	while (!place_all(ns, cap, s->slot, oldcap, hash, owner, seed, bound)) {
		memset(ns, 0, cap * sizeof(*ns));
		if (seed < KEYS_SEEDS)
			seed++;
		else
			bound = cap; /* out of seeds: correct, if slower */
	}
	free(s->slot);
	s->slot = ns;
	s->mask = cap - 1;
	s->seed = seed;
	s->bound = bound;
	return true;
}

/* ------------------------------------------------------------------ */
/* Cands by key text, and type in a typed table.                        */

static inline uint32_t cand_hash(const keytab *t, const char *key, size_t keylen, uint8_t type,
				 uint32_t seed)
{
	uint32_t h = nr_ent__fold(key, keylen, seed);
	return t->typed ? h ^ type : h;
}

static uint32_t stored_cand_hash(const void *owner, uint32_t elem, uint32_t seed)
{
	const keytab *t = owner;
	const cand *o = &t->c[elem];
	return cand_hash(t, o->key, o->keylen, o->type, seed);
}

bool nr_ent__keytab_init(keytab *t, size_t n, bool typed)
{
	size_t cap = 16;
	while (cap < n * 2 + 2)
		cap <<= 1;
	t->set.slot = calloc(cap, sizeof(*t->set.slot));
	t->set.mask = cap - 1;
	t->set.bound = KEYS_PROBE_MAX;
	t->set.seed = 0;
	t->typed = typed;
	t->c = NULL;
	return t->set.slot != NULL;
}

void nr_ent__keytab_free(keytab *t)
{
	free(t->set.slot);
	t->set.slot = NULL;
}

/* Find or insert (by key text, and type when typed): the cand index
 * stored, or -1 when absent and insert < 0. Without memory to rebuild a
 * set whose probes ran long, the probe goes on unbounded. */
int32_t nr_ent__keytab_get(keytab *t, const cand *c, const char *key, size_t keylen, uint8_t type,
			   int32_t insert)
{
	keyset *s = &t->set;
	for (;;) {
		size_t p = cand_hash(t, key, keylen, type, s->seed) & s->mask;
		for (size_t d = 0; d <= s->bound; d++, p = (p + 1) & s->mask) {
			uint32_t v = s->slot[p];
			if (!v) {
				if (insert >= 0)
					s->slot[p] = (uint32_t)insert + 1;
				return insert;
			}
			const cand *o = &c[v - 1];
			if ((!t->typed || o->type == type) &&
			    eq_fold(o->key, o->keylen, key, keylen))
				return (int32_t)(v - 1);
		}
		if (insert < 0)
			return -1; /* no key sits past the bound */
		t->c = c;
		if (!nr_ent__keyset_rebuild(s, s->mask + 1, s->seed + 1, stored_cand_hash, t))
			s->bound = s->mask;
	}
}

/*
 * names.c - who an alert's actor and target are, beyond the name it
 * gives: the identity a name the rule wrote stands for, and whether a name
 * someone expects ("US", an example's `actor`) names the same party
 * (nr_alert_names). Identities are the core's (lexicon/identity.c).
 */
#include "alerts/alert.h"
#include "extract/access.h"

#include <string.h>
#include <strings.h>

bool nr_alert__own_field(const char *k)
{
	return !strcmp(k, "actor") || !strcmp(k, "target") || !strcmp(k, "actor_id") ||
	       !strcmp(k, "target_id");
}

/* Is s[0..n) the string t, up to ASCII case? */
static bool same_name(const char *s, size_t n, const char *t)
{
	return t && strlen(t) == n && strncasecmp(s, t, n) == 0;
}

/* The article's entity named s[0..n) (its name, listed name, or the
 * name it acts under), or -1; *who is its identity as it acts. */
static long entity_called(const nr_article *a, const char *s, size_t n, nr_alert_who *who)
{
	size_t ne = nr_article_entity_count(a);
	for (size_t i = 0; i < ne; i++) {
		nr_entity_info info;
		const char *canonical;
		if (nr_article_entity(a, i, &info) != NR_OK ||
		    nr_article_entity_identity(a, i, NULL, &canonical) != NR_OK ||
		    !nr_article__entity_acting(a, i, &who->id, &who->canonical))
			continue;
		if (same_name(s, n, info.name) || same_name(s, n, canonical) ||
		    same_name(s, n, who->canonical))
			return (long)i;
	}
	who->id = who->canonical = NULL;
	return -1;
}

void nr_alert__who_of_name(const nr_article *a, const nr_lexicon *lex, const char *s, size_t n,
			   nr_alert_who *who)
{
	who->id = who->canonical = NULL;
	if (!s || !n || memchr(s, '\0', n))
		return;
	if (a && entity_called(a, s, n, who) >= 0)
		return;
	if (lex && nr_lexicon__identify(lex->set, s, n, &who->lexid)) {
		who->id = who->lexid.id;
		who->canonical = who->lexid.canonical;
	}
}

int nr_alert_names(const nr_alert *al, nr_party_role role, const char *name)
{
	if (!al || !name || (role != NR_PARTY_ACTOR && role != NR_PARTY_TARGET))
		return 0;
	bool actor = role == NR_PARTY_ACTOR;
	const char *who = actor ? al->actor : al->target;
	size_t len = actor ? al->actor_len : al->target_len;
	const char *id = actor ? al->actor_id : al->target_id;
	size_t n = strlen(name);
	if (!who)
		return 0;
	if (n == len && strncasecmp(who, name, n) == 0)
		return 1;
	if (!id)
		return 0;
	if (!strcasecmp(id, name))
		return 1;
	nr_alert_who other;
	nr_alert__who_of_name(al->article, al->lex, name, n, &other);
	return other.id && !strcmp(other.id, id);
}

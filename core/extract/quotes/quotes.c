/*
 * quotes.c - quotations and their speakers.
 *
 * Three passes over the article's tokens, all linear:
 *  1. Quotation marks are classified (opening, closing, either) and paired
 *     per paragraph. Curly and straight marks pair with each other (papers
 *     mix them), two touching apostrophes count as one double mark, singles
 *     only matter outside a double quotation (nested ones stay inside it),
 *     and a quotation left open at a paragraph end continues when the next
 *     paragraph opens with a mark (quotes running over several paragraphs).
 *  2. Each quoted stretch is framed: an attribution after it (", said X",
 *     ", X said", "― Name", even in the next sentence after "?”"), before
 *     it ("X said: “...”", "X continued:" closing the paragraph before), or
 *     a speech verb earlier in the sentence (mixed: "X said the U.S. “can't
 *     live with us”", "X called the relationship “complicated”"). A quote
 *     interrupted by its attribution ("“A,” he said, “B”") is one quote.
 *  3. Sentences left over are searched for reported speech: "X said (that)
 *     ...", "X told reporters ...", "..., X said.", "according to X, ...".
 *  4. Paragraphs of a transcript ("HOLT: ...", "“MARA HOLT: ...") are
 *     direct quotes of the labelled speaker and replace whatever the
 *     passes above found inside them. A label counts when it names a
 *     person of the article or recurs among two speakers or more, so that
 *     "UPDATE:" or "BYLINE:" does not.
 * Speakers are then resolved in text order, so that a pronoun can lean on
 * who spoke just before it: a person named in the speaker phrase (not a
 * possessor: "Novak's spokesman" is the spokesman; a role named by its
 * apposition is that person), else a body or place that is the whole head
 * ("the White House"), else the phrase as written ("Novak administration
 * officials"). Person names are given from their first first name on
 * ("Crooked Anna Petrov" is Anna Petrov). "he"/"she" go to the
 * speaker or the subject of the nearest sentence before, gender
 * permitting: the subject is the first person of the main clause (not in
 * an opening phrase, not a possessor, not after a preposition), and a
 * sentence led by the same pronoun ("He paused", "His audio") hands over
 * to the one before. "they" goes to a body or plural group that is the
 * clause subject ("Republicans had ...", "Harbour critics, like ..."), by
 * the same chains; two people joined by "and" speak as such a group. An
 * unattributed quote right after a quote by X, in the
 * same or the next paragraph, is X's; a paragraph that is only a quotation
 * otherwise takes the subject of the sentence that closes the one before.
 *
 * Content spans follow the PolNeAR conventions: a direct quote keeps its
 * marks, reported speech starts after the cue (with "that") and ends
 * before the sentence's final punctuation.
 *
 * Working memory is a few per-token arrays and the candidate list, all
 * malloc'd once per article and freed before returning; the results live
 * in the article's arena. Every look-back is bounded.
 */
#include "extract/extract.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Working state                                                       */

enum { MARK_OPEN = 1, MARK_CLOSE = 2, MARK_EITHER = 3 };

typedef struct qmark {
	uint32_t tok;  /* first token of the mark */
	uint32_t ntok; /* 2 for '' */
	uint32_t start, end;
	uint8_t dir;
	bool dbl;
} qmark;

/* A quotation being built, before speakers are resolved. */
typedef struct qcand {
	uint32_t start, end;
	uint8_t kind;
	bool has_frame;         /* an attribution was found */
	bool unattributed;      /* direct quote with no frame: may continue a speaker */
	bool single;            /* made of single marks */
	int32_t subj_s, subj_e; /* speaker NP tokens [s, e), -1 when none */
	int32_t cue_s, cue_e;   /* cue tokens [s, e), -1 when none */
	const char *lemma;
	uint32_t sentence;
	uint32_t paragraph;
	uint32_t open_tok;  /* first token of the content */
	uint32_t close_tok; /* last token of the content */
	bool mixed_ok;      /* framing may take words after the mark */
	uint32_t tail_end;  /* content runs on to this token (exclusive), 0: no */
	bool turn;          /* transcript turn: subj_s..subj_e is its label */
} qcand;

typedef struct cue {
	uint32_t ntok;
	const char *lemma;
	const char *form; /* base, 3sg, past, pastpart, ing, or "" */
	const char *cls;  /* speech_verbs class ("assertive", "deny", ...) */
	bool according;   /* "according to" */
} cue;

enum {
	TF_CUE_DONE = 1,
	TF_CUE = 2,
	TF_TITLE_DONE = 4,
	TF_TITLE = 8,
	TF_NOUN_DONE = 16,
	TF_NOUN = 32,
	TF_GROUP_DONE = 64,
	TF_GROUP = 128
};

typedef struct qctx {
	nr_article *a;
	const nr_lexicon_set *lex;
	const char *t;
	const nr_token *tok;
	uint32_t ntok;
	uint32_t *tsent; /* sentence of each token */
	uint8_t *used;   /* token already inside a quote or its frame */
	uint8_t *tflags; /* TF_*: per-token lexicon answers, computed once */
	cue *cues;       /* valid where tflags has TF_CUE */
	uint16_t *wl;    /* WL_*: the word lists each token is in, see tin() */
	unsigned title_scans;
	qcand *c;
	size_t nc, capc;
	qmark *m;
	size_t nm, capm;
	bool oom;
} qctx;

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

static inline size_t tlen(const qctx *q, uint32_t i) { return q->tok[i].end - q->tok[i].start; }

static inline const char *ttext(const qctx *q, uint32_t i) { return q->t + q->tok[i].start; }

static bool tis(const qctx *q, uint32_t i, const char *w)
{
	size_t n = strlen(w);
	return i < q->ntok && tlen(q, i) == n && strncasecmp(ttext(q, i), w, n) == 0;
}

/* Is token i a word of `list` (ASCII case folded)? Defined with the lists. */
static bool tin(const qctx *q, uint32_t i, const char *const *list);

static bool tpunct(const qctx *q, uint32_t i, char c)
{
	return i < q->ntok && q->tok[i].kind == NR_TOKEN_PUNCT && tlen(q, i) == 1 &&
	       ttext(q, i)[0] == c;
}

static bool tcap(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	uint32_t cp;
	nr_utf8__decode(ttext(q, i), tlen(q, i), &cp);
	return nr_uc__is_upper(cp);
}

static bool tposs(const qctx *q, uint32_t i)
{
	return i < q->ntok && q->tok[i].kind == NR_TOKEN_WORD &&
	       (tis(q, i, "'s") || tis(q, i, "\xE2\x80\x99s"));
}

static inline uint32_t sent_first(const qctx *q, uint32_t s)
{
	return (uint32_t)q->a->sentences[s].first_token;
}

static inline uint32_t sent_end(const qctx *q, uint32_t s)
{
	return (uint32_t)(q->a->sentences[s].first_token + q->a->sentences[s].ntokens);
}

static inline uint32_t para_of_tok(const qctx *q, uint32_t i)
{
	return q->a->sentences[q->tsent[i]].paragraph;
}

/* ------------------------------------------------------------------ */
/* Word lists (small, closed classes the lexicons do not hold)         */

static const char *const PRON_SUBJ[] = { "he", "she", "they", "we", "i", NULL };
static const char *const PRON_OBJ[] = { "him", "her", "them", "us", "me", "you", NULL };
static const char *const AUX[] = {
	"has",          "have",     "had",          "will",       "would",      "also",
	"repeatedly",   "later",    "again",        "previously", "recently",   "consistently",
	"publicly",     "often",    "frequently",   "has",        "reportedly", "then",
	"once",         "flatly",   "firmly",       "strongly",   "quickly",    "privately",
	"separately",   "simply",   "already",      "long",       "explicitly", "clearly",
	"specifically", "has",      "did",          "does",       "do",         "may",
	"might",        "could",    "can",          "not",        "never",      "first",
	"openly",       "directly", "subsequently", "further",    "angrily",    NULL
};
static const char *const DETS[] = { "the", "a", "an", "this", "that", "these", "those", NULL };
/* Heads of speaking groups and roles that are not in the titles list. */
static const char *const GROUP_NOUNS[] = {
	"officials", "official", "sources", "source", "analysts", "analyst", "experts", "expert",
	"diplomats", "diplomat", "authorities", "lawmakers", "lawmaker", "leaders", "leader",
	"administration", "government", "ministry", "military", "army", "police", "spokesman",
	"spokeswoman", "spokesperson", "spokesmen", "statement", "witnesses", "witness",
	"residents", "resident", "critics", "observers", "aides", "aide", "advisers", "adviser",
	"advisors", "advisor", "officers", "officer", "campaign", "commanders", "commander",
	"investigators", "prosecutors", "prosecutor", "researchers", "economists", "economist",
	"scientists", "scientist", "activists", "activist", "supporters", "members", "voters",
	"people", "group", "groups", "report", "reports", "survey", "poll", "polls", "study",
	"documents", "ministers", "minister", "president", "secretary", "senator", "senators",
	"governor", "mayor", "chairman", "director", "chief", "representatives", "agency",
	"department", "committee", "council", "court", "office", "organizers", "organisers",
	"rebels", "militants", "insurgents", "protesters", "demonstrators", "negotiators", "staff",
	"staffers", "republicans", "democrats", "executives", "executive", "representative",
	"organization", "organisation", "company", "firm", "network", "party", "union", "coalition",
	"association", "embassy", "team", "board", "family", "lawyer", "lawyers", "attorney",
	"attorneys", "doctors", "doctor", "teachers", "students", "workers", "farmers", "observers",
	"monitors", "candidate", "nominee", "professor", "historian", "author", "columnist",
	"reporter", "journalist", "journalists", "correspondent", "editor", "writer", "pollster",
	"strategist", "strategists", "consultant", "operatives", "donors", "delegates",
	/* Writings that speak: "said the ruling", "the letter says". */
	"ruling", "letter", "complaint", "lawsuit", "indictment", "filing", "memo", "book",
	"article", "editorial", "ad", "advertisement", "narrator", "transcript", "release",
	"message", "analysis", "audit", "website", "tweet", "post", "email", "video", "clip",
	"story", "column", "document", "decision", "opinion", "order", "petition", "resolution",
	"notice", "proposal", "plan", "bill", "platform", "note", NULL
};
static const char *const NP_MODS[] = { "senior",      "top",           "former",
				       "chief",       "foreign",       "military",
				       "local",       "u.s.",          "american",
				       "western",     "other",         "several",
				       "many",        "some",          "two",
				       "three",       "four",          "five",
				       "both",        "unnamed",       "anonymous",
				       "security",    "intelligence",  "defense",
				       "defence",     "government",    "administration",
				       "state",       "federal",       "white",
				       "house",       "press",         "campaign",
				       "police",      "health",        "election",
				       "party",       "independent",   "republican",
				       "democratic",  "conservative",  "liberal",
				       "political",   "legal",         "deputy",
				       "assistant",   "its",           "his",
				       "her",         "their",         "our",
				       "one",         "another",       "regional",
				       "national",    "international", "european",
				       "british",     "israeli",       "palestinian",
				       "pakistani",   "afghan",        "iraqi",
				       "iranian",     "russian",       "chinese",
				       "indian",      "turkish",       "syrian",
				       "prominent",   "leading",       "outside",
				       "independent", "new",           "current",
				       NULL };
/* Lower-case role nouns inside a speaker's description ("party boss
 * Karl Nyberg", "campaign manager Robby Olsen"). */
static const char *const ROLE_NOUNS[] = { "boss",        "manager",    "strategist", "pollster",
					  "chairman",    "chairwoman", "director",   "secretary",
					  "founder",     "editor",     "columnist",  "head",
					  "chief",       "counsel",    "lawyer",     "attorney",
					  "professor",   "executive",  "president",  "treasurer",
					  "coordinator", "organizer",  "negotiator", NULL };
static const char *const WEEKDAYS[] = {
	"monday",     "tuesday",    "wednesday", "thursday", "friday", "saturday",  "sunday",
	"today",      "yesterday",  "tonight",   "earlier",  "later",  "recently",  "also",
	"again",      "repeatedly", "last",      "this",     "week",   "month",     "year",
	"night",      "morning",    "afternoon", "evening",  "on",     "privately", "publicly",
	"separately", "previously", "once",      NULL
};
static const char *const PREPS[] = { "in",     "at",   "during",  "on",      "after",
				     "before", "from", "via",     "through", "while",
				     "with",   "to",   "outside", "inside",  "upon",
				     "when",   "as",   "before",  NULL };
/* Verbs that take a quoted name or description, not a clause. */
static const char *const NAMING[] = {
	"call",      "describe", "dub",      "term",   "brand",  "label", "refer",   "praise",
	"criticize", "condemn",  "denounce", "hail",   "slam",   "blast", "reject",  "dismiss",
	"welcome",   "deny",     "accuse",   "blame",  "attack", "decry", "deplore", "quote",
	"cite",      "echo",     "promise",  "pledge", "vow",    "urge",  "demand",  "order",
	"threaten",  "ask",      "request",  NULL
};
/* Verbs that report speech with a bare clause ("said the group was"). */
static const char *const BARE_CLAUSE[] = {
	"say",      "tell",     "add",         "claim",     "insist",    "argue",   "warn",
	"believe",  "think",    "write",       "note",      "explain",   "contend", "maintain",
	"predict",  "estimate", "acknowledge", "admit",     "concede",   "worry",   "fear",
	"hope",     "suggest",  "stress",      "emphasize", "emphasise", "report",  "announce",
	"confirm",  "allege",   "reply",       "respond",   "assert",    "declare", "testify",
	"recall",   "charge",   "complain",    "agree",     "reiterate", "state",   "observe",
	"remark",   "feel",     "caution",     "indicate",  "reveal",    "tweet",   "post",
	"joke",     "quip",     "conclude",    "answer",    "counter",   "retort",  "acknowledge",
	"assure",   "remind",   "inform",      "promise",   "vow",       "pledge",  "threaten",
	"deny",     "disclose", "repeat",      "underline", "highlight", "signal",  "boast",
	"brag",     "lament",   "speculate",   "guess",     "reckon",    "expect",  "doubt",
	"forecast", "project",  "concur",      "imply",     "hint",      "point",   "show",
	"find",     "ask",      "wonder",      "urge",      "demand",    NULL
};
/* Objects of "told": who was told. */
static const char *const TELL_VERBS[] = { "tell",   "inform", "remind",   "assure",  "warn",
					  "notify", "brief",  "reassure", "caution", "promise",
					  "ask",    "urge",   NULL };

static bool strin(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/*
 * tin() is asked about the same tokens again and again, against lists of
 * up to a hundred words. So each list tin() knows has a bit, a table built
 * once (and shared by all threads) maps a word to the bits of the lists
 * holding it, and a token's bits are found the first time it is asked
 * about. A list without a bit is scanned as before.
 */
enum {
	WL_PRON_SUBJ = 1u << 0,
	WL_PRON_OBJ = 1u << 1,
	WL_AUX = 1u << 2,
	WL_DETS = 1u << 3,
	WL_GROUP_NOUNS = 1u << 4,
	WL_NP_MODS = 1u << 5,
	WL_ROLE_NOUNS = 1u << 6,
	WL_WEEKDAYS = 1u << 7,
	WL_PREPS = 1u << 8,
	WL_KNOWN = 1u << 15 /* the token's bits are filled in */
};

static inline unsigned wl_bit(const char *const *list)
{
	return list == PRON_SUBJ     ? WL_PRON_SUBJ
	       : list == PRON_OBJ    ? WL_PRON_OBJ
	       : list == AUX         ? WL_AUX
	       : list == DETS        ? WL_DETS
	       : list == GROUP_NOUNS ? WL_GROUP_NOUNS
	       : list == NP_MODS     ? WL_NP_MODS
	       : list == ROLE_NOUNS  ? WL_ROLE_NOUNS
	       : list == WEEKDAYS    ? WL_WEEKDAYS
	       : list == PREPS       ? WL_PREPS
				     : 0;
}

/* At most a quarter full: the sizes count every entry and the NULLs. */
#define WL_SLOTS                                                                       \
	(4 * (NR_ARRAY_LEN(PRON_SUBJ) + NR_ARRAY_LEN(PRON_OBJ) + NR_ARRAY_LEN(AUX) +   \
	      NR_ARRAY_LEN(DETS) + NR_ARRAY_LEN(GROUP_NOUNS) + NR_ARRAY_LEN(NP_MODS) + \
	      NR_ARRAY_LEN(ROLE_NOUNS) + NR_ARRAY_LEN(WEEKDAYS) + NR_ARRAY_LEN(PREPS)))

typedef struct wl_slot {
	const char *word; /* NULL: empty */
	size_t len;
	unsigned bits;
} wl_slot;

/* Written once under wl_once, read-only after. */
static wl_slot wl_table[WL_SLOTS];
static size_t wl_maxlen;
static pthread_once_t wl_once = PTHREAD_ONCE_INIT;

/* strncasecmp()'s folding in the C locale: ASCII letters only. */
static inline unsigned char wl_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static uint32_t wl_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t k = 0; k < n; k++)
		h = (h ^ wl_fold((unsigned char)w[k])) * 16777619u;
	return h;
}

static bool wl_equal(const char *a, const char *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (wl_fold((unsigned char)a[k]) != wl_fold((unsigned char)b[k]))
			return false;
	return true;
}

static void wl_build(void)
{
	static const struct {
		const char *const *list;
		unsigned bit;
	} lists[] = {
		{ PRON_SUBJ, WL_PRON_SUBJ },
		{ PRON_OBJ, WL_PRON_OBJ },
		{ AUX, WL_AUX },
		{ DETS, WL_DETS },
		{ GROUP_NOUNS, WL_GROUP_NOUNS },
		{ NP_MODS, WL_NP_MODS },
		{ ROLE_NOUNS, WL_ROLE_NOUNS },
		{ WEEKDAYS, WL_WEEKDAYS },
		{ PREPS, WL_PREPS },
	};
	for (size_t l = 0; l < NR_ARRAY_LEN(lists); l++) {
		for (const char *const *w = lists[l].list; *w; w++) {
			size_t n = strlen(*w);
			size_t j = wl_hash(*w, n) % WL_SLOTS;
			while (wl_table[j].word &&
			       !(wl_table[j].len == n && wl_equal(wl_table[j].word, *w, n)))
				j = (j + 1) % WL_SLOTS;
			wl_table[j].word = *w;
			wl_table[j].len = n;
			wl_table[j].bits |= lists[l].bit;
			if (n > wl_maxlen)
				wl_maxlen = n;
		}
	}
}

/* The bits of the lists holding w[0..n); wl_build() has run. */
static unsigned wl_bits(const char *w, size_t n)
{
	if (n > wl_maxlen)
		return 0;
	for (size_t j = wl_hash(w, n) % WL_SLOTS; wl_table[j].word; j = (j + 1) % WL_SLOTS)
		if (wl_table[j].len == n && wl_equal(wl_table[j].word, w, n))
			return wl_table[j].bits;
	return 0;
}

static bool tin_scan(const qctx *q, uint32_t i, const char *const *list)
{
	const char *w = ttext(q, i);
	size_t n = tlen(q, i);
	unsigned c0 = (unsigned char)w[0] | 0x20u;
	for (; *list; list++) {
		/* First letter first: most words fail there. */
		if (((unsigned char)(*list)[0] | 0x20u) != c0)
			continue;
		if (strncasecmp(w, *list, n) == 0 && (*list)[n] == '\0')
			return true;
	}
	return false;
}

static inline bool tin(const qctx *q, uint32_t i, const char *const *list)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	unsigned bit = wl_bit(list);
	if (!bit)
		return tin_scan(q, i, list);
	if (!(q->wl[i] & WL_KNOWN)) {
		pthread_once(&wl_once, wl_build);
		q->wl[i] = (uint16_t)(wl_bits(ttext(q, i), tlen(q, i)) | WL_KNOWN);
	}
	return (q->wl[i] & bit) != 0;
}

/* ------------------------------------------------------------------ */
/* Cues                                                                */

/* Is there a speech verb (or "according to") at token i? */
static bool cue_lookup(const qctx *q, uint32_t i, cue *out)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD || tlen(q, i) < 3)
		return false;
	if (tis(q, i, "according") && tis(q, i + 1, "to")) {
		out->ntok = 2;
		out->lemma = "according to";
		out->form = "";
		out->cls = "assertive";
		out->according = true;
		return true;
	}
	/* Capitalised verbs at sentence start are rare; capitalised words
	 * inside are names ("Said", "Warns" in headlines aside). */
	if (tcap(q, i) && sent_first(q, q->tsent[i]) != i)
		return false;
	/* One hash lookup rules out most words before the phrase match,
	 * which tries several lengths: every speech verb form is a verb
	 * form the lexicons know. */
	const char *lem = nr_lexicon__lemma(q->lex, ttext(q, i), tlen(q, i));
	if (!lem)
		return false;
	nr_lex_match m;
	size_t n = nr_lexicon__match(q->lex, NR_LEX_SPEECH_VERBS, q->t, q->tok, q->ntok, i, &m);
	if (!n) {
		/* "called it “complicated”": the lexicon keeps bare "call" out
		 * of speech verbs (it lists "call on", "call for"), but before a
		 * quotation it names what was said. */
		if (strcmp(lem, "call") == 0) {
			out->ntok = 1;
			out->lemma = "call";
			out->form = tlen(q, i) > 4 &&
					    strncasecmp(ttext(q, i) + tlen(q, i) - 3, "ing", 3) == 0
					? "ing"
					: "";
			out->cls = "assertive";
			out->according = false;
			return true;
		}
		return false;
	}
	if (m.possessive)
		return false;
	out->ntok = (uint32_t)n;
	out->lemma = m.entry->canonical;
	out->form = m.entry->form;
	out->cls = m.entry->cls ? m.entry->cls : "";
	out->according = false;
	return true;
}

/* Cues are asked for many times per token: look each token up once. */
static bool cue_at(const qctx *q, uint32_t i, cue *out)
{
	if (i >= q->ntok)
		return false;
	if (!(q->tflags[i] & TF_CUE_DONE)) {
		cue k;
		q->tflags[i] |= TF_CUE_DONE;
		/* "New York state is short of funds", "the report was": a
		 * bare form with a verb after it is a noun. */
		if (cue_lookup(q, i, &k) &&
		    !(k.ntok == 1 && strcmp(k.form, "base") == 0 &&
		      (tis(q, i + 1, "is") || tis(q, i + 1, "was") || tis(q, i + 1, "has") ||
		       tis(q, i + 1, "had") || tis(q, i + 1, "will") || tis(q, i + 1, "would") ||
		       tis(q, i + 1, "can") || tis(q, i + 1, "could") || tis(q, i + 1, "does")))) {
			q->tflags[i] |= TF_CUE;
			q->cues[i] = k;
		}
	}
	if (!(q->tflags[i] & TF_CUE))
		return false;
	*out = q->cues[i];
	return true;
}

static bool cue_finite(const cue *c) { return strcmp(c->form, "ing") != 0; }

/* ------------------------------------------------------------------ */
/* Noun phrases                                                        */

static bool is_title_word(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	if (!(q->tflags[i] & TF_TITLE_DONE)) {
		q->tflags[i] |= TF_TITLE_DONE;
		if (nr_lexicon__title(q->lex, ttext(q, i), tlen(q, i)))
			q->tflags[i] |= TF_TITLE;
	}
	return q->tflags[i] & TF_TITLE;
}

/* May token i sit inside a speaker noun phrase? */
/* Is token i one of GROUP_NOUNS? A long list asked about the same
 * tokens again and again: answered once per token. */
static bool group_noun(const qctx *q, uint32_t i)
{
	if (i >= q->ntok)
		return false;
	if (!(q->tflags[i] & TF_GROUP_DONE)) {
		q->tflags[i] |= TF_GROUP_DONE;
		if (tin(q, i, GROUP_NOUNS))
			q->tflags[i] |= TF_GROUP;
	}
	return (q->tflags[i] & TF_GROUP) != 0;
}

static bool np_word(const qctx *q, uint32_t i)
{
	if (i >= q->ntok)
		return false;
	const nr_token *k = &q->tok[i];
	if (k->kind == NR_TOKEN_PUNCT) {
		/* "al-Qaida-linked" is one token; hyphens alone are not names. */
		return false;
	}
	if (k->kind != NR_TOKEN_WORD)
		return false;
	if (tposs(q, i))
		return true;
	if (tcap(q, i)) {
		/* Capitalised function words at sentence start are not names. */
		return true;
	}
	/* The word lists are asked about the same tokens again and again:
	 * answer once per token. */
	if (!(q->tflags[i] & TF_NOUN_DONE)) {
		q->tflags[i] |= TF_NOUN_DONE;
		if (group_noun(q, i) || tin(q, i, NP_MODS) || tin(q, i, ROLE_NOUNS) ||
		    is_title_word(q, i))
			q->tflags[i] |= TF_NOUN;
	}
	return (q->tflags[i] & TF_NOUN) != 0;
}

/* Connectors allowed between capitalised words of one name. */
static bool np_link(const qctx *q, uint32_t i)
{
	return tis(q, i, "of") || tis(q, i, "for") || tis(q, i, "the") || tis(q, i, "and") ||
	       tis(q, i, "de") || tis(q, i, "al") || tis(q, i, "bin") || tis(q, i, "van") ||
	       tis(q, i, "von");
}

static bool starter(const qctx *q, uint32_t i);

/* Does the phrase [s, e) have a head the lexicons accept as a speaker? */
static bool np_ok(const qctx *q, uint32_t s, uint32_t e)
{
	if (s >= e)
		return false;
	uint32_t last = e - 1;
	if (tposs(q, last) || tin(q, last, DETS) || tin(q, last, PREPS) || tin(q, last, AUX))
		return false;
	if (e - s == 1 && starter(q, last))
		return false;
	if (tcap(q, last) || group_noun(q, last) || is_title_word(q, last))
		return true;
	return false;
}

/* Sentence-initial capitalised words that open a clause, not a name. */
static bool starter(const qctx *q, uint32_t i)
{
	if (!tcap(q, i))
		return false;
	if (tin(q, i, PRON_SUBJ) || tin(q, i, DETS))
		return false;
	const nr_lex_entry *e = nr_lexicon__lookup(q->lex, NR_LEX_FUNCTION_WORDS, ttext(q, i),
						   tlen(q, i));
	return e != NULL;
}

/* Does a person mention start inside tokens [s, e)? */
static bool person_at(const qctx *q, uint32_t s, uint32_t e)
{
	const nr_article *a = q->a;
	uint32_t bs = q->tok[s].start, be = q->tok[e - 1].end;
	size_t lo = 0, hi = a->nmentions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->mentions[mid].end <= bs)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->nmentions && a->mentions[lo].start < be; lo++)
		if (a->mentions[lo].start >= bs &&
		    a->entities[a->mentions[lo].entity].type == NR_ENTITY_PERSON)
			return true;
	return false;
}

static bool subject_before(const qctx *q, uint32_t lo, uint32_t end, int32_t *ss, int32_t *se);

/* Before a place phrase [s, ...) found as a subject: ", of Ashton,
 * Md.", ", 59, of Ashton": the person named before the age and the home
 * town. Moves *ss and *se there when there is one. */
static void name_before_home(const qctx *q, uint32_t lo, uint32_t s, int32_t *ss, int32_t *se)
{
	uint32_t stop = s > lo + 12 ? s - 12 : lo;
	bool of = false;
	for (uint32_t c = s; c > stop + 1; c--) {
		uint32_t t = c - 1;
		if (tis(q, t, "of") || tis(q, t, "from")) {
			of = true;
			continue;
		}
		if (q->tok[t].kind == NR_TOKEN_NUMBER || tcap(q, t) || tpunct(q, t, '.'))
			continue;
		if (!tpunct(q, t, ','))
			return;
		int32_t a, b;
		if (of && subject_before(q, lo, t, &a, &b) &&
		    person_at(q, (uint32_t)a, (uint32_t)b)) {
			*ss = a;
			*se = b;
			return;
		}
	}
}

/*
 * The subject ending right before token `end` (exclusive), looking back no
 * further than `lo`: a pronoun, a name with its titles, a group ("Novak
 * administration officials"), "the minister"; an apposition set off by
 * commas ("Lena Ortiz, a senior analyst,") is skipped to reach the
 * name before it. Returns false when there is none.
 */
static bool subject_before(const qctx *q, uint32_t lo, uint32_t end, int32_t *ss, int32_t *se)
{
	if (end <= lo)
		return false;
	uint32_t j = end;
	/* Adverbs, auxiliaries and times between subject and verb ("The
	 * ministry on Tuesday denied", "Okafor last week said"). */
	while (j > lo && (tin(q, j - 1, AUX) || tpunct(q, j - 1, '-') || tin(q, j - 1, WEEKDAYS) ||
			  (j < end && tis(q, j - 1, "on") && tin(q, j, WEEKDAYS))))
		j--;
	if (j <= lo)
		return false;
	if (tpunct(q, j - 1, ')')) {
		/* "Rep. Gwen Moore (D-Wis.) said": party and state aside. */
		uint32_t k = j - 1;
		uint32_t stop = k > lo + 10 ? k - 10 : lo;
		while (k > stop && !tpunct(q, k - 1, '('))
			k--;
		if (k > stop && k - 1 > lo)
			j = k - 1;
	}
	if (tin(q, j - 1, PRON_SUBJ)) {
		*ss = (int32_t)(j - 1);
		*se = (int32_t)j;
		return true;
	}
	if (tpunct(q, j - 1, ',')) {
		/* An apposition or relative clause: find the comma opening it. */
		uint32_t k = j - 1;
		uint32_t stop = k > lo + 30 ? k - 30 : lo;
		while (k > stop && !tpunct(q, k - 1, ',') && q->tok[k - 1].kind != NR_TOKEN_QUOTE &&
		       !tpunct(q, k - 1, '.'))
			k--;
		if (k > stop && tpunct(q, k - 1, ',') && k - 1 > lo) {
			int32_t s2, e2;
			/* Two descriptions in a row: "Jean Roux, the foreign
			 * minister of France, a permanent member of the Council,
			 * said" is Roux speaking, not France. */
			uint32_t x = k - 1;
			while (x > stop && !tpunct(q, x - 1, ',') &&
			       q->tok[x - 1].kind != NR_TOKEN_QUOTE && !tpunct(q, x - 1, '.'))
				x--;
			if (x > stop && x - 1 > lo && tpunct(q, x - 1, ',') && tin(q, x, DETS) &&
			    subject_before(q, lo, x - 1, &s2, &e2) &&
			    !tin(q, (uint32_t)s2, PRON_SUBJ) && tcap(q, (uint32_t)e2 - 1) &&
			    (s2 == (int32_t)lo || !tin(q, (uint32_t)s2 - 1, PREPS)) &&
			    person_at(q, (uint32_t)s2, (uint32_t)e2)) {
				*ss = s2;
				*se = e2;
				return true;
			}
			if (subject_before(q, lo, k - 1, &s2, &e2) &&
			    !tin(q, (uint32_t)s2, PRON_SUBJ)) {
				/* "Ana Lind, 59, of Ashton, Md., who ..., said": an
				 * age and a home town after the name. */
				if (!person_at(q, (uint32_t)s2, (uint32_t)e2))
					name_before_home(q, lo, (uint32_t)s2, &s2, &e2);
				*ss = s2;
				*se = e2;
				/* "The state's campaign chairman, Per Lund, said": a
				 * role named by the apposition takes it in. */
				uint32_t a0 = k, a1 = j - 1;
				bool name = a1 > a0 && a1 - a0 <= 4 && !tcap(q, (uint32_t)e2 - 1);
				for (uint32_t y = a0; name && y < a1; y++)
					name = tcap(q, y);
				if (name && person_at(q, a0, a1))
					*se = (int32_t)a1;
				return true;
			}
		}
		return false;
	}
	uint32_t e = j, s = j;
	uint32_t limit = e > lo + 12 ? e - 12 : lo;
	while (s > limit) {
		uint32_t i = s - 1;
		if (np_word(q, i)) {
			s = i;
			continue;
		}
		/* "Secretary of State Anna Petrov", "Institute for the Study of Trade". */
		if (np_link(q, i) && s < e && (tcap(q, s) || np_link(q, s)) && i > limit &&
		    (tcap(q, i - 1) || np_link(q, i - 1))) {
			s = i;
			continue;
		}
		break;
	}
	while (s < e && np_link(q, s) && !tin(q, s, DETS))
		s++;
	/* A leading determiner belongs to the phrase as written. */
	if (s > lo && tin(q, s - 1, DETS) && !tis(q, s - 1, "that"))
		s--;
	if (s >= e)
		return false;
	/* Sentence-initial "However", "Meanwhile" are not part of a name;
	 * "Police officials", "State auditors" keep their modifier. */
	while (s < e - 1 && starter(q, s) && !tin(q, s, DETS) &&
	       !(tin(q, s, NP_MODS) && !tcap(q, s + 1)))
		s++;
	if (!np_ok(q, s, e))
		return false;
	/* A lone capitalised starter ("Meanwhile said") is not a subject. */
	if (e - s == 1 && starter(q, s))
		return false;
	*ss = (int32_t)s;
	*se = (int32_t)e;
	return true;
}

/*
 * The subject starting at token `s` (inversion: "said the minister",
 * "said Michael Brandt, a professor"), up to `hi`.
 */
static bool subject_after(const qctx *q, uint32_t s, uint32_t hi, int32_t *ss, int32_t *se)
{
	if (s >= hi)
		return false;
	if (tin(q, s, PRON_SUBJ)) {
		*ss = (int32_t)s;
		*se = (int32_t)s + 1;
		return true;
	}
	uint32_t e = s;
	if (tin(q, e, DETS))
		e++;
	uint32_t limit = s + 12 < hi ? s + 12 : hi;
	/* "said 9/11 widow Terry Strada", "said longtime aide Jo Marsh". */
	{
		uint32_t k = e;
		while (k < limit && k < e + 3 && !tcap(q, k) &&
		       (q->tok[k].kind == NR_TOKEN_NUMBER ||
			(q->tok[k].kind == NR_TOKEN_WORD && !tin(q, k, PREPS) && !tin(q, k, DETS) &&
			 !tin(q, k, AUX) && !tis(q, k, "who") && !tis(q, k, "that") &&
			 !tin(q, k, PRON_SUBJ) && !tin(q, k, PRON_OBJ))))
			k++;
		if (k > e && k < limit && tcap(q, k))
			e = k;
	}
	while (e < limit) {
		if (np_word(q, e)) {
			e++;
			continue;
		}
		if (np_link(q, e) && e + 1 < limit && tcap(q, e + 1) && e > s) {
			e++;
			continue;
		}
		break;
	}
	/* Trailing links are not part of the name. */
	while (e > s && np_link(q, e - 1))
		e--;
	if (!np_ok(q, s, e))
		return false;
	*ss = (int32_t)s;
	*se = (int32_t)e;
	return true;
}

/* The source after "according to": any noun phrase up to a comma or the
 * end of the sentence ("the port authority", "customs officials"). */
static bool according_np(const qctx *q, uint32_t s, uint32_t hi, int32_t *ss, int32_t *se)
{
	uint32_t e = s, lim = s + 15 < hi ? s + 15 : hi;
	while (e < lim && q->tok[e].kind != NR_TOKEN_QUOTE &&
	       !(q->tok[e].kind == NR_TOKEN_PUNCT && !tpunct(q, e, '-') && !tpunct(q, e, '&')))
		e++;
	if (e >= lim && lim < hi)
		return false;
	if (e == s || (e - s == 1 && tin(q, s, DETS)))
		return false;
	*ss = (int32_t)s;
	*se = (int32_t)e;
	return true;
}

/* ------------------------------------------------------------------ */
/* Clause starts after a cue                                           */

/*
 * Where the reported clause starts after a cue ending at token `i`, in the
 * sentence ending at `se`; 0 when the cue does not introduce a clause.
 * Skips the addressee of "told" ("told reporters"), times ("Friday", "on
 * Thursday", "last week") and settings ("in a statement") up to "that" or
 * a comma.
 */
static uint32_t clause_after(const qctx *q, uint32_t i, uint32_t se, const cue *c, bool want_that)
{
	uint32_t j = i;
	if (c->according)
		return 0;
	bool tell = strin(c->lemma, TELL_VERBS);
	if (tell && j < se) {
		if (tin(q, j, PRON_OBJ)) {
			j++;
		} else {
			uint32_t k = j;
			if (tin(q, k, DETS))
				k++;
			uint32_t lim = k + 6 < se ? k + 6 : se;
			while (
			    k < lim &&
			    (tcap(q, k) || group_noun(q, k) || tis(q, k, "reporters") ||
			     tis(q, k, "journalists") || tis(q, k, "lawmakers") ||
			     tis(q, k, "congress") || tis(q, k, "supporters") || tposs(q, k) ||
			     ((tis(q, k, "the") || tis(q, k, "of")) && k > j && tcap(q, k + 1)) ||
			     tis(q, k, "audience") || tis(q, k, "crowd") ||
			     tis(q, k, "interviewer") || tis(q, k, "television")))
				k++;
			/* A bare determiner opens the clause, not the object. */
			if (k == j + 1 && tin(q, j, DETS))
				k = j;
			if (k > j)
				j = k;
		}
	}
	/* Times and manner. */
	uint32_t guard = 0;
	while (j < se && guard++ < 6 &&
	       (tin(q, j, WEEKDAYS) || (tis(q, j, "on") && tin(q, j + 1, WEEKDAYS))))
		j++;
	if (j >= se)
		return 0;
	if (tin(q, j, PREPS) && !tis(q, j, "that")) {
		/* "said in a statement that", "said at a news conference, ...". */
		uint32_t lim = j + 12 < se ? j + 12 : se;
		uint32_t k = j;
		while (k < lim && !tis(q, k, "that") && !tpunct(q, k, ',') &&
		       q->tok[k].kind != NR_TOKEN_QUOTE)
			k++;
		if (k >= lim)
			return 0;
		if (tpunct(q, k, ','))
			k++;
		j = k;
	}
	if (tpunct(q, j, ',') || tpunct(q, j, ':'))
		j++;
	if (j >= se)
		return 0;
	if (tis(q, j, "that"))
		return j;
	if (want_that)
		return 0;
	if (!strin(c->lemma, BARE_CLAUSE))
		return 0;
	/* The clause must open like one: not with a preposition, "to", an
	 * -ing form of a gerund object, or punctuation. */
	const nr_token *k = &q->tok[j];
	if (k->kind == NR_TOKEN_PUNCT)
		return 0;
	if (tis(q, j, "to") || tis(q, j, "of") || tis(q, j, "for") || tis(q, j, "about") ||
	    tis(q, j, "by") || tis(q, j, "with") || tis(q, j, "on") || tis(q, j, "in") ||
	    tis(q, j, "at") || tis(q, j, "so") || tis(q, j, "and") || tis(q, j, "or") ||
	    tis(q, j, "as") || tis(q, j, "up") || tis(q, j, "out") || tis(q, j, "into") ||
	    tis(q, j, "from") || tis(q, j, "over") || tis(q, j, "against") ||
	    tis(q, j, "nothing") || tis(q, j, "something") || tis(q, j, "goodbye") ||
	    tis(q, j, "yes") || tis(q, j, "no") || tis(q, j, "hello") || tis(q, j, "thanks"))
		return 0;
	if (se - j < 3)
		return 0;
	return j;
}

/* Speech acts whose object is what was said: accusing, blaming,
 * denying, urging, threatening, warning, condemning, pledging. */
static bool act_verb(const cue *c)
{
	static const char *const ACTS[] = { "accuse",   "criticize", "deny",    "demand",
					    "threaten", "warn",      "promise", NULL };
	return c->cls && strin(c->cls, ACTS);
}

/*
 * Content of a speech act with a noun-phrase object ("accused Borduria of
 * arming the rebels", "denied the allegations", "urged the council to
 * act"): everything after the verb, once times are skipped. 0 when
 * nothing that can be an object follows.
 */
static uint32_t act_object(const qctx *q, uint32_t j, uint32_t se)
{
	uint32_t guard = 0;
	while (j < se && guard++ < 4 &&
	       (tin(q, j, WEEKDAYS) || (tis(q, j, "on") && tin(q, j + 1, WEEKDAYS))))
		j++;
	if (j + 1 >= se || q->tok[j].kind == NR_TOKEN_PUNCT || q->tok[j].kind == NR_TOKEN_QUOTE)
		return 0;
	return j;
}

/*
 * End of a speech act's object: the clause stops at ", and", ", but" or
 * ";" ("accused the mayor of lying, and the mayor's office said ...").
 */
static uint32_t act_end(const qctx *q, uint32_t j, uint32_t se)
{
	for (uint32_t k = j + 1; k < se; k++) {
		if (tpunct(q, k, ';'))
			return k;
		if (tpunct(q, k, ',') && k + 1 < se &&
		    (tis(q, k + 1, "and") || tis(q, k + 1, "but") || tis(q, k + 1, "while") ||
		     tis(q, k + 1, "whereas")))
			return k;
	}
	return se;
}

/* Last token of a sentence's content: drops the final stop. */
static uint32_t content_end_tok(const qctx *q, uint32_t s_first, uint32_t s_end)
{
	uint32_t e = s_end;
	while (e > s_first + 1 && q->tok[e - 1].kind == NR_TOKEN_PUNCT &&
	       (tpunct(q, e - 1, '.') || tpunct(q, e - 1, ',') || tpunct(q, e - 1, ';') ||
		tpunct(q, e - 1, ':') || tpunct(q, e - 1, ')')))
		e--;
	return e;
}

/* ------------------------------------------------------------------ */
/* Candidates                                                          */

static qcand *cand_new(qctx *q)
{
	if (q->nc == q->capc && !nr__grow((void **)&q->c, &q->capc, sizeof(qcand), 32)) {
		q->oom = true;
		return NULL;
	}
	qcand *c = &q->c[q->nc++];
	memset(c, 0, sizeof(*c));
	c->subj_s = c->subj_e = c->cue_s = c->cue_e = -1;
	return c;
}

static void mark_used(qctx *q, uint32_t s, uint32_t e)
{
	for (uint32_t i = s; i < e && i < q->ntok; i++)
		q->used[i] = 1;
}

/* ------------------------------------------------------------------ */
/* Pass 1: quotation marks                                             */

static bool mark_push(qctx *q, const qmark *mk)
{
	if (q->nm == q->capm && !nr__grow((void **)&q->m, &q->capm, sizeof(qmark), 64)) {
		q->oom = true;
		return false;
	}
	q->m[q->nm++] = *mk;
	return true;
}

static bool space_or_edge(const qctx *q, uint32_t pos, bool before)
{
	if (before) {
		if (pos == 0)
			return true;
		unsigned char c = (unsigned char)q->t[pos - 1];
		return c == ' ' || c == '\n' || c == '(' || c == '[' || c == '\t' ||
		       c == 0x94 /* end of an em dash */ || c == 0xA0;
	}
	if (pos >= q->a->text_len)
		return true;
	unsigned char c = (unsigned char)q->t[pos];
	return c == ' ' || c == '\n' || c == ',' || c == '.' || c == ';' || c == ':' || c == ')' ||
	       c == '?' || c == '!' || c == '\t' || c == 0xE2 /* dash, quote */;
}

static void collect_marks(qctx *q)
{
	for (uint32_t i = 0; i < q->ntok; i++) {
		if (q->tok[i].kind != NR_TOKEN_QUOTE)
			continue;
		qmark mk = { i, 1, q->tok[i].start, q->tok[i].end, MARK_EITHER, true };
		uint32_t cp;
		nr_utf8__decode(q->t + mk.start, mk.end - mk.start, &cp);
		if (cp == '\'' && i + 1 < q->ntok && q->tok[i + 1].kind == NR_TOKEN_QUOTE &&
		    q->tok[i + 1].start == mk.end && q->t[mk.end] == '\'') {
			mk.ntok = 2;
			mk.end = q->tok[i + 1].end;
			i++;
		} else if (cp == '\'' && i > 0 && q->tok[i - 1].kind == NR_TOKEN_PUNCT &&
			   q->tok[i - 1].end == mk.start && tlen(q, i - 1) == 1 &&
			   ttext(q, i - 1)[0] == '\'' && i > 1 &&
			   q->tok[i - 2].end == q->tok[i - 1].start) {
			/* "mechanics''": the segmenter took the first apostrophe
			 * for a plural possessive; the two close a quotation. */
			mk.tok = i - 1;
			mk.ntok = 2;
			mk.start = q->tok[i - 1].start;
		} else if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A ||
			   cp == 0x2039 || cp == 0x203A) {
			mk.dbl = false;
		}
		switch (cp) {
		case 0x201C:
		case 0x201E:
		case 0x00AB:
		case 0x2018:
		case 0x201A:
		case 0x2039: mk.dir = MARK_OPEN; break;
		case 0x201D:
		case 0x00BB:
		case 0x2019:
		case 0x203A: mk.dir = MARK_CLOSE; break;
		default: {
			bool sb = space_or_edge(q, mk.start, true);
			bool sa = space_or_edge(q, mk.end, false);
			if (sb && !sa)
				mk.dir = MARK_OPEN;
			else if (sa && !sb)
				mk.dir = MARK_CLOSE;
			break;
		}
		}
		/* A curly mark printed the wrong way round still says where it
		 * sits: “ glued to the end of a word closes. */
		if (mk.dir == MARK_OPEN && !space_or_edge(q, mk.start, true) &&
		    space_or_edge(q, mk.end, false))
			mk.dir = MARK_CLOSE;
		if (!mark_push(q, &mk))
			return;
	}
}

typedef struct span {
	uint32_t open, close; /* mark indexes; close == UINT32_MAX: paragraph end */
	uint32_t start, end;  /* bytes */
	bool single;
} span;

static bool next_para_opens(const qctx *q, size_t mi, uint32_t para)
{
	if (mi >= q->nm)
		return false;
	const qmark *n = &q->m[mi];
	if (!n->dbl || n->dir == MARK_CLOSE)
		return false;
	if (para_of_tok(q, n->tok) != para + 1)
		return false;
	return q->a->paragraphs[para + 1].start == n->start;
}

/* Pair double marks into spans, in text order. */
static span *pair_marks(qctx *q, size_t *nspans)
{
	span *sp = malloc((q->nm + 1) * sizeof(*sp));
	*nspans = 0;
	if (!sp) {
		q->oom = true;
		return NULL;
	}
	size_t ns = 0, mi = 0, oi = 0;
	bool open = false;
	uint32_t cur = 0;
	for (;;) {
		while (mi < q->nm && !q->m[mi].dbl)
			mi++;
		if (open) {
			if (mi >= q->nm || para_of_tok(q, q->m[mi].tok) != cur) {
				/* Open at the paragraph end: continued when the next
				 * paragraph opens with a mark, else ends there. */
				if (mi < q->nm && next_para_opens(q, mi, cur)) {
					cur++;
					mi++;
					continue;
				}
				span s = { (uint32_t)oi, UINT32_MAX, q->m[oi].start,
					   q->a->paragraphs[cur].end, false };
				sp[ns++] = s;
				open = false;
				continue;
			}
			const qmark *mk = &q->m[mi];
			if (mk->dir == MARK_OPEN) {
				/* A new quotation opens before the last one closed:
				 * the old one ends here. */
				span s = { (uint32_t)oi, UINT32_MAX, q->m[oi].start, mk->start,
					   false };
				while (s.end > s.start && q->t[s.end - 1] == ' ')
					s.end--;
				sp[ns++] = s;
				oi = mi++;
				continue;
			}
			span s = { (uint32_t)oi, (uint32_t)mi, q->m[oi].start, mk->end, false };
			sp[ns++] = s;
			open = false;
			mi++;
			continue;
		}
		if (mi >= q->nm)
			break;
		if (q->m[mi].dir == MARK_CLOSE) {
			mi++; /* a stray closing mark */
			continue;
		}
		open = true;
		oi = mi;
		cur = para_of_tok(q, q->m[mi].tok);
		mi++;
	}
	*nspans = ns;
	return sp;
}

/* Single-quoted stretches outside the double ones (British style,
 * headlines, quotes within a paragraph that uses no doubles). */
static size_t pair_singles(qctx *q, span *sp, size_t ns, size_t cap)
{
	size_t n = ns;
	size_t si = 0;
	for (size_t mi = 0; mi < q->nm && n < cap; mi++) {
		const qmark *mk = &q->m[mi];
		if (mk->dbl || mk->dir != MARK_OPEN)
			continue;
		while (si < ns && sp[si].end <= mk->start)
			si++;
		if (si < ns && sp[si].start <= mk->start)
			continue; /* nested inside a double quotation */
		uint32_t para = para_of_tok(q, mk->tok);
		for (size_t j = mi + 1; j < q->nm; j++) {
			const qmark *c = &q->m[j];
			if (para_of_tok(q, c->tok) != para || c->dbl)
				break;
			if (c->dir == MARK_OPEN)
				break;
			span s = { (uint32_t)mi, (uint32_t)j, mk->start, c->end, true };
			sp[n++] = s;
			mi = j;
			break;
		}
	}
	return n;
}

static int span_cmp(const void *x, const void *y)
{
	const span *a = x, *b = y;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* ------------------------------------------------------------------ */
/* Pass 2: framing quoted stretches                                    */

/* First token at or after byte position b. */
static uint32_t tok_at_byte(const qctx *q, uint32_t b)
{
	uint32_t lo = 0, hi = q->ntok;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (q->tok[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * An attribution right after a closing mark, in its sentence: "said X",
 * "X said", "X, a senior analyst, said", "he added in an interview".
 * Sets subject and cue; returns the token after the frame, or 0.
 */
static uint32_t frame_after(qctx *q, uint32_t i, uint32_t se, qcand *c)
{
	while (i < se &&
	       (tpunct(q, i, ',') || (q->tok[i].kind == NR_TOKEN_PUNCT && tlen(q, i) > 1 &&
				      (unsigned char)ttext(q, i)[0] == 0xE2)))
		i++;
	if (i >= se)
		return 0;
	cue k;
	int32_t ss, sse;
	if (cue_at(q, i, &k) && cue_finite(&k) && !k.according) {
		if (subject_after(q, i + k.ntok, se, &ss, &sse)) {
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)i;
			c->cue_e = (int32_t)(i + k.ntok);
			c->lemma = k.lemma;
			return (uint32_t)sse;
		}
		return 0;
	}
	if (cue_at(q, i, &k) && k.according) {
		if (according_np(q, i + 2, se, &ss, &sse)) {
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)i;
			c->cue_e = (int32_t)(i + 2);
			c->lemma = k.lemma;
			return (uint32_t)sse;
		}
		return 0;
	}
	/* Subject first: find the cue within the next tokens, allowing an
	 * apposition between commas. */
	uint32_t lim = i + 40 < se ? i + 40 : se;
	for (uint32_t j = i + 1; j < lim; j++) {
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			break;
		if (!cue_at(q, j, &k) || !cue_finite(&k) || k.according)
			continue;
		/* "White House press secretary Jon Ericson": a bare verb form
		 * before a role word modifies it. */
		if (strcmp(k.form, "base") == 0 && k.ntok == 1 &&
		    (is_title_word(q, j + 1) || tin(q, j + 1, ROLE_NOUNS)) && tcap(q, j + 2))
			continue;
		/* "“unhinged” a Mara Quinn tweet": a bare verb form after a
		 * singular "a ..." is a noun, not a clause ("put it" is not). */
		if (strcmp(k.form, "base") == 0 && k.ntok == 1) {
			uint32_t x = j;
			while (x > i && q->tok[x - 1].kind == NR_TOKEN_WORD && !tin(q, x - 1, DETS))
				x--;
			if (x > i && (tis(q, x - 1, "a") || tis(q, x - 1, "an")))
				continue;
		}
		bool near = j <= i + 12;
		if (near && subject_before(q, i, j, &ss, &sse) && (uint32_t)ss > i + 1 &&
		    tpunct(q, (uint32_t)ss - 1, ',') && c->mixed_ok) {
			/* "“...” for criminal behavior, she said": the words
			 * between belong to the content. */
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)j;
			c->cue_e = (int32_t)(j + k.ntok);
			c->lemma = k.lemma;
			c->tail_end = (uint32_t)ss - 1;
			return j + k.ntok;
		}
		if (tpunct(q, j - 1, ',') && subject_after(q, i, j, &ss, &sse) &&
		    (uint32_t)ss == i && tpunct(q, (uint32_t)sse, ',')) {
			/* "Scott Pruitt, the attorney general of Oklahoma, one of
			 * the states suing, said". */
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)j;
			c->cue_e = (int32_t)(j + k.ntok);
			c->lemma = k.lemma;
			return j + k.ntok;
		}
		bool subj = near && subject_before(q, i, j, &ss, &sse);
		if (subj && (uint32_t)ss > i + 1 &&
		    (tis(q, (uint32_t)ss - 1, "in") || tis(q, (uint32_t)ss - 1, "at") ||
		     tis(q, (uint32_t)ss - 1, "for") || tis(q, (uint32_t)ss - 1, "from"))) {
			/* "a narrator in the Okafor ad asks", "an aide at the
			 * embassy said": a role and where it is. */
			int32_t s0, e0;
			if (subject_before(q, i, (uint32_t)ss - 1, &s0, &e0) && (uint32_t)s0 == i &&
			    !tcap(q, (uint32_t)e0 - 1) && group_noun(q, (uint32_t)e0 - 1))
				ss = s0;
		}
		if (subj && ((uint32_t)ss == i ||
			     ((uint32_t)ss == i + 1 && q->tok[i].kind == NR_TOKEN_WORD &&
			      ((!tin(q, i, PREPS) && !tin(q, i, DETS)) ||
			       /* "“...,” as a ministry memo put it" */
			       tis(q, i, "as"))))) {
			/* "panel Chairman Rep. Jason Chaffetz said". */
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)j;
			c->cue_e = (int32_t)(j + k.ntok);
			c->lemma = k.lemma;
			return j + k.ntok;
		}
	}
	return 0;
}

static uint32_t subject_start(const qctx *q, uint32_t s);

/* The noun phrase opening the main clause of the sentence starting at
 * s_first, ending before lim and followed by a lower-case word (its
 * verb): "In August, several environmental groups granted ...". */
static bool clause_subject(const qctx *q, uint32_t s_first, uint32_t lim, int32_t *ss, int32_t *se)
{
	uint32_t f = subject_start(q, q->tsent[s_first]);
	/* After a quotation in the sentence: "“...,” X said, suggesting". */
	for (uint32_t x = lim; x-- > f;)
		if (q->tok[x].kind == NR_TOKEN_QUOTE) {
			f = x + 1;
			while (f < lim && q->tok[f].kind == NR_TOKEN_PUNCT)
				f++;
			break;
		}
	if (f >= lim)
		return false;
	/* "X said as much, arguing ...": the subject of that verb. */
	for (uint32_t j = f + 1; j < lim; j++) {
		cue k;
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			break;
		if (cue_at(q, j, &k) && cue_finite(&k) && !k.according &&
		    subject_before(q, f, j, ss, se) &&
		    !(strcmp(k.form, "base") == 0 &&
		      (tis(q, (uint32_t)*ss, "a") || tis(q, (uint32_t)*ss, "an"))))
			return true;
	}
	/* A person named first, not a possessor: "Democratic nominee Ana
	 * Lind, ...", "Lind's campaign manager Jo Marsh". */
	const nr_article *a = q->a;
	for (size_t mi = nr_mentions__from(a, q->tok[f].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[lim - 1].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		uint32_t t = tok_at_byte(q, m->start), after = tok_at_byte(q, m->end);
		if (t > f + 6)
			break;
		if (a->entities[m->entity].type != NR_ENTITY_PERSON || tposs(q, after) ||
		    (t > f && (tin(q, t - 1, PREPS) || tis(q, t - 1, "of"))))
			continue;
		bool lead = true; /* only its description before it */
		for (uint32_t x = f; x < t && lead; x++)
			lead = np_word(q, x) || tin(q, x, DETS);
		if (!lead)
			break;
		*ss = (int32_t)t;
		*se = (int32_t)after;
		return after < lim;
	}
	uint32_t e = f, h = 0;
	if (tin(q, e, DETS))
		e++;
	/* Modifiers, then a head: a group noun ("several environmental
	 * groups", "The Harbour Council"). */
	for (uint32_t x = e; x < lim && x < f + 6; x++) {
		if (q->tok[x].kind != NR_TOKEN_WORD || tin(q, x, PREPS) || tis(q, x, "of") ||
		    tposs(q, x))
			break;
		if (group_noun(q, x))
			h = x + 1;
		else if (h || !(tcap(q, x) || np_word(q, x) || x < e + 3))
			break;
	}
	e = h;
	if (e == 0 || e >= lim || tcap(q, e) || q->tok[e].kind != NR_TOKEN_WORD || tposs(q, e) ||
	    tin(q, e, PREPS) || tis(q, e, "of") || !np_ok(q, f, e) || starter(q, f))
		return false;
	*ss = (int32_t)f;
	*se = (int32_t)e;
	return true;
}

/*
 * The speech verb before position `limit` in its sentence with a subject
 * before it (mixed quotes and "X said: “...”"). Scans back from the mark.
 */
static bool frame_before(qctx *q, uint32_t s_first, uint32_t limit, qcand *c, cue *kout,
			 uint32_t *cue_tok)
{
	for (uint32_t j = limit; j-- > s_first;) {
		if (q->used[j])
			return false;
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			return false;
		cue k;
		if (!cue_at(q, j, &k))
			continue;
		int32_t ss, sse;
		if (k.according) {
			if (according_np(q, j + 2, limit, &ss, &sse)) {
				c->subj_s = ss;
				c->subj_e = sse;
			}
		} else if (!cue_finite(&k)) {
			/* "Groups granted him an extension, saying his “...”":
			 * the subject of the clause the participle hangs on. */
			if (j == s_first || !tpunct(q, j - 1, ',') ||
			    !clause_subject(q, s_first, j, &ss, &sse))
				continue;
			c->subj_s = ss;
			c->subj_e = sse;
		} else if (!subject_before(q, s_first, j, &ss, &sse)) {
			/* "I laughed and said, “...”": the subject of the first
			 * verb, when the cue introduces the quotation. */
			if (!(j > s_first + 2 && (tis(q, j - 1, "and") || tis(q, j - 1, "then")) &&
			      (tpunct(q, j + k.ntok, ',') || tpunct(q, j + k.ntok, ':')) &&
			      j + k.ntok + 1 == limit))
				continue;
			uint32_t x = j - 1;
			while (x > s_first && !tin(q, x - 1, PRON_SUBJ) &&
			       !(tcap(q, x - 1) && !starter(q, x - 1)))
				x--;
			if (x <= s_first || !subject_before(q, s_first, x, &ss, &sse))
				continue;
			c->subj_s = ss;
			c->subj_e = sse;
		} else if (k.ntok == 1 && strcmp(k.form, "base") == 0 &&
			   (tis(q, (uint32_t)ss, "a") || tis(q, (uint32_t)ss, "an"))) {
			/* "a court order to ...": a noun. */
			continue;
		} else if (k.ntok == 1 && ttext(q, j)[tlen(q, j) - 1] == 's' &&
			   !tis(q, j, "says") && (uint32_t)ss > s_first &&
			   tis(q, (uint32_t)ss - 1, "of")) {
			/* "rated 32% of Republican claims as “false”": a plural
			 * noun after "of", not a subject and its verb. */
			continue;
		} else {
			c->subj_s = ss;
			c->subj_e = sse;
		}
		c->cue_s = (int32_t)j;
		c->cue_e = (int32_t)(j + k.ntok);
		c->lemma = k.lemma;
		*kout = k;
		*cue_tok = j;
		return true;
	}
	return false;
}

static bool only_frame_punct(const qctx *q, uint32_t s, uint32_t e)
{
	for (uint32_t i = s; i < e; i++)
		if (q->tok[i].kind != NR_TOKEN_PUNCT && q->tok[i].kind != NR_TOKEN_QUOTE)
			return false;
	return true;
}

static uint32_t subject_start(const qctx *q, uint32_t s);

/* "On July 6, Delgado made the following comment:" closing the paragraph
 * before a quoted one: the person opening its main clause, followed by a
 * verb, introduces the quote. */
static void colon_subject(qctx *q, uint32_t ps, uint32_t colon, qcand *c)
{
	const nr_article *a = q->a;
	uint32_t from = subject_start(q, ps);
	size_t mi = nr_mentions__from(a, q->tok[from].start);
	for (; mi < a->nmentions && a->mentions[mi].start < q->tok[colon].start; mi++) {
		const nr_mention *m = &a->mentions[mi];
		uint32_t t = tok_at_byte(q, m->start), after = tok_at_byte(q, m->end);
		/* Only numbers, commas, determiners and titles before it. */
		for (uint32_t i = from; i < t; i++)
			if (!(q->tok[i].kind == NR_TOKEN_NUMBER || tpunct(q, i, ',') ||
			      tin(q, i, DETS) || is_title_word(q, i) || tpunct(q, i, '-') ||
			      (q->tok[i].kind == NR_TOKEN_PUNCT &&
			       (unsigned char)ttext(q, i)[0] == 0xE2)))
				return;
		if (a->entities[m->entity].type != NR_ENTITY_PERSON || after >= colon ||
		    q->tok[after].kind != NR_TOKEN_WORD || tcap(q, after) || tposs(q, after) ||
		    tin(q, after, PREPS) || tis(q, after, "of") || tis(q, after, "and"))
			return;
		c->subj_s = (int32_t)t;
		c->subj_e = (int32_t)after;
		c->cue_s = (int32_t)colon - 1;
		c->cue_e = (int32_t)colon;
		c->lemma = NULL;
		c->has_frame = true;
		return;
	}
}

static size_t frame_span(qctx *q, const span *sp, size_t nsp, size_t si)
{
	const span *s = &sp[si];
	uint32_t ot = q->m[s->open].tok;
	uint32_t ct = s->close == UINT32_MAX ? 0 : q->m[s->close].tok + q->m[s->close].ntok - 1;
	uint32_t end_byte = s->end;
	if (s->close == UINT32_MAX) {
		ct = tok_at_byte(q, end_byte);
		ct = ct > 0 ? ct - 1 : 0;
	}
	uint32_t s0 = q->tsent[ot], s1 = q->tsent[ct];
	uint32_t f0 = sent_first(q, s0), e1 = sent_end(q, s1);
	uint32_t nwords = 0;
	for (uint32_t i = ot; i <= ct; i++)
		nwords += q->tok[i].kind == NR_TOKEN_WORD || q->tok[i].kind == NR_TOKEN_NUMBER;
	if (nwords == 0)
		return 1;

	qcand tmp;
	memset(&tmp, 0, sizeof(tmp));
	tmp.subj_s = tmp.subj_e = tmp.cue_s = tmp.cue_e = -1;
	tmp.start = s->start;
	tmp.end = end_byte;
	tmp.kind = NR_QUOTE_DIRECT;
	tmp.single = s->single;
	tmp.open_tok = ot;
	tmp.close_tok = ct;

	/* Text before the mark in its sentence. */
	bool pre_empty = only_frame_punct(q, f0, ot);
	uint32_t after = ct + 1;
	bool post_empty = only_frame_punct(q, after, e1);
	uint32_t frame_end = 0;
	if (!post_empty) {
		tmp.mixed_ok = pre_empty;
		frame_end = frame_after(q, after, e1, &tmp);
		if (frame_end && tmp.tail_end > after) {
			tmp.kind = NR_QUOTE_MIXED;
			tmp.end = q->tok[tmp.tail_end - 1].end;
		}
	}
	if (!frame_end && post_empty && s1 + 1 < q->a->nsentences &&
	    q->a->sentences[s1 + 1].paragraph == q->a->sentences[s1].paragraph) {
		/* "“...?” Vitter demanded." split into two sentences after the
		 * question mark: a next sentence that is only a frame. */
		uint32_t n0 = sent_first(q, s1 + 1), n1 = sent_end(q, s1 + 1);
		if (n1 - n0 <= 12 && !tin(q, n0, PRON_SUBJ)) {
			uint32_t fe = frame_after(q, n0, n1, &tmp);
			if (fe && only_frame_punct(q, fe, n1))
				frame_end = fe, after = n0;
			else
				tmp.subj_s = tmp.subj_e = tmp.cue_s = tmp.cue_e = -1;
		}
	}
	if (!frame_end) {
		/* "“...”― Pamela Padilla": a dash and a name, no verb; the
		 * segmenter may have put them in a sentence of their own. */
		uint32_t d = after, de = e1;
		if (post_empty && s1 + 1 < q->a->nsentences &&
		    q->a->sentences[s1 + 1].paragraph == q->a->sentences[s1].paragraph) {
			d = sent_first(q, s1 + 1);
			de = sent_end(q, s1 + 1);
		}
		if (d < de && q->tok[d].kind == NR_TOKEN_PUNCT &&
		    (tpunct(q, d, '-') || (unsigned char)ttext(q, d)[0] == 0xE2)) {
			int32_t ss, sse;
			if (subject_after(q, d + 1, de, &ss, &sse) && tcap(q, (uint32_t)ss) &&
			    only_frame_punct(q, (uint32_t)sse, de)) {
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				frame_end = (uint32_t)sse;
			}
		}
	}
	bool post_frame = frame_end != 0;
	size_t consumed = 1;
	if (post_frame && si + 1 < nsp && !s->single && !sp[si + 1].single) {
		/* "“A,” he said, “B.”" and "“A,” he said, but “B”": one
		 * quotation interrupted by its attribution. */
		const span *n = &sp[si + 1];
		uint32_t nt = q->m[n->open].tok;
		uint32_t j = frame_end;
		while (j < nt && (q->tok[j].kind == NR_TOKEN_PUNCT || tin(q, j, WEEKDAYS) ||
				  tis(q, j, "but") || tis(q, j, "and") || tis(q, j, "then") ||
				  tis(q, j, "adding")))
			j++;
		if (j < nt && nt - j <= 16 && q->tsent[nt] == q->tsent[frame_end - 1] &&
		    (tpunct(q, nt - 1, ',') || tpunct(q, nt - 1, ':'))) {
			/* "“A,” Quinn said during a rally in Dover, Del.,
			 * “B”": a setting between the two parts, and no other
			 * speaker. */
			cue kk;
			uint32_t x = j;
			while (x < nt && !cue_at(q, x, &kk))
				x++;
			if (x == nt)
				j = nt;
		}
		if (j == nt && q->tsent[nt] <= q->tsent[frame_end - 1] + 0 &&
		    para_of_tok(q, nt) == para_of_tok(q, ct)) {
			tmp.end = n->end;
			consumed = 2;
		}
	}
	if (post_frame) {
		/* The rest of the sentence must be trailing matter: an
		 * apposition, a time, "adding", another quote. */
		tmp.has_frame = true;
	}
	cue k;
	uint32_t cue_tok = 0;
	bool pre_frame = false;
	if (!pre_empty && !post_frame) {
		qcand t2 = tmp;
		if (frame_before(q, f0, ot, &t2, &k, &cue_tok)) {
			/* "X said: “...”" or "X said the U.S. “can't live with us”". */
			uint32_t cl = cue_tok + k.ntok;
			bool direct = only_frame_punct(q, cl, ot);
			if (!direct) {
				/* Time words only between cue and mark still make it direct. */
				uint32_t j = cl;
				while (j < ot && (tin(q, j, WEEKDAYS) || tpunct(q, j, ',') ||
						  tpunct(q, j, ':')))
					j++;
				direct = j == ot &&
					 (tpunct(q, ot - 1, ':') || tpunct(q, ot - 1, ','));
			}
			t2.has_frame = true;
			if (direct) {
				t2.kind = NR_QUOTE_DIRECT;
			} else if (k.according) {
				/* "According to X, the talks “failed”": the clause after
				 * the comma is the content. */
				uint32_t j = cl;
				while (j < ot && !tpunct(q, j, ','))
					j++;
				uint32_t from = j < ot ? j + 1 : ot;
				uint32_t to = content_end_tok(q, f0, e1);
				t2.kind = NR_QUOTE_MIXED;
				t2.start = q->tok[from].start;
				if (to > ct + 1)
					t2.end = q->tok[to - 1].end;
				t2.open_tok = from;
				mark_used(q, f0, e1);
			} else {
				uint32_t from = strin(k.lemma, NAMING)
						    ? 0
						    : clause_after(q, cl, e1, &k, false);
				/* "called the relationship “complicated”", "described
				 * her as “a disgrace”": what was said about whom runs
				 * from the cue on. */
				if (!from && ot > cl && ot - cl <= 20 && !tis(q, cl, "on") &&
				    !tis(q, cl, "for")) {
					from = cl;
					/* "told one of his protégés on a regular basis
					 * that “...”": the clause starts at "that". */
					for (uint32_t x = ot; x-- > cl;)
						if (tis(q, x, "that")) {
							from = x;
							break;
						}
				}
				t2.kind = NR_QUOTE_MIXED;
				if (from && from <= ot) {
					uint32_t to = content_end_tok(q, f0, e1);
					t2.start = q->tok[from].start;
					if (to > ct + 1)
						t2.end = q->tok[to - 1].end;
					t2.open_tok = from;
					mark_used(q, f0, e1);
				}
			}
			tmp = t2;
			pre_frame = true;
		}
	}
	if (post_frame && !pre_empty) {
		/* "The agency is “a loyal arm,” Okoro said": the sentence up to
		 * the mark is part of what was said. */
		tmp.kind = NR_QUOTE_MIXED;
		bool clause_like = true;
		for (uint32_t i = f0; i < ot; i++) {
			cue kk;
			int32_t a0, a1;
			if (cue_at(q, i, &kk) && cue_finite(&kk) &&
			    subject_before(q, f0, i, &a0, &a1)) {
				clause_like = false;
				break;
			}
		}
		if (clause_like) {
			tmp.start = q->tok[f0].start;
			tmp.open_tok = f0;
		}
	}
	if (!tmp.has_frame && pre_empty && !s->single && f0 == sent_first(q, s0) &&
	    q->a->paragraphs[para_of_tok(q, ot)].start == s->start && f0 > 0 &&
	    tpunct(q, f0 - 1, ':') && q->tsent[f0 - 1] + 1 == s0) {
		/* "Caddell continued:" closing the paragraph before. */
		uint32_t ps = q->tsent[f0 - 1];
		uint32_t pf = sent_first(q, ps), colon = f0 - 1;
		qcand t2 = tmp;
		uint32_t ctok = 0;
		int32_t is, ise;
		if (frame_before(q, pf, colon, &t2, &k, &ctok) && t2.subj_s >= 0 &&
		    only_frame_punct(q, ctok + k.ntok, colon)) {
			tmp = t2;
			tmp.has_frame = true;
		} else if (cue_at(q, pf, &k) && cue_finite(&k) && !k.according &&
			   subject_after(q, pf + k.ntok, colon, &is, &ise) &&
			   (uint32_t)ise == colon) {
			/* "Stated Okafor:", "Added the mayor:". */
			tmp.subj_s = is;
			tmp.subj_e = ise;
			tmp.cue_s = (int32_t)pf;
			tmp.cue_e = (int32_t)(pf + k.ntok);
			tmp.lemma = k.lemma;
			tmp.has_frame = true;
		} else if (colon > pf + 1 && q->tok[colon - 1].kind == NR_TOKEN_WORD &&
			   !tcap(q, colon - 1)) {
			int32_t ss, sse;
			if (subject_before(q, pf, colon - 1, &ss, &sse) && (uint32_t)ss <= pf + 1) {
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				tmp.cue_s = (int32_t)colon - 1;
				tmp.cue_e = (int32_t)colon;
				tmp.lemma = NULL;
				tmp.has_frame = true;
			}
		}
		if (!tmp.has_frame)
			colon_subject(q, ps, colon, &tmp);
	}
	if (!tmp.has_frame) {
		/* Unattributed. Scare quotes inside a sentence are not speech;
		 * a quoted sentence or paragraph is, and may belong to the
		 * speaker of the paragraph before. */
		if (!pre_empty || s->single)
			return 1;
		if (nwords < 3)
			return 1;
		tmp.unattributed = true;
	} else if (tmp.kind == NR_QUOTE_MIXED && !pre_frame && !post_frame) {
		return 1;
	}
	if (s->single && tmp.kind == NR_QUOTE_MIXED && nwords < 2)
		return 1;
	qcand *c = cand_new(q);
	if (!c)
		return consumed;
	*c = tmp;
	c->sentence = q->tsent[c->open_tok < q->ntok ? c->open_tok : ot];
	c->paragraph = para_of_tok(q, ot);
	mark_used(q, ot, ct + 1);
	if (c->cue_s >= 0)
		mark_used(q, (uint32_t)c->cue_s, (uint32_t)c->cue_e);
	if (c->subj_s >= 0)
		mark_used(q, (uint32_t)c->subj_s, (uint32_t)c->subj_e);
	if (post_frame)
		mark_used(q, after, frame_end);
	if (consumed == 2) {
		const span *n = &sp[si + 1];
		mark_used(q, q->m[n->open].tok, tok_at_byte(q, n->end));
	}
	return consumed;
}

/* ------------------------------------------------------------------ */
/* Pass 3: reported speech                                             */

/* Where reported content starting at `from` ends: before "and Y
 * accused ...", "but Y said ...", "; Y said ...", a second frame with a
 * subject of its own, else at cend. */
static uint32_t next_frame(const qctx *q, uint32_t from, uint32_t cend)
{
	for (uint32_t x = from + 2; x + 2 < cend; x++) {
		if (q->used[x] || q->tok[x].kind == NR_TOKEN_QUOTE)
			return cend;
		/* Cheap tests first: this runs over every reported clause. */
		const char *w = ttext(q, x);
		if (tlen(q, x) == 3 ? !((w[0] | 0x20) == 'a' && tis(q, x, "and")) &&
					  !((w[0] | 0x20) == 'b' && tis(q, x, "but"))
				    : !tpunct(q, x, ';'))
			continue;
		for (uint32_t y = x + 2; y < cend && y <= x + 6; y++) {
			cue k;
			int32_t ss, se;
			/* Names and punctuation are no verbs: spare the lookup. */
			if (q->tok[y].kind != NR_TOKEN_WORD || tcap(q, y))
				continue;
			if (!cue_at(q, y, &k) || !cue_finite(&k) || k.according)
				continue;
			if (subject_before(q, x + 1, y, &ss, &se) && (uint32_t)ss == x + 1 &&
			    (uint32_t)se == y && !tin(q, x + 1, DETS))
				return x > from + 2 && tpunct(q, x - 1, ',') ? x - 1 : x;
			break;
		}
	}
	return cend;
}

/* Does the frame of "CLAUSE, X said" end at r: nothing but a day, an
 * object pronoun, or a comma or preposition leading on ("said Friday",
 * "told reporters", "said in a statement")? */
static bool frame_ends(const qctx *q, uint32_t r, uint32_t cend)
{
	while (r < cend && (tin(q, r, WEEKDAYS) || tin(q, r, PRON_OBJ)))
		r++;
	return r >= cend || tpunct(q, r, ',') || tin(q, r, PREPS);
}

static void indirect_sentence(qctx *q, uint32_t s)
{
	uint32_t f = sent_first(q, s), e = sent_end(q, s);
	if (e - f < 4)
		return;
	uint32_t cend = content_end_tok(q, f, e);
	for (uint32_t i = f; i < e; i++) {
		if (q->used[i])
			continue;
		cue k;
		if (!cue_at(q, i, &k))
			continue;
		qcand tmp;
		memset(&tmp, 0, sizeof(tmp));
		tmp.subj_s = tmp.subj_e = -1;
		tmp.kind = NR_QUOTE_INDIRECT;
		tmp.cue_s = (int32_t)i;
		tmp.cue_e = (int32_t)(i + k.ntok);
		tmp.lemma = k.lemma;
		tmp.has_frame = true;
		int32_t ss, sse;
		uint32_t from = 0, to = 0;
		if (k.according) {
			if (!according_np(q, i + 2, e, &ss, &sse))
				continue;
			tmp.subj_s = ss;
			tmp.subj_e = sse;
			if (i == f || (i == f + 1 && tpunct(q, f, ','))) {
				/* "According to X, CLAUSE." */
				uint32_t j = (uint32_t)sse;
				while (j < e && !tpunct(q, j, ','))
					j++;
				if (j + 2 >= cend)
					continue;
				from = j + 1;
				to = cend;
			} else if (i > f && tpunct(q, i - 1, ',')) {
				/* "CLAUSE, according to X." */
				from = f;
				to = i - 1;
			} else {
				continue;
			}
		} else {
			if (!cue_finite(&k))
				continue;
			/* Passive and infinitive uses are not attributions. */
			if (i > f &&
			    (tis(q, i - 1, "to") || tis(q, i - 1, "be") || tis(q, i - 1, "been") ||
			     tis(q, i - 1, "being") || tis(q, i - 1, "is") ||
			     tis(q, i - 1, "was") || tis(q, i - 1, "were") || tis(q, i - 1, "are")))
				continue;
			bool subj = subject_before(q, f, i, &ss, &sse);
			/* "a Mara Quinn tweet attacking ...": a noun. */
			if (subj && strcmp(k.form, "base") == 0 &&
			    (tis(q, (uint32_t)ss, "a") || tis(q, (uint32_t)ss, "an")))
				continue;
			if (subj && ss > (int32_t)f) {
				/* Subject must open the sentence or a clause. */
				uint32_t b = (uint32_t)ss - 1;
				bool ok = tpunct(q, b, ',') || tis(q, b, "and") ||
					  tis(q, b, "but") || tis(q, b, "that") ||
					  tis(q, b, "while") || tis(q, b, "as") ||
					  tis(q, b, "because") || tis(q, b, "when") ||
					  tis(q, b, "where") || tis(q, b, "after") ||
					  tis(q, b, "before") || tis(q, b, "though") ||
					  tis(q, b, "although") || tis(q, b, "since") ||
					  tis(q, b, "if") || tis(q, b, "so") || tpunct(q, b, ';') ||
					  tpunct(q, b, ':') || tpunct(q, b, '(') ||
					  q->tok[b].kind == NR_TOKEN_QUOTE || starter(q, b) ||
					  (tpunct(q, b, '-') ||
					   (q->tok[b].kind == NR_TOKEN_PUNCT &&
					    (unsigned char)ttext(q, b)[0] == 0xE2));
				if (!ok && b > f) {
					/* "Last week, ..." "On Friday Vance said" */
					ok = tin(q, b, WEEKDAYS);
				}
				if (!ok)
					subj = false;
			}
			if (subj) {
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				/* "denies U.S. accusations that ...": a noun with a clause. */
				uint32_t c0 = i + k.ntok;
				from = clause_after(q, c0, cend, &k, false);
				if (!from && strcmp(k.lemma, "deny") == 0) {
					for (uint32_t j = c0; j < c0 + 5 && j < cend; j++)
						if (tis(q, j, "that")) {
							from = c0;
							break;
						}
				}
				bool act = false;
				if (!from && act_verb(&k)) {
					from = act_object(q, c0, cend);
					act = from != 0;
				}
				to = cend;
				if (from)
					to = next_frame(q, from,
							act ? act_end(q, from, cend) : cend);
				if (!from) {
					/* "CLAUSE, X said.": the subject after a comma and
					 * nothing said after the verb. */
					uint32_t c = (uint32_t)ss;
					if (c < f + 5 || !tpunct(q, c - 1, ',') || i - c > 8 ||
					    tin(q, f, PREPS) || !frame_ends(q, c0, cend))
						continue;
					from = f;
					to = c - 1;
				}
				/* A later cue in the same sentence with its own subject
				 * ("X said ..., but Y said ...") ends this content. */
			} else if (i > f + 3 && tpunct(q, i - 1, ',') && i + k.ntok < e) {
				/* "CLAUSE, said X." */
				if (!subject_after(q, i + k.ntok, e, &ss, &sse))
					continue;
				uint32_t rest = (uint32_t)sse;
				while (rest < e && q->tok[rest].kind == NR_TOKEN_PUNCT)
					rest++;
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				from = f;
				to = i - 1;
			} else if (i > f + 3) {
				/* "CLAUSE, X said." */
				uint32_t c = i;
				while (c > f && !tpunct(q, c - 1, ','))
					c--;
				if (c <= f + 2 || i - c > 8)
					continue;
				if (!subject_before(q, c, i, &ss, &sse) || (uint32_t)ss != c)
					continue;
				/* Only when the frame ends the sentence. */
				if (!frame_ends(q, i + k.ntok, cend))
					continue;
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				from = f;
				to = c - 1;
			} else {
				continue;
			}
		}
		if (from >= to || to - from < 2)
			continue;
		/* Content already claimed by a quotation: leave it to that one. */
		bool taken = false;
		for (uint32_t j = from; j < to && !taken; j++)
			taken = q->used[j];
		if (taken)
			continue;
		/* Content ends before a comma-led continuation of the frame? No:
		 * PolNeAR keeps the whole clause. */
		qcand *c = cand_new(q);
		if (!c)
			return;
		*c = tmp;
		c->start = q->tok[from].start;
		c->end = q->tok[to - 1].end;
		c->open_tok = from;
		c->close_tok = to - 1;
		c->sentence = s;
		c->paragraph = q->a->sentences[s].paragraph;
		mark_used(q, (uint32_t)c->cue_s, (uint32_t)c->cue_e);
		mark_used(q, (uint32_t)c->subj_s, (uint32_t)c->subj_e);
		mark_used(q, from, to);
		i = to;
	}
}

/* ------------------------------------------------------------------ */
/* Speakers                                                            */

typedef struct resolved {
	int32_t entity;
	const char *name; /* arena */
	char gender;
	uint32_t sentence;
	bool person;
	bool group;
} resolved;

static char name_gender(const qctx *q, const char *name)
{
	size_t n = 0;
	while (name[n] && name[n] != ' ')
		n++;
	char g = nr_lexicon__gender(q->lex, name, n);
	return g == 'm' || g == 'f' ? g : 0;
}

/* Title words at the start of a name ("Admiral", "Foreign Minister",
 * "Mr."): how many tokens, up to e. */
static uint32_t skip_titles(const qctx *q, uint32_t s, uint32_t e)
{
	uint32_t i = s;
	while (i < e) {
		if (tin(q, i, DETS)) {
			i++;
			continue;
		}
		nr_lex_match m;
		size_t n = nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, i, &m);
		if (n && i + n < e && !m.possessive) {
			i += (uint32_t)n;
			continue;
		}
		/* Affiliations before a title: "White House Press Secretary",
		 * "Pakistani Prime Minister". */
		if (tcap(q, i) && i + 1 < e) {
			uint32_t j = i + 1;
			while (
			    j < e && tcap(q, j) &&
			    !nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, j, &m))
				j++;
			if (j < e && j - i <= 3 &&
			    nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, j,
					      &m) &&
			    j + m.ntokens < e && !m.possessive) {
				i = j + (uint32_t)m.ntokens;
				continue;
			}
		}
		break;
	}
	return i;
}

/* A fuller name for a surname, from capitalised runs earlier in the text
 * (fallback when the entity extractor found none). */
static const char *fuller_name(qctx *q, uint32_t s, uint32_t e, uint32_t before_tok)
{
	if (e - s != 1 || !tcap(q, s))
		return NULL;
	/* Bounded look back: a long article must not make this quadratic. */
	for (uint32_t i = before_tok > 4000 ? before_tok - 4000 : 1; i < before_tok && i < q->ntok;
	     i++) {
		if (tlen(q, i) != tlen(q, s) || memcmp(ttext(q, i), ttext(q, s), tlen(q, s)) != 0)
			continue;
		uint32_t b = i;
		while (b > 0 && tcap(q, b - 1) && i - (b - 1) <= 3 && !is_title_word(q, b - 1) &&
		       !starter(q, b - 1) && q->tsent[b - 1] == q->tsent[i])
			b--;
		if (b < i && nr_lexicon__gender(q->lex, ttext(q, b), tlen(q, b)))
			return nr_arena__strndup(&q->a->arena, q->t + q->tok[b].start,
						 q->tok[i].end - q->tok[b].start);
	}
	return NULL;
}

/* Person mention in the article right after the word w (e.g. the
 * "spokesman" of "White House spokesman Paul Vance"). */
static int32_t entity_after_word(qctx *q, uint32_t w)
{
	const nr_article *a = q->a;
	int32_t found = -1;
	/* A scan of all mentions: allowed a bounded number of times per
	 * article so that thousands of "the spokesman said" stay linear. */
	if (q->title_scans++ >= 64)
		return -1;
	for (size_t mi = 0; mi < a->nmentions; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (a->entities[m->entity].type != NR_ENTITY_PERSON)
			continue;
		uint32_t t = tok_at_byte(q, m->start);
		if (t > 0 && tlen(q, t - 1) == tlen(q, w) &&
		    strncasecmp(ttext(q, t - 1), ttext(q, w), tlen(q, w)) == 0) {
			if (found >= 0 && found != (int32_t)m->entity)
				return -1; /* two candidates: leave it as written */
			found = (int32_t)m->entity;
		}
	}
	return found;
}

static bool gender_ok(char want, char have) { return !want || !have || want == have; }

/* Is byte pos inside the content of candidate ci or one shortly before
 * it? Names inside what someone said are not who said it. */
static bool in_content(const qctx *q, size_t ci, uint32_t pos)
{
	size_t lo = ci > 24 ? ci - 24 : 0;
	for (size_t j = ci + 1; j-- > lo;)
		if (j < q->nc && q->c[j].start <= pos && pos < q->c[j].end)
			return true;
	return false;
}

/* A person's name without words the extractor let in front of it:
 * "Crooked Anna Petrov", "Democrat Luis Delgado", "Elections Joan
 * Meyer" name the person from the first first name on. A pointer into
 * the entity's own name; other entities are returned as they are. */
static const char *ent_name(const qctx *q, const nr_entity *en)
{
	const char *n = en->name;
	if (!n || en->type != NR_ENTITY_PERSON)
		return n;
	size_t l0 = 0;
	while (n[l0] && n[l0] != ' ')
		l0++;
	if (!n[l0] || nr_lexicon__gender(q->lex, n, l0))
		return n;
	const char *w = n + l0 + 1;
	while (*w) {
		size_t l = 0;
		while (w[l] && w[l] != ' ')
			l++;
		if (!w[l])
			break; /* the last word stays a surname */
		char g = nr_lexicon__gender(q->lex, w, l);
		if (g == 'm' || g == 'f')
			return w;
		w += l + 1;
	}
	return n;
}

/* Gender of a person entity: the extractor's, else the first word of
 * its name the first-names list knows ("Crooked Anna Petrov" is a
 * woman even with a stray modifier in front). */
static char ent_gender(const qctx *q, const nr_entity *en)
{
	if (en->gender == 'm' || en->gender == 'f')
		return en->gender;
	const char *n = en->name;
	if (!n)
		return 0;
	while (*n) {
		size_t l = 0;
		while (n[l] && n[l] != ' ')
			l++;
		if (!n[l])
			break; /* the surname: "Rice", "Warren" are first names too */
		char g = nr_lexicon__gender(q->lex, n, l);
		if (g == 'm' || g == 'f')
			return g;
		n += l + 1;
	}
	return 0;
}

/* Where the subject of sentence s may start: after an opening adverbial
 * ("In an interview with X on Friday, ...", "During his tour, ..."). */
static uint32_t subject_start(const qctx *q, uint32_t s)
{
	uint32_t f = sent_first(q, s), e = sent_end(q, s);
	uint32_t i = f;
	while (i < e && q->tok[i].kind == NR_TOKEN_QUOTE)
		i++;
	if (!tin(q, i, PREPS) && !tis(q, i, "although") && !tis(q, i, "though") &&
	    !tis(q, i, "since") && !tis(q, i, "because") && !tis(q, i, "if") &&
	    !tis(q, i, "should") && !tis(q, i, "unless") && !tis(q, i, "once"))
		return f;
	for (uint32_t k = i + 1; k < e && k < i + 30; k++) {
		if (q->tok[k].kind == NR_TOKEN_QUOTE)
			return f;
		if (tpunct(q, k, ','))
			return k + 1;
	}
	return f;
}

/* Subject of sentence s before token lim: the first person mention near
 * the start of the main clause, not a possessor ("Petrov's rival") nor
 * the object of a preposition. A sentence whose subject is the pronoun
 * itself ("He paused ...", "His audio ...") names nobody: *chain is set
 * instead. */
static bool sentence_subject(const qctx *q, size_t ci, uint32_t s, uint32_t lim, const char *pron,
			     bool *chain, resolved *out)
{
	const nr_article *a = q->a;
	const nr_sentence *st = &a->sentences[s];
	uint32_t from = subject_start(q, s);
	if (chain)
		*chain = false;
	if (pron && chain) {
		/* The pronoun as the subject, before any name. */
		for (uint32_t i = from; i < from + 3 && i < lim && i < sent_end(q, s); i++) {
			if (q->tok[i].kind == NR_TOKEN_QUOTE)
				continue;
			/* "He paused", "His audio was quieter": the same one. */
			const char *poss = strcmp(pron, "he") == 0 ? "his" : "her";
			if ((tis(q, i, pron) || tis(q, i, poss)) &&
			    !in_content(q, ci, q->tok[i].start)) {
				*chain = true;
				return false;
			}
			break;
		}
	}
	size_t mi = nr_mentions__from(a, q->tok[from].start);
	for (; mi < a->nmentions && a->mentions[mi].start < st->end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		const nr_entity *en = &a->entities[m->entity];
		if (en->type != NR_ENTITY_PERSON || in_content(q, ci, m->start))
			continue;
		uint32_t t = tok_at_byte(q, m->start);
		if (t > from + 8 || t >= lim)
			return false;
		uint32_t after = tok_at_byte(q, m->end);
		if (after < sent_end(q, s) && tposs(q, after))
			continue;
		uint32_t b = t;
		while (b > from && (tin(q, b - 1, DETS) || is_title_word(q, b - 1)))
			b--;
		if (b > from && tin(q, b - 1, PREPS))
			continue;
		out->entity = (int32_t)m->entity;
		out->name = ent_name(q, en);
		out->gender = ent_gender(q, en);
		out->person = true;
		out->group = false;
		out->sentence = s;
		return true;
	}
	/* No entities: a capitalised run with a known first name. */
	if (a->nentities == 0) {
		uint32_t f = st->first_token, e = f + (uint32_t)st->ntokens;
		for (uint32_t i = f; i < e && i < f + 6 && i < lim; i++) {
			if (!tcap(q, i))
				continue;
			char g = nr_lexicon__gender(q->lex, ttext(q, i), tlen(q, i));
			if (!g || !tcap(q, i + 1) || i + 1 >= e)
				continue;
			uint32_t j = i + 1;
			while (j < e && tcap(q, j) && j < i + 4)
				j++;
			out->entity = -1;
			out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[i].start,
						      q->tok[j - 1].end - q->tok[i].start);
			out->gender = g == 'u' ? 0 : g;
			out->person = true;
			out->group = false;
			out->sentence = s;
			return out->name != NULL;
		}
	}
	return false;
}

static bool has_apostrophe(const qctx *q, uint32_t i)
{
	const char *w = ttext(q, i);
	size_t n = tlen(q, i);
	for (size_t k = 0; k < n; k++)
		if (w[k] == '\'' || (k + 2 < n && memcmp(w + k, "\xE2\x80\x99", 3) == 0))
			return true;
	return false;
}

/* The subject of sentence s as a body or group, before token lim: an
 * organisation named near the start of the clause ("the Security
 * Council"), else a plural noun phrase as written ("Republicans had ...",
 * "Twenty-seven states led by ..."). With chain, a clause led by
 * "they" sets *chain instead. */
static bool group_subject(qctx *q, size_t ci, uint32_t s, uint32_t lim, bool chain_ok, bool *chain,
			  resolved *out)
{
	const nr_article *a = q->a;
	uint32_t from = subject_start(q, s), end = sent_end(q, s);
	if (lim > end)
		lim = end;
	while (from < lim && q->tok[from].kind == NR_TOKEN_QUOTE)
		from++;
	if (from >= lim)
		return false;
	if (chain_ok && (tis(q, from, "they") || tis(q, from, "their"))) {
		*chain = !in_content(q, ci, q->tok[from].start);
		return false;
	}
	for (size_t mi = nr_mentions__from(a, q->tok[from].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[lim - 1].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (tok_at_byte(q, m->start) > from + 3)
			break;
		const nr_entity *en = &a->entities[m->entity];
		if (en->type != NR_ENTITY_ORGANIZATION || in_content(q, ci, m->start))
			continue;
		out->entity = (int32_t)m->entity;
		out->name = ent_name(q, en);
		out->gender = 0;
		out->person = false;
		out->group = true;
		out->sentence = s;
		return true;
	}
	if (in_content(q, ci, q->tok[from].start))
		return false;
	uint32_t i = from;
	if (tin(q, i, DETS) && !tis(q, i, "that"))
		i++;
	uint32_t np = i;
	cue k;
	/* "Okafor's campaign", "the mayor's aides": a possessor opens it. */
	bool owner = tcap(q, i) && tposs(q, i + 1) && !starter(q, i);
	if (owner)
		i += 2;
	while (i < lim && i < np + 4 && q->tok[i].kind == NR_TOKEN_WORD && !tin(q, i, PREPS) &&
	       !tin(q, i, AUX) && !tin(q, i, PRON_SUBJ) && !tis(q, i, "of") && !tis(q, i, "by") &&
	       !tis(q, i, "who") && !tis(q, i, "that") && !tposs(q, i) && !cue_at(q, i, &k))
		i++;
	/* The head: the last plural word ("states", "Republicans"), or after
	 * a possessor a body ("Okafor's campaign"). */
	uint32_t hs = owner ? np + 2 : np;
	while (i > hs) {
		size_t l = tlen(q, i - 1);
		const char *w = ttext(q, i - 1);
		if (l > 3 && (w[l - 1] == 's' || w[l - 1] == 'S') && w[l - 2] != 's' &&
		    w[l - 2] != '\'')
			break;
		if (owner && i == hs + 1 && group_noun(q, i - 1) && !is_title_word(q, i - 1))
			break;
		i--;
	}
	if (i == hs || starter(q, np))
		return false;
	for (uint32_t x = hs; x < i; x++)
		if (has_apostrophe(q, x) || tin(q, x, PRON_OBJ))
			return false; /* "She'll present", not a noun phrase */
	/* A verb or a clause boundary must follow the head: "Republicans
	 * had", "critics, like", "officials said", "states led by". */
	bool verb_next = i < end &&
			 (tin(q, i, AUX) || cue_at(q, i, &k) || tpunct(q, i, ',') ||
			  tis(q, i, "of") || tis(q, i, "who") || tis(q, i, "are") ||
			  tis(q, i, "were") || tis(q, i, "have") || tis(q, i, "say") ||
			  (owner && tis(q, i, "is")) ||
			  (tlen(q, i) > 3 && memcmp(ttext(q, i) + tlen(q, i) - 2, "ed", 2) == 0));
	if (!verb_next)
		return false;
	out->entity = -1;
	out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[np].start,
				      q->tok[i - 1].end - q->tok[np].start);
	out->gender = 0;
	out->person = false;
	out->group = true;
	out->sentence = s;
	return out->name != NULL;
}

static bool resolve_pronoun_pass(qctx *q, const qcand *c, const resolved *hist, size_t nh,
				 resolved *out);

/* "he"/"she": salience first (who spoke, who was the subject), gender
 * as a filter where it is known. Preferring a known gender over a closer
 * candidate of unknown gender was tried and measured worse: names the
 * lexicon cannot sex are common among recent speakers. */
static void resolve_pronoun(qctx *q, const qcand *c, const resolved *hist, size_t nh, resolved *out)
{
	resolve_pronoun_pass(q, c, hist, nh, out);
}

static bool resolve_pronoun_pass(qctx *q, const qcand *c, const resolved *hist, size_t nh,
				 resolved *out)
{
	char want = 0;
	uint32_t pt = (uint32_t)c->subj_s;
	bool plural = tis(q, pt, "they") || tis(q, pt, "we");
	if (tis(q, pt, "he"))
		want = 'm';
	else if (tis(q, pt, "she"))
		want = 'f';
	if (tis(q, pt, "i") || tis(q, pt, "we")) {
		/* Inside a quote "I"/"we" is the quoted speaker; outside it is
		 * the writer: leave as written. */
		return true;
	}
	uint32_t s = c->sentence;
	uint32_t lo = s > 5 ? s - 5 : 0;
	for (uint32_t k = s + 1; k-- > lo;) {
		/* Speakers of quotes in sentence k (latest first). */
		for (size_t h = nh; h-- > 0;) {
			/* hist follows text order: stop once before sentence k. */
			if (hist[h].sentence < k)
				break;
			if (hist[h].sentence != k)
				continue;
			if (plural ? hist[h].person : !hist[h].person)
				continue;
			if (!hist[h].name)
				continue;
			if (!plural && !gender_ok(want, hist[h].gender))
				continue;
			*out = hist[h];
			return true;
		}
		if (plural) {
			/* "they": the body or group that is the subject of
			 * sentence k, of its clause before the pronoun when k is
			 * the pronoun's own; "They sent a letter" hands over to
			 * the sentence before. */
			/* Nothing before it but what was said ("The weapons are
			 * new, they argue, but ..."). */
			if (k == s && (pt == sent_first(q, s) || q->tok[pt].start > c->start ||
				       tpunct(q, pt - 1, ',')))
				continue;
			bool chain = false;
			if (group_subject(q, nh, k, k == s ? pt : sent_end(q, k), k < s, &chain,
					  out))
				return true;
			continue;
		}
		/* The subject of sentence k (of the clause before the pronoun
		 * in its own sentence); a sentence led by the same pronoun
		 * hands over to the one before. */
		resolved r;
		bool chain = false;
		const char *pw = want == 'm' ? "he" : want == 'f' ? "she" : NULL;
		uint32_t lim = k == s ? pt : sent_end(q, k);
		if (k < s || (pt > sent_first(q, s) && !tpunct(q, pt - 1, ','))) {
			if (sentence_subject(q, nh, k, lim, k < s ? pw : NULL, &chain, &r) &&
			    gender_ok(want, r.gender)) {
				*out = r;
				return true;
			}
		}
		if (chain)
			continue;
		/* Any compatible person mentioned in sentence k before the
		 * quote: the last one, a known gender before an unknown. */
		const nr_article *a = q->a;
		const nr_sentence *st = &a->sentences[k];
		uint32_t blim = k == s ? q->tok[pt].start : st->end;
		int32_t best = -1;
		bool best_known = false;
		for (size_t mi = nr_mentions__from(a, st->start);
		     mi < a->nmentions && a->mentions[mi].start < blim; mi++) {
			const nr_entity *en = &a->entities[a->mentions[mi].entity];
			if (in_content(q, nh, a->mentions[mi].start))
				continue;
			if (en->type != NR_ENTITY_PERSON)
				continue;
			char g = ent_gender(q, en);
			if (!gender_ok(want, g))
				continue;
			bool known = want && g == want;
			if (best < 0 || known || !best_known) {
				best = (int32_t)a->mentions[mi].entity;
				best_known = known;
			}
		}
		if (best >= 0) {
			out->entity = best;
			out->name = ent_name(q, &a->entities[best]);
			out->gender = ent_gender(q, &a->entities[best]);
			out->person = true;
			return true;
		}
	}
	/* Nothing close by: the last person quoted, if not too far back. */
	for (size_t h = nh; h-- > 0;) {
		if (hist[h].sentence + 20 < s)
			break;
		if (!hist[h].name)
			continue;
		if (plural ? hist[h].person : !hist[h].person)
			continue;
		if (!plural && !gender_ok(want, hist[h].gender))
			continue;
		*out = hist[h];
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Transcript turns                                                    */

/* A word written all in capitals, two letters at least ("HOLT",
 * "O'NEILL"), not one initial ("Q", "A"). */
static bool tcaps_word(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	const char *w = ttext(q, i);
	size_t n = tlen(q, i), k = 0;
	unsigned letters = 0;
	while (k < n) {
		uint32_t cp;
		k += nr_utf8__decode(w + k, n - k, &cp);
		if (nr_uc__is_upper(cp))
			letters++;
		else if (cp != '-' && cp != '\'' && cp != 0x2019)
			return false;
	}
	return letters >= 2;
}

/* The label of a paragraph opening "NAME: ..." or "“JOHN SMITH: ...",
 * tokens [*ls, *le); the content starts at *cs. */
static bool turn_label(const qctx *q, uint32_t first, uint32_t end, uint32_t *ls, uint32_t *le,
		       uint32_t *cs)
{
	uint32_t i = first;
	/* An opening mark before the label: transcripts quoted whole. */
	while (i < end && i < first + 2 && q->tok[i].kind == NR_TOKEN_QUOTE)
		i++;
	uint32_t s = i;
	while (i < end && i < s + 3 && tcaps_word(q, i))
		i++;
	if (i == s || !tpunct(q, i, ':') || i + 1 >= end)
		return false;
	*ls = s;
	*le = i;
	*cs = i + 1;
	return true;
}

static bool same_word_ci(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strncasecmp(a, b, an) == 0;
}

/* Person entity whose name ends with the label's last word, the most
 * mentioned one when several do ("PETROV"), or -1. */
static int32_t turn_entity(const qctx *q, uint32_t last)
{
	const nr_article *a = q->a;
	int32_t best = -1;
	for (size_t k = 0; k < a->nentities; k++) {
		const nr_entity *en = &a->entities[k];
		if (en->type != NR_ENTITY_PERSON || !en->name)
			continue;
		const char *sp = strrchr(en->name, ' ');
		const char *lw = sp ? sp + 1 : en->name;
		if (!same_word_ci(lw, strlen(lw), ttext(q, last), tlen(q, last)))
			continue;
		if (best < 0 || en->nmentions > a->entities[best].nmentions)
			best = (int32_t)k;
	}
	return best;
}

/* Paragraphs that are turns of a transcript ("HOLT: ...", "MARA
 * HOLT: ...") become direct quotes of the labelled speaker; whatever
 * was found inside them gives way. A label counts when it names a
 * person of the article or when its last word labels two turns at
 * least among two speakers or more: "UPDATE:" or "BYLINE:" does not. */
static void transcript_turns(qctx *q)
{
	const nr_article *a = q->a;
	/* Bounded: label counting is quadratic in the turns, so a longer
	 * transcript keeps its first MAXT turns as turns. */
	enum { MAXT = 512 };
	struct turn {
		uint32_t s, e, cs, pend, sentence, para;
	} *tv = malloc(MAXT * sizeof(*tv));
	if (!tv) {
		q->oom = true;
		return;
	}
	size_t nt = 0;
	for (uint32_t s = 0; s < a->nsentences && nt < MAXT; s++) {
		if (s > 0 && a->sentences[s - 1].paragraph == a->sentences[s].paragraph)
			continue;
		uint32_t pe = s;
		while (pe + 1 < a->nsentences &&
		       a->sentences[pe + 1].paragraph == a->sentences[s].paragraph)
			pe++;
		struct turn t;
		if (!turn_label(q, sent_first(q, s), sent_end(q, pe), &t.s, &t.e, &t.cs))
			continue;
		t.pend = sent_end(q, pe);
		t.sentence = s;
		t.para = a->sentences[s].paragraph;
		tv[nt++] = t;
	}
	/* Distinct last words of labels, and how often each recurs. */
	size_t ndistinct = 0;
	for (size_t i = 0; i < nt; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = same_word_ci(ttext(q, tv[j].e - 1), tlen(q, tv[j].e - 1),
					    ttext(q, tv[i].e - 1), tlen(q, tv[i].e - 1));
		ndistinct += !seen;
	}
	for (size_t i = 0; i < nt && !q->oom; i++) {
		const struct turn *t = &tv[i];
		uint32_t last = t->e - 1;
		size_t times = 0;
		for (size_t j = 0; j < nt; j++)
			times += same_word_ci(ttext(q, tv[j].e - 1), tlen(q, tv[j].e - 1),
					      ttext(q, last), tlen(q, last));
		if (turn_entity(q, last) < 0 && !(times >= 2 && ndistinct >= 2))
			continue;
		uint32_t ps = q->tok[sent_first(q, t->sentence)].start;
		uint32_t pend = q->tok[t->pend - 1].end;
		/* Drop what overlaps the paragraph: quotes inside the turn are
		 * the speaker's words, marks around it are not a quotation. */
		size_t w = 0;
		for (size_t k = 0; k < q->nc; k++)
			if (!(q->c[k].start < pend && q->c[k].end > ps))
				q->c[w++] = q->c[k];
		q->nc = w;
		qcand *c = cand_new(q);
		if (!c)
			break;
		c->kind = NR_QUOTE_DIRECT;
		c->start = q->tok[t->cs].start;
		c->end = pend;
		c->open_tok = t->cs;
		c->close_tok = t->pend - 1;
		c->has_frame = true;
		c->turn = true;
		c->subj_s = (int32_t)t->s;
		c->subj_e = (int32_t)t->e;
		c->sentence = t->sentence;
		c->paragraph = t->para;
		mark_used(q, t->s, t->pend);
	}
	free(tv);
}

/* Speaker of a transcript turn: the person the label names, else the
 * label in title case ("MARA HOLT" -> "Mara Holt"). */
static void resolve_turn(qctx *q, const qcand *c, resolved *out)
{
	uint32_t s = (uint32_t)c->subj_s, e = (uint32_t)c->subj_e;
	int32_t ent = e - s == 1 ? turn_entity(q, e - 1) : -1;
	if (ent >= 0) {
		out->entity = ent;
		out->name = ent_name(q, &q->a->entities[ent]);
		out->gender = q->a->entities[ent].gender;
		out->person = true;
		return;
	}
	/* "HOLT:" after "MARA HOLT:": the fuller label. */
	for (size_t k = 0; k < q->nc && e - s == 1; k++) {
		const qcand *o = &q->c[k];
		if (o->turn && o->subj_e - o->subj_s > 1 &&
		    same_word_ci(ttext(q, (uint32_t)o->subj_e - 1),
				 tlen(q, (uint32_t)o->subj_e - 1), ttext(q, s), tlen(q, s))) {
			s = (uint32_t)o->subj_s;
			e = (uint32_t)o->subj_e;
			break;
		}
	}
	size_t n = q->tok[e - 1].end - q->tok[s].start;
	char *name = nr_arena__alloc(&q->a->arena, n + 1);
	if (!name)
		return;
	size_t w = 0;
	for (uint32_t i = s; i < e; i++) {
		if (w)
			name[w++] = ' ';
		const char *t = ttext(q, i);
		size_t l = tlen(q, i);
		bool first = true;
		for (size_t k = 0; k < l; k++) {
			unsigned char ch = (unsigned char)t[k];
			/* Lower-case ASCII after the first letter and after a
			 * hyphen; other bytes are copied. */
			name[w++] = (char)(!first && ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
			first = ch == '-';
		}
	}
	name[w] = '\0';
	out->name = name;
	out->gender = name_gender(q, name);
	out->person = true;
}

/* "I've", "I'd", "We're": a first-person pronoun with its verb glued on. */
static bool first_person_contraction(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	const char *w = ttext(q, i);
	size_t n = tlen(q, i), p = 0;
	if (n >= 2 && (w[0] == 'I' || w[0] == 'i'))
		p = 1;
	else if (n >= 3 && (w[0] == 'W' || w[0] == 'w') && (w[1] == 'e' || w[1] == 'E'))
		p = 2;
	else
		return false;
	return w[p] == '\'' || (p + 2 < n && memcmp(w + p, "\xE2\x80\x99", 3) == 0);
}

/* "Mr. Grassby and Ms. Lehane say": two people named either side of
 * "and" speak together, as a group ("they" may refer to them later). */
static bool pair_of_people(qctx *q, uint32_t s, uint32_t e, resolved *out)
{
	uint32_t x = s + 1;
	while (x + 1 < e && !(tlen(q, x) == 3 && tis(q, x, "and")))
		x++;
	if (x + 1 >= e)
		return false;
	const nr_article *a = q->a;
	int32_t p[2] = { -1, -1 };
	for (size_t mi = nr_mentions__from(a, q->tok[s].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[e - 1].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (a->entities[m->entity].type != NR_ENTITY_PERSON || m->end > q->tok[e - 1].end)
			return false;
		int side = m->start > q->tok[x].start;
		if (p[side] >= 0 && p[side] != (int32_t)m->entity)
			return false;
		p[side] = (int32_t)m->entity;
	}
	if (p[0] < 0 || p[1] < 0 || p[0] == p[1] || !tcap(q, e - 1) || !tcap(q, x - 1))
		return false;
	const char *n0 = ent_name(q, &a->entities[p[0]]), *n1 = ent_name(q, &a->entities[p[1]]);
	size_t l0 = strlen(n0), l1 = strlen(n1);
	char *n = nr_arena__calloc(&q->a->arena, l0 + l1 + 6, 1);
	if (!n)
		return false;
	memcpy(n, n0, l0);
	memcpy(n + l0, " and ", 5);
	memcpy(n + l0 + 5, n1, l1);
	out->entity = -1;
	out->name = n;
	out->gender = 0;
	out->person = false;
	out->group = true;
	return true;
}

/* Speaker of a candidate from its subject phrase. */
static void resolve(qctx *q, const qcand *c, const resolved *hist, size_t nh, resolved *out)
{
	memset(out, 0, sizeof(*out));
	out->entity = -1;
	out->sentence = c->sentence;
	if (c->subj_s < 0)
		return;
	if (c->turn) {
		resolve_turn(q, c, out);
		return;
	}
	uint32_t s = (uint32_t)c->subj_s, e = (uint32_t)c->subj_e;
	if (e - s == 1 && first_person_contraction(q, s)) {
		/* "I've said", "We'd argue": the writer, left unnamed. */
		out->person = true;
		return;
	}
	if (e - s == 1 && tin(q, s, PRON_SUBJ)) {
		resolve_pronoun(q, c, hist, nh, out);
		out->sentence = c->sentence;
		if (!out->name && (tis(q, s, "he") || tis(q, s, "she")))
			out->person = true;
		if (tis(q, s, "he") && !out->gender)
			out->gender = 'm';
		if (tis(q, s, "she") && !out->gender)
			out->gender = 'f';
		return;
	}
	const nr_article *a = q->a;
	uint32_t bs = q->tok[s].start, be = q->tok[e - 1].end;
	if (pair_of_people(q, s, e, out))
		return;
	bool head_name = tcap(q, e - 1) && !group_noun(q, e - 1);
	/* Entity mentions inside the phrase. A person named in it is the
	 * speaker ("Representative Charles B. Rangel of New York") unless
	 * possessive ("Novak's spokesman"); otherwise a body or place that
	 * is the whole head ("the White House"). */
	int32_t person = -1, head = -1;
	uint32_t head_start = be;
	for (size_t mi = nr_mentions__from(a, bs); mi < a->nmentions && a->mentions[mi].start < be;
	     mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (m->end > be || m->start < bs)
			continue;
		const nr_entity *en = &a->entities[m->entity];
		uint32_t after = tok_at_byte(q, m->end);
		bool poss = after < e && tposs(q, after);
		uint32_t mt = tok_at_byte(q, m->start);
		/* "Dana Reyes for Civic Polling": a name before the link
		 * is the speaker, whatever the body after it was taken for. */
		bool linked = mt > s + 1 &&
			      (tis(q, mt - 1, "for") || tis(q, mt - 1, "of") ||
			       tis(q, mt - 1, "at")) &&
			      tcap(q, mt - 2) && !is_title_word(q, mt - 2);
		if (en->type == NR_ENTITY_PERSON && !poss && head_name && !linked &&
		    m->kind != NR_MENTION_DEMONYM)
			person = (int32_t)m->entity;
		if (m->end == be && m->kind != NR_MENTION_DEMONYM && m->start < head_start) {
			head = (int32_t)m->entity;
			head_start = m->start;
		}
	}
	int32_t ent = person;
	if (ent < 0 && head >= 0 && head_name) {
		/* "Dana Reyes for Civic Polling", "Mr. Morgan of the
		 * Sierra Club": the name before the link speaks for the body. */
		uint32_t hs = tok_at_byte(q, head_start);
		uint32_t l = hs;
		while (l > s &&
		       !(tis(q, l - 1, "for") || tis(q, l - 1, "of") || tis(q, l - 1, "at")))
			l--;
		while (l > s + 1 && tin(q, l - 1, DETS))
			l--;
		if (l > s + 1 &&
		    (tis(q, l - 1, "for") || tis(q, l - 1, "of") || tis(q, l - 1, "at")) &&
		    tcap(q, l - 2) && !is_title_word(q, l - 2)) {
			e = l - 1;
			be = q->tok[e - 1].end;
			head = -1;
		}
	}
	if (ent < 0 && head >= 0 && head_name) {
		/* The mention must cover the capitalised head, not its last
		 * word only ("Federal Bureau of Prisons" found as "Prisons"). */
		uint32_t hs = tok_at_byte(q, head_start);
		if (hs == s || !tcap(q, hs - 1) || tposs(q, hs - 1) || is_title_word(q, hs - 1))
			ent = head;
	}
	if (ent >= 0) {
		const nr_entity *en = &a->entities[ent];
		out->entity = ent;
		out->name = ent_name(q, en);
		out->gender = en->type == NR_ENTITY_PERSON ? ent_gender(q, en) : 0;
		out->person = en->type == NR_ENTITY_PERSON;
		out->group = !out->person;
		return;
	}
	/* Skip determiners for the group as written. */
	uint32_t ws = s;
	while (ws < e - 1 && tin(q, ws, DETS))
		ws++;
	if (!head_name) {
		/* "President Tomas Novak's spokesman": the spokesman; the
		 * person the article names with that title, when just one. */
		if (e - ws >= 1 && a->nentities) {
			int32_t pe = entity_after_word(q, e - 1);
			if (pe >= 0 &&
			    (tis(q, e - 1, "spokesman") || tis(q, e - 1, "spokeswoman") ||
			     tis(q, e - 1, "spokesperson") || is_title_word(q, e - 1))) {
				bool poss = false;
				for (uint32_t i = ws; i < e; i++)
					poss |= tposs(q, i);
				if (poss || (tin(q, s, DETS) && e - s <= 3)) {
					out->entity = pe;
					out->name = ent_name(q, &a->entities[pe]);
					out->gender = a->entities[pe].gender;
					out->person = true;
					return;
				}
			}
		}
		out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[ws].start,
					      be - q->tok[ws].start);
		out->group = true;
		/* A singular role ("the minister", "the spokesman") is a person. */
		uint32_t h = e - 1;
		size_t hl = tlen(q, h);
		out->person = !(hl > 1 && (ttext(q, h)[hl - 1] == 's')) && is_title_word(q, h);
		return;
	}
	/* A name as written, without its titles. */
	uint32_t ns = skip_titles(q, ws, e);
	if (ns >= e)
		ns = ws;
	const char *full = fuller_name(q, ns, e, s);
	/* Or a speaker already seen with that surname. */
	if (!full && e - ns == 1) {
		for (size_t h = nh; h-- > 0 && nh - h <= 200;) {
			const char *n = hist[h].name;
			if (!n || !hist[h].person)
				continue;
			size_t nl = strlen(n), wl = tlen(q, ns);
			if (nl > wl && n[nl - wl - 1] == ' ' &&
			    memcmp(n + nl - wl, ttext(q, ns), wl) == 0) {
				full = n;
				break;
			}
		}
	}
	out->name = full ? full
			 : nr_arena__strndup(&q->a->arena, q->t + q->tok[ns].start,
					     be - q->tok[ns].start);
	out->gender = out->name ? name_gender(q, out->name) : 0;
	/* Organisations and places as written ("the White House"). */
	out->person = ns > ws || nr_lexicon__gender(q->lex, ttext(q, ns), tlen(q, ns)) != 0 ||
		      (e - ns == 1 &&
		       !nr_lexicon__lookup(q->lex, NR_LEX_ANY, ttext(q, ns), tlen(q, ns)));
	if (full)
		out->person = true;
	if (nr_lexicon__lookup(q->lex, NR_LEX_GOV_ACTORS, q->t + q->tok[ns].start,
			       be - q->tok[ns].start) ||
	    nr_lexicon__lookup(q->lex, NR_LEX_ORGANIZATIONS, q->t + q->tok[ns].start,
			       be - q->tok[ns].start) ||
	    nr_lexicon__country(q->lex, q->t + q->tok[ns].start, be - q->tok[ns].start))
		out->person = false;
	out->group = !out->person;
}

/* A paragraph that is only a quotation, after a paragraph whose last
 * sentence has a person or body as its subject and no quotation ("Lind
 * praised the mayor's work.", "The council issued a statement."): that
 * subject is the speaker. */
static void lead_in_subject(qctx *q, const qcand *c, size_t ci, resolved *out)
{
	const nr_article *a = q->a;
	uint32_t p = c->paragraph;
	if (p == 0 || a->paragraphs[p].start != c->start || c->sentence == 0)
		return;
	uint32_t ls = c->sentence - 1;
	if (a->sentences[ls].paragraph + 1 != p)
		return;
	/* Nothing quoted in that sentence: a quotation there has its own
	 * speaker, already considered. */
	for (size_t j = ci; j-- > 0 && q->c[j].end > a->sentences[ls].start;)
		if (q->c[j].start < a->sentences[ls].end)
			return;
	for (uint32_t t = sent_first(q, ls); t < sent_end(q, ls); t++)
		if (q->tok[t].kind == NR_TOKEN_QUOTE)
			return;
	resolved r;
	bool chain = false;
	if (sentence_subject(q, ci, ls, sent_end(q, ls), NULL, &chain, &r) ||
	    group_subject(q, ci, ls, sent_end(q, ls), false, &chain, &r)) {
		if (!r.name)
			return;
		*out = r;
		out->sentence = c->sentence;
	}
}

static int cand_cmp(const void *x, const void *y)
{
	const qcand *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end;
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */

static int finish(qctx *q)
{
	nr_article *a = q->a;
	if (q->nc > 1)
		qsort(q->c, q->nc, sizeof(*q->c), cand_cmp);
	/* Drop candidates nested in an earlier one. */
	size_t w = 0;
	for (size_t i = 0; i < q->nc; i++) {
		if (w && q->c[i].start < q->c[w - 1].end && q->c[i].end <= q->c[w - 1].end)
			continue;
		q->c[w++] = q->c[i];
	}
	q->nc = w;
	/* Merge a quote that continues an attributed one in the same
	 * paragraph: "“A,” said X. “B.”" and "“A,” he said, “B.”". */
	w = 0;
	for (size_t i = 0; i < q->nc; i++) {
		qcand *c = &q->c[i];
		if (w && c->unattributed && c->kind == NR_QUOTE_DIRECT) {
			qcand *p = &q->c[w - 1];
			if (p->kind == NR_QUOTE_DIRECT && p->has_frame &&
			    p->paragraph == c->paragraph && p->cue_s > (int32_t)p->close_tok &&
			    c->sentence <= q->tsent[p->cue_s] + 1) {
				p->end = c->end;
				p->close_tok = c->close_tok;
				continue;
			}
		}
		q->c[w++] = *c;
	}
	q->nc = w;

	nr_quote *out = q->nc ? nr_arena__calloc(&a->arena, q->nc, sizeof(*out)) : NULL;
	resolved *hist = q->nc ? calloc(q->nc, sizeof(*hist)) : NULL;
	if (q->nc && (!out || !hist)) {
		free(hist);
		return NR_ENOMEM;
	}
	for (size_t i = 0; i < q->nc; i++) {
		const qcand *c = &q->c[i];
		nr_quote *o = &out[i];
		resolved r;
		resolve(q, c, hist, i, &r);
		if (c->unattributed && i > 0) {
			/* A quoted paragraph right after one attributed to X. */
			const qcand *p = &q->c[i - 1];
			if (hist[i - 1].name && (p->paragraph == c->paragraph ||
						 (p->paragraph + 1 == c->paragraph &&
						  a->paragraphs[c->paragraph].start == c->start))) {
				r = hist[i - 1];
				r.sentence = c->sentence;
			}
		}
		if (c->unattributed && !r.name)
			lead_in_subject(q, c, i, &r);
		hist[i] = r;
		hist[i].sentence = c->sentence;
		o->start = c->start;
		o->end = c->end;
		o->kind = c->kind;
		o->speaker_entity = r.entity;
		o->speaker = r.name;
		if (c->subj_s >= 0) {
			o->speaker_start = q->tok[c->subj_s].start;
			o->speaker_end = q->tok[c->subj_e - 1].end;
		}
		if (c->cue_s >= 0) {
			o->cue_start = q->tok[c->cue_s].start;
			o->cue_end = q->tok[c->cue_e - 1].end;
			char buf[64];
			const char *lem = c->lemma;
			if (c->cue_e - c->cue_s == 1 &&
			    nr_lexicon__lemma_into(q->lex, ttext(q, (uint32_t)c->cue_s),
						   tlen(q, (uint32_t)c->cue_s), buf, sizeof buf)) {
				const char *l2 = nr_lexicon__lemma(q->lex,
								   ttext(q, (uint32_t)c->cue_s),
								   tlen(q, (uint32_t)c->cue_s));
				if (l2)
					lem = l2;
			}
			o->cue_lemma = lem ? lem : "";
		} else {
			o->cue_lemma = "";
		}
		o->sentence = c->sentence;
	}
	free(hist);
	a->quotes = out;
	a->nquotes = q->nc;
	return NR_OK;
}

int nr_quotes__run(nr_article *a, const nr_lexicon_set *lex)
{
	if (!a || !lex)
		return NR_EINVAL;
	a->quotes = NULL;
	a->nquotes = 0;
	if (!a->ntokens || !a->nsentences || a->ntokens > UINT32_MAX - 2)
		return NR_OK;
	qctx q;
	memset(&q, 0, sizeof(q));
	q.a = a;
	q.lex = lex;
	q.t = a->text;
	q.tok = a->tokens;
	q.ntok = (uint32_t)a->ntokens;
	q.tsent = malloc(a->ntokens * sizeof(*q.tsent));
	q.used = calloc(a->ntokens, 1);
	q.tflags = calloc(a->ntokens, sizeof(*q.tflags));
	q.cues = malloc(a->ntokens * sizeof(*q.cues));
	q.wl = calloc(a->ntokens, sizeof(*q.wl));
	int rc = NR_OK;
	if (!q.tsent || !q.used || !q.tflags || !q.cues || !q.wl) {
		rc = NR_ENOMEM;
		goto out;
	}
	for (size_t s = 0; s < a->nsentences; s++)
		for (size_t i = 0; i < a->sentences[s].ntokens; i++)
			q.tsent[a->sentences[s].first_token + i] = (uint32_t)s;

	collect_marks(&q);
	if (q.oom) {
		rc = NR_ENOMEM;
		goto out;
	}
	size_t ns = 0;
	span *sp = pair_marks(&q, &ns);
	if (!sp) {
		rc = NR_ENOMEM;
		goto out;
	}
	span *sp2 = realloc(sp, (ns + q.nm + 1) * sizeof(*sp));
	if (!sp2) {
		free(sp);
		rc = NR_ENOMEM;
		goto out;
	}
	sp = sp2;
	ns = pair_singles(&q, sp, ns, ns + q.nm + 1);
	qsort(sp, ns, sizeof(*sp), span_cmp);
	for (size_t i = 0; i < ns && !q.oom && !rc;)
		if (!(rc = nr_deadline__check(a->deadline)))
			i += frame_span(&q, sp, ns, i);
	free(sp);
	for (uint32_t s = 0; s < a->nsentences && !q.oom && !rc; s++)
		if (!(rc = nr_deadline__check(a->deadline)))
			indirect_sentence(&q, s);
	if (!q.oom && !rc)
		transcript_turns(&q);
	if (q.oom) {
		rc = NR_ENOMEM;
		goto out;
	}
	if (!rc)
		rc = finish(&q);
out:
	free(q.tsent);
	free(q.used);
	free(q.tflags);
	free(q.cues);
	free(q.wl);
	free(q.c);
	free(q.m);
	return rc;
}

/* check_segment.c - sentence and token segmentation of news prose. */
#include "testutil.h"

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_ARRAY_LEN_T(a) (sizeof(a) / sizeof((a)[0]))

static nr_article *make(const char *text)
{
	nr_article *a = NULL;
	int rc = nr_article_from_text(&a, text, strlen(text), NULL);
	ck_assert_msg(rc == NR_OK, "nr_article_from_text: %s", nr_strerror(rc));
	ck_assert_ptr_nonnull(a);
	return a;
}

/*
 * Structural guarantees every article must meet: sentences inside their
 * paragraph and in order, each token in exactly one sentence, sentence spans
 * trimmed to their tokens, tokens non-empty, space-free and on UTF-8
 * boundaries.
 */
static void check_invariants(const nr_article *a)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	size_t np = nr_article_paragraph_count(a);
	size_t ns = nr_article_sentence_count(a);
	size_t nt = nr_article_token_count(a);
	size_t next_token = 0, prev_end = 0;

	for (size_t i = 0; i < ns; i++) {
		nr_span s = nr_article_sentence(a, i);
		size_t p = nr_article_sentence_paragraph(a, i);
		ck_assert_uint_lt(p, np);
		nr_span ps = nr_article_paragraph(a, p);
		ck_assert_uint_ge(s.start, ps.start);
		ck_assert_uint_le(s.end, ps.end);
		ck_assert_uint_lt(s.start, s.end);
		ck_assert_uint_ge(s.start, prev_end);
		prev_end = s.end;
		ck_assert(text[s.start] != ' ' && text[s.end - 1] != ' ');

		size_t count, first = nr_article_sentence_tokens(a, i, &count);
		ck_assert_uint_eq(first, next_token);
		ck_assert_uint_gt(count, 0);
		next_token = first + count;
		ck_assert_uint_le(next_token, nt);
		nr_span ft = nr_article_token(a, first, NULL);
		nr_span lt = nr_article_token(a, first + count - 1, NULL);
		ck_assert_uint_eq(ft.start, s.start);
		ck_assert_uint_eq(lt.end, s.end);
	}
	ck_assert_uint_eq(next_token, nt);

	size_t tprev = 0;
	for (size_t i = 0; i < nt; i++) {
		nr_token_kind kind;
		nr_span t = nr_article_token(a, i, &kind);
		ck_assert(kind >= NR_TOKEN_WORD && kind <= NR_TOKEN_QUOTE);
		ck_assert_uint_lt(t.start, t.end);
		ck_assert_uint_le(t.end, len);
		ck_assert_uint_ge(t.start, tprev);
		tprev = t.end;
		ck_assert((text[t.start] & 0xC0) != 0x80);
		ck_assert(t.end == len || (text[t.end] & 0xC0) != 0x80);
		for (size_t k = t.start; k < t.end; k++)
			ck_assert(text[k] != ' ' && text[k] != '\n');
	}
	/* Every non-space byte of every paragraph lies in some token. */
	size_t covered = 0, visible = 0;
	for (size_t i = 0; i < nt; i++) {
		nr_span t = nr_article_token(a, i, NULL);
		covered += t.end - t.start;
	}
	for (size_t k = 0; k < len; k++)
		visible += text[k] != ' ' && text[k] != '\n';
	ck_assert_uint_eq(covered, visible);
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

typedef struct sentence_case {
	const char *name;
	const char *text;
	const char *expect[8]; /* NULL-terminated */
} sentence_case;

static const sentence_case sentence_cases[] = {
	{ "plain",
	  "The council met on Monday. It approved the budget.",
	  { "The council met on Monday.", "It approved the budget." } },
	{ "titles",
	  "Adm. Mike Ferris met Gen. Dana Holt and Lt. Col. Ann Hale in Kabul. They spoke for an "
	  "hour.",
	  { "Adm. Mike Ferris met Gen. Dana Holt and Lt. Col. Ann Hale in Kabul.",
	    "They spoke for an hour." } },
	{ "more titles",
	  "Sen. Jo Dale, Rep. Al Ruiz, Gov. Ed Lee, Mr. Li, Mrs. Park, Ms. Ruiz, Dr. Osei, Prof. "
	  "Kim, "
	  "Rev. Shaw, Capt. Moss, Sgt. Boyd, Maj. Roth, Cmdr. Vance, Supt. Grey, Insp. Kerr and "
	  "Atty. Gen. Ross met. Nothing was agreed.",
	  { "Sen. Jo Dale, Rep. Al Ruiz, Gov. Ed Lee, Mr. Li, Mrs. Park, Ms. Ruiz, Dr. Osei, Prof. "
	    "Kim, "
	    "Rev. Shaw, Capt. Moss, Sgt. Boyd, Maj. Roth, Cmdr. Vance, Supt. Grey, Insp. Kerr and "
	    "Atty. Gen. Ross met.",
	    "Nothing was agreed." } },
	{ "initialisms mid-sentence",
	  "The U.N. envoy visited the U.K. and the U.S. on Monday.",
	  { "The U.N. envoy visited the U.K. and the U.S. on Monday." } },
	{ "U.S. before a proper noun",
	  "Gunmen attacked the U.S. Embassy and the U.K. Foreign Office building.",
	  { "Gunmen attacked the U.S. Embassy and the U.K. Foreign Office building." } },
	{ "U.S. ends a sentence",
	  "The aid came from the U.S. The money arrived on Friday.",
	  { "The aid came from the U.S.", "The money arrived on Friday." } },
	{ "U.S. then a sentence adverb",
	  "Most arrivals came to the U.S. Initially, few stayed. Italy, not the U.S. Army, paid.",
	  { "Most arrivals came to the U.S.", "Initially, few stayed.",
	    "Italy, not the U.S. Army, paid." } },
	{ "initials in brackets",
	  "The historian Alan John Percivale (A.J.P.) Taylor died. Foster, a .333 hitter, won.",
	  { "The historian Alan John Percivale (A.J.P.) Taylor died.",
	    "Foster, a .333 hitter, won." } },
	{ "opener and verb of saying differ by case",
	  "He moved to the U.S. Asked why, he smiled. “Why?” Ann Lee asked. “Why?” Ann Lee Asked.",
	  { "He moved to the U.S.", "Asked why, he smiled.", "“Why?” Ann Lee asked.", "“Why?”",
	    "Ann Lee Asked." } },
	{ "U.S. then pronoun",
	  "She studied in the U.S. He stayed in Lagos.",
	  { "She studied in the U.S.", "He stayed in Lagos." } },
	{ "initials",
	  "George W. Bush met J. K. Rowling in St. Louis on Jan. 5.",
	  { "George W. Bush met J. K. Rowling in St. Louis on Jan. 5." } },
	{ "months",
	  "The vote is set for Sept. 12 and the count for Oct. 3. Results follow in Dec. 2025.",
	  { "The vote is set for Sept. 12 and the count for Oct. 3.",
	    "Results follow in Dec. 2025." } },
	{ "May is a word",
	  "The vote is in May. The count follows.",
	  { "The vote is in May.", "The count follows." } },
	{ "companies",
	  "Acme Corp., Bolt Inc. and Crane Co. Ltd. bid. Apple Inc. said profits rose. Shares "
	  "fell.",
	  { "Acme Corp., Bolt Inc. and Crane Co. Ltd. bid.", "Apple Inc. said profits rose.",
	    "Shares fell." } },
	{ "suffix",
	  "Martin Luther King Jr. spoke here in 1963.",
	  { "Martin Luther King Jr. spoke here in 1963." } },
	{ "lowercase abbreviations",
	  "Some states, e.g. Texas, objected, i.e. They refused. Roe v. Wade and Smith vs. Jones "
	  "were cited.",
	  { "Some states, e.g. Texas, objected, i.e. They refused.",
	    "Roe v. Wade and Smith vs. Jones were cited." } },
	{ "a.m. and p.m.",
	  "He arrived at 10 a.m. Tuesday and left at 5 p.m. He did not return.",
	  { "He arrived at 10 a.m. Tuesday and left at 5 p.m.", "He did not return." } },
	{ "etc.",
	  "They sold apples, pears, etc. at the market. They sold fish, bread, etc. The market "
	  "closed at noon.",
	  { "They sold apples, pears, etc. at the market.", "They sold fish, bread, etc.",
	    "The market closed at noon." } },
	{ "No. and Mt.",
	  "No. 10 said the climb of Mt. Kenya would go ahead. Nobody objected.",
	  { "No. 10 said the climb of Mt. Kenya would go ahead.", "Nobody objected." } },
	{ "No. is a word unless a number follows",
	  "He replied: “No. Definitely not.” See Fig. 3 and Vol. 2 for details.",
	  { "He replied: “No.", "Definitely not.”", "See Fig. 3 and Vol. 2 for details." } },
	{ "pronoun after a question is a new sentence",
	  "“Why not?” He left the room. “Is it over?” Mr Lewis asked.",
	  { "“Why not?”", "He left the room.", "“Is it over?” Mr Lewis asked." } },
	{ "Gov.-elect",
	  "Gov.-elect Maria Ortiz spoke. Ft. Worth was quiet.",
	  { "Gov.-elect Maria Ortiz spoke.", "Ft. Worth was quiet." } },
	{ "decimals and numbers",
	  "Growth slowed to 3.5 percent. The toll rose to 1,000. Prices rose 5%. It was 4% last "
	  "year.",
	  { "Growth slowed to 3.5 percent.", "The toll rose to 1,000.", "Prices rose 5%.",
	    "It was 4% last year." } },
	{ "ellipsis then capital",
	  "He paused... Then he left.",
	  { "He paused...", "Then he left." } },
	{ "ellipsis then lowercase",
	  "We waited and waited... and nothing happened. Unicode pauses too… Like this.",
	  { "We waited and waited... and nothing happened.", "Unicode pauses too…",
	    "Like this." } },
	{ "comma inside quotes",
	  "“We will win,” said Dressler. He smiled.",
	  { "“We will win,” said Dressler.", "He smiled." } },
	{ "period inside quotes", "“We will win.” He smiled.", { "“We will win.”", "He smiled." } },
	{ "straight quotes",
	  "\"We will win.\" He smiled. 'So will we,' she said.",
	  { "\"We will win.\"", "He smiled.", "'So will we,' she said." } },
	{ "closing quote of the wrong kind",
	  "“The threat is real in Afghanistan,\" said Dressler. Others disagreed.",
	  { "“The threat is real in Afghanistan,\" said Dressler.", "Others disagreed." } },
	{ "question in quotes, lowercase attribution",
	  "“Why now?” she asked. Nobody answered.",
	  { "“Why now?” she asked.", "Nobody answered." } },
	{ "exclamation in quotes, named attribution",
	  "“Stop!” Smith shouted. “Why now?” Jane Doe asked. The crowd left.",
	  { "“Stop!” Smith shouted.", "“Why now?” Jane Doe asked.", "The crowd left." } },
	{ "question ends a quote and a sentence",
	  "He asked, “Why now?” Nobody answered.",
	  { "He asked, “Why now?”", "Nobody answered." } },
	{ "abbreviation before an opening quote",
	  "He said the U.S. “cannot win alone.” Others agreed.",
	  { "He said the U.S. “cannot win alone.”", "Others agreed." } },
	{ "dateline with parentheses",
	  "KABUL (Reuters) - Gunmen attacked a base on Sunday. Two soldiers died.",
	  { "KABUL (Reuters) - Gunmen attacked a base on Sunday.", "Two soldiers died." } },
	{ "sentence in parentheses",
	  "He left early. (He returned later.) Then the vote began.",
	  { "He left early.", "(He returned later.)", "Then the vote began." } },
	{ "interrobang",
	  "They did what?! Nobody believed it. Really!? Yes.",
	  { "They did what?!", "Nobody believed it.", "Really!?", "Yes." } },
	{ "question then lowercase still splits",
	  "What next? the council will decide.",
	  { "What next?", "the council will decide." } },
	{ "brand with an exclamation mark",
	  "Yahoo! said it would appeal.",
	  { "Yahoo! said it would appeal." } },
	{ "headline without final punctuation",
	  "U.S. And China Agree On Trade Deal",
	  { "U.S. And China Agree On Trade Deal" } },
	{ "title-case headline with a period",
	  "Fire Breaks Out. Dozens Evacuated",
	  { "Fire Breaks Out. Dozens Evacuated" } },
	{ "list item", "Latest updates from the capital", { "Latest updates from the capital" } },
	{ "numbered paragraph", "1. Cut the budget by half.", { "1. Cut the budget by half." } },
	{ "numbered items inside a paragraph",
	  "The plan has two parts. 1. Cut taxes. 2. Raise spending.",
	  { "The plan has two parts.", "1. Cut taxes.", "2. Raise spending." } },
	{ "lettered paragraph", "A. First point of order.", { "A. First point of order." } },
	{ "domains are not boundaries",
	  "Read more at bbc.co.uk and example.com today. Thanks.",
	  { "Read more at bbc.co.uk and example.com today.", "Thanks." } },
	{ "URL at the end",
	  "The report is at https://example.org/r/2024.pdf. It runs to 90 pages.",
	  { "The report is at https://example.org/r/2024.pdf.", "It runs to 90 pages." } },
	{ "missing space after a period",
	  "The talks ended.The next round is in March.",
	  { "The talks ended.", "The next round is in March." } },
	{ "lowercase after an unknown abbreviation",
	  "The fee, incl. tax, rose. The ship, approx. twice the size, sank near Pt. Lobos.",
	  { "The fee, incl. tax, rose.",
	    "The ship, approx. twice the size, sank near Pt. Lobos." } },
	{ "Ph.D.",
	  "She earned a Ph.D. in 2001. She teaches now.",
	  { "She earned a Ph.D. in 2001.", "She teaches now." } },
	{ "digit starts a sentence",
	  "The season ended in May. 2025 will be different.",
	  { "The season ended in May.", "2025 will be different." } },
	{ "state abbreviation",
	  "She grew up in Springfield, Ill. The family moved in 1990.",
	  { "She grew up in Springfield, Ill.", "The family moved in 1990." } },
	{ "Washington, D.C.",
	  "He was in Washington, D.C. The talks continue Thursday.",
	  { "He was in Washington, D.C.", "The talks continue Thursday." } },
	{ "full-width terminators",
	  "会谈今天结束。下一轮在三月！",
	  { "会谈今天结束。", "下一轮在三月！" } },
};

static void check_sentences(const sentence_case *c)
{
	nr_article *a = make(c->text);
	size_t n = 0;
	while (n < 8 && c->expect[n])
		n++;
	size_t got = nr_article_sentence_count(a);
	for (size_t i = 0; i < n && i < got; i++)
		ck_assert_msg(strcmp(tu_sentence(a, i), c->expect[i]) == 0,
			      "%s: sentence %zu is \"%s\", expected \"%s\"", c->name, i,
			      tu_sentence(a, i), c->expect[i]);
	ck_assert_msg(got == n, "%s: %zu sentences, expected %zu (last: \"%s\")", c->name, got, n,
		      got ? tu_sentence(a, got - 1) : "");
	check_invariants(a);
	nr_article_free(a);
}

START_TEST(sentence_table) { check_sentences(&sentence_cases[_i]); }
END_TEST

START_TEST(sentences_stay_in_paragraphs)
{
	nr_article *a = make("First paragraph has no period\n\n"
			     "Second one starts with the U.S.\n\n"
			     "The third one. Has two.");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 3);
	ck_assert_uint_eq(nr_article_sentence_count(a), 4);
	ck_assert_str_eq(tu_sentence(a, 0), "First paragraph has no period");
	ck_assert_str_eq(tu_sentence(a, 1), "Second one starts with the U.S.");
	ck_assert_str_eq(tu_sentence(a, 2), "The third one.");
	ck_assert_str_eq(tu_sentence(a, 3), "Has two.");
	ck_assert_uint_eq(nr_article_sentence_paragraph(a, 0), 0);
	ck_assert_uint_eq(nr_article_sentence_paragraph(a, 1), 1);
	ck_assert_uint_eq(nr_article_sentence_paragraph(a, 2), 2);
	ck_assert_uint_eq(nr_article_sentence_paragraph(a, 3), 2);
	check_invariants(a);
	nr_article_free(a);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

typedef struct token_case {
	const char *text;
	const char *expect; /* "text/K text/K ...", K one of W N P Q */
} token_case;

static const token_case token_cases[] = {
	{ "Pakistan’s army and Pakistan's navy",
	  "Pakistan/W ’s/W army/W and/W Pakistan/W 's/W navy/W" },
	{ "the al-Qaida-linked group, a 9-year-old boy and an F-16",
	  "the/W al-Qaida-linked/W group/W ,/P a/W 9-year-old/W boy/W and/W an/W F-16/W" },
	{ "It can’t last, O’Brien’s aide said; it’s over.",
	  "It/W can’t/W last/W ,/P O’Brien/W ’s/W aide/W said/W ;/P it/W ’s/W over/W ./P" },
	{ "Lt. Col. J. Smith of the U.S. Army met Gov.-elect Ortiz.",
	  "Lt./W Col./W J./W Smith/W of/W the/W U.S./W Army/W met/W Gov.-elect/W Ortiz/W ./P" },
	{ "the U.S.-Pakistani talks at 9 a.m. on Jan. 5, e.g. today",
	  "the/W U.S.-Pakistani/W talks/W at/W 9/N a.m./W on/W Jan./W 5/N ,/P e.g./W today/W" },
	{ "1,000 3.5 9/11 £500,000 5% 10:30 $1.5 €20 2010-11 1990s",
	  "1,000/N 3.5/N 9/11/N £500,000/N 5%/N 10:30/N $1.5/N €20/N 2010-11/N 1990s/W" },
	{ "a .333 hitter with a .45 pistol", "a/W .333/N hitter/W with/W a/W .45/N pistol/W" },
	{ "It rose to 1,250. Then 3.5.", "It/W rose/W to/W 1,250/N ./P Then/W 3.5/N ./P" },
	{ "See https://example.org/a/b-1?x=2. Or www.example.net/news, or mail desk@example.org.",
	  "See/W https://example.org/a/b-1?x=2/W ./P Or/W www.example.net/news/W ,/P or/W "
	  "mail/W desk@example.org/W ./P" },
	{ "(see http://example.com/wiki/Foo_(bar)) on bbc.co.uk",
	  "(/P see/W http://example.com/wiki/Foo_(bar)/W )/P on/W bbc.co.uk/W" },
	{ "“Go,” he said. ‘It’s fine,’ she said. \"No,\" they said. «Oui»",
	  "“/Q Go/W ,/P ”/Q he/W said/W ./P ‘/Q It/W ’s/W fine/W ,/P ’/Q she/W said/W ./P "
	  "\"/Q No/W ,/P \"/Q they/W said/W ./P «/Q Oui/W »/Q" },
	{ "the officials’ claims and ‘the officials’ claims’",
	  "the/W officials/W ’/P claims/W and/W ‘/Q the/W officials/W ’/P claims/W ’/Q" },
	{ "in the ’90s and '08", "in/W the/W ’90s/W and/W '08/W" },
	{ "Wait -- no — yes... ok… fine!? really?!",
	  "Wait/W --/P no/W —/P yes/W .../P ok/W …/P fine/W !?/P really/W ?!/P" },
	{ "AT&T and S&P, #tag and @user", "AT&T/W and/W S&P/W ,/P #tag/W and/W @user/W" },
	{ "Tomás Ñúñez met Дмитрий", "Tomás/W Ñúñez/W met/W Дмитрий/W" },
	{ "He said.Then left", "He/W said/W ./P Then/W left/W" },
	/* The listed abbreviations (word_classes.tsv) keep their period
	 * only in the case they are listed in. */
	{ "Gen. GEN. etc. Etc. No. 5 and no. 5",
	  "Gen./W GEN/W ./P etc./W Etc/W ./P No./W 5/N and/W no/W ./P 5/N" },
};

static char kind_letter(nr_token_kind k)
{
	switch (k) {
	case NR_TOKEN_WORD: return 'W';
	case NR_TOKEN_NUMBER: return 'N';
	case NR_TOKEN_PUNCT: return 'P';
	case NR_TOKEN_QUOTE: return 'Q';
	}
	return '?';
}

START_TEST(token_table)
{
	const token_case *c = &token_cases[_i];
	nr_article *a = make(c->text);
	char got[2048];
	size_t len = 0;
	size_t tlen;
	const char *text = nr_article_text(a, &tlen);
	got[0] = '\0';
	for (size_t i = 0; i < nr_article_token_count(a); i++) {
		nr_token_kind kind;
		nr_span s = nr_article_token(a, i, &kind);
		int n = snprintf(got + len, sizeof(got) - len, "%s%.*s/%c", i ? " " : "",
				 (int)(s.end - s.start), text + s.start, kind_letter(kind));
		ck_assert(n > 0 && (size_t)n < sizeof(got) - len);
		len += (size_t)n;
	}
	ck_assert_str_eq(got, c->expect);
	check_invariants(a);
	nr_article_free(a);
}
END_TEST

START_TEST(token_spans)
{
	const char *text = "Ñúñez’s “plan”";
	nr_article *a = make(text);
	ck_assert_uint_eq(nr_article_token_count(a), 5);
	nr_token_kind k;
	nr_span s = nr_article_token(a, 0, &k);
	ck_assert_uint_eq(s.start, 0);
	ck_assert_uint_eq(s.end, strlen("Ñúñez"));
	ck_assert_int_eq(k, NR_TOKEN_WORD);
	s = nr_article_token(a, 1, &k);
	ck_assert_uint_eq(s.end - s.start, strlen("’s"));
	s = nr_article_token(a, 2, &k);
	ck_assert_int_eq(k, NR_TOKEN_QUOTE);
	ck_assert_uint_eq(s.end - s.start, 3);
	size_t count;
	ck_assert_uint_eq(nr_article_sentence_tokens(a, 0, &count), 0);
	ck_assert_uint_eq(count, 5);
	nr_article_free(a);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Whole articles                                                      */

START_TEST(empty_article)
{
	nr_article *a = NULL;
	int rc = nr_article_from_text(&a, "", 0, NULL);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(nr_article_paragraph_count(a), 0);
	ck_assert_uint_eq(nr_article_sentence_count(a), 0);
	ck_assert_uint_eq(nr_article_token_count(a), 0);
	check_invariants(a);
	nr_article_free(a);

	rc = nr_article_from_text(&a, " \n\n \t\n", 6, NULL);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(nr_article_sentence_count(a), 0);
	ck_assert_uint_eq(nr_article_token_count(a), 0);
	nr_article_free(a);
}
END_TEST

START_TEST(mixed_article)
{
	tu_result r;
	tu_read_fixture(&r, "segment/mixed.txt", NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	check_invariants(a);
	static const char *const expect[] = {
		"PORT ELLIS (Wire) - Negotiators from the U.S. and the E.U. returned to the "
		"harbour city on Tuesday, two weeks after talks collapsed.",
		"The first session began at 9:30 a.m. and ran past midnight.",
		"“We are not here to waste anyone’s time,” said Adm. Carla Wendt, who leads "
		"the U.S. delegation.",
		"“If they walk out again, we walk too.”",
		"She declined to say more.",
		"Local officials’ hopes are modest.",
		"Mayor Tomás Ñúñez, 61, said the city’s port lost £4.2 million last year - roughly "
		"12% of its revenue - and that 1,250 dock workers were idle.",
		"“Why now?” he asked.",
		"“Because the ships can’t wait.”",
		"The agenda, posted at https://example.org/talks/agenda-2024.pdf (PDF), lists "
		"three items:",
		"1. Customs fees on refrigerated cargo.",
		"2. Night-time berthing rules.",
		"3. A shared inspection office at Pier No. 4.",
		"Dr. Ana Oyelaran-Smith, an economist at St. Brendan’s College, called the list "
		"“narrow... but workable.”",
		"Reporters can reach her office at press@example.org.",
		"Gov.-elect R. J. Halloran did not attend; his spokesman said he was in "
		"Washington, D.C.",
		"The talks continue Thursday.",
		"Is this the last chance?",
		"Many here think so!",
		"Others aren’t sure?!",
		"Time will tell...",
		"Дмитрий Соколов, a Russian shipping agent, said: «Мы ждём решения».",
		"He added that prices rose 3.5 percent in the 2010s and again in ’22.",
	};
	ck_assert_uint_eq(nr_article_sentence_count(a), NR_ARRAY_LEN_T(expect));
	for (size_t i = 0; i < NR_ARRAY_LEN_T(expect); i++)
		ck_assert_str_eq(tu_sentence(a, i), expect[i]);
	tu_free(&r);
}
END_TEST

/* The seed article: abbreviations, curly and straight quotes, possessives. */
START_TEST(seed_article)
{
	tu_result r;
	tu_read_fixture(&r, "../../examples/articles/voa-haqqani.txt", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	check_invariants(a);
	size_t n = nr_article_sentence_count(a);
	ck_assert_uint_eq(n, 19);
	ck_assert(strstr(tu_sentence(a, 1),
			 "the U.S. Embassy and NATO headquarters in Kabul last week.") != NULL);
	ck_assert(strncmp(tu_sentence(a, 1), "Obama administration", 20) == 0);
	bool dressler = false, he_said = false, complicated = false, gilani = false;
	for (size_t i = 0; i < n; i++) {
		const char *s = tu_sentence(a, i);
		size_t len = strlen(s);
		if (len > 40 && strcmp(s + len - strlen("said Dressler."), "said Dressler.") == 0)
			dressler = strncmp(s, "“While we can continue", 24) == 0;
		if (len > 40 && strcmp(s + len - strlen("he said."), "he said.") == 0)
			he_said = strncmp(s, "“They know", 12) == 0;
		if (strcmp(s, "White House spokesman Jay Carney has repeatedly called the "
			      "U.S.-Pakistani relationship “complicated.”") == 0)
			complicated = true;
		if (strcmp(s, "Pakistani Prime Minister Yousuf Raza Gilani said Friday the U.S. "
			      "“can’t live with us, can’t live without us.”") == 0)
			gilani = true;
	}
	ck_assert(dressler);
	ck_assert(he_said);
	ck_assert(complicated);
	ck_assert(gilani);

	/* "Pakistan’s" gives the bare name to the extractors. */
	size_t len;
	const char *text = nr_article_text(a, &len);
	bool found = false;
	for (size_t i = 0; i + 1 < nr_article_token_count(a); i++) {
		nr_span s = nr_article_token(a, i, NULL);
		nr_span t = nr_article_token(a, i + 1, NULL);
		if (s.end - s.start == 8 && memcmp(text + s.start, "Pakistan", 8) == 0 &&
		    t.end - t.start == strlen("’s") &&
		    memcmp(text + t.start, "’s", t.end - t.start) == 0)
			found = true;
	}
	ck_assert(found);
	tu_free(&r);
}
END_TEST

/* Random mixtures of the tricky pieces must keep every invariant. */
START_TEST(random_pieces)
{
	static const char *const pieces[] = {
		"U.S.",
		".",
		"...",
		"…",
		"?",
		"!",
		"?!",
		"’",
		"'",
		"“",
		"”",
		"\"",
		"«",
		"»",
		" ",
		" ",
		" ",
		"\n\n",
		"a",
		"Zed",
		"the",
		"1",
		"3.5",
		",",
		"(",
		")",
		"-",
		"—",
		"é",
		"Дм",
		"http://x.org/a",
		"www.",
		"@",
		"#",
		"$",
		"%",
		"Mr.",
		"Gen.",
		"J.",
		"e.g.",
		"s",
		"’s",
		"1,",
		"9/",
		":",
		"&",
		"_",
		"\xE3\x80\x82",
		"\xCC\x81",
	};
	uint32_t seed = 12345;
	char buf[512];
	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		int npieces = 1 + (int)(seed % 40);
		for (int k = 0; k < npieces; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % NR_ARRAY_LEN_T(pieces)];
			size_t pl = strlen(p);
			if (len + pl >= sizeof(buf))
				break;
			memcpy(buf + len, p, pl);
			len += pl;
		}
		buf[len] = '\0';
		nr_article *a = NULL;
		ck_assert_int_eq(nr_article_from_text(&a, buf, len, NULL), NR_OK);
		check_invariants(a);
		nr_article_free(a);
	}
}
END_TEST

Suite *segment_suite(void)
{
	Suite *s = suite_create("segment");
	TCase *tc = tcase_create("sentences");
	tcase_add_loop_test(tc, sentence_table, 0, (int)NR_ARRAY_LEN_T(sentence_cases));
	tcase_add_test(tc, sentences_stay_in_paragraphs);
	suite_add_tcase(s, tc);

	tc = tcase_create("tokens");
	tcase_add_loop_test(tc, token_table, 0, (int)NR_ARRAY_LEN_T(token_cases));
	tcase_add_test(tc, token_spans);
	suite_add_tcase(s, tc);

	tc = tcase_create("articles");
	tcase_add_test(tc, empty_article);
	tcase_add_test(tc, mixed_article);
	tcase_add_test(tc, seed_article);
	tcase_add_test(tc, random_pieces);
	suite_add_tcase(s, tc);
	return s;
}

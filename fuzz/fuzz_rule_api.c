/*
 * fuzz_rule_api.c - libFuzzer target for the Lua side a rule sees. One rule
 * (below) reads a program from the article's title and runs it: it calls
 * every article, span, entity, quote, regex and lexicon field and method it
 * can reach with arguments picked by the program (negative and huge
 * numbers, NaN, wrong types, spans of another article, strings of the
 * input), raises alerts with random fields, and keeps objects in an upvalue
 * past their scan, so later inputs use objects whose article is gone.
 * Errors inside the rule are expected; a crash, a sanitizer report, an
 * alert whose evidence lies outside its article, or a scan status other
 * than ok / rule error is a bug.
 *
 * Input: the first half is the program (given to the rule hex-encoded in
 * the title, which survives metadata cleaning), the rest the article text.
 * The rule set and scanner are made once, as a host would.
 */
#include "newsrules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char driver[] =
    "local VALUES = { 0, 1, -1, 2, 3, 7, 1e308, -1e308, 0/0, 1/0, -1/0, 2^53, -2^63,\n"
    "  math.maxinteger, math.mininteger, 0.5, '', 'a', '(', '%', '[', '.*', '\\0', 'person',\n"
    "  'organization', 'location', 'deny', 'say', 'i', 'x', true, false, {}, function() end }\n"
    "local NAMES = { 'id', 'title', 'text', 'url', 'source', 'published', 'byline',\n"
    "  'format', 'language', 'sentences', 'sentence', 'paragraphs', 'find', 'entities',\n"
    "  'quotes', 'alert', 'start', 'stop', 'kind', 'index', 'has', 'mentions', 'entity',\n"
    "  'mention_kind', 'name', 'type', 'official', 'gender', 'count', 'affiliation',\n"
    "  'speaker', 'speaker_name', 'speaker_span', 'cue', 'cue_lemma', 'cue_span', 'match',\n"
    "  'gmatch', 'test', 'statements', 'statement', 'actor', 'target', 'act', 'nope' }\n"
    "local kept = {}\n"
    "local function decode(h)\n"
    "  return (h:gsub('%x%x', function(x) return string.char(tonumber(x, 16)) end))\n"
    "end\n"
    "local function run(article)\n"
    "  local P = decode(article.title)\n"
    "  if #P == 0 then return end\n"
    "  local pos = 0\n"
    "  local function byte() pos = pos % #P + 1; return P:byte(pos) end\n"
    "  local pool = { article, article.text }\n"
    "  for _, v in ipairs(kept) do pool[#pool + 1] = v end\n"
    "  local function pick() return pool[byte() % #pool + 1] end\n"
    "  local function value()\n"
    "    local b = byte()\n"
    "    if b < 96 then return VALUES[b % #VALUES + 1] end\n"
    "    if b < 160 then return pick() end\n"
    "    if b < 200 then local i = byte(); return P:sub(i, i + byte() % 16) end\n"
    "    if b < 230 then return byte() - 128 end\n"
    "    return nil\n"
    "  end\n"
    "  local function keep(v)\n"
    "    if v == nil then return end\n"
    "    if #pool < 64 then pool[#pool + 1] = v else pool[byte() % 64 + 1] = v end\n"
    "    if byte() < 16 then kept[byte() % 16 + 1] = v end\n"
    "  end\n"
    "  local function call(f, o)\n"
    "    local args, n = { o }, byte() % 4\n"
    "    for i = 1, n do args[i + 1] = value() end\n"
    "    local r = table.pack(pcall(f, table.unpack(args, 1, n + 1)))\n"
    "    if not r[1] then return end\n"
    "    if type(r[2]) == 'function' then\n"
    "      for _ = 1, byte() % 8 do\n"
    "        local ok, v = pcall(r[2], r[3], r[4])\n"
    "        if not ok or v == nil then break end\n"
    "        keep(v)\n"
    "      end\n"
    "    else\n"
    "      for i = 2, r.n do keep(r[i]) end\n"
    "    end\n"
    "  end\n"
    "  local function alert()\n"
    "    local t = { message = value(), evidence = value(), actor = value(), target = value() }\n"
    "    if byte() < 128 then t.fields = { [value() or 'k'] = value(), act = value() } end\n"
    "    pcall(article.alert, article, t)\n"
    "  end\n"
    "  for _ = 1, 64 do\n"
    "    local b = byte()\n"
    "    if b < 8 then alert()\n"
    "    elseif b < 16 then pcall(tostring, pick())\n"
    "    elseif b < 24 then local x, y = pick(), pick(); pcall(function() return x == y end)\n"
    "    elseif b < 32 then keep(select(2, pcall(news.regex, value(), value())))\n"
    "    elseif b < 40 then keep(select(2, pcall(news.lexicon, value())))\n"
    "    else\n"
    "      local o, k = pick(), NAMES[byte() % #NAMES + 1]\n"
    "      local ok, v = pcall(function() return o[k] end)\n"
    "      if ok and type(v) == 'function' then call(v, o) elseif ok then keep(v) end\n"
    "    end\n"
    "  end\n"
    "end\n"
    "rule { id = 'fuzz', title = 'fuzz', severity = 'info', match = run }\n";

static nr_ruleset *rules;
static nr_scanner *scanner;

static void setup(void)
{
	nr_ruleset_options ro = NR_RULESET_OPTIONS_INIT;
	if (nr_ruleset_new(&rules, &ro) != NR_OK ||
	    nr_ruleset_add_string(rules, "fuzz.lua", driver, sizeof(driver) - 1) != NR_OK)
		__builtin_trap();
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_instructions = 2000000;
	so.max_memory = 64u * 1024u * 1024u;
	so.deadline_ms = 1000;
	so.max_failures = 1000000;
	if (nr_scanner_new(&scanner, rules, &so) != NR_OK)
		__builtin_trap();
}

static int on_alert(const nr_alert *al, void *payload)
{
	size_t len = *(size_t *)payload;
	if (!nr_alert_rule_id(al) || !nr_alert_message(al) || !nr_alert_severity(al))
		__builtin_trap();
	for (size_t i = 0; i < nr_alert_evidence_count(al); i++) {
		const char *text = NULL;
		nr_span s = nr_alert_evidence(al, i, &text);
		if (s.start > s.end || s.end > len || !text)
			__builtin_trap();
	}
	char *json = NULL;
	if (nr_alert_to_json(al, &json) != NR_OK || !json)
		__builtin_trap();
	nr_free(json);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!scanner)
		setup();
	size_t plen = size / 2;
	char *hex = malloc(2 * plen + 1);
	if (!hex)
		return 0;
	for (size_t i = 0; i < plen; i++)
		snprintf(hex + 2 * i, 3, "%02x", data[i]);
	hex[2 * plen] = '\0';
	nr_article *a;
	int rc = nr_article_from_text(&a, (const char *)data + plen, size - plen, hex);
	free(hex);
	if (rc != NR_OK)
		return 0;
	size_t len;
	nr_article_text(a, &len);
	rc = nr_scanner_scan(scanner, a, on_alert, &len);
	if (rc != NR_OK && rc != NR_ERUNTIME && rc != NR_ENOMEM)
		__builtin_trap();
	nr_article_free(a);
	return 0;
}

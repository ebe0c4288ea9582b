/*
 * test-lexer.c: every rule of shell/lexer.c, one table-driven suite.
 *
 * Each case lexes its input with a set of flags and compares a one-line
 * description of the result: the words as a JSON array, or
 * "ERR LINE:COL CODE: message", "MORE", "END". Variables: ACCOUNT,
 * EMPTY, SPACED are shell variables; HS_TEST_ENV comes from the
 * environment; ACCOUNT is also in the environment, to show that the
 * shell's value wins.
 */
#include "hs-common.h"
#include "harness.h"
#include "shell.h"

#include <cJSON.h>

enum {
	EOF_ = 1 << 0,		/* no more text will come */
	INTER = 1 << 1,		/* interactive (REPL) */
	DIRECT = 1 << 2,	/* directives on */
};

static const char *
test_lookup(void *arg, const char *name)
{
	static const char *const vars[][2] = {
		{ "ACCOUNT", "123456789012" }, { "EMPTY", "" },
		{ "SPACED", "a b" },
	};
	size_t i;

	(void)arg;
	for (i = 0; i < HS_ARRAY_SIZE(vars); i++)
		if (strcmp(vars[i][0], name) == 0)
			return vars[i][1];
	return getenv(name);
}

/* The test's idea of options that need a value: --region and --doc. */
static bool
test_needs_value(void *arg, char *const *words, size_t n)
{
	(void)arg;
	return strcmp(words[n - 1], "--region") == 0 ||
	    strcmp(words[n - 1], "--doc") == 0;
}

static char *
words_json(const struct hs_strlist *w)
{
	cJSON *arr = cJSON_CreateArray();
	char *s, *copy;
	size_t i;

	for (i = 0; i < w->n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(w->v[i]));
	s = cJSON_PrintUnformatted(arr);
	copy = hs_xstrdup(s);
	cJSON_free(s);
	cJSON_Delete(arr);
	return copy;
}

/* Lex input with flags; describe the first result (caller frees). */
static char *
lex_describe(const char *input, unsigned flags, struct hs_lexed *lx)
{
	struct hs_lex_opts o;

	memset(&o, 0, sizeof o);
	o.first_line = 1;
	o.eof = flags & EOF_;
	o.interactive = flags & INTER;
	o.directives = flags & DIRECT;
	o.lookup = test_lookup;
	o.needs_value = test_needs_value;
	switch (hs_lex(input, strlen(input), &o, lx)) {
	case HS_LEX_COMMAND:
		return words_json(&lx->words);
	case HS_LEX_END:
		return hs_xstrdup("END");
	case HS_LEX_MORE:
		return hs_xstrdup("MORE");
	case HS_LEX_ERROR:
		return hs_xasprintf("ERR %u:%u %s: %s", lx->error.line,
		    lx->error.column, lx->error.code, lx->error.message);
	}
	return NULL;
}

struct lex_case {
	const char *name;
	const char *input;
	unsigned flags;
	const char *expect;
};

static const struct lex_case cases[] = {
	/* blanks and words */
	{ "blanks", "s3  ls\t--x", EOF_, "[\"s3\",\"ls\",\"--x\"]" },
	{ "crlf", "s3 ls\r\n", EOF_, "[\"s3\",\"ls\"]" },
	{ "newline ends", "a b\nc d\n", EOF_, "[\"a\",\"b\"]" },
	/* single quotes */
	{ "single literal", "'a $X \\n \"b\"'", EOF_,
	  "[\"a $X \\\\n \\\"b\\\"\"]" },
	{ "single multi-line json", "iam put --doc '{\n  \"a\": 1\n}'\n",
	  EOF_, "[\"iam\",\"put\",\"--doc\",\"{\\n  \\\"a\\\": 1\\n}\"]" },
	{ "empty quotes make a word", "a '' \"\" b", EOF_,
	  "[\"a\",\"\",\"\",\"b\"]" },
	{ "quotes join", "a'b'\"c\"d", EOF_, "[\"abcd\"]" },
	{ "open single waits", "echo 'abc\n", 0, "MORE" },
	{ "open single at eof", "echo 'abc", EOF_,
	  "ERR 1:6 SyntaxError: unterminated single quote: close it with '" },
	/* double quotes */
	{ "double escapes", "\"a\\\"b\\\\c\\$d\\`e\\x\"", EOF_,
	  "[\"a\\\"b\\\\c$d`e\\\\x\"]" },
	{ "double expands", "\"id=$ACCOUNT\"", EOF_, "[\"id=123456789012\"]" },
	{ "double multi-line", "\"a\nb\"", EOF_, "[\"a\\nb\"]" },
	{ "double backslash-newline", "\"ab\\\ncd\"", EOF_, "[\"abcd\"]" },
	{ "open double waits", "echo \"abc\n", 0, "MORE" },
	{ "open double at eof line 2", "a \\\n \"x", EOF_,
	  "ERR 2:2 SyntaxError: unterminated double quote: close it with \"" },
	/* backslashes outside quotes */
	{ "backslash quotes", "a\\ b \\$X \\' \\\\", EOF_,
	  "[\"a b\",\"$X\",\"'\",\"\\\\\"]" },
	{ "backslash-newline joins", "s3 ls \\\n  --recursive\n", EOF_,
	  "[\"s3\",\"ls\",\"--recursive\"]" },
	{ "backslash-newline inside a word", "ab\\\ncd", EOF_, "[\"abcd\"]" },
	{ "backslash-crlf joins", "a \\\r\nb", EOF_, "[\"a\",\"b\"]" },
	{ "backslash-newline waits", "s3 ls \\\n", INTER, "MORE" },
	/* lines that continue the command above */
	{ "dash-dash line continues",
	  "iam create-role --role-name r\n  --path /x/\n.words b\n", EOF_,
	  "[\"iam\",\"create-role\",\"--role-name\",\"r\",\"--path\",\"/x/\"]" },
	{ "quoted json line continues", "put --doc\n'{\"a\":1}'\n", EOF_,
	  "[\"put\",\"--doc\",\"{\\\"a\\\":1}\"]" },
	{ "quoted array line continues", "put --doc\n  '[1]'\n", EOF_,
	  "[\"put\",\"--doc\",\"[1]\"]" },
	{ "double-quoted json line continues", "put --doc\n\"{}\"\n", EOF_,
	  "[\"put\",\"--doc\",\"{}\"]" },
	{ "single dash line does not continue", "a\n-x\n", EOF_, "[\"a\"]" },
	{ "plain quote line does not continue", "a\n'x'\n", EOF_, "[\"a\"]" },
	{ "blank line ends continuation", "a\n\n--x\n", EOF_, "[\"a\"]" },
	{ "runbook waits to see the next line", "a\n", 0, "MORE" },
	{ "runbook at eof does not wait", "a\n", EOF_, "[\"a\"]" },
	/* the REPL */
	{ "repl does not wait for the next line", "a\n", INTER, "[\"a\"]" },
	{ "repl paste continues", "a\n--x\n", INTER, "[\"a\",\"--x\"]" },
	{ "repl option needs a value", "s3 ls --region\n", INTER, "MORE" },
	{ "repl value on the next line", "s3 ls --region\nus-east-1\n", INTER,
	  "[\"s3\",\"ls\",\"--region\",\"us-east-1\"]" },
	{ "repl option needs a value after aws", "aws s3 ls --region\n", INTER,
	  "MORE" },
	{ "repl empty line gives up waiting", "s3 ls --region\n\n", INTER,
	  "[\"s3\",\"ls\",\"--region\"]" },
	{ "repl eof gives up waiting", "s3 ls --region\n", INTER | EOF_,
	  "[\"s3\",\"ls\",\"--region\"]" },
	{ "repl flag does not wait", "s3 ls --recursive\n", INTER,
	  "[\"s3\",\"ls\",\"--recursive\"]" },
	{ "runbook option needs no wait", "s3 ls --region\nus-east-1\n", EOF_,
	  "[\"s3\",\"ls\",\"--region\"]" },
	/* comments */
	{ "comment after words", "s3 ls # list buckets\n", EOF_,
	  "[\"s3\",\"ls\"]" },
	{ "hash inside a word", "a#b", EOF_, "[\"a#b\"]" },
	{ "hash in quotes", "'#x' \"#y\"", EOF_, "[\"#x\",\"#y\"]" },
	{ "comment lines skipped", "# c\n\n  s3 ls\n", EOF_, "[\"s3\",\"ls\"]" },
	{ "only comments", "  \n# c\n\n", EOF_, "END" },
	{ "empty text", "", EOF_, "END" },
	/* variables */
	{ "dollar name", "$ACCOUNT", EOF_, "[\"123456789012\"]" },
	{ "braced name", "${ACCOUNT}x", EOF_, "[\"123456789012x\"]" },
	{ "default when unset", "${NOPE:-def}", EOF_, "[\"def\"]" },
	{ "default when empty", "${EMPTY:-def}", EOF_, "[\"def\"]" },
	{ "default unused", "${ACCOUNT:-def}", EOF_, "[\"123456789012\"]" },
	{ "default taken literally", "${NOPE:-a b'c}", EOF_, "[\"a b'c\"]" },
	{ "empty unquoted makes no word", "a $EMPTY b", EOF_,
	  "[\"a\",\"b\"]" },
	{ "empty quoted makes a word", "\"$EMPTY\"", EOF_, "[\"\"]" },
	{ "value is not split", "$SPACED", EOF_, "[\"a b\"]" },
	{ "environment after shell variables", "$HS_TEST_ENV", EOF_,
	  "[\"from-env\"]" },
	{ "lone dollar", "$ a$ $5 $-", EOF_, "[\"a$\",\"$5\",\"$-\"]" },
	{ "name ends at a non-name char", "$ACCOUNT.json", EOF_,
	  "[\"123456789012.json\"]" },
	{ "undefined variable", "s3 ls $NOPE", EOF_,
	  "ERR 1:7 UndefinedVariable: undefined variable 'NOPE': set it with "
	  ".set NOPE=VALUE or --var NOPE=VALUE" },
	{ "undefined braced on line 2", "a \\\n  x${NOPE}", EOF_,
	  "ERR 2:4 UndefinedVariable: undefined variable 'NOPE': set it with "
	  ".set NOPE=VALUE or --var NOPE=VALUE" },
	{ "undefined in double quotes", "\"$NOPE\"", EOF_,
	  "ERR 1:2 UndefinedVariable: undefined variable 'NOPE': set it with "
	  ".set NOPE=VALUE or --var NOPE=VALUE" },
	{ "columns count characters", "\xc3\xa9 $NOPE", EOF_,
	  "ERR 1:3 UndefinedVariable: undefined variable 'NOPE': set it with "
	  ".set NOPE=VALUE or --var NOPE=VALUE" },
	{ "missing brace", "a ${NOPE", EOF_,
	  "ERR 1:3 SyntaxError: missing '}' after '${'" },
	{ "invalid braced name", "${1A}", EOF_,
	  "ERR 1:1 SyntaxError: invalid variable name in '${1A}'" },
	{ "empty braced name", "x${}", EOF_,
	  "ERR 1:2 SyntaxError: invalid variable name in '${}'" },
	{ "unsupported expansion", "${A-b}", EOF_,
	  "ERR 1:1 SyntaxError: unsupported expansion '${A-b}': use ${NAME} "
	  "or ${NAME:-default}" },
	{ "command substitution", "a $(ls)", EOF_,
	  "ERR 1:3 SyntaxError: command substitution '$(...)' is not "
	  "supported: set a variable with .set NAME=VALUE" },
	{ "first error wins", "$NOPE 'x", EOF_,
	  "ERR 1:1 UndefinedVariable: undefined variable 'NOPE': set it with "
	  ".set NOPE=VALUE or --var NOPE=VALUE" },
	/* pasted prompts and "aws" */
	{ "aws dropped", "aws s3 ls", EOF_, "[\"s3\",\"ls\"]" },
	{ "dollar prompt dropped", "$ aws s3 ls", EOF_, "[\"s3\",\"ls\"]" },
	{ "aws prompt dropped", "aws> s3 ls", EOF_, "[\"s3\",\"ls\"]" },
	{ "own prompt dropped", "hipaa-shell [default@-]> .words x", EOF_,
	  "[\".words\",\"x\"]" },
	{ "aws only first", ".words aws", EOF_, "[\".words\",\"aws\"]" },
	{ "awsx kept", "awsx s3", EOF_, "[\"awsx\",\"s3\"]" },
	/* host commands */
	{ "host command raw", "!echo 'a b' $HOME # c", EOF_,
	  "[\"!\",\"echo 'a b' $HOME # c\"]" },
	{ "host command trimmed", "!  ls  ", EOF_, "[\"!\",\"ls\"]" },
	{ "host command quote spans lines", "!echo 'a\nb'\n.words x\n", EOF_,
	  "[\"!\",\"echo 'a\\nb'\"]" },
	{ "host command alone", "!", EOF_, "[\"!\"]" },
	{ "host command open quote", "!echo \"a", EOF_,
	  "ERR 1:7 SyntaxError: unterminated double quote: close it with \"" },
	/* directives */
	{ "directive malformed", "# expect-error AccessDenied\na\n",
	  EOF_ | DIRECT, "ERR 1:1 SyntaxError: malformed directive: write "
	  "'# expect-error: CODE'" },
	{ "directive without code", "# expect-error:\na\n", EOF_ | DIRECT,
	  "ERR 1:1 SyntaxError: expect-error needs an error code, e.g. "
	  "'# expect-error: AccessDenied'" },
	{ "directive with two codes", "  # expect-error: A B\na\n",
	  EOF_ | DIRECT, "ERR 1:3 SyntaxError: expect-error takes one error "
	  "code" },
	{ "directive twice", "# expect-error: A\n# expect-error: B\na\n",
	  EOF_ | DIRECT, "ERR 2:1 SyntaxError: two expect-error lines for one "
	  "command (the other is at line 1)" },
	{ "directive without command", "a\n", EOF_ | DIRECT, "[\"a\"]" },
	{ "directive at the end", "# expect-error: A\n", EOF_ | DIRECT,
	  "ERR 1:1 SyntaxError: '# expect-error: A' is not followed by a "
	  "command" },
	{ "directive waits for its command", "# expect-error: A\n", DIRECT,
	  "MORE" },
	{ "directive off is a comment", "# expect-error: A\n", EOF_, "END" },
};

static void
test_table(void)
{
	size_t i;

	setenv("HS_TEST_ENV", "from-env", 1);
	setenv("ACCOUNT", "from-env", 1);
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct hs_lexed lx = HS_LEXED_INIT;
		char *got = lex_describe(cases[i].input, cases[i].flags, &lx);

		if (strcmp(got, cases[i].expect) != 0) {
			printf("# case '%s'\n# expected '%s'\n#      got '%s'\n",
			    cases[i].name, cases[i].expect, got);
			CU_FAIL("lexer case");
		}
		free(got);
		hs_lexed_clear(&lx);
	}
}

/* Lex input with flags, keeping the result in lx. */
static enum hs_lex_status
lex(const char *input, unsigned flags, struct hs_lexed *lx)
{
	char *d = lex_describe(input, flags, lx);

	free(d);
	return lx->error.message ? HS_LEX_ERROR : HS_LEX_COMMAND;
}

static void
test_consumed_and_lines(void)
{
	struct hs_lexed lx = HS_LEXED_INIT;
	const char *text = "# c\n\n  s3 ls \\\n  --x  # note\nb\n";

	lex(text, EOF_, &lx);
	CU_ASSERT_EQUAL(lx.line, 3);
	HS_ASSERT_STR_EQ(lx.text, "s3 ls \\\n  --x  # note");
	CU_ASSERT_EQUAL(lx.consumed, strlen(text) - 2);
	lex("a $NOPE\nb\n", EOF_, &lx);
	CU_ASSERT_EQUAL(lx.consumed, 8);
	lex("$ aws s3 ls\n", EOF_, &lx);
	HS_ASSERT_STR_EQ(lx.text, "aws s3 ls");
	CU_ASSERT_FALSE(lx.host);
	lex("!ls\n", EOF_, &lx);
	CU_ASSERT_TRUE(lx.host);
	HS_ASSERT_STR_EQ(lx.text, "!ls");
	hs_lexed_clear(&lx);
}

static void
test_first_line(void)
{
	struct hs_lex_opts o;
	struct hs_lexed lx = HS_LEXED_INIT;

	memset(&o, 0, sizeof o);
	o.first_line = 41;
	o.eof = true;
	o.lookup = test_lookup;
	CU_ASSERT_EQUAL(hs_lex("\na $NOPE", 8, &o, &lx), HS_LEX_ERROR);
	CU_ASSERT_EQUAL(lx.error.line, 42);
	CU_ASSERT_EQUAL(lx.error.column, 3);
	CU_ASSERT_EQUAL(lx.error.status, HS_EXIT_USAGE);
	hs_lexed_clear(&lx);
}

static void
test_directive_attaches(void)
{
	struct hs_lexed lx = HS_LEXED_INIT;

	lex("\n# expect-error: AccessDenied\n\n# note\ns3 ls\n", EOF_ | DIRECT,
	    &lx);
	HS_ASSERT_STR_EQ(lx.expect_error, "AccessDenied");
	CU_ASSERT_EQUAL(lx.expect_line, 2);
	CU_ASSERT_EQUAL(lx.line, 5);
	lex("s3 ls\n", EOF_ | DIRECT, &lx);
	CU_ASSERT_PTR_NULL(lx.expect_error);
	hs_lexed_clear(&lx);
}

/* Without a lookup function nothing is defined. */
static void
test_no_lookup(void)
{
	struct hs_lex_opts o;
	struct hs_lexed lx = HS_LEXED_INIT;

	memset(&o, 0, sizeof o);
	o.eof = true;
	CU_ASSERT_EQUAL(hs_lex("$HOME", 5, &o, &lx), HS_LEX_ERROR);
	HS_ASSERT_STR_EQ(lx.error.code, HS_ERR_UNDEFINED_VAR);
	hs_lexed_clear(&lx);
}

/* The session's lookup: shell variables first, then the environment. */
static void
test_session_lookup(void)
{
	struct hs_session s;
	struct hs_lex_opts o;
	struct hs_lexed lx = HS_LEXED_INIT;

	hs_session_init(&s);
	setenv("HS_TEST_BOTH", "env", 1);
	setenv("HS_TEST_ONLY_ENV", "e", 1);
	hs_vars_set(&s.vars, "HS_TEST_BOTH", "shell");
	hs_lex_opts_session(&o, &s);
	o.eof = true;
	CU_ASSERT_EQUAL(hs_lex("$HS_TEST_BOTH $HS_TEST_ONLY_ENV", 31, &o, &lx),
	    HS_LEX_COMMAND);
	CU_ASSERT_EQUAL(lx.words.n, 2);
	HS_ASSERT_STR_EQ(lx.words.v[0], "shell");
	HS_ASSERT_STR_EQ(lx.words.v[1], "e");
	hs_lexed_clear(&lx);
	hs_session_clear(&s);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case tests[] = {
		{ "rules", test_table },
		{ "consumed-and-lines", test_consumed_and_lines },
		{ "first-line", test_first_line },
		{ "directive-attaches", test_directive_attaches },
		{ "no-lookup", test_no_lookup },
		{ "session-lookup", test_session_lookup },
	};

	hs_unit_add_table("lexer", tests, HS_ARRAY_SIZE(tests));
}

/*
 * lexer.c: split the first logical command of a text into words.
 *
 * POSIX-shell quoting, as documentation writes AWS CLI commands:
 *   - blanks separate words; a newline ends the command unless it is
 *     continued; '\r' counts as a blank (runbooks saved with CRLF);
 *   - '...' is literal and may span lines (a multi-line JSON policy);
 *   - "..." keeps \" \\ \$ \` as the character, drops backslash-newline,
 *     keeps any other backslash, and expands variables;
 *   - outside quotes a backslash quotes the next character, and
 *     backslash-newline joins lines;
 *   - a line whose first word starts with "--", or with a quoted JSON
 *     document ('{ '[ "{ "["), continues the command above it, as
 *     documentation wraps long commands without backslashes;
 *   - in the REPL (interactive) the lexer never waits to see the next
 *     line, but a command whose last word is an option that needs a value
 *     goes on with the next line;
 *   - '#' at the start of a word starts a comment; with directives on, a
 *     whole-line "# expect-error: CODE" is attached to the next command;
 *   - $NAME, ${NAME} and ${NAME:-default} (default taken literally, used
 *     when NAME is unset or empty) expand from lookup(); an undefined
 *     variable is an error. A value is never split into several words,
 *     and an unquoted expansion that is empty makes no word (as sh);
 *   - a leading prompt ("$ ", "aws> ", "hipaa-shell [..]> ") and a
 *     leading "aws" word are dropped, so pasted commands work;
 *   - a command starting with '!' is a host command: its text goes to
 *     /bin/sh as typed (quotes only decide where it ends).
 * Errors give the line and the column (in characters) where they start.
 */
#include "hs-common.h"
#include "shell.h"
#include "lexer-int.h"

#include <ctype.h>

/* The column (in UTF-8 characters, from 1) of offset p on its line. */
unsigned
lex_column(const struct lex *lx, size_t p, size_t line_start)
{
	unsigned col = 1;
	size_t i;

	for (i = line_start; i < p; i++)
		if (((unsigned char)lx->t[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Record the first error of the command, at line/offset. */
void
lex_error(struct lex *lx, unsigned line, size_t p, size_t line_start,
    const char *code, const char *fmt, ...)
{
	va_list ap;

	if (lx->failed)
		return;
	lx->failed = true;
	va_start(ap, fmt);
	hs_error_vset(&lx->out->error, HS_EXIT_USAGE, code, fmt, ap);
	va_end(ap);
	lx->out->error.line = line;
	lx->out->error.column = lex_column(lx, p, line_start);
}

void
lex_add_char(struct lex *lx, char c)
{
	if (hs_buf_addch(&lx->word, c) < 0)
		BUG("word too long");
	lx->in_word = true;
}

/* Step to the next line after the newline at lx->pos. */
void
lex_next_line(struct lex *lx)
{
	lx->pos++;
	lx->line++;
	lx->line_start = lx->pos;
}

/* Finish the current word, if there is one. */
void
lex_end_word(struct lex *lx)
{
	if (!lx->in_word)
		return;
	hs_strlist_take(&lx->out->words, hs_buf_detach(&lx->word, NULL));
	lx->in_word = false;
}

/* Finish the command: it ends at offset end (exclusive, before '\n'),
 * and the text is used through offset consumed. */
enum step
lex_finish(struct lex *lx, size_t end, size_t consumed)
{
	struct hs_lexed *out = lx->out;

	lex_end_word(lx);
	while (end > lx->cmd_start && isspace((unsigned char)lx->t[end - 1]))
		end--;
	out->text = hs_xstrndup(lx->t + lx->cmd_start, end - lx->cmd_start);
	out->consumed = consumed;
	lx->status = lx->failed ? HS_LEX_ERROR : HS_LEX_COMMAND;
	return STEP_DONE;
}

/* Stop: the text ends inside the command and more may come. */
enum step
lex_need_more(struct lex *lx)
{
	lx->status = HS_LEX_MORE;
	return STEP_DONE;
}

/* The end of the line that holds offset p (the '\n' or len). */
static size_t
line_end(const struct lex *lx, size_t p)
{
	while (p < lx->len && lx->t[p] != '\n')
		p++;
	return p;
}

/* Skip blanks from p. */
static size_t
skip_blanks(const struct lex *lx, size_t p)
{
	while (p < lx->len && (lx->t[p] == ' ' || lx->t[p] == '\t' ||
	    lx->t[p] == '\r'))
		p++;
	return p;
}

/* Fail on the comment line at p: it is consumed with the error. */
static enum step
directive_error(struct lex *lx, size_t p, const char *fmt, const char *arg)
{
	size_t eol = line_end(lx, p);

	lex_error(lx, lx->line, p, lx->line_start, HS_ERR_SYNTAX, fmt, arg);
	lx->out->text = hs_xstrndup(lx->t + p, eol - p);
	lx->out->consumed = eol < lx->len ? eol + 1 : eol;
	lx->status = HS_LEX_ERROR;
	return STEP_DONE;
}

/* Read "# expect-error: CODE" at p (a '#' starting a line's text). */
enum step
lex_directive(struct lex *lx, size_t p)
{
	size_t q = skip_blanks(lx, p + 1), code, end;
	struct hs_lexed *out = lx->out;

	if (!lx->o->directives || lx->len - q < 12 ||
	    memcmp(lx->t + q, "expect-error", 12) != 0)
		return STEP_OK;
	q = skip_blanks(lx, q + 12);
	if (q >= lx->len || lx->t[q] != ':')
		return directive_error(lx, p, "malformed directive: write "
		    "'# expect-error: CODE'%s", "");
	code = skip_blanks(lx, q + 1);
	for (end = code; end < lx->len && !isspace((unsigned char)lx->t[end]);
	    end++)
		;
	if (end == code)
		return directive_error(lx, p, "expect-error needs an error "
		    "code, e.g. '# expect-error: AccessDenied'%s", "");
	if (skip_blanks(lx, end) != line_end(lx, end))
		return directive_error(lx, p, "expect-error takes one error "
		    "code%s", "");
	if (out->expect_error != NULL) {
		char num[16];

		snprintf(num, sizeof num, "%u", out->expect_line);
		return directive_error(lx, p, "two expect-error lines for one "
		    "command (the other is at line %s)", num);
	}
	out->expect_error = hs_xstrndup(lx->t + code, end - code);
	out->expect_line = lx->line;
	lx->expect_pos = p;
	lx->expect_line_start = lx->line_start;
	return STEP_OK;
}

/* Only blanks and comments were left: the end, unless a directive waits. */
enum step
lex_no_command(struct lex *lx)
{
	struct hs_lexed *out = lx->out;

	if (out->expect_error != NULL && !lx->o->eof)
		return lex_need_more(lx);
	out->consumed = lx->len;
	if (out->expect_error == NULL) {
		lx->status = HS_LEX_END;
		return STEP_DONE;
	}
	lex_error(lx, out->expect_line, lx->expect_pos, lx->expect_line_start,
	    HS_ERR_SYNTAX, "'# expect-error: %s' is not followed by a command",
	    out->expect_error);
	out->text = hs_xstrdup("");
	lx->status = HS_LEX_ERROR;
	return STEP_DONE;
}

/* Skip blank and comment lines before a command; directives attach. */
static enum step
skip_blank_lines(struct lex *lx)
{
	for (;;) {
		size_t p = skip_blanks(lx, lx->pos);

		if (p < lx->len && lx->t[p] == '#') {
			if (lex_directive(lx, p) == STEP_DONE)
				return STEP_DONE;
			p = line_end(lx, p);
		}
		lx->pos = p;
		if (p == lx->len)
			return lex_no_command(lx);
		if (lx->t[p] != '\n')
			return STEP_OK;
		lex_next_line(lx);
	}
}

/* Drop a prompt pasted with the command: "$ ", "aws> ",
 * "hipaa-shell [...]> ". */
static void
strip_prompt(struct lex *lx)
{
	const char *p = lx->t + lx->pos, *end = lx->t + lx->len, *close;
	size_t skip = 0;

	if (end - p >= 2 && p[0] == '$' && (p[1] == ' ' || p[1] == '\t'))
		skip = 2;
	else if (end - p >= 5 && memcmp(p, "aws>", 4) == 0 &&
	    (p[4] == ' ' || p[4] == '\t'))
		skip = 5;
	else if (end - p >= 16 && memcmp(p, "hipaa-shell [", 13) == 0 &&
	    (close = memchr(p, ']', (size_t)(end - p))) != NULL &&
	    end - close >= 3 && close[1] == '>' && close[2] == ' ' &&
	    memchr(p, '\n', (size_t)(close - p)) == NULL)
		skip = (size_t)(close + 3 - p);
	lx->pos += skip;
	while (lx->pos < lx->len && (lx->t[lx->pos] == ' ' ||
	    lx->t[lx->pos] == '\t'))
		lx->pos++;
}

/* Drop a leading "aws" word (commands pasted from the AWS docs). */
static void
drop_aws(struct hs_lexed *out)
{
	if (!out->host && out->words.n > 0 && strcmp(out->words.v[0], "aws") == 0)
		hs_strlist_shift(&out->words);
}

/* Split the first command of text[0..len) into words. */
enum hs_lex_status
hs_lex(const char *text, size_t len, const struct hs_lex_opts *opts,
    struct hs_lexed *out)
{
	struct lex lx;

	hs_lexed_clear(out);
	memset(&lx, 0, sizeof lx);
	lx.t = text;
	lx.len = len;
	lx.line = opts->first_line ? opts->first_line : 1;
	lx.o = opts;
	lx.out = out;
	hs_buf_init(&lx.word, 0);
	if (skip_blank_lines(&lx) == STEP_OK) {
		strip_prompt(&lx);
		lx.cmd_start = lx.pos;
		out->line = lx.line;
		if (lx.pos < len && text[lx.pos] == '!')
			lex_scan_host(&lx);
		else
			lex_scan_words(&lx);
	}
	hs_buf_release(&lx.word);
	if (lx.status == HS_LEX_COMMAND)
		drop_aws(out);
	return lx.status;
}

/* Free what hs_lex() put in out. */
void
hs_lexed_clear(struct hs_lexed *out)
{
	hs_strlist_clear(&out->words);
	free(out->text);
	free(out->expect_error);
	hs_error_clear(&out->error);
	memset(out, 0, sizeof *out);
}

/* Look a variable up in the session, then in the environment. */
static const char *
session_lookup(void *arg, const char *name)
{
	const struct hs_session *s = arg;
	const char *v = hs_vars_get(&s->vars, name);

	return v != NULL ? v : getenv(name);
}

/* Ask the dispatcher whether the last word needs a value. */
static bool
session_needs_value(void *arg, char *const *words, size_t n)
{
	return hs_dispatch_needs_value(arg, words, n);
}

/* The lexer options for a session. */
void
hs_lex_opts_session(struct hs_lex_opts *o, struct hs_session *s)
{
	memset(o, 0, sizeof *o);
	o->first_line = 1;
	o->lookup = session_lookup;
	o->needs_value = session_needs_value;
	o->arg = s;
}

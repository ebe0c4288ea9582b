/*
 * lexer-scan.c: words, quotes, comments and the ways a command goes on
 * to the next line (see lexer.c for the rules).
 */
#include "hs-common.h"
#include "lexer-int.h"

#include <ctype.h>

/* Tell whether the words so far end with an option that needs a value. */
static bool
wants_value(const struct lex *lx)
{
	char *const *w = lx->out->words.v;
	size_t n = lx->out->words.n;

	if (lx->o->needs_value == NULL)
		return false;
	if (n > 0 && strcmp(w[0], "aws") == 0) {
		w++;
		n--;
	}
	return n > 0 && lx->o->needs_value(lx->o->arg, w, n);
}

/* Tell whether the line at p continues the command above (it starts
 * with "--" or a quoted JSON document): 1 yes, 0 no, -1 cannot tell. */
static int
continues(const struct lex *lx, size_t p)
{
	static const char *const starts[] = { "--", "'{", "'[", "\"{", "\"[" };
	size_t i, avail;

	while (p < lx->len && (lx->t[p] == ' ' || lx->t[p] == '\t'))
		p++;
	avail = lx->len - p;
	for (i = 0; i < HS_ARRAY_SIZE(starts); i++) {
		if (avail >= 2 && memcmp(lx->t + p, starts[i], 2) == 0)
			return 1;
		if (avail < 2 && !lx->o->eof &&
		    (avail == 0 || lx->t[p] == starts[i][0]))
			return -1;
	}
	return 0;
}

/* At an unquoted newline: go on with the next line, or end here. */
static enum step
at_newline(struct lex *lx)
{
	size_t nl = lx->pos, next = nl + 1;
	int more;

	lex_end_word(lx);
	if (lx->o->interactive && wants_value(lx)) {
		if (next == lx->len && !lx->o->eof)
			return lex_need_more(lx);
		if (next == lx->len || lx->t[next] == '\n')
			return lex_finish(lx, nl, next);
		lex_next_line(lx);
		return STEP_OK;
	}
	more = lx->o->interactive && next == lx->len ? 0 : continues(lx, next);
	if (more < 0)
		return lex_need_more(lx);
	if (more == 0)
		return lex_finish(lx, nl, next);
	lex_next_line(lx);
	return STEP_OK;
}

/* At the end of the text, outside quotes. */
static enum step
at_end(struct lex *lx)
{
	if (!lx->o->eof)
		return lex_need_more(lx);
	return lex_finish(lx, lx->len, lx->len);
}

/* A backslash outside quotes: quote the next character, or join lines. */
static enum step
backslash(struct lex *lx)
{
	size_t p = lx->pos;

	if (p + 1 == lx->len) {
		lx->pos++;
		return STEP_OK;
	}
	if (lx->t[p + 1] == '\n' || (lx->t[p + 1] == '\r' &&
	    p + 2 < lx->len && lx->t[p + 2] == '\n')) {
		lx->pos = lx->t[p + 1] == '\n' ? p + 1 : p + 2;
		lex_next_line(lx);
		return STEP_OK;
	}
	lex_add_char(lx, lx->t[p + 1]);
	lx->pos += 2;
	return STEP_OK;
}

/* The text ended inside a quote that opened at q. */
static enum step
unterminated(struct lex *lx, const char *what, unsigned qline, size_t q,
    size_t qls)
{
	if (!lx->o->eof)
		return lex_need_more(lx);
	lex_error(lx, qline, q, qls, HS_ERR_SYNTAX, "unterminated %s quote: "
	    "close it with %s", what, what[0] == 's' ? "'" : "\"");
	return lex_finish(lx, lx->len, lx->len);
}

/* '...': every character literal, newlines included. */
static enum step
single_quote(struct lex *lx)
{
	size_t q = lx->pos, qls = lx->line_start;
	unsigned qline = lx->line;

	lx->pos++;
	lx->in_word = true;
	for (;;) {
		char c;

		if (lx->pos == lx->len)
			return unterminated(lx, "single", qline, q, qls);
		c = lx->t[lx->pos];
		if (c == '\'') {
			lx->pos++;
			return STEP_OK;
		}
		lex_add_char(lx, c);
		if (c == '\n')
			lex_next_line(lx);
		else
			lx->pos++;
	}
}

/* A backslash inside "...". */
static void
dquote_backslash(struct lex *lx)
{
	char n = lx->t[lx->pos + 1];

	if (n == '"' || n == '\\' || n == '$' || n == '`') {
		lex_add_char(lx, n);
		lx->pos += 2;
	} else if (n == '\n') {
		lx->pos++;
		lex_next_line(lx);
	} else {
		lex_add_char(lx, '\\');
		lx->pos++;
	}
}

/* "...": escapes \" \\ \$ \`, backslash-newline, and $NAME. */
static enum step
double_quote(struct lex *lx)
{
	size_t q = lx->pos, qls = lx->line_start;
	unsigned qline = lx->line;

	lx->pos++;
	lx->in_word = true;
	for (;;) {
		char c;

		if (lx->pos == lx->len || (lx->t[lx->pos] == '\\' &&
		    lx->pos + 1 == lx->len))
			return unterminated(lx, "double", qline, q, qls);
		c = lx->t[lx->pos];
		if (c == '"') {
			lx->pos++;
			return STEP_OK;
		}
		if (c == '\\') {
			dquote_backslash(lx);
		} else if (c == '$') {
			lex_expand(lx);
		} else {
			lex_add_char(lx, c);
			if (c == '\n')
				lex_next_line(lx);
			else
				lx->pos++;
		}
	}
}

/* Split words until the command ends. */
void
lex_scan_words(struct lex *lx)
{
	enum step st = STEP_OK;

	while (st == STEP_OK) {
		char c;

		if (lx->pos == lx->len) {
			at_end(lx);
			return;
		}
		c = lx->t[lx->pos];
		if (c == ' ' || c == '\t' || c == '\r') {
			lex_end_word(lx);
			lx->pos++;
		} else if (c == '\n') {
			st = at_newline(lx);
		} else if (c == '\\') {
			st = backslash(lx);
		} else if (c == '\'') {
			st = single_quote(lx);
		} else if (c == '"') {
			st = double_quote(lx);
		} else if (c == '$') {
			st = lex_expand(lx);
		} else if (c == '#' && !lx->in_word) {
			while (lx->pos < lx->len && lx->t[lx->pos] != '\n')
				lx->pos++;
		} else {
			lex_add_char(lx, c);
			lx->pos++;
		}
	}
}

/* Add "!" and the host command's text (trimmed) as the words. */
static enum step
host_done(struct lex *lx, size_t start, size_t end, size_t consumed)
{
	size_t e = end;

	while (start < e && isspace((unsigned char)lx->t[start]))
		start++;
	while (e > start && isspace((unsigned char)lx->t[e - 1]))
		e--;
	lx->out->host = true;
	hs_strlist_add(&lx->out->words, "!");
	if (e > start)
		hs_strlist_take(&lx->out->words, hs_xstrndup(lx->t + start,
		    e - start));
	return lex_finish(lx, end, consumed);
}

/* Step over one character of a host command, tracking quotes in *q. */
static void
host_char(struct lex *lx, char *q, size_t *qpos, unsigned *qline,
    size_t *qls)
{
	char c = lx->t[lx->pos];

	if (c == '\\' && *q != '\'' && lx->pos + 1 < lx->len) {
		lx->pos++;
		c = lx->t[lx->pos];
	} else if (*q == 0 && (c == '\'' || c == '"')) {
		*q = c;
		*qpos = lx->pos;
		*qline = lx->line;
		*qls = lx->line_start;
	} else if (*q == c) {
		*q = 0;
	}
	if (c == '\n')
		lex_next_line(lx);
	else
		lx->pos++;
}

/* !COMMAND: find where it ends; /bin/sh gets its text as typed. */
void
lex_scan_host(struct lex *lx)
{
	size_t start = ++lx->pos, qpos = 0, qls = 0;
	unsigned qline = 0;
	char q = 0;

	for (;;) {
		if (lx->pos == lx->len) {
			if (q != 0)
				unterminated(lx, q == '\'' ? "single" :
				    "double", qline, qpos, qls);
			else if (!lx->o->eof)
				lex_need_more(lx);
			else
				host_done(lx, start, lx->len, lx->len);
			return;
		}
		if (q == 0 && lx->t[lx->pos] == '\n') {
			host_done(lx, start, lx->pos, lx->pos + 1);
			return;
		}
		host_char(lx, &q, &qpos, &qline, &qls);
	}
}

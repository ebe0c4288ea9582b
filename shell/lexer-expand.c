/*
 * lexer-expand.c: $NAME, ${NAME} and ${NAME:-default}.
 *
 * Values come from the lookup function (shell variables, then the
 * environment). An undefined variable is an error naming it: a runbook
 * must not run with an empty account ID. The value is added to the
 * current word as it is, never split; the default is taken literally.
 * "$" before anything else is a plain '$'; "$(" is refused, since a
 * command substitution would silently not happen.
 */
#include "hs-common.h"
#include "lexer-int.h"

#include <ctype.h>

static bool
name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Add the value of name (or the default) to the word; errors name it. */
static void
add_value(struct lex *lx, size_t dollar, const char *name, size_t len,
    const char *def, size_t deflen)
{
	char *n = hs_xstrndup(name, len);
	const char *v = lx->o->lookup ? lx->o->lookup(lx->o->arg, n) : NULL;

	if (def != NULL && (v == NULL || *v == '\0')) {
		v = NULL;
		while (deflen-- > 0)
			lex_add_char(lx, *def++);
	}
	if (v == NULL && def == NULL)
		lex_error(lx, lx->line, dollar, lx->line_start,
		    HS_ERR_UNDEFINED_VAR, "undefined variable '%s': set it with "
		    ".set %s=VALUE or --var %s=VALUE", n, n, n);
	for (; v != NULL && *v != '\0'; v++)
		lex_add_char(lx, *v);
	free(n);
}

/* The end of a ${...} on this line: the offset of '}', or of the newline
 * or end of text when it is missing. */
static size_t
brace_end(const struct lex *lx, size_t p)
{
	while (p < lx->len && lx->t[p] != '}' && lx->t[p] != '\n')
		p++;
	return p;
}

/* ${NAME}, ${NAME:-default} at lx->pos. */
static enum step
expand_braced(struct lex *lx)
{
	size_t d = lx->pos, name = d + 2, p = name, close;

	while (p < lx->len && name_char(lx->t[p]))
		p++;
	close = brace_end(lx, p);
	if (close == lx->len || lx->t[close] != '}') {
		lex_error(lx, lx->line, d, lx->line_start, HS_ERR_SYNTAX,
		    "missing '}' after '${'");
	} else if (p == name || isdigit((unsigned char)lx->t[name])) {
		lex_error(lx, lx->line, d, lx->line_start, HS_ERR_SYNTAX,
		    "invalid variable name in '%.*s'", (int)(close + 1 - d),
		    lx->t + d);
	} else if (lx->t[p] == '}') {
		if (!lx->failed)
			add_value(lx, d, lx->t + name, p - name, NULL, 0);
	} else if (lx->t[p] == ':' && p + 1 < close && lx->t[p + 1] == '-') {
		if (!lx->failed)
			add_value(lx, d, lx->t + name, p - name, lx->t + p + 2,
			    close - p - 2);
	} else {
		lex_error(lx, lx->line, d, lx->line_start, HS_ERR_SYNTAX,
		    "unsupported expansion '%.*s': use ${NAME} or "
		    "${NAME:-default}", (int)(close + 1 - d), lx->t + d);
	}
	lx->pos = close < lx->len && lx->t[close] == '}' ? close + 1 : close;
	return STEP_OK;
}

/* Expand the '$' at lx->pos into the current word. */
enum step
lex_expand(struct lex *lx)
{
	size_t d = lx->pos, p = d + 1;
	char next = p < lx->len ? lx->t[p] : '\0';

	if (next == '{')
		return expand_braced(lx);
	if (next == '(') {
		lex_error(lx, lx->line, d, lx->line_start, HS_ERR_SYNTAX,
		    "command substitution '$(...)' is not supported: set a "
		    "variable with .set NAME=VALUE");
		lx->pos += 2;
		return STEP_OK;
	}
	if (!isalpha((unsigned char)next) && next != '_') {
		lex_add_char(lx, '$');
		lx->pos++;
		return STEP_OK;
	}
	while (p < lx->len && name_char(lx->t[p]))
		p++;
	if (!lx->failed)
		add_value(lx, d, lx->t + d + 1, p - d - 1, NULL, 0);
	lx->pos = p;
	return STEP_OK;
}

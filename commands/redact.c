/*
 * redact.c: keep secrets out of the history file, .history, .edit, .vars
 * and --echo.
 *
 * hs_redact() works on a command's source text, not on its expanded
 * words, so what is kept looks like what was typed. It splits the text
 * into words as the lexer would (quotes and backslashes, no expansion)
 * and replaces with "***":
 *   - the word after an option named like a secret (--secret-access-key X,
 *     --session-token X, --password X);
 *   - VALUE in NAME=VALUE anywhere in a word, when NAME names a secret
 *     (.set DB_PASSWORD=x, aws_secret_access_key=x, --password=x, the
 *     shorthand SecretAccessKey=x,...);
 *   - VALUE in "NAME": "VALUE" inside a JSON document.
 * A name is secret-looking when it contains SECRET, TOKEN, PASSWORD,
 * PASSWD, PASSPHRASE, PRIVATE-KEY, API-KEY or CUSTOMER-KEY (case, '-' and
 * '_' ignored), except pagination tokens (--next-token, --starting-token,
 * --client-token...) and names of secrets rather than secrets (ending in
 * Id, Arn, Name or Type: --secret-id).
 */
#include "hs-common.h"
#include "commands.h"

#include <ctype.h>

#define MASK "***"

struct span {
	size_t start, end;	/* [start, end) in the text */
};

struct spans {
	struct span *v;
	size_t n, alloc;
};

static void
spans_add(struct spans *s, size_t start, size_t end)
{
	if (end <= start)
		return;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 8;
		s->v = hs_xreallocarray(s->v, s->alloc, sizeof *s->v);
	}
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->n++;
}

/* Tell whether a normalised name is one of the known non-secrets. */
static bool
secret_excluded(const char *norm, size_t len)
{
	static const char *const exact[] = { "nexttoken", "startingtoken",
	    "clienttoken", "paginationtoken", "continuationtoken",
	    "nextcontinuationtoken", "idempotencytoken" };
	static const char *const suffixes[] = { "id", "ids", "arn", "name",
	    "type" };
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(exact); i++)
		if (strcmp(norm, exact[i]) == 0)
			return true;
	for (i = 0; i < HS_ARRAY_SIZE(suffixes); i++)
		if (len > strlen(suffixes[i]) && hs_ends_with(norm, suffixes[i]))
			return true;
	return false;
}

/* Tell whether an option or variable name names a secret. */
bool
hs_secret_name(const char *name, size_t len)
{
	static const char *const words[] = { "secret", "token", "password",
	    "passwd", "passphrase", "privatekey", "apikey", "customerkey" };
	char norm[128];
	size_t i, k = 0;

	for (i = 0; i < len && k + 1 < sizeof norm; i++)
		if (isalnum((unsigned char)name[i]))
			norm[k++] = (char)tolower((unsigned char)name[i]);
	norm[k] = '\0';
	if (secret_excluded(norm, k))
		return false;
	for (i = 0; i < HS_ARRAY_SIZE(words); i++)
		if (strstr(norm, words[i]) != NULL)
			return true;
	return false;
}

/* Find the end of the word that starts at i (quotes and backslashes). */
static size_t
word_end(const char *t, size_t len, size_t i)
{
	char q = 0;

	for (; i < len; i++) {
		if (q == '\'') {
			if (t[i] == '\'')
				q = 0;
		} else if (q == '"') {
			if (t[i] == '\\' && i + 1 < len)
				i++;
			else if (t[i] == '"')
				q = 0;
		} else if (t[i] == '\\' && i + 1 < len) {
			i++;
		} else if (t[i] == '\'' || t[i] == '"') {
			q = t[i];
		} else if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n') {
			break;
		}
	}
	return i;
}

static bool
is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

/* The end of a NAME=VALUE value starting at v, within [v, end). */
static size_t
value_end(const char *t, size_t v, size_t end)
{
	size_t i;

	if (v < end && (t[v] == '\'' || t[v] == '"')) {
		for (i = v + 1; i < end && t[i] != t[v]; i++)
			if (t[v] == '"' && t[i] == '\\')
				i++;
		return i < end ? i + 1 : end;
	}
	for (i = v; i < end; i++)
		if (strchr(",}] \t\n'\"", t[i]) != NULL)
			break;
	return i;
}

/* Mark VALUE in every secret NAME=VALUE of the word [s, e). */
static void
find_assignments(const char *t, size_t s, size_t e, struct spans *out)
{
	size_t i;

	for (i = s; i < e; i++) {
		size_t n = i;

		if (t[i] != '=')
			continue;
		while (n > s && is_name_char(t[n - 1]))
			n--;
		if (n == i || !hs_secret_name(t + n, i - n))
			continue;
		spans_add(out, i + 1, value_end(t, i + 1, e));
	}
}

/* Skip blanks within [i, e). */
static size_t
skip_blanks(const char *t, size_t i, size_t e)
{
	while (i < e && isspace((unsigned char)t[i]))
		i++;
	return i;
}

/* Mark VALUE in every "NAME": "VALUE" of the word [s, e) with a secret NAME. */
static void
find_json_pairs(const char *t, size_t s, size_t e, struct spans *out)
{
	size_t i, j;

	for (i = s; i < e; i++) {
		if (t[i] != '"')
			continue;
		for (j = i + 1; j < e && t[j] != '"'; j++)
			if (t[j] == '\\')
				j++;
		if (j >= e)
			return;
		if (hs_secret_name(t + i + 1, j - i - 1)) {
			size_t k = skip_blanks(t, j + 1, e);

			if (k < e && t[k] == ':') {
				k = skip_blanks(t, k + 1, e);
				if (k < e && t[k] == '"')
					spans_add(out, k + 1,
					    value_end(t, k, e) - 1);
			}
		}
		i = j;
	}
}

/* Tell whether the word [s, e) is an option named like a secret. */
static bool
secret_option(const char *t, size_t s, size_t e)
{
	return e - s > 2 && t[s] == '-' && t[s + 1] == '-' &&
	    memchr(t + s, '=', e - s) == NULL && hs_secret_name(t + s, e - s);
}

/* Collect the spans of text to mask, in order. */
static void
find_secrets(const char *t, size_t len, struct spans *out)
{
	size_t i = 0, prev_s = 0, prev_e = 0;
	bool have_prev = false;

	while ((i = skip_blanks(t, i, len)) < len) {
		size_t e = word_end(t, len, i);

		if (have_prev && secret_option(t, prev_s, prev_e) &&
		    !(e - i > 1 && t[i] == '-' && t[i + 1] == '-'))
			spans_add(out, i, e);
		else {
			find_assignments(t, i, e, out);
			find_json_pairs(t, i, e, out);
		}
		prev_s = i;
		prev_e = e;
		have_prev = true;
		i = e;
	}
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* A copy of text with secret-looking values replaced by "***". */
char *
hs_redact(const char *text)
{
	struct spans sp = { NULL, 0, 0 };
	struct hs_buf out = HS_BUF_INIT;
	size_t len = strlen(text), pos = 0, i;

	find_secrets(text, len, &sp);
	if (sp.n > 1)
		qsort(sp.v, sp.n, sizeof *sp.v, span_cmp);
	for (i = 0; i < sp.n; i++) {
		if (sp.v[i].start < pos)
			continue;
		if (hs_buf_add(&out, text + pos, sp.v[i].start - pos) < 0 ||
		    hs_buf_adds(&out, MASK) < 0)
			BUG("hs_redact: command too long");
		pos = sp.v[i].end;
	}
	if (hs_buf_adds(&out, text + pos) < 0)
		BUG("hs_redact: command too long");
	free(sp.v);
	return hs_buf_detach(&out, NULL);
}

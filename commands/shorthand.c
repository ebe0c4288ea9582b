/*
 * shorthand.c: the AWS CLI's shorthand syntax, parsed exactly as
 * awscli/shorthand.py's ShorthandParser does (CLI v2):
 *
 *   parameter     = keyval *("," keyval)
 *   keyval        = key "=" [values]
 *   values        = csv-list / explicit-list / hash-literal
 *   csv-list      = first-value *("," second-value)   ("a=b,c" -> [b, c])
 *   explicit-list = "[" [value *("," value)] "]"
 *   hash-literal  = "{" key "=" value *("," key "=" value) "}"
 *
 * Values are text; quoting with '...' or "..." (\' \" \\ escapes), "\,"
 * for a literal comma. The result is made of objects, lists and strings
 * only: shorthand-fit.c turns text into numbers and booleans by shape.
 *
 * Deliberate oddities kept from the CLI: a csv list backtracks to its
 * last comma when what follows is another "key=" ("a=b,c,d=e" is
 * {a: [b, c], d: e}); a key repeated at the top level is an error, inside
 * {...} the last one wins. The parser works on UTF-8 bytes; every byte
 * above 0x7f is an ordinary character, and error positions count code
 * points as Python's string indexes do.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>

struct parser {
	const char *s;
	size_t len;
	size_t i;
	char *err;	/* the first syntax error, or NULL */
};

/* Python's \s for one byte (bytes above 0x7f are never special). */
static bool
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* string.whitespace, which _consume_whitespace skips. */
static bool
is_ws(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* _START_WORD: what a bare value may start with. */
static bool
start_char(unsigned char c)
{
	return c == '!' || (c >= '#' && c <= '&') || (c >= '(' && c <= '+') ||
	    (c >= '-' && c <= '<') || (c >= '>' && c <= 'Z') ||
	    (c >= '\\' && c <= 'z') || c >= 0x7c;
}

/* _FIRST_FOLLOW_CHARS: what a first value may go on with. */
static bool
first_follow(unsigned char c)
{
	return is_space(c) || c == '!' || (c >= '#' && c <= '&') ||
	    (c >= '(' && c <= '+') || (c >= '-' && c <= '\\') ||
	    (c >= '^' && c <= '|') || c >= '~';
}

/* _SECOND_FOLLOW_CHARS: what a later csv value may go on with. */
static bool
second_follow(unsigned char c)
{
	return is_space(c) || c == '!' || (c >= '#' && c <= '&') ||
	    (c >= '(' && c <= '+') || (c >= '-' && c <= '<') || c >= '>';
}

static bool
at_eof(const struct parser *p)
{
	return p->i >= p->len;
}

/* The current byte, or -1 at the end (_EOF). */
static int
current(const struct parser *p)
{
	return at_eof(p) ? -1 : (unsigned char)p->s[p->i];
}

static void
skip_ws(struct parser *p)
{
	while (!at_eof(p) && is_ws((unsigned char)p->s[p->i]))
		p->i++;
}

/* Count the code points of s[0..n). */
static size_t
code_points(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

/* The input with a caret under position at (_error_location). */
static void
error_location(struct hs_buf *out, const char *s, size_t len, size_t at)
{
	const char *nl_before = NULL, *nl_after;
	size_t spaces, k, cut = len;

	for (k = 0; k < at; k++)
		if (s[k] == '\n')
			nl_before = s + k;
	spaces = nl_before ? code_points(nl_before + 1,
	    (size_t)(s + at - nl_before - 1)) : code_points(s, at);
	nl_after = memchr(s + at, '\n', len - at);
	if (nl_after != NULL)
		cut = (size_t)(nl_after - s);
	hs_buf_add(out, s, cut);
	hs_buf_addch(out, '\n');
	for (k = 0; k < spaces; k++)
		hs_buf_addch(out, ' ');
	hs_buf_addch(out, '^');
	hs_buf_add(out, s + cut, len - cut);
}

/* Record "Expected: 'X', received: 'Y'" at the current position; Y is
 * actual, or the current character (EOF at the end) when actual is NULL. */
static void
syntax_error_at(struct parser *p, const char *expected, const char *actual)
{
	struct hs_buf msg = HS_BUF_INIT;
	size_t n = 1;

	if (p->err != NULL)
		return;
	hs_buf_addf(&msg, "Expected: '%s', received: '", expected);
	if (actual != NULL)
		hs_buf_adds(&msg, actual);
	else if (at_eof(p))
		hs_buf_adds(&msg, "EOF");
	else {
		while (p->i + n < p->len &&
		    ((unsigned char)p->s[p->i + n] & 0xc0) == 0x80)
			n++;
		hs_buf_add(&msg, p->s + p->i, n);
	}
	hs_buf_adds(&msg, "' for input:\n");
	error_location(&msg, p->s, p->len, p->i);
	p->err = hs_buf_detach(&msg, NULL);
}

static void
syntax_error(struct parser *p, const char *expected)
{
	syntax_error_at(p, expected, NULL);
}

/* _expect: the byte c, with optional white space around it. */
static bool
expect(struct parser *p, char c, bool ws)
{
	char what[2] = { c, '\0' };

	if (ws)
		skip_ws(p);
	if (at_eof(p) || p->s[p->i] != c) {
		syntax_error(p, what);
		return false;
	}
	p->i++;
	if (ws)
		skip_ws(p);
	return true;
}

/* Match a bare value at the current position: a start byte, then follow
 * bytes; "\," counts as one character anywhere. Returns its length. */
static size_t
match_bare(const struct parser *p, bool (*follow)(unsigned char))
{
	const char *s = p->s + p->i;
	size_t n = p->len - p->i, k = 0;

	while (k < n) {
		if (s[k] == '\\' && k + 1 < n && s[k + 1] == ',')
			k += 2;
		else if (k == 0 ? start_char((unsigned char)s[k]) :
		    follow((unsigned char)s[k]))
			k++;
		else
			break;
	}
	return k;
}

/* A bare value's text: "\," becomes ",", trailing white space dropped. */
static cJSON *
bare_text(const char *s, size_t n)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t k;
	cJSON *v;

	for (k = 0; k < n; k++) {
		if (s[k] == '\\' && k + 1 < n && s[k + 1] == ',')
			k++;
		hs_buf_addch(&b, s[k]);
	}
	while (b.len > 0 && is_space((unsigned char)b.buf[b.len - 1]))
		hs_buf_truncate(&b, b.len - 1);
	v = cJSON_CreateString(b.buf);
	hs_buf_release(&b);
	return v;
}

/*
 * Find the closing quote of a quoted value starting at p->i, as the
 * regex q(?:\\\\|\\q|[^q])*q matches it: greedily, and when no quote
 * closes, backtracking to the last "\q" taken as an escape, whose quote
 * then closes. Returns its index, or 0 when there is none.
 */
static size_t
closing_quote(const struct parser *p, char q)
{
	size_t k = p->i + 1, last_escape = 0;

	while (k < p->len && p->s[k] != q) {
		if (p->s[k] == '\\' && k + 1 < p->len && p->s[k + 1] == '\\')
			k += 2;
		else if (p->s[k] == '\\' && k + 1 < p->len &&
		    p->s[k + 1] == q) {
			last_escape = k + 1;
			k += 2;
		} else
			k++;
	}
	return k < p->len ? k : last_escape;
}

/* Replace every "from" (two bytes) in b by the byte to, left to right,
 * as Python's str.replace does. */
static void
replace_pair(struct hs_buf *b, const char *from, char to)
{
	size_t r, w = 0;

	for (r = 0; r < b->len; r++) {
		if (r + 1 < b->len && b->buf[r] == from[0] &&
		    b->buf[r + 1] == from[1]) {
			b->buf[w++] = to;
			r++;
		} else
			b->buf[w++] = b->buf[r];
	}
	hs_buf_truncate(b, w);
}

/* A quoted value: q ... q with \q and \\ escapes (_consume_quoted). */
static cJSON *
quoted(struct parser *p, char q)
{
	struct hs_buf b = HS_BUF_INIT;
	char esc[3] = { '\\', q, '\0' };
	size_t end = closing_quote(p, q);
	cJSON *v;

	if (end == 0) {
		syntax_error_at(p, q == '\'' ? "<singled quoted>" :
		    "<double quoted>", "<none>");
		return NULL;
	}
	hs_buf_add(&b, p->s + p->i + 1, end - p->i - 1);
	replace_pair(&b, esc, q);
	replace_pair(&b, "\\\\", '\\');
	p->i = end + 1;
	v = cJSON_CreateString(b.buf);
	hs_buf_release(&b);
	return v;
}

/* _first_value: quoted, or a bare first value (possibly empty). */
static cJSON *
first_value(struct parser *p)
{
	size_t n;
	cJSON *v;

	if (current(p) == '\'' || current(p) == '"')
		return quoted(p, (char)current(p));
	n = match_bare(p, first_follow);
	v = bare_text(p->s + p->i, n);
	p->i += n;
	return v;
}

/* _second_value: quoted, or a bare value that must not be empty. */
static cJSON *
second_value(struct parser *p)
{
	size_t n;
	cJSON *v;

	if (current(p) == '\'' || current(p) == '"')
		return quoted(p, (char)current(p));
	n = match_bare(p, second_follow);
	if (n == 0) {
		syntax_error_at(p, "<second>", "<none>");
		return NULL;
	}
	v = bare_text(p->s + p->i, n);
	p->i += n;
	return v;
}

static cJSON *explicit_list(struct parser *p);
static cJSON *hash_literal(struct parser *p);

/* _explicit_values: a nested list, a hash, or a first value. */
static cJSON *
explicit_value(struct parser *p)
{
	if (current(p) == '[')
		return explicit_list(p);
	if (current(p) == '{')
		return hash_literal(p);
	return first_value(p);
}

/* "[" [value *("," value)] "]" */
static cJSON *
explicit_list(struct parser *p)
{
	cJSON *list = cJSON_CreateArray(), *v;

	if (!expect(p, '[', true))
		goto fail;
	while (current(p) != ']') {
		if ((v = explicit_value(p)) == NULL)
			goto fail;
		cJSON_AddItemToArray(list, v);
		skip_ws(p);
		if (current(p) != ']') {
			if (!expect(p, ',', false))
				goto fail;
			skip_ws(p);
		}
	}
	if (expect(p, ']', false))
		return list;
fail:
	cJSON_Delete(list);
	return NULL;
}

/* _key: [a-zA-Z0-9-_.#/:]*, possibly empty. */
static char *
key(struct parser *p)
{
	size_t start = p->i;

	while (!at_eof(p)) {
		char c = p->s[p->i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-_.#/:", c) != NULL))
			break;
		p->i++;
	}
	return hs_xstrndup(p->s + start, p->i - start);
}

/* Set obj[k] = v, replacing an earlier value in its place. */
static void
object_set(cJSON *obj, const char *k, cJSON *v)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, k) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, k, v);
	else
		cJSON_AddItemToObject(obj, k, v);
}

/* "{" key "=" value *("," key "=" value) "}" */
static cJSON *
hash_literal(struct parser *p)
{
	cJSON *obj = cJSON_CreateObject(), *v;
	char *k = NULL;

	if (!expect(p, '{', true))
		goto fail;
	while (current(p) != '}') {
		k = key(p);
		if (!expect(p, '=', true) || (v = explicit_value(p)) == NULL)
			goto fail;
		skip_ws(p);
		if (current(p) != '}' && !expect(p, ',', false)) {
			cJSON_Delete(v);
			goto fail;
		}
		skip_ws(p);
		object_set(obj, k, v);
		free(k);
		k = NULL;
	}
	if (expect(p, '}', false))
		return obj;
fail:
	free(k);
	cJSON_Delete(obj);
	return NULL;
}

/* Step back to the comma before the current position (_backtrack_to). */
static void
backtrack_to_comma(struct parser *p)
{
	while (p->i > 0 && p->s[p->i] != ',')
		p->i--;
}

/* Try one more csv value; false (nothing consumed) when the list ends. */
static int
csv_more(struct parser *p, cJSON *list)
{
	cJSON *v = second_value(p);

	if (v != NULL) {
		skip_ws(p);
		if (at_eof(p)) {
			cJSON_AddItemToArray(list, v);
			return 0;
		}
		if (expect(p, ',', true)) {
			cJSON_AddItemToArray(list, v);
			return 1;
		}
		cJSON_Delete(v);
	}
	if (at_eof(p))
		return -1;
	free(p->err);
	p->err = NULL;
	backtrack_to_comma(p);
	return 0;
}

/* _csv_value: "bar" -> "bar"; "bar,baz" -> ["bar", "baz"]. */
static cJSON *
csv_value(struct parser *p)
{
	cJSON *first = first_value(p), *list;
	int more;

	if (first == NULL)
		return NULL;
	skip_ws(p);
	if (at_eof(p) || p->s[p->i] != ',')
		return first;
	if (!expect(p, ',', true)) {
		cJSON_Delete(first);
		return NULL;
	}
	list = cJSON_CreateArray();
	cJSON_AddItemToArray(list, first);
	while ((more = csv_more(p, list)) > 0)
		;
	if (more < 0) {
		cJSON_Delete(list);
		return NULL;
	}
	if (cJSON_GetArraySize(list) > 1)
		return list;
	first = cJSON_DetachItemFromArray(list, 0);
	cJSON_Delete(list);
	return first;
}

/* _values: empty at the end, a list, a hash, or a csv value. */
static cJSON *
values(struct parser *p)
{
	if (at_eof(p))
		return cJSON_CreateString("");
	if (current(p) == '[')
		return explicit_list(p);
	if (current(p) == '{')
		return hash_literal(p);
	return csv_value(p);
}

/* Record "Second instance of key ..." (DuplicateKeyInObjectError). */
static void
duplicate_error(struct parser *p, const char *k, size_t at)
{
	struct hs_buf msg = HS_BUF_INIT;

	hs_buf_addf(&msg, "Second instance of key \"%s\" encountered for "
	    "input:\n", k);
	error_location(&msg, p->s, p->len, at);
	hs_buf_adds(&msg, "\nThis is often because there is a preceding "
	    "\",\" instead of a space.");
	p->err = hs_buf_detach(&msg, NULL);
}

/* keyval *("," keyval) */
static cJSON *
parameter(struct parser *p)
{
	cJSON *obj = cJSON_CreateObject(), *v;
	size_t last = 0;
	bool first = true;
	char *k;

	while (first || !at_eof(p)) {
		if (!first && !expect(p, ',', true))
			break;
		k = key(p);
		if (!expect(p, '=', true) || (v = values(p)) == NULL) {
			free(k);
			break;
		}
		if (cJSON_GetObjectItemCaseSensitive(obj, k) != NULL) {
			cJSON_Delete(v);
			duplicate_error(p, k, last + 1);
			free(k);
			break;
		}
		cJSON_AddItemToObject(obj, k, v);
		free(k);
		last = p->i;
		first = false;
	}
	if (p->err == NULL)
		return obj;
	cJSON_Delete(obj);
	return NULL;
}

/* Parse shorthand syntax into objects, lists and strings. */
cJSON *
hs_shorthand_parse(const char *text, char **cause)
{
	struct parser p = { text, strlen(text), 0, NULL };
	cJSON *v = parameter(&p);

	if (v == NULL)
		*cause = p.err;
	return v;
}

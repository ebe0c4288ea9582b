/*
 * policy-vars.c: patterns with wildcards and policy variables, compiled.
 *
 * A pattern is compiled once at parse time: '*' and '?' become the bytes
 * POL_STAR and POL_QMARK when they are wildcards; ${*}, ${?} and ${$}
 * become the literal characters; ${key} and ${key, 'default'} become
 * variable parts, replaced at evaluation time by the key's value from the
 * request context. A value is always literal: a '*' in a tag value never
 * widens a match.
 *
 * A variable whose key is absent (or has no value, or several) makes the
 * pattern match nothing, unless it has a default ("Policy variables with
 * no value" in
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html:
 * the value is effectively null, there is no equal or like value).
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

static void
add_part(struct pol_pattern *pat, const char *text, size_t len,
    const char *dflt, bool var)
{
	struct pol_part *part;

	pat->parts = hs_xreallocarray(pat->parts, pat->nparts + 1,
	    sizeof *pat->parts);
	part = &pat->parts[pat->nparts++];
	part->text = hs_xstrndup(text, len);
	part->len = len;
	part->dflt = dflt != NULL ? hs_xstrdup(dflt) : NULL;
	part->var = var;
}

/* Flush the literal text gathered so far as a part. */
static void
flush_literal(struct pol_pattern *pat, struct hs_buf *lit)
{
	if (lit->len > 0)
		add_part(pat, lit->buf, lit->len, NULL, false);
	hs_buf_reset(lit);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Split "key, 'default'" (already trimmed) into its key and default. */
static int
split_variable(const char *in, size_t len, char **key, char **dflt)
{
	const char *comma = memchr(in, ',', len);
	size_t klen = comma != NULL ? (size_t)(comma - in) : len;
	const char *d, *end = in + len;
	size_t i;

	while (klen > 0 && is_space(in[klen - 1]))
		klen--;
	for (i = 0; i < klen; i++)
		if (is_space(in[i]) || in[i] == '\'' || in[i] == '$' ||
		    in[i] == '{')
			return -1;
	if (klen == 0)
		return -1;
	*dflt = NULL;
	if (comma != NULL) {
		for (d = comma + 1; d < end && is_space(*d); d++)
			;
		if (end - d < 2 || *d != '\'' || end[-1] != '\'' ||
		    memchr(d + 1, '\'', (size_t)(end - d - 2)) != NULL)
			return -1;
		*dflt = hs_xstrndup(d + 1, (size_t)(end - d - 2));
	}
	*key = hs_xstrndup(in, klen);
	return 0;
}

/* Compile the ${...} at src (length len, braces included) into pat. */
static int
compile_variable(struct pol_pattern *pat, struct hs_buf *lit,
    const char *src, size_t len)
{
	const char *in = src + 2;
	size_t n = len - 3;
	char *key, *dflt;

	while (n > 0 && is_space(*in)) {
		in++;
		n--;
	}
	while (n > 0 && is_space(in[n - 1]))
		n--;
	if (n == 1 && (*in == '*' || *in == '?' || *in == '$')) {
		(void)hs_buf_addch(lit, *in);
		return 0;
	}
	if (split_variable(in, n, &key, &dflt) < 0)
		return -1;
	flush_literal(pat, lit);
	add_part(pat, key, strlen(key), dflt, true);
	free(key);
	free(dflt);
	return 0;
}

/* Compile src into pat; on error set *reason. */
int
pol_pattern_compile(struct pol_pattern *pat, const char *src, unsigned flags,
    char **reason)
{
	struct hs_buf lit = HS_BUF_INIT;
	const char *s;

	memset(pat, 0, sizeof *pat);
	for (s = src; *s != '\0'; s++) {
		const char *close;

		if (*s == POL_STAR || *s == POL_QMARK) {
			*reason = hs_xstrdup("must not contain control characters");
			goto fail;
		}
		if ((flags & POL_PAT_VARIABLES) && s[0] == '$' && s[1] == '{') {
			close = strchr(s, '}');
			if (close == NULL || compile_variable(pat, &lit, s,
			    (size_t)(close - s + 1)) < 0) {
				*reason = hs_xasprintf("invalid policy variable "
				    "in '%s' (write ${key} or ${key, 'default'}; "
				    "${$} for a literal '$')", src);
				goto fail;
			}
			s = close;
		} else if ((flags & POL_PAT_WILDCARDS) && (*s == '*' || *s == '?'))
			(void)hs_buf_addch(&lit, *s == '*' ? POL_STAR : POL_QMARK);
		else
			(void)hs_buf_addch(&lit, *s);
	}
	pat->source = hs_xstrdup(src);
	if (pat->nparts == 0) {
		pat->text = hs_buf_detach(&lit, &pat->len);
		return 0;
	}
	flush_literal(pat, &lit);
	hs_buf_release(&lit);
	return 0;
fail:
	hs_buf_release(&lit);
	pol_pattern_release(pat);
	return -1;
}

/* Free a compiled pattern. */
void
pol_pattern_release(struct pol_pattern *pat)
{
	size_t i;

	for (i = 0; i < pat->nparts; i++) {
		free(pat->parts[i].text);
		free(pat->parts[i].dflt);
	}
	free(pat->parts);
	free(pat->text);
	free(pat->source);
	memset(pat, 0, sizeof *pat);
}

/* Tell whether the pattern holds policy variables. */
bool
pol_pattern_has_vars(const struct pol_pattern *pat)
{
	return pat->nparts > 0;
}

/* The single value of a variable's key, or NULL. */
static const char *
variable_value(const struct pol_part *part, const struct policy_ctx *ctx,
    struct pol_missing *missing)
{
	const struct pol_ctx_entry *e = ctx ? pol_ctx_find(ctx, part->text) : NULL;
	const char *v;

	if (e == NULL || e->n == 0) {
		if (part->dflt == NULL)
			pol_missing_add(missing, part->text);
		return part->dflt;
	}
	if (e->n > 1)
		return part->dflt;
	v = e->values[0];
	if (strchr(v, POL_STAR) != NULL || strchr(v, POL_QMARK) != NULL)
		return NULL;
	return v;
}

/*
 * Give the pattern's text for this request in *out (pointing into the
 * pattern or into scratch). False when a variable cannot be resolved: the
 * pattern then matches nothing.
 */
bool
pol_pattern_expand(const struct pol_pattern *pat, const struct policy_ctx *ctx,
    struct hs_buf *scratch, const char **out, size_t *outlen,
    struct pol_missing *missing)
{
	size_t i;

	if (pat->nparts == 0) {
		*out = pat->text;
		*outlen = pat->len;
		return true;
	}
	hs_buf_reset(scratch);
	for (i = 0; i < pat->nparts; i++) {
		const struct pol_part *part = &pat->parts[i];
		const char *v;

		if (!part->var) {
			(void)hs_buf_add(scratch, part->text, part->len);
			continue;
		}
		v = variable_value(part, ctx, missing);
		if (v == NULL)
			return false;
		(void)hs_buf_adds(scratch, v);
	}
	if (hs_buf_failed(scratch))
		return false;
	*out = scratch->buf;
	*outlen = scratch->len;
	return true;
}

/* Remember a missing condition key once (case-insensitively). */
void
pol_missing_add(struct pol_missing *m, const char *key)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		if (strcasecmp(m->keys[i], key) == 0)
			return;
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? m->alloc * 2 : 8;
		m->keys = hs_xreallocarray(m->keys, m->alloc, sizeof *m->keys);
	}
	m->keys[m->n++] = hs_xstrdup(key);
}

/* Free the gathered keys. */
void
pol_missing_release(struct pol_missing *m)
{
	while (m->n > 0)
		free(m->keys[--m->n]);
	free(m->keys);
	m->keys = NULL;
	m->alloc = 0;
}

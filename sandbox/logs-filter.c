/*
 * logs-filter.c: CloudWatch Logs filter patterns for unstructured events,
 * as FilterLogEvents reads them: terms separated by spaces must all
 * appear (ERROR Exception), a "quoted phrase" is one term that may hold
 * spaces and other characters, ?terms match when any of them appears
 * (?ERROR ?WARN), and -terms exclude events (ERROR -Retry). Matching is
 * case-sensitive and a term matches anywhere in the message. An empty
 * pattern matches every event. JSON ({ $.x = 1 }), space-delimited
 * ([ip, user]) and regular-expression (%...%) patterns are refused with
 * a clear reason rather than half-matched.
 */
#include "hs-common.h"
#include "logs.h"

#include <ctype.h>

enum filter_kind {
	FILTER_REQUIRED,
	FILTER_OPTIONAL,	/* ?term: at least one of them */
	FILTER_EXCLUDED,	/* -term */
};

struct filter_term {
	enum filter_kind kind;
	char *text;
};

struct sbx_logs_filter {
	struct filter_term *terms;
	size_t n;
	size_t n_optional;
};

void
sbx_logs_filter_free(struct sbx_logs_filter *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		free(f->terms[i].text);
	free(f->terms);
	free(f);
}

/* Read a quoted phrase at *p (after the quote); -1 if unterminated. */
static int
filter_quoted(const char **p, struct hs_buf *out)
{
	const char *s = *p;

	while (*s != '\0' && *s != '"') {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		(void)hs_buf_addch(out, *s++);
	}
	if (*s != '"')
		return -1;
	*p = s + 1;
	return 0;
}

/* Read a bare term at *p up to a space. */
static int
filter_bare(const char **p, struct hs_buf *out, char **cause)
{
	const char *s = *p;

	while (*s != '\0' && !isspace((unsigned char)*s)) {
		if (strchr("\"{}[]()", *s) != NULL) {
			*cause = hs_xasprintf("Invalid character(s) in term "
			    "'%s': quote terms that hold characters other than "
			    "letters, digits and underscores", *p);
			return -1;
		}
		(void)hs_buf_addch(out, *s++);
	}
	*p = s;
	return 0;
}

/* Add one term read at *p. */
static int
filter_term(struct sbx_logs_filter *f, const char **p, char **cause)
{
	struct hs_buf b = HS_BUF_INIT;
	enum filter_kind kind = FILTER_REQUIRED;
	int rc;

	if (**p == '?' || **p == '-') {
		kind = **p == '?' ? FILTER_OPTIONAL : FILTER_EXCLUDED;
		(*p)++;
	}
	if (**p == '"') {
		(*p)++;
		rc = filter_quoted(p, &b);
		if (rc != 0)
			*cause = hs_xstrdup("Invalid filter pattern: a quoted "
			    "phrase is not closed");
	} else
		rc = filter_bare(p, &b, cause);
	if (rc == 0 && b.len == 0) {
		*cause = hs_xstrdup("Invalid filter pattern: an empty term");
		rc = -1;
	}
	if (rc != 0) {
		hs_buf_release(&b);
		return -1;
	}
	f->terms = hs_xreallocarray(f->terms, f->n + 1, sizeof *f->terms);
	f->terms[f->n].kind = kind;
	f->terms[f->n++].text = hs_buf_detach(&b, NULL);
	if (kind == FILTER_OPTIONAL)
		f->n_optional++;
	return 0;
}

/* Parse a pattern ("" or NULL matches everything). */
int
sbx_logs_filter_parse(const char *pattern, struct sbx_logs_filter **out,
    char **cause)
{
	struct sbx_logs_filter *f = hs_xcalloc(1, sizeof *f);
	const char *p = pattern ? pattern : "";

	*out = NULL;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '{' || *p == '[' || *p == '%') {
		*cause = hs_xasprintf("The sandbox supports term, \"phrase\", "
		    "?term and -term filter patterns; JSON, space-delimited "
		    "and regular-expression patterns ('%c...') are not "
		    "implemented", *p);
		sbx_logs_filter_free(f);
		return -1;
	}
	while (*p != '\0') {
		if (filter_term(f, &p, cause) != 0) {
			sbx_logs_filter_free(f);
			return -1;
		}
		while (isspace((unsigned char)*p))
			p++;
	}
	*out = f;
	return 0;
}

/* Tell whether a message matches the pattern. */
bool
sbx_logs_filter_match(const struct sbx_logs_filter *f, const char *message)
{
	bool any_optional = false;
	size_t i;

	if (f == NULL)
		return true;
	for (i = 0; i < f->n; i++) {
		bool found = strstr(message, f->terms[i].text) != NULL;
		switch (f->terms[i].kind) {
		case FILTER_REQUIRED:
			if (!found)
				return false;
			break;
		case FILTER_EXCLUDED:
			if (found)
				return false;
			break;
		case FILTER_OPTIONAL:
			any_optional = any_optional || found;
			break;
		}
	}
	return f->n_optional == 0 || any_optional;
}

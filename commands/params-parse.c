/*
 * params-parse.c: the words of "SERVICE OPERATION ..." read against an
 * operation's argument table, the way argparse reads them for the AWS
 * CLI (ArgTableArgParser.parse_known_args):
 *
 *   --name VALUE, --name=VALUE   one value; a following word that reads
 *                                as an option is not taken
 *   --flag, --no-flag            no value ("--flag=x" is refused)
 *   --list A B C                 values up to the next option (maybe none)
 *   --generate-cli-skeleton [input|output]
 *   OUTFILE                      the first word that is not an option's
 *   help                         the operation's help
 *   --                           ends the options, as in argparse: it
 *                                and every later word but OUTFILE and
 *                                "help" is unknown (use --x=-value)
 *
 * The last use of an argument wins. A malformed option is reported
 * first, then unknown words ("Unknown options: ...", with a suggestion:
 * the CLI reports missing required arguments before them, but a typo in
 * a required option's name is better named as such), then missing
 * required arguments. Unlike argparse, an option name must be complete:
 * "--role-nam" is unknown, not --role-name.
 */
#include "hs-common.h"
#include "operation.h"

#include <ctype.h>

struct state {
	const struct hs_param_table *t;
	char *const *words;
	size_t n;
	size_t i;
	bool options_done;	/* after "--" */
	struct hs_parsed *out;
	const char **unknown;	/* words nobody took, in order */
	size_t n_unknown;
	char *err;
};

/* Tell whether a word is a negative number ("-5", "-1.5", "-.5"). */
static bool
negative_number(const char *w)
{
	const char *p = w + 1;
	bool digits = false, dot = false;

	for (; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits = true;
		else if (*p == '.' && !dot)
			dot = true;
		else
			return false;
	}
	return digits;
}

/* Tell whether a word reads as an option to argparse. */
bool
hs_params_option_like(const char *w)
{
	return w[0] == '-' && w[1] != '\0' && !negative_number(w) &&
	    strchr(w, ' ') == NULL;
}

static void
unknown(struct state *s, const char *w)
{
	s->unknown = hs_xreallocarray(s->unknown, s->n_unknown + 1,
	    sizeof *s->unknown);
	s->unknown[s->n_unknown++] = w;
}

/* Record value words for argument p (replacing an earlier use). */
static void
set_value(struct state *s, const struct hs_param *p, const char **w, size_t n)
{
	struct hs_param_value *v = &s->out->v[p - s->t->v];

	free(v->words);
	v->given = true;
	v->order = (unsigned)s->i + 1;
	v->words = n ? hs_xmemdup(w, n * sizeof *w) : NULL;
	v->n = n;
}

/* Tell whether the next word can be a value. */
static bool
value_next(const struct state *s)
{
	return s->i + 1 < s->n && (s->options_done ||
	    !hs_params_option_like(s->words[s->i + 1]));
}

/* --generate-cli-skeleton [input|output]: check the choice. */
static int
skeleton_value(struct state *s, const struct hs_param *p, const char *v)
{
	if (strcmp(v, "input") == 0 || strcmp(v, "output") == 0) {
		set_value(s, p, &v, 1);
		return 0;
	}
	if (strcmp(v, "yaml-input") == 0)
		s->err = hs_xasprintf("argument --%s: 'yaml-input' is not "
		    "supported (no YAML): use 'input'", p->name);
	else
		s->err = hs_xasprintf("argument --%s: invalid choice: '%s' "
		    "(choose from 'input', 'output')", p->name, v);
	return -1;
}

/* Read the values of option p at words[s->i]; eq: text after '=', or NULL. */
static int
take_values(struct state *s, const struct hs_param *p, const char *eq)
{
	const char **start = (const char **)s->words + s->i + 1;
	const char *dflt = "input";
	size_t k = 0;

	switch (p->arity) {
	case HS_ARITY_FLAG:
		if (eq != NULL) {
			s->err = hs_xasprintf("argument --%s: ignored explicit "
			    "argument '%s'", p->name, eq);
			return -1;
		}
		set_value(s, p, NULL, 0);
		return 0;
	case HS_ARITY_OPTIONAL:
		if (eq == NULL && value_next(s))
			eq = s->words[++s->i];
		return skeleton_value(s, p, eq ? eq : dflt);
	case HS_ARITY_LIST:
		if (eq != NULL)
			break;
		while (value_next(s)) {
			s->i++;
			k++;
		}
		set_value(s, p, start, k);
		return 0;
	default:
		if (eq != NULL)
			break;
		if (!value_next(s)) {
			s->err = hs_xasprintf("argument --%s: expected one "
			    "argument", p->name);
			return -1;
		}
		s->i++;
		set_value(s, p, start, 1);
		return 0;
	}
	set_value(s, p, &eq, 1);
	return 0;
}

/* Read one option word. */
static int
option(struct state *s)
{
	const char *w = s->words[s->i], *eq = strchr(w, '=');
	size_t len = eq ? (size_t)(eq - w) : strlen(w);
	const struct hs_param *p = NULL;

	if (w[1] == '-')
		p = hs_param_table_find(s->t, w + 2, len - 2);
	if (p == NULL) {
		unknown(s, w);
		return 0;
	}
	return take_values(s, p, eq ? eq + 1 : NULL);
}

/* A positional word: OUTFILE, then "help", else unknown. */
static void
positional(struct state *s, const char *w)
{
	const struct hs_param *p = hs_param_table_kind(s->t, HS_PARAM_OUTFILE);

	if (p != NULL && !s->out->v[p - s->t->v].given)
		set_value(s, p, &w, 1);
	else if (strcmp(w, "help") == 0 && !s->out->help)
		s->out->help = true;
	else
		unknown(s, w);
}

/* "the following arguments are required: --bucket, --key". */
static int
check_required(struct state *s)
{
	const struct hs_param_table *t = s->t;
	const struct hs_param *skel = hs_param_table_kind(t, HS_PARAM_SKELETON);
	const struct hs_param *cij = hs_param_table_kind(t,
	    HS_PARAM_CLI_INPUT_JSON);
	struct hs_buf missing = HS_BUF_INIT;
	size_t i;

	if (cij != NULL && s->out->v[cij - t->v].given)
		return 0;
	if (skel != NULL && s->out->v[skel - t->v].given &&
	    strcmp(s->out->v[skel - t->v].words[0], "output") != 0)
		return 0;
	for (i = 0; i < t->n; i++)
		if (t->v[i].required && !s->out->v[i].given)
			hs_buf_addf(&missing, "%s%s%s", missing.len ? ", " : "",
			    t->v[i].arity == HS_ARITY_POSITIONAL ? "" : "--",
			    t->v[i].name);
	if (missing.len > 0)
		s->err = hs_xasprintf("the following arguments are required: %s",
		    missing.buf);
	hs_buf_release(&missing);
	return s->err ? -1 : 0;
}

/* The documented argument closest to an unknown option, or NULL. */
static const char *
closest(const struct hs_param_table *t, const char *w)
{
	const char *best = NULL;
	size_t i, d, best_d = SIZE_MAX, len;
	char *name;

	if (!hs_starts_with(w, "--"))
		return NULL;
	len = strcspn(w + 2, "=");
	name = hs_xstrndup(w + 2, len);
	for (i = 0; i < t->n; i++) {
		if (t->v[i].hidden || t->v[i].arity == HS_ARITY_POSITIONAL)
			continue;
		d = hs_edit_distance(name, t->v[i].name);
		if (d < best_d) {
			best_d = d;
			best = t->v[i].name;
		}
	}
	if (best_d > 2 && best_d * 3 > len)
		best = NULL;
	free(name);
	return best;
}

/* "Unknown options: --buket, x (did you mean --bucket?)". */
static void
unknown_error(struct state *s)
{
	struct hs_buf msg = HS_BUF_INIT;
	const char *near = NULL;
	size_t i;

	hs_buf_adds(&msg, "Unknown options: ");
	for (i = 0; i < s->n_unknown; i++) {
		hs_buf_addf(&msg, "%s%s", i ? ", " : "", s->unknown[i]);
		if (near == NULL)
			near = closest(s->t, s->unknown[i]);
	}
	if (near != NULL)
		hs_buf_addf(&msg, " (did you mean --%s?)", near);
	s->err = hs_buf_detach(&msg, NULL);
}

/* Read the words of a command against a table. */
int
hs_params_parse(const struct hs_param_table *t, char *const *words,
    size_t n, struct hs_parsed *out, char **cause)
{
	struct state s = { t, words, n, 0, false, out, NULL, 0, NULL };

	out->v = hs_xcalloc(t->n ? t->n : 1, sizeof *out->v);
	out->n = t->n;
	out->help = false;
	for (s.i = 0; s.i < n && s.err == NULL; s.i++) {
		const char *w = words[s.i];

		if (!s.options_done && strcmp(w, "--") == 0) {
			s.options_done = true;
			unknown(&s, w);
		}
		else if (!s.options_done && hs_params_option_like(w))
			option(&s);
		else
			positional(&s, w);
	}
	if (s.err == NULL && s.n_unknown > 0)
		unknown_error(&s);
	if (s.err == NULL && !out->help)
		check_required(&s);
	free(s.unknown);
	if (s.err == NULL)
		return 0;
	*cause = s.err;
	return -1;
}

void
hs_parsed_clear(struct hs_parsed *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].words);
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* The value given for the first argument of a kind. */
const struct hs_param_value *
hs_parsed_kind(const struct hs_param_table *t, const struct hs_parsed *p,
    enum hs_param_kind kind)
{
	const struct hs_param *param = hs_param_table_kind(t, kind);

	if (param == NULL || !p->v[param - t->v].given)
		return NULL;
	return &p->v[param - t->v];
}

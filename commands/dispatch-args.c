/*
 * dispatch-args.c: check a command's words against its argument template
 * before exec, so that no handler validates counts or options itself.
 *
 * Without options in the template every word is a positional. With
 * options, a word starting with "--" must be one of them ("--" ends the
 * options); VALUE options take the next word or "--name=value".
 */
#include "hs-common.h"
#include "commands-int.h"

/* "usage: NAME USAGE" for cmd. */
char *
hs_cmd_usage(const struct hs_cmd *cmd, const char *name)
{
	if (cmd->usage == NULL || *cmd->usage == '\0')
		return hs_xasprintf("usage: %s", name);
	return hs_xasprintf("usage: %s %s", name, cmd->usage);
}

/* Find one of cmd's own options by name ("--x" or "--x=v"). */
const struct hs_cmd_opt *
hs_cmd_find_opt(const struct hs_cmd *cmd, const char *word)
{
	const struct hs_cmd_opt *o;
	size_t len = strcspn(word, "=");

	for (o = cmd->args.options; o != NULL && o->name != NULL; o++)
		if (strlen(o->name) == len && strncmp(o->name, word, len) == 0)
			return o;
	return NULL;
}

/* Record a usage error: the reason, then the usage line. */
static int
usage_error(struct hs_error *err, const struct hs_cmd *cmd, const char *name,
    char *reason)
{
	char *usage = hs_cmd_usage(cmd, name);

	hs_error_set(err, HS_EXIT_USAGE, HS_ERR_USAGE, "%s\n%s", reason, usage);
	free(reason);
	free(usage);
	return HS_EXIT_USAGE;
}

/* The closest option name to word, for "did you mean", or NULL. */
static const char *
closest_opt(const struct hs_cmd *cmd, const char *word)
{
	const struct hs_cmd_opt *o;
	const char *best = NULL;
	size_t best_d = 3;

	for (o = cmd->args.options; o != NULL && o->name != NULL; o++) {
		size_t d = hs_edit_distance(word, o->name);

		if (d < best_d) {
			best_d = d;
			best = o->name;
		}
	}
	return best;
}

static void
args_add_opt(struct hs_args *a, const struct hs_cmd_opt *opt,
    const char *value)
{
	a->opts = hs_xreallocarray(a->opts, a->nopts + 1, sizeof *a->opts);
	a->opts[a->nopts].opt = opt;
	a->opts[a->nopts].value = value;
	a->nopts++;
}

/* Parse the option at argv[*i]; 0, or a usage error. */
static int
parse_option(const struct hs_cmd *cmd, const char *name, char **argv,
    size_t argc, size_t *i, struct hs_args *a, struct hs_error *err)
{
	const char *w = argv[*i], *eq = strchr(w, '='), *near;
	const struct hs_cmd_opt *opt = hs_cmd_find_opt(cmd, w);

	if (opt == NULL) {
		near = closest_opt(cmd, w);
		return usage_error(err, cmd, name, near ?
		    hs_xasprintf("unknown option '%.*s' for '%s'; did you "
		    "mean '%s'?", (int)strcspn(w, "="), w, name, near) :
		    hs_xasprintf("unknown option '%.*s' for '%s'",
		    (int)strcspn(w, "="), w, name));
	}
	if (!(opt->flags & HS_ARG_REPEAT) && hs_args_has(a, opt->name))
		return usage_error(err, cmd, name, hs_xasprintf("option '%s' "
		    "is given more than once", opt->name));
	if (!(opt->flags & HS_ARG_VALUE)) {
		if (eq != NULL)
			return usage_error(err, cmd, name, hs_xasprintf(
			    "option '%s' takes no value", opt->name));
		args_add_opt(a, opt, NULL);
	} else if (eq != NULL) {
		args_add_opt(a, opt, eq + 1);
	} else if (*i + 1 < argc) {
		args_add_opt(a, opt, argv[++*i]);
	} else {
		return usage_error(err, cmd, name, hs_xasprintf("option '%s' "
		    "needs a value: %s %s", opt->name, opt->name,
		    opt->value_name ? opt->value_name : "VALUE"));
	}
	return 0;
}

/* Check the number of positionals against min and max. */
static int
check_counts(const struct hs_cmd *cmd, const char *name, size_t npos,
    struct hs_error *err)
{
	if ((int)npos < cmd->args.min)
		return usage_error(err, cmd, name, hs_xasprintf(
		    "missing argument for '%s'", name));
	if (cmd->args.max >= 0 && (int)npos > cmd->args.max)
		return usage_error(err, cmd, name, hs_xasprintf(
		    "too many arguments for '%s'", name));
	return 0;
}

/* Parse argv[first..argc) against cmd's template into out. */
int
hs_args_parse(const struct hs_cmd *cmd, const char *name, char **argv,
    size_t argc, size_t first, struct hs_args *out, struct hs_error *err)
{
	bool options = cmd->args.options != NULL;
	size_t i;

	memset(out, 0, sizeof *out);
	out->pos = hs_xcalloc(argc - first + 1, sizeof *out->pos);
	for (i = first; i < argc; i++) {
		if (options && strcmp(argv[i], "--") == 0) {
			options = false;
		} else if (options && hs_starts_with(argv[i], "--")) {
			if (parse_option(cmd, name, argv, argc, &i, out,
			    err) != 0)
				return HS_EXIT_USAGE;
		} else {
			out->pos[out->npos++] = argv[i];
		}
	}
	return check_counts(cmd, name, out->npos, err);
}

/* Free what hs_args_parse() allocated. */
void
hs_args_clear(struct hs_args *a)
{
	free(a->pos);
	free(a->opts);
	memset(a, 0, sizeof *a);
}

/*
 * dispatch-run.c: run one command's words: find the command, apply the
 * global options on its line, check its arguments, run the hooks and exec.
 *
 * hs_dispatch() and hs_dispatch_check() share prepare(), so a runbook's
 * pre-flight check sees exactly the errors a real run would. The
 * fallback command and the hooks are registered once at start-up.
 */
#include "hs-common.h"
#include "commands-int.h"

#define MAX_HOOKS 16

static const struct hs_cmd *fallback_cmd;
static const struct hs_dispatch_hook *hooks[MAX_HOOKS];
static size_t nhooks;

/* A command ready to run: its context, settings and words. */
struct prep {
	struct hs_ctx ctx;
	struct hs_settings settings;
	char *name;	/* "policy check", for messages */
};

/* Register the command for words missing from the table. */
void
hs_dispatch_set_fallback(const struct hs_cmd *cmd)
{
	fallback_cmd = cmd;
}

/* The registered fallback command, or NULL. */
const struct hs_cmd *
hs_dispatch_fallback(void)
{
	return fallback_cmd;
}

/* Register a hook; NULL clears them all. */
void
hs_dispatch_add_hook(const struct hs_dispatch_hook *hook)
{
	if (hook == NULL) {
		nhooks = 0;
		return;
	}
	if (nhooks == MAX_HOOKS)
		BUG("too many dispatch hooks (adding '%s')", hook->name);
	hooks[nhooks++] = hook;
}

/* Record an option error for word; HS_EXIT_USAGE. */
static int
option_error(struct hs_error *err, enum hs_opt_error e,
    const struct hs_option *opt, const char *word, const char *value)
{
	char *msg = hs_option_message(e, opt, word, value);

	hs_error_set(err, HS_EXIT_USAGE, HS_ERR_USAGE, "%s", msg);
	free(msg);
	return HS_EXIT_USAGE;
}

/* Find the index of the command word, after any leading global options. */
static int
find_command_word(char **words, size_t n, size_t *at, struct hs_error *err)
{
	size_t i = 0;

	while (i < n && words[i][0] == '-' && strcmp(words[i], "-") != 0) {
		const struct hs_option *opt;
		const char *value;
		size_t here = i;
		enum hs_opt_error e = hs_option_next(words, n, &i,
		    HS_OPTION_PER_COMMAND, &opt, &value);

		if (e != HS_OPT_OK)
			return option_error(err, e, opt, words[here], value);
	}
	if (i == n)
		return hs_error_set(err, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "missing command after the options");
	*at = i;
	return 0;
}

/* Record "unknown command" with a suggestion. */
int
hs_cmd_unknown(const struct hs_cmd_table *t, const char *word,
    struct hs_error *err)
{
	struct hs_strlist near = HS_STRLIST_INIT;
	char *list;

	hs_cmd_suggest(t, word, &near);
	if (near.n == 0) {
		hs_strlist_clear(&near);
		return hs_error_set(err, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown command '%s'; .help lists the commands", word);
	}
	list = hs_strlist_join(&near, "', '");
	hs_error_set(err, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
	    "unknown command '%s'; did you mean %s'%s'?", word,
	    near.n > 1 ? "one of " : "", list);
	free(list);
	hs_strlist_clear(&near);
	return HS_EXIT_USAGE;
}

/* Find the command for word: the table, else the fallback. */
static int
resolve_command(const struct hs_session *s, const char *word,
    const struct hs_cmd **cmd, struct hs_error *err)
{
	struct hs_strlist cands = HS_STRLIST_INIT;
	char *list;

	switch (hs_cmd_lookup(s->table, word, cmd, &cands)) {
	case HS_LOOKUP_FOUND:
		break;
	case HS_LOOKUP_AMBIGUOUS:
		list = hs_strlist_join(&cands, ", ");
		hs_error_set(err, HS_EXIT_USAGE, HS_ERR_AMBIGUOUS,
		    "ambiguous command '%s': could be %s", word, list);
		free(list);
		break;
	case HS_LOOKUP_UNKNOWN:
		if (word[0] != '.' && word[0] != '!' && fallback_cmd != NULL)
			*cmd = fallback_cmd;
		else
			hs_cmd_unknown(s->table, word, err);
		break;
	}
	hs_strlist_clear(&cands);
	return *cmd == NULL ? HS_EXIT_USAGE : 0;
}

static void
argv_add(struct hs_ctx *ctx, char *word)
{
	ctx->argv = hs_xreallocarray(ctx->argv, (size_t)ctx->argc + 2,
	    sizeof *ctx->argv);
	ctx->argv[ctx->argc++] = word;
	ctx->argv[ctx->argc] = NULL;
}

/* Apply the global options among words (all but words[at]); keep the rest. */
static int
collect_words(struct prep *p, char **words, size_t n, size_t at,
    struct hs_error *err)
{
	bool global = p->ctx.cmd->flags & HS_CMD_GLOBAL_OPTIONS;
	size_t i = 0;

	while (i < n) {
		const struct hs_option *opt;
		const char *value;
		size_t here = i;
		enum hs_opt_error e;

		if (i == at || (i > at && !global) || words[i][0] != '-') {
			argv_add(&p->ctx, words[i++]);
			continue;
		}
		e = hs_option_next(words, n, &i, HS_OPTION_PER_COMMAND, &opt,
		    &value);
		if (e == HS_OPT_NOT_GLOBAL && i > at) {
			argv_add(&p->ctx, words[i++]);
			continue;
		}
		if (e == HS_OPT_OK && !global)
			return hs_error_set(err, HS_EXIT_USAGE, HS_ERR_USAGE,
			    "option '%s' is not valid for '%s'", opt->name,
			    words[at]);
		if (e == HS_OPT_OK)
			e = hs_settings_apply(&p->settings, opt, value);
		if (e != HS_OPT_OK)
			return option_error(err, e, opt, words[here], value);
	}
	return 0;
}

/* List a group's sub-commands, for its usage message. */
static char *
sub_names(const struct hs_cmd *group)
{
	struct hs_strlist l = HS_STRLIST_INIT;
	const struct hs_cmd *const *sub;
	char *s;

	for (sub = group->subcommands; *sub != NULL; sub++)
		hs_strlist_add(&l, (*sub)->name);
	s = hs_strlist_join(&l, ", ");
	hs_strlist_clear(&l);
	return s;
}

/* Pick a group's sub-command from the word after the group's name. */
static int
resolve_sub(struct prep *p, struct hs_error *err)
{
	const struct hs_cmd *group = p->ctx.cmd, *sub;
	char *names = sub_names(group);

	if (p->ctx.argc < 2) {
		hs_error_set(err, HS_EXIT_USAGE, HS_ERR_USAGE, "missing "
		    "sub-command for '%s': one of %s\nusage: %s SUBCOMMAND ...",
		    group->name, names, group->name);
	} else if ((sub = hs_cmd_find_sub(group, p->ctx.argv[1])) == NULL) {
		hs_error_set(err, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown sub-command '%s' of '%s': valid ones are %s",
		    p->ctx.argv[1], group->name, names);
	} else {
		p->ctx.cmd = sub;
		p->ctx.cmd_words = 2;
		free(p->name);
		p->name = hs_xasprintf("%s %s", group->name, sub->name);
	}
	free(names);
	return err->status;
}

/* Find the command, apply its options and check its arguments. */
static int
prepare(struct hs_session *s, char **words, size_t n, struct prep *p,
    struct hs_error *err)
{
	size_t at = 0;
	int rc;

	memset(p, 0, sizeof *p);
	hs_settings_init(&p->settings);
	if ((rc = find_command_word(words, n, &at, err)) != 0 ||
	    (rc = resolve_command(s, words[at], &p->ctx.cmd, err)) != 0)
		return rc;
	hs_settings_copy(&p->settings, &s->settings);
	p->ctx.session = s;
	p->ctx.settings = &p->settings;
	p->ctx.out = s->out;
	p->ctx.err = s->err;
	p->ctx.cmd_words = 1;
	p->name = hs_xstrdup(p->ctx.cmd == fallback_cmd ? words[at] :
	    p->ctx.cmd->name);
	if ((rc = collect_words(p, words, n, at, err)) != 0)
		return rc;
	if (p->ctx.cmd->subcommands != NULL &&
	    (rc = resolve_sub(p, err)) != 0)
		return rc;
	return hs_args_parse(p->ctx.cmd, p->name, p->ctx.argv,
	    (size_t)p->ctx.argc, p->ctx.cmd_words, &p->ctx.args, err);
}

static void
prep_clear(struct prep *p)
{
	hs_args_clear(&p->ctx.args);
	hs_error_clear(&p->ctx.error);
	free(p->ctx.argv);
	free(p->name);
	hs_settings_clear(&p->settings);
}

/* Tell whether a hook applies to the running command. */
static bool
hook_applies(const struct hs_dispatch_hook *h, const struct hs_cmd *cmd)
{
	return h->flags == 0 || (h->flags & cmd->flags) != 0;
}

/* Run the before-hooks, then exec, then the after-hooks. A Ctrl-C that
 * came after the command was entered (the flag is cleared once a command
 * has ended) belongs to it: exec sees it and stops at once. */
static int
run(struct hs_ctx *ctx)
{
	int status = 0;
	size_t i;

	for (i = 0; i < nhooks && status == 0; i++)
		if (hooks[i]->before && hook_applies(hooks[i], ctx->cmd))
			status = hooks[i]->before(ctx);
	if (status == 0) {
		status = ctx->cmd->exec(ctx);
		if (hs_interrupted()) {
			status = HS_EXIT_INTERRUPTED;
			hs_ctx_fail(ctx, status, HS_ERR_INTERRUPTED,
			    "interrupted");
		}
	}
	for (i = 0; i < nhooks; i++)
		if (hooks[i]->after && hook_applies(hooks[i], ctx->cmd))
			hooks[i]->after(ctx, status);
	return status;
}

/* Run one command. */
int
hs_dispatch(struct hs_session *s, char **words, size_t n, const char *file,
    unsigned line, struct hs_error *err)
{
	struct prep p;
	int status;

	hs_error_clear(err);
	if (n == 0)
		return 0;
	status = prepare(s, words, n, &p, err);
	if (status == 0) {
		p.ctx.file = file;
		p.ctx.line = line;
		status = run(&p.ctx);
		if (status != 0)
			hs_error_move(err, &p.ctx.error);
		err->status = status;
	}
	prep_clear(&p);
	s->last_status = status;
	return status;
}

/* Check one command without running it. */
int
hs_dispatch_check(struct hs_session *s, char **words, size_t n,
    struct hs_error *err)
{
	struct prep p;
	int status;

	hs_error_clear(err);
	if (n == 0)
		return 0;
	status = prepare(s, words, n, &p, err);
	if (status == 0 && p.ctx.cmd->check != NULL) {
		status = p.ctx.cmd->check(&p.ctx);
		if (status != 0)
			hs_error_move(err, &p.ctx.error);
	}
	prep_clear(&p);
	return status;
}

/* Tell whether a global option named by word takes a value. */
static bool
global_needs_value(const char *word)
{
	const struct hs_option *opt = hs_option_find(word);

	return opt != NULL && (opt->flags & HS_OPTION_PER_COMMAND) &&
	    (opt->flags & HS_OPTION_VALUE);
}

/* Tell whether one of cmd's own options named by word takes a value. */
static bool
own_needs_value(const struct hs_cmd *cmd, char *const *words, size_t n,
    size_t at)
{
	const struct hs_cmd_opt *opt;

	if (cmd->subcommands != NULL) {
		if (n - at < 3)
			return false;
		cmd = hs_cmd_find_sub(cmd, words[at + 1]);
		if (cmd == NULL)
			return false;
	}
	if (cmd->needs_value != NULL)
		return cmd->needs_value(words + at, n - at);
	opt = hs_cmd_find_opt(cmd, words[n - 1]);
	return opt != NULL && (opt->flags & HS_ARG_VALUE);
}

/* Tell whether the last word is an option that needs a value. */
bool
hs_dispatch_needs_value(const struct hs_session *s, char *const *words,
    size_t n)
{
	const char *last;
	const struct hs_cmd *cmd;
	size_t at;

	if (n == 0)
		return false;
	last = words[n - 1];
	if (!hs_starts_with(last, "--") || strchr(last, '=') != NULL)
		return false;
	for (at = 0; at < n && words[at][0] == '-'; at++)
		if (global_needs_value(words[at]))
			at++;
	if (at >= n)
		return global_needs_value(last);
	if (hs_cmd_lookup(s->table, words[at], &cmd, NULL) != HS_LOOKUP_FOUND)
		cmd = words[at][0] == '.' ? NULL : fallback_cmd;
	if (cmd == NULL)
		return words[at][0] != '.' && global_needs_value(last);
	if ((cmd->flags & HS_CMD_GLOBAL_OPTIONS) && global_needs_value(last))
		return true;
	return at + 1 < n && own_needs_value(cmd, words, n, at);
}

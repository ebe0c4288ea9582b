/*
 * dot-help.c: `.help [CMD]` (also `help`), generated from the command
 * table and the global options table, so it lists exactly what exists.
 */
#include "hs-common.h"
#include "commands-int.h"

/* Print one "  NAME USAGE   summary" line. */
static void
print_entry(FILE *out, const char *name, const struct hs_cmd *cmd)
{
	char *left = cmd->usage ? hs_xasprintf("%s%s%s", name,
	    strcmp(name, "!") == 0 ? "" : " ", cmd->usage) : hs_xstrdup(name);

	fprintf(out, "  %-22s %s", left, cmd->summary ? cmd->summary : "");
	if (cmd->alias != NULL)
		fprintf(out, " (also: %s)", cmd->alias);
	fputc('\n', out);
	free(left);
}

/* Print the whole table, the AWS command form and the global options. */
static void
print_overview(FILE *out, const struct hs_cmd_table *t)
{
	size_t i;

	fputs("Commands of hipaa-shell:\n", out);
	for (i = 0; i < t->n; i++)
		print_entry(out, t->cmds[i]->name, t->cmds[i]);
	fprintf(out, "\nAWS commands, as with the aws CLI:\n"
	    "  SERVICE OPERATION [--PARAMETER VALUE ...]%s\n",
	    hs_dispatch_fallback() ? "" :
	    "\n  (not available in this build yet)");
	fputs("\nGlobal options on an AWS command (for that command only):\n",
	    out);
	for (i = 0; i < hs_options_count; i++) {
		const struct hs_option *o = &hs_options[i];
		char *left;

		if (!(o->flags & HS_OPTION_PER_COMMAND))
			continue;
		left = hs_xasprintf("%s%s%s", o->name, o->value_name ? " " : "",
		    o->value_name ? o->value_name : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
		free(left);
	}
	fputs("\n.help CMD [SUBCOMMAND] describes one command; a unique prefix "
	    "of a dot command is enough (.hist).\n", out);
}

/* Print one command's usage, summary, options and sub-commands; name is
 * how it is typed ("policy check"). */
static void
print_command(FILE *out, const struct hs_cmd *cmd, const char *name)
{
	const struct hs_cmd_opt *o;
	const struct hs_cmd *const *sub;
	char *usage = hs_cmd_usage(cmd, name);

	fprintf(out, "%s\n%s\n", usage, cmd->summary ? cmd->summary : "");
	free(usage);
	if (cmd->alias != NULL)
		fprintf(out, "also: %s\n", cmd->alias);
	for (o = cmd->args.options; o != NULL && o->name != NULL; o++)
		fprintf(out, "  %s%s%s  %s\n", o->name, o->value_name ? " " : "",
		    o->value_name ? o->value_name : "", o->help ? o->help : "");
	for (sub = cmd->subcommands; sub != NULL && *sub != NULL; sub++)
		fprintf(out, "  %s %s  %s\n", name, (*sub)->name,
		    (*sub)->summary ? (*sub)->summary : "");
	if (cmd->subcommands != NULL)
		fprintf(out, ".help %s SUBCOMMAND describes one of them.\n",
		    name);
}

/* Print a command's help, or with sub a sub-command's; a status. */
static int
print_found(struct hs_ctx *ctx, const struct hs_cmd *cmd, const char *sub)
{
	const struct hs_cmd *s;
	char *name;

	if (sub == NULL) {
		print_command(ctx->out, cmd, cmd->name);
		return 0;
	}
	if (cmd->subcommands == NULL)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "'%s' has no sub-commands", cmd->name);
	if ((s = hs_cmd_find_sub(cmd, sub)) == NULL)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_UNKNOWN_COMMAND,
		    "unknown sub-command '%s' of '%s'; .help %s lists them",
		    sub, cmd->name, cmd->name);
	name = hs_xasprintf("%s %s", cmd->name, s->name);
	print_command(ctx->out, s, name);
	free(name);
	return 0;
}

/* Print the overview, or one command's help. */
static int
help_exec(struct hs_ctx *ctx)
{
	const struct hs_cmd_table *t = ctx->session->table;
	struct hs_strlist cands = HS_STRLIST_INIT;
	const struct hs_cmd *cmd;
	const char *word;
	char *list;
	int rc = 0;

	if (ctx->args.npos == 0) {
		print_overview(ctx->out, t);
		return 0;
	}
	word = ctx->args.pos[0];
	switch (hs_cmd_lookup(t, word, &cmd, &cands)) {
	case HS_LOOKUP_FOUND:
		rc = print_found(ctx, cmd, ctx->args.npos > 1 ?
		    ctx->args.pos[1] : NULL);
		break;
	case HS_LOOKUP_AMBIGUOUS:
		list = hs_strlist_join(&cands, ", ");
		rc = hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_AMBIGUOUS,
		    "ambiguous command '%s': could be %s", word, list);
		free(list);
		break;
	case HS_LOOKUP_UNKNOWN:
		rc = hs_cmd_unknown(t, word, &ctx->error);
		break;
	}
	hs_strlist_clear(&cands);
	return rc;
}

const struct hs_cmd hs_cmd_dot_help = {
	.name = ".help",
	.alias = "help",
	.args = { .min = 0, .max = 2 },
	.usage = "[CMD [SUBCOMMAND]]",
	.summary = "list the commands, or describe CMD",
	.flags = HS_CMD_NO_HISTORY,
	.exec = help_exec,
};

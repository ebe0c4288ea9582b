/*
 * dot-vars.c: `.vars`, list the shell variables as NAME=VALUE lines that
 * could be typed back after .set; values of secret-looking names are
 * shown as ***.
 */
#include "hs-common.h"
#include "commands.h"

/* Tell whether value can be printed without quotes. */
static bool
plain_value(const char *v)
{
	for (; *v != '\0'; v++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_./:@,+=-", *v) == NULL)
			return false;
	return true;
}

/* Print value, in single quotes when it needs them. */
static void
print_quoted(FILE *out, const char *v)
{
	if (*v != '\0' && plain_value(v)) {
		fputs(v, out);
		return;
	}
	fputc('\'', out);
	for (; *v != '\0'; v++) {
		if (*v == '\'')
			fputs("'\\''", out);
		else
			fputc(*v, out);
	}
	fputc('\'', out);
}

/* List the variables. */
static int
vars_exec(struct hs_ctx *ctx)
{
	const struct hs_vars *vars = &ctx->session->vars;
	size_t i;

	for (i = 0; i < vars->n; i++) {
		fprintf(ctx->out, "%s=", vars->v[i].name);
		if (hs_secret_name(vars->v[i].name, strlen(vars->v[i].name)))
			fputs("***", ctx->out);
		else
			print_quoted(ctx->out, vars->v[i].value);
		fputc('\n', ctx->out);
	}
	return 0;
}

const struct hs_cmd hs_cmd_dot_vars = {
	.name = ".vars",
	.args = { .min = 0, .max = 0 },
	.summary = "list the shell variables (secrets shown as ***)",
	.flags = HS_CMD_NO_HISTORY,
	.exec = vars_exec,
};

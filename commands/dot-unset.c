/*
 * dot-unset.c: `.unset NAME ...`, remove shell variables.
 *
 * Like sh's unset, removing a variable that is not set is not an error.
 */
#include "hs-common.h"
#include "commands.h"

/* Remove each NAME. */
static int
unset_exec(struct hs_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->args.npos; i++) {
		const char *name = ctx->args.pos[i];

		if (!hs_vars_valid_name(name, strlen(name)))
			return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
			    "invalid variable name '%s'", name);
	}
	for (i = 0; i < ctx->args.npos; i++)
		hs_vars_unset(&ctx->session->vars, ctx->args.pos[i]);
	return 0;
}

const struct hs_cmd hs_cmd_dot_unset = {
	.name = ".unset",
	.args = { .min = 1, .max = -1 },
	.usage = "NAME ...",
	.summary = "remove shell variables",
	.exec = unset_exec,
};

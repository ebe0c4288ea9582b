/*
 * dot-source.c: `.source FILE`, run a runbook inside this session.
 *
 * The shell (shell/batch.c) lends the runner through session->source;
 * the runbook's own errors are reported there with its FILE:LINE, so
 * .source itself only returns the status.
 */
#include "hs-common.h"
#include "commands.h"

#define MAX_DEPTH 16

/* Run the runbook FILE. */
static int
source_exec(struct hs_ctx *ctx)
{
	struct hs_session *s = ctx->session;
	int status;

	if (s->source == NULL)
		BUG(".source without a runner");
	if (s->source_depth >= MAX_DEPTH)
		return hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_USAGE,
		    ".source is nested %d deep: does '%s' source itself?",
		    MAX_DEPTH, ctx->args.pos[0]);
	s->source_depth++;
	status = s->source(ctx, ctx->args.pos[0]);
	s->source_depth--;
	return status;
}

const struct hs_cmd hs_cmd_dot_source = {
	.name = ".source",
	.args = { .min = 1, .max = 1 },
	.usage = "FILE",
	.summary = "run the runbook FILE in this session",
	.exec = source_exec,
};

/*
 * dot-region.c: `.region [NAME]`, show or set the session's region.
 *
 * Without NAME it shows the region commands use now (hs_resolve()),
 * which may come from the profile in the AWS config files: when it
 * would, a profile that cannot be read is an error (253), as for a
 * command. A region set by .region, --region or the environment is
 * shown whatever the profile.
 */
#include "hs-common.h"
#include "commands.h"

/* Print or set the region. */
static int
region_exec(struct hs_ctx *ctx)
{
	struct hs_settings *s = &ctx->session->settings;
	struct hs_resolved r;
	int status;

	if (ctx->args.npos == 0) {
		hs_resolve(s, &r);
		if (r.region == NULL && r.error != NULL) {
			status = hs_ctx_fail(ctx, HS_EXIT_CONFIG, HS_ERR_CONFIG,
			    "%s", r.error);
			hs_resolved_clear(&r);
			return status;
		}
		if (r.region != NULL)
			fprintf(ctx->out, "%s\n", r.region);
		else
			fprintf(ctx->out, "no region: set one with .region "
			    "NAME, --region, AWS_REGION, AWS_DEFAULT_REGION or "
			    "the profile's region in the AWS config file\n");
		hs_resolved_clear(&r);
		return 0;
	}
	if (!hs_region_valid(ctx->args.pos[0]))
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid region '%s': use a region name such as us-east-1",
		    ctx->args.pos[0]);
	free(s->region);
	s->region = hs_xstrdup(ctx->args.pos[0]);
	return 0;
}

const struct hs_cmd hs_cmd_dot_region = {
	.name = ".region",
	.args = { .min = 0, .max = 1 },
	.usage = "[NAME]",
	.summary = "show the region, or use region NAME from now on",
	.exec = region_exec,
};

/*
 * dot-profile.c: `.profile [NAME]`, show or set the session's profile.
 *
 * Without NAME it prints the profile commands use now (see hs_resolve()).
 * Whether NAME exists in the AWS config files is checked by aws/config
 * when it lands; here NAME must only be a plausible section name.
 */
#include "hs-common.h"
#include "commands.h"

#include <ctype.h>

/* Tell whether name can be a profile name (no blanks, brackets, controls). */
static bool
profile_name_valid(const char *name)
{
	const unsigned char *p;

	if (*name == '\0')
		return false;
	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (isspace(*p) || iscntrl(*p) || *p == '[' || *p == ']')
			return false;
	return true;
}

/* Print or set the profile. */
static int
profile_exec(struct hs_ctx *ctx)
{
	struct hs_settings *s = &ctx->session->settings;
	struct hs_resolved r;

	if (ctx->args.npos == 0) {
		hs_resolve(s, &r);
		fprintf(ctx->out, "%s\n", r.profile);
		hs_resolved_clear(&r);
		return 0;
	}
	if (!profile_name_valid(ctx->args.pos[0]))
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid profile name '%s'", ctx->args.pos[0]);
	free(s->profile);
	s->profile = hs_xstrdup(ctx->args.pos[0]);
	return 0;
}

const struct hs_cmd hs_cmd_dot_profile = {
	.name = ".profile",
	.args = { .min = 0, .max = 1 },
	.usage = "[NAME]",
	.summary = "show the profile, or use profile NAME from now on",
	.exec = profile_exec,
};

/*
 * dot-profile.c: `.profile [NAME]`, show or set the session's profile.
 *
 * Without NAME it prints the profile commands use now (see hs_resolve()).
 * With NAME it checks, through hs_resolve(), that the profile exists in
 * the AWS config files before the session uses it (the AWS CLI's words
 * and exit 253 otherwise). A --sandbox session has no profiles.
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

/* Check that profile name can be used: 0, or a status. */
static int
profile_check(struct hs_ctx *ctx, const char *name)
{
	struct hs_settings try;
	struct hs_resolved r;
	int status = 0;

	hs_settings_init(&try);
	hs_settings_copy(&try, &ctx->session->settings);
	free(try.profile);
	try.profile = hs_xstrdup(name);
	hs_resolve(&try, &r);
	if (r.error != NULL)
		status = hs_ctx_fail(ctx, HS_EXIT_CONFIG, HS_ERR_CONFIG, "%s",
		    r.error);
	hs_resolved_clear(&r);
	hs_settings_clear(&try);
	return status;
}

/* Print or set the profile. */
static int
profile_exec(struct hs_ctx *ctx)
{
	struct hs_settings *s = &ctx->session->settings;
	struct hs_resolved r;
	int status;

	if (ctx->args.npos == 0) {
		hs_resolve(s, &r);
		fprintf(ctx->out, "%s\n", r.profile);
		hs_resolved_clear(&r);
		return 0;
	}
	if (s->sandbox)
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE, "a "
		    "--sandbox session has no profiles: it uses the sandbox's "
		    "credentials");
	if (!profile_name_valid(ctx->args.pos[0]))
		return hs_ctx_fail(ctx, HS_EXIT_USAGE, HS_ERR_USAGE,
		    "invalid profile name '%s'", ctx->args.pos[0]);
	if ((status = profile_check(ctx, ctx->args.pos[0])) != 0)
		return status;
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

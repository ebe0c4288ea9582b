/*
 * creds-config.c: the settings the credential providers read.
 *
 * For now only the environment: profile values come from the config
 * files once aws/config.h (branch aws-sign) is merged; until then
 * creds_profile_value() finds nothing, so profile-based providers are not
 * in the chain yet.
 */
#include "hs-common.h"
#include "creds-int.h"

/* Nothing to load until the config layer is merged. */
int
creds_config_open(struct creds_ctx *ctx, char **cause)
{
	return 0;
}

/* Nothing to free. */
void
creds_config_close(struct creds_ctx *ctx)
{
}

/* A profile's value: none until the config layer is merged. */
const char *
creds_profile_value(struct creds_ctx *ctx, const char *profile,
    const char *key)
{
	return NULL;
}

/* A setting: the environment variable env, else the profile's key. */
const char *
creds_setting(struct creds_ctx *ctx, const char *profile, const char *env,
    const char *key)
{
	const char *v = env ? creds_getenv(ctx, env) : NULL;

	return v ? v : creds_profile_value(ctx, profile, key);
}

/* A numeric setting; *value is left alone when unset. */
int
creds_setting_number(struct creds_ctx *ctx, const char *profile,
    const char *env, const char *key, double *value, char **cause)
{
	const char *v = creds_setting(ctx, profile, env, key);
	char *end;
	double d;

	if (v == NULL)
		return 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || d < 0) {
		*cause = hs_xasprintf("invalid %s '%s': it must be a "
		    "non-negative number", key, v);
		return -1;
	}
	*value = d;
	return 0;
}

/*
 * creds-assume-role.c: a profile's role_arn, assumed through STS
 * AssumeRole (botocore's AssumeRoleProvider).
 *
 * The source credentials come from credential_source (Environment,
 * Ec2InstanceMetadata or EcsContainer, case-insensitively) or from
 * source_profile: a source profile with static keys, or without a
 * role_arn of its own, is resolved through the profile providers (web
 * identity, SSO, credentials file, credential_process, config file);
 * one with only a role_arn is assumed in turn, so roles chain. A profile
 * may name itself as source_profile only when it holds static keys;
 * any other cycle is an error. external_id, mfa_serial (the code comes
 * from the shell's prompt callback), role_session_name and
 * duration_seconds go into the call.
 *
 * Results are cached in memory and in ~/.aws/cli/cache under botocore's
 * key, and reused until 5 minutes before they expire, which is checked
 * before resolving the source credentials or prompting for MFA.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <strings.h>

#define ROLE_MAX_DEPTH 16

/* The profiles visited along a source_profile chain. */
struct visited {
	const char *names[ROLE_MAX_DEPTH];
	int n;
};

struct role_config {
	const char *profile;
	const char *role_arn;
	const char *source_profile;
	const char *credential_source;
	const char *external_id;
	const char *mfa_serial;
	const char *session_name;
	char duration[16];		/* "" when unset or not a number */
};

static enum aws_creds_status assume(struct creds_ctx *ctx,
    const char *profile, struct visited *v, time_t now,
    struct aws_credentials **out, char **cause);

/* Tell whether a profile holds static keys (in either file). */
static bool
has_static_keys(struct creds_ctx *ctx, const char *profile)
{
	return creds_profile_value(ctx, profile, "aws_access_key_id") != NULL ||
	    creds_profile_value(ctx, profile, "aws_secret_access_key") != NULL;
}

/* Tell whether the assume-role provider handles a profile. */
static bool
has_role(struct creds_ctx *ctx, const char *profile)
{
	return creds_profile_value(ctx, profile, "role_arn") != NULL &&
	    creds_profile_value(ctx, profile, "web_identity_token_file") == NULL;
}

/* Tell whether name was visited already. */
static bool
visited_has(const struct visited *v, const char *name)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return true;
	return false;
}

/* Read a profile's role settings. */
static void
role_read(struct creds_ctx *ctx, const char *profile, struct role_config *rc)
{
	const char *d = creds_profile_value(ctx, profile, "duration_seconds");
	char *end;
	long n;

	memset(rc, 0, sizeof *rc);
	rc->profile = profile;
	rc->role_arn = creds_profile_value(ctx, profile, "role_arn");
	rc->source_profile = creds_profile_value(ctx, profile, "source_profile");
	rc->credential_source = creds_profile_value(ctx, profile,
	    "credential_source");
	rc->external_id = creds_profile_value(ctx, profile, "external_id");
	rc->mfa_serial = creds_profile_value(ctx, profile, "mfa_serial");
	rc->session_name = creds_profile_value(ctx, profile,
	    "role_session_name");
	if (d != NULL) {	/* botocore ignores a value int() refuses */
		n = strtol(d, &end, 10);
		if (end != d && *end == '\0')
			snprintf(rc->duration, sizeof rc->duration, "%ld", n);
	}
}

/* Check the source settings as botocore's _get_role_config does. */
static int
role_validate(struct creds_ctx *ctx, const struct role_config *rc,
    const struct visited *v, char **cause)
{
	const char *p = rc->profile, *src = rc->source_profile;

	if (rc->credential_source != NULL && src != NULL)
		*cause = hs_xasprintf("profile '%s' has both source_profile and "
		    "credential_source: keep one", p);
	else if (rc->credential_source == NULL && src == NULL)
		*cause = hs_xasprintf("profile '%s' has role_arn but neither "
		    "source_profile nor credential_source", p);
	else if (rc->credential_source != NULL &&
	    creds_named_source(rc->credential_source) == NULL)
		*cause = hs_xasprintf("the credential_source '%s' of profile "
		    "'%s' is not valid: use Environment, Ec2InstanceMetadata or "
		    "EcsContainer", rc->credential_source, p);
	else if (src != NULL && !creds_profile_exists(ctx, src))
		*cause = hs_xasprintf("the source_profile '%s' of profile '%s' "
		    "does not exist", src, p);
	else if (src != NULL && visited_has(v, src) && (strcmp(src, p) != 0 ||
	    !has_static_keys(ctx, src)))
		*cause = hs_xasprintf("profile '%s' has a source_profile loop "
		    "through '%s'", p, src);
	else if (v->n >= ROLE_MAX_DEPTH)
		*cause = hs_xasprintf("profile '%s': role chain too long", p);
	else
		return 0;
	return -1;
}

/* botocore's cache key for the call (a generated session name is left
 * out, so the key does not change with the time). */
static char *
role_cache_key(const struct role_config *rc)
{
	const struct creds_cache_arg args[] = {
		{ "DurationSeconds", rc->duration[0] ? rc->duration : NULL,
		    true },
		{ "ExternalId", rc->external_id, false },
		{ "RoleArn", rc->role_arn, false },
		{ "RoleSessionName", rc->session_name, false },
		{ "SerialNumber", rc->mfa_serial, false },
	};

	return creds_cache_key(args, HS_ARRAY_SIZE(args), false);
}

/* The credentials to call AssumeRole with. */
static enum aws_creds_status
source_credentials(struct creds_ctx *ctx, const struct role_config *rc,
    struct visited *v, time_t now, struct aws_credentials **out,
    char **cause)
{
	struct hs_buf looked = HS_BUF_INIT;
	enum aws_creds_status st;
	const char *src = rc->source_profile;

	if (rc->credential_source != NULL)
		st = creds_named_source(rc->credential_source)(ctx, rc->profile,
		    now, out, &looked, cause);
	else if (has_static_keys(ctx, src) || !has_role(ctx, src))
		st = creds_profile_chain_load(ctx, src, now, out, &looked,
		    cause);
	else {
		v->names[v->n++] = src;
		st = assume(ctx, src, v, now, out, cause);
	}
	if (st == AWS_CREDS_NOT_FOUND) {
		*cause = rc->credential_source ? hs_xasprintf("no credentials "
		    "found in the credential_source '%s' of profile '%s': %s",
		    rc->credential_source, rc->profile, looked.buf) :
		    hs_xasprintf("the source_profile '%s' of profile '%s' must "
		    "have credentials; looked at: %s", src, rc->profile,
		    looked.buf);
		st = AWS_CREDS_ERROR;
	}
	hs_buf_release(&looked);
	return st;
}

/* Ask the shell for the MFA code; NULL with *cause. */
static char *
mfa_code(struct creds_ctx *ctx, const struct role_config *rc, char **cause)
{
	char *prompt, *code;

	if (ctx->mfa_prompt == NULL) {
		*cause = hs_xasprintf("profile '%s' needs an MFA code for '%s' "
		    "but nothing can prompt for it", rc->profile, rc->mfa_serial);
		return NULL;
	}
	prompt = hs_xasprintf("Enter MFA code for %s: ", rc->mfa_serial);
	code = ctx->mfa_prompt(ctx->mfa_arg, prompt);
	free(prompt);
	if (code == NULL || *code == '\0') {
		hs_free_secret(code);
		*cause = hs_xasprintf("no MFA code given for '%s'",
		    rc->mfa_serial);
		return NULL;
	}
	return code;
}

/* Fill the AssumeRole parameters; -1 with *cause (no MFA code). */
static int
role_params(struct creds_ctx *ctx, const struct role_config *rc, time_t now,
    struct aws_kvlist *params, char **cause)
{
	char *generated = NULL, *code;

	aws_kvlist_add(params, "RoleArn", rc->role_arn);
	if (rc->session_name == NULL)
		generated = hs_xasprintf("hipaa-shell-session-%lld",
		    (long long)now);
	aws_kvlist_add(params, "RoleSessionName", rc->session_name ?
	    rc->session_name : generated);
	free(generated);
	if (rc->external_id != NULL)
		aws_kvlist_add(params, "ExternalId", rc->external_id);
	if (rc->duration[0])
		aws_kvlist_add(params, "DurationSeconds", rc->duration);
	if (rc->mfa_serial == NULL)
		return 0;
	code = mfa_code(ctx, rc, cause);
	if (code == NULL)
		return -1;
	aws_kvlist_add(params, "SerialNumber", rc->mfa_serial);
	aws_kvlist_add(params, "TokenCode", code);
	hs_free_secret(code);
	return 0;
}

/* Call AssumeRole with the source credentials; cache the answer. */
static enum aws_creds_status
call_sts(struct creds_ctx *ctx, const struct role_config *rc,
    struct aws_credentials *source, const char *key, time_t now,
    struct aws_credentials **out, char **cause)
{
	struct aws_kvlist params = AWS_KVLIST_INIT;
	struct creds_sts_result res;
	enum aws_creds_status st = AWS_CREDS_ERROR;

	memset(&res, 0, sizeof res);
	if (role_params(ctx, rc, now, &params, cause) < 0 ||
	    creds_sts_call(ctx, "AssumeRole", &params, source,
	    &res, cause) < 0)
		goto cleanup;
	*out = creds_from_sts(&res, "assume-role", cause);
	if (*out == NULL)
		goto cleanup;
	creds_cache_put(ctx, key, true, *out, &res);
	st = AWS_CREDS_FOUND;
cleanup:
	aws_kvlist_cleanse(&params);
	creds_sts_result_clear(&res);
	return st;
}

/* Assume a profile's role: cache, else source credentials and STS. */
static enum aws_creds_status
assume(struct creds_ctx *ctx, const char *profile, struct visited *v,
    time_t now, struct aws_credentials **out, char **cause)
{
	struct aws_credentials *source = NULL;
	struct role_config rc;
	enum aws_creds_status st;
	char *key;

	role_read(ctx, profile, &rc);
	if (role_validate(ctx, &rc, v, cause) < 0)
		return AWS_CREDS_ERROR;
	key = role_cache_key(&rc);
	*out = creds_cache_get(ctx, key, true, now, "assume-role");
	if (*out != NULL) {
		free(key);
		return AWS_CREDS_FOUND;
	}
	st = source_credentials(ctx, &rc, v, now, &source, cause);
	if (st == AWS_CREDS_FOUND)
		st = call_sts(ctx, &rc, source, key, now, out, cause);
	aws_credentials_release(source);
	free(key);
	return st;
}

/* Load credentials by assuming the profile's role. */
enum aws_creds_status
creds_assume_role_load(struct creds_ctx *ctx, const char *profile,
    time_t now, struct aws_credentials **out, struct hs_buf *looked,
    char **cause)
{
	struct visited v = { { profile }, 1 };

	if (!has_role(ctx, profile)) {
		creds_looked(looked, "assume role (no role_arn in profile '%s')",
		    profile);
		return AWS_CREDS_NOT_FOUND;
	}
	return assume(ctx, profile, &v, now, out, cause);
}

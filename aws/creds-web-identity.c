/*
 * creds-web-identity.c: a role assumed with a web identity token (EKS
 * service accounts, GitHub OIDC...), botocore's
 * AssumeRoleWithWebIdentityProvider.
 *
 * The token file is AWS_WEB_IDENTITY_TOKEN_FILE, else the profile's
 * web_identity_token_file; the role AWS_ROLE_ARN, else role_arn; the
 * session name AWS_ROLE_SESSION_NAME, else role_session_name. The
 * variables are ignored when a profile was named explicitly and in a
 * source profile's chain, as botocore's disable_env_vars does. The token
 * file is read again for each call (it rotates); a trailing line break is
 * dropped. AssumeRoleWithWebIdentity is sent unsigned. Results share the
 * CLI's cache with assume role (botocore's key: RoleArn and
 * RoleSessionName).
 */
#include "hs-common.h"
#include "creds-int.h"

#define WEB_TOKEN_MAX (64 * 1024)

/* A value from the environment (when allowed), else from the profile. */
static const char *
setting(struct creds_ctx *ctx, const char *profile, bool use_env,
    const char *env, const char *key)
{
	const char *v = use_env ? creds_getenv(ctx, env) : NULL;

	return v ? v : creds_profile_value(ctx, profile, key);
}

/* Read the token file, without a trailing line break. */
static char *
read_token(const char *path, char **cause)
{
	char *t = creds_read_file(path, WEB_TOKEN_MAX, cause);
	size_t len;

	if (t == NULL)
		return NULL;
	len = strlen(t);
	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == '\r'))
		t[--len] = '\0';
	if (len == 0) {
		free(t);
		*cause = hs_xasprintf("the web identity token file '%s' is "
		    "empty", path);
		return NULL;
	}
	return t;
}

/* Call AssumeRoleWithWebIdentity and cache the answer. */
static enum aws_creds_status
call_sts(struct creds_ctx *ctx, const char *profile, const char *file,
    const char *role, const char *session, const char *key, time_t now,
    struct aws_credentials **out, char **cause)
{
	struct aws_kvlist params = AWS_KVLIST_INIT;
	struct creds_sts_result res;
	enum aws_creds_status st = AWS_CREDS_ERROR;
	char *token = read_token(file, cause), *generated = NULL;

	memset(&res, 0, sizeof res);
	if (token == NULL)
		return AWS_CREDS_ERROR;
	if (session == NULL)
		session = generated = hs_xasprintf("hipaa-shell-session-%lld",
		    (long long)now);
	aws_kvlist_add(&params, "RoleArn", role);
	aws_kvlist_add(&params, "RoleSessionName", session);
	aws_kvlist_add(&params, "WebIdentityToken", token);
	hs_free_secret(token);
	free(generated);
	if (creds_sts_call(ctx, "AssumeRoleWithWebIdentity", &params, NULL,
	    &res, cause) < 0)
		goto cleanup;
	*out = creds_from_sts(&res, "assume-role-with-web-identity", cause);
	if (*out == NULL)
		goto cleanup;
	creds_cache_put(ctx, key, true, *out, &res);
	st = AWS_CREDS_FOUND;
cleanup:
	aws_kvlist_cleanse(&params);
	creds_sts_result_clear(&res);
	return st;
}

/* Load credentials with a web identity token. */
static enum aws_creds_status
web_identity(struct creds_ctx *ctx, const char *profile, bool use_env,
    time_t now, struct aws_credentials **out, struct hs_buf *looked,
    char **cause)
{
	const char *file = setting(ctx, profile, use_env,
	    "AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file");
	const char *role = setting(ctx, profile, use_env, "AWS_ROLE_ARN",
	    "role_arn");
	const char *session = setting(ctx, profile, use_env,
	    "AWS_ROLE_SESSION_NAME", "role_session_name");
	struct creds_cache_arg args[] = {
		{ "RoleArn", role, false },
		{ "RoleSessionName", session, false },
	};
	enum aws_creds_status st;
	char *key;

	if (file == NULL) {
		creds_looked(looked, "web identity (no web_identity_token_file "
		    "in profile '%s'%s)", profile, use_env ?
		    ", AWS_WEB_IDENTITY_TOKEN_FILE is not set" : "");
		return AWS_CREDS_NOT_FOUND;
	}
	if (role == NULL) {
		*cause = hs_xasprintf("web identity token file '%s' is set but "
		    "no role: set role_arn in profile '%s' or AWS_ROLE_ARN",
		    file, profile);
		return AWS_CREDS_ERROR;
	}
	key = creds_cache_key(args, HS_ARRAY_SIZE(args), false);
	*out = creds_cache_get(ctx, key, true, now,
	    "assume-role-with-web-identity");
	st = *out != NULL ? AWS_CREDS_FOUND : call_sts(ctx, profile, file,
	    role, session, key, now, out, cause);
	free(key);
	return st;
}

/* The chain's web identity provider. */
enum aws_creds_status
creds_web_identity_load(struct creds_ctx *ctx, const char *profile,
    time_t now, struct aws_credentials **out, struct hs_buf *looked,
    char **cause)
{
	return web_identity(ctx, profile, !ctx->profile_explicit, now, out,
	    looked, cause);
}

/* Web identity from the profile alone (a source profile's chain). */
enum aws_creds_status
creds_web_identity_profile_load(struct creds_ctx *ctx, const char *profile,
    time_t now, struct aws_credentials **out, struct hs_buf *looked,
    char **cause)
{
	return web_identity(ctx, profile, false, now, out, looked, cause);
}

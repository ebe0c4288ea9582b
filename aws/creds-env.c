/*
 * creds-env.c: credentials from the environment (botocore's EnvProvider).
 *
 * AWS_ACCESS_KEY_ID turns the provider on; AWS_SECRET_ACCESS_KEY must
 * then be set too (partial credentials are an error, not a fall-through).
 * The token comes from AWS_SECURITY_TOKEN or AWS_SESSION_TOKEN, the first
 * that is set, in botocore's order; AWS_CREDENTIAL_EXPIRATION and
 * AWS_ACCOUNT_ID are optional. Variables set to "" count as unset.
 */
#include "hs-common.h"
#include "creds-int.h"

/* Load credentials from the environment. */
enum aws_creds_status
creds_env_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	const char *akid = creds_getenv(ctx, "AWS_ACCESS_KEY_ID");
	const char *secret = creds_getenv(ctx, "AWS_SECRET_ACCESS_KEY");
	const char *token = creds_getenv(ctx, "AWS_SECURITY_TOKEN");
	const char *exp = creds_getenv(ctx, "AWS_CREDENTIAL_EXPIRATION");
	const char *account = creds_getenv(ctx, "AWS_ACCOUNT_ID");
	time_t expiration = 0;

	if (akid == NULL) {
		creds_looked(looked, "environment variables (AWS_ACCESS_KEY_ID "
		    "is not set)");
		return AWS_CREDS_NOT_FOUND;
	}
	if (secret == NULL) {
		*cause = hs_xstrdup("partial credentials in the environment: "
		    "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
		return AWS_CREDS_ERROR;
	}
	if (token == NULL)
		token = creds_getenv(ctx, "AWS_SESSION_TOKEN");
	if (exp != NULL && aws_iso8601_parse(exp, &expiration) < 0) {
		*cause = hs_xasprintf("invalid AWS_CREDENTIAL_EXPIRATION '%s': "
		    "use ISO 8601, e.g. 2024-01-02T03:04:05Z", exp);
		return AWS_CREDS_ERROR;
	}
	*out = aws_credentials_new(akid, secret, token, expiration, "env");
	if (account != NULL)
		(*out)->account_id = hs_xstrdup(account);
	return AWS_CREDS_FOUND;
}

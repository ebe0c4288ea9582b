/*
 * creds-profile.c: static keys from the shared credentials file and from
 * the config file (botocore's SharedCredentialProvider and
 * ConfigProvider), each reading only its own file.
 *
 * A profile that names aws_access_key_id must name aws_secret_access_key
 * too (partial credentials are an error). The token is
 * aws_security_token or aws_session_token, the first present, in
 * botocore's order.
 */
#include "hs-common.h"
#include "creds-int.h"

/* Load static keys of a profile from one file. */
static enum aws_creds_status
file_load(struct creds_ctx *ctx, enum creds_file which, const char *method,
    const char *profile, struct aws_credentials **out, struct hs_buf *looked,
    char **cause)
{
	const char *path = creds_file_path(ctx, which);
	const char *akid, *secret, *token, *acct;

	akid = creds_file_value(ctx, which, profile, "aws_access_key_id");
	if (akid == NULL) {
		creds_looked(looked, "%s '%s' (%s)", which == CREDS_FILE_CREDENTIALS ?
		    "shared credentials file" : "config file", path,
		    creds_file_has_profile(ctx, which, profile) ?
		    "no aws_access_key_id in the profile" : "no such profile");
		return AWS_CREDS_NOT_FOUND;
	}
	secret = creds_file_value(ctx, which, profile, "aws_secret_access_key");
	if (secret == NULL) {
		*cause = hs_xasprintf("partial credentials in '%s': profile '%s' "
		    "has aws_access_key_id but no aws_secret_access_key", path,
		    profile);
		return AWS_CREDS_ERROR;
	}
	token = creds_file_value(ctx, which, profile, "aws_security_token");
	if (token == NULL)
		token = creds_file_value(ctx, which, profile, "aws_session_token");
	*out = aws_credentials_new(akid, secret, token, 0, method);
	acct = creds_file_value(ctx, which, profile, "aws_account_id");
	if (acct != NULL)
		(*out)->account_id = hs_xstrdup(acct);
	return AWS_CREDS_FOUND;
}

/* Load static keys from the shared credentials file. */
enum aws_creds_status
creds_shared_file_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	return file_load(ctx, CREDS_FILE_CREDENTIALS, "shared-credentials-file",
	    profile, out, looked, cause);
}

/* Load static keys from the config file. */
enum aws_creds_status
creds_config_file_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	return file_load(ctx, CREDS_FILE_CONFIG, "config-file", profile, out,
	    looked, cause);
}

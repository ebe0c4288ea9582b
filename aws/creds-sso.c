/*
 * creds-sso.c: IAM Identity Center (SSO) profiles, with the token that
 * `aws sso login` cached (botocore's SSOProvider).
 *
 * A profile with sso_account_id or sso_role_name uses this provider. Its
 * sso_start_url and sso_region come from the profile (legacy) or from
 * the [sso-session NAME] it names, and must agree where both set them.
 * The token is ~/.aws/sso/cache/SHA1.json, SHA-1 of the session name or,
 * for legacy profiles, of the start URL; it is used while expiresAt is
 * in the future. Then GetRoleCredentials, unsigned, on
 * portal.sso.REGION.amazonaws.com with the token in
 * x-amz-sso_bearer_token. The role credentials are cached in memory
 * under botocore's key.
 *
 * Not done: refreshing an expired sso-session token through SSO OIDC
 * CreateToken (botocore's SSOTokenProvider); an expired token is an
 * error that says to run `aws sso login` again.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <openssl/evp.h>

struct sso_config {
	const char *profile;
	const char *session;		/* sso_session, or NULL (legacy) */
	const char *start_url;
	const char *region;
	const char *account;
	const char *role;
};

/* A value from the profile or, when it names one, its sso-session. */
static int
sso_value(struct creds_ctx *ctx, struct sso_config *c, const char *key,
    const char **out, char **cause)
{
	const char *p = creds_profile_value(ctx, c->profile, key);
	const char *s = c->session ? creds_sso_session_value(ctx, c->session,
	    key) : NULL;

	if (p != NULL && s != NULL && strcmp(p, s) != 0) {
		*cause = hs_xasprintf("the value of %s differs between profile "
		    "'%s' (%s) and sso-session '%s' (%s)", key, c->profile, p,
		    c->session, s);
		return -1;
	}
	*out = s ? s : p;
	return 0;
}

/* Append the name of a missing setting. */
static void
need(struct hs_buf *missing, const char *value, const char *name)
{
	if (value != NULL)
		return;
	if (missing->len)
		hs_buf_adds(missing, ", ");
	hs_buf_adds(missing, name);
}

/* Read and check the SSO settings. */
static int
sso_read(struct creds_ctx *ctx, struct sso_config *c, char **cause)
{
	struct hs_buf missing = HS_BUF_INIT;
	int rc = -1;

	c->session = creds_profile_value(ctx, c->profile, "sso_session");
	if (c->session != NULL && !creds_sso_session_exists(ctx, c->session)) {
		*cause = hs_xasprintf("the sso-session '%s' of profile '%s' "
		    "does not exist", c->session, c->profile);
		return -1;
	}
	if (sso_value(ctx, c, "sso_start_url", &c->start_url, cause) < 0 ||
	    sso_value(ctx, c, "sso_region", &c->region, cause) < 0)
		return -1;
	need(&missing, c->role, "sso_role_name");
	need(&missing, c->account, "sso_account_id");
	need(&missing, c->start_url, "sso_start_url");
	need(&missing, c->region, "sso_region");
	if (missing.len)
		*cause = hs_xasprintf("profile '%s' is configured for SSO but "
		    "lacks: %s", c->profile, missing.buf);
	else
		rc = 0;
	hs_buf_release(&missing);
	return rc;
}

/* The token cache file: SHA-1 of the session name or start URL. */
static char *
token_path(struct creds_ctx *ctx, const struct sso_config *c)
{
	const char *in = c->session ? c->session : c->start_url;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	EVP_Digest(in, strlen(in), md, &len, EVP_sha1(), NULL);
	for (i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hs_xasprintf("%s/.aws/sso/cache/%s.json", ctx->home ?
	    ctx->home : "", hex);
}

/* Say how to get a new token. */
static char *
login_hint(const struct sso_config *c)
{
	return c->session ? hs_xasprintf("run 'aws sso login --sso-session "
	    "%s'", c->session) : hs_xasprintf("run 'aws sso login --profile "
	    "%s'", c->profile);
}

/* The cached access token, if present and not expired. */
static char *
sso_token(struct creds_ctx *ctx, const struct sso_config *c, time_t now,
    char **cause)
{
	char *path = token_path(ctx, c), *text, *err = NULL, *hint;
	char *token = NULL;
	const char *t, *exp;
	time_t expires;
	cJSON *o;

	hint = login_hint(c);
	text = creds_read_file(path, 256 * 1024, &err);
	o = text ? creds_json_parse(text, strlen(text)) : NULL;
	t = creds_json_str(o, "accessToken");
	exp = creds_json_str(o, "expiresAt");
	if (text == NULL)
		*cause = hs_xasprintf("no SSO token is cached for '%s' (%s): %s",
		    c->session ? c->session : c->start_url, path, hint);
	else if (t == NULL || exp == NULL || aws_iso8601_parse(exp,
	    &expires) < 0)
		*cause = hs_xasprintf("the SSO token cache '%s' is not valid: "
		    "%s", path, hint);
	else if (expires <= now)
		*cause = hs_xasprintf("the SSO session for '%s' has expired: %s",
		    c->session ? c->session : c->start_url, hint);
	else
		token = hs_xstrdup(t);
	creds_json_free(o);
	hs_free_secret(text);
	free(err);
	free(hint);
	free(path);
	return token;
}

/* Read roleCredentials out of the GetRoleCredentials answer. */
static enum aws_creds_status
role_credentials(const struct aws_response *resp, const char *account,
    struct aws_credentials **out, char **cause)
{
	cJSON *o = creds_json_parse(resp->body.buf, resp->body.len);
	cJSON *rc = cJSON_GetObjectItemCaseSensitive(o, "roleCredentials");
	cJSON *exp = cJSON_GetObjectItemCaseSensitive(rc, "expiration");
	enum aws_creds_status st;

	st = creds_from_json(rc, "accessKeyId", "secretAccessKey",
	    "sessionToken", NULL, "sso", out, cause);
	if (st == AWS_CREDS_FOUND) {
		if (cJSON_IsNumber(exp))
			(*out)->expiration = (time_t)(exp->valuedouble / 1000);
		(*out)->account_id = hs_xstrdup(account);
	}
	creds_json_free(o);
	return st;
}

/* Call GetRoleCredentials with the token. */
static enum aws_creds_status
get_role_credentials(struct creds_ctx *ctx, const struct sso_config *c,
    const char *token, struct aws_credentials **out, char **cause)
{
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	enum aws_creds_status st = AWS_CREDS_ERROR;

	aws_request_set_method(&req, "GET");
	aws_request_set_path(&req, "/federation/credentials");
	if (creds_endpoint(ctx, "sso", c->region, &req, cause) < 0)
		goto cleanup;
	aws_kvlist_add(&req.query, "account_id", c->account);
	aws_kvlist_add(&req.query, "role_name", c->role);
	aws_kvlist_add(&req.headers, "x-amz-sso_bearer_token", token);
	req.service_id = hs_xstrdup("sso");
	call.req = &req;
	call.resp = &resp;
	if (aws_http_execute(ctx->http, &call, cause) < 0)
		goto cleanup;
	if (resp.status == 401 || resp.status == 403) {
		char *hint = login_hint(c);

		*cause = hs_xasprintf("SSO refused the token for role '%s' in "
		    "account %s (HTTP %d): %s", c->role, c->account,
		    resp.status, hint);
		free(hint);
	} else if (resp.status != 200)
		*cause = hs_xasprintf("SSO GetRoleCredentials failed (HTTP %d): "
		    "%.200s", resp.status, resp.body.buf);
	else
		st = role_credentials(&resp, c->account, out, cause);
cleanup:
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	return st;
}

/* botocore's memory-cache key of an SSO role. */
static char *
sso_cache_key(const struct sso_config *c)
{
	const struct creds_cache_arg args[] = {
		{ "accountId", c->account, false },
		{ "roleName", c->role, false },
		{ "sessionName", c->session, false },
		{ "startUrl", c->session ? NULL : c->start_url, false },
	};

	return creds_cache_key(args, HS_ARRAY_SIZE(args), true);
}

/* Load credentials for an SSO profile. */
enum aws_creds_status
creds_sso_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	struct sso_config c = { .profile = profile };
	enum aws_creds_status st = AWS_CREDS_ERROR;
	char *key, *token;

	c.account = creds_profile_value(ctx, profile, "sso_account_id");
	c.role = creds_profile_value(ctx, profile, "sso_role_name");
	if (c.account == NULL && c.role == NULL) {
		creds_looked(looked, "SSO (no sso_account_id or sso_role_name in "
		    "profile '%s')", profile);
		return AWS_CREDS_NOT_FOUND;
	}
	if (sso_read(ctx, &c, cause) < 0)
		return AWS_CREDS_ERROR;
	key = sso_cache_key(&c);
	*out = creds_cache_get(ctx, key, false, now, "sso");
	if (*out != NULL) {
		free(key);
		return AWS_CREDS_FOUND;
	}
	token = sso_token(ctx, &c, now, cause);
	if (token != NULL)
		st = get_role_credentials(ctx, &c, token, out, cause);
	if (st == AWS_CREDS_FOUND)
		creds_cache_put(ctx, key, false, *out, NULL);
	hs_free_secret(token);
	free(key);
	return st;
}

/*
 * creds-imds.c: the EC2 instance role from instance metadata (IMDSv2),
 * after botocore's InstanceMetadataFetcher.
 *
 * PUT /latest/api/token with x-aws-ec2-metadata-token-ttl-seconds first;
 * then GET .../iam/security-credentials/ for the role name and GET
 * .../ROLE for the credentials, both with x-aws-ec2-metadata-token. When
 * the token PUT is refused (403, 404, 405) or times out, it falls back to
 * IMDSv1 unless ec2_metadata_v1_disabled is set. Timeouts are short (1 s)
 * and there is one attempt unless metadata_service_timeout /
 * metadata_service_num_attempts (whole seconds, as aws/config.h resolves
 * them) say otherwise, since most machines have
 * no metadata service and would otherwise hang every command.
 * AWS_EC2_METADATA_DISABLED=true turns the provider off;
 * AWS_EC2_METADATA_SERVICE_ENDPOINT (or the endpoint mode IPv6) moves it.
 *
 * Credentials that are already about to expire (IMDS unavailable behind
 * a cache) get their expiration pushed 20 minutes out, as botocore's
 * _evaluate_expiration does with its 15 minutes plus jitter, so that a
 * stale answer does not make every command fetch again.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <strings.h>

#define IMDS_V4 "http://169.254.169.254"
#define IMDS_V6 "http://[fd00:ec2::254]"
#define IMDS_TOKEN_PATH "/latest/api/token"
#define IMDS_ROLE_PATH "/latest/meta-data/iam/security-credentials/"
#define IMDS_TOKEN_TTL "21600"
#define IMDS_STALE_EXTENSION (20 * 60)

struct imds {
	struct creds_ctx *ctx;
	char *base;		/* no trailing slash */
	long timeout_ms;
	int attempts;
	bool v1_disabled;
	char *token;		/* NULL: IMDSv1 */
	char *why;		/* why nothing was found, for "looked" */
};

/* What one IMDS request came to. */
enum imds_outcome { IMDS_GOT, IMDS_NO_TOKEN, IMDS_BAD_REQUEST, IMDS_FAILED };

/* Read the settings: endpoint, mode, timeout, attempts, v1. */
static int
imds_settings(struct imds *m, char **cause)
{
	struct creds_ctx *ctx = m->ctx;
	const char *ep, *mode;
	long secs, attempts;
	size_t len;

	if (creds_resolve(ctx, AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT, &ep,
	    cause) < 0 || creds_resolve(ctx,
	    AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT_MODE, &mode, cause) < 0 ||
	    creds_resolve_long(ctx, AWS_SETTING_METADATA_SERVICE_TIMEOUT, &secs,
	    cause) < 0 || creds_resolve_long(ctx,
	    AWS_SETTING_METADATA_SERVICE_NUM_ATTEMPTS, &attempts, cause) < 0 ||
	    creds_resolve_bool(ctx, AWS_SETTING_EC2_METADATA_V1_DISABLED,
	    &m->v1_disabled, cause) < 0)
		return -1;
	if (ep == NULL)
		ep = mode && strcasecmp(mode, "ipv6") == 0 ? IMDS_V6 : IMDS_V4;
	m->base = hs_xstrdup(ep);
	len = strlen(m->base);
	while (len > 0 && m->base[len - 1] == '/')
		m->base[--len] = '\0';
	m->timeout_ms = secs > 0 ? secs * 1000 : 1000;
	m->attempts = attempts > 0 ? (int)attempts : 1;
	return 0;
}

/* One request; the response is filled when it returns IMDS_GOT. */
static enum imds_outcome
imds_request(struct imds *m, const char *method, const char *path,
    struct aws_response *resp, bool secret)
{
	struct aws_kvlist h = AWS_KVLIST_INIT;
	char *url = hs_xasprintf("%s%s", m->base, path), *err = NULL;
	enum imds_outcome out = IMDS_FAILED;
	int i;

	if (strcmp(method, "PUT") == 0)
		aws_kvlist_add(&h, "x-aws-ec2-metadata-token-ttl-seconds",
		    IMDS_TOKEN_TTL);
	else if (m->token != NULL)
		aws_kvlist_add(&h, "x-aws-ec2-metadata-token", m->token);
	for (i = 0; i < m->attempts && out == IMDS_FAILED; i++) {
		free(err);
		err = NULL;
		if (creds_http(m->ctx, method, url, &h, m->timeout_ms, secret,
		    resp, &err) < 0)
			continue;
		if (resp->status == 200 && resp->body.len > 0)
			out = IMDS_GOT;
		else if (strcmp(method, "PUT") == 0 && (resp->status == 403 ||
		    resp->status == 404 || resp->status == 405))
			out = IMDS_NO_TOKEN;
		else if (strcmp(method, "PUT") == 0 && resp->status == 400)
			out = IMDS_BAD_REQUEST;
	}
	if (out == IMDS_FAILED && m->why == NULL)
		m->why = err != NULL ? hs_xstrdup(err) : hs_xasprintf("%s %s "
		    "answered %d", method, path, resp->status);
	free(err);
	free(url);
	aws_kvlist_cleanse(&h);
	return out;
}

/* Get the session token; -1 when the service cannot be used at all. */
static int
imds_token(struct imds *m, char **cause)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	enum imds_outcome o = imds_request(m, "PUT", IMDS_TOKEN_PATH, &resp,
	    true);

	if (o == IMDS_GOT)
		m->token = hs_buf_detach(&resp.body, NULL);
	aws_response_clear(&resp);
	if (o == IMDS_BAD_REQUEST) {
		free(m->why);
		m->why = hs_xstrdup("the token request was refused as bad");
		return -1;
	}
	if (m->token == NULL && m->v1_disabled) {
		*cause = hs_xasprintf("cannot get an IMDSv2 token from '%s' and "
		    "IMDSv1 is disabled (ec2_metadata_v1_disabled)", m->base);
		return -1;
	}
	free(m->why);		/* a v1 fallback may still work */
	m->why = NULL;
	return 0;
}

/* GET the role name, then its credentials as JSON. */
static cJSON *
imds_fetch(struct imds *m, char **role)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	char *path;
	cJSON *o = NULL;

	*role = NULL;
	if (imds_request(m, "GET", IMDS_ROLE_PATH, &resp, false) != IMDS_GOT)
		goto out;
	*role = hs_xstrndup(resp.body.buf, strcspn(resp.body.buf, "\r\n"));
	path = hs_xasprintf("%s%s", IMDS_ROLE_PATH, *role);
	if (imds_request(m, "GET", path, &resp, false) == IMDS_GOT) {
		o = creds_json_parse(resp.body.buf, resp.body.len);
		if (o == NULL)
			m->why = hs_xstrdup("the credentials are not JSON");
	}
	free(path);
out:
	aws_response_clear(&resp);
	return o;
}

/* Turn the credentials JSON into credentials, or say why not. */
static enum aws_creds_status
imds_credentials(struct imds *m, const cJSON *o, time_t now,
    struct aws_credentials **out)
{
	static const char *const fields[] = {
		"AccessKeyId", "SecretAccessKey", "Token", "Expiration",
	};
	char *err = NULL;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(fields); i++)
		if (creds_json_str(o, fields[i]) == NULL) {
			m->why = hs_xasprintf("the answer lacks %s%s%s",
			    fields[i], creds_json_str(o, "Code") ? ": " : "",
			    creds_json_str(o, "Code") ? creds_json_str(o,
			    "Code") : "");
			return AWS_CREDS_NOT_FOUND;
		}
	if (creds_from_json(o, "AccessKeyId", "SecretAccessKey", "Token",
	    "Expiration", "iam-role", out, &err) != AWS_CREDS_FOUND) {
		m->why = err;
		return AWS_CREDS_NOT_FOUND;
	}
	if ((*out)->expiration - now < IMDS_STALE_EXTENSION)
		(*out)->expiration = now + IMDS_STALE_EXTENSION;
	return AWS_CREDS_FOUND;
}

/* Load the instance role's credentials from instance metadata. */
enum aws_creds_status
creds_imds_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	struct imds m = { .ctx = ctx };
	enum aws_creds_status st = AWS_CREDS_NOT_FOUND;
	char *role = NULL;
	cJSON *o = NULL;
	bool disabled = false;

	if (creds_resolve_bool(ctx, AWS_SETTING_EC2_METADATA_DISABLED,
	    &disabled, cause) < 0)
		return AWS_CREDS_ERROR;
	if (disabled) {
		creds_looked(looked, "EC2 instance metadata (disabled by "
		    "AWS_EC2_METADATA_DISABLED)");
		return AWS_CREDS_NOT_FOUND;
	}
	if (imds_settings(&m, cause) < 0) {
		st = AWS_CREDS_ERROR;
		goto cleanup;
	}
	if (imds_token(&m, cause) < 0) {
		if (m.why == NULL)
			st = AWS_CREDS_ERROR;
		goto cleanup;
	}
	o = imds_fetch(&m, &role);
	if (o != NULL)
		st = imds_credentials(&m, o, now, out);
cleanup:
	if (st == AWS_CREDS_NOT_FOUND)
		creds_looked(looked, "EC2 instance metadata at %s (%s)",
		    m.base ? m.base : "?", m.why ? m.why : "no role");
	creds_json_free(o);
	free(role);
	free(m.base);
	hs_free_secret(m.token);
	free(m.why);
	return st;
}

/*
 * creds-config.c: what the credential providers read from the config
 * files, the settings and the endpoints, through aws/config.h and
 * aws/endpoint.h (one place, so the providers do not each learn those
 * APIs).
 *
 * Profile values are botocore's full_config view (the credentials file
 * first, then the config file, key by key), except for the two static-key
 * providers, which read one file each. STS and SSO endpoints resolve as
 * the CLI's nested clients do: configured endpoint URLs first
 * (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, [services], endpoint_url),
 * then endpoints.json; STS in the profile's region (the global endpoint
 * without one), SSO in the profile's sso_region.
 */
#include "hs-common.h"
#include "creds-int.h"

/* botocore's metadata of the two services the chain calls. */
static const struct aws_service_meta sts_meta = {
	"STS", "sts", NULL, "sts.amazonaws.com",
};
static const struct aws_service_meta sso_meta = {
	"SSO", "portal.sso", "awsssoportal", NULL,
};

/* A profile's value (both files merged), or NULL. */
const char *
creds_profile_value(struct creds_ctx *ctx, const char *profile,
    const char *key)
{
	return aws_config_get(ctx->config, profile, key, NULL);
}

/* The path of one file. */
const char *
creds_file_path(struct creds_ctx *ctx, enum creds_file which)
{
	return aws_config_path(ctx->config, which == CREDS_FILE_CONFIG ?
	    AWS_CONFIG_KIND_CONFIG : AWS_CONFIG_KIND_CREDENTIALS);
}

/* A profile's value in one file only. */
const char *
creds_file_value(struct creds_ctx *ctx, enum creds_file which,
    const char *profile, const char *key)
{
	return aws_config_file_get(ctx->config, which == CREDS_FILE_CONFIG ?
	    AWS_CONFIG_KIND_CONFIG : AWS_CONFIG_KIND_CREDENTIALS, profile, key,
	    NULL);
}

/* Tell whether one file has the profile. */
bool
creds_file_has_profile(struct creds_ctx *ctx, enum creds_file which,
    const char *profile)
{
	return aws_config_file_has_profile(ctx->config,
	    which == CREDS_FILE_CONFIG ? AWS_CONFIG_KIND_CONFIG :
	    AWS_CONFIG_KIND_CREDENTIALS, profile);
}

/* Tell whether either file has the profile. */
bool
creds_profile_exists(struct creds_ctx *ctx, const char *profile)
{
	return aws_config_has_profile(ctx->config, profile);
}

/* A value of an [sso-session NAME] section. */
const char *
creds_sso_session_value(struct creds_ctx *ctx, const char *name,
    const char *key)
{
	return aws_config_sso_session_get(ctx->config, name, key, NULL);
}

bool
creds_sso_session_exists(struct creds_ctx *ctx, const char *name)
{
	return aws_config_has_sso_session(ctx->config, name);
}

/* Resolve a setting of the profile in use. */
int
creds_resolve(struct creds_ctx *ctx, enum aws_setting s, const char **value,
    char **cause)
{
	struct aws_setting_value v;

	if (aws_resolve(ctx->resolver, s, &v, cause) < 0)
		return -1;
	*value = v.value;
	return 0;
}

int
creds_resolve_bool(struct creds_ctx *ctx, enum aws_setting s, bool *value,
    char **cause)
{
	return aws_resolve_bool(ctx->resolver, s, value, NULL, cause);
}

int
creds_resolve_long(struct creds_ctx *ctx, enum aws_setting s, long *value,
    char **cause)
{
	return aws_resolve_long(ctx->resolver, s, value, NULL, cause);
}

/* Resolve SSO in its own region: endpoint URL settings still apply. */
static int
resolve_sso(struct creds_ctx *ctx, const char *region,
    struct aws_endpoint *ep, char **cause)
{
	struct aws_endpoint_params p = { 0 };
	struct aws_setting_value url;

	if (aws_resolve_endpoint_url(ctx->resolver, sso_meta.service_id, &url,
	    cause) < 0)
		return -1;
	p.region = region;
	p.endpoint_url = url.value;
	p.endpoint_url_from = url.from;
	return aws_endpoint_resolve_params(ctx->endpoints, &sso_meta, &p, ep,
	    cause);
}

/* Tell whether a configured endpoint URL applies to a service. */
static bool
configured(struct creds_ctx *ctx, const struct aws_service_meta *meta)
{
	struct aws_setting_value v;
	char *cause = NULL;

	if (aws_resolve_endpoint_url(ctx->resolver, meta->service_id, &v,
	    &cause) < 0) {
		free(cause);
		return true;	/* let the resolution report it */
	}
	return v.value != NULL;
}

/* Resolve a service's endpoint and point req at it. */
int
creds_endpoint(struct creds_ctx *ctx, const char *service, const char *region,
    struct aws_request *req, char **cause)
{
	struct aws_endpoint ep = AWS_ENDPOINT_INIT;
	bool sso = strcmp(service, "sso") == 0;
	const struct aws_service_meta *meta = sso ? &sso_meta : &sts_meta;
	int rc = -1;

	if (ctx->endpoints == NULL && !configured(ctx, meta)) {
		*cause = hs_xasprintf("cannot find the %s endpoint: botocore's "
		    "endpoints.json is not loaded", meta->service_id);
		return -1;
	}
	if ((sso ? resolve_sso(ctx, region, &ep, cause) :
	    aws_endpoint_resolve(ctx->endpoints, meta, ctx->resolver, &ep,
	    cause)) < 0)
		goto cleanup;
	rc = aws_endpoint_apply(&ep, req, NULL, cause);
cleanup:
	aws_endpoint_clear(&ep);
	return rc;
}

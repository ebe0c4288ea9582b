/*
 * endpoint-resolve.c: from a service's metadata and the settings to an
 * endpoint, as botocore's ClientArgsCreator and ClientEndpointBridge do
 * around construct_endpoint(): a configured URL first; S3's global
 * endpoint for us-east-1 (legacy mode) and no region; STS's global
 * endpoint for the legacy regions; a retry on the aws partition; the
 * model's globalEndpoint for a service endpoints.json does not know; and
 * "{service}.{region}.amazonaws.com" as the last resort.
 */
#include "hs-common.h"
#include "endpoint-int.h"

/* Regions where sts_regional_endpoints = legacy means sts.amazonaws.com. */
static const char *const sts_legacy_regions[] = {
	"ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	"aws-global", "ca-central-1", "eu-central-1", "eu-north-1",
	"eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1",
	"us-east-2", "us-west-1", "us-west-2",
};

/* botocore's validate_region_name: a DNS label, not all digits. */
static bool
valid_region(const char *s)
{
	size_t n = strlen(s), i;
	bool digits = true;

	if (n > 63 || (n > 0 && (s[0] == '-' || s[n - 1] == '-')))
		return false;
	for (i = 0; i < n; i++) {
		bool d = s[i] >= '0' && s[i] <= '9';

		if (!d && !(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '-')
			return false;
		digits &= d;
	}
	return n > 0 && !digits;
}

static const char *
signing_name(const struct aws_service_meta *m)
{
	return m->signing_name ? m->signing_name : m->endpoint_prefix;
}

/* Fill the parts every endpoint has. */
static void
fill(struct aws_endpoint *out, const char *scheme, const char *host,
    const char *service, const char *region)
{
	out->scheme = hs_xstrdup(scheme);
	out->host = hs_xstrdup(host);
	out->path = hs_xstrdup("");
	out->signing_service = hs_xstrdup(service);
	out->signing_region = hs_xstrdup(region);
}

/* A configured endpoint URL: sign for the region, no variants. */
static int
from_url(const struct aws_service_meta *m, const struct aws_endpoint_params *p,
    struct aws_endpoint *out, char **cause)
{
	struct aws_request r = AWS_REQUEST_INIT;
	const char *region = p->region;
	int rc = -1;

	if (aws_request_set_endpoint(&r, p->endpoint_url, cause) < 0)
		goto cleanup;
	if (region == NULL && strcmp(m->endpoint_prefix, "s3") != 0) {
		*cause = hs_xasprintf("you must specify a region to sign "
		    "requests to '%s': use --region, set AWS_REGION, or add "
		    "'region' to the profile", p->endpoint_url);
		goto cleanup;
	}
	fill(out, r.scheme, r.host, signing_name(m), region ? region :
	    "us-east-1");
	out->port = r.port;
	free(out->path);
	out->path = hs_xstrdup(r.path ? r.path : "");
	out->configured = true;
	out->source = hs_xasprintf("endpoint %s", p->endpoint_url_from ?
	    p->endpoint_url_from : "configured");
	rc = 0;
cleanup:
	aws_request_clear(&r);
	return rc;
}

/* Turn what construct_endpoint() found into the endpoint. */
static void
from_resolved(const struct aws_service_meta *m, const struct aws_resolved *r,
    struct aws_endpoint *out)
{
	fill(out, r->https ? "https" : "http", r->hostname, r->scope_service ?
	    r->scope_service : signing_name(m), r->scope_region ?
	    r->scope_region : r->endpoint_name);
	out->partition = hs_xstrdup(r->partition->name);
	out->source = hs_xasprintf("endpoint from endpoints.json (partition "
	    "%s, %s %s)", r->partition->name, m->endpoint_prefix,
	    r->endpoint_name);
}

/* Tell whether STS goes to sts.amazonaws.com (sts_regional = legacy). */
static bool
sts_global(const struct aws_service_meta *m,
    const struct aws_endpoint_params *p, const char *region)
{
	size_t i;

	if (strcmp(m->endpoint_prefix, "sts") != 0 || !p->sts_legacy ||
	    p->use_fips || p->use_dualstack || region == NULL)
		return false;
	for (i = 0; i < HS_ARRAY_SIZE(sts_legacy_regions); i++)
		if (strcmp(region, sts_legacy_regions[i]) == 0)
			return true;
	return false;
}

/* Tell whether any partition of endpoints.json lists the service. */
static bool
service_known(const struct aws_endpoints *eps, const char *prefix)
{
	size_t i;

	for (i = 0; i < eps->n; i++)
		if (cJSON_GetObjectItemCaseSensitive(eps->parts[i].services,
		    prefix) != NULL)
			return true;
	return false;
}

/*
 * The model's globalEndpoint, for a service endpoints.json does not know
 * (botocore would template "{prefix}.{region}.amazonaws.com", which is
 * wrong for a global service): 1 used, 0 not applicable.
 */
static int
from_global(const struct aws_endpoints *eps, const struct aws_service_meta *m,
    const char *region, struct aws_endpoint *out)
{
	const char *part = region ? aws_endpoints_partition_of(eps, region) :
	    "aws";

	if (m->global_endpoint == NULL || part == NULL ||
	    strcmp(part, "aws") != 0 || service_known(eps, m->endpoint_prefix))
		return 0;
	fill(out, "https", m->global_endpoint, signing_name(m), "us-east-1");
	out->partition = hs_xstrdup("aws");
	out->source = hs_xasprintf("endpoint from the model's globalEndpoint "
	    "(%s)", m->global_endpoint);
	return 1;
}

/* Resolve from endpoints.json, with botocore's S3 and STS special cases. */
static int
from_data(const struct aws_endpoints *eps, const struct aws_service_meta *m,
    const struct aws_endpoint_params *p, struct aws_endpoint *out,
    char **cause)
{
	struct aws_resolved r;
	const char *region = p->region;
	bool s3 = strcmp(m->endpoint_prefix, "s3") == 0;
	int k;

	if (s3 && region == NULL)
		region = "us-east-1";
	if (s3 && strcmp(region, "us-east-1") == 0 && !p->s3_us_east_1_regional &&
	    !p->use_fips && !p->use_dualstack)
		region = NULL;		/* the partition endpoint: aws-global */
	if (sts_global(m, p, region)) {
		fill(out, "https", "sts.amazonaws.com", signing_name(m),
		    "us-east-1");
		out->partition = hs_xstrdup("aws");
		out->source = hs_xstrdup("endpoint from sts_regional_endpoints "
		    "= legacy");
		return 0;
	}
	if (from_global(eps, m, region, out))
		return 0;
	k = aws_endpoints_construct(eps, m->endpoint_prefix, region, NULL,
	    p->use_fips, p->use_dualstack, &r, cause);
	if (k == 0)	/* a region no partition knows: try aws anyway */
		k = aws_endpoints_construct(eps, m->endpoint_prefix, region,
		    "aws", p->use_fips, p->use_dualstack, &r, cause);
	if (k <= 0) {
		if (k == 0)
			*cause = hs_xasprintf("endpoints.json has no aws "
			    "partition to resolve '%s' in", m->endpoint_prefix);
		return -1;
	}
	from_resolved(m, &r, out);
	aws_resolved_clear(&r);
	return 0;
}

/* Resolve an endpoint from explicit parameters. */
int
aws_endpoint_resolve_params(const struct aws_endpoints *eps,
    const struct aws_service_meta *meta, const struct aws_endpoint_params *p,
    struct aws_endpoint *out, char **cause)
{
	int rc;

	aws_endpoint_clear(out);
	if (meta->endpoint_prefix == NULL || *meta->endpoint_prefix == '\0') {
		*cause = hs_xstrdup("cannot resolve an endpoint: the service "
		    "model has no endpointPrefix");
		return -1;
	}
	if (p->region != NULL && !valid_region(p->region)) {
		*cause = hs_xasprintf("invalid region '%s': expected a region "
		    "name such as us-east-1", p->region);
		return -1;
	}
	if (p->endpoint_url != NULL)
		rc = from_url(meta, p, out, cause);
	else
		rc = from_data(eps, meta, p, out, cause);
	if (rc < 0) {
		aws_endpoint_clear(out);
		return -1;
	}
	out->s3 = strcmp(meta->endpoint_prefix, "s3") == 0;
	out->s3_addressing = p->s3_addressing;
	return 0;
}

/* Free the strings of an endpoint; it is left empty. */
void
aws_endpoint_clear(struct aws_endpoint *ep)
{
	struct aws_endpoint empty = AWS_ENDPOINT_INIT;

	free(ep->scheme);
	free(ep->host);
	free(ep->path);
	free(ep->signing_service);
	free(ep->signing_region);
	free(ep->partition);
	free(ep->source);
	*ep = empty;
}

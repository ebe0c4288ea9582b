/*
 * endpoint-config.c: resolve an endpoint with the settings a resolver
 * answers (region, FIPS, dual-stack, S3 and STS options, the configured
 * endpoint URL), so the shell needs one call per service.
 */
#include "hs-common.h"
#include "endpoint-int.h"

/* Read the S3 and STS settings into the parameters. */
static int
read_options(struct aws_resolver *res, struct aws_endpoint_params *p,
    char **cause)
{
	struct aws_setting_value v;

	if (aws_resolve(res, AWS_SETTING_S3_ADDRESSING_STYLE, &v, cause) < 0)
		return -1;
	p->s3_addressing = strcmp(v.value, "path") == 0 ?
	    AWS_S3_ADDRESSING_PATH : strcmp(v.value, "virtual") == 0 ?
	    AWS_S3_ADDRESSING_VIRTUAL : AWS_S3_ADDRESSING_AUTO;
	if (aws_resolve(res, AWS_SETTING_S3_US_EAST_1_REGIONAL_ENDPOINT, &v,
	    cause) < 0)
		return -1;
	p->s3_us_east_1_regional = strcmp(v.value, "regional") == 0;
	if (aws_resolve(res, AWS_SETTING_STS_REGIONAL_ENDPOINTS, &v, cause) < 0)
		return -1;
	p->sts_legacy = strcmp(v.value, "legacy") == 0;
	return 0;
}

/* Resolve an endpoint with the settings of a resolver. */
int
aws_endpoint_resolve(const struct aws_endpoints *eps,
    const struct aws_service_meta *meta, struct aws_resolver *res,
    struct aws_endpoint *out, char **cause)
{
	struct aws_endpoint_params p;
	struct aws_setting_value region, url;
	char *from = NULL;
	int rc = -1;

	memset(&p, 0, sizeof p);
	if (aws_resolve(res, AWS_SETTING_REGION, &region, cause) < 0 ||
	    aws_resolve_bool(res, AWS_SETTING_USE_FIPS_ENDPOINT, &p.use_fips,
	    NULL, cause) < 0 || aws_resolve_bool(res,
	    AWS_SETTING_USE_DUALSTACK_ENDPOINT, &p.use_dualstack, NULL,
	    cause) < 0 || read_options(res, &p, cause) < 0)
		goto cleanup;
	if (aws_resolve_endpoint_url(res, meta->service_id ?
	    meta->service_id : meta->endpoint_prefix, &url, cause) < 0)
		goto cleanup;
	p.region = region.value;
	p.endpoint_url = url.value;
	if (url.value != NULL) {
		from = aws_setting_describe("", &url);
		p.endpoint_url_from = from + 1;		/* "from X" */
	}
	rc = aws_endpoint_resolve_params(eps, meta, &p, out, cause);
cleanup:
	free(from);
	return rc;
}

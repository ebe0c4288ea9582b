/*
 * endpoint.h: where a request goes and how it is signed - from botocore's
 * endpoints.json and the service model's metadata, or from a configured
 * endpoint URL.
 *
 * Resolution follows botocore's EndpointResolver and ClientArgsCreator:
 * partitions (aws, aws-cn, aws-us-gov, aws-iso...) matched by region list
 * or regionRegex, each with its DNS suffix; per-service endpoints with
 * credentialScope (global services such as IAM sign for us-east-1 at
 * iam.amazonaws.com through partitionEndpoint/isRegionalized); FIPS and
 * dual-stack variants; S3 at s3.amazonaws.com for us-east-1 unless
 * s3.us_east_1_regional_endpoint = regional; STS at sts.amazonaws.com
 * for the legacy regions when sts_regional_endpoints = legacy; a region
 * in no partition gets "{service}.{region}.amazonaws.com". A configured
 * endpoint URL (--endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, ...) wins
 * over all of this, signs for the configured region, and turns FIPS and
 * dual-stack off, as in the CLI.
 *
 * S3 buckets go in the host name (virtual-hosted style) by default, and
 * in the path when addressing_style = path, when the bucket name is not
 * DNS-compatible (dots, upper case, under 3 or over 63 characters, an IP
 * address), or with a configured endpoint URL unless addressing_style =
 * virtual - the CLI's rules.
 *
 * Ownership: a loaded aws_endpoints is read-only and may be shared; the
 * strings of a struct aws_endpoint belong to it (aws_endpoint_clear()).
 * Arguments are borrowed; an aws_endpoint passed out must be
 * initialised (AWS_ENDPOINT_INIT) or cleared. Errors come back through
 * char **cause (caller frees); nothing prints.
 */
#ifndef HS_AWS_ENDPOINT_H
#define HS_AWS_ENDPOINT_H

#include "hs-common.h"
#include "config.h"
#include "request.h"

/* botocore's endpoints.json, loaded and indexed. */
struct aws_endpoints;

/* What the caller knows about the service, from its model's metadata. */
struct aws_service_meta {
	const char *service_id;		/* metadata.serviceId: "S3", "CloudWatch Logs" */
	const char *endpoint_prefix;	/* metadata.endpointPrefix: "s3", "logs", "api.ecr" */
	const char *signing_name;	/* metadata.signingName, or NULL (endpoint_prefix) */
	const char *global_endpoint;	/* metadata.globalEndpoint ("iam.amazonaws.com") or NULL */
};

/* How S3 buckets are addressed (s3.addressing_style). */
enum aws_s3_addressing {
	AWS_S3_ADDRESSING_AUTO,		/* virtual-hosted when the name allows it */
	AWS_S3_ADDRESSING_VIRTUAL,	/* virtual-hosted, even with a configured URL */
	AWS_S3_ADDRESSING_PATH,		/* always in the path */
};

/* The settings that steer resolution (see aws_endpoint_resolve()). */
struct aws_endpoint_params {
	const char *region;		/* NULL: not set */
	const char *endpoint_url;	/* a configured URL, or NULL */
	const char *endpoint_url_from;	/* where that URL came from, for messages */
	bool use_fips;			/* use_fips_endpoint */
	bool use_dualstack;		/* use_dualstack_endpoint */
	enum aws_s3_addressing s3_addressing;
	bool s3_us_east_1_regional;	/* s3.us_east_1_regional_endpoint = regional */
	bool sts_legacy;		/* sts_regional_endpoints = legacy */
};

/* A resolved endpoint. */
struct aws_endpoint {
	char *scheme;		/* "https" (or "http" for a configured URL) */
	char *host;		/* without the port; "[::1]" for IPv6 */
	int port;		/* 0: the scheme's default */
	char *path;		/* base path of a configured URL ("" or "/base") */
	char *signing_service;	/* credentialScope.service, signingName, or prefix */
	char *signing_region;	/* credentialScope.region, or the region */
	char *partition;	/* "aws", "aws-cn", ...; NULL for a configured URL */
	bool configured;	/* from a configured endpoint URL */
	bool s3;		/* S3 bucket addressing applies */
	enum aws_s3_addressing s3_addressing;
	char *source;		/* "endpoint from AWS_ENDPOINT_URL_S3", "endpoint
				 * from endpoints.json (partition aws, iam
				 * aws-global)": for messages and --debug */
};

#define AWS_ENDPOINT_INIT { NULL, NULL, 0, NULL, NULL, NULL, NULL, false, \
	false, AWS_S3_ADDRESSING_AUTO, NULL }

/* Load endpoints.json (botocore's data folder); -1 with *cause. */
int aws_endpoints_load(struct aws_endpoints **out, const char *path,
    char **cause);
void aws_endpoints_free(struct aws_endpoints *eps);
/* The DNS suffix of a partition ("amazonaws.com.cn"), or NULL. */
const char *aws_endpoints_dns_suffix(const struct aws_endpoints *eps,
    const char *partition);
/* The partition of a region ("aws-us-gov"), or NULL when none matches. */
const char *aws_endpoints_partition_of(const struct aws_endpoints *eps,
    const char *region);

/*
 * Resolve an endpoint from explicit parameters. Fails with the CLI's
 * reasons: no region for a regional service, an invalid region name, a
 * FIPS or dual-stack variant that does not exist, a bad endpoint URL.
 */
int aws_endpoint_resolve_params(const struct aws_endpoints *eps,
    const struct aws_service_meta *meta, const struct aws_endpoint_params *p,
    struct aws_endpoint *out, char **cause);
/*
 * Resolve an endpoint with the settings of a resolver: region,
 * use_fips_endpoint, use_dualstack_endpoint, s3.addressing_style,
 * s3.us_east_1_regional_endpoint, sts_regional_endpoints and the
 * configured endpoint URL (aws_resolve_endpoint_url()).
 */
int aws_endpoint_resolve(const struct aws_endpoints *eps,
    const struct aws_service_meta *meta, struct aws_resolver *res,
    struct aws_endpoint *out, char **cause);
/* Free the strings of an endpoint; it is left empty. */
void aws_endpoint_clear(struct aws_endpoint *ep);

/* Tell whether a bucket would be addressed virtual-hosted style. */
bool aws_endpoint_s3_virtual(const struct aws_endpoint *ep,
    const char *bucket);
/* Tell whether a bucket name can be a host label (botocore's rule). */
bool aws_s3_bucket_hostable(const char *bucket, bool allow_dots);

/*
 * Point a request at an endpoint: scheme, host, port, the base path
 * joined with r->path as botocore's _urljoin, signing service and region.
 * For S3 pass the bucket (else NULL): r->path is the serialised
 * "/BUCKET/KEY"; in virtual-hosted style the bucket moves to the host.
 * Any Host header is removed (the signer sets the right one).
 */
int aws_endpoint_apply(const struct aws_endpoint *ep, struct aws_request *r,
    const char *bucket, char **cause);

#endif

/*
 * endpoint-int.h: what the endpoint-*.c files share; not for other
 * modules.
 */
#ifndef HS_AWS_ENDPOINT_INT_H
#define HS_AWS_ENDPOINT_INT_H

#include "hs-common.h"
#include "endpoint.h"

#include <cjson/cJSON.h>
#include <regex.h>

/* One partition of endpoints.json. */
struct aws_partition {
	const cJSON *json;
	const char *name;		/* "aws" */
	const char *dns_suffix;		/* "amazonaws.com" */
	const cJSON *regions;		/* object keyed by region */
	const cJSON *services;		/* object keyed by endpoint prefix */
	const cJSON *defaults;		/* may be NULL */
	regex_t re;
	bool has_re;
};

struct aws_endpoints {
	cJSON *root;
	struct aws_partition *parts;
	size_t n;
};

/* What botocore's EndpointResolver.construct_endpoint() returns. */
struct aws_resolved {
	const struct aws_partition *partition;
	char *endpoint_name;		/* the region or partition endpoint */
	char *hostname;
	const char *scope_region;	/* credentialScope.region, or NULL */
	const char *scope_service;	/* credentialScope.service, or NULL */
	bool https;			/* "https" in protocols */
};

/* endpoint-data.c */
/* Tell whether a region belongs to a partition (list or regionRegex). */
bool aws_partition_matches(const struct aws_partition *p, const char *region);
/* Translate a Python regular expression of endpoints.json to POSIX ERE. */
char *aws_endpoint_regex_to_ere(const char *py);

/* endpoint-legacy.c */
/*
 * botocore's construct_endpoint(): 1 resolved, 0 no partition knows the
 * region, -1 with *cause (no region, missing variant). partition forces
 * one partition (NULL: try each).
 */
int aws_endpoints_construct(const struct aws_endpoints *eps,
    const char *service, const char *region, const char *partition,
    bool fips, bool dualstack, struct aws_resolved *out, char **cause);
void aws_resolved_clear(struct aws_resolved *r);

#endif

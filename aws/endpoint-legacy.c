/*
 * endpoint-legacy.c: botocore's EndpointResolver.construct_endpoint()
 * over endpoints.json, step for step.
 *
 * For each partition in order: the service's own endpoint for the region
 * if it lists one; else, if the region belongs to the partition, the
 * partition endpoint of a non-regionalized service (IAM, CloudFront) or
 * the templated "{service}.{region}.{dnsSuffix}". With FIPS or
 * dual-stack, the variant whose tags are exactly the wanted set is taken
 * from the endpoint, then the service defaults, then the partition
 * defaults; its keys come first, then the endpoint's, then the
 * defaults'. dnsSuffix comes from the variants or the endpoint, else
 * the partition.
 */
#include "hs-common.h"
#include "endpoint-int.h"

/* Partitions without dual-stack endpoints (botocore's list). */
static const char *const no_dualstack[] = { "aws-iso", "aws-iso-b" };

static const cJSON *
item(const cJSON *obj, const char *key)
{
	return obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

/* Tell whether a JSON array of strings holds s. */
static bool
has_string(const cJSON *array, const char *s)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, array)
		if (cJSON_IsString(v) && strcmp(v->valuestring, s) == 0)
			return true;
	return false;
}

/* The first variant of obj whose tags are exactly the wanted set. */
static const cJSON *
find_variant(const cJSON *obj, bool fips, bool dualstack)
{
	const cJSON *v, *tags;

	cJSON_ArrayForEach(v, item(obj, "variants")) {
		tags = item(v, "tags");
		if (cJSON_GetArraySize(tags) == (int)fips + (int)dualstack &&
		    (!fips || has_string(tags, "fips")) &&
		    (!dualstack || has_string(tags, "dualstack")))
			return v;
	}
	return NULL;
}

/* The first object of a chain that has key. */
static const cJSON *
chain_get(const cJSON *const *chain, size_t n, const char *key)
{
	size_t i;
	const cJSON *v;

	for (i = 0; i < n; i++)
		if ((v = item(chain[i], key)) != NULL)
			return v;
	return NULL;
}

/* Replace {service}, {region} and {dnsSuffix} in a hostname template. */
static char *
expand(const char *tmpl, const char *service, const char *region,
    const char *dns)
{
	static const char *const names[] = { "{service}", "{region}",
		"{dnsSuffix}" };
	const char *values[] = { service, region, dns };
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	while (*tmpl != '\0') {
		for (i = 0; i < HS_ARRAY_SIZE(names); i++)
			if (hs_starts_with(tmpl, names[i]))
				break;
		if (i < HS_ARRAY_SIZE(names)) {
			hs_buf_adds(&b, values[i]);
			tmpl += strlen(names[i]);
		} else
			hs_buf_addch(&b, *tmpl++);
	}
	return hs_buf_detach(&b, NULL);
}

/* Build the chain [variants..., endpoint, service and partition defaults]. */
static int
build_chain(const cJSON *chain[6], const cJSON *e, const cJSON *sd,
    const cJSON *pd, bool fips, bool dualstack)
{
	memset(chain, 0, 6 * sizeof *chain);
	if (fips || dualstack) {
		chain[0] = find_variant(e, fips, dualstack);
		chain[1] = find_variant(sd, fips, dualstack);
		chain[2] = find_variant(pd, fips, dualstack);
		if (!chain[0] && !chain[1] && !chain[2])
			return -1;
	}
	chain[3] = e;
	chain[4] = sd;
	chain[5] = pd;
	return 0;
}

/* botocore's _resolve(): one endpoint of one partition. */
static int
resolve(const struct aws_partition *p, const char *service,
    const cJSON *sdata, const char *name, bool fips, bool dualstack,
    struct aws_resolved *out, char **cause)
{
	const cJSON *chain[6], *host, *dns, *scope, *protocols;

	if (build_chain(chain, item(item(sdata, "endpoints"), name),
	    item(sdata, "defaults"), p->defaults, fips, dualstack) < 0) {
		*cause = hs_xasprintf("there is no %s%s%s endpoint for '%s' in "
		    "'%s' (partition %s)", fips ? "FIPS" : "", fips &&
		    dualstack ? " dual-stack" : "", !fips ? "dual-stack" : "",
		    service, name, p->name);
		return -1;
	}
	host = chain_get(chain, 6, "hostname");
	dns = chain_get(chain, 4, "dnsSuffix");
	scope = chain_get(chain, 6, "credentialScope");
	protocols = chain_get(chain, 6, "protocols");
	if (!cJSON_IsString(host)) {
		*cause = hs_xasprintf("endpoints.json has no hostname for '%s' "
		    "in '%s'", service, name);
		return -1;
	}
	out->partition = p;
	out->endpoint_name = hs_xstrdup(name);
	out->hostname = expand(host->valuestring, service, name,
	    cJSON_IsString(dns) ? dns->valuestring : p->dns_suffix);
	out->scope_region = cJSON_GetStringValue(item(scope, "region"));
	out->scope_service = cJSON_GetStringValue(item(scope, "service"));
	out->https = protocols == NULL || has_string(protocols, "https");
	return 1;
}

/* botocore's _endpoint_for_partition(). */
static int
for_partition(const struct aws_partition *p, const char *service,
    const char *region, bool fips, bool dualstack, bool force,
    struct aws_resolved *out, char **cause)
{
	const cJSON *sdata = item(p->services, service);
	const cJSON *pe = item(sdata, "partitionEndpoint");
	const cJSON *regionalized = item(sdata, "isRegionalized");
	size_t i;

	for (i = 0; dualstack && i < HS_ARRAY_SIZE(no_dualstack); i++)
		if (strcmp(p->name, no_dualstack[i]) == 0) {
			*cause = hs_xasprintf("dual-stack endpoints are not "
			    "supported in partition %s", p->name);
			return -1;
		}
	if (region == NULL) {
		if (!cJSON_IsString(pe)) {
			*cause = hs_xstrdup("you must specify a region: use "
			    "--region, set AWS_REGION, or add 'region' to the "
			    "profile");
			return -1;
		}
		region = pe->valuestring;
	}
	if (item(item(sdata, "endpoints"), region) != NULL)
		return resolve(p, service, sdata, region, fips, dualstack, out,
		    cause);
	if (!force && !aws_partition_matches(p, region))
		return 0;
	if (cJSON_IsString(pe) && cJSON_IsFalse(regionalized))
		region = pe->valuestring;
	return resolve(p, service, sdata, region, fips, dualstack, out, cause);
}

/* botocore's construct_endpoint(). */
int
aws_endpoints_construct(const struct aws_endpoints *eps,
    const char *service, const char *region, const char *partition,
    bool fips, bool dualstack, struct aws_resolved *out, char **cause)
{
	size_t i, j;
	int k;

	memset(out, 0, sizeof *out);
	if (strcmp(service, "s3") == 0 && dualstack && region == NULL)
		region = "us-east-1";
	for (i = 0; i < eps->n; i++) {
		const struct aws_partition *p = &eps->parts[i];
		bool skip = false;

		if (partition != NULL) {
			if (strcmp(p->name, partition) == 0)
				return for_partition(p, service, region, fips,
				    dualstack, true, out, cause);
			continue;
		}
		for (j = 0; dualstack && j < HS_ARRAY_SIZE(no_dualstack); j++)
			skip |= strcmp(p->name, no_dualstack[j]) == 0;
		if (!skip && (k = for_partition(p, service, region, fips,
		    dualstack, false, out, cause)) != 0)
			return k;
	}
	return 0;
}

void
aws_resolved_clear(struct aws_resolved *r)
{
	free(r->endpoint_name);
	free(r->hostname);
	memset(r, 0, sizeof *r);
}

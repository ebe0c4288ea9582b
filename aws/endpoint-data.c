/*
 * endpoint-data.c: load botocore's endpoints.json and index its
 * partitions; match a region to its partition by the partition's region
 * list or its regionRegex.
 *
 * The regexes are Python's ("^(us|eu|ap)\-\w+\-\d+$"); they are
 * translated to POSIX extended expressions (\d, \w, \s and escaped
 * punctuation) and compiled once.
 */
#include "hs-common.h"
#include "endpoint-int.h"

#include <errno.h>

#define MAX_ENDPOINTS_SIZE (64 << 20)

/* Translate a Python regular expression to POSIX ERE. */
char *
aws_endpoint_regex_to_ere(const char *py)
{
	struct hs_buf b = HS_BUF_INIT;

	for (; *py != '\0'; py++) {
		if (*py != '\\' || py[1] == '\0') {
			hs_buf_addch(&b, *py);
			continue;
		}
		py++;
		if (*py == 'd')
			hs_buf_adds(&b, "[0-9]");
		else if (*py == 'w')
			hs_buf_adds(&b, "[A-Za-z0-9_]");
		else if (*py == 's')
			hs_buf_adds(&b, "[[:space:]]");
		else if (strchr(".[]()*+?{}|^$\\", *py) != NULL)
			hs_buf_addf(&b, "\\%c", *py);
		else
			hs_buf_addch(&b, *py);
	}
	return hs_buf_detach(&b, NULL);
}

/* Tell whether a region belongs to a partition. */
bool
aws_partition_matches(const struct aws_partition *p, const char *region)
{
	if (cJSON_GetObjectItemCaseSensitive(p->regions, region) != NULL)
		return true;
	return p->has_re && regexec(&p->re, region, 0, NULL, 0) == 0;
}

/* Read the whole file. */
static char *
read_all(const char *path, char **cause)
{
	struct hs_buf b = HS_BUF_INIT_CAP(MAX_ENDPOINTS_SIZE);
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (hs_buf_add(&b, chunk, n) < 0)
			break;
	if (ferror(f) || hs_buf_failed(&b)) {
		*cause = hs_xasprintf("cannot read '%s'", path);
		fclose(f);
		hs_buf_release(&b);
		return NULL;
	}
	fclose(f);
	return hs_buf_detach(&b, NULL);
}

/* Index one partition; -1 with *cause when it lacks what we need. */
static int
index_partition(struct aws_partition *p, const cJSON *json,
    const char *path, char **cause)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(json, "partition");
	const cJSON *dns = cJSON_GetObjectItemCaseSensitive(json, "dnsSuffix");
	const cJSON *re = cJSON_GetObjectItemCaseSensitive(json, "regionRegex");
	char *ere;

	p->json = json;
	p->regions = cJSON_GetObjectItemCaseSensitive(json, "regions");
	p->services = cJSON_GetObjectItemCaseSensitive(json, "services");
	p->defaults = cJSON_GetObjectItemCaseSensitive(json, "defaults");
	if (!cJSON_IsString(name) || !cJSON_IsString(dns) ||
	    !cJSON_IsObject(p->services)) {
		*cause = hs_xasprintf("'%s' is not an endpoints.json file: a "
		    "partition lacks partition, dnsSuffix or services", path);
		return -1;
	}
	p->name = name->valuestring;
	p->dns_suffix = dns->valuestring;
	if (cJSON_IsString(re)) {
		ere = aws_endpoint_regex_to_ere(re->valuestring);
		p->has_re = regcomp(&p->re, ere, REG_EXTENDED | REG_NOSUB) == 0;
		free(ere);
		if (!p->has_re) {
			*cause = hs_xasprintf("'%s': cannot compile the "
			    "regionRegex of partition '%s'", path, p->name);
			return -1;
		}
	}
	return 0;
}

/* Load endpoints.json. */
int
aws_endpoints_load(struct aws_endpoints **out, const char *path,
    char **cause)
{
	struct aws_endpoints *eps = hs_xcalloc(1, sizeof *eps);
	const cJSON *parts, *p;
	char *text = read_all(path, cause);

	*out = NULL;
	if (text == NULL)
		goto fail;
	eps->root = cJSON_Parse(text);
	free(text);
	parts = cJSON_GetObjectItemCaseSensitive(eps->root, "partitions");
	if (!cJSON_IsArray(parts) || cJSON_GetArraySize(parts) == 0) {
		*cause = hs_xasprintf("'%s' is not an endpoints.json file: no "
		    "partitions", path);
		goto fail;
	}
	eps->parts = hs_xcalloc((size_t)cJSON_GetArraySize(parts),
	    sizeof *eps->parts);
	cJSON_ArrayForEach(p, parts)
		if (index_partition(&eps->parts[eps->n++], p, path, cause) < 0)
			goto fail;
	*out = eps;
	return 0;
fail:
	aws_endpoints_free(eps);
	return -1;
}

void
aws_endpoints_free(struct aws_endpoints *eps)
{
	size_t i;

	if (eps == NULL)
		return;
	for (i = 0; i < eps->n; i++)
		if (eps->parts[i].has_re)
			regfree(&eps->parts[i].re);
	free(eps->parts);
	cJSON_Delete(eps->root);
	free(eps);
}

/* The DNS suffix of a partition, or NULL. */
const char *
aws_endpoints_dns_suffix(const struct aws_endpoints *eps,
    const char *partition)
{
	size_t i;

	for (i = 0; i < eps->n; i++)
		if (strcmp(eps->parts[i].name, partition) == 0)
			return eps->parts[i].dns_suffix;
	return NULL;
}

/* The partition of a region, or NULL. */
const char *
aws_endpoints_partition_of(const struct aws_endpoints *eps,
    const char *region)
{
	size_t i;

	for (i = 0; i < eps->n; i++)
		if (aws_partition_matches(&eps->parts[i], region))
			return eps->parts[i].name;
	return NULL;
}

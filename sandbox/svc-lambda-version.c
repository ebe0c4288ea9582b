/*
 * svc-lambda-version.c: PublishVersion (a new version only when code or
 * configuration changed since the newest one, as Lambda does; CodeSha256
 * and RevisionId guard against publishing something else than meant)
 * and ListVersionsByFunction.
 */
#include "hs-common.h"
#include "lambda.h"

/* PublishVersion. */
int
sbx_lambda_publish_version(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 }, v = { 0 };
	const char *sha = sbx_in_str(c, "CodeSha256");
	const char *rev = sbx_in_str(c, "RevisionId");
	char newrev[37], *cause = NULL;
	int rc = -1;

	if (sbx_lambda_load(c, "lambda:PublishVersion", &f) != 0)
		return -1;
	if (sha != NULL && strcmp(sha, f.code_sha) != 0)
		sbx_fail(c, 400, "InvalidParameterValueException", "CodeSHA256 "
		    "(%s) is different from current CodeSHA256 in $LATEST (%s). "
		    "Please try again with the CodeSHA256 in $LATEST.", sha,
		    f.code_sha);
	else if (rev != NULL && strcmp(rev, f.revision) != 0)
		sbx_fail(c, 412, "PreconditionFailedException", "The Revision Id "
		    "provided does not match the latest Revision Id. Call the "
		    "GetFunction/GetAlias API to retrieve the latest Revision Id");
	else {
		sbx_api_uuid(newrev);
		if (sbx_lambda_fn_publish(c->sb->store, f.name, sbx_in_str(c,
		    "Description"), c->now_ms, newrev, &v, &cause) != 0)
			sbx_api_internal(c, cause);
		else {
			c->output = sbx_lambda_config_json(c->sb, &v,
			    LAMBDA_FORM_ACTIVE);
			rc = 0;
		}
	}
	sbx_lambda_fn_clear(&v);
	sbx_lambda_fn_clear(&f);
	return rc;
}

/* ListVersionsByFunction (Marker: the first version of the page). */
int
sbx_lambda_list_versions_by_function(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 }, *vs = NULL;
	const char *marker = sbx_in_str(c, "Marker");
	long max = sbx_in_long(c, "MaxItems", 50);
	char *cause = NULL;
	size_t n = 0, i = 0, k;
	cJSON *list;

	if (sbx_lambda_load(c, "lambda:ListVersionsByFunction", &f) != 0)
		return -1;
	if (sbx_lambda_fn_versions(c->sb->store, f.name, &vs, &n, &cause) != 0) {
		sbx_lambda_fn_clear(&f);
		return sbx_api_internal(c, cause);
	}
	while (marker != NULL && i < n && strcmp(vs[i].version, marker) != 0)
		i++;
	if (i == n)
		i = 0;
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "Versions");
	for (k = i; k < n && k < i + (size_t)(max < 1 ? 50 : max); k++)
		cJSON_AddItemToArray(list, sbx_lambda_config_json(c->sb, &vs[k],
		    LAMBDA_FORM_LISTED));
	if (k < n)
		cJSON_AddStringToObject(c->output, "NextMarker", vs[k].version);
	sbx_lambda_fns_free(vs, n);
	sbx_lambda_fn_clear(&f);
	return 0;
}
